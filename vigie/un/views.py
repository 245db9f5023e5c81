"""Public pages of the UN tracker: landing, tracker, votes, sessions, countries, codebook."""

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vigie.core.charts import Chart, frameable, render_embed
from vigie.core.exports import csv_response
from vigie.core.models import Country
from vigie.core.pagination import page_context
from vigie.core.regions import Region
from vigie.core.reviews import count_page_views
from vigie.un import queries
from vigie.un.models import (
    CountryVote,
    IssueSeverity,
    IssueTag,
    JointStatement,
    Milestone,
    PositionCode,
    Session,
    Signatory,
    Statement,
    Vote,
    VoteChoice,
)

BALLOT_ORDER = [
    VoteChoice.YES,
    VoteChoice.NO,
    VoteChoice.ABSTAIN,
    VoteChoice.ABSENT,
    VoteChoice.NON_MEMBER,
]


def _votes() -> Any:
    return (
        Vote.objects.select_related("session__forum")
        # Whether any country's ballot is listed: an indexed EXISTS per vote of the page, not a
        # count over every record of every vote.
        .annotate(listed=Exists(CountryVote.objects.filter(vote=OuterRef("pk"))))
        .prefetch_related("issues")
        .order_by("-date", "-pk")
    )


# The home shows the newest sessions (the tracker pages through all of them): the page costs the
# same whatever the number of sessions recorded.
HOME_SESSIONS = 10


def home(request: HttpRequest) -> HttpResponse:
    sessions = queries.list_reform_states_by_session(with_states=False)
    return render(
        request,
        "un/home.html",
        {
            **page_context(request, _votes()),
            "sessions": sessions[-HOME_SESSIONS:],
            "sessions_total": len(sessions),
            "mechanism": queries.get_un_mechanism_milestone(),
        },
    )


# The tracker shows the sessions a page at a time, newest first, and under each state its first
# rows of evidence (the rest are on the state's page): a page costs the same whatever the number
# of sessions and statements recorded.
TRACKER_SESSIONS_PER_PAGE = 10
TRACKER_EVIDENCE_PER_STATE = 3


def tracker(request: HttpRequest) -> HttpResponse:
    today = datetime.date.today()
    total = queries.count_states_calling_for_reform(datetime.date(2000, 1, 1), today)
    sessions = queries.list_reform_states_by_session()[::-1]
    return render(
        request,
        "un/tracker.html",
        {
            **page_context(request, sessions, per_page=TRACKER_SESSIONS_PER_PAGE),
            "evidence_shown": TRACKER_EVIDENCE_PER_STATE,
            "evidence_slice": f":{TRACKER_EVIDENCE_PER_STATE}",
            "minus_shown": -TRACKER_EVIDENCE_PER_STATE,
            "total": total,
            "mechanism": queries.get_un_mechanism_milestone(),
            "reform_code": PositionCode.objects.filter(code=queries.REFORM_CODE).first(),
        },
    )


def _totals(vote: Vote) -> list[dict[str, Any]]:
    listed: dict[str, int] = defaultdict(int)
    for ballot in vote.records.values_list("ballot", flat=True):
        listed[ballot] += 1
    rows = []
    for ballot, stated in (
        (VoteChoice.YES, vote.stated_yes),
        (VoteChoice.NO, vote.stated_no),
        (VoteChoice.ABSTAIN, vote.stated_abstain),
    ):
        rows.append(
            {
                "ballot": ballot,
                "label": ballot.label,
                "stated": stated,
                "listed": listed[ballot],
                "differs": bool(listed) and listed[ballot] != stated,
            }
        )
    return rows


def _vote_map(request: HttpRequest, vote: Vote) -> tuple[list[CountryVote], Chart, dict[str, Any]]:
    """The vote's ballots by country, its map as a figure, and the data its script draws."""
    records = list(vote.records.select_related("country"))
    labels = {ballot.value: str(ballot.label) for ballot in BALLOT_ORDER}
    map_data = {
        "values": [
            {"id": record.country.numeric, "vote": record.ballot, "name": record.country.name}
            for record in records
        ],
        "labels": labels,
    }
    chart = Chart(
        key="vote-map",
        title=_("How each country voted: %(title)s") % {"title": vote.title},
        unit=_("the vote of each country as recorded (yes, no, abstention, absent)"),
        subtitle=vote.session.label,
        source=_("the UN records listed under Sources on this page"),
        sources=[(source.title or source.url, source.url) for source in vote.sources.all()],
        columns=[_("Country"), _("Region"), _("Vote")],
        rows=[
            [record.country.name, record.country.get_region_display(), labels[record.ballot]]
            for record in sorted(records, key=lambda r: r.country.name)
        ],
        description=_("World map coloured by vote; the same data is in the table by region below."),
        page_url=request.build_absolute_uri(reverse("un:vote", args=[vote.pk])),
        embed_url=request.build_absolute_uri(reverse("un:vote_embed", args=[vote.pk])),
    )
    return records, chart, map_data


