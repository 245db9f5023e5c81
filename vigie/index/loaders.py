"""Load the bundled index editions from ``data/index/``.

- The Global Drug Policy Index 2021 as published (scores, ranks and dimension scores found in
  public sources, with a status per row): a published-only edition. Missing numbers stay missing.
- A methodology demonstration computed end to end by the engine (COINr's ASEM example).

Every row is checked before anything is written, in one transaction; loading twice changes
nothing (editions are matched on family and version, results on unit code).
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from vigie.core.csvfiles import CsvRow, iter_csv_file
from vigie.core.freshness import changes_facts
from vigie.core.loading import LoadReport
from vigie.core.queries import get_country
from vigie.core.services import cite_source
from vigie.index import services
from vigie.index.models import Edition, UnitResult

GDPI_COLUMNS = (
    "iso3",
    "country",
    "rank",
    "overall",
    "absence_of_extreme_responses",
    "proportionality_of_criminal_justice",
    "health_and_harm_reduction",
    "access_to_controlled_medicines",
    "development",
    "status",
    "notes",
    "sources",
)
FRAMEWORK_COLUMNS = ("code", "name_en", "name_fr", "name_es", "description_en", "source")
DEMO_REPLICATIONS = 300


def index_data_dir() -> Path:
    return Path(settings.DATA_DIR) / "index"


def _score(row: CsvRow, field: str) -> float | None:
    return row.number(field, required=False, minimum=0, maximum=100)


def _framework(folder: Path) -> list[dict[str, str]]:
    rows = iter_csv_file(folder / "gdpi_framework.csv", required_columns=FRAMEWORK_COLUMNS)
    return [
        {
            key: row.get(key)
            for key in ("code", "name_en", "name_fr", "name_es", "description_en", "source")
        }
        for row in rows
    ]


@changes_facts
@transaction.atomic
def load_gdpi_2021(folder: Path | None = None) -> LoadReport:
    folder = folder or index_data_dir()
    dimensions = _framework(folder)
    codes = [d["code"] for d in dimensions]
    statuses = set(UnitResult.Status.values) - {UnitResult.Status.COMPUTED}
    parsed = []
    for row in iter_csv_file(folder / "gdpi_2021_published.csv", required_columns=GDPI_COLUMNS):
        iso3 = row.required("iso3")
        country = get_country(iso3)
        if country is None:
            raise row.error("iso3", f"{iso3!r} is not an ISO 3166-1 alpha-3 code")
        status = row.choice("status", sorted(statuses))
        # One published row names a news article whose address was never recorded.
        sources = row.sources("sources", unaddressed_allowed=True)
        parsed.append((row, country, status, sources))
    edition, created = Edition.objects.get_or_create(
        family="gdpi",
        version=1,
        defaults={
            "slug": "gdpi-2021",
            "year": 2021,
            "kind": Edition.Kind.PUBLISHED,
            "status": Edition.Status.PUBLISHED,
            "published_at": timezone.now(),
            "title_en": "Global Drug Policy Index 2021",
            "title_fr": "Indice mondial des politiques en matière de drogues 2021",
            "title_es": "Índice Global de Políticas de Drogas 2021",
            "description_en": (
                "First edition (November 2021) of the Global Drug Policy Index of the Harm "
                "Reduction Consortium: 30 countries, 75 indicators grouped in policy clusters "
                "and five dimensions, scored 0–100 (data year 2020). Vigie shows the figures "
                "found in public sources, with the status of each; the full table is in the "
                "published report."
            ),
            "description_fr": (
                "Première édition (novembre 2021) de l'indice mondial des politiques en matière "
                "de drogues du Harm Reduction Consortium : 30 pays, 75 indicateurs regroupés en "
                "groupes thématiques et cinq dimensions, notés de 0 à 100 (données de 2020). "
                "Vigie montre les chiffres trouvés dans des sources publiques, avec le statut "
                "de chacun ; le tableau complet figure dans le rapport publié."
            ),
            "description_es": (
                "Primera edición (noviembre de 2021) del Índice Global de Políticas de Drogas del "
                "Harm Reduction Consortium: 30 países, 75 indicadores agrupados en conjuntos "
                "temáticos y cinco dimensiones, puntuados de 0 a 100 (datos de 2020). Vigie "
                "muestra las cifras encontradas en fuentes públicas, con el estado de cada una; "
                "la tabla completa está en el informe publicado."
            ),
            "licence": "Figures quoted from the sources named on each row",
            "dimensions": dimensions,
            "index_method": "arithmetic",
        },
    )
    if not created:
        return LoadReport(unchanged=edition.units.count())
    edition.sources.add(
        cite_source(
            url="https://idpc.net/press/2021/11/most-countries-fail-drug-policy-test-according-to-new-index",
            title="Most countries fail drug policy test, according to new index",
            publisher="International Drug Policy Consortium",
        )
    )
    for row, country, status, sources in parsed:
        result = UnitResult.objects.create(
            edition=edition,
            unit_code=country.iso3,
            name=row.required("country"),
            country=country,
            score=_score(row, "overall"),
            rank=row.integer("rank", required=False),
            dimension_scores={code: _score(row, code) for code in codes if row.get(code)},
            status=status,
            note=row.get("notes"),
        )
        result.sources.set([cite_source(url=url) for url in sources])
    return LoadReport(created=len(parsed))


@changes_facts
@transaction.atomic
def load_asem_demonstration(folder: Path | None = None) -> LoadReport:
    """The computed demonstration edition: created, computed and published once."""
    folder = (folder or index_data_dir()) / "asem-demo"
    if Edition.objects.filter(family="asem-demo").exists():
        return LoadReport(unchanged=1)
    edition = services.create_edition(
        family="asem-demo",
        year=2018,
        title_en="Methodology demonstration: ASEM connectivity (not drug-policy data)",
        title_fr="Démonstration de la méthode : connectivité ASEM (pas des données sur les drogues)",
        title_es="Demostración metodológica: conectividad ASEM (no son datos de políticas de drogas)",
        description_en=(
            "COINr's ASEM Sustainable Connectivity example (51 countries, 49 indicators, pillars "
            "and sub-indices), computed end to end by Vigie's engine to show every feature of "
            "the index pages — stages, rank intervals, reweighting — on real indicator data. "
            "It says nothing about drug policy."
        ),
        description_fr=(
            "L'exemple ASEM de COINr (51 pays, 49 indicateurs, piliers et sous-indices), calculé "
            "de bout en bout par le moteur de Vigie pour montrer toutes les fonctions des pages de "
            "l'indice — étapes, intervalles de rang, repondération — sur de vraies données. Il ne "
            "dit rien des politiques en matière de drogues."
        ),
        description_es=(
            "El ejemplo ASEM de COINr (51 países, 49 indicadores, pilares y subíndices), calculado "
            "de principio a fin por el motor de Vigie para mostrar todas las funciones de las "
            "páginas del índice — etapas, intervalos de rango, reponderación — con datos reales. "
            "No dice nada sobre políticas de drogas."
        ),
        spec_toml=(folder / "asem.toml").read_text(encoding="utf-8"),
        is_demonstration=True,
        licence="MIT (COINr example data)",
        inputs_are_open=True,
    )
    edition.sources.add(
        cite_source(
            url="https://github.com/bluefoxr/COINr",
            title="COINr: composite indicator development",
            publisher="European Commission Joint Research Centre",
        )
    )
    edition = services.upload_indicator_data(
        edition=edition, csv_text=(folder / "iData.csv").read_text(encoding="utf-8")
    )
    services.compute_edition(edition_id=edition.pk, replications=DEMO_REPLICATIONS)
    services.publish_edition(edition=Edition.objects.get(pk=edition.pk))
    return LoadReport(created=1)


def load_bundled() -> dict[str, LoadReport]:
    return {"gdpi_2021": load_gdpi_2021(), "asem_demonstration": load_asem_demonstration()}
