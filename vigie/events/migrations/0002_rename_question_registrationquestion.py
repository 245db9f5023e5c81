"""Rename events.Question to RegistrationQuestion.

The questions of an event's registration form (``surveys`` has survey questions).
The table is renamed with its rows; ``rename_model_traces`` carries the permissions and the audit
trail over to the new name.
"""

from django.db import migrations

from vigie.core.migration_operations import rename_model_traces


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="Question", new_name="RegistrationQuestion"),
        rename_model_traces("events", "question", "registrationquestion", elidable=True),
    ]
