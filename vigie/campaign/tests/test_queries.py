"""What the strategy dashboard reads from the campaign: grants, partners and countries, each
with one evidence row per grant, partner or country."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from vigie.campaign import queries, services
from vigie.campaign.tests.factories import COMPLETE, make_application, make_call
from vigie.strategy.outputs import OUTPUTS, count_output

pytestmark = pytest.mark.django_db


def _approve(application_id: int, amount: str = "400") -> None:
    services.approve_application(application_id=application_id, amount_usd=Decimal(amount))


def test_grants_partners_and_countries_count_approved_grants_only() -> None:
    call = make_call(envelope="5000")
    first = make_application(call, email="one@fictional.example")
    second = make_application(call, email="two@fictional.example")  # same organisation name
    kenya = services.ApplicationFields(
        **{
            **COMPLETE.__dict__,
            "organisation_name": "Other",
            "country": "KE",
            "city": "Mombasa",
            "currency": "USD",
        }
    )
    third = services.start_application(
        call_id=call.pk, contact_name="B", email="three@fictional.example", language="en"
    )
    services.save_application(
        application_id=third.pk, fields=kenya, answers={"first_time": "yes"}, submit=True
    )
    make_application(call, email="declined@fictional.example")
    for application in (first, second, third):
        _approve(application.pk)
    today = timezone.localdate()
    grants = queries.count_grants_awarded(today, today)
    assert grants.value == 3 and len(grants.evidence) == 3
    assert queries.count_partners_supported(today, today).value == 2
    countries = queries.count_countries_reached(today, today)
    assert countries.value == 2
    assert {row.detail.rsplit(", ", 1)[-1] for row in countries.evidence} == {"Mexico", "Kenya"}
    yesterday = today - datetime.timedelta(days=1)
    assert queries.count_grants_awarded(yesterday, yesterday).value == 0


def test_the_capacity_building_pillar_lists_the_campaign_outputs() -> None:
    call = make_call()
    _approve(make_application(call).pk)
    today = timezone.localdate()
    campaign = {d.key: d for d in OUTPUTS if d.key.startswith("campaign_")}
    assert {d.pillar for d in campaign.values()} == {2}
    counted = count_output(campaign["campaign_grants"], today, today)
    assert (counted.value, counted.evidence_count) == (1.0, 1)
