"""Registration: the questions an event asks, the people who register, and their reminders.

The waiting list is the ``waiting`` registrations of an event in order of ``created_at``; see
``vigie.events.services`` for how places are taken and given back under a lock.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import HashedLink, optional_country
from vigie.events.models.programme import Event
from vigie.events.texts import text


class RegistrationQuestion(models.Model):
    """A configurable question of an event's registration form."""

    class Kind(models.TextChoices):
        TEXT = "text", _("free text")
        CHOICE = "choice", _("one choice")
        CONSENT = "consent", _("consent to data use")
        ACCESSIBILITY = "accessibility", _("accessibility needs")
        INTERPRETATION = "interpretation", _("interpretation needs")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(_("question"), max_length=400, blank=True, default="")
    choices = models.TextField(_("choices"), blank=True, help_text=_("One per line."), default="")
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return text(self, "label", self.event.language_order)

    @property
    def field_name(self) -> str:
        return f"question_{self.pk}"


class Registration(models.Model):
    """One person's place (or place in the queue) for one event.

    The waiting list is the ``waiting`` registrations in order of ``created_at``: the earliest
    is promoted first. A ``pending`` registration waits for its email address to be confirmed and
    holds no place (see ``vigie.events.services``). Personal links are ``RegistrationLink`` rows.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for email confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    class OrganisationType(models.TextChoices):
        NGO = "ngo", _("civil-society organisation")
        COMMUNITY = "community", _("community of people who use drugs")
        ACADEMIC = "academic", _("university or research")
        GOVERNMENT = "government", _("government")
        INTERNATIONAL = "international", _("international organisation")
        MEDIA = "media", _("media")
        PRIVATE = "private", _("private sector")
        OTHER = "other", _("other")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    organisation_type = models.CharField(
        _("type of organisation"), max_length=20, choices=OrganisationType.choices, blank=True
    )
    country = optional_country(_("country"), on_delete=models.SET_NULL)
    language = models.CharField(_("language"), max_length=5, default="en")
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status="cancelled"),
                name="events_registration_one_active_per_email",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "confirmed", "waiting", "cancelled"]),
                name="events_registration_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} — {self.event}"


class RegistrationLink(HashedLink):
    """A personal link to a registration: only the SHA-256 hash of its random token is stored.

    ``mailed`` links were sent to the registrant's address: they prove the person reads that
    mailbox, so they can confirm the address and open the page until the event is over. A link
    that is not mailed is the one the browser is sent to right after the form: it only shows that
    the registration waits for its confirmation, and works no longer than that.
    """

    opens = "registration"
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="links")
    mailed = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")


class Reminder(models.Model):
    """A reminder that is due or sent: one row per registration and kind, so never sent twice."""

    class Kind(models.TextChoices):
        DAY = "24h", _("24 hours before")
        HOUR = "1h", _("1 hour before")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="events_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.registration} — {self.kind}"
