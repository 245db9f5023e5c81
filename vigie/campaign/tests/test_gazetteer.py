"""The offline gazetteer finds a city by any of its usual names, blind to case and accents."""

from vigie.campaign import gazetteer


def test_a_city_is_found_by_its_name_without_accents_and_by_another_usual_name() -> None:
    bogota = gazetteer.find_city("  BOGOTA ", "co")
    assert bogota is not None and bogota.name == "Bogotá" and bogota.country == "CO"
    assert gazetteer.find_city("Santafé de Bogotá", "CO") == bogota  # an alternate name
    assert gazetteer.get_city(bogota.geonameid) == bogota


def test_a_name_shared_by_several_cities_gives_the_most_populous_and_only_in_its_country() -> None:
    paris = gazetteer.find_city("Paris", "FR")
    assert paris is not None and paris.population > 2_000_000
    assert gazetteer.find_city("Paris", "CO") is None
    assert gazetteer.find_city("Bogotá", "FR") is None


def test_suggestions_are_the_countrys_cities_starting_so_most_populous_first() -> None:
    found = gazetteer.search_cities("san", "co", limit=5)
    assert len(found) == 5
    assert all(city.country == "CO" and city.name.lower().startswith("san") for city in found)
    populations = [city.population for city in found]
    assert populations == sorted(populations, reverse=True)
    assert gazetteer.search_cities("", "CO") == []
