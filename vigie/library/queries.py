"""Reads of the library: for its own pages and API, and the doors other apps call.

Other apps (strategy, countries) call ``count_publications_released``,
``list_publication_coverage`` and ``list_country_publications``; they get only published
publications, as evidence rows or ``TypedDict`` rows, never a model.
"""

import datetime
from dataclasses import dataclass
from typing import TypedDict

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vigie.core.evidence import CountResult, Evidence
from vigie.library import search
from vigie.library.models import Publication, PublicationFile, PublicationKind, StrategyLinkKind
from vigie.network import queries as network_queries


@dataclass(frozen=True)
class LibraryFilters:
    """The filters of the list, search and API; empty values filter nothing."""

    q: str = ""
    kind: str = ""
    priority: int | None = None
    pillar: int | None = None
    country: str = ""
    language: str = ""
    year: int | None = None


class PublicationRecord(TypedDict):
    slug: str
    title: str
    kind: str
    kind_label: str
    published_on: datetime.date
    url: str


class PublicationCoverage(TypedDict):
    slug: str
    title: str
    published_on: datetime.date
    url: str
    coverage: int


def visible_publications(*, include_drafts: bool = False) -> QuerySet[Publication]:
    """Published publications, or every one for staff."""
    publications = Publication.objects.all()
    if not include_drafts:
        publications = publications.filter(is_published=True)
    return publications


def with_details(publications: QuerySet[Publication]) -> QuerySet[Publication]:
    return publications.prefetch_related(
        "countries",
        "strategy_links",
        Prefetch("files", queryset=PublicationFile.objects.defer("text")),
    )


def filter_publications(
    publications: QuerySet[Publication], filters: LibraryFilters
) -> QuerySet[Publication]:
    """The publications that pass every filter (the text query is applied by ``search_page``)."""
    if filters.kind:
        publications = publications.filter(kind=filters.kind)
    if filters.priority is not None:
        publications = publications.filter(
            pk__in=Publication.objects.filter(
                strategy_links__kind=StrategyLinkKind.PRIORITY,
                strategy_links__number=filters.priority,
            ).values("pk")
        )
    if filters.pillar is not None:
        publications = publications.filter(
            pk__in=Publication.objects.filter(
                strategy_links__kind=StrategyLinkKind.PILLAR, strategy_links__number=filters.pillar
            ).values("pk")
        )
    if filters.country:
        publications = publications.filter(
            pk__in=Publication.objects.filter(countries__iso2=filters.country.upper()).values("pk")
        )
    if filters.language:
        if filters.language not in ("en", "fr", "es"):
            return publications.none()
        publications = publications.filter(
            pk__in=Publication.objects.filter(
                Q(files__language=filters.language) | Q(**{f"title_{filters.language}__gt": ""})
            ).values("pk")
        )
    if filters.year is not None:
        publications = publications.filter(published_on__year=filters.year)
    return publications


@dataclass(frozen=True)
class ResultPage:
    total: int
    publications: list[Publication]
    snippets: dict[int, str]


def search_page(
    publications: QuerySet[Publication], filters: LibraryFilters, *, limit: int, offset: int
) -> ResultPage:
    """One page of results: ranked by the text query when there is one, else newest first."""
    candidates = filter_publications(publications, filters)
    if not search.query_terms(filters.q):
        total = candidates.count()
        rows = list(with_details(candidates)[offset : offset + limit])
        return ResultPage(total, rows, {})
    page = search.backend().search(filters.q, candidates, limit=limit, offset=offset)
    by_id = with_details(Publication.objects.filter(pk__in=[h.publication_id for h in page.hits]))
    found = {publication.pk: publication for publication in by_id}
    ordered = [found[hit.publication_id] for hit in page.hits if hit.publication_id in found]
    return ResultPage(page.total, ordered, {hit.publication_id: hit.snippet for hit in page.hits})


def list_years(publications: QuerySet[Publication]) -> list[int]:
    return sorted({d.year for d in publications.dates("published_on", "year")}, reverse=True)


def _record(publication: Publication) -> PublicationRecord:
    return {
        "slug": publication.slug,
        "title": publication.title,
        "kind": publication.kind,
        "kind_label": str(publication.get_kind_display()),
        "published_on": publication.published_on,
        "url": publication.get_absolute_url(),
    }


def count_publications_released(start: datetime.date, end: datetime.date) -> CountResult:
    """Published publications dated between ``start`` and ``end`` (inclusive), with evidence."""
    released = visible_publications().filter(published_on__range=(start, end))
    evidence = [
        Evidence(
            label=publication.title,
            url=publication.get_absolute_url(),
            date=publication.published_on,
            detail=str(publication.get_kind_display()),
            source_urls=tuple(u for u in (publication.url,) if u),
        )
        for publication in released.order_by("published_on", "slug")
    ]
    definition = _(
        "Publications of the library (reports, briefing papers, shadow reports, advocacy "
        "toolkits, statements, blog posts) published between %(start)s and %(end)s."
    ) % {"start": start.isoformat(), "end": end.isoformat()}
    return CountResult(value=len(evidence), definition=definition, evidence=evidence)


def list_publication_coverage(
    start: datetime.date, end: datetime.date
) -> list[PublicationCoverage]:
    """Each publication released in the period with the number of media coverage entries its
    dissemination plan links from the network's coverage log."""
    released = list(
        visible_publications()
        .filter(published_on__range=(start, end))
        .select_related("dissemination_plan")
        .order_by("published_on", "slug")
    )
    linked = {
        publication.pk: set(publication.dissemination_plan.coverage_ids)
        for publication in released
        if hasattr(publication, "dissemination_plan")
    }
    everything = sorted(set().union(*linked.values())) if linked else []
    existing = network_queries.list_existing_coverage_ids(everything) if everything else set()
    return [
        PublicationCoverage(
            slug=publication.slug,
            title=publication.title,
            published_on=publication.published_on,
            url=publication.get_absolute_url(),
            coverage=len(linked.get(publication.pk, set()) & existing),
        )
        for publication in released
    ]


def count_publication_coverage(start: datetime.date, end: datetime.date) -> CountResult:
    """Coverage entries linked to the publications released in the period, with one evidence
    row per publication giving its own count (coverage per publication)."""
    rows = list_publication_coverage(start, end)
    evidence = [
        Evidence(
            label=row["title"],
            url=row["url"],
            date=row["published_on"],
            detail=ngettext(
                "%(count)d media coverage entry",
                "%(count)d media coverage entries",
                row["coverage"],
            )
            % {"count": row["coverage"]},
        )
        for row in rows
    ]
    definition = _(
        "Entries of the media coverage log linked, in their dissemination plans, to the "
        "publications released between %(start)s and %(end)s."
    ) % {"start": start.isoformat(), "end": end.isoformat()}
    return CountResult(
        value=sum(row["coverage"] for row in rows), definition=definition, evidence=evidence
    )


def list_country_publications(iso2: str) -> list[PublicationRecord]:
    """Published publications about a country, newest first."""
    return [
        _record(publication)
        for publication in visible_publications().filter(countries__iso2=iso2.upper())
    ]


def kind_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in PublicationKind.choices]
