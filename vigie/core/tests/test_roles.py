import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client

from vigie.core import roles
from vigie.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_role_groups_exist_after_migration() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {"member", "editor", "admin"}


@pytest.mark.parametrize(
    ("role", "member", "editor", "admin"),
    [
        ("member", True, False, False),
        ("editor", False, True, False),
        ("admin", False, True, True),
    ],
)
def test_role_predicates(role: str, member: bool, editor: bool, admin: bool) -> None:
    user = make_user(role=role)
    assert (roles.is_member(user), roles.is_editor(user), roles.is_admin(user)) == (
        member,
        editor,
        admin,
    )


def test_anonymous_has_no_role_and_no_organisation() -> None:
    anonymous = AnonymousUser()
    assert not (roles.is_member(anonymous) or roles.is_editor(anonymous))
    assert roles.get_member_organisation_id(anonymous) is None


def test_assigning_a_new_role_replaces_the_old_one() -> None:
    user = make_user(role="editor")
    roles.assign_role(user, "member")
    assert list(user.groups.values_list("name", flat=True)) == ["member"]
    assert not user.is_staff


def test_unknown_role_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown role 'owner'"):
        roles.assign_role(make_user(), "owner")


def test_editors_reach_the_admin_and_can_change_countries_but_members_cannot() -> None:
    editor_client, member_client = Client(), Client()
    editor_client.force_login(make_user("ed", role="editor"))
    member_client.force_login(make_user("mem", role="member"))
    assert editor_client.get("/admin/core/country/").status_code == 200
    assert member_client.get("/admin/").status_code == 302


def test_editor_group_holds_permissions_on_vigie_models_only() -> None:
    codenames = set(Group.objects.get(name="editor").permissions.values_list("codename", flat=True))
    assert "change_country" in codenames
    assert "change_user" not in codenames
