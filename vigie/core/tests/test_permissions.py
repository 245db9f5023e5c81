import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from vigie.core.permissions import editor_required
from vigie.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


@editor_required
def staff_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("staff")


def request_as(user: object) -> HttpRequest:
    request = RequestFactory().get("/en/staff/?page=2")
    request.user = user  # type: ignore[assignment]
    return request


def test_anonymous_visitors_are_sent_to_the_login_page_and_back() -> None:
    response = staff_page(request_as(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/staff/%3Fpage%3D2"


def test_signed_in_people_without_the_editor_role_are_refused() -> None:
    with pytest.raises(PermissionDenied):
        staff_page(request_as(make_user("member", role="member")))


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_and_admins_get_the_page(role: str) -> None:
    assert staff_page(request_as(make_user(role, role=role))).content == b"staff"
