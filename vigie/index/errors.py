from vigie.core.errors import DomainError


class EditionFrozen(DomainError):
    """A published edition cannot change; upload to a new version instead."""


class UploadRejected(DomainError):
    """The uploaded spec or data do not pass the engine's checks; nothing was stored."""


class ComputationFailed(DomainError):
    """The engine could not compute the edition; the message says why."""
