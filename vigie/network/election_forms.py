"""Forms staff fill in to run a council election (and the admin's, which uses the same one)."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.core.i18n import side_by_side_labels
from vigie.network.models import Candidate, Election, MembershipStatus, Organisation

DATE = forms.DateInput(attrs={"type": "date"})


class ElectionForm(forms.ModelForm):
    """An election, with its eligibility rules as checkboxes of membership statuses."""

    voter_statuses = forms.MultipleChoiceField(
        label=_("membership statuses that may vote"),
        choices=MembershipStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one membership status.")},
    )
    candidate_statuses = forms.MultipleChoiceField(
        label=_("membership statuses that may stand"),
        choices=MembershipStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one membership status.")},
    )

    class Meta:
        model = Election
        fields = [
            "title",
            "seats",
            "opens_on",
            "closes_on",
            "term_starts_on",
            "term_ends_on",
            "voter_statuses",
            "candidate_statuses",
        ]
        widgets = {
            "opens_on": DATE,
            "closes_on": DATE,
            "term_starts_on": DATE,
            "term_ends_on": DATE,
        }

    def clean_seats(self) -> int:
        seats: int = self.cleaned_data["seats"]
        if seats < 1:
            raise forms.ValidationError(_("An election has at least one seat."))
        return seats

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pairs = (("opens_on", "closes_on"), ("term_starts_on", "term_ends_on"))
        for start, end in pairs:
            first: datetime.date | None = data.get(start)
            last: datetime.date | None = data.get(end)
            if first and last and last < first:
                self.add_error(end, _("This date must not be before the start date."))
        return data

    def validate_constraints(self, exclude: Any = None) -> None:
        """The dates' order is checked in ``clean``, with a message at the field."""


class CandidateForm(forms.ModelForm):
    """A candidate of an election: only an organisation that may stand is accepted."""

    class Meta:
        model = Candidate
        fields = ["name", "organisation", "statement_en", "statement_fr", "statement_es"]
        labels = side_by_side_labels("statement")
        widgets = {
            "statement_en": forms.Textarea(attrs={"rows": 4}),
            "statement_fr": forms.Textarea(attrs={"rows": 4}),
            "statement_es": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, election: Election, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.election = election
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["statement_en"].required = True
