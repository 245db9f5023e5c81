import pytest
from django.core import mail
from django.db import OperationalError
from django.test import Client

from vigie.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Five objectives for 2024–2027"),
        ("fr", "Cinq objectifs pour 2024-2027"),
        ("es", "Cinco objetivos para 2024-2027"),
    ],
)
def test_home_page_speaks_each_language(client: Client, language: str, heading: str) -> None:
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    assert heading in response.content.decode()


def test_root_redirects_to_a_language_prefix(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_language_links_keep_the_current_page(client: Client) -> None:
    page = client.get("/fr/accounts/login/").content.decode()
    assert 'href="/en/accounts/login/"' in page
    assert 'href="/es/accounts/login/"' in page


def test_healthz_is_ok_when_the_database_answers(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_is_unreachable(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection

    def unreachable() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_login_then_logout(client: Client) -> None:
    make_user("amina", password="a-long-password")
    response = client.post(
        "/en/accounts/login/", {"username": "amina", "password": "a-long-password"}
    )
    assert response.status_code == 302
    assert "amina" in client.get("/en/").content.decode()
    client.post("/en/accounts/logout/")
    assert "amina" not in client.get("/en/").content.decode()


def test_wrong_password_is_refused_with_a_message(client: Client) -> None:
    make_user("amina", password="a-long-password")
    response = client.post("/en/accounts/login/", {"username": "amina", "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


def test_password_reset_sends_a_link_that_sets_a_new_password(client: Client) -> None:
    make_user("amina", password="a-long-password")
    client.post("/en/accounts/password-reset/", {"email": "amina@example.org"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    client.post(
        set_password_url,
        {"new_password1": "another-long-pass-42", "new_password2": "another-long-pass-42"},
    )
    assert client.login(username="amina", password="another-long-pass-42")


def test_password_reset_email_is_in_the_requested_language(client: Client) -> None:
    make_user("amina")
    client.post("/fr/accounts/password-reset/", {"email": "amina@example.org"})
    assert mail.outbox[0].subject == "Réinitialisez votre mot de passe Vigie"
