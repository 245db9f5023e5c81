"""Writes to the atlas: every change to a measure goes through here and leaves a version.

A version is a full snapshot of the measure (fields, sources, assessments) after the change, with
who made it and which fields changed; reverting writes the chosen snapshot back as a new version,
so history only grows and a revert can itself be reverted.
"""

import datetime
import itertools
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from vigie.atlas.models import (
    Assessment,
    Criterion,
    Kind,
    MeasureVersion,
    PolicyMeasure,
    Status,
    SubstanceScope,
    Verification,
)
from vigie.core.errors import DomainError
from vigie.core.freshness import changes_facts
from vigie.core.models import Country, Subdivision
from vigie.core.services import cite_source, record_audit

DATE_FIELDS = ("proposed_on", "adopted_on", "in_force_on", "ended_on")
# What a measure says of its policy, in the order the form, the CSV format and the export use.
POLICY_FIELDS = (
    "kind",
    "status",
    "substance_scope",
    "substances",
    *DATE_FIELDS,
    "date_precision",
    "sanction",
    "under_international_control",
)
# Columns a measures CSV may leave out, with the value a missing cell means.
OPTIONAL_COLUMNS = {"under_international_control": True}
REFORM_FIELDS = (
    "police_may_seize",
    "thresholds",
    "expungement",
    "equity_licensing",
    "community_reinvestment",
    "corporate_capture_limits",
)
SUMMARY_FIELDS = ("summary_en", "summary_fr", "summary_es")
# What staff edit and the CSV format carries, beside the code, jurisdiction and title.
EDITED_FIELDS = (
    *POLICY_FIELDS,
    *REFORM_FIELDS,
    "reverses",
    "verification",
    *SUMMARY_FIELDS,
    "notes",
)
SNAPSHOT_FIELDS = (
    "title",
    *POLICY_FIELDS,
    *REFORM_FIELDS,
    "verification",
    *SUMMARY_FIELDS,
    "notes",
)


class MeasureError(DomainError):
    """A measure cannot be written as asked (bad dates, unknown jurisdiction, no source...)."""


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def snapshot_measure(measure: PolicyMeasure) -> dict[str, Any]:
    """The whole state of a measure as plain JSON data."""
    data = {name: _jsonable(getattr(measure, name)) for name in SNAPSHOT_FIELDS}
    data["jurisdiction"] = measure.jurisdiction_code
    data["reverses"] = measure.reverses.code if measure.reverses is not None else ""
    data["sources"] = sorted(source.url for source in measure.sources.all())
    data["assessments"] = {
        a.criterion.code: [a.rating, a.note]
        for a in measure.assessments.select_related("criterion").order_by("criterion__code")
    }
    return data


def resolve_jurisdiction(code: str) -> tuple[Country, Subdivision | None]:
    """Country and optional subdivision for an ISO 3166-1 alpha-2 or ISO 3166-2 code."""
    code = code.strip().upper()
    if "-" in code:
        subdivision = Subdivision.objects.select_related("country").filter(code=code).first()
        if subdivision is None:
            raise MeasureError(f"no sub-national jurisdiction has the code {code!r}")
        return subdivision.country, subdivision
    country = Country.objects.filter(iso2=code).first()
    if country is None:
        raise MeasureError(f"no country has the code {code!r}")
    return country, None


def check_dates(values: dict[str, Any]) -> None:
    """Dates of a measure go forward: proposed ≤ adopted ≤ in force ≤ ended."""
    order = [(name, values.get(name)) for name in DATE_FIELDS]
    known = [(name, value) for name, value in order if value]
    for (first, a), (second, b) in itertools.pairwise(known):
        if b < a:
            raise MeasureError(f"{second} ({b}) is before {first} ({a})")


def _apply_snapshot(measure: PolicyMeasure, data: dict[str, Any]) -> None:
    for name in SNAPSHOT_FIELDS:
        value = data.get(name)
        if name in DATE_FIELDS and isinstance(value, str):
            value = datetime.date.fromisoformat(value) if value else None
        if value is None and name in OPTIONAL_COLUMNS:
            value = OPTIONAL_COLUMNS[name]
        setattr(measure, name, value)
    measure.country, measure.subdivision = resolve_jurisdiction(data["jurisdiction"])
    reverses = data.get("reverses") or ""
    measure.reverses = PolicyMeasure.objects.filter(code=reverses).first() if reverses else None
    if reverses and measure.reverses is None:
        raise MeasureError(f"the measure {reverses!r} to be reversed does not exist")


def _write(measure: PolicyMeasure, data: dict[str, Any]) -> None:
    if not data.get("sources"):
        raise MeasureError("a measure needs at least one source")
    check_dates(data)
    _apply_snapshot(measure, data)
    measure.save()
    measure.sources.set([cite_source(url=url) for url in data["sources"]])
    if "assessments" not in data:
        return
    wanted = data["assessments"] or {}
    measure.assessments.exclude(criterion__code__in=list(wanted)).delete()
    for criterion_code, (rating, note) in wanted.items():
        criterion = Criterion.objects.filter(code=criterion_code).first()
        if criterion is None:
            raise MeasureError(f"no criterion has the code {criterion_code!r}")
        Assessment.objects.update_or_create(
            measure=measure, criterion=criterion, defaults={"rating": rating, "note": note}
        )


