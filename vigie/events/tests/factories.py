"""Small factories for events tests."""

import datetime
import itertools
from typing import Any

from django.utils import timezone

from vigie.events.models import Event, Registration

_numbers = itertools.count(1)


def make_event(**fields: Any) -> Event:
    """A published online event a week from now, two hours long, open for registration."""
    starts_at = fields.pop(
        "starts_at", (timezone.now() + datetime.timedelta(days=7)).replace(second=0, microsecond=0)
    )
    number = next(_numbers)
    defaults: dict[str, Any] = {
        "slug": f"event-{number}",
        "title_en": f"Workshop {number}",
        "title_fr": f"Atelier {number}",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=2),
        "status": Event.Status.PUBLISHED,
        "time_zone": "Europe/Paris",
        "join_url": "https://meet.example.org/secret-room",
    }
    defaults.update(fields)
    return Event.objects.create(**defaults)


def make_registration(event: Event, name: str = "Ana Example", **fields: Any) -> Registration:
    defaults: dict[str, Any] = {
        "email": f"{name.lower().replace(' ', '.')}@example.org",
        "language": "en",
        "status": Registration.Status.CONFIRMED,
    }
    defaults.update(fields)
    return Registration.objects.create(event=event, name=name, **defaults)
