"""Staff forms: a publication with its three languages side by side, and its dissemination plan."""

from typing import Any, cast

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country
from vigie.library.models import LANGUAGES, Channel, Publication
from vigie.library.services import check_pdf
from vigie.network import queries as network_queries
from vigie.strategy import queries as strategy_queries

LANGUAGE_FIELDS = ("title", "summary")


def https_by_default(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Form fields of the model, addresses typed without a scheme read as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class PublicationForm(forms.ModelForm):
    priorities = forms.TypedMultipleChoiceField(
        label=_("Strategic priorities served"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    pillars = forms.TypedMultipleChoiceField(
        label=_("Pillars of work served"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.order_by("name"),
        to_field_name="iso2",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Publication
        formfield_callback = https_by_default
        fields = [
            "slug",
            "kind",
            "published_on",
            "authors",
            "publisher",
            "url",
            "doi",
            "is_key",
            *(f"{name}_{code}" for code, _label in LANGUAGES for name in LANGUAGE_FIELDS),
        ]
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}),
            "authors": forms.Textarea(attrs={"rows": 3}),
            **{f"summary_{code}": forms.Textarea(attrs={"rows": 6}) for code, _label in LANGUAGES},
        }
        help_texts = {
            "authors": _(
                "One author a line: “Family, Given” for a person, the name of an organisation as it is."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        priorities, pillars = strategy_queries.list_strategy_choices()
        cast(forms.ChoiceField, self.fields["priorities"]).choices = [
            (n, f"{n}. {label}") for n, label in priorities
        ]
        cast(forms.ChoiceField, self.fields["pillars"]).choices = [
            (n, f"{n}. {label}") for n, label in pillars
        ]
        for code, _label in LANGUAGES:
            self.fields[f"file_{code}"] = forms.FileField(
                label=_("PDF"), required=False, validators=[check_pdf]
            )
            self.fields[f"remove_file_{code}"] = forms.BooleanField(
                label=_("Remove the file"), required=False
            )
        if self.instance.pk:
            links = list(self.instance.strategy_links.all())
            self.initial["priorities"] = [link.number for link in links if link.kind == "priority"]
            self.initial["pillars"] = [link.number for link in links if link.kind == "pillar"]
            self.initial["countries"] = list(self.instance.countries.all())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"title_{code}") for code, _label in LANGUAGES):
            raise forms.ValidationError(_("Give the title in at least one language."))
        return data

    def common_fields(self) -> list[forms.BoundField]:
        names = ("slug", "kind", "published_on", "authors", "publisher", "url", "doi", "is_key")
        return [self[name] for name in (*names, "priorities", "pillars", "countries")]

    def language_columns(self) -> list[dict[str, Any]]:
        return [
            {
                "code": code,
                "label": label,
                "fields": [self[f"{name}_{code}"] for name in LANGUAGE_FIELDS],
                "file": self[f"file_{code}"],
                "remove": self[f"remove_file_{code}"],
            }
            for code, label in LANGUAGES
        ]

    def uploads(self) -> dict[str, Any]:
        return {
            code: self.cleaned_data.get(f"file_{code}")
            for code, _label in LANGUAGES
            if self.cleaned_data.get(f"file_{code}")
        }

    def removed_languages(self) -> list[str]:
        return [code for code, _label in LANGUAGES if self.cleaned_data.get(f"remove_file_{code}")]


class DisseminationPlanForm(forms.Form):
    audiences = forms.CharField(
        label=_("Audiences"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    journalists = forms.TypedMultipleChoiceField(
        label=_("Media contacts (journalists database)"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    coverage = forms.TypedMultipleChoiceField(
        label=_("Outcomes (coverage log)"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ChoiceField, self.fields["journalists"]
        ).choices = network_queries.list_journalist_choices()
        cast(
            forms.ChoiceField, self.fields["coverage"]
        ).choices = network_queries.list_coverage_choices()


class DisseminationStepForm(forms.Form):
    planned_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    audience = forms.CharField(label=_("Audience"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), max_length=400, required=False)
