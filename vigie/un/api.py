"""Read-only open data of the UN tracker (/api/v1/un/)."""

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from vigie.core.api_errors import NOT_FOUND
from vigie.core.api_schemas import schema_of
from vigie.core.pagination import API_MAX_PAGE_SIZE, API_PAGE_SIZE, api_page
from vigie.un import queries
from vigie.un.models import Vote

router = Router(tags=["UN tracker"])


class VoteOut(Schema):
    id: int
    code: str
    title: str
    date: datetime.date
    date_is_approximate: bool
    forum: str
    session: str
    draft_symbol: str
    adopted_symbol: str
    stated_yes: int
    stated_no: int
    stated_abstain: int
    issues: list[str]
    sources: list[str]


class CountryVoteOut(Schema):
    iso2: str
    iso3: str
    numeric: str
    country: str
    listed_name: str
    vote: str


class VoteDetailOut(VoteOut):
    records: list[CountryVoteOut]


StateOut: Any = schema_of(queries.ReformState, "StateOut", exclude=["evidence"])
SessionReformOut: Any = schema_of(
    queries.SessionReformStates, "SessionReformOut", types={"states": list[StateOut]}
)


class CountryRecordOut(Schema):
    votes: list[dict[str, object]]
    positions: list[dict[str, object]]


def _vote_out(vote: Vote) -> dict[str, object]:
    return {
        "id": vote.pk,
        "code": vote.code,
        "title": vote.title,
        "date": vote.date,
        "date_is_approximate": vote.date_is_approximate,
        "forum": vote.session.forum.abbreviation,
        "session": vote.session.label,
        "draft_symbol": vote.draft_symbol,
        "adopted_symbol": vote.adopted_symbol,
        "stated_yes": vote.stated_yes,
        "stated_no": vote.stated_no,
        "stated_abstain": vote.stated_abstain,
        "issues": [issue.message for issue in vote.issues.all()],
        "sources": [source.url for source in vote.sources.all()],
    }


@router.get("/votes", response=list[VoteOut], summary="Recorded votes with stated totals")
def list_votes(
    request: HttpRequest,
    response: HttpResponse,
    page: int = Query(1, ge=1),
    per_page: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_PAGE_SIZE),
) -> list[dict[str, object]]:
    """Newest first, one page at a time (total in ``X-Total-Count``, other pages in ``Link``)."""
    votes = Vote.objects.select_related("session__forum").prefetch_related("issues", "sources")
    rows = api_page(request, response, votes.order_by("-date", "-pk"), page=page, per_page=per_page)
    return [_vote_out(vote) for vote in rows]


@router.get(
    "/votes/{vote_id}",
    response={200: VoteDetailOut, **NOT_FOUND},
    summary="One vote, country by country",
)
def get_vote(request: object, vote_id: int) -> dict[str, object]:
    vote = get_object_or_404(Vote.objects.select_related("session__forum"), pk=vote_id)
    records = [
        {
            "iso2": r.country.iso2,
            "iso3": r.country.iso3,
            "numeric": r.country.numeric,
            "country": r.country.name_en,
            "listed_name": r.listed_name,
            "vote": r.ballot,
        }
        for r in vote.records.select_related("country")
    ]
    return {**_vote_out(vote), "records": records}


@router.get(
    "/reform-states",
    response=list[SessionReformOut],
    summary="Member states calling for system change, per session",
)
def reform_states(request: object) -> list[dict[str, object]]:
    return [
        {
            **row,
            "states": [
                {"iso2": state["iso2"], "iso3": state["iso3"], "name": state["name"]}
                for state in row["states"]
            ],
        }
        for row in queries.list_reform_states_by_session()
    ]


@router.get(
    "/countries/{iso2}",
    response={200: CountryRecordOut, **NOT_FOUND},
    summary="A country's UN record",
)
def country_record(request: object, iso2: str) -> dict[str, object]:
    return {
        "votes": queries.list_votes_for_country(iso2),
        "positions": queries.list_positions_for_country(iso2),
    }
