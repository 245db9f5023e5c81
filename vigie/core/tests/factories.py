"""Small factories for tests of every app: countries and users with a role."""

from typing import Any

from django.contrib.auth import get_user_model

from vigie.core.models import Country, Subdivision
from vigie.core.roles import assign_role


def _unused_numeric_code() -> str:
    """A numeric code from 900–999 (unassigned by ISO 3166-1) that no row uses yet."""
    taken = set(Country.objects.filter(numeric__gte="900").values_list("numeric", flat=True))
    for code in range(900, 1000):
        if str(code) not in taken:
            return str(code)
    raise RuntimeError("make_country: all test numeric codes 900-999 are in use")


def make_country(iso2: str = "PT", **fields: Any) -> Country:
    existing = Country.objects.filter(iso2=iso2).first()
    if existing is not None:
        return existing
    defaults: dict[str, Any] = {
        "iso3": fields.pop("iso3", iso2 + "X"),
        "numeric": fields.pop("numeric", None) or _unused_numeric_code(),
        "name_en": iso2,
        "name_fr": iso2,
        "name_es": iso2,
    }
    defaults.update(fields)
    country, _created = Country.objects.get_or_create(iso2=iso2, defaults=defaults)
    return country


def make_subdivision(code: str = "US-OR", name: str = "Oregon", **fields: Any) -> Subdivision:
    country = make_country(code.split("-")[0])
    subdivision, _created = Subdivision.objects.get_or_create(
        code=code, defaults={"country": country, "name": name, **fields}
    )
    return subdivision


def make_user(username: str = "person", *, role: str | None = None, password: str = "pw") -> Any:
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=password
    )
    if role:
        assign_role(user, role)
    return user
