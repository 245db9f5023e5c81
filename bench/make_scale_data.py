"""Build a larger synthetic copy of the site's data, to measure pages as the data grows.

    .venv/bin/python bench/make_scale_data.py                  # ×100 into bench/scale.sqlite3
    .venv/bin/python bench/make_scale_data.py --factor 10 --output /tmp/x10.sqlite3
    .venv/bin/python bench/make_scale_data.py --postgres postgres://vigie:vigie@127.0.0.1:5432/vigie_scale

The bundled data and the fictional demo (``make demo``: ``db.sqlite3``) are copied, then grown,
seeded, with rows cloned from the existing ones: at ×100, 7,100 atlas measures, 60,000 UN vote
records, 2,000 statements, 10,000 organisations, 50,000 contacts, 10,000 registrations and
2,000 survey responses. Every added row is fictional (names "Synthetic …", addresses on
example.org) and lives only in the output database, never in ``data/``. PostgreSQL: the named
database must exist; it is migrated and loaded (bundled data and demo) before it is grown.

``grow(factor, seed)`` is also called by the tests, on their own test database.
"""

import argparse
import datetime
import os
import random
import shutil
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Rows of the bundled data at ×1 (as the issue counts them); the generator adds up to factor × these.
PER_FACTOR = {
    "measures": 71,
    "vote_records": 600,
    "statements": 20,
    "organisations": 100,
    "contacts": 500,
    "registrations": 100,
    "responses": 20,
}


def _clone(obj: Any, **overrides: Any) -> Any:
    """An unsaved copy of ``obj`` (every concrete field but the primary key), with overrides."""
    values = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not field.primary_key
    }
    values.update(overrides)
    return type(obj)(**values)


def _link_sources(model: Any, pairs: list[tuple[int, list[int]]]) -> None:
    """Bulk-insert the sources of cloned facts (``pairs``: new pk, source pks)."""
    through = model.sources.through
    column = f"{model._meta.model_name}_id"
    rows = [
        through(**{column: pk, "source_id": source}) for pk, sources in pairs for source in sources
    ]
    through.objects.bulk_create(rows, batch_size=2000)


def _grow_atlas(rng: random.Random, target: int) -> int:
    from vigie.atlas.models import Kind, PolicyMeasure
    from vigie.core.models import Country, Subdivision

    existing = PolicyMeasure.objects.count()
    templates = list(PolicyMeasure.objects.exclude(kind=Kind.REVERSAL).prefetch_related("sources"))
    if not templates or existing >= target:
        return 0
    subdivisions = list(Subdivision.objects.values_list("pk", "country_id"))
    countries = list(Country.objects.values_list("pk", flat=True))
    new = []
    for number in range(target - existing):
        template = rng.choice(templates)
        if rng.random() < 0.8 and subdivisions:
            subdivision, country = rng.choice(subdivisions)
        else:
            subdivision, country = None, rng.choice(countries)
        new.append(
            _clone(
                template,
                code=f"synthetic-{number}",
                title=f"Synthetic measure {number}",
                country_id=country,
                subdivision_id=subdivision,
                reverses_id=None,
            )
        )
    PolicyMeasure.objects.bulk_create(new, batch_size=1000)
    created = PolicyMeasure.objects.filter(code__startswith="synthetic-").values_list(
        "pk", flat=True
    )
    source_lists = [[s.pk for s in t.sources.all()] for t in templates]
    _link_sources(PolicyMeasure, [(pk, rng.choice(source_lists)) for pk in created])
    return len(created)


