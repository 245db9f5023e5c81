"""Forms members and staff fill in on network pages."""

import datetime
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.core.staff_forms import (
    StaffForm,
    date_input,
    https_by_default,
    refuse_end_before_start,
)
from vigie.network.models import (
    CheckIn,
    ConsentPurpose,
    Contact,
    Coverage,
    Funder,
    Grant,
    Interaction,
    Journalist,
    MembershipStatus,
    MentoringPair,
    Organisation,
    Outlet,
    Tone,
)


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


class OrganisationStaffForm(OrganisationProfileForm):
    """What the secretariat may change besides the profile: name, type, place and private notes
    (membership status has its own page, which keeps its history)."""

    class Meta(OrganisationProfileForm.Meta):
        fields = [
            "name",
            "org_type",
            "headquarters",
            "region",
            *OrganisationProfileForm.Meta.fields,
            "private_notes",
        ]


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=_("Receipt code"), max_length=40)


# Staff forms (editors): each is validated here and saved by a service of ``services.py``. -------


def _not_in_future(value: datetime.date | None) -> None:
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def current_members() -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        status=MembershipStatus.MEMBER, archived_at__isnull=True
    ).order_by("name")


class OrganisationCreateForm(forms.ModelForm):
    """A new organisation of the network, as the secretariat records an application."""

    class Meta:
        model = Organisation
        fields = [
            "name",
            "slug",
            "org_type",
            "headquarters",
            "region",
            "status",
            "applied_on",
            "admitted_on",
            "website",
            "focus_areas",
            "languages",
        ]
        widgets = {"applied_on": _date_input(), "admitted_on": _date_input()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        applied, admitted = data.get("applied_on"), data.get("admitted_on")
        if data.get("status") == MembershipStatus.MEMBER and admitted is None:
            self.add_error("admitted_on", _("A member organisation needs its admission date."))
        if applied and admitted and admitted < applied:
            self.add_error("admitted_on", _("The organisation was admitted before it applied."))
        return data


class MembershipStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New membership status"), choices=MembershipStatus.choices)
    on = forms.DateField(
        label=_("Date of the change"), widget=_date_input(), validators=[_not_in_future]
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_status(self) -> str:
        status: str = self.cleaned_data["status"]
        if status == self.organisation.status:
            raise forms.ValidationError(
                _("The membership is already “%(status)s”.")
                % {"status": self.organisation.get_status_display()}
            )
        return status

    def clean_on(self) -> datetime.date:
        on: datetime.date = self.cleaned_data["on"]
        if on < self.organisation.applied_on:
            raise forms.ValidationError(
                _("The organisation applied on %(date)s: the change cannot come before.")
                % {"date": self.organisation.applied_on}
            )
        return on


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "organisation", "email", "phone", "role_title"]
        labels = {"organisation": _("Organisation")}


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    granted = forms.TypedChoiceField(
        label=_("Consent"),
        choices=[("yes", _("Given")), ("no", _("Withdrawn"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    recorded_on = forms.DateField(
        label=_("Date"), widget=_date_input(), validators=[_not_in_future]
    )
    wording = forms.CharField(
        label=_("Wording agreed to"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The words the person agreed to, or how they withdrew."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("granted") and not data.get("wording", "").strip():
            self.add_error("wording", _("Record the wording the person agreed to."))
        return data


class PastDatesForm(forms.ModelForm):
    """A model form whose ``past_dates`` fields refuse a date in the future."""

    past_dates: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.past_dates:
            self.fields[name].validators.append(_not_in_future)


class JournalistForm(forms.ModelForm):
    class Meta:
        model = Journalist
        fields = ["name", "outlet", "country", "languages", "beats", "email", "stance_notes"]
        labels = {"outlet": _("Outlet"), "country": _("Country")}


class InteractionForm(PastDatesForm):
    past_dates = ("happened_on",)

    class Meta:
        model = Interaction
        fields = ["journalist", "kind", "happened_on", "notes"]
        labels = {"journalist": _("Journalist")}
        widgets = {"happened_on": _date_input(), "notes": forms.Textarea(attrs={"rows": 3})}


class CoverageForm(forms.Form):
    """Log a piece of coverage in one step from its address."""

    url = forms.URLField(label=_("Address of the article"), assume_scheme="https")
    outlet = forms.CharField(
        label=_("Outlet"),
        max_length=200,
        required=False,
        help_text=_("Left empty, the outlet whose website matches the address is used."),
        widget=forms.TextInput(attrs={"list": "outlet-names", "autocomplete": "off"}),
    )
    published_on = forms.DateField(
        label=_("Published on"), widget=_date_input(), validators=[_not_in_future]
    )
    tone = forms.ChoiceField(label=_("Tone"), choices=Tone.choices)
    journalist = forms.ModelChoiceField(
        label=_("Journalist"), queryset=Journalist.objects.all(), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        url = data.get("url")
        if not url:
            return data
        outlet = data.get("outlet", "").strip()
        if not outlet:
            host = (urlsplit(url).hostname or "").removeprefix("www.")
            known = [
                candidate
                for candidate in Outlet.objects.exclude(website="")
                if (urlsplit(candidate.website).hostname or "").removeprefix("www.") == host
            ]
            if len(known) != 1:
                self.add_error(
                    "outlet", _("No known outlet has this website: name the media outlet.")
                )
                return data
            outlet = known[0].name
        data["outlet"] = outlet
        if Coverage.objects.filter(url=url, outlet__name=outlet).exists():
            self.add_error("url", _("This article is already in the coverage list."))
        return data


class FunderForm(PastDatesForm):
    past_dates = ("first_seen_on",)

    class Meta:
        model = Funder
        fields = ["name", "kind", "first_seen_on", "in_baseline"]
        widgets = {"first_seen_on": _date_input()}


class GrantForm(forms.ModelForm):
    class Meta:
        model = Grant
        fields = ["funder", "organisation", "programme", "kind", "size_band", "started_on", "notes"]
        labels = {"funder": _("Funder"), "organisation": _("Organisation funded")}
        widgets = {"started_on": _date_input(), "notes": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("organisation") and not data.get("programme", "").strip():
            self.add_error(
                "organisation", _("Choose the organisation funded, or name the programme.")
            )
        return data


class MentoringPairForm(forms.ModelForm):
    class Meta:
        model = MentoringPair
        fields = ["mentor", "mentee", "topics", "started_on"]
        labels = {"mentor": _("Mentor"), "mentee": _("Mentee")}
        widgets = {"started_on": _date_input()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = current_members()  # type: ignore[attr-defined]
        self.fields["mentee"].queryset = current_members()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mentor, mentee = data.get("mentor"), data.get("mentee")
        if mentor is not None and mentor == mentee:
            self.add_error("mentee", _("An organisation cannot mentor itself."))
        elif (
            MentoringPair.objects.filter(mentor=mentor, mentee=mentee, ended_on__isnull=True)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("mentee", _("These two organisations are already paired."))
        return data


class CheckInForm(forms.ModelForm):
    class Meta:
        model = CheckIn
        fields = ["pair", "held_on", "notes"]
        labels = {"pair": _("Mentoring pair")}
        widgets = {"held_on": _date_input(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pair"].queryset = MentoringPair.objects.filter(  # type: ignore[attr-defined]
            ended_on__isnull=True
        ).select_related("mentor", "mentee")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pair, held_on = data.get("pair"), data.get("held_on")
        if pair is not None and held_on is not None:
            if held_on < pair.started_on:
                self.add_error(
                    "held_on",
                    _("The pair started on %(date)s: a check-in cannot come before.")
                    % {"date": pair.started_on},
                )
            elif held_on > timezone.localdate():
                self.add_error("held_on", _("This date is in the future."))
        return data


# Change pages of the registers (vigie.core.staff_forms): the forms that add an entry, laid out
# as staff forms, and the media outlets and coverage rows with their own.


def staff_form(form_class: type[forms.ModelForm]) -> type[StaffForm]:
    """The same fields and checks as ``form_class``, on a staff create-and-change page."""
    return type(form_class.__name__, (form_class, StaffForm), {"__module__": __name__})


class OutletForm(StaffForm):
    class Meta:
        model = Outlet
        formfield_callback = https_by_default
        fields = ["name", "country", "website"]


class CoverageEditForm(StaffForm):
    class Meta:
        model = Coverage
        formfield_callback = https_by_default
        fields = ["journalist", "outlet", "url", "published_on", "tone"]
        widgets = {"published_on": date_input()}


class MentoringPairEditForm(MentoringPairForm, StaffForm):
    """A pair as it goes on: the same checks, and the day it ended."""

    class Meta(MentoringPairForm.Meta):
        fields = [*MentoringPairForm.Meta.fields, "ended_on"]
        widgets = {"started_on": _date_input(), "ended_on": _date_input()}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        message = _("A pair cannot end before it started.")
        refuse_end_before_start(self, "started_on", "ended_on", message)
        return data
