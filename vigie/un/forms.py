"""Staff forms: quick statement entry, roll-call paste, second coding."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country
from vigie.core.staff_forms import (
    StaffForm,
    date_input,
    https_by_default,
    refuse_end_before_start,
)
from vigie.un.models import (
    Coding,
    IssueTag,
    JointStatement,
    Meeting,
    Milestone,
    PositionCode,
    Session,
    SpeakerKind,
    Statement,
    Vote,
)
from vigie.un.names import NameMatcher
from vigie.un.services import record_joint_statement


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


class JointStatementForm(forms.Form):
    """A joint statement and its signatories pasted as a list; unknown names are fixed one by one.

    After a check, each name the matcher did not recognise gets its own country choice
    (``fix_0``, ``fix_1``…): the statement is saved only when every name has a country.
    """

    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.all())
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    code = forms.SlugField(
        label=_("Identifier"),
        max_length=80,
        help_text=_("Letters, digits and hyphens, e.g. CND68-JS-HARM-REDUCTION"),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    delivered_by = forms.ModelChoiceField(
        label=_("Delivered by"), queryset=Country.objects.order_by("name_en"), required=False
    )
    summary = forms.CharField(
        label=_("Summary (not verbatim)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    source_url = forms.URLField(label=_("Source address"), assume_scheme="https")
    stated_signatories = forms.IntegerField(
        label=_("Stated number of signatories"), min_value=1, max_value=250, required=False
    )
    signatories = forms.CharField(
        label=_("Signatories"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Paste the names as printed, separated by commas, semicolons or lines."),
    )

    def __init__(self, *args: Any, unmatched: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unmatched = unmatched or []
        countries = Country.objects.order_by("name_en")
        for number, name in enumerate(self.unmatched):
            self.fields[f"fix_{number}"] = forms.ModelChoiceField(
                label=_("Country for “%(name)s”") % {"name": name},
                queryset=countries,
                required=False,
            )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].upper()
        if JointStatement.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A joint statement with this identifier exists."))
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        session, date = data.get("session"), data.get("date")
        if (
            session is not None
            and date is not None
            and not session.start_date <= date <= session.end_date
        ):
            self.add_error(
                "date",
                _("The date must fall within the session (%(start)s to %(end)s).")
                % {"start": session.start_date, "end": session.end_date},
            )
        return data

    def fixes(self) -> dict[str, Country]:
        """The countries staff chose for names the matcher did not recognise."""
        chosen: dict[str, Country] = {}
        for number, name in enumerate(self.unmatched):
            country = self.cleaned_data.get(f"fix_{number}")
            if country is not None:
                chosen[name] = country
        return chosen

    def record(self, *, actor: Any) -> JointStatement:
        """Save the statement and its signatories through the service (the page and the API)."""
        data = self.cleaned_data
        return record_joint_statement(
            session=data["session"],
            date=data["date"],
            code=data["code"],
            title=data["title"],
            summary=data["summary"],
            source_url=data["source_url"],
            signatories=data["signatories"],
            fixes=self.fixes(),
            delivered_by=data["delivered_by"],
            stated_signatories=data["stated_signatories"],
            actor=actor,
        )

    def fix_fields(self) -> list[forms.BoundField]:
        return [self[f"fix_{number}"] for number in range(len(self.unmatched))]


# Create and change pages of the tracker's records (vigie.core.staff_forms): the same fields the
# admin had, with dates typed as dates and the coding scheme kept to its own pages.

_DATE = date_input()


class SessionForm(StaffForm):
    class Meta:
        model = Session
        formfield_callback = https_by_default
        fields = [
            "forum", "label", "number", "start_date", "end_date", "place", "membership_known",
            "members", "sources",
        ]  # fmt: skip
        widgets = {"start_date": _DATE, "end_date": _DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        message = _("The session must end on or after its first day.")
        refuse_end_before_start(self, "start_date", "end_date", message)
        return data


class MeetingForm(StaffForm):
    class Meta:
        model = Meeting
        fields = ["session", "date", "agenda_item"]
        widgets = {"date": _DATE}


class VoteForm(StaffForm):
    class Meta:
        model = Vote
        formfield_callback = https_by_default
        fields = [
            "code", "session", "date", "date_is_approximate", "kind", "scope", "draft_symbol",
            "adopted_symbol", "title_en", "title_fr", "title_es", "requested_by", "stated_yes",
            "stated_no", "stated_abstain", "notes_en", "notes_fr", "notes_es", "sources",
        ]  # fmt: skip
        widgets = {"date": _DATE}


class StatementRecordForm(StaffForm):
    class Meta:
        model = Statement
        formfield_callback = https_by_default
        fields = [
            "meeting", "speaker_kind", "country", "speaker_name", "on_behalf_of", "language",
            "summary", "source_url", "video_url", "sources",
        ]  # fmt: skip


class CodingForm(StaffForm):
    class Meta:
        model = Coding
        fields = ["statement", "joint_statement", "position", "tags", "evidence"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("statement")) == bool(data.get("joint_statement")):
            raise forms.ValidationError(
                _("Code either one statement or one joint statement, not both nor neither.")
            )
        return data


class JointStatementRecordForm(StaffForm):
    class Meta:
        model = JointStatement
        fields = [
            "session", "date", "code", "title", "delivered_by", "summary", "stated_signatories",
            "stated_signatories_max", "notes", "conflicts_with", "sources",
        ]  # fmt: skip
        widgets = {"date": _DATE}


class MilestoneForm(StaffForm):
    """The judgement (is it the mechanism, and why) has its own page, which keeps its history."""

    class Meta:
        model = Milestone
        fields = [
            "code", "date", "date_is_approximate", "body", "symbol", "title", "summary", "sources",
        ]  # fmt: skip
        widgets = {"date": _DATE}
