"""Sealed ballots, eligibility rules of an election, and the ballot box rewritten in random order.

Ballots cast before this migration were written to the ballot box in voting order, in the voter's
transaction. They are written again here, per election, in random order and under new random keys,
so that their rows' order and transaction no longer match the voter records. Existing elections
keep the rule the code applied so far: only member organisations vote (and now: stand).
"""

import random
import uuid

import django.db.models.deletion
from django.db import migrations, models

import vigie.network.models.elections


def rewrite_ballot_box(apps, schema_editor):
    db = schema_editor.connection.alias
    ballots = apps.get_model("network", "CouncilBallot").objects.using(db)
    shuffle = random.SystemRandom().shuffle
    for election_id in set(ballots.values_list("election_id", flat=True)):
        rows = list(ballots.filter(election_id=election_id).values("receipt_hash", "candidate_ids"))
        shuffle(rows)
        ballots.filter(election_id=election_id).delete()
        ballots.bulk_create(
            [ballots.model(id=uuid.uuid4(), election_id=election_id, **row) for row in rows]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_rename_ballot_councilballot"),
    ]

    operations = [
        migrations.AddField(
            model_name="election",
            name="candidate_statuses",
            field=models.JSONField(
                default=vigie.network.models.elections.member_only,
                help_text="Organisations whose membership has one of these statuses may stand.",
                validators=[vigie.network.models.elections.check_statuses],
                verbose_name="membership statuses that may stand",
            ),
        ),
        migrations.AddField(
            model_name="election",
            name="voter_statuses",
            field=models.JSONField(
                default=vigie.network.models.elections.member_only,
                help_text="Organisations whose membership has one of these statuses may vote.",
                validators=[vigie.network.models.elections.check_statuses],
                verbose_name="membership statuses that may vote",
            ),
        ),
        migrations.CreateModel(
            name="SealedBallot",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("sealed", models.TextField()),
                (
                    "election",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sealed_ballots",
                        to="network.election",
                    ),
                ),
            ],
            options={
                "verbose_name": "sealed ballot",
                "verbose_name_plural": "sealed ballots",
            },
        ),
        # Only rewrites rows that already exist (none on a fresh database): left out of squashes.
        migrations.RunPython(rewrite_ballot_box, migrations.RunPython.noop, elidable=True),
    ]
