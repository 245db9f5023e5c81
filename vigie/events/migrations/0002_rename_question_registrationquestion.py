"""Rename events.Question to RegistrationQuestion.

The questions of an event's registration form (``surveys`` has survey questions).
The table is renamed with its rows. The permissions of the model keep their grants under the new
codenames, and the audit trail's object type follows the new name, so one history stays one.
"""

from django.db import migrations

APP = "events"
OLD = "question"
NEW = "registrationquestion"
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
        ("events", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="Question", new_name="RegistrationQuestion"),
        migrations.RunPython(forwards, backwards),
    ]
