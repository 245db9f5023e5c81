import os
from pathlib import Path

import pytest
from hypothesis import settings

from composite import IndexData, IndexSpec, load_spec, prepare_data

ASEM = Path(__file__).parent / "data" / "asem"
ASEM_SPEC = Path(__file__).parent.parent / "examples" / "asem.toml"

# Mutation testing (make mutate) runs the tests once per mutant: fewer examples each time.
settings.register_profile("mutation", max_examples=25, deadline=None)
# No time limit per example: on a busy machine (tests side by side) 200 ms is not a property.
settings.register_profile("composite", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "composite"))


@pytest.fixture(scope="session")
def asem_spec() -> IndexSpec:
    return load_spec(ASEM_SPEC)


@pytest.fixture(scope="session")
def asem_data(asem_spec: IndexSpec) -> IndexData:
    return prepare_data(asem_spec, ASEM / "iData.csv")
