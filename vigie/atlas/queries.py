"""Read-only questions about the atlas; the only module other apps may import.

A measure is *in force* on a date when it has started (entry into force, else adoption), has not
ended, and no reversal of it has started. Jurisdictions are counted distinctly by code: a
sub-national unit (``US-OR``) is a jurisdiction of its own, apart from its country (``US``).
"""

import datetime
from collections.abc import Callable, Iterable
from typing import Any, TypedDict

from django.conf import settings
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vigie.atlas.models import (
    DECRIMINALISING_KINDS,
    KIND_STRENGTH,
    RATING_POINTS,
    REGULATING_KINDS,
    Kind,
    MeasureVersion,
    PolicyMeasure,
    Rating,
    Status,
    SubstanceScope,
    Verification,
)
from vigie.atlas.services import (
    CORRECTABLE_FIELDS,
    DATE_FIELDS,
    POLICY_FIELDS,
    corrected_field_name,
)
from vigie.core.changes import Change
from vigie.core.csvfiles import SOURCE_SEPARATOR
from vigie.core.evidence import CountResult, Evidence

# Page-view counter kinds of the atlas's item pages (core.reviews.count_page_views).
VIEW_KIND_MEASURE = "atlas.measure"
VIEW_KIND_JURISDICTION = "atlas.jurisdiction"


def _measures() -> QuerySet[PolicyMeasure]:
    return PolicyMeasure.objects.select_related(
        "country", "subdivision", "reverses"
    ).prefetch_related("sources", "reversed_by", "assessments")


def counted_measures() -> QuerySet[PolicyMeasure]:
    """The measures the counts and the map use: those on substances under international control
    (the written rule is ``atlas.models.COUNTING_RULE``)."""
    return _measures().filter(under_international_control=True)


def effective_start(measure: PolicyMeasure) -> datetime.date | None:
    if measure.status == Status.PROPOSED:
        return None
    return measure.in_force_on or measure.adopted_on


def effective_end(measure: PolicyMeasure) -> datetime.date | None:
    """When the measure last stopped having effect (its end, or the start of a lasting reversal)."""
    periods = active_periods(measure)
    return periods[-1][1] if periods else None


def active_periods(
    measure: PolicyMeasure,
) -> list[tuple[datetime.date, datetime.date | None]]:
    """Intervals [from, to) during which the measure had effect.

    The measure's own interval minus the intervals during which a reversal of it was in force
    (Colombia's 2009 recriminalisation suspended the 1994 personal dose until 2012).
    """
    start = effective_start(measure)
    if start is None:
        return []
    periods: list[tuple[datetime.date, datetime.date | None]] = [(start, measure.ended_on)]
    for reversal in measure.reversed_by.all():
        r_start = effective_start(reversal)
        if r_start is None:
            continue
        r_end = reversal.ended_on
        cut: list[tuple[datetime.date, datetime.date | None]] = []
        for p_start, p_end in periods:
            if (p_end is not None and p_end <= r_start) or (r_end is not None and r_end <= p_start):
                cut.append((p_start, p_end))
                continue
            if p_start < r_start:
                cut.append((p_start, r_start))
            if r_end is not None and (p_end is None or r_end < p_end):
                cut.append((r_end, p_end))
        periods = cut
    return periods


def is_in_force(measure: PolicyMeasure, day: datetime.date) -> bool:
    if effective_start(measure) is None:
        # Undated but in force today (the sources give no date): shown for the present only.
        return measure.status == Status.IN_FORCE and day >= datetime.date.today()
    return any(s <= day and (e is None or day < e) for s, e in active_periods(measure))


def _evidence(measure: PolicyMeasure, day: datetime.date | None, detail: str) -> Evidence:
    return Evidence(
        label=f"{measure.jurisdiction_name} ({measure.jurisdiction_code}): {measure.title}",
        url=measure.get_absolute_url(),
        date=day,
        detail=detail,
        source_urls=tuple(s.url for s in measure.sources.all()),
    )


def _count(
    adoptions: Iterable[tuple[PolicyMeasure, datetime.date]],
    losses: Iterable[tuple[PolicyMeasure, datetime.date]],
    *,
    net: bool,
    definition: str,
) -> CountResult:
    gained: dict[str, tuple[PolicyMeasure, datetime.date]] = {}
    for measure, day in sorted(adoptions, key=lambda pair: pair[1]):
        gained.setdefault(measure.jurisdiction_code, (measure, day))
    evidence = [_evidence(m, d, "+1") for m, d in gained.values()]
    value = len(gained)
    if net:
        lost: dict[str, tuple[PolicyMeasure, datetime.date]] = {}
        for measure, day in sorted(losses, key=lambda pair: pair[1]):
            lost.setdefault(measure.jurisdiction_code, (measure, day))
        evidence += [_evidence(m, d, "-1") for m, d in lost.values()]
        value -= len(lost)
    return CountResult(value=value, definition=definition, evidence=evidence)


