"""Workshop series, events, their programme, the people credited and the materials.

Texts are translated fields (``translation.py``: ``title_en``, ``title_fr``, ``title_es``); each series and event
also records its own language order (the bilingual invitation of the seed leads in French, then
English), which decides the fallback when the visitor's language has no text and the order in
which the other versions are shown side by side.
"""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Archivable, Country, Sourced, optional_link
from vigie.events.texts import text

LANGUAGE_CODES = ("en", "fr", "es")


def validate_language_order(value: str) -> None:
    codes = [code.strip() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in LANGUAGE_CODES]
    if not codes or unknown or len(set(codes)) != len(codes):
        raise ValidationError(
            _("Give language codes among en, fr, es separated by commas, each once (e.g. fr,en).")
        )


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a known time zone."), params={"zone": value})


RESERVED_SLUGS = ("staff", "series", "registration", "mine")


def validate_event_slug(value: str) -> None:
    """Event addresses share a URL space with the staff, series and personal pages."""
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("%(slug)s is reserved; choose another address."), params={"slug": value}
        )


class Person(models.Model):
    """A speaker, moderator, organiser or partner as credited on a programme.

    Partners are often organisations: ``is_organisation`` says so. A person can be linked to a
    contact of the network directory later through ``network_contact_id`` (an id only, because
    domain apps never point at each other's tables).
    """

    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=400, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    is_organisation = models.BooleanField(_("is an organisation"), default=False)
    network_contact_id = models.PositiveIntegerField(_("network contact id"), null=True, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "affiliation"], name="events_person_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


class Series(Sourced):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True, default="")
    description = models.TextField(_("description"), blank=True, default="")
    language_order = models.CharField(
        _("language order"),
        max_length=20,
        default="en,fr,es",
        validators=[validate_language_order],
        help_text=_("The languages of the texts, first the one the series leads in (e.g. fr,en)."),
    )

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["slug"]

    def __str__(self) -> str:
        return text(self, "title") or self.slug


class SeriesCredit(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("organising committee")
        PARTNER = "partner", _("partner")

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="series_credits")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("series credit")
        verbose_name_plural = _("series credits")
        ordering = ["role", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "person", "role"], name="events_seriescredit_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"


class Event(Archivable, Sourced):
    class Format(models.TextChoices):
        ONLINE = "online", _("online")
        IN_PERSON = "in_person", _("in person")
        HYBRID = "hybrid", _("hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    class Recording(models.TextChoices):
        NONE = "none", _("not recorded")
        INTERNAL = "internal", _("recorded for the organisers only")
        PUBLIC = "public", _("recorded and published afterwards")

    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, validators=[validate_event_slug]
    )
    series = optional_link(Series, _("series"), related_name="events")
    number = models.PositiveSmallIntegerField(_("number in the series"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True, default="")
    subtitle = models.CharField(_("subtitle"), max_length=400, blank=True, default="")
    summary = models.TextField(_("summary"), blank=True, default="")
    objectives = models.TextField(
        _("objectives"), blank=True, help_text=_("One per line."), default=""
    )
    language_note = models.CharField(_("language note"), max_length=400, blank=True, default="")
    language_order = models.CharField(
        _("language order"),
        max_length=20,
        default="en,fr,es",
        validators=[validate_language_order],
        help_text=_("The languages of the texts, first the one the event leads in (e.g. fr,en)."),
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.ONLINE
    )
    venue = models.CharField(_("venue"), max_length=400, blank=True)
    join_url = models.URLField(
        _("join link"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to confirmed registrants, on their personal page and in emails."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("organiser's time zone"),
        max_length=64,
        default="Europe/Paris",
        validators=[validate_time_zone],
    )
    working_languages = models.CharField(
        _("working languages"), max_length=20, default="en", validators=[validate_language_order]
    )
    interpretation_offered = models.BooleanField(_("interpretation offered"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    chatham_house_rule = models.BooleanField(_("Chatham House rule"), default=False)
    recording_policy = models.CharField(
        _("recording"), max_length=20, choices=Recording.choices, default=Recording.NONE
    )
    recording_url = models.URLField(_("recording address"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    countries = models.ManyToManyField(
        Country, blank=True, related_name="events", verbose_name=_("focus countries")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="events_event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="events_event_capacity_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(registration_opens_at__isnull=True)
                | models.Q(registration_closes_at__isnull=True)
                | models.Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="events_event_registration_window",
            ),
        ]

    def __str__(self) -> str:
        return text(self, "title") or self.slug

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class ProgrammeItem(models.Model):
    """A part of the programme or a talk within a part (``parent``), in the event's order."""

    class Kind(models.TextChoices):
        PART = "part", _("part")
        TALK = "talk", _("talk")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TALK)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=400, blank=True, default="")
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return text(self, "title", self.event.language_order)


class Contribution(models.Model):
    """Who speaks or moderates, for the whole event (no item) or for one programme item."""

    class Role(models.TextChoices):
        MODERATOR = "moderator", _("moderator")
        SPEAKER = "speaker", _("speaker")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="contributions")
    item = models.ForeignKey(
        ProgrammeItem, on_delete=models.CASCADE, null=True, blank=True, related_name="contributions"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contributions")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"


class Material(models.Model):
    """Slides, documents or links attached to an event after (or before) it is held."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="events/materials/", blank=True)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="") | ~models.Q(file=""), name="events_material_has_content"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def href(self) -> str:
        return self.file.url if self.file else self.url
