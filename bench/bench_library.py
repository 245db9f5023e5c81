"""Time the library's full-text search over 5,000 fictional publications.

    .venv/bin/python bench/bench_library.py                 # a throwaway SQLite database (FTS5)
    BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/bench_library.py   # PostgreSQL

Builds the publications (titles, summaries and about 600 words of "extracted PDF text" each, in
English, French or Spanish) in a throwaway database, indexes them through the search back end of
the database, then prints the median and worst time of ranked searches with snippets, alone and
combined with filters (target: under 100 ms).
"""

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
)

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from vigie.core.loaders import load_countries  # noqa: E402
from vigie.core.models import Country  # noqa: E402
from vigie.library import search  # noqa: E402
from vigie.library.models import (  # noqa: E402
    Publication,
    PublicationFile,
    PublicationKind,
    StrategyLink,
)
from vigie.library.queries import LibraryFilters, search_page, visible_publications  # noqa: E402

COUNT = 5_000
RUNS = 15
TARGET_MS = 100
WORDS = {
    "en": [
        "drug",
        "policy",
        "reform",
        "harm",
        "reduction",
        "human",
        "rights",
        "decriminalisation",
        "people",
        "who",
        "use",
        "drugs",
        "prison",
        "health",
        "services",
        "evidence",
        "community",
        "regulation",
        "cannabis",
        "treatment",
        "stigma",
        "police",
        "security",
        "funding",
        "advocacy",
        "network",
        "report",
        "government",
        "law",
    ],
    "fr": [
        "politique",
        "drogues",
        "réforme",
        "réduction",
        "risques",
        "droits",
        "humains",
        "décriminalisation",
        "personnes",
        "prison",
        "santé",
        "services",
        "preuves",
        "communauté",
        "réglementation",
        "cannabis",
        "traitement",
        "stigmatisation",
        "police",
        "sécurité",
        "financement",
        "plaidoyer",
        "réseau",
        "rapport",
        "gouvernement",
        "loi",
    ],
    "es": [
        "política",
        "drogas",
        "reforma",
        "reducción",
        "daños",
        "derechos",
        "humanos",
        "despenalización",
        "personas",
        "prisión",
        "salud",
        "servicios",
        "evidencia",
        "comunidad",
        "regulación",
        "cannabis",
        "tratamiento",
        "estigma",
        "policía",
        "seguridad",
        "financiación",
        "incidencia",
        "red",
        "informe",
        "gobierno",
        "ley",
    ],
}


def build() -> None:
    random.seed(17)
    call_command("migrate", verbosity=0)
    load_countries()
    countries = list(Country.objects.values_list("pk", flat=True))
    kinds = list(PublicationKind.values)
    languages = list(WORDS)
    start = time.perf_counter()
    with transaction.atomic():
        publications = Publication.objects.bulk_create(
            Publication(
                slug=f"bench-{n}",
                kind=kinds[n % len(kinds)],
                title_en=f"Fictional publication {n} on " + " ".join(random.sample(WORDS["en"], 4)),
                summary_en=" ".join(random.choices(WORDS["en"], k=40)),
                published_on=datetime.date(2015 + n % 11, 1 + n % 12, 1 + n % 28),
                is_published=n % 10 != 0,
            )
            for n in range(COUNT)
        )
        Country_links = Publication.countries.through
        Country_links.objects.bulk_create(
            Country_links(publication_id=p.pk, country_id=countries[i % len(countries)])
            for i, p in enumerate(publications)
        )
        StrategyLink.objects.bulk_create(
            StrategyLink(publication=p, kind="priority", number=1 + i % 5)
            for i, p in enumerate(publications)
        )
        backend = search.backend()
        for i, publication in enumerate(publications):
            language = languages[i % 3]
            body = " ".join(random.choices(WORDS[language], k=600))
            if i % 500 == 7:
                body += " naloxone"  # a rare word: 10 publications
            PublicationFile.objects.create(publication=publication, language=language, text=body)
            backend.index(
                publication.pk,
                [
                    search.IndexEntry("en", publication.title_en, publication.summary_en, ""),
                    search.IndexEntry(language, "", "", body)
                    if language != "en"
                    else search.IndexEntry("en", publication.title_en, "", body),
                ],
            )
    print(
        f"Built {COUNT} publications on {connection.vendor} in {time.perf_counter() - start:.1f} s"
    )


def measure(label: str, call: Callable[[], object]) -> float:
    """Wall-clock median and worst, and the median CPU time of this process (the CPU time
    tells the cost of the search itself when other processes load the machine)."""
    times, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    median = statistics.median(times)
    print(
        f"{label:<50} median {median:6.1f} ms  worst {max(times):6.1f} ms  "
        f"(CPU {statistics.median(cpu):5.1f} ms)"
    )
    return median


def main() -> None:
    build()
    public = visible_publications()
    cases = {
        'common word, page 1 of ~4,500 ("policy")': LibraryFilters(q="policy"),
        'French without accents ("securite")': LibraryFilters(q="securite"),
        'two words ("harm reduction")': LibraryFilters(q="harm reduction"),
        'rare word ("naloxone")': LibraryFilters(q="naloxone"),
        "query + type + year + priority": LibraryFilters(
            q="cannabis", kind="report", year=2020, priority=1
        ),
        "query + language + country": LibraryFilters(q="prison", language="es", country="MX"),
        "filters only (no query)": LibraryFilters(kind="statement", year=2022),
    }
    medians = [
        measure(label, partial(search_page, public, filters, limit=20, offset=0))
        for label, filters in cases.items()
    ]
    print(f"Worst median {max(medians):.1f} ms (target < {TARGET_MS} ms); load {os.getloadavg()}")


if __name__ == "__main__":
    main()