def _losses(
    kinds: Iterable[str],
    start: datetime.date,
    end: datetime.date,
    keep: Callable[[PolicyMeasure], bool] | None = None,
) -> list[tuple[PolicyMeasure, datetime.date]]:
    """Reversals starting in the window, and ends of measures of these kinds in the window."""
    kinds = list(kinds)
    found: list[tuple[PolicyMeasure, datetime.date]] = []
    for reversal in counted_measures().filter(kind=Kind.REVERSAL, reverses__kind__in=kinds):
        day = effective_start(reversal)
        target = reversal.reverses
        if day and start <= day <= end and (keep is None or (target and keep(target))):
            found.append((reversal, day))
    for measure in counted_measures().filter(kind__in=kinds, ended_on__range=(start, end)):
        if measure.ended_on and (keep is None or keep(measure)):
            found.append((measure, measure.ended_on))
    return found


def count_new_decriminalising_jurisdictions(
    start: datetime.date, end: datetime.date, *, net: bool = False
) -> CountResult:
    """Distinct jurisdictions that adopted decriminalisation between two dates (inclusive)."""
    adoptions = []
    for measure in (
        counted_measures().filter(kind__in=DECRIMINALISING_KINDS).exclude(status=Status.PROPOSED)
    ):
        day = measure.adopted_on or measure.in_force_on
        if day and start <= day <= end:
            adoptions.append((measure, day))
    definition = _(
        "Distinct jurisdictions (countries and sub-national units counted separately) where a "
        "de jure or de facto decriminalisation or a court ruling removing punishment was adopted "
        "(adoption date, else entry into force) between %(start)s and %(end)s."
    ) % {"start": start.isoformat(), "end": end.isoformat()}
    if net:
        definition += " " + _(
            "Net: minus distinct jurisdictions where such a measure was reversed or ended in "
            "the same period."
        )
    losses = _losses(DECRIMINALISING_KINDS, start, end) if net else []
    return _count(adoptions, losses, net=net, definition=definition)


def count_new_regulating_jurisdictions(
    start: datetime.date,
    end: datetime.date,
    *,
    include_proposed: bool = True,
    social_justice_only: bool = True,
    net: bool = False,
) -> CountResult:
    """Distinct jurisdictions that adopted (or proposed) legal regulation between two dates."""

    def keep(measure: PolicyMeasure) -> bool:
        return not social_justice_only or measure.has_social_justice_components

    adoptions = []
    for measure in counted_measures().filter(kind__in=REGULATING_KINDS):
        if not keep(measure):
            continue
        if measure.status == Status.PROPOSED:
            day = measure.proposed_on if include_proposed else None
        else:
            day = measure.adopted_on or measure.in_force_on
            if include_proposed and measure.proposed_on and start <= measure.proposed_on <= end:
                day = day if day and start <= day <= end else measure.proposed_on
        if day and start <= day <= end:
            adoptions.append((measure, day))
    parts = [
        _(
            "Distinct jurisdictions (countries and sub-national units counted separately) that "
            "adopted legal regulation of adult use or a regulation pilot between %(start)s and "
            "%(end)s (adoption date, else entry into force)."
        )
        % {"start": start.isoformat(), "end": end.isoformat()}
    ]
    if include_proposed:
        parts.append(_("Measures formally proposed in the period count too."))
    if social_justice_only:
        parts.append(
            _(
                "Only models with at least one social-justice component (expungement, equity "
                "licensing, community reinvestment, limits on corporate capture) recorded from "
                "their sources."
            )
        )
    if net:
        parts.append(_("Net: minus jurisdictions where such a model was reversed or ended."))
    losses = _losses(REGULATING_KINDS, start, end, keep) if net else []
    return _count(adoptions, losses, net=net, definition=" ".join(parts))


def count_measures_recorded(start: datetime.date, end: datetime.date) -> int:
    """Measures added to the atlas (first version written) between two dates, inclusive."""
    return MeasureVersion.objects.filter(
        action="created", created_at__date__gte=start, created_at__date__lte=end
    ).count()


