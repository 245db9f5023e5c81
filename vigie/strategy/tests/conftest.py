import pytest

from vigie.strategy.loaders import load_plan
from vigie.strategy.models import Plan


@pytest.fixture
def plan(db: None) -> Plan:
    load_plan()
    return Plan.objects.get(code="2024-2027")
