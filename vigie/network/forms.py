"""Forms members and staff fill in on network pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.network.models import Organisation


class OrganisationProfileForm(forms.ModelForm):
    """What a member may change about their own organisation (not its status or dates)."""

    class Meta:
        model = Organisation
        fields = [
            "website",
            "focus_areas",
            "languages",
            "countries",
            "summary_en",
            "summary_fr",
            "summary_es",
            "annual_budget_band",
        ]
        widgets = {"countries": forms.SelectMultiple(attrs={"size": 8})}


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=_("Receipt code"), max_length=40)
