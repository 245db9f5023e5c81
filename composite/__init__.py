"""Composite-indicator engine: build, analyse and stress-test an index from a spec and data.

numpy/pandas only; it never imports Django, so researchers can use it from a notebook or the
command line (``python -m composite``). Results match COINr (R) step by step.
"""

from composite.analysis import correlations, cronbach_alpha, cronbach_by_aggregate, pca_by_aggregate
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
