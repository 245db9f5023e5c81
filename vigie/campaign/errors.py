from vigie.core.errors import DomainError


class CampaignError(DomainError):
    """A rule of the campaign's calls, applications or grants was broken."""


class OfflineFormError(CampaignError):
    """An uploaded offline form could not be read; ``problems`` names each field that is wrong."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))
