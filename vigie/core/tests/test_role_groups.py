"""A role group made again after the database was emptied gets its permissions."""

import pytest
from django.contrib.auth.models import Group

from vigie.core.roles import ADMIN, EDITOR
from vigie.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [EDITOR, ADMIN])
def test_a_role_given_after_a_flush_carries_its_permissions(role: str) -> None:
    Group.objects.filter(name__in=(EDITOR, ADMIN)).delete()  # as a flush leaves the database
    user = make_user("staff", role=role)
    assert user.has_perm("strategy.change_successmeasure")
    assert user.has_perm("un.view_milestone")
