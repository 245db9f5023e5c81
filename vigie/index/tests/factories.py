"""A small computed edition (four countries, two dimensions) for fast tests."""

from typing import Any

from vigie.core.tests.factories import make_country
from vigie.index import services
from vigie.index.models import Edition

SPEC = """
[index]
name = "Test index"
unit_column = "iso3"
name_column = "country"
levels = ["Indicator", "Dimension", "Index"]

[steps.normalise]
method = "minmax"
range = [0, 100]

[[indicators]]
code = "a"
name = "Indicator a"
parent = "health"

[[indicators]]
code = "b"
name = "Indicator b"
parent = "justice"

[[aggregates]]
code = "health"
name = "Health"
level = 2
parent = "IDX"

[[aggregates]]
code = "justice"
name = "Justice"
level = 2
parent = "IDX"

[[aggregates]]
code = "IDX"
name = "Index"
level = 3
"""

DATA = """iso3,country,a,b
PRT,Portugal,90,10
NOR,Norway,50,60
CAN,Canada,10,90
BRA,Brazil,0,0
"""


def make_countries() -> None:
    for iso2, iso3, numeric, name, region in (
        ("PT", "PRT", "620", "Portugal", "150"),
        ("NO", "NOR", "578", "Norway", "150"),
        ("CA", "CAN", "124", "Canada", "019"),
        ("BR", "BRA", "076", "Brazil", "019"),
    ):
        make_country(iso2, iso3=iso3, numeric=numeric, name_en=name, region=region)


def make_computed_edition(*, publish: bool = True, **fields: Any) -> Edition:
    make_countries()
    edition = services.create_edition(
        family=fields.pop("family", "test"),
        year=2024,
        title_en="Test index",
        spec_toml=SPEC,
        inputs_are_open=True,
        **fields,
    )
    edition = services.upload_indicator_data(edition=edition, csv_text=DATA)
    edition = services.compute_edition(edition_id=edition.pk, replications=50)
    if publish:
        edition = services.publish_edition(edition=edition)
    return edition
