"""Read-only open data of the UN tracker (/api/v1/un/)."""

import datetime
from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from vigie.core.api_errors import NOT_FOUND
from vigie.core.pagination import API_MAX_PAGE_SIZE, API_PAGE_SIZE, api_page
from vigie.un import queries
from vigie.un.models import CountryVote, DataIssue, Vote

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


class StateOut(Schema):
    iso2: str
    iso3: str
    name: str


class SessionReformOut(Schema):
    session_id: int
    session: str
    forum: str
    start_date: datetime.date
    end_date: datetime.date
    count: int
    # The stated total when joint statements name only part of their signatories ("60–62").
    stated: str
    states: list[StateOut]


class CountryRecordOut(Schema):
    votes: list[dict[str, object]]
    positions: list[dict[str, object]]


# The public fields of a vote, read as plain rows (no model instance per vote).
_VOTE_FIELDS = (
    "id",
    "code",
    "title",
    "date",
    "date_is_approximate",
    "draft_symbol",
    "adopted_symbol",
    "stated_yes",
    "stated_no",
    "stated_abstain",
)


def _vote_rows() -> QuerySet[Vote, dict[str, Any]]:
    return Vote.objects.values(
        *_VOTE_FIELDS, forum=F("session__forum__abbreviation"), session_label=F("session__label")
    )


def _votes_out(rows: list[dict[str, Any]]) -> list[dict[str, object]]:
    """A page of votes (``_vote_rows``) with their data issues and source addresses.

    The issues and the sources are read in one two-column query each for the whole page, so a
    row costs a few dictionary lookups.
    """
    issues: dict[int, list[str]] = {row["id"]: [] for row in rows}
    sources: dict[int, list[str]] = {row["id"]: [] for row in rows}
    for vote_id, message in (
        DataIssue.objects.filter(vote_id__in=issues)
        .order_by("vote_id", "rule", "id")
        .values_list("vote_id", "message")
    ):
        issues[vote_id].append(message)
    for vote_id, url in (
        Vote.sources.through.objects.filter(vote_id__in=sources)
        .order_by("vote_id", "source__publisher", "source__title", "source__url")
        .values_list("vote_id", "source__url")
    ):
        sources[vote_id].append(url)
    return [
        {
            **{name: row[name] for name in _VOTE_FIELDS},
            "forum": row["forum"],
            "session": row["session_label"],
            "issues": issues[row["id"]],
            "sources": sources[row["id"]],
        }
        for row in rows
    ]


@router.get("/votes", response=list[VoteOut], summary="Recorded votes with stated totals")
def list_votes(
    request: HttpRequest,
    response: HttpResponse,
    page: int = Query(1, ge=1),
    per_page: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_PAGE_SIZE),
) -> list[dict[str, object]]:
    """Newest first, one page at a time (total in ``X-Total-Count``, other pages in ``Link``)."""
    votes = _vote_rows().order_by("-date", "-pk")
    return _votes_out(api_page(request, response, votes, page=page, per_page=per_page))


@router.get(
    "/votes/{vote_id}",
    response={200: VoteDetailOut, **NOT_FOUND},
    summary="One vote, country by country",
)
def get_vote(request: object, vote_id: int) -> dict[str, object]:
    found = list(_vote_rows().filter(pk=vote_id))
    if not found:
        raise Http404
    records = [
        {
            "iso2": r.country.iso2,
            "iso3": r.country.iso3,
            "numeric": r.country.numeric,
            "country": r.country.name_en,
            "listed_name": r.listed_name,
            "vote": r.ballot,
        }
        for r in CountryVote.objects.filter(vote_id=vote_id).select_related("country")
    ]
    return {**_votes_out(found)[0], "records": records}


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
