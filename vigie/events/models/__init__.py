"""Events: series, events and their programme (``programme``), and registrations (``registration``)."""

from vigie.events.models.programme import (
    LANGUAGE_CODES,
    RESERVED_SLUGS,
    Contribution,
    Event,
    Material,
    Person,
    ProgrammeItem,
    Series,
    SeriesCredit,
    validate_event_slug,
    validate_language_order,
    validate_time_zone,
)
from vigie.events.models.registration import Question, Registration, Reminder

__all__ = [
    "LANGUAGE_CODES",
    "RESERVED_SLUGS",
    "Contribution",
    "Event",
    "Material",
    "Person",
    "ProgrammeItem",
    "Question",
    "Registration",
    "Reminder",
    "Series",
    "SeriesCredit",
    "validate_event_slug",
    "validate_language_order",
    "validate_time_zone",
]
