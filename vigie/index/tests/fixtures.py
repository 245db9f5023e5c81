"""A small edition for tests: two dimensions, four indicators, five countries."""

from vigie.core.tests.factories import make_country
from vigie.index import services
from vigie.index.models import Edition

SPEC = """
[methods]
imputation = "mean"
normalise_range = [0, 100]
aggregation = "{aggregation}"

[[indicators]]
code = "hr_services"
name = "Harm-reduction services"
parent = "health"

[[indicators]]
code = "hr_funding"
name = "Harm-reduction funding"
parent = "health"

[[indicators]]
code = "pretrial"
name = "Pre-trial detention"
parent = "justice"
direction = -1

[[indicators]]
code = "alternatives"
name = "Alternatives to prison"
parent = "justice"

[[aggregates]]
code = "health"
name = "Health"
parent = "index"

[[aggregates]]
code = "justice"
name = "Justice"
parent = "index"

[[aggregates]]
code = "index"
name = "Index"
"""

DATA = """unit_code,unit_name,hr_services,hr_funding,pretrial,alternatives
AA,Alpha,10,5,30,1
BB,Beta,8,4,10,4
CC,Gamma,2,1,5,9
DD,Delta,5,,20,2
EE,Epsilon,1,2,50,3
"""

NAMES = {"AA": "Alpha", "BB": "Beta", "CC": "Gamma", "DD": "Delta", "EE": "Epsilon"}


def make_edition(
    *, aggregation: str = "arithmetic", data: str = DATA, slug: str = "test"
) -> Edition:
    for code, name in NAMES.items():
        make_country(code, name_en=name, name_fr=name, name_es=name)
    edition = services.create_edition(
        slug=slug,
        year=2025,
        title_en="Test edition",
        spec_toml=SPEC.format(aggregation=aggregation),
    )
    if data:
        edition = services.upload_inputs(edition_id=edition.pk, csv_text=data)
    return edition


def make_computed_edition(**kwargs: str) -> Edition:
    edition = make_edition(**kwargs)
    return services.compute_edition(edition_id=edition.pk, replications=50)
