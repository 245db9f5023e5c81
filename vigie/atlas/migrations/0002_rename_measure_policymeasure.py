"""Rename atlas.Measure to PolicyMeasure.

The policy measures of the atlas (``strategy`` has measures of success).
The table is renamed with its rows; ``rename_model_traces`` carries the permissions and the audit
trail over to the new name.
"""

from django.db import migrations

from vigie.core.migration_operations import rename_model_traces


class Migration(migrations.Migration):
    dependencies = [
        ("atlas", "0001_initial"),
        ("core", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RenameModel(old_name="Measure", new_name="PolicyMeasure"),
        rename_model_traces("atlas", "measure", "policymeasure", elidable=True),
    ]
