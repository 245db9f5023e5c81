"""Factories for network tests: organisations and their member users."""

import datetime
import itertools
from typing import Any

from vigie.core.tests.factories import make_country, make_user
from vigie.network.models import Membership, Organisation

_sequence = itertools.count(1)


def make_organisation(name: str | None = None, **fields: Any) -> Organisation:
    number = next(_sequence)
    name = name or f"Org {number} (fictional)"
    country = fields.pop("headquarters", None) or make_country(fields.pop("iso2", "KE"))
    defaults: dict[str, Any] = {
        "slug": fields.pop("slug", f"org-{number}"),
        "org_type": "ngo",
        "region": "002",
        "status": "member",
        "applied_on": datetime.date(2020, 1, 1),
        "admitted_on": datetime.date(2020, 6, 1),
        "headquarters": country,
    }
    defaults.update(fields)
    return Organisation.objects.create(name=name, **defaults)


def make_member(username: str, organisation: Organisation, password: str = "pw") -> Any:
    user = make_user(username, role="member", password=password)
    Membership.objects.create(user=user, organisation=organisation)
    return user