def _grow_un(rng: random.Random, factor: int, vote_target: int, statement_target: int) -> int:
    from vigie.core.models import Country
    from vigie.un.models import (
        Coding,
        CountryVote,
        JointStatement,
        Meeting,
        PositionCode,
        Session,
        Signatory,
        Statement,
        Vote,
    )

    sessions = list(Session.objects.order_by("start_date"))
    votes = list(Vote.objects.prefetch_related("records"))
    if not sessions or not votes:
        return 0
    # Sessions grow with time, not with the size of the data: a tenth of the factor.
    copies = max(1, factor // 10)
    new_sessions = []
    for copy in range(copies):
        for session in sessions:
            shift = datetime.timedelta(days=365 * (copy + 1))
            new_sessions.append(
                _clone(
                    session,
                    label=f"{session.label} (synthetic {copy + 1})",
                    start_date=session.start_date + shift,
                    end_date=session.end_date + shift,
                )
            )
    Session.objects.bulk_create(new_sessions)
    all_sessions = list(Session.objects.all())
    records = CountryVote.objects.count()
    new_votes: list[Any] = []
    templates: list[Any] = []
    while records + sum(len(t.records.all()) for t in templates) < vote_target:
        template = rng.choice(votes)
        session = rng.choice(all_sessions)
        new_votes.append(
            _clone(
                template,
                code=f"synthetic-vote-{len(new_votes)}",
                title=f"Synthetic vote {len(new_votes)}",
                session_id=session.pk,
                requested_by_id=None,
            )
        )
        templates.append(template)
    Vote.objects.bulk_create(new_votes, batch_size=1000)
    created = list(Vote.objects.filter(code__startswith="synthetic-vote-").order_by("pk"))
    rows = [
        _clone(record, vote_id=vote.pk)
        for vote, template in zip(created, templates, strict=True)
        for record in template.records.all()
    ]
    CountryVote.objects.bulk_create(rows, batch_size=2000)
    members = list(Country.objects.filter(is_un_member=True).values_list("pk", flat=True))
    positions = list(PositionCode.objects.values_list("pk", flat=True))
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(session=session, date=session.start_date, agenda_item="Synthetic agenda item")
            for session in all_sessions
        ]
    )
    meetings = list(Meeting.objects.filter(agenda_item="Synthetic agenda item"))
    statements = Statement.objects.bulk_create(
        [
            Statement(
                meeting=rng.choice(meetings),
                speaker_kind="state",
                country_id=rng.choice(members),
                summary=f"Synthetic statement {number}",
                source_url=f"https://example.org/statement/{number}",
            )
            for number in range(max(0, statement_target - Statement.objects.count()))
        ],
        batch_size=1000,
    )
    statements = list(Statement.objects.filter(summary__startswith="Synthetic statement"))
    if positions:
        Coding.objects.bulk_create(
            [
                Coding(
                    statement=statement,
                    position_id=rng.choice(positions),
                    evidence="Synthetic evidence",
                    coder_name="Synthetic coder",
                )
                for statement in statements
            ],
            batch_size=1000,
        )
    joints = list(JointStatement.objects.prefetch_related("signatories"))
    new_joints = []
    joint_templates = []
    for number, session in enumerate(s for s in all_sessions if joints):
        joint = rng.choice(joints)
        new_joints.append(
            _clone(
                joint,
                code=f"synthetic-joint-{number}",
                session_id=session.pk,
                date=session.start_date,
            )
        )
        joint_templates.append(joint)
    JointStatement.objects.bulk_create(new_joints)
    created_joints = list(JointStatement.objects.filter(code__startswith="synthetic-joint-"))
    Signatory.objects.bulk_create(
        [
            _clone(signatory, joint_statement_id=joint.pk, joined_on=joint.date)
            for joint, original in zip(created_joints, joint_templates, strict=True)
            for signatory in original.signatories.all()
        ],
        batch_size=2000,
    )
    return len(rows)


