"""Bundled index data: the GDPI framework, the 2021 published scores and the ASEM demonstration.

Every file is validated row by row before anything is written and each load runs in one
transaction. Loading twice changes nothing: rows are matched on their codes, and an edition that
is already there (published editions are frozen) is left as it is.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from vigie.core.csvfiles import CsvRow, iter_csv_file
from vigie.core.queries import get_country
from vigie.core.services import cite_source
from vigie.index import services
from vigie.index.models import Dimension, Edition, Result

DIMENSION_COLUMNS = ("code", "order", "name_en", "name_fr", "name_es", "source")
PUBLISHED_COLUMNS = ("iso3", "country", "rank", "overall", "status", "notes", "sources")
GDPI_SLUG = "gdpi-2021"
DEMO_SLUG = "asem-demonstration"


@dataclass(frozen=True)
class LoadReport:
    created: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.created} created, {self.unchanged} unchanged"


def index_data_dir() -> Path:
    return Path(settings.DATA_DIR) / "index"


def _score(row: CsvRow, field: str) -> float | None:
    value = row.get(field)
    if not value:
        return None
    try:
        score = float(value)
    except ValueError:
        raise row.error(field, f"{value!r} is not a number") from None
    if not 0 <= score <= 100:
        raise row.error(field, f"{score} is outside 0–100")
    return score


@transaction.atomic
def load_framework(path: Path | None = None) -> LoadReport:
    rows = list(
        iter_csv_file(
            path or index_data_dir() / "gdpi_dimensions.csv", required_columns=DIMENSION_COLUMNS
        )
    )
    created = 0
    for row in rows:
        dimension, was_created = Dimension.objects.update_or_create(
            framework="gdpi",
            code=row.required("code"),
            defaults={
                "order": row.integer("order"),
                **{
                    f"{k}_{lang}": row.get(f"{k}_{lang}")
                    for k in ("name", "description")
                    for lang in ("en", "fr", "es")
                },
            },
        )
        dimension.sources.set(
            [cite_source(url=row.required("source"), title="Global Drug Policy Index")]
        )
        created += was_created
    return LoadReport(created, len(rows) - created)


@transaction.atomic
def load_gdpi_2021(path: Path | None = None) -> LoadReport:
    """Import the 2021 published scores; missing numbers stay missing."""
    path = path or index_data_dir() / "gdpi_2021_published.csv"
    dimensions = list(Dimension.objects.filter(framework="gdpi"))
    parsed: list[tuple[dict[str, Any], list[str]]] = []
    for row in iter_csv_file(path, required_columns=PUBLISHED_COLUMNS):
        status = row.required("status")
        if status not in Result.Status.values or status == Result.Status.COMPUTED:
            raise row.error("status", f"{status!r} is not a known status")
        rank = row.integer("rank", required=False)
        urls = [s.strip() for s in row.get("sources").split("|") if s.strip()]
        parsed.append(
            (
                {
                    "unit_code": row.required("iso3"),
                    "unit_name": row.required("country"),
                    "rank": rank,
                    "overall": _score(row, "overall"),
                    "scores": {d.code: _score(row, d.code) for d in dimensions},
                    "status": status,
                    "notes": row.get("notes"),
                },
                urls,
            )
        )
    if Edition.objects.filter(slug=GDPI_SLUG).exists():
        return LoadReport(0, len(parsed))
    edition = Edition.objects.create(
        slug=GDPI_SLUG,
        year=2021,
        kind=Edition.Kind.PUBLISHED_SCORES,
        framework="gdpi",
        title_en="Global Drug Policy Index 2021",
        title_fr="Indice mondial des politiques en matière de drogues 2021",
        title_es="Índice Global de Políticas de Drogas 2021",
        methodology_en=(
            "Published scores of the first edition (November 2021, data year 2020, 30 countries, "
            "75 indicators, 5 dimensions, 0–100) as found in public sources. The indicator-level "
            "data are not held here, so no rank interval can be computed."
        ),
        methodology_fr=(
            "Scores publiés de la première édition (novembre 2021, données 2020, 30 pays, "
            "75 indicateurs, 5 dimensions, 0–100) tels que trouvés dans des sources publiques. "
            "Les données par indicateur ne sont pas détenues ici : aucun intervalle de rang n'est calculé."
        ),
        methodology_es=(
            "Puntuaciones publicadas de la primera edición (noviembre de 2021, datos de 2020, 30 países, "
            "75 indicadores, 5 dimensiones, 0–100) según fuentes públicas. Los datos por indicador no "
            "están disponibles aquí, por lo que no se calcula ningún intervalo de rango."
        ),
        dimensions=[
            {"code": d.code, "name_en": d.name_en, "name_fr": d.name_fr, "name_es": d.name_es}
            for d in dimensions
        ],
        status=Edition.Status.DRAFT,
    )
    for item, urls in parsed:
        country = get_country(item["unit_code"])
        result = Result.objects.create(edition=edition, country=country, **item)
        result.sources.set(
            [cite_source(url=url, title=url) for url in urls if url.startswith("http")]
        )
        if not any(url.startswith("http") for url in urls):
            result.notes = "; ".join(filter(None, [result.notes, *urls]))
            result.save(update_fields=["notes"])
    edition.sources.set(
        [cite_source(url="https://globaldrugpolicyindex.net", title="Global Drug Policy Index")]
    )
    services.publish_edition(edition_id=edition.pk)
    return LoadReport(len(parsed), 0)


def asem_inputs_csv() -> str:
    """The ASEM data in the upload template's column names (unit_code, unit_name, indicators…)."""
    text = (index_data_dir() / "asem_idata.csv").read_text(encoding="utf-8")
    header, _newline, body = text.partition("\n")
    header = header.replace('"uName"', '"unit_name"').replace('"uCode"', '"unit_code"')
    return header + "\n" + body


def load_demonstration(replications: int = 500) -> LoadReport:
    """Create, compute (synchronously) and publish the ASEM methodology demonstration."""
    if Edition.objects.filter(slug=DEMO_SLUG).exists():
        return LoadReport(0, 1)
    with transaction.atomic():
        edition = services.create_edition(
            slug=DEMO_SLUG,
            year=2018,
            title_en="Methodology demonstration: ASEM Sustainable Connectivity (not drug-policy data)",
            title_fr="Démonstration de méthode : connectivité durable ASEM (pas des données sur les drogues)",
            title_es="Demostración metodológica: conectividad sostenible ASEM (no son datos de drogas)",
            spec_toml=(index_data_dir() / "asem_spec.toml").read_text(encoding="utf-8"),
            methodology_en=(
                "COINr's built-in ASEM example (51 countries, 49 indicators), shipped to show how a "
                "full edition is computed, with rank intervals and reweighting. It is not drug-policy data."
            ),
            is_demonstration=True,
        )
        edition.inputs_csv = asem_inputs_csv()
        edition.inputs_licensed = True
        edition.save(update_fields=["inputs_csv", "inputs_licensed"])
        edition.sources.set(
            [
                cite_source(
                    url="https://github.com/bluefoxr/COINr",
                    title="COINr (ASEM example data, MIT licence)",
                )
            ]
        )
    services.compute_edition(edition_id=edition.pk, replications=replications)
    services.publish_edition(edition_id=edition.pk)
    return LoadReport(1, 0)


def load_bundled() -> dict[str, LoadReport]:
    return {
        "index dimensions": load_framework(),
        "GDPI 2021 published scores": load_gdpi_2021(),
        "ASEM demonstration edition": load_demonstration(),
    }
