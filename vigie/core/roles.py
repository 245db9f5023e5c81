"""The four roles of Vigie and the predicates every view and template uses to check them.

anonymous (no account) · member (a person who belongs to a member organisation) · editor
(secretariat staff who enter data) · admin. Roles are Django groups created by a data
migration; editors and admins reach the Django admin, members never do.
"""

from typing import Any

from django.apps import AppConfig
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission
from django.db import transaction

MEMBER = "member"
EDITOR = "editor"
ADMIN = "admin"
ROLE_GROUPS = (MEMBER, EDITOR, ADMIN)

# Apps whose data editors maintain through the admin (all of Vigie's own apps).
EDITOR_APP_PREFIX = "vigie."

UserLike = AbstractBaseUser | AnonymousUser


def _in_group(user: Any, name: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    names = getattr(user, "_vigie_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._vigie_role_names = names
    return name in names


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or _in_group(user, ADMIN)


def is_editor(user: Any) -> bool:
    """Editors and admins: the secretariat staff who may see and change all data."""
    return is_admin(user) or _in_group(user, EDITOR)


def is_member(user: Any) -> bool:
    return _in_group(user, MEMBER)


def get_member_organisation_id(user: Any) -> int | None:
    """The member organisation a user belongs to, or None.

    The hook for the network app: it gives each member user a ``membership`` (one-to-one,
    with an ``organisation_id``). Until that exists, nobody belongs to an organisation.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    membership = getattr(user, "membership", None)
    return getattr(membership, "organisation_id", None)


@transaction.atomic
def assign_role(user: Any, role: str) -> None:
    """Give a user one role (replacing the others); editors and admins may use the admin."""
    if role not in ROLE_GROUPS:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(ROLE_GROUPS)}.")
    user.groups.remove(*Group.objects.filter(name__in=ROLE_GROUPS))
    group, created = Group.objects.get_or_create(name=role)
    if created and role in (EDITOR, ADMIN):
        # The role groups are made by a migration; on a database emptied since (a flush), the
        # group made here must get its permissions too, or staff would be refused everywhere.
        for name in (EDITOR, ADMIN):
            Group.objects.get_or_create(name=name)
        sync_role_permissions(sender=None)  # type: ignore[arg-type]
    user.groups.add(group)
    user.is_staff = role in (EDITOR, ADMIN)
    user.save(update_fields=["is_staff"])
    user.__dict__.pop("_vigie_role_names", None)


def _last_app_migrated(apps: Any) -> AppConfig:
    """The app whose ``post_migrate`` comes last: Django sends it to each app with models, in
    the order of ``INSTALLED_APPS``."""
    return [config for config in apps.get_app_configs() if config.models_module is not None][-1]


def sync_role_permissions(sender: AppConfig, **kwargs: Any) -> None:
    """Give editors every permission on Vigie's own models and admins every permission.

    Runs after each migration because permissions only exist once their models are migrated:
    once, after the last app's own ``post_migrate`` (which makes that app's permissions), not
    after each of the 22 apps that have models.
    """
    from django.apps import apps

    if sender is not None and sender is not _last_app_migrated(apps):
        return
    editor = Group.objects.filter(name=EDITOR).first()
    admin = Group.objects.filter(name=ADMIN).first()
    if editor is None or admin is None:
        return
    vigie_labels = {
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith(EDITOR_APP_PREFIX)
    }
    all_permissions = list(Permission.objects.select_related("content_type"))
    editor.permissions.set([p for p in all_permissions if p.content_type.app_label in vigie_labels])
    admin.permissions.set(all_permissions)
