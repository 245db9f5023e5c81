"""Errors the surveys services raise."""

from vigie.core.errors import DomainError


class SurveyError(DomainError):
    """A survey rule was broken (closed round, second submission, invalid answer)."""