def assessment_score(measure: PolicyMeasure) -> int | None:
    """Share of assessed criteria met (partly = half), as a percentage; None if none assessed."""
    points = [
        RATING_POINTS[Rating(a.rating)]
        for a in measure.assessments.all()
        if a.rating in RATING_POINTS
    ]
    if not points:
        return None
    return round(100 * sum(points) / len(points))


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


class MeasureRecord(TypedDict):
    """A measure as plain data, for the list, the exports, the API and the country profile.

    Dates are ISO strings (``""`` when unknown); ``assessment_score`` is a percentage or None.
    """

    code: str
    jurisdiction_code: str
    jurisdiction_name: str
    country_iso2: str
    title: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    substance_scope: str
    substances: str
    proposed_on: str
    adopted_on: str
    in_force_on: str
    ended_on: str
    date_precision: str
    sanction: str
    under_international_control: bool
    verification: str
    reverses: str
    summary: str
    assessment_score: int | None
    url: str
    source_urls: list[str]


def measure_as_dict(measure: PolicyMeasure) -> MeasureRecord:
    return {
        "code": measure.code,
        "jurisdiction_code": measure.jurisdiction_code,
        "jurisdiction_name": measure.jurisdiction_name,
        "country_iso2": measure.country.iso2,
        "title": measure.title,
        "kind": measure.kind,
        "kind_label": str(Kind(measure.kind).label),
        "status": measure.status,
        "status_label": str(Status(measure.status).label),
        "substance_scope": measure.substance_scope,
        "substances": measure.substances,
        "proposed_on": _date(measure.proposed_on),
        "adopted_on": _date(measure.adopted_on),
        "in_force_on": _date(measure.in_force_on),
        "ended_on": _date(measure.ended_on),
        "date_precision": measure.date_precision,
        "sanction": measure.sanction,
        "under_international_control": measure.under_international_control,
        "verification": measure.verification,
        "reverses": measure.reverses.code if measure.reverses is not None else "",
        "summary": measure.summary,
        "assessment_score": assessment_score(measure),
        "url": reverse("atlas:measure", args=[measure.code]),
        "source_urls": [s.url for s in measure.sources.all()],
    }


def filter_measures(
    *,
    kind: str = "",
    substance: str = "",
    status: str = "",
    region: str = "",
    jurisdiction: str = "",
    q: str = "",
) -> QuerySet[PolicyMeasure]:
    """Measures matching the public filters, unordered (the list, the exports and the API)."""
    measures = _measures()
    if kind:
        measures = measures.filter(kind=kind)
    if substance:
        measures = measures.filter(substance_scope=substance)
    if status:
        measures = measures.filter(status=status)
    if region:
        measures = measures.filter(country__region=region)
    if jurisdiction:
        # A sub-national code (``US-OR``) names its unit; a country code, the country with its
        # units. One indexed condition, not an OR across two joins that scans every measure.
        code = jurisdiction.upper()
        if "-" in code:
            measures = measures.filter(subdivision__code=code)
        else:
            measures = measures.filter(country__iso2=code)
    if q:
        measures = measures.filter(
            Q(title__icontains=q) | Q(country__name_en__icontains=q) | Q(summary_en__icontains=q)
        )
    return measures


def list_measures(**filters: str) -> list[PolicyMeasure]:
    """Measures matching the public filters (see ``filter_measures``), by jurisdiction and date."""
    measures = filter_measures(**filters)
    return list(measures.order_by("country__name_en", "subdivision__code", "adopted_on", "code"))


def _jurisdiction_name() -> Coalesce:
    """The name a reader sees (``PolicyMeasure.jurisdiction_name``), in SQL, in this language."""
    language = get_language() or settings.LANGUAGE_CODE
    names = [f"country__name_{code}" for code, _label in settings.LANGUAGES]
    own = f"country__name_{language[:2]}"
    country = (
        Coalesce(NullIf(own, Value("")), "country__name_en")
        if own in names
        else F("country__name_en")
    )
    return Coalesce("subdivision__name", country)


