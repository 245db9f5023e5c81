"""Index editions: create, upload data, compute through the engine, publish, new version.

Every write goes through here so the rules hold whatever door the data come in by: a published
edition never changes, an upload is checked by the engine before anything is stored, and a
computation stores every stage, the ranks and the rank intervals in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

import composite
from vigie.core.freshness import changes_facts
from vigie.core.i18n import translated_columns, translations
from vigie.core.queries import get_country
from vigie.core.services import record_audit
from vigie.index.errors import ComputationFailed, EditionFrozen, UploadRejected
from vigie.index.models import Edition, UnitResult
from vigie.index.validation import check_indicator_table, check_spec_numbers

if TYPE_CHECKING:
    import pandas as pd

Progress = Callable[[int, str], None]
DEFAULT_REPLICATIONS = 500


def _check_spec(spec_toml: str) -> composite.IndexSpec:
    try:
        spec = composite.load_spec(spec_toml)
    except composite.SpecError as error:
        raise UploadRejected(str(error)) from None
    check_spec_numbers(spec)
    return spec


def _read_csv(csv_text: str, spec: composite.IndexSpec) -> pd.DataFrame:
    import pandas as pd  # imported here: pandas is loaded only by a computation or an upload

    return pd.read_csv(
        StringIO(csv_text),
        dtype={spec.index.unit_column: str},
        keep_default_na=False,
        na_values=[""],
    )


def _ensure_editable(edition: Edition) -> None:
    if edition.is_frozen:
        raise EditionFrozen(
            f"Edition “{edition.title}” v{edition.version} is published and frozen; "
            "create a new version to change it."
        )


@changes_facts
@transaction.atomic
def create_edition(
    *,
    family: str,
    year: int,
    spec_toml: str,
    actor: Any = None,
    is_demonstration: bool = False,
    licence: str = "",
    inputs_are_open: bool = False,
    **texts: str,
) -> Edition:
    """Create a draft edition of a computed index from its spec (checked by the engine).

    ``texts`` are the translated columns (``title_en`` is required, ``title_fr``…).
    """
    unknown = set(texts) - set(translated_columns(Edition))
    if unknown or not texts.get("title_en"):
        raise TypeError(f"create_edition() needs title_en; unknown texts: {sorted(unknown)}")
    spec = _check_spec(spec_toml)
    version = (
        Edition.objects.filter(family=family)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    ) + 1
    edition = Edition.objects.create(
        family=family,
        version=version,
        slug=slugify(f"{family}-v{version}"),
        year=year,
        kind=Edition.Kind.COMPUTED,
        is_demonstration=is_demonstration,
        licence=licence,
        inputs_are_open=inputs_are_open,
        spec_toml=spec_toml,
        dimensions=_dimensions_of(spec),
        created_by=actor if getattr(actor, "pk", None) else None,
        **texts,
    )
    record_audit(action="index.edition.created", obj=edition, actor=actor)
    return edition


def _dimensions_of(spec: composite.IndexSpec) -> list[dict[str, str]]:
    top = spec.index_code
    by_code = {a.code: a for a in spec.aggregates}
    return [{"code": code, "name_en": by_code[code].name or code} for code in spec.children(top)]


@changes_facts
@transaction.atomic
def upload_indicator_data(*, edition: Edition, csv_text: str, actor: Any = None) -> Edition:
    """Store indicator data after the engine has checked them against the edition's spec.

    A published edition is never changed: the upload becomes a new draft version of the same
    family (the published one stays readable). A rejected upload stores nothing.
    """
    import pandas as pd

    spec = _check_spec(edition.spec_toml)
    check_indicator_table(csv_text, spec)
    try:
        composite.run_pipeline(spec, _read_csv(csv_text, spec))
    except composite.CompositeError as error:
        raise UploadRejected(str(error)) from None
    except (ValueError, pd.errors.ParserError) as error:
        raise UploadRejected(f"the file is not a readable CSV table: {error}") from None
    if edition.is_frozen:
        edition = new_version(edition=edition, actor=actor)
    edition.input_csv = csv_text
    edition.status = Edition.Status.DRAFT
    edition.progress, edition.progress_message, edition.error = 0, "", ""
    edition.save()
    edition.units.all().delete()
    record_audit(action="index.edition.data_uploaded", obj=edition, actor=actor)
    return edition


@changes_facts
@transaction.atomic
def new_version(*, edition: Edition, actor: Any = None) -> Edition:
    """A new draft version of an edition, with the same spec and texts and no results."""
    latest = Edition.objects.filter(family=edition.family).order_by("-version").first()
    version = (latest.version if latest else edition.version) + 1
    copy = Edition.objects.create(
        family=edition.family,
        version=version,
        slug=slugify(f"{edition.family}-v{version}"),
        year=edition.year,
        kind=edition.kind,
        is_demonstration=edition.is_demonstration,
        **translations(edition),
        licence=edition.licence,
        spec_toml=edition.spec_toml,
        input_csv=edition.input_csv,
        inputs_are_open=edition.inputs_are_open,
        dimensions=edition.dimensions,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    copy.sources.set(edition.sources.all())
    record_audit(
        action="index.edition.new_version",
        obj=copy,
        actor=actor,
        changes={"from_version": edition.version},
    )
    return copy


def _report(edition_id: int) -> Progress:
    def report(percent: int, message: str) -> None:
        Edition.objects.filter(pk=edition_id).update(progress=percent, progress_message=message)

    return report


@changes_facts
def compute_edition(*, edition_id: int, replications: int = DEFAULT_REPLICATIONS) -> Edition:
    """Run the engine on an edition's data: every stage, ranks and rank intervals.

    Progress is written to the edition as the work advances (readable by the page that polls
    it); a failure is recorded with its message and re-raised as ``ComputationFailed``.
    """
    edition = Edition.objects.get(pk=edition_id)
    _ensure_editable(edition)
    report = _report(edition_id)
    Edition.objects.filter(pk=edition_id).update(
        status=Edition.Status.COMPUTING, progress=0, progress_message="", error=""
    )
    try:
        if not edition.input_csv.strip():
            raise ComputationFailed("the edition has no indicator data yet")
        spec = _check_spec(edition.spec_toml)
        report(5, "checking the data")
        data = composite.prepare_data(spec, _read_csv(edition.input_csv, spec))
        report(15, "building the index")
        result = composite.run_pipeline(spec, data)
        summary = None
        if replications:
            dimension_level = len(spec.index.levels) - 1
            inputs = composite.UncertainInputs(weight_noise={dimension_level: 0.25})
            summary = composite.run_uncertainty(
                spec,
                data,
                inputs,
                replications=replications,
                seed=1,
                progress=lambda done, total: report(
                    20 + int(70 * done / total), f"uncertainty analysis {done}/{total}"
                ),
                chunk=max(1, replications // 10),
            ).summary
        report(95, "saving the results")
        _store_results(edition_id, spec, result, summary, replications)
    except (composite.CompositeError, UploadRejected, ComputationFailed, ValueError) as error:
        Edition.objects.filter(pk=edition_id).update(
            status=Edition.Status.FAILED, error=str(error), progress_message="failed"
        )
        raise ComputationFailed(str(error)) from None
    return Edition.objects.get(pk=edition_id)


def _clean(value: Any) -> float | None:
    import pandas as pd

    return None if value is None or pd.isna(value) else float(value)


@transaction.atomic
def _store_results(
    edition_id: int,
    spec: composite.IndexSpec,
    result: composite.PipelineResult,
    summary: pd.DataFrame | None,
    replications: int,
) -> None:
    import pandas as pd

    edition = Edition.objects.select_for_update().get(pk=edition_id)
    table = result.results_table()
    dimensions = spec.children(spec.index_code)
    edition.units.all().delete()
    rows = []
    for unit, row in table.iterrows():
        interval = summary.loc[str(unit)] if summary is not None and unit in summary.index else None
        rows.append(
            UnitResult(
                edition=edition,
                unit_code=str(unit),
                name=str(row["name"]),
                country=get_country(str(unit)),
                score=_clean(row["score"]),
                rank=None if pd.isna(row["rank"]) else int(row["rank"]),
                dimension_scores={d: _clean(row[d]) for d in dimensions},
                rank_median=_clean(interval["rank_median"]) if interval is not None else None,
                rank_q05=_clean(interval["rank_q05"]) if interval is not None else None,
                rank_q95=_clean(interval["rank_q95"]) if interval is not None else None,
                status=UnitResult.Status.COMPUTED,
            )
        )
    UnitResult.objects.bulk_create(rows)
    edition.stages = {stage: json_frame(frame) for stage, frame in result.stages.items()}
    edition.dimensions = [
        {**entry, "name_en": entry.get("name_en") or entry["code"]}
        for entry in (edition.dimensions or _dimensions_of(spec))
    ]
    edition.index_method = spec.aggregation_method(len(spec.index.levels))
    edition.dimension_weights = {d: result.weights[d] for d in dimensions}
    edition.uncertainty_replications = replications if summary is not None else 0
    edition.indistinguishable = (
        [list(pair) for pair in composite.indistinguishable_pairs(summary)]
        if summary is not None
        else []
    )
    edition.status = Edition.Status.COMPUTED
    edition.progress, edition.progress_message = 100, "done"
    edition.computed_at = timezone.now()
    edition.save()


def json_frame(frame: pd.DataFrame) -> dict[str, Any]:
    import numpy as np

    values = frame.to_numpy(dtype=float)
    return {
        "index": [str(i) for i in frame.index],
        "columns": [str(c) for c in frame.columns],
        "data": [[None if np.isnan(v) else round(float(v), 10) for v in row] for row in values],
    }


@changes_facts
@transaction.atomic
def publish_edition(*, edition: Edition, actor: Any = None) -> Edition:
    """Publish a computed edition; from now on it is frozen."""
    _ensure_editable(edition)
    if edition.kind == Edition.Kind.COMPUTED and edition.status != Edition.Status.COMPUTED:
        raise ComputationFailed("only a computed edition can be published; compute it first")
    edition.status = Edition.Status.PUBLISHED
    edition.published_at = timezone.now()
    edition.save(update_fields=["status", "published_at"])
    record_audit(action="index.edition.published", obj=edition, actor=actor)
    return edition