def vote_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vote = get_object_or_404(
        Vote.objects.select_related("session__forum", "requested_by").prefetch_related("sources"),
        pk=pk,
    )
    records, chart, map_data = _vote_map(request, vote)
    regions: dict[str, list[Any]] = defaultdict(list)
    for record in records:
        regions[record.country.get_region_display() or "—"].append(record)
    by_region = [
        {"region": name, "records": sorted(rows, key=lambda r: (r.ballot, r.country.name))}
        for name, rows in sorted(regions.items())
    ]
    return render(
        request,
        "un/vote.html",
        {
            "vote": vote,
            "totals": _totals(vote),
            "by_region": by_region,
            "issues": vote.issues.all(),
            "warnings": vote.issues.filter(severity=IssueSeverity.WARNING),
            "map_data": map_data,
            "sources": vote.sources.all(),
            "chart": chart,
        },
    )


@frameable
def vote_embed(request: HttpRequest, pk: int) -> HttpResponse:
    """A vote's map alone, for other sites to frame (none for a vote with only its totals)."""
    vote = get_object_or_404(Vote.objects.select_related("session__forum"), pk=pk)
    records, chart, map_data = _vote_map(request, vote)
    if not records:
        raise Http404(_("Only the totals of this vote are loaded; the per-country list is not."))
    return render_embed(
        request, chart, scripts="un/partials/vote_map_script.html", context={"map_data": map_data}
    )


def vote_csv(request: HttpRequest, pk: int) -> HttpResponse:
    vote = get_object_or_404(Vote, pk=pk)
    return csv_response(f"{slugify(vote.code)}.csv", queries.list_vote_export_rows(vote.pk))


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("forum"), pk=pk)
    statements = (
        Statement.objects.filter(meeting__session=session)
        .select_related("meeting", "country", "coding__position")
        .prefetch_related("coding__tags")
        .order_by("meeting__agenda_item", "meeting__date", "id")
    )
    by_item: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        by_item[statement.meeting.agenda_item].append(statement)
    joints = (
        JointStatement.objects.filter(session=session)
        .select_related("delivered_by")
        .prefetch_related(
            Prefetch("signatories", queryset=Signatory.objects.select_related("country")),
            "sources",
            "conflicts_with",
        )
    )
    count_page_views((queries.VIEW_KIND_JOINT, joint.code) for joint in joints)
    return render(
        request,
        "un/session.html",
        {
            "session": session,
            "by_item": sorted(by_item.items()),
            "joints": joints,
            "position_counts": queries.list_session_position_counts(session.pk),
            "agreement": queries.get_session_agreement(session.pk),
            "votes": _votes().filter(session=session),
            "sources": session.sources.all(),
        },
    )


def session_csv(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session, pk=pk)
    rows = queries.list_session_export_rows(session.pk)
    return csv_response(f"{slugify(session.label)}.csv", rows)


def country_detail(request: HttpRequest, iso2: str) -> HttpResponse:
    country = Country.objects.filter(iso2=iso2.upper()).first()
    if country is None:
        raise Http404
    return render(
        request,
        "un/country.html",
        {
            "country": country,
            "votes": queries.list_votes_for_country(country.iso2),
            "positions": queries.list_positions_for_country(country.iso2),
        },
    )


def country_list(request: HttpRequest) -> HttpResponse:
    countries = (
        Country.objects.filter(un_votes__isnull=False)
        .annotate(votes=Count("un_votes", distinct=True))
        .order_by("name_en")
    )
    return render(request, "un/countries.html", {"countries": countries, "regions": Region})


def codebook(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "un/codebook.html",
        {"codes": PositionCode.objects.all(), "tags": IssueTag.objects.all()},
    )


def joint_statement_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One joint statement: signatories named of those stated, conflicts, notes, sources."""
    joint = get_object_or_404(
        JointStatement.objects.select_related("delivered_by", "session__forum").prefetch_related(
            Prefetch("signatories", queryset=Signatory.objects.select_related("country")),
            "sources",
            "conflicts_with",
        ),
        code=code,
    )
    count_page_views([(queries.VIEW_KIND_JOINT, joint.code)])
    return render(request, "un/joint_statement.html", {"joint": joint})


def milestone_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One milestone toward the human-rights mechanism, with the secretariat's judgement."""
    milestone = get_object_or_404(Milestone.objects.prefetch_related("sources"), code=code)
    return render(
        request,
        "un/milestone.html",
        {
            "milestone": milestone,
            "judgement": queries.milestone_judgement(milestone),
            "judged": queries.get_milestone_judged_on(milestone.pk),
        },
    )
