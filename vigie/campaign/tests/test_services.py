"""The rules of applying and deciding: deadline, envelope, conflicts of interest, reviewers."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from vigie.campaign import services
from vigie.campaign.errors import CampaignError
from vigie.campaign.models import Application
from vigie.campaign.tests.factories import COMPLETE, make_application, make_call
from vigie.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_start_emails_a_magic_link_in_the_applicants_language() -> None:
    call = make_call()
    application = services.start_application(
        call_id=call.pk, contact_name="Ana", email="ana@fictional.example", language="es"
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@fictional.example"]
    token = re.search(r"/campaign/application/([^/]+)/", str(message.body))
    assert token is not None
    assert services.get_application_for_token(token.group(1)) == application
    assert "Hola" in message.body or "enlace" in message.body


def test_magic_link_is_stored_only_as_a_hash() -> None:
    application = make_application(make_call())
    token = re.search(r"/campaign/application/([^/]+)/", str(mail.outbox[0].body)).group(1)  # type: ignore[union-attr]
    assert not application.links.filter(token_hash=token).exists()
    assert services.get_application_for_token(token + "x") is None


def test_saving_converts_the_local_amount_at_the_calls_rate_and_places_the_city() -> None:
    application = make_application(make_call(), submit=False)
    assert application.status == Application.Status.DRAFT
    assert application.amount_usd == Decimal("500.00")  # 8,500 MXN at 17 MXN per USD
    assert application.city_name == "Guadalajara"
    assert application.latitude is not None and 20 < application.latitude < 21


def test_a_currency_without_a_rate_is_refused_with_the_known_ones() -> None:
    application = make_application(make_call(), submit=False)
    fields = services.ApplicationFields(**{**COMPLETE.__dict__, "currency": "EUR"})
    with pytest.raises(CampaignError, match=r"EUR.*USD, KES, MXN"):
        services.save_application(
            application_id=application.pk, fields=fields, answers={}, submit=False
        )


def test_a_city_missing_from_the_gazetteer_is_refused_naming_the_field() -> None:
    application = make_application(make_call(), submit=False)
    fields = services.ApplicationFields(**{**COMPLETE.__dict__, "city": "Atlantis"})
    with pytest.raises(CampaignError, match="Field “city”: 'Atlantis'"):
        services.save_application(
            application_id=application.pk, fields=fields, answers={}, submit=False
        )


def test_submit_needs_every_required_field_and_visible_question() -> None:
    application = make_application(make_call(), submit=False)
    empty = services.ApplicationFields(title="Only a title")
    with pytest.raises(CampaignError, match="plans"):
        services.save_application(
            application_id=application.pk, fields=empty, answers={}, submit=True
        )
    # "past_years" shows only after "no": then it is required too.
    with pytest.raises(CampaignError, match="past_years"):
        services.save_application(
            application_id=application.pk,
            fields=COMPLETE,
            answers={"first_time": "no"},
            submit=True,
        )


def test_answers_to_questions_hidden_by_skip_logic_are_not_kept() -> None:
    application = make_application(make_call(), submit=False)
    services.save_application(
        application_id=application.pk,
        fields=COMPLETE,
        answers={"first_time": "yes", "past_years": "2019"},
        submit=False,
    )
    application.refresh_from_db()
    assert application.answers == {"first_time": "yes"}


def test_saving_past_the_deadline_is_refused_with_the_deadline_in_the_applicants_zone() -> None:
    call = make_call()
    application = make_application(call, submit=False)
    later = call.closes_at + datetime.timedelta(minutes=1)
    with pytest.raises(CampaignError, match=r"deadline of this call was .*America/Mexico_City"):
        services.save_application(
            application_id=application.pk, fields=COMPLETE, answers={}, submit=True, now=later
        )
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_a_new_application_past_the_deadline_is_refused() -> None:
    call = make_call(closes_in=datetime.timedelta(days=-1))
    with pytest.raises(CampaignError, match="deadline"):
        services.start_application(
            call_id=call.pk, contact_name="A", email="a@fictional.example", language="fr"
        )
    assert not Application.objects.exists()


def test_a_submitted_application_no_longer_changes() -> None:
    application = make_application(make_call())
    with pytest.raises(CampaignError, match="already submitted"):
        services.save_application(
            application_id=application.pk, fields=COMPLETE, answers={}, submit=False
        )


def test_two_different_reviewers_never_the_applicant() -> None:
    applicant = make_user("applicant")
    application = make_application(make_call(), user=applicant)
    first, second = make_user("r1"), make_user("r2")
    with pytest.raises(CampaignError, match="two different"):
        services.assign_reviewers(application_id=application.pk, reviewer_ids=[first.pk, first.pk])
    with pytest.raises(CampaignError, match="own application"):
        services.assign_reviewers(
            application_id=application.pk, reviewer_ids=[first.pk, applicant.pk]
        )
    services.assign_reviewers(application_id=application.pk, reviewer_ids=[first.pk, second.pk])
    assert application.reviews.count() == 2


def test_a_conflicted_reviewer_can_no_longer_score_and_loses_sight_of_the_application() -> None:
    from vigie.campaign import queries

    application = make_application(make_call())
    first, second = make_user("r1"), make_user("r2")
    services.assign_reviewers(application_id=application.pk, reviewer_ids=[first.pk, second.pk])
    assert queries.is_application_visible(first, application)
    services.declare_conflict(
        application_id=application.pk, reviewer=first, reason="I chair this group"
    )
    assert not queries.is_application_visible(first, application)
    assert queries.is_application_visible(second, application)
    with pytest.raises(CampaignError, match="conflict"):
        services.submit_review(
            application_id=application.pk,
            reviewer=first,
            scores={"relevance": 5, "community": 5, "feasibility": 5, "cost": 5},
        )


def test_scores_must_cover_the_whole_rubric_from_one_to_five() -> None:
    application = make_application(make_call())
    first, second = make_user("r1"), make_user("r2")
    services.assign_reviewers(application_id=application.pk, reviewer_ids=[first.pk, second.pk])
    with pytest.raises(CampaignError, match="“cost”"):
        services.submit_review(
            application_id=application.pk,
            reviewer=first,
            scores={"relevance": 5, "community": 4, "feasibility": 3, "cost": 6},
        )
    review = services.submit_review(
        application_id=application.pk,
        reviewer=first,
        scores={"relevance": 5, "community": 4, "feasibility": 3, "cost": 2},
        notes="Strong local partners",
    )
    assert review.scores["cost"] == 2


def test_approval_within_the_envelope_and_refusal_over_it() -> None:
    call = make_call(envelope="900")
    first = make_application(call, email="one@fictional.example")
    second = make_application(call, email="two@fictional.example")
    services.approve_application(application_id=first.pk, amount_usd=Decimal("500"))
    with pytest.raises(CampaignError, match=r"more than what remains.*400"):
        services.approve_application(application_id=second.pk, amount_usd=Decimal("450"))
    second.refresh_from_db()
    assert second.status == Application.Status.SUBMITTED
    services.approve_application(application_id=second.pk, amount_usd=Decimal("400"))
    assert services.awarded_total(call) == Decimal("900")


def test_the_decision_is_emailed_in_the_applicants_language() -> None:
    application = make_application(make_call())
    mail.outbox.clear()
    services.decline_application(application_id=application.pk, reason="Fuera del ámbito.")
    assert len(mail.outbox) == 1
    assert "Fuera del ámbito." in mail.outbox[0].body
    assert "Lo sentimos" in mail.outbox[0].body


def test_a_decline_needs_a_reason_and_a_draft_cannot_be_decided() -> None:
    call = make_call()
    draft = make_application(call, submit=False)
    with pytest.raises(CampaignError, match="submitted application"):
        services.approve_application(application_id=draft.pk, amount_usd=Decimal("100"))
    submitted = make_application(call, email="b@fictional.example")
    with pytest.raises(CampaignError, match="reason"):
        services.decline_application(application_id=submitted.pk, reason=" ")


def test_deadline_is_shown_in_the_applicants_time_zone() -> None:
    call = make_call()
    call.closes_at = datetime.datetime(2030, 4, 26, 23, 59, tzinfo=datetime.UTC)
    text = services.local_deadline(call, "Asia/Tokyo")
    assert "Asia/Tokyo" in text
    assert "27" in text  # 23:59 UTC on 26 April is already the 27th in Tokyo
    assert timezone.is_aware(call.closes_at)
