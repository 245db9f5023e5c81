"""A transactional test's flush leaves the database as ``migrate`` left it (root ``conftest.py``):
the content types and permissions with their ids, and the role groups with their permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vigie.core.roles import ADMIN, EDITOR, MEMBER
from vigie.core.tests.factories import make_user


@pytest.mark.django_db(transaction=True)
def test_after_a_flush_the_role_groups_content_types_and_permissions_are_as_migrated() -> None:
    before = {
        "content types": list(ContentType.objects.order_by("pk").values_list("pk", "model")),
        "permissions": list(Permission.objects.order_by("pk").values_list("pk", "codename")),
        "groups": list(Group.objects.order_by("pk").values_list("pk", "name")),
        "editor's": list(Group.objects.get(name=EDITOR).permissions.values_list("pk", flat=True)),
    }
    make_user("someone", role=EDITOR)

    call_command("flush", verbosity=0, interactive=False)

    after = {
        "content types": list(ContentType.objects.order_by("pk").values_list("pk", "model")),
        "permissions": list(Permission.objects.order_by("pk").values_list("pk", "codename")),
        "groups": list(Group.objects.order_by("pk").values_list("pk", "name")),
        "editor's": list(Group.objects.get(name=EDITOR).permissions.values_list("pk", flat=True)),
    }
    assert after == before
    assert {MEMBER, EDITOR, ADMIN} <= {name for _pk, name in after["groups"]}
    assert not Group.objects.filter(user__username="someone").exists()
    assert make_user("staff", role=EDITOR).has_perm("strategy.change_successmeasure")


@pytest.mark.django_db
def test_the_role_groups_get_their_permissions_once_per_migrate_not_once_per_app() -> None:
    with CaptureQueriesContext(connection) as queries:
        emit_post_migrate_signal(0, False, "default")
    group_reads = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith("SELECT") and 'FROM "auth_group"' in query["sql"]
    ]
    assert len(group_reads) == 2  # the editors' group and the admins' group, once
    assert Group.objects.get(name=EDITOR).permissions.filter(codename="view_milestone").exists()
