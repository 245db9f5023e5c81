"""Rename network.Ballot to CouncilBallot.

The secret ballots of council elections (``un`` has vote choices).
The table is renamed with its rows; ``rename_model_traces`` carries the permissions and the audit
trail over to the new name.
"""

from django.db import migrations

from vigie.core.migration_operations import rename_model_traces


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="Ballot", new_name="CouncilBallot"),
        rename_model_traces("network", "ballot", "councilballot", elidable=True),
    ]
