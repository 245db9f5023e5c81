"""The shape every app uses to answer "how many, and which rows say so".

The strategy's measures of success are counts computed by the domain apps' queries; each count
travels with its definition and the evidence rows behind it, so that any figure on the dashboard
or in a report can be traced back to the facts and their sources.
"""

import datetime
import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """One row behind a figure: what it is, where to read it, and when it happened."""

    label: str
    url: str = ""
    date: datetime.date | None = None
    detail: str = ""
    source_urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountResult:
    """A figure with its plain-language definition and the evidence rows that produce it."""

    value: float
    definition: str
    evidence: list[Evidence] = field(default_factory=list)
    # When the value counts only the items named in incomplete lists: the total the sources
    # state (lowest, highest), e.g. 26 named of (60, 62) stated. Shown beside the value, always.
    stated_range: tuple[int, int] | None = None
    # The row a reader should see first (a milestone's latest step), with its judgement in
    # ``detail``.
    latest: Evidence | None = None

    @property
    def stated_label(self) -> str:
        """ "60–62" or "60"; "" when the value is complete."""
        if self.stated_range is None:
            return ""
        low, high = self.stated_range
        return f"{low}–{high}" if high != low else str(low)


def person_key(email: str) -> str:
    """A pseudonymous key of a person (SHA-256 of the lower-case email address): apps hand these
    to each other to count a person once across them, never the address itself."""
    return hashlib.sha256(email.strip().lower().encode("utf-8", "surrogatepass")).hexdigest()
