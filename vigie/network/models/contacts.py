"""Contacts of the network and the consent each gave, purpose by purpose."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Archivable
from vigie.network.models.directory import Organisation


class Contact(Archivable):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    role_title = models.CharField(_("role"), max_length=200, blank=True)
    erased_on = models.DateField(_("erased on"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        # The staff list reads one page of contacts by name: without an index, every page sorts
        # every contact.
        indexes = [models.Index(fields=["name", "id"], name="network_contact_name_idx")]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class ConsentPurpose(models.TextChoices):
    NEWSLETTER = "newsletter", _("Newsletter")
    SURVEYS = "surveys", _("Member surveys")
    DIRECTORY = "directory", _("Listing in the staff directory")
    EVENTS = "events", _("Event invitations")


class ConsentRecord(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("granted"))
    recorded_on = models.DateField(_("recorded on"))
    wording = models.TextField(_("wording agreed to"), blank=True)

    class Meta:
        ordering = ["-recorded_on"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.contact} · {self.purpose}"
