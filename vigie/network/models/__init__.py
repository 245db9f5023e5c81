"""Member organisations and the network's working registers, one module per area.

``directory`` (organisations and memberships), ``contacts`` (contacts and consent), ``media``,
``funding``, ``mentoring`` and ``elections``. Every model is re-exported here, so
``from vigie.network.models import Organisation`` keeps working.
"""

from vigie.network.models.contacts import ConsentPurpose, ConsentRecord, Contact
from vigie.network.models.directory import (
    PUBLIC_ORGANISATION_FIELDS,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationType,
)
from vigie.network.models.elections import (
    Candidate,
    CouncilBallot,
    Election,
    ElectionStatus,
    SealedBallot,
    VoterRecord,
)
from vigie.network.models.funding import Funder, FunderKind, Grant, SizeBand, SupportKind
from vigie.network.models.media import (
    Coverage,
    Interaction,
    InteractionKind,
    Journalist,
    Outlet,
    Tone,
)
from vigie.network.models.mentoring import CheckIn, MentoringPair

__all__ = [
    "PUBLIC_ORGANISATION_FIELDS",
    "Candidate",
    "CheckIn",
    "ConsentPurpose",
    "ConsentRecord",
    "Contact",
    "CouncilBallot",
    "Coverage",
    "Election",
    "ElectionStatus",
    "Funder",
    "FunderKind",
    "Grant",
    "Interaction",
    "InteractionKind",
    "Journalist",
    "Membership",
    "MembershipStatus",
    "MentoringPair",
    "Organisation",
    "OrganisationType",
    "Outlet",
    "SealedBallot",
    "SizeBand",
    "SupportKind",
    "Tone",
    "VoterRecord",
]
