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
from vigie.events.models.registration import (
    Registration,
    RegistrationLink,
    RegistrationQuestion,
    Reminder,
)

__all__ = [
    "LANGUAGE_CODES",
    "RESERVED_SLUGS",
    "Contribution",
    "Event",
    "Material",
    "Person",
    "ProgrammeItem",
    "Registration",
    "RegistrationLink",
    "RegistrationQuestion",
    "Reminder",
    "Series",
    "SeriesCredit",
    "validate_event_slug",
    "validate_language_order",
    "validate_time_zone",
]
