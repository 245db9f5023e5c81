"""Rename surveys.Question to SurveyQuestion.

The questions of member surveys (``events`` has registration questions).
The table is renamed with its rows; ``rename_model_traces`` carries the permissions and the audit
trail over to the new name.
"""

from django.db import migrations

from vigie.core.migration_operations import rename_model_traces


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="Question", new_name="SurveyQuestion"),
        rename_model_traces("surveys", "question", "surveyquestion", elidable=True),
    ]