def _record_version(
    measure: PolicyMeasure, *, action: str, actor: Any, before: dict[str, Any]
) -> None:
    after = snapshot_measure(measure)
    changes = {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }
    last = MeasureVersion.objects.filter(measure_code=measure.code).order_by("-number").first()
    MeasureVersion.objects.create(
        measure_code=measure.code,
        number=(last.number + 1) if last else 1,
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        snapshot=after,
        changes=changes,
    )
    record_audit(action=f"atlas.measure.{action}", obj=measure, actor=actor, changes=changes)


@changes_facts
@transaction.atomic
def save_measure(
    *, code: str, data: dict[str, Any], actor: Any = None
) -> tuple[PolicyMeasure, str]:
    """Create or update the measure ``code`` from snapshot-shaped data.

    Returns the measure and what happened: ``created``, ``updated`` or ``unchanged`` (no version
    is written when nothing changed, so loading the bundled data twice leaves no trace).
    """
    measure = PolicyMeasure.objects.filter(code=code).first()
    if measure is None:
        measure = PolicyMeasure(code=code)
        _write(measure, data)
        _record_version(measure, action="created", actor=actor, before={})
        return measure, "created"
    before = snapshot_measure(measure)
    _write(measure, data)
    if snapshot_measure(measure) == before:
        return measure, "unchanged"
    _record_version(measure, action="updated", actor=actor, before=before)
    return measure, "updated"


@changes_facts
@transaction.atomic
def record_admin_version(*, measure: PolicyMeasure, actor: Any = None) -> None:
    """Version a change made in the admin, compared with the last recorded snapshot."""
    last = MeasureVersion.objects.filter(measure_code=measure.code).order_by("-number").first()
    before = dict(last.snapshot) if last else {}
    if snapshot_measure(measure) != before:
        _record_version(
            measure, action="updated" if last else "created", actor=actor, before=before
        )


@changes_facts
@transaction.atomic
def revert_measure(*, code: str, number: int, actor: Any = None) -> PolicyMeasure:
    """Bring the measure back to version ``number``; the revert is recorded as a new version."""
    version = MeasureVersion.objects.filter(measure_code=code, number=number).first()
    if version is None:
        raise MeasureError(f"the measure {code!r} has no version {number}")
    measure = PolicyMeasure.objects.filter(code=code).first()
    before = snapshot_measure(measure) if measure else {}
    if measure is None:
        measure = PolicyMeasure(code=code)
    _write(measure, dict(version.snapshot))
    _record_version(measure, action="reverted", actor=actor, before=before)
    return measure


@changes_facts
@transaction.atomic
def delete_measure(*, code: str, actor: Any = None) -> None:
    """Delete a measure; its versions stay, so it can be restored with ``revert_measure``."""
    measure = PolicyMeasure.objects.filter(code=code).first()
    if measure is None:
        raise MeasureError(f"no measure has the code {code!r}")
    before = snapshot_measure(measure)
    last = MeasureVersion.objects.filter(measure_code=code).order_by("-number").first()
    MeasureVersion.objects.create(
        measure_code=code,
        number=(last.number + 1) if last else 1,
        action="deleted",
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        snapshot=before,
        changes={"deleted": [False, True]},
    )
    record_audit(action="atlas.measure.deleted", obj=measure, actor=actor, changes=before)
    measure.delete()


# What a member may propose to correct on a measure, as a code of the correction and the label
# shown; the summary is written in the proposal's language (``summary_<language>``).
CORRECTABLE_FIELDS: dict[str, Any] = {
    "summary": _("Summary"),
    "title": _("Title"),
    "status": _("Status"),
    "substances": _("Substances covered"),
    "thresholds": _("Threshold quantities"),
    "proposed_on": _("Proposed on"),
    "adopted_on": _("Adopted on"),
    "in_force_on": _("In force from"),
    "ended_on": _("Ended on"),
}
SUMMARY_LANGUAGES = ("en", "fr", "es")


def corrected_field_name(field: str, language: str) -> str:
    """The measure's column a correction of ``field`` writes (the summary in one language)."""
    if field == "summary":
        return f"summary_{language if language in SUMMARY_LANGUAGES else 'en'}"
    return field


