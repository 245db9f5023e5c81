"""Composite-indicator engine: build, analyse and stress-test an index from a spec and data.

numpy/pandas only; it never imports Django, so researchers can use it from a notebook or the
command line (``python -m composite``). Results match COINr (R) step by step.

The public names below are imported on first use (PEP 562), so that ``import composite`` and
``python -m composite --help`` start at once, and a program importing one module (e.g.
``composite.rank``) does not pay for pandas and pydantic until it needs them.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from composite.analysis import (
        correlations,
        cronbach_alpha,
        cronbach_by_aggregate,
        pca_by_aggregate,
    )
    from composite.coinr import spec_document_from_coinr, spec_from_coinr
    from composite.data import IndexData, prepare_data
    from composite.errors import AggregationError, CompositeError, DataError, SpecError
    from composite.pipeline import STAGES, PipelineResult, reaggregate, run_pipeline
    from composite.sensitivity import SensitivityResult, run_sensitivity
    from composite.spec import IndexSpec, NormaliseSpec, TreatSpec, load_spec, parse_spec
    from composite.uncertainty import (
        UncertainInputs,
        UncertaintyResult,
        indistinguishable_pairs,
        run_uncertainty,
    )

_MODULE_OF = {
    "STAGES": "pipeline",
    "AggregationError": "errors",
    "CompositeError": "errors",
    "DataError": "errors",
    "IndexData": "data",
    "IndexSpec": "spec",
    "NormaliseSpec": "spec",
    "PipelineResult": "pipeline",
    "SensitivityResult": "sensitivity",
    "SpecError": "errors",
    "TreatSpec": "spec",
    "UncertainInputs": "uncertainty",
    "UncertaintyResult": "uncertainty",
    "correlations": "analysis",
    "cronbach_alpha": "analysis",
    "cronbach_by_aggregate": "analysis",
    "indistinguishable_pairs": "uncertainty",
    "load_spec": "spec",
    "parse_spec": "spec",
    "pca_by_aggregate": "analysis",
    "prepare_data": "data",
    "reaggregate": "pipeline",
    "run_pipeline": "pipeline",
    "run_sensitivity": "sensitivity",
    "run_uncertainty": "uncertainty",
    "spec_document_from_coinr": "coinr",
    "spec_from_coinr": "coinr",
}

__all__ = [
    "STAGES",
    "AggregationError",
    "CompositeError",
    "DataError",
    "IndexData",
    "IndexSpec",
    "NormaliseSpec",
    "PipelineResult",
    "SensitivityResult",
    "SpecError",
    "TreatSpec",
    "UncertainInputs",
    "UncertaintyResult",
    "correlations",
    "cronbach_alpha",
    "cronbach_by_aggregate",
    "indistinguishable_pairs",
    "load_spec",
    "parse_spec",
    "pca_by_aggregate",
    "prepare_data",
    "reaggregate",
    "run_pipeline",
    "run_sensitivity",
    "run_uncertainty",
    "spec_document_from_coinr",
    "spec_from_coinr",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'composite' has no attribute {name!r}")
    value = getattr(import_module(f"composite.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])
