"""API of the staff survey tasks: create a round, open, close and publish it, invite the
member organisations, send reminders. Each is validated and saved as on the staff pages
(``vigie.core.api_forms``); the published results stay on their public page."""

import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import Field

from vigie.core.api_auth import api_actor
from vigie.core.api_forms import (
    api_write,
    bind_form,
    form_schema,
    staff_write,
)
from vigie.network.queries import list_member_organisations
from vigie.surveys import services
from vigie.surveys.forms import SurveyRoundForm
from vigie.surveys.models import Round

router = Router(tags=["surveys"])

RoundIn = form_schema("RoundIn", SurveyRoundForm())


class RoundOut(Schema):
    id: int
    version: int
    name: str
    status: str
    opens_on: datetime.date
    closes_on: datetime.date
    invited: int
    started: int
    submitted: int


class RoundStatusIn(Schema):
    action: str = Field(
        ...,
        description="`open` (a draft, dated from today), `close` (an open round, its personal "
        "links then expire) or `publish` (a closed round: its results page becomes public).",
    )


class SentOut(Schema):
    count: int = Field(..., description="Invitations created, or reminders sent.")
    round: RoundOut


def _round_out(round_: Round) -> RoundOut:
    return RoundOut(
        id=round_.pk,
        version=round_.version_id,
        name=round_.name,
        status=round_.status,
        opens_on=round_.opens_on,
        closes_on=round_.closes_on,
        **services.count_round_responses(round_.pk),
    )


@staff_write(
    router.post,
    "/rounds",
    name="create_round",
    summary="Create a survey round (in draft) of a survey version",
    out=RoundOut,
    status=201,
)
def create_round(request: HttpRequest, payload: RoundIn) -> tuple[int, RoundOut]:  # type: ignore[valid-type]
    with api_write():
        round_ = bind_form(SurveyRoundForm, payload).create(actor=api_actor(request))
    return 201, _round_out(round_)


@staff_write(
    router.post,
    "/rounds/{round_id}/status",
    name="change_round_status",
    summary="Open, close or publish a survey round (one step at a time)",
    out=RoundOut,
    on_object=True,
)
def change_round_status(request: HttpRequest, round_id: int, payload: RoundStatusIn) -> RoundOut:
    round_ = get_object_or_404(Round, pk=round_id)
    with api_write():
        round_ = services.change_round_status(
            round_id=round_.pk, action=payload.action, actor=api_actor(request)
        )
    return _round_out(round_)


@staff_write(
    router.post,
    "/rounds/{round_id}/invitations",
    name="invite_round",
    summary="Invite every member organisation to an open round (once each)",
    out=SentOut,
    on_object=True,
)
def invite(request: HttpRequest, round_id: int) -> SentOut:
    round_ = get_object_or_404(Round, pk=round_id)
    ids = [row["id"] for row in list_member_organisations()]
    with api_write():
        count = services.invite_organisations(
            round_id=round_.pk, organisation_ids=ids, actor=api_actor(request)
        )
    return SentOut(count=count, round=_round_out(round_))


@staff_write(
    router.post,
    "/rounds/{round_id}/reminders",
    name="remind_round",
    summary="Remind the invited organisations that have not submitted (at most once a week)",
    out=SentOut,
    on_object=True,
)
def remind(request: HttpRequest, round_id: int) -> SentOut:
    round_ = get_object_or_404(Round, pk=round_id)
    with api_write():
        count = services.send_reminders(round_id=round_.pk, actor=api_actor(request))
    return SentOut(count=count, round=_round_out(round_))
