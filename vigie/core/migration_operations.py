"""Operations shared by the migrations of several apps.

Kept stable on purpose: migrations import from here, so a change to a function changes what old
migrations do. Add a new function rather than editing one that migrations already use.
"""

from typing import Any

from django.db import migrations

PERMISSION_ACTIONS = ("add", "change", "delete", "view")


def _rename_traces(apps: Any, schema_editor: Any, app_label: str, old: str, new: str) -> None:
    db = schema_editor.connection.alias
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.using(db)
        .filter(app_label=app_label, model__in=(old, new))
        .first()
    )
    if content_type is not None:
        permissions = apps.get_model("auth", "Permission").objects.using(db)
        for action in PERMISSION_ACTIONS:
            target = f"{action}_{new}"
            if not permissions.filter(content_type=content_type, codename=target).exists():
                permissions.filter(content_type=content_type, codename=f"{action}_{old}").update(
                    codename=target
                )
    apps.get_model("core", "AuditEntry").objects.using(db).filter(
        object_type=f"{app_label}.{old}"
    ).update(object_type=f"{app_label}.{new}")


def rename_model_traces(
    app_label: str, old: str, new: str, *, elidable: bool = False
) -> migrations.RunPython:
    """After a RenameModel: the model's permissions keep their grants under the new codenames,
    and the audit trail's object type follows the new name, so one history stays one.

    ``elidable``: it only rewrites rows that already exist (a fresh database has no permission
    or audit entry yet while it migrates), so a squash of the app may leave it out."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        _rename_traces(apps, schema_editor, app_label, old, new)

    def backwards(apps: Any, schema_editor: Any) -> None:
        _rename_traces(apps, schema_editor, app_label, new, old)

    return migrations.RunPython(forwards, backwards, elidable=elidable)
