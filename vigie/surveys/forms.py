"""The answer form, built from a survey version's questions in the reader's language."""

from typing import Any

from django import forms
from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _

from vigie.core.i18n import side_by_side_labels
from vigie.core.models import Country
from vigie.core.staff_forms import StaffForm
from vigie.surveys.models import (
    CHOICE_KINDS,
    QuestionKind,
    Round,
    Survey,
    SurveyQuestion,
    SurveyVersion,
)
from vigie.surveys.services import create_round


def _field(question: SurveyQuestion) -> forms.Field:
    label = question.text
    choices = [(c.code, c.label) for c in question.choices.all()]
    common: dict[str, Any] = {"label": label, "required": False}
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.NUMBER:
        return forms.IntegerField(
            min_value=question.min_value, max_value=question.max_value, **common
        )
    if question.kind == QuestionKind.COUNTRY:
        countries = [(c.iso2, c.name) for c in Country.objects.all()]
        return forms.ChoiceField(
            choices=[("", "—"), *sorted(countries, key=lambda item: item[1])], **common
        )
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)


class AnswerForm(forms.Form):
    def __init__(self, *args: Any, questions: list[SurveyQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            field = _field(question)
            field.widget.attrs["data-question"] = question.code
            self.fields[question.code] = field

    def answers(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class SurveyRoundForm(forms.ModelForm):
    """A new round of a survey version (it starts as a draft)."""

    class Meta:
        model = Round
        fields = ["version", "name", "opens_on", "closes_on"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The round must close on or after the day it opens."))
        version, name = data.get("version"), data.get("name")
        if version and name and Round.objects.filter(version=version, name=name).exists():
            self.add_error("name", _("This version already has a round with this name."))
        return data

    def validate_unique(self) -> None:
        """Checked in ``clean`` with a message at the field."""

    def create(self, *, actor: Any) -> Round:
        """The new round, in draft, saved by the service (the staff page and the API)."""
        data = self.cleaned_data
        return create_round(
            version_id=data["version"].pk,
            name=data["name"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            actor=actor,
        )


CHOICES_HELP = _("One choice a line: code | English | Français | Español")


class SurveyQuestionForm(forms.ModelForm):
    """One question of a survey version: its text in the three languages side by side, its skip
    logic (shown only if an earlier question got one of some answers) and its choices."""

    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=CHOICES_HELP,
    )

    class Meta:
        model = SurveyQuestion
        fields = [
            "code",
            "position",
            "kind",
            "text_en",
            "text_fr",
            "text_es",
            "required",
            "show_if",
            "show_if_values",
            "min_value",
            "max_value",
        ]
        labels = side_by_side_labels("text")
        widgets = {
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "text_fr": forms.Textarea(attrs={"rows": 3}),
            "text_es": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, version: SurveyVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.version = version
        for name in ("text_en", "text_fr", "text_es"):
            self.fields[name].required = True
        others = version.questions.exclude(pk=self.instance.pk).filter(kind__in=CHOICE_KINDS)
        self.fields["show_if"].queryset = others  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["choices"] = "\n".join(
                f"{c.code} | {c.label_en} | {c.label_fr} | {c.label_es}"
                for c in self.instance.choices.all()
            )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        taken = self.instance.version.questions.exclude(pk=self.instance.pk).filter(code=code)
        if taken.exists():
            raise forms.ValidationError(_("Another question of this version has this code."))
        return code

    def clean_choices(self) -> list[dict[str, str]]:
        rows: list[dict[str, str]] = []
        seen: set[str] = set()
        for number, line in enumerate(self.cleaned_data["choices"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 4 or not all(parts):
                raise forms.ValidationError(
                    _("Line %(line)d: give a code and the label in English, French and Spanish.")
                    % {"line": number}
                )
            code = parts[0]
            if not slug_re.match(code) or code in seen:
                raise forms.ValidationError(
                    _("Line %(line)d: “%(code)s” is not a new code (letters, digits, - or _).")
                    % {"line": number, "code": code}
                )
            seen.add(code)
            rows.append(
                {"code": code, "label_en": parts[1], "label_fr": parts[2], "label_es": parts[3]}
            )
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, choices = data.get("kind"), data.get("choices") or []
        if kind in CHOICE_KINDS and "choices" not in self.errors and len(choices) < 2:
            self.add_error("choices", _("A choice question needs at least two choices."))
        parent, values = data.get("show_if"), data.get("show_if_values", "")
        if parent is not None:
            wanted = {value.strip() for value in values.split(",") if value.strip()}
            codes = set(parent.choices.values_list("code", flat=True))
            if not wanted:
                self.add_error("show_if_values", _("Name the answers that show this question."))
            elif not wanted <= codes:
                self.add_error(
                    "show_if_values",
                    _("These are not choices of that question: %(codes)s.")
                    % {"codes": ", ".join(sorted(wanted - codes))},
                )
            position = data.get("position")
            if position is not None and parent.position >= position:
                self.add_error("show_if", _("The question it depends on must come before it."))
        elif values:
            self.add_error("show_if", _("Choose the question these answers belong to."))
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("The maximum must not be below the minimum."))
        return data


class SurveyForm(StaffForm):
    """A survey: its address and its title and description in the three languages (its questions
    are versions of their own, made on the surveys' staff page)."""

    class Meta:
        model = Survey
        fields = ["slug", "title_en", "title_fr", "title_es", "description_en", "description_fr",
                  "description_es"]  # fmt: skip
