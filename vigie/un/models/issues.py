"""Data issues found by the vote checks (``vigie.un.checks``), and how each is worded.

The wording lives here, beside the model, so that the model reads it without importing the checks
(which import the models).
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from vigie.un.models.votes import Vote, VoteChoice

CHECK_TOTALS = "totals"
CHECK_NON_MEMBER = "non_member"
CHECK_MEMBERSHIP_UNKNOWN = "membership_unknown"

MESSAGES = {
    CHECK_TOTALS: gettext_noop(
        "%(ballot)s: %(listed)d names listed for a stated total of %(stated)d."
    ),
    CHECK_NON_MEMBER: gettext_noop(
        "%(country)s is listed as voting but was not a member of the body at %(session)s."
    ),
    CHECK_MEMBERSHIP_UNKNOWN: gettext_noop(
        "Membership of the body at %(session)s is not loaded with a source, so whether each "
        "voter was a member is unknown."
    ),
}


def describe(rule: str, params: dict[str, Any]) -> str:
    """The issue in the active language (ballot labels are translated too)."""
    values = dict(params)
    if "ballot" in values:
        values["ballot"] = VoteChoice(values["ballot"]).label
    return gettext(MESSAGES[rule]) % values


class IssueSeverity(models.TextChoices):
    WARNING = "warning", _("Warning")
    UNKNOWN = "unknown", _("Cannot be checked")


class DataIssue(models.Model):
    """A problem found by the data-quality checks; recomputed whenever the vote changes."""

    vote = models.ForeignKey(
        Vote, on_delete=models.CASCADE, related_name="issues", verbose_name=_("vote")
    )
    rule = models.CharField(_("check"), max_length=40)
    severity = models.CharField(_("severity"), max_length=10, choices=IssueSeverity.choices)
    params = models.JSONField(_("details"), default=dict, blank=True)
    message = models.TextField(_("message (English)"))

    class Meta:
        verbose_name = _("data issue")
        verbose_name_plural = _("data issues")
        ordering = ["vote", "rule", "id"]

    def __str__(self) -> str:
        return self.message

    @property
    def text(self) -> str:
        """The issue in the active language."""
        return describe(self.rule, self.params)
