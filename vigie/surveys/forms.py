"""The answer form, built from a survey version's questions in the reader's language."""

from typing import Any

from django import forms

from vigie.core.models import Country
from vigie.surveys.models import QuestionKind, SurveyQuestion


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
