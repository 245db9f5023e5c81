"""Open data of the UN tracker (/api/v1/un/), and the staff entry of joint statements."""

import datetime
from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import Field

from vigie.core.api_auth import api_actor
from vigie.core.api_errors import NOT_FOUND
from vigie.core.api_forms import (
    FormRefused,
    api_write,
    bind_form,
    body_of,
    form_schema,
    staff_write,
)
from vigie.core.api_schemas import RecordSchema, schema_of
from vigie.core.i18n import language_codes, mapping_reader
from vigie.core.pagination import API_MAX_PAGE_SIZE, API_PAGE_SIZE, api_page
from vigie.un import queries, services
from vigie.un.forms import JointStatementForm, RollCallForm, StatementForm
from vigie.un.models import CountryVote, DataIssue, Vote
from vigie.un.services import RollCallPreview, SignatoryPreview

router = Router(tags=["UN tracker"])


class VoteOut(RecordSchema):
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


class CountryVoteOut(RecordSchema):
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


# The public fields of a vote, read as plain rows (no model instance per vote); the title is
# read from its per-language columns (``_TITLES``) and chosen once per row in ``_votes_out``.
_VOTE_FIELDS = (
    "id",
    "code",
    "date",
    "date_is_approximate",
    "draft_symbol",
    "adopted_symbol",
    "stated_yes",
    "stated_no",
    "stated_abstain",
)


_TITLES = tuple(f"title_{code}" for code in language_codes())


def _vote_rows() -> QuerySet[Vote, dict[str, Any]]:
    return Vote.objects.values(
        *_VOTE_FIELDS,
        *_TITLES,
        forum=F("session__forum__abbreviation"),
        session_label=F("session__label"),
    )


