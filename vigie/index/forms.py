from django import forms
from django.utils.translation import gettext_lazy as _


class EditionForm(forms.Form):
    family = forms.SlugField(
        label=_("Family"), help_text=_("Short name shared by all versions, e.g. gdpi.")
    )
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200, required=False)
    description_en = forms.CharField(
        label=_("Methodology (English)"), widget=forms.Textarea, required=False
    )
    spec_file = forms.FileField(label=_("Specification (TOML)"))


class UploadForm(forms.Form):
    data_file = forms.FileField(label=_("Indicator data (CSV)"))
