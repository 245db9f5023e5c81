"""Load the bundled atlas data from ``data/atlas/``: criteria, measures and assessments.

Measures go through the same importer as staff uploads; loading twice changes nothing.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction

from vigie.atlas.importer import apply_import
from vigie.atlas.models import Assessment, Criterion, PolicyMeasure, Rating
from vigie.core.csvfiles import iter_csv_file
from vigie.core.freshness import changes_facts
from vigie.core.loading import LoadReport, upsert

CRITERION_COLUMNS = (
    "code",
    "applies_to",
    "position",
    "verified",
    "title_en",
    "title_fr",
    "title_es",
    "description_en",
    "description_fr",
    "description_es",
    "sources",
)


def atlas_data_dir() -> Path:
    return Path(settings.DATA_DIR) / "atlas"


@changes_facts
@transaction.atomic
def load_criteria(path: Path | None = None) -> LoadReport:
    path = path or atlas_data_dir() / "criteria.csv"
    report = LoadReport()
    for row in iter_csv_file(path, required_columns=CRITERION_COLUMNS):
        values = {
            "applies_to": row.choice("applies_to", Criterion.AppliesTo.values),
            "position": row.integer("position"),
            "verified": row.boolean("verified"),
            "source_urls": "\n".join(row.sources("sources")),
            **{
                name: row.required(name)
                for name in CRITERION_COLUMNS
                if name.startswith(("title_", "description_"))
            },
        }
        upsert(report, Criterion, {"code": row.required("code")}, values)
    return report


@changes_facts
@transaction.atomic
def load_assessments(path: Path | None = None) -> LoadReport:
    path = path or atlas_data_dir() / "assessments.csv"
    report = LoadReport()
    # Read once, not three queries a row.
    measures = {measure.code: measure for measure in PolicyMeasure.objects.only("pk", "code")}
    criteria = {criterion.code: criterion for criterion in Criterion.objects.only("pk", "code")}
    assessments = {(a.measure_id, a.criterion_id): a for a in Assessment.objects.all()}
    for row in iter_csv_file(path, required_columns=("measure", "criterion", "rating", "note")):
        measure = measures.get(row.required("measure"))
        if measure is None:
            raise row.error("measure", f"no measure has the code {row.get('measure')!r}")
        criterion = criteria.get(row.required("criterion"))
        if criterion is None:
            raise row.error("criterion", f"no criterion has the code {row.get('criterion')!r}")
        key = (measure.pk, criterion.pk)
        assessments[key] = upsert(
            report,
            Assessment,
            {"measure": measure, "criterion": criterion},
            {"rating": row.choice("rating", Rating.values), "note": row.get("note")},
            existing=assessments.get(key),
        )
    return report


@changes_facts
@transaction.atomic
def load_bundled() -> dict[str, LoadReport]:
    measures_path = atlas_data_dir() / "measures.csv"
    return {
        "atlas criteria": load_criteria(),
        "atlas measures": apply_import(
            measures_path.read_text(encoding="utf-8"), file=measures_path.name
        ).as_report(),
        "atlas assessments": load_assessments(),
    }
