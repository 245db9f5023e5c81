"""Personal API tokens: created and revoked by their owner in their space, stored only as a hash.

A token is shown once when it is created; the database keeps its SHA-256 hash
(``vigie.core.tokens``) and the first characters, so that its owner can tell tokens apart. Its
``scope`` is the owner's role when it was made; a request made with it never gets more than the
owner's role at the time of the request (see ``vigie.workspace.services.authenticate_token``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import optional_user
from vigie.core.roles import ROLE_GROUPS


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("starts with"), max_length=8)
    scope = models.CharField(
        _("scope"), max_length=10, choices=[(role, role) for role in ROLE_GROUPS]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class CorrectionProposal(models.Model):
    """A member's proposed correction of an atlas entry, or a measure missing from a country.

    Private: only its author and editors see it. The measure is named by its code (as the
    atlas's versions name it), so that a proposal outlives a measure deleted since; a proposal
    whose ``field`` is ``NEW_MEASURE`` proposes a measure the atlas does not hold for
    ``country`` (its code is set when an editor has recorded it).
    """

    NEW_MEASURE = "new_measure"

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPLIED = "applied", _("Applied")
        DECLINED = "declined", _("Declined")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="correction_proposals",
        verbose_name=_("proposed by"),
    )
    country = models.ForeignKey(
        "core.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    measure_code = models.CharField(_("atlas entry"), max_length=80, blank=True)
    field = models.CharField(_("what to correct"), max_length=20, blank=True)
    problem = models.TextField(_("what is wrong"))
    proposed_value = models.TextField(_("proposed text or value"))
    source_url = models.URLField(_("source address"), max_length=1000, blank=True)
    source_citation = models.CharField(_("source citation"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=5, default="en")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = optional_user(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    applied_version = models.PositiveIntegerField(_("version written"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("correction proposal")
        verbose_name_plural = _("correction proposals")
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source_url="") | ~models.Q(source_citation=""),
                name="workspace_correction_has_source",
            ),
            models.CheckConstraint(
                condition=~models.Q(field=""), name="workspace_correction_names_field"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decision_reason=""),
                name="workspace_correction_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_code or self.country_id} ({self.get_status_display()})"

    @property
    def is_new_measure(self) -> bool:
        return self.field == self.NEW_MEASURE
