"""Errors the network services raise, each with a message a person can act on."""

from vigie.core.errors import DomainError


class NetworkError(DomainError):
    """A network rule was broken (e.g. a second ballot from the same organisation)."""
