"""200 people register at once for 50 places: exactly 50 are confirmed and 150 wait.

Real concurrency needs a database with row locks and several connections. PostgreSQL allows
about a hundred connections on a shared server, so 40 threads (each with its own connection),
released together by a barrier, send 5 registrations each and confirm each address at once:
200 confirmations contend for the 50 places at the same moment.
"""

import threading
import time

import pytest
from django.db import connection, connections

from vigie.events import services
from vigie.events.models import Event, Registration
from vigie.events.services import confirm_registration, register_participant
from vigie.events.tests.factories import make_event

PEOPLE = 200
PLACES = 50
CONNECTIONS = 40


@pytest.mark.django_db(transaction=True)
def test_two_hundred_simultaneous_registrations_fill_exactly_fifty_places(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks and serialises writers, so it cannot "
            "show concurrent registrations (set DATABASE_URL to a PostgreSQL database)"
        )
    event = make_event(capacity=PLACES)
    count_places = services._has_free_place

    def slow_count(locked: Event) -> bool:
        # Widen the gap between counting places and writing the registration, so that a
        # missing lock would let several people take the last place.
        free = count_places(locked)
        time.sleep(0.01)
        return free

    monkeypatch.setattr(services, "_has_free_place", slow_count)
    barrier = threading.Barrier(CONNECTIONS)
    errors: list[BaseException] = []

    def register_batch(first: int) -> None:
        try:
            barrier.wait()
            for number in range(first, PEOPLE, CONNECTIONS):
                registration = register_participant(
                    event=event,
                    name=f"Person {number}",
                    email=f"p{number}@example.org",
                    language="en",
                )
                # the place is taken when the address is confirmed (the emailed link)
                confirm_registration(registration=registration)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register_batch, args=(n,)) for n in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == PLACES
    assert statuses.count("waiting") == PEOPLE - PLACES