def parse_corrected_value(field: str, value: str) -> Any:
    """The value a correction of ``field`` stores; MeasureError says why ``value`` does not fit."""
    if field not in CORRECTABLE_FIELDS:
        raise MeasureError(_("%(field)s cannot be corrected here.") % {"field": field})
    value = value.strip()
    if field in DATE_FIELDS:
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise MeasureError(
                _("“%(value)s” is not a date: write it as YYYY-MM-DD.") % {"value": value}
            ) from None
    if field == "status":
        for code, label in Status.choices:
            if value.casefold() in (code.casefold(), str(label).casefold()):
                return code
        raise MeasureError(
            _("“%(value)s” is not a status; choose one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(str(label) for _c, label in Status.choices)}
        )
    if not value and field in ("summary", "title"):
        raise MeasureError(_("%(field)s cannot be empty.") % {"field": CORRECTABLE_FIELDS[field]})
    return value


def _latest_version_number(code: str) -> int:
    """The number of the measure's last version (0 when it has none)."""
    last = (
        MeasureVersion.objects.filter(measure_code=code)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return last or 0


@changes_facts
@transaction.atomic
def correct_measure(
    *,
    code: str,
    field: str,
    value: str,
    language: str,
    source_url: str,
    source_title: str = "",
    actor: Any,
    proposed_by: str,
) -> int:
    """Apply a member's correction of one field of a measure, with its source, as a new version.

    The source is cited (``core.Source``) and added to the measure's sources; the version names
    the editor who applied it, and an audit entry ``atlas.measure.corrected`` names both the
    member who proposed it and the editor. Returns the number of the new version.
    """
    measure = PolicyMeasure.objects.filter(code=code).first()
    if measure is None:
        raise MeasureError(_("No measure has the code %(code)s.") % {"code": code})
    parsed = parse_corrected_value(field, value)
    if not source_url.strip():
        raise MeasureError(_("A correction needs the web address of its source."))
    column = corrected_field_name(field, language)
    data = snapshot_measure(measure)
    data[column] = parsed.isoformat() if isinstance(parsed, datetime.date) else parsed
    source = cite_source(url=source_url, title=source_title[:500])
    data["sources"] = sorted({*data["sources"], source.url})
    _saved, outcome = save_measure(code=code, data=data, actor=actor)
    if outcome == "unchanged":
        raise MeasureError(_("The measure already says this: nothing to apply."))
    number = _latest_version_number(code)
    record_audit(
        action="atlas.measure.corrected",
        obj=measure,
        actor=actor,
        changes={
            "field": column,
            "value": data[column],
            "source": source.url,
            "proposed_by": proposed_by,
            "applied_by": actor.get_username() if actor is not None else "",
            "version": number,
        },
    )
    return number


@changes_facts
@transaction.atomic
def record_proposed_measure(
    *,
    code: str,
    country_iso2: str,
    title: str,
    kind: str,
    status: str,
    substance_scope: str,
    summary: str,
    language: str,
    source_url: str,
    source_title: str = "",
    adopted_on: datetime.date | None = None,
    in_force_on: datetime.date | None = None,
    actor: Any,
    proposed_by: str,
) -> int:
    """Record a measure a member proposed for a country, as the editor worded it, in one step.

    The measure is created (version 1, by the editor) citing the member's source, with its
    summary in the language the member wrote in; it is shown UNVERIFIED until an editor confirms
    it on the atlas's own form, since one source stands behind it. An audit entry
    ``atlas.measure.proposal_recorded`` names the member and the editor. Returns the number of
    the version written.
    """
    code = code.strip()
    if not code:
        raise MeasureError(_("Give the new measure a code."))
    if PolicyMeasure.objects.filter(code=code).exists():
        raise MeasureError(_("A measure already has the code %(code)s.") % {"code": code})
    for value, choices, what in (
        (kind, Kind, _("kind")),
        (status, Status, _("status")),
        (substance_scope, SubstanceScope, _("substances")),
    ):
        if value not in choices.values:
            raise MeasureError(_("Choose the %(what)s of the measure.") % {"what": what})
    if not title.strip():
        raise MeasureError(_("Title cannot be empty."))
    if not summary.strip():
        raise MeasureError(_("Summary cannot be empty."))
    if not source_url.strip():
        raise MeasureError(_("A measure needs the web address of its source."))
    source = cite_source(url=source_url, title=source_title[:500])
    data: dict[str, Any] = dict.fromkeys(("substances", "thresholds", "notes"), "")
    data.update({name: False for name in REFORM_FIELDS if name != "thresholds"})
    data.update(dict.fromkeys(SUMMARY_FIELDS, ""))
    data.update(
        {
            "jurisdiction": country_iso2,
            "title": title.strip(),
            "kind": kind,
            "status": status,
            "substance_scope": substance_scope,
            "proposed_on": None,
            "adopted_on": adopted_on.isoformat() if adopted_on else None,
            "in_force_on": in_force_on.isoformat() if in_force_on else None,
            "ended_on": None,
            "date_precision": PolicyMeasure._meta.get_field("date_precision").get_default(),
            "sanction": PolicyMeasure._meta.get_field("sanction").get_default(),
            "under_international_control": True,
            "verification": Verification.UNVERIFIED,
            corrected_field_name("summary", language): summary.strip(),
            "reverses": "",
            "sources": [source.url],
        }
    )
    measure, _outcome = save_measure(code=code, data=data, actor=actor)
    # A code reused after a deletion continues the history it had.
    number = _latest_version_number(code)
    record_audit(
        action="atlas.measure.proposal_recorded",
        obj=measure,
        actor=actor,
        changes={
            "source": source.url,
            "proposed_by": proposed_by,
            "applied_by": actor.get_username() if actor is not None else "",
            "version": number,
        },
    )
    return number
