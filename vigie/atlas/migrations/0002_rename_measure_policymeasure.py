"""Rename atlas.Measure to PolicyMeasure.

The policy measures of the atlas (``strategy`` has measures of success).
The table is renamed with its rows. The permissions of the model keep their grants under the new
codenames, and the audit trail's object type follows the new name, so one history stays one.
"""

from django.db import migrations

APP = "atlas"
OLD = "measure"
NEW = "policymeasure"
ACTIONS = ("add", "change", "delete", "view")


def _rename_traces(apps, schema_editor, old, new):
    db = schema_editor.connection.alias
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.using(db)
        .filter(app_label=APP, model__in=(old, new))
        .first()
    )
    if content_type is not None:
        permissions = apps.get_model("auth", "Permission").objects.using(db)
        for action in ACTIONS:
            target = f"{action}_{new}"
            if not permissions.filter(content_type=content_type, codename=target).exists():
                permissions.filter(content_type=content_type, codename=f"{action}_{old}").update(
                    codename=target
                )
    apps.get_model("core", "AuditEntry").objects.using(db).filter(
        object_type=f"{APP}.{old}"
    ).update(object_type=f"{APP}.{new}")


def forwards(apps, schema_editor):
    _rename_traces(apps, schema_editor, OLD, NEW)


def backwards(apps, schema_editor):
    _rename_traces(apps, schema_editor, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("atlas", "0001_initial"),
        ("core", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RenameModel(old_name="Measure", new_name="PolicyMeasure"),
        migrations.RunPython(forwards, backwards),
    ]
