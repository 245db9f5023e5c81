"""Personal API tokens: created and revoked by their owner in their space, stored only as a hash.

A token is shown once when it is created; the database keeps its SHA-256 hash
(``vigie.core.tokens``) and the first characters, so that its owner can tell tokens apart. Its
``scope`` is the owner's role when it was made; a request made with it never gets more than the
owner's role at the time of the request (see ``vigie.workspace.services.authenticate_token``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
