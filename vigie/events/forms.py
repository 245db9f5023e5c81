"""Forms: registration with the event's own questions, and the staff forms."""

import datetime
import zoneinfo
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country
from vigie.core.staff_forms import StaffForm
from vigie.core.uploads import validate_document
from vigie.events.models import (
    LANGUAGE_CODES,
    Contribution,
    Event,
    Person,
    ProgrammeItem,
    Registration,
    RegistrationQuestion,
    Series,
    validate_event_slug,
    validate_time_zone,
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


def _local_input() -> forms.DateTimeInput:
    """A browser date-time picker; its value written as the picker reads it (2031-04-28T16:10)."""
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _empty_texts(data: dict[str, Any]) -> None:
    """An empty translated text is stored as "" (its column is not nullable), never None."""
    for name, value in data.items():
        if value is None and name.rsplit("_", 1)[-1] in LANGUAGE_CODES:
            data[name] = ""


def in_zone(typed: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """The wall-clock time staff typed, read in the organiser's zone (not the server's)."""
    naive = timezone.make_naive(typed) if timezone.is_aware(typed) else typed
    return naive.replace(tzinfo=zone)


def _https_by_default(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Web addresses typed without a scheme are taken as https://."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


LANGUAGE_NAMES = {"en": _("English"), "fr": _("French"), "es": _("Spanish")}


def language_columns(order: str) -> list[str]:
    """The three languages, first in the event's order (fr,en → fr, en, es)."""
    codes = [code.strip() for code in order.split(",") if code.strip() in LANGUAGE_NAMES]
    return list(dict.fromkeys([*codes, *LANGUAGE_NAMES]))


class EventForm(forms.ModelForm):
    """Staff create and edit events; times are typed in the organiser's time zone."""

    starts_local = forms.DateTimeField(
        label=_("Starts (organiser's local time)"),
        widget=_local_input(),
    )
    ends_local = forms.DateTimeField(
        label=_("Ends (organiser's local time)"),
        widget=_local_input(),
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
            "registration_closes_at", "chatham_house_rule", "recording_policy", "recording_url",
            "countries",
        ]  # fmt: skip
        widgets = {
            "registration_opens_at": _local_input(),
            "registration_closes_at": _local_input(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = self.instance.zone
            self.initial["starts_local"] = self.instance.starts_at.astimezone(zone).replace(
                tzinfo=None
            )
            self.initial["ends_local"] = self.instance.ends_at.astimezone(zone).replace(tzinfo=None)

    TRANSLATED = ("title", "subtitle", "summary", "objectives", "language_note")
    SECTIONS = (
        (_("Event"), ("slug", "series", "number", "status", "format")),
        (_("Languages"), ("language_order", "working_languages", "interpretation_offered")),
        (_("When and where"), ("time_zone", "starts_local", "ends_local", "venue", "join_url")),
        (
            _("Registration"),
            ("capacity", "registration_opens_at", "registration_closes_at", "countries"),
        ),
        (_("Rules and recording"), ("chatham_house_rule", "recording_policy", "recording_url")),
    )

    def language_codes(self) -> list[str]:
        """The text columns, first in the event's language order (as typed, if valid)."""
        typed = self.data.get("language_order") if self.is_bound else None
        order = typed or self.initial.get("language_order") or self.instance.language_order
        return language_columns(str(order or ""))

    def language_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        codes = self.language_codes()
        rows = []
        for name in self.TRANSLATED:
            model_field = Event._meta.get_field(name)
            assert isinstance(model_field, models.Field)
            verbose = model_field.verbose_name
            for code in codes:
                self.fields[
                    f"{name}_{code}"
                ].label = f"{capfirst(verbose)} ({LANGUAGE_NAMES[code]})"
            rows.append((str(capfirst(verbose)), [self[f"{name}_{code}"] for code in codes]))
        return rows

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(str(title), [self[name] for name in names]) for title, names in self.SECTIONS]

    def _update_errors(self, errors: ValidationError) -> None:
        """The model's own checks of ``starts_at``/``ends_at`` shown at the typed times (an
        event ending before it starts was a 500: the form has no ``ends_at`` field)."""
        if hasattr(errors, "error_dict"):
            renamed: dict[str, Any] = {}
            for name, messages in errors.error_dict.items():
                typed = {"starts_at": "starts_local", "ends_at": "ends_local"}.get(name, name)
                if typed != name and typed in self.errors:
                    continue  # the form said it already
                renamed[typed] = messages
            errors = ValidationError(renamed)
        super()._update_errors(errors)  # type: ignore[misc]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _empty_texts(data)
        zone_name = data.get("time_zone")
        if zone_name:
            try:  # checked here, before the times are read in it (an unknown zone was a 500)
                validate_time_zone(zone_name)
            except ValidationError as error:
                self.add_error("time_zone", error)
                zone_name = None
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
    time_fields = {"starts_at": "starts_local", "ends_at": "ends_local"}

    starts_local = forms.DateTimeField(required=False, widget=_local_input())
    ends_local = forms.DateTimeField(required=False, widget=_local_input())

    class Meta:
        model = ProgrammeItem
        fields = ["kind", "parent", "order", "title_en", "title_fr", "title_es"]

    def __init__(self, *args: Any, event: Event | None = None, **kwargs: Any) -> None:
        if event is not None:
            self.event, self.zone_name = event, event.time_zone
        super().__init__(*args, **kwargs)
        zone = zoneinfo.ZoneInfo(self.zone_name)
        label = zone_label(self.zone_name)
        verbose = {"starts_at": _("starts at"), "ends_at": _("ends at")}
        for name, model_field in (("starts_local", "starts_at"), ("ends_local", "ends_at")):
            self.fields[name].label = f"{capfirst(verbose[model_field])} ({label})"
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
        _empty_texts(data)
        zone = zoneinfo.ZoneInfo(self.zone_name)
        starts, ends = data.get("starts_local"), data.get("ends_local")
        self.instance.starts_at = in_zone(starts, zone) if starts else None
        self.instance.ends_at = in_zone(ends, zone) if ends else None
        if starts and ends and self.instance.ends_at <= self.instance.starts_at:
            self.add_error("ends_local", _("The item must end after it starts."))
        return data


class ProgrammeEntryForm(ProgrammeItemForm):
    """The programme builder's form: order is set by moving items, not typed."""

    class Meta:
        model = ProgrammeItem
        fields = ["kind", "parent", "title_en", "title_fr", "title_es"]

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        self.fields["parent"].label = _("In the part")
        self.fields["parent"].empty_label = _("(at the top of the programme)")  # type: ignore[attr-defined]
        for code, name in LANGUAGE_NAMES.items():
            self.fields[f"title_{code}"].label = _("Title (%(language)s)") % {"language": name}
        self.fields["starts_local"].help_text = _("Within the event, in its own time zone.")

    def title_fields(self) -> list[forms.BoundField]:
        return [self[f"title_{code}"] for code in language_columns(self.event.language_order)]  # type: ignore[union-attr]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        affiliation = obj.affiliation or _("no affiliation recorded")
        return f"{obj.name} — {affiliation}"


class ContributionForm(forms.Form):
    """Credit a moderator or speaker found by full name (with affiliation), or a new person."""

    role = forms.ChoiceField(label=_("Role"), choices=Contribution.Role.choices)
    item = forms.ModelChoiceField(
        label=_("On"), queryset=ProgrammeItem.objects.none(), required=False
    )
    person = PersonChoiceField(
        label=_("Person found"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )
    new_name = forms.CharField(
        label=_("Or a new person: full name"), max_length=200, required=False
    )
    new_affiliation = forms.CharField(
        label=_("Affiliation of the new person"), max_length=400, required=False
    )

    def __init__(
        self, *args: Any, event: Event, found: list[Person] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        item_field = self.fields["item"]
        assert isinstance(item_field, forms.ModelChoiceField)
        item_field.queryset = ProgrammeItem.objects.filter(event=event)
        item_field.empty_label = str(_("the whole event"))
        person_field = self.fields["person"]
        assert isinstance(person_field, forms.ModelChoiceField)
        shown = [person.pk for person in found or []]
        posted = self.data.get(self.add_prefix("person")) if self.is_bound else None
        if posted and str(posted).isdigit():
            shown.append(int(posted))
        person_field.queryset = Person.objects.filter(pk__in=shown).order_by("name", "affiliation")


class DuplicateForm(forms.Form):
    slug = forms.SlugField(
        label=_("Address (slug) of the new event"), max_length=120, validators=[validate_event_slug]
    )
    starts_local = forms.DateTimeField(
        label=_("Starts (organiser's local time)"),
        widget=_local_input(),
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


class SeriesForm(StaffForm):
    class Meta:
        model = Series
        fields = ["slug", "title_en", "title_fr", "title_es", "description_en", "description_fr",
                  "description_es", "language_order", "sources"]  # fmt: skip


class PersonForm(StaffForm):
    """A speaker or moderator: the name as it is printed, and the affiliation that tells two
    people of the same name apart."""

    class Meta:
        model = Person
        formfield_callback = _https_by_default
        fields = ["name", "affiliation", "url", "is_organisation"]


class QuestionForm(StaffForm):
    """A question of an event's registration form (choices one per line, in each language)."""

    class Meta:
        model = RegistrationQuestion
        fields = ["kind", "order", "label_en", "label_fr", "label_es", "choices_en",
                  "choices_fr", "choices_es", "required"]  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == RegistrationQuestion.Kind.CHOICE and not any(
            lines(data.get(f"choices_{code}") or "") for code in LANGUAGE_CODES
        ):
            self.add_error("choices_en", _("A question with choices needs at least one choice."))
        if not any(data.get(f"label_{code}") for code in LANGUAGE_CODES):
            self.add_error("label_en", _("Write the question in at least one language."))
        return data
