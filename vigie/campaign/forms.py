"""Forms of the campaign's pages. The application's own fields carry the prefix ``app`` so that
they never meet the call's questions, whose field names are the survey question codes."""

import zoneinfo
from decimal import Decimal
from functools import cache
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vigie.campaign import rubric
from vigie.campaign.models import ActionKind, Application, Call, DisbursementMethod
from vigie.campaign.money import list_currencies
from vigie.campaign.services import ApplicationFields
from vigie.core.models import Country
from vigie.core.staff_forms import (
    StaffForm,
    date_input,
    datetime_input,
    refuse_end_before_start,
)
from vigie.network.queries import list_coverage_tones


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class StartForm(forms.Form):
    contact_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Email"))
    language = forms.ChoiceField(label=_("Language of our emails"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(
        label=_("Your time zone"), choices=time_zone_choices, initial="UTC"
    )


class ApplicationForm(forms.Form):
    prefix = "app"
    organisation_name = forms.CharField(
        label=_("Organisation (if any)"), required=False, max_length=200
    )
    publish_organisation = forms.BooleanField(
        label=_("Our organisation's name may be shown with the action on the public map"),
        required=False,
    )
    title = forms.CharField(label=_("Name of your activities"), required=False, max_length=200)
    plans = forms.CharField(
        label=_("Describe your plans (about 150 words)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    kind = forms.ChoiceField(label=_("Main kind of action"), required=False)
    contingency = forms.CharField(
        label=_("Contingency plan (2–3 sentences)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    city = forms.CharField(
        label=_("City"),
        required=False,
        help_text=_("A city of 15,000 inhabitants or more (the nearest one to your town)."),
        widget=forms.TextInput(attrs={"list": "campaign-cities", "autocomplete": "off"}),
    )
    currency = forms.ChoiceField(label=_("Currency"), required=False)
    amount_local = forms.DecimalField(
        label=_("Rough cost of your activities, in that currency"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = sorted(((c.iso2, c.name) for c in Country.objects.all()), key=lambda i: i[1])
        choices: dict[str, list[tuple[str, Any]]] = {
            "kind": [("", "—"), *ActionKind.choices],
            "country": [("", "—"), *countries],
            "currency": [(code, code) for code in list_currencies(call)],
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = options

    @staticmethod
    def initial_from(application: Application) -> dict[str, Any]:
        return {
            "organisation_name": application.organisation_name,
            "publish_organisation": application.publish_organisation,
            "title": application.title,
            "plans": application.plans,
            "kind": application.kind,
            "contingency": application.contingency,
            "country": application.country.iso2 if application.country else "",
            "city": application.city_name,
            "currency": application.currency,
            "amount_local": application.amount_local,
        }

    def application_fields(self) -> ApplicationFields:
        data = self.cleaned_data
        return ApplicationFields(
            organisation_name=data["organisation_name"],
            publish_organisation=data["publish_organisation"],
            title=data["title"],
            plans=data["plans"],
            kind=data["kind"],
            contingency=data["contingency"],
            country=data["country"],
            city=data["city"],
            currency=data["currency"],
            amount_local=data["amount_local"],
        )


class OfflineUploadForm(forms.Form):
    file = forms.FileField(label=_("The saved answers file (.json)"))


class ScoreForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes for staff"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scale = [(str(v), str(v)) for v in range(rubric.LOWEST, rubric.HIGHEST + 1)]
        for code, label in rubric.CRITERIA:
            self.fields[f"score_{code}"] = forms.TypedChoiceField(
                label=str(label), choices=scale, coerce=int, widget=forms.RadioSelect
            )

    def scores(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"score_{code}"] for code in rubric.CRITERION_CODES}


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Nature of the conflict of interest"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewersForm(forms.Form):
    def __init__(self, *args: Any, reviewers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first"] = forms.ModelChoiceField(label=_("First reviewer"), queryset=reviewers)
        self.fields["second"] = forms.ModelChoiceField(
            label=_("Second reviewer"), queryset=reviewers
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("decline", _("Decline"))]
    )
    amount_usd = forms.DecimalField(
        label=_("Amount awarded (USD)"), required=False, max_digits=12, decimal_places=2
    )
    reason = forms.CharField(
        label=_("Reason for declining"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


PHOTO_SLOTS = 3
COVERAGE_SLOTS = 3


class FeedbackForm(forms.Form):
    """The report after the Day, with a few photo and coverage slots (no script needed)."""

    narrative = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 6}))
    participants = forms.IntegerField(label=_("How many people took part?"), min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for slot in range(1, PHOTO_SLOTS + 1):
            self.fields[f"photo_{slot}"] = forms.FileField(
                label=_("Photo %(n)d") % {"n": slot}, required=False
            )
            self.fields[f"caption_{slot}"] = forms.CharField(
                label=_("Caption"), required=False, max_length=300
            )
            self.fields[f"consent_{slot}"] = forms.BooleanField(
                label=_("The people shown agreed that this photo is published"), required=False
            )
        for slot in range(1, COVERAGE_SLOTS + 1):
            self.fields[f"coverage_url_{slot}"] = forms.URLField(
                label=_("Media coverage %(n)d: link") % {"n": slot},
                required=False,
                assume_scheme="https",
            )
            self.fields[f"coverage_outlet_{slot}"] = forms.CharField(
                label=_("Media outlet"), required=False, max_length=200
            )
            self.fields[f"coverage_date_{slot}"] = forms.DateField(
                label=_("Published on (YYYY-MM-DD)"), required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for slot in range(1, COVERAGE_SLOTS + 1):
            given = [data.get(f"coverage_{part}_{slot}") for part in ("url", "outlet", "date")]
            if any(given) and not all(given):
                self.add_error(
                    f"coverage_url_{slot}", _("Give the link, the outlet and the date together.")
                )
        return data

    def photos(self) -> list[tuple[Any, str, bool]]:
        data = self.cleaned_data
        return [
            (data[f"photo_{slot}"], data[f"caption_{slot}"], data[f"consent_{slot}"])
            for slot in range(1, PHOTO_SLOTS + 1)
            if data.get(f"photo_{slot}")
        ]

    def coverage(self) -> list[tuple[str, str, Any]]:
        data = self.cleaned_data
        return [
            (
                data[f"coverage_url_{slot}"],
                data[f"coverage_outlet_{slot}"],
                data[f"coverage_date_{slot}"],
            )
            for slot in range(1, COVERAGE_SLOTS + 1)
            if data.get(f"coverage_url_{slot}")
        ]


class DisbursementForm(forms.Form):
    amount_usd = forms.DecimalField(label=_("Amount paid (USD)"), max_digits=12, decimal_places=2)
    paid_on = forms.DateField(label=_("Paid on (YYYY-MM-DD)"))
    method = forms.ChoiceField(label=_("Method"), choices=DisbursementMethod.choices)
    reference = forms.CharField(label=_("Reference"), required=False, max_length=100)


class CoverageToneForm(forms.Form):
    link = forms.IntegerField(widget=forms.HiddenInput)
    tone = forms.ChoiceField(label=_("Tone"), choices=list_coverage_tones)


class CallForm(StaffForm):
    """A yearly call: its phases, envelope and texts (the currency rates are kept with it)."""

    class Meta:
        model = Call
        fields = [
            "year", "programme", "title_en", "title_fr", "title_es", "introduction_en",
            "introduction_fr", "introduction_es", "questions_version_id", "opens_at", "closes_at",
            "assessment_starts_on", "assessment_ends_on", "notification_on",
            "disbursement_starts_on", "disbursement_ends_on", "day_on", "feedback_starts_on",
            "feedback_ends_on", "envelope_usd",
        ]  # fmt: skip
        widgets = {
            **dict.fromkeys(("opens_at", "closes_at"), datetime_input()),
            **dict.fromkeys(
                (
                    "assessment_starts_on", "assessment_ends_on", "notification_on",
                    "disbursement_starts_on", "disbursement_ends_on", "day_on",
                    "feedback_starts_on", "feedback_ends_on",
                ),
                date_input(),
            ),
        }  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        message = _("The deadline must come after submissions open.")
        refuse_end_before_start(self, "opens_at", "closes_at", message, same_allowed=False)
        return data
