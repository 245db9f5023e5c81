"""Forms of the member space and the review queue: errors at the field, what was typed kept."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.atlas import queries as atlas_queries


class CorrectionProposalForm(forms.Form):
    """What a member proposes: for an existing entry, which field, what is wrong, the new text
    or value and a source (an address or a citation, at least one)."""

    field = forms.ChoiceField(label=_("What should be corrected?"))
    problem = forms.CharField(
        label=_("What is wrong or missing?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    proposed_value = forms.CharField(
        label=_("The text or value you propose"),
        help_text=_("Dates as YYYY-MM-DD."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    source_url = forms.URLField(
        label=_("Source: web address"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("The law, ruling or report that shows it; or give a citation below."),
    )
    source_citation = forms.CharField(
        label=_("Source: citation"),
        required=False,
        max_length=500,
        help_text=_("For a source that is not online: title, publisher, date, page."),
    )

    def __init__(self, *args: Any, new_measure: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if new_measure:
            del self.fields["field"]
            self.fields["problem"].label = _("What measure is missing?")
            self.fields["proposed_value"].label = _("The measure as you would describe it")
            self.fields["proposed_value"].help_text = _(
                "Its kind, its status, the dates of adoption and entry into force."
            )
        else:
            cast(forms.ChoiceField, self.fields["field"]).choices = [
                ("", "—"),
                *atlas_queries.list_correctable_fields(),
            ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            "source_url" not in self.errors
            and not cleaned.get("source_url")
            and not cleaned.get("source_citation", "").strip()
        ):
            self.add_error("source_url", _("Give a source: a web address or a citation."))
        return cleaned


class ApplyCorrectionForm(forms.Form):
    """How the editor applies a correction: the value as it will be written (the member's, or
    reworded) and the source's address."""

    value = forms.CharField(
        label=_("Value to write"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    source_url = forms.URLField(
        label=_("Source address"), required=False, max_length=1000, assume_scheme="https"
    )


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApplyNewMeasureForm(forms.Form):
    """How the editor records a proposed measure: what the atlas needs of a new entry, worded
    from the member's description, with the source's address."""

    code = forms.SlugField(
        label=_("Code of the new measure"),
        max_length=80,
        help_text=_("Country code, year and a word, e.g. sn-2024-possession."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"))
    status = forms.ChoiceField(label=_("Status"))
    substance_scope = forms.ChoiceField(label=_("Substances"))
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=_date_input())
    in_force_on = forms.DateField(label=_("In force from"), required=False, widget=_date_input())
    summary = forms.CharField(
        label=_("Summary"),
        help_text=_("In the language the member wrote in."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    source_url = forms.URLField(
        label=_("Source address"), required=False, max_length=1000, assume_scheme="https"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in atlas_queries.list_new_measure_choices().items():
            cast(forms.ChoiceField, self.fields[name]).choices = [("", "—"), *choices]


class DeclineCorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it declined?"),
        help_text=_("Shown to the member and sent to them."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
