from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vigie.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_migrate, post_save

        from vigie.core.checks import refuse_public_secret_key
        from vigie.core.roles import sync_role_permissions

        refuse_public_secret_key()
        post_migrate.connect(sync_role_permissions)
        post_save.connect(
            audit_admin_change, sender=LogEntry, dispatch_uid="core.audit_admin_change"
        )


ADMIN_VERBS = {1: "added", 2: "changed", 3: "deleted"}


def audit_admin_change(sender: type, instance: Any, created: bool, **kwargs: Any) -> None:
    """Copy each change made in the admin into the audit log, so it holds every write."""
    from vigie.core.models import AuditEntry

    if not created or instance.content_type_id is None:
        return
    content_type = instance.content_type
    object_type = f"{content_type.app_label}.{content_type.model}"
    AuditEntry.objects.create(
        action=f"{object_type}.admin_{ADMIN_VERBS.get(instance.action_flag, 'changed')}",
        actor_id=instance.user_id,
        object_type=object_type,
        object_id=str(instance.object_id or ""),
        changes={"admin": instance.get_change_message()},
    )
