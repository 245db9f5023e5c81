"""Load the bundled atlas data from ``data/atlas/``: criteria, measures and assessments.

Measures go through the same importer as staff uploads; loading twice changes nothing.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction

from vigie.atlas.importer import apply_import, split_sources
from vigie.atlas.models import Assessment, Criterion, PolicyMeasure, Rating
from vigie.core.csvfiles import iter_csv_file
from vigie.core.freshness import changes_facts
from vigie.core.loaders import LoadReport

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
def load_criteria(path: Path | None = None) -> LoadReport:
    path = path or atlas_data_dir() / "criteria.csv"
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for row in iter_csv_file(path, required_columns=CRITERION_COLUMNS):
        if row.required("applies_to") not in Criterion.AppliesTo.values:
            raise row.error("applies_to", f"{row.get('applies_to')!r} is not a known scope")
        sources = split_sources(row.required("sources"))
        values = {
            "applies_to": row.get("applies_to"),
            "position": row.integer("position"),
            "verified": row.boolean("verified"),
            "source_urls": "\n".join(sources),
            **{
                name: row.required(name)
                for name in CRITERION_COLUMNS
                if name.startswith(("title_", "description_"))
            },
        }
        criterion = Criterion.objects.filter(code=row.required("code")).first()
        if criterion is None:
            Criterion.objects.create(code=row.get("code"), **values)
            counts["created"] += 1
        elif any(getattr(criterion, k) != v for k, v in values.items()):
            Criterion.objects.filter(pk=criterion.pk).update(**values)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return LoadReport(**counts)


@changes_facts
def load_assessments(path: Path | None = None) -> LoadReport:
    path = path or atlas_data_dir() / "assessments.csv"
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for row in iter_csv_file(path, required_columns=("measure", "criterion", "rating", "note")):
        measure = PolicyMeasure.objects.filter(code=row.required("measure")).first()
        if measure is None:
            raise row.error("measure", f"no measure has the code {row.get('measure')!r}")
        criterion = Criterion.objects.filter(code=row.required("criterion")).first()
        if criterion is None:
            raise row.error("criterion", f"no criterion has the code {row.get('criterion')!r}")
        rating = row.required("rating")
        if rating not in Rating.values:
            raise row.error("rating", f"{rating!r} is not one of {', '.join(Rating.values)}")
        current = Assessment.objects.filter(measure=measure, criterion=criterion).first()
        if current is None:
            Assessment.objects.create(
                measure=measure, criterion=criterion, rating=rating, note=row.get("note")
            )
            counts["created"] += 1
        elif (current.rating, current.note) != (rating, row.get("note")):
            current.rating, current.note = rating, row.get("note")
            current.save(update_fields=["rating", "note"])
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return LoadReport(**counts)


@transaction.atomic
def load_bundled() -> dict[str, object]:
    measures_path = atlas_data_dir() / "measures.csv"
    return {
        "atlas criteria": load_criteria(),
        "atlas measures": apply_import(
            measures_path.read_text(encoding="utf-8"), file=measures_path.name
        ),
        "atlas assessments": load_assessments(),
    }
