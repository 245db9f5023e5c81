"""A release: one published, versioned copy of a public dataset as a Frictionless Data Package.

The files (CSV tables and ``datapackage.json``) are in the default storage under ``folder``; the
row keeps the version, the date, who cut it, the descriptor and the changelog against the release
before it. A release is never changed: the next one gets a new version.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import optional_user


class Release(models.Model):
    dataset = models.SlugField(_("dataset"), max_length=60)
    version = models.CharField(_("version"), max_length=20)
    released_at = models.DateTimeField(_("released at"), auto_now_add=True)
    released_by = optional_user(_("released by"))
    note = models.TextField(_("note"), blank=True)
    folder = models.CharField(_("storage folder"), max_length=200)
    descriptor = models.JSONField(_("package descriptor"))
    changelog = models.JSONField(_("changelog"))

    class Meta:
        verbose_name = _("open data release")
        verbose_name_plural = _("open data releases")
        ordering = ["dataset", "-released_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "version"], name="opendata_release_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dataset} {self.version}"

    def file_names(self) -> list[str]:
        return ["datapackage.json", *(r["path"] for r in self.descriptor["resources"])]