def sorted_measures(sort: str = "jurisdiction", **filters: str) -> QuerySet[PolicyMeasure]:
    """Filtered measures in the order a reader chose (``jurisdiction``, ``kind`` or ``date``,
    ``-`` in front for the reverse), then by jurisdiction; the order is SQL, so that a page of
    the list reads only its own rows."""
    descending = sort.startswith("-")
    kind_label = Case(
        *(When(kind=value, then=Value(str(label))) for value, label in Kind.choices),
        default=F("kind"),
    )
    name = _jurisdiction_name()
    keys: dict[str, list[Any]] = {
        "jurisdiction": [name],
        "kind": [kind_label, name],
        "date": [F("adopted_on"), name],
    }
    ordering = [
        key.desc(nulls_last=True) if descending else key.asc(nulls_first=True)
        for key in keys.get(sort.lstrip("-"), keys["jurisdiction"])
    ]
    return filter_measures(**filters).order_by(*ordering, "code")


def list_measures_for_country(iso2: str) -> list[MeasureRecord]:
    """All measures of a country, including its sub-national units, as plain dicts."""
    measures = _measures().filter(country__iso2=iso2.upper())
    return [measure_as_dict(m) for m in measures.order_by("adopted_on", "in_force_on", "code")]


def strongest_in_force(
    measures: Iterable[PolicyMeasure], day: datetime.date
) -> PolicyMeasure | None:
    live = [m for m in measures if m.under_international_control and is_in_force(m, day)]
    return max(live, key=lambda m: KIND_STRENGTH[Kind(m.kind)], default=None)


def get_kind_label(kind: str) -> str:
    """The label of a kind of measure in the active language (the code itself if unknown)."""
    return str(dict(Kind.choices).get(kind, kind))


def list_new_measure_choices() -> dict[str, list[tuple[str, str]]]:
    """The choices a new measure is recorded with (kind, status, substances), labelled in the
    active language, for another app's form (``atlas.services.record_proposed_measure``)."""
    return {
        "kind": [(code, str(label)) for code, label in Kind.choices],
        "status": [(code, str(label)) for code, label in Status.choices],
        "substance_scope": [(code, str(label)) for code, label in SubstanceScope.choices],
    }


def _end_of(year: int) -> datetime.date:
    return min(datetime.date(year, 12, 31), datetime.date.today())


def get_strongest_measure_by_country(year: int) -> dict[str, str]:
    """iso2 → kind code of the strongest country-level measure in force at the end of ``year``."""
    day = _end_of(year)
    by_country: dict[str, list[PolicyMeasure]] = {}
    for measure in _measures().filter(subdivision__isnull=True):
        by_country.setdefault(measure.country.iso2, []).append(measure)
    result = {}
    for iso2, measures in by_country.items():
        best = strongest_in_force(measures, day)
        if best is not None:
            result[iso2] = best.kind
    return result


def get_strongest_measure_of_country(iso2: str, year: int) -> str:
    """The kind code of one country's strongest country-level measure in force at the end of
    ``year`` ('' if none): a country's page reads that country's measures, not the world's (it
    read the whole map, a thirtieth of a second a page with the bundled data)."""
    measures = _measures().filter(subdivision__isnull=True, country__iso2=iso2.upper())
    best = strongest_in_force(measures, _end_of(year))
    return best.kind if best is not None else ""


class RecordedJurisdiction(TypedDict):
    code: str
    name: str
    url: str


def list_recorded_jurisdictions() -> list[RecordedJurisdiction]:
    """Every jurisdiction with at least one measure (a country, or a sub-national unit)."""
    found: dict[str, str] = {}
    for measure in PolicyMeasure.objects.select_related("country", "subdivision").order_by("code"):
        found.setdefault(measure.jurisdiction_code, measure.jurisdiction_name)
    return [
        RecordedJurisdiction(code=code, name=name, url=reverse("atlas:jurisdiction", args=[code]))
        for code, name in sorted(found.items(), key=lambda item: item[1])
    ]


class UnverifiedMeasure(TypedDict):
    """A measure whose page shows an UNVERIFIED mark (some or all of it not confirmed)."""

    kind: str
    key: str
    title: str
    url: str
    reason: str


def list_unverified_measures() -> list[UnverifiedMeasure]:
    return [
        UnverifiedMeasure(
            kind=VIEW_KIND_MEASURE,
            key=measure.code,
            title=measure.title,
            url=measure.get_absolute_url(),
            reason=str(Verification(measure.verification).label),
        )
        for measure in PolicyMeasure.objects.exclude(verification=Verification.VERIFIED).order_by(
            "code"
        )
    ]


