"""Forms of the course pages: the learner's forms, and the staff editor whose translated fields
are laid out with their English, French and Spanish versions side by side."""

from typing import Any

from django import forms
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from vigie.core.i18n import language_codes
from vigie.core.models import Country
from vigie.events import queries as events_queries
from vigie.learning.models import (
    Cohort,
    Course,
    Lesson,
    LessonMaterial,
    Module,
    QuizOption,
    QuizQuestion,
)


class EnrolForm(forms.Form):
    """Enrolment without an account: a personal link is emailed to the address."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Email"))
    country = forms.ModelChoiceField(
        label=_("Country (optional)"), queryset=Country.objects.all(), required=False
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False
    )


class AccountEnrolForm(forms.Form):
    country = forms.ModelChoiceField(
        label=_("Country (optional)"), queryset=Country.objects.all(), required=False
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False
    )


class LinkRequestForm(forms.Form):
    email = forms.EmailField(label=_("Email"))


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Certificate code"), max_length=40)


class ImportCodeForm(forms.Form):
    code = forms.CharField(label=_("Completion code"), widget=forms.Textarea(attrs={"rows": 3}))


def translated_names(base: tuple[str, ...]) -> list[str]:
    return [build_localized_fieldname(name, code) for name in base for code in language_codes()]


class SideBySideForm(forms.ModelForm):
    """A model form whose translated fields are grouped by field, one column per language."""

    translated: tuple[str, ...] = ()

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "label": self._meta.model._meta.get_field(name).verbose_name,
                "fields": [
                    self[build_localized_fieldname(name, code)] for code in language_codes()
                ],
            }
            for name in self.translated
        ]

    def other_fields(self) -> list[forms.BoundField]:
        names = set(translated_names(self.translated))
        return [self[name] for name in self.fields if name not in names]


def _meta(model: type[Model], translated: tuple[str, ...], plain: tuple[str, ...]) -> type:
    return type("Meta", (), {"model": model, "fields": [*translated_names(translated), *plain]})


class CourseForm(SideBySideForm):
    translated = ("title", "summary")
    Meta = _meta(Course, translated, ("slug", "sources"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(build_localized_fieldname("title", c)) for c in language_codes()):
            self.add_error("title_en", _("Give the course a title in at least one language."))
        return data


class ModuleForm(SideBySideForm):
    translated = ("title",)
    Meta = _meta(Module, translated, ("position", "pass_mark", "webinar_event"))

    def clean_webinar_event(self) -> str:
        slug = self.cleaned_data["webinar_event"]
        if slug and events_queries.get_event_summary(slug) is None:
            raise forms.ValidationError(_("No published event has this address."))
        return slug

    def clean_pass_mark(self) -> int:
        value = self.cleaned_data["pass_mark"]
        if not 0 <= value <= 100:
            raise forms.ValidationError(_("A pass mark is a percentage, from 0 to 100."))
        return value


class LessonForm(SideBySideForm):
    translated = ("title", "body", "transcript")
    Meta = _meta(Lesson, translated, ("position", "video_url", "sources", "draft_for_review"))


class QuizQuestionForm(SideBySideForm):
    translated = ("prompt", "accepted_answers", "feedback")
    Meta = _meta(QuizQuestion, translated, ("position", "kind"))


class QuizOptionForm(SideBySideForm):
    translated = ("text", "feedback")
    Meta = _meta(QuizOption, translated, ("position", "is_correct"))


QuizOptionFormSet = forms.inlineformset_factory(
    QuizQuestion, QuizOption, form=QuizOptionForm, extra=3, can_delete=True
)


class LessonMaterialForm(forms.ModelForm):
    class Meta:
        model = LessonMaterial
        fields = ["title", "language", "file"]


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "starts_on"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"})}
