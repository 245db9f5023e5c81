"""Staff forms: one measure, and a CSV file to import."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.atlas.models import PolicyMeasure
from vigie.atlas.services import (
    DATE_FIELDS,
    EDITED_FIELDS,
    MeasureError,
    check_dates,
    resolve_jurisdiction,
    save_measure,
    snapshot_measure,
)


class PolicyMeasureForm(forms.ModelForm):
    jurisdiction = forms.CharField(
        label=_("Jurisdiction code"),
        help_text=_("ISO 3166-1 alpha-2 (PT) or ISO 3166-2 (US-OR)."),
        max_length=10,
    )
    source_urls = forms.CharField(
        label=_("Sources"),
        help_text=_("One web address per line; at least one."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = PolicyMeasure
        fields = ["code", "title", *EDITED_FIELDS]
        widgets = {name: forms.DateInput(attrs={"type": "date"}) for name in DATE_FIELDS}

    def clean_jurisdiction(self) -> str:
        code = str(self.cleaned_data["jurisdiction"]).strip().upper()
        try:
            resolve_jurisdiction(code)
        except MeasureError as error:
            raise forms.ValidationError(str(error)) from None
        return code

    def clean_source_urls(self) -> list[str]:
        urls = [line.strip() for line in self.cleaned_data["source_urls"].splitlines()]
        urls = [url for url in urls if url]
        validator = forms.URLField(assume_scheme="https")
        for url in urls:
            validator.clean(url)
        if not urls:
            raise forms.ValidationError(_("At least one source is required."))
        return sorted(set(urls))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            check_dates(cleaned)
        except MeasureError as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned

    @staticmethod
    def initial_for(measure: PolicyMeasure | None, jurisdiction: str = "") -> dict[str, Any]:
        """What the form shows before anyone types: a measure's jurisdiction and sources."""
        if measure is None:
            return {"jurisdiction": jurisdiction.strip().upper()}
        return {
            "jurisdiction": measure.jurisdiction_code,
            "source_urls": "\n".join(s.url for s in measure.sources.all()),
        }

    def record(self, *, actor: Any) -> PolicyMeasure:
        """Save the measure through the service, which versions it (the page and the API)."""
        measure = self.instance if self.instance.pk else None
        data = {**snapshot_measure(measure)} if measure else {}
        data.pop("assessments", None)
        for name, value in self.cleaned_data.items():
            data[name] = value
        data["reverses"] = (
            self.cleaned_data["reverses"].code if self.cleaned_data["reverses"] else ""
        )
        data["sources"] = self.cleaned_data["source_urls"]
        saved, _outcome = save_measure(code=self.cleaned_data["code"], data=data, actor=actor)
        return saved

    def validate_unique(self) -> None:
        """Codes are matched by the service (create or update), not rejected as duplicates."""


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Measures CSV file"))
