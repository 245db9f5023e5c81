from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.core.staff_forms import StaffForm
from vigie.strategy.models import Activity


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start of the period must come before its end."))
        return data


class ActivityForm(StaffForm):
    """A cell of the pillar × priority matrix: what one pillar plans for one priority."""

    class Meta:
        model = Activity
        fields = ["objective", "pillar", "text_en", "text_fr", "text_es"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        objective, pillar = data.get("objective"), data.get("pillar")
        if objective and pillar and objective.plan_id != pillar.plan_id:
            self.add_error("pillar", _("Choose a pillar of the same plan as the priority."))
        return data