def _grow_network(rng: random.Random, organisations: int, contacts: int) -> list[int]:
    from vigie.core.models import Country
    from vigie.network.models import ConsentRecord, Contact, Organisation

    templates = list(Organisation.objects.filter(archived_at__isnull=True))
    countries = list(Country.objects.values_list("pk", flat=True))
    existing = Organisation.objects.count()
    new = [
        _clone(
            rng.choice(templates),
            name=f"Synthetic organisation {number}",
            slug=f"synthetic-organisation-{number}",
            website=f"https://example.org/org/{number}",
            headquarters_id=rng.choice(countries),
            private_notes="",
        )
        for number in range(max(0, organisations - existing))
    ]
    Organisation.objects.bulk_create(new, batch_size=1000)
    created = list(
        Organisation.objects.filter(slug__startswith="synthetic-organisation-").values_list(
            "pk", "headquarters_id"
        )
    )
    through = Organisation.countries.through
    through.objects.bulk_create(
        [through(organisation_id=pk, country_id=hq) for pk, hq in created], batch_size=2000
    )
    pks = [pk for pk, _hq in created]
    people = [
        Contact(
            organisation_id=rng.choice(pks),
            name=f"Synthetic person {number}",
            email=f"person{number}@example.org",
        )
        for number in range(max(0, contacts - Contact.objects.count()))
    ]
    Contact.objects.bulk_create(people, batch_size=2000)
    contact_pks = Contact.objects.filter(name__startswith="Synthetic person").values_list(
        "pk", flat=True
    )
    today = datetime.date.today()
    ConsentRecord.objects.bulk_create(
        [
            ConsentRecord(contact_id=pk, purpose="newsletter", granted=True, recorded_on=today)
            for pk in contact_pks[: len(contact_pks) // 5]
        ],
        batch_size=2000,
    )
    return pks


def _grow_events(rng: random.Random, target: int) -> int:
    from vigie.events.models import Registration

    templates = list(Registration.objects.exclude(status="cancelled"))
    if not templates:
        return 0
    new = [
        _clone(
            rng.choice(templates),
            key=uuid.UUID(int=rng.getrandbits(128)),
            user_id=None,
            name=f"Synthetic registrant {number}",
            email=f"registrant{number}@example.org",
        )
        for number in range(max(0, target - Registration.objects.count()))
    ]
    Registration.objects.bulk_create(new, batch_size=2000)
    return len(new)


def _grow_surveys(rng: random.Random, target: int, organisations: list[int]) -> int:
    from vigie.surveys.models import Answer, Invitation, Response

    templates = list(
        Response.objects.filter(submitted_on__isnull=False)
        .select_related("invitation")
        .prefetch_related("answers")
    )
    needed = max(0, target - Response.objects.count())
    if not templates or not needed:
        return 0
    chosen = [rng.choice(templates) for _ in range(needed)]
    used: set[tuple[int, int]] = set(Invitation.objects.values_list("round_id", "organisation_id"))
    invitations = []
    kept = []
    pool = iter(organisations * (needed // max(1, len(organisations)) + 2))
    for template in chosen:
        for organisation in pool:
            pair = (template.invitation.round_id, organisation)
            if pair not in used:
                used.add(pair)
                invitations.append(Invitation(round_id=pair[0], organisation_id=organisation))
                kept.append(template)
                break
    Invitation.objects.bulk_create(invitations, batch_size=2000)
    created = list(
        Invitation.objects.filter(response__isnull=True, organisation_id__in=organisations)
    )
    by_pair = {(i.round_id, i.organisation_id): i for i in created}
    responses = [
        Response(
            invitation=by_pair[(i.round_id, i.organisation_id)],
            submitted_on=template.submitted_on,
        )
        for i, template in zip(invitations, kept, strict=True)
    ]
    Response.objects.bulk_create(responses, batch_size=2000)
    saved = {
        r.invitation_id: r.pk
        for r in Response.objects.filter(invitation__organisation_id__in=organisations)
    }
    Answer.objects.bulk_create(
        [
            _clone(answer, response_id=saved[by_pair[(i.round_id, i.organisation_id)].pk])
            for i, template in zip(invitations, kept, strict=True)
            for answer in template.answers.all()
        ],
        batch_size=2000,
    )
    return len(responses)


def grow(factor: int, seed: int = 14) -> dict[str, int]:
    """Add fictional rows so that the data reaches ``factor`` times the bundled size."""
    from django.db import transaction

    from vigie.core.freshness import facts_changed

    rng = random.Random(seed)
    target = {name: count * factor for name, count in PER_FACTOR.items()}
    with transaction.atomic():
        added = {
            "measures": _grow_atlas(rng, target["measures"]),
            "vote records": _grow_un(rng, factor, target["vote_records"], target["statements"]),
        }
        organisations = _grow_network(rng, target["organisations"], target["contacts"])
        added["organisations"] = len(organisations)
        added["registrations"] = _grow_events(rng, target["registrations"])
        added["survey responses"] = _grow_surveys(rng, target["responses"], organisations)
        facts_changed()
    return added


def counts() -> dict[str, int]:
    from vigie.atlas.models import PolicyMeasure
    from vigie.events.models import Registration
    from vigie.network.models import Contact, Organisation
    from vigie.surveys.models import Response
    from vigie.un.models import CountryVote, Statement

    return {
        "atlas measures": PolicyMeasure.objects.count(),
        "UN vote records": CountryVote.objects.count(),
        "statements": Statement.objects.count(),
        "organisations": Organisation.objects.count(),
        "contacts": Contact.objects.count(),
        "registrations": Registration.objects.count(),
        "survey responses": Response.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factor", type=int, default=100)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--source", type=Path, default=ROOT / "db.sqlite3")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "scale.sqlite3")
    parser.add_argument("--postgres", help="grow this PostgreSQL database instead")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.postgres:
        os.environ["DATABASE_URL"] = args.postgres
    else:
        if not args.source.exists():
            sys.exit(f"{args.source} is missing: run `make demo` first")
        shutil.copyfile(args.source, args.output)
        os.environ["DATABASE_URL"] = f"sqlite:///{args.output.resolve()}"
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
    import django

    django.setup()
    if args.postgres:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("load_data", verbosity=0)
        call_command("load_data", "--demo", verbosity=0)
    added = grow(args.factor, args.seed)
    print(f"×{args.factor} data set in {args.postgres or args.output}:")
    for name, count in counts().items():
        print(f"  {name:18s} {count:7d}")
    print(f"  (added {added}) in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
