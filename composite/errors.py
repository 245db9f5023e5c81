"""Errors of the composite engine: each names the field, unit or indicator at fault."""


class CompositeError(Exception):
    """Base class of every error the engine raises on purpose."""


class SpecError(CompositeError):
    """The specification is invalid; the message lists each problem by its path."""


class DataError(CompositeError):
    """The data do not fit the specification (missing column, duplicated unit, bad value)."""


class AggregationError(CompositeError):
    """An aggregation cannot be computed (e.g. a geometric mean over a zero or negative value)."""