def _votes_out(rows: list[dict[str, Any]]) -> list[dict[str, object]]:
    """A page of votes (``_vote_rows``) with their data issues and source addresses.

    The issues and the sources are read in one two-column query each for the whole page, so a
    row costs a few dictionary lookups.
    """
    issues: dict[int, list[str]] = {row["id"]: [] for row in rows}
    sources: dict[int, list[str]] = {row["id"]: [] for row in rows}
    title = mapping_reader("title")
    for vote_id, message in (
        DataIssue.objects.filter(vote_id__in=list(issues))
        .order_by("vote_id", "rule", "id")
        .values_list("vote_id", "message")
    ):
        issues[vote_id].append(message)
    for vote_id, url in (
        Vote.sources.through.objects.filter(vote_id__in=list(sources))
        .order_by("vote_id", "source__publisher", "source__title", "source__url")
        .values_list("vote_id", "source__url")
    ):
        sources[vote_id].append(url)
    return [
        {
            **{name: row[name] for name in _VOTE_FIELDS},
            "title": title(row),
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
    # Every vote has a session and a forum: counted without the joins that read their names.
    rows = api_page(
        request, response, votes, page=page, per_page=per_page, counted=Vote.objects.all()
    )
    return _votes_out(rows)


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


# Staff write: a joint statement with its signatories pasted as a list, as on the staff page.


class SignatoryOut(Schema):
    name: str = Field(..., description="The name as pasted.")
    iso2: str
    country: str = Field(..., description="The country's English name.")
    fixed: bool = Field(..., description="True when the caller chose the country (`fixes`).")


class SignatoryMatchOut(Schema):
    matched: list[SignatoryOut]
    unmatched: list[str] = Field(..., description="Names that match no country: fix each one.")
    duplicates: list[str] = Field(..., description="Countries listed twice.")
    saved: bool
    code: str = Field("", description="The statement's identifier, once saved.")


_FIXES = (
    dict[str, str] | None,
    Field(
        None,
        description="A country (ISO alpha-2) for each pasted name the matcher did not know, "
        "as `{name: iso2}`.",
    ),
)
_CHECK = (
    bool,
    Field(False, description="Only match the names (nothing is written), as the page's check."),
)
JointStatementIn = form_schema(
    "JointStatementIn", JointStatementForm(), extra={"fixes": _FIXES, "check_only": _CHECK}
)


def _match_out(preview: SignatoryPreview, *, saved: bool, code: str = "") -> SignatoryMatchOut:
    return SignatoryMatchOut(
        matched=[
            SignatoryOut(
                name=name,
                iso2=country.iso2,
                country=country.name_en,
                fixed=name in preview.unknown,
            )
            for name, country in preview.matched
        ],
        unmatched=preview.unmatched,
        duplicates=preview.duplicates,
        saved=saved,
        code=code,
    )


def _bind_statement(body: dict[str, Any]) -> JointStatementForm:
    """The page's form, with one country choice per name the caller fixed (``fix_0``…)."""
    fixes: dict[str, str] = body.pop("fixes", None) or {}
    if any("\x00" in name for name in fixes):  # it would reach the audit entry (PostgreSQL)
        raise FormRefused({"fixes": [_("A NUL character is not allowed in a request parameter.")]})
    names = list(fixes)
    body.update({f"fix_{number}": fixes[name] for number, name in enumerate(names)})
    keys = {f"fix_{number}": "iso2" for number in range(len(names))}
    try:
        return bind_form(JointStatementForm, body, keys=keys, unmatched=names)
    except FormRefused as refused:  # a fix is reported at ``fixes``, not at ``fix_N``
        errors: dict[str, list[str]] = {}
        for name, messages in refused.errors.items():
            errors.setdefault("fixes" if name.startswith("fix_") else name, []).extend(messages)
        raise FormRefused(errors) from refused


@staff_write(
    router.post,
    "/joint-statements",
    name="create_joint_statement",
    summary="Record a joint statement with its signatories pasted as a list",
    out=SignatoryMatchOut,
    status=201,
    also={200: SignatoryMatchOut},
)
def create_joint_statement(request: HttpRequest, payload: JointStatementIn) -> Any:  # type: ignore[valid-type]
    """The names are matched to countries as on the staff page; the answer lists what was
    matched (and to which country), what was not, and countries listed twice. With
    ``check_only`` nothing is written (200). Otherwise the statement is saved only when every
    name has a country (201); if not, 422 at ``signatories`` with the same lists in ``ctx``."""
    body = body_of(payload)
    check_only = body.pop("check_only", False)
    with api_write():
        form = _bind_statement(body)
        preview = services.preview_signatories(
            text=form.cleaned_data["signatories"], fixes=form.fixes()
        )
        if check_only:
            return 200, _match_out(preview, saved=False)
        if not preview.ok:
            message = _("Every name needs a country, and each country once: see ctx.")
            raise ValidationError(
                [
                    {
                        "loc": ["body", "payload", "signatories"],
                        "msg": message,
                        "type": "unmatched",
                        "ctx": _match_out(preview, saved=False).model_dump(),
                    }
                ]
            )
        joint = form.record(actor=api_actor(request))
    return 201, _match_out(preview, saved=True, code=joint.code)


# Staff writes: one statement (the quick entry page) and a vote's roll call (its import page).

StatementIn = form_schema("StatementIn", StatementForm())
RollCallIn = form_schema(
    "RollCallIn",
    RollCallForm(),
    extra={
        "check_only": (
            bool,
            Field(False, description="Only match the names (nothing is written), as the preview."),
        )
    },
)


STATEMENT_FIELDS = (
    "session",
    "date",
    "agenda_item",
    "summary",
    "source_url",
    "speaker_kind",
    "speaker_name",
    "on_behalf_of",
    "language",
    "video_url",
    "position",
    "evidence",
)


class StatementWrittenOut(Schema):
    id: int
    speaker: str
    session: int
    date: datetime.date
    agenda_item: str
    coded: bool = Field(..., description="True when a position code was given.")


@staff_write(
    router.post,
    "/statements",
    name="record_statement",
    summary="Record one statement of a meeting (as the quick entry page)",
    out=StatementWrittenOut,
    status=201,
)
def record_statement(request: HttpRequest, payload: StatementIn) -> tuple[int, StatementWrittenOut]:  # type: ignore[valid-type]
    """``country``: a name as the page accepts it (UN names and short names work); required
    for a state or an observer. The meeting (session, date, agenda item) is found or created.
    A ``position`` (its id) needs the quoted ``evidence``, and records the first coding."""
    with api_write(services.StatementError):  # shown on the page above the form too
        form = bind_form(StatementForm, payload)
        data = form.cleaned_data
        statement = services.record_statement(
            **{name: data[name] for name in STATEMENT_FIELDS},
            country=form.country_obj,
            tags=list(data["tags"]),
            actor=api_actor(request),
        )
    return 201, StatementWrittenOut(
        id=statement.pk,
        speaker=str(statement.speaker),
        session=statement.meeting.session_id,
        date=statement.meeting.date,
        agenda_item=statement.meeting.agenda_item,
        coded=data["position"] is not None,
    )


class ListedCountryOut(Schema):
    name: str = Field(..., description="The name as pasted.")
    iso2: str


class RollCallOut(Schema):
    matched: dict[str, list[ListedCountryOut]] = Field(
        ..., description="Per ballot (`yes`, `no`, `abstain`), the names and their country."
    )
    unmatched: dict[str, list[str]] = Field(..., description="Per ballot, names matching none.")
    duplicates: list[str] = Field(..., description="Countries listed twice.")
    saved: int = Field(..., description="Country votes saved (0 when only checked).")


def _roll_call_out(preview: RollCallPreview, saved: int = 0) -> RollCallOut:
    return RollCallOut(
        matched={
            str(ballot): [ListedCountryOut(name=name, iso2=country.iso2) for name, country in pairs]
            for ballot, pairs in preview.matched.items()
        },
        unmatched={str(ballot): names for ballot, names in preview.unmatched.items()},
        duplicates=preview.duplicates,
        saved=saved,
    )


@staff_write(
    router.post,
    "/votes/{vote_id}/roll-call",
    name="import_roll_call",
    summary="Import a vote's roll call: the names of each list pasted as printed",
    out=RollCallOut,
)
def import_roll_call(request: HttpRequest, vote_id: int, payload: RollCallIn) -> RollCallOut:  # type: ignore[valid-type]
    """The lists replace the vote's per-country records, as on the import page. A name that
    matches no country is refused at its list (``yes``, ``no`` or ``abstain``), a country
    listed twice at ``__all__``; ``check_only`` answers the matching without writing."""
    vote = get_object_or_404(Vote, pk=vote_id)
    body = body_of(payload)
    check_only = body.pop("check_only", False)
    with api_write():
        form = bind_form(RollCallForm, body)
        lists = {name: form.cleaned_data[name] for name in ("yes", "no", "abstain")}
        preview = services.preview_roll_call(**lists)
        if check_only:
            return _roll_call_out(preview)
        errors: dict[str, list[str]] = {
            str(ballot): [
                _("These names match no country: %(names)s.") % {"names": ", ".join(names)}
            ]
            for ballot, names in preview.unmatched.items()
            if names
        }
        if preview.duplicates:
            errors["__all__"] = preview.duplicates
        if errors:
            raise FormRefused(errors)
        count = services.import_roll_call(vote=vote, actor=api_actor(request), **lists)
    return _roll_call_out(preview, saved=count)
