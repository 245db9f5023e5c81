"""The API keeps its OpenAPI contract: schemathesis calls every operation of /api/v1/.

Cases are generated from the published schema and sent through Django's WSGI application, on
the shared small world (so that lists return rows) and with the world's real ids for the
operations that read one object. Each response must be documented (status and body), and no call
may end in a server error.
"""

from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.core.result import Ok

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

# Real path parameters for the operations that read one object, taken from the world's values.
KNOWN_OBJECTS = {
    "/api/v1/atlas/measures/{code}": {"code": "measure_code"},
    "/api/v1/index/editions/{slug}/results/": {"slug": "edition_slug"},
    "/api/v1/un/votes/{vote_id}": {"vote_id": "vote"},
    "/api/v1/un/countries/{iso2}": {"iso2": "iso2"},
    "/api/v1/network/organisations/{slug}": {"slug": "org_slug"},
    "/api/v1/events/events/{slug}/": {"slug": "event_slug"},
    "/api/v1/events/series/{slug}/": {"slug": "series_slug"},
}


@pytest.mark.django_db
def test_every_operation_keeps_its_contract(world: dict[str, Any]) -> None:
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result  # every operation of the schema can be loaded
        operations.append(result.ok())
    assert {op.path for op in operations} >= set(KNOWN_OBJECTS)
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=5,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def generated(case: schemathesis.Case) -> None:
            case.call_and_validate()

        generated()
        known = KNOWN_OBJECTS.get(operation.path)
        if known:
            path_parameters = {name: world["values"][key] for name, key in known.items()}
            response = operation.Case(path_parameters=path_parameters).call_and_validate()
            assert response.status_code == 200, (operation.path, response.status_code)
