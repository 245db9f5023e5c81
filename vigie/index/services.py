"""Edition lifecycle: create, upload indicator data, compute, publish, new version.

A published edition is frozen: its data and results never change; a new upload makes a new
version (the old one stays readable). Every write runs in one transaction.
"""

import math
from collections.abc import Callable
from typing import Any

import pandas as pd
from django.db import transaction
from django.utils import timezone

from vigie.core.errors import DomainError
from vigie.core.queries import get_country
from vigie.core.services import record_audit
from vigie.index import engine
from vigie.index.models import Edition, Result


class EditionFrozen(DomainError):
    """A published edition cannot change."""


class EditionNotReady(DomainError):
    """The edition lacks what the requested step needs."""


def _clean(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else round(number, 6)


def _frame_json(frame: pd.DataFrame) -> dict[str, dict[str, float | None]]:
    return {
        str(unit): {str(col): _clean(value) for col, value in row.items()}
        for unit, row in frame.iterrows()
    }


def create_edition(
    *,
    slug: str,
    year: int,
    title_en: str,
    title_fr: str = "",
    title_es: str = "",
    spec_toml: str,
    methodology_en: str = "",
    is_demonstration: bool = False,
    actor: Any = None,
) -> Edition:
    """Create a draft edition from a spec; the spec is validated first."""
    spec = engine.load_spec(spec_toml)
    edition = Edition.objects.create(
        slug=slug,
        year=year,
        version=(Edition.objects.filter(slug=slug).count() + 1),
        kind=Edition.Kind.COMPUTED,
        title_en=title_en,
        title_fr=title_fr or title_en,
        title_es=title_es or title_en,
        spec_toml=spec_toml,
        methodology_en=methodology_en,
        is_demonstration=is_demonstration,
        dimensions=[
            {"code": node.code, "name_en": node.name, "name_fr": node.name, "name_es": node.name}
            for node in spec.top_level
        ],
    )
    record_audit(action="index.edition.created", obj=edition, actor=actor, changes={})
    return edition


@transaction.atomic
def upload_inputs(*, edition_id: int, csv_text: str, actor: Any = None) -> Edition:
    """Validate and store indicator data; a published edition gets a new draft version instead.

    Nothing is stored when a value is bad: the error names the unit and the indicator.
    """
    edition = Edition.objects.select_for_update().get(pk=edition_id)
    spec = engine.load_spec(edition.spec_toml)
    engine.read_data(spec, csv_text)
    if edition.is_frozen:
        edition = new_version(edition_id=edition.pk, actor=actor)
    edition.inputs_csv = csv_text
    edition.status = Edition.Status.DRAFT
    edition.stages, edition.uncertainty, edition.error = {}, {}, ""
    edition.progress, edition.progress_message = 0, ""
    edition.save()
    edition.results.all().delete()
    record_audit(action="index.edition.uploaded", obj=edition, actor=actor, changes={})
    return edition


@transaction.atomic
def new_version(*, edition_id: int, actor: Any = None) -> Edition:
    """Copy an edition into a new draft version; the original is left as it was."""
    old = Edition.objects.get(pk=edition_id)
    latest = Edition.objects.filter(slug=old.slug).order_by("-version").first()
    fields = {
        f.name: getattr(old, f.name)
        for f in Edition._meta.concrete_fields
        if f.name not in ("id", "version", "created_at", "previous", "status", "published_at")
    }
    edition = Edition.objects.create(
        **fields,
        version=(latest.version if latest else old.version) + 1,
        previous=old,
        status=Edition.Status.DRAFT,
    )
    edition.sources.set(old.sources.all())
    record_audit(action="index.edition.versioned", obj=edition, actor=actor, changes={})
    return edition


def compute_edition(
    *, edition_id: int, replications: int = 500, report: Callable[[int, str], None] | None = None
) -> Edition:
    """Run the pipeline and the uncertainty analysis and store every stage and interval."""
    edition = Edition.objects.get(pk=edition_id)
    if edition.is_frozen:
        raise EditionFrozen("this edition is published; upload new data to make a new version")
    if not edition.inputs_csv:
        raise EditionNotReady("upload indicator data before computing")

    def step(percent: int, message: str) -> None:
        Edition.objects.filter(pk=edition_id).update(
            progress=percent, progress_message=message, status=Edition.Status.COMPUTING
        )
        if report:
            report(percent, message)

    step(5, "Reading the specification and the data")
    spec = engine.load_spec(edition.spec_toml)
    data = engine.read_data(spec, edition.inputs_csv)
    step(20, "Running the pipeline")
    computation = engine.run_pipeline(spec, data)
    step(40, "Uncertainty analysis")
    intervals = engine.run_uncertainty(
        spec,
        computation,
        replications=replications,
        progress=lambda done: step(40 + done * 55 // 100, "Uncertainty analysis"),
    )
    _store(edition, spec, data, computation, intervals, replications)
    step(100, "Done")
    Edition.objects.filter(pk=edition_id).update(status=Edition.Status.COMPUTED)
    edition.refresh_from_db()
    return edition


@transaction.atomic
def _store(
    edition: Edition,
    spec: engine.Spec,
    data: pd.DataFrame,
    computation: engine.Computation,
    intervals: pd.DataFrame,
    replications: int,
) -> None:
    aggregated = computation.stages["Aggregated"]
    top = [node.code for node in spec.top_level]
    edition.stages = {name: _frame_json(frame) for name, frame in computation.stages.items()}
    edition.top_level = {
        "index": spec.index.code,
        "weights": {node.code: node.weight for node in spec.top_level},
        "aggregation": spec.aggregation,
    }
    edition.uncertainty = {
        "replications": replications,
        "method": "weights ×U(0.75, 1.25) at every aggregate level; arithmetic or geometric mean",
        "units": _frame_json(intervals),
    }
    edition.computed_at = timezone.now()
    edition.error = ""
    edition.save()
    edition.results.all().delete()
    rows = []
    for unit in aggregated.index:
        code = str(unit)
        country = get_country(code)
        interval = intervals.loc[unit]
        rows.append(
            Result(
                edition=edition,
                unit_code=code,
                unit_name=str(data.loc[unit, "unit_name"]),
                country_id=country.pk if country else None,
                rank=int(computation.ranks[unit]),
                overall=_clean(aggregated.loc[unit, spec.index.code]),
                scores={code_: _clean(aggregated.loc[unit, code_]) for code_ in top},
                status=Result.Status.COMPUTED,
                rank_low=_clean(interval["rank_q05"]),
                rank_median=_clean(interval["rank_median"]),
                rank_high=_clean(interval["rank_q95"]),
            )
        )
    Result.objects.bulk_create(rows)


def record_failure(*, edition_id: int, message: str) -> None:
    Edition.objects.filter(pk=edition_id).update(
        status=Edition.Status.FAILED, error=message, progress_message="Failed"
    )


@transaction.atomic
def publish_edition(*, edition_id: int, actor: Any = None) -> Edition:
    """Publish a computed edition (or an imported one): it is frozen from now on."""
    edition = Edition.objects.select_for_update().get(pk=edition_id)
    if edition.is_frozen:
        raise EditionFrozen("this edition is already published")
    if edition.kind == Edition.Kind.COMPUTED and edition.status != Edition.Status.COMPUTED:
        raise EditionNotReady("compute the edition and check the preview before publishing")
    edition.status = Edition.Status.PUBLISHED
    edition.published_at = timezone.now()
    edition.save()
    record_audit(action="index.edition.published", obj=edition, actor=actor, changes={})
    return edition
