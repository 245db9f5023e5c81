"""Editor forms: a new edition from a spec, and an indicator data upload."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.index.models import Edition


class EditionForm(forms.Form):
    slug = forms.SlugField(label=_("Short name (slug)"), max_length=80)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200, required=False)
    spec_toml = forms.CharField(
        label=_("Specification (TOML)"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("The framework tree, weights and methods; see the documentation."),
    )
    methodology_en = forms.CharField(
        label=_("Methodology (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def clean_slug(self) -> Any:
        slug = self.cleaned_data["slug"]
        if Edition.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("An edition with this short name exists."))
        return slug


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Indicator data (CSV)"),
        help_text=_("Columns unit_code, unit_name, then one column per indicator code."),
    )
