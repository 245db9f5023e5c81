"""Staff forms: quick statement entry, roll-call paste, second coding."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country
from vigie.un.models import IssueTag, PositionCode, Session, SpeakerKind
from vigie.un.names import NameMatcher


class StatementForm(forms.Form):
    country = forms.CharField(
        label=_("Country"),
        required=False,
        help_text=_("Type a few letters and pick from the list; UN names and short names work."),
        widget=forms.TextInput(attrs={"list": "country-names", "autocomplete": "off"}),
    )
    speaker_kind = forms.ChoiceField(label=_("Speaker kind"), choices=SpeakerKind.choices)
    speaker_name = forms.CharField(
        label=_("Speaker (group, UN entity or NGO)"), required=False, max_length=200
    )
    on_behalf_of = forms.CharField(label=_("On behalf of"), required=False, max_length=200)
    summary = forms.CharField(
        label=_("Summary (not verbatim)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ctrl+Enter saves from a text box; Enter saves from any other field."),
    )
    position = forms.ModelChoiceField(
        label=_("Position code"), queryset=PositionCode.objects.all(), required=False
    )
    evidence = forms.CharField(
        label=_("Quoted evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("Issues"),
        queryset=IssueTag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.all())
    date = forms.DateField(
        label=_("Date"), help_text=_("YYYY-MM-DD"), widget=forms.TextInput(attrs={"size": 10})
    )
    agenda_item = forms.CharField(label=_("Agenda item"), max_length=300)
    language = forms.CharField(label=_("Language spoken"), required=False, max_length=10)
    source_url = forms.URLField(label=_("Source address"), max_length=1000, assume_scheme="https")
    video_url = forms.URLField(
        label=_("Video address"), required=False, max_length=1000, assume_scheme="https"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.country_obj: Country | None = None

    def clean_country(self) -> str:
        name = str(self.cleaned_data.get("country") or "").strip()
        if name:
            self.country_obj = NameMatcher().match(name)
            if self.country_obj is None:
                raise forms.ValidationError(
                    _("“%(name)s” matches no country."), params={"name": name}
                )
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("speaker_kind")
        needs_country = kind in (SpeakerKind.STATE, SpeakerKind.OBSERVER)
        if needs_country and not data.get("country") and "country" not in self.errors:
            self.add_error("country", _("A statement by a state needs the country."))
        if data.get("position") and not str(data.get("evidence") or "").strip():
            self.add_error("evidence", _("A position code needs the quoted passage."))
        return data


class RollCallForm(forms.Form):
    yes = forms.CharField(
        label=_("In favour"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Paste the names as printed, separated by commas, semicolons or lines."),
    )
    no = forms.CharField(
        label=_("Against"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    abstain = forms.CharField(
        label=_("Abstaining"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    position = forms.ModelChoiceField(label=_("Your code"), queryset=PositionCode.objects.all())
    note = forms.CharField(
        label=_("Why you dispute the code"), required=False, widget=forms.TextInput()
    )


class JudgementForm(forms.Form):
    """Staff's judgement of whether a milestone is the dedicated human-rights mechanism."""

    is_dedicated_mechanism = forms.TypedChoiceField(
        label=_(
            "Is this the dedicated UN mechanism reporting on the human-rights impact of drug "
            "policies?"
        ),
        choices=[("no", _("No, not (yet)")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reasoning = forms.CharField(
        label=_("Reasoning"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("Why it is, or is not yet, the mechanism; shown on the public pages."),
    )