def list_measures_without_source() -> list[UnverifiedMeasure]:
    """Measures that cite no source (the bundled loaders and the forms refuse them; an edit in
    the admin or a deleted source can still leave one), each linked to its edit page."""
    return [
        UnverifiedMeasure(
            kind=VIEW_KIND_MEASURE,
            key=code,
            title=title,
            url=reverse("atlas:measure_edit", args=[code]),
            reason=_("no source cited"),
        )
        for code, title in PolicyMeasure.objects.filter(sources__isnull=True)
        .order_by("code")
        .values_list("code", "title")
    ]


class CorrectableValue(TypedDict):
    field: str
    label: str
    value: str


class CorrectableEntry(TypedDict):
    """A measure as a member's correction sees it: each field that may be corrected, as text."""

    code: str
    title: str
    jurisdiction_name: str
    country_iso2: str
    url: str
    values: list[CorrectableValue]
    source_urls: list[str]


def list_correctable_fields() -> list[tuple[str, str]]:
    """(code, label) of each field of a measure a member may propose to correct."""
    return [(field, str(label)) for field, label in CORRECTABLE_FIELDS.items()]


def _shown(measure: PolicyMeasure, field: str, language: str) -> str:
    value = getattr(measure, corrected_field_name(field, language))
    if field in DATE_FIELDS:
        return value.isoformat() if value else ""
    if field == "status":
        return str(Status(value).label)
    return str(value or "")


def get_correctable_entry(code: str, language: str = "") -> CorrectableEntry | None:
    """The current values of a measure's correctable fields (the summary in ``language``, the
    active one by default), or None when no measure has this code."""
    measure = (
        PolicyMeasure.objects.select_related("country", "subdivision")
        .prefetch_related("sources")
        .filter(code=code)
        .first()
    )
    if measure is None:
        return None
    language = language or (get_language() or "en")[:2]
    return CorrectableEntry(
        code=measure.code,
        title=measure.title,
        jurisdiction_name=measure.jurisdiction_name,
        country_iso2=measure.country.iso2,
        url=measure.get_absolute_url(),
        values=[
            CorrectableValue(field=field, label=str(label), value=_shown(measure, field, language))
            for field, label in CORRECTABLE_FIELDS.items()
        ],
        source_urls=sorted(s.url for s in measure.sources.all()),
    )


MEASURE_EXPORT_FIELDS = (
    "code",
    "jurisdiction_code",
    "jurisdiction_name",
    "title",
    *POLICY_FIELDS,
    "verification",
    "reverses",
    "assessment_score",
    "summary",
    "url",
    "source_urls",
)


def list_measure_export_rows(
    records: Iterable[MeasureRecord], absolute: Callable[[str], str]
) -> list[list[object]]:
    """The rows of the atlas CSV (header first): the site's download and the open-data release.

    ``absolute`` turns a page path into an address (the request's host, or the site address).
    """
    lines: list[list[object]] = [list(MEASURE_EXPORT_FIELDS)]
    for row in records:
        values: dict[str, object] = {
            **row,
            "url": absolute(row["url"]),
            "source_urls": SOURCE_SEPARATOR.join(row["source_urls"]),
            "under_international_control": "yes" if row["under_international_control"] else "no",
        }
        lines.append([values[name] for name in MEASURE_EXPORT_FIELDS])
    return lines


def list_changes_since(since: datetime.datetime, iso2: str = "") -> list[Change]:
    """Measures recorded or revised since ``since`` (of one country and its units when ``iso2``):
    a new measure, a reversal (a new measure that reverses another), or a revision by staff."""
    recorded = _measures().filter(created_at__gte=since)
    revised_codes = set(
        MeasureVersion.objects.filter(created_at__gte=since).values_list("measure_code", flat=True)
    )
    revised = _measures().filter(code__in=revised_codes, created_at__lt=since)
    if iso2:
        recorded = recorded.filter(country__iso2=iso2.upper())
        revised = revised.filter(country__iso2=iso2.upper())
    changes: list[Change] = []
    for measure, kind, label in [
        *[
            (
                m,
                "measure_reversal" if m.reverses_id else "measure_new",
                _("Reversal recorded") if m.reverses_id else _("New measure"),
            )
            for m in recorded
        ],
        *[(m, "measure_revised", _("Measure revised")) for m in revised],
    ]:
        changes.append(
            Change(
                section="atlas",
                kind=kind,
                label=str(label),
                title=f"{measure.jurisdiction_name}: {measure.title}",
                date=_date(measure.in_force_on or measure.adopted_on or measure.proposed_on),
                url=reverse("atlas:measure", args=[measure.code]),
                country_iso2=measure.country.iso2,
            )
        )
    return changes
