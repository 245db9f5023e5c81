"""Forms: registration with the event's own questions, and the staff forms."""

import datetime
import zoneinfo
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country
from vigie.core.uploads import validate_document
from vigie.events.models import (
    Event,
    ProgrammeItem,
    Registration,
    RegistrationQuestion,
    validate_event_slug,
)
from vigie.events.texts import lines, text
from vigie.events.times import zone_label


def choice_labels(question: RegistrationQuestion) -> list[str]:
    return lines(text(question, "choices"))


def answer_label(question: RegistrationQuestion, value: Any) -> str:
    """A stored answer as a person reads it (choices are stored by position)."""
    if question.kind == RegistrationQuestion.Kind.CHOICE:
        labels = choice_labels(question)
        try:
            return labels[int(value)]
        except (TypeError, ValueError, IndexError):
            return ""
    if question.kind == RegistrationQuestion.Kind.CONSENT:
        return str(_("yes")) if value else str(_("no"))
    return str(value or "")


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Email"), help_text=_("Your confirmation and personal link are sent here.")
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    organisation_type = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=[("", "—"), *Registration.OrganisationType.choices],
        required=False,
    )
    country = forms.ModelChoiceField(
        label=_("Country where you work"), queryset=Country.objects.all(), required=False
    )

    def __init__(self, *args: Any, event: Event, with_email: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        if not with_email:
            del self.fields["email"]
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[question.field_name] = self._field_for(question)

    def _field_for(self, question: RegistrationQuestion) -> forms.Field:
        label = text(question, "label")
        if question.kind == RegistrationQuestion.Kind.CHOICE:
            return forms.ChoiceField(
                label=label,
                choices=list(enumerate(choice_labels(question))),
                widget=forms.RadioSelect,
                required=question.required,
            )
        if question.kind == RegistrationQuestion.Kind.CONSENT:
            return forms.BooleanField(label=label, required=question.required)
        return forms.CharField(
            label=label, widget=forms.Textarea(attrs={"rows": 3}), required=question.required
        )

    def answers(self) -> dict[str, Any]:
        return {
            str(question.pk): self.cleaned_data.get(question.field_name)
            for question in self.questions
        }

    @staticmethod
    def initial_for(registration: Registration) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "name": registration.name,
            "organisation": registration.organisation,
            "organisation_type": registration.organisation_type,
            "country": registration.country_id,
        }
        for key, value in registration.answers.items():
            initial[f"question_{key}"] = value
        return initial


def in_zone(typed: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """The wall-clock time staff typed, read in the organiser's zone (not the server's)."""
    naive = timezone.make_naive(typed) if timezone.is_aware(typed) else typed
    return naive.replace(tzinfo=zone)


def _https_by_default(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Web addresses typed without a scheme are taken as https://."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class EventForm(forms.ModelForm):
    """Staff create and edit events; times are typed in the organiser's time zone."""

    starts_local = forms.DateTimeField(
        label=_("Starts (organiser's local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    ends_local = forms.DateTimeField(
        label=_("Ends (organiser's local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    class Meta:
        model = Event
        formfield_callback = _https_by_default
        fields = [
            "slug", "series", "number", "status", "format", "time_zone", "language_order",
            "working_languages", "interpretation_offered", "title_en", "title_fr", "title_es",
            "subtitle_en", "subtitle_fr", "subtitle_es", "summary_en", "summary_fr", "summary_es",
            "objectives_en", "objectives_fr", "objectives_es", "language_note_en", "language_note_fr",
            "language_note_es", "venue", "join_url", "capacity", "registration_opens_at",
            "registration_closes_at", "chatham_house_rule", "recording_policy", "countries",
        ]  # fmt: skip
        widgets = {
            "registration_opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "registration_closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = self.instance.zone
            self.initial["starts_local"] = self.instance.starts_at.astimezone(zone).replace(
                tzinfo=None
            )
            self.initial["ends_local"] = self.instance.ends_at.astimezone(zone).replace(tzinfo=None)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone_name = data.get("time_zone")
        starts, ends = data.get("starts_local"), data.get("ends_local")
        if zone_name and starts and ends:
            zone = zoneinfo.ZoneInfo(zone_name)
            self.instance.starts_at = in_zone(starts, zone)
            self.instance.ends_at = in_zone(ends, zone)
            if self.instance.ends_at <= self.instance.starts_at:
                self.add_error("ends_local", _("The event must end after it starts."))
        return data


class ProgrammeItemForm(forms.ModelForm):
    """A part or talk of one event; its times typed and shown in the event's zone, labelled."""

    zone_name = "Europe/Paris"
    event: Event | None = None

    starts_local = forms.DateTimeField(
        required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_local = forms.DateTimeField(
        required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    class Meta:
        model = ProgrammeItem
        fields = ["kind", "parent", "order", "title_en", "title_fr", "title_es"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = zoneinfo.ZoneInfo(self.zone_name)
        label = zone_label(self.zone_name)
        verbose = {"starts_at": _("starts at"), "ends_at": _("ends at")}
        for name, model_field in (("starts_local", "starts_at"), ("ends_local", "ends_at")):
            self.fields[name].label = f"{verbose[model_field]} ({label})"
            value = getattr(self.instance, model_field)
            if value is not None:
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)
        if "parent" in self.fields:  # only this event's parts, not every event's talks
            parent_field = self.fields["parent"]
            assert isinstance(parent_field, forms.ModelChoiceField)
            parent_field.queryset = ProgrammeItem.objects.filter(
                event=self.event, kind=ProgrammeItem.Kind.PART
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone = zoneinfo.ZoneInfo(self.zone_name)
        starts, ends = data.get("starts_local"), data.get("ends_local")
        self.instance.starts_at = in_zone(starts, zone) if starts else None
        self.instance.ends_at = in_zone(ends, zone) if ends else None
        if starts and ends and self.instance.ends_at <= self.instance.starts_at:
            self.add_error("ends_local", _("The event must end after it starts."))
        return data


class DuplicateForm(forms.Form):
    slug = forms.SlugField(
        label=_("Address (slug) of the new event"), max_length=120, validators=[validate_event_slug]
    )
    starts_local = forms.DateTimeField(
        label=_("Starts (organiser's local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def starts_at(self, event: Event) -> datetime.datetime:
        return in_zone(self.cleaned_data["starts_local"], event.zone)


class EmailRegistrantsForm(forms.Form):
    statuses = forms.MultipleChoiceField(
        label=_("Send to"),
        choices=[
            (Registration.Status.CONFIRMED, _("confirmed registrants")),
            (Registration.Status.WAITING, _("people on the waiting list")),
        ],
        widget=forms.CheckboxSelectMultiple,
        initial=[Registration.Status.CONFIRMED],
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("File"),
        required=False,
        validators=[validate_document],
        help_text=_("PDF, image (PNG, JPEG, GIF, WebP) or office document."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("url") and not data.get("file"):
            raise forms.ValidationError(_("Give a web address or a file."))
        return data


class RecordingForm(forms.Form):
    recording_policy = forms.ChoiceField(label=_("Recording"), choices=Event.Recording.choices)
    recording_url = forms.URLField(
        label=_("Recording address"), required=False, assume_scheme="https"
    )
