"""Staff pages of the network registers (editors only): organisations and their membership,
contacts and consent, journalists and coverage, funders and grants, mentoring.

Each page validates with a form of ``forms.py`` and saves through ``services.py``.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core.permissions import editor_required
from vigie.network import services
from vigie.network.errors import NetworkError
from vigie.network.forms import (
    CheckInForm,
    ConsentForm,
    ContactForm,
    CoverageForm,
    FunderForm,
    GrantForm,
    InteractionForm,
    JournalistForm,
    MembershipStatusForm,
    MentoringPairForm,
    OrganisationCreateForm,
)
from vigie.network.models import ConsentPurpose, Contact, Organisation, Outlet
from vigie.network.views import FUNDING_MEASURE
from vigie.strategy.queries import measure_baseline


def _form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    title: str,
    button: str,
    back: str,
    save: Callable[..., Any],
    then: str | Callable[[Any], str],
    done: str,
    intro: str = "",
) -> HttpResponse:
    """Show a staff form; once valid, save it with the service ``save`` (called with the form and
    the user), say ``done`` and go to ``then`` (an address, or one made from what was saved)."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form=form, actor=request.user)
        except NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect(then(saved) if callable(then) else then)
    return render(
        request,
        "network/staff/form.html",
        {
            "form": form,
            "title": title,
            "button": button,
            "back": back,
            "intro": intro,
            "outlet_names": Outlet.objects.values_list("name", flat=True),
        },
    )


@editor_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationCreateForm(
        request.POST or None, initial={"applied_on": timezone.localdate(), "status": "applied"}
    )
    return _form_page(
        request,
        form,
        title=_("New organisation"),
        button=_("Create the organisation"),
        back=reverse("network:directory"),
        save=services.create_organisation,
        then=lambda organisation: reverse("network:organisation_status", args=[organisation.slug]),
        done=_("The organisation was created."),
    )


@editor_required
def organisation_status(request: HttpRequest, slug: str) -> HttpResponse:
    """Change an organisation's membership status; every change is kept: who, when, from → to."""
    organisation = get_object_or_404(Organisation, slug=slug)
    form = MembershipStatusForm(
        request.POST or None, organisation=organisation, initial={"on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_membership_status(
                organisation_id=organisation.pk,
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The membership status was changed."))
            return redirect("network:organisation_status", slug=organisation.slug)
    return render(
        request,
        "network/staff/organisation_status.html",
        {
            "organisation": organisation,
            "form": form,
            "history": services.membership_history(organisation),
        },
    )


@editor_required
def contact_new(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST or None)
    return _form_page(
        request,
        form,
        title=_("New contact"),
        button=_("Add the contact"),
        back=reverse("network:contacts"),
        save=services.create_contact,
        then=lambda contact: reverse("network:contact_consent", args=[contact.pk]),
        done=_("The contact was added. Record the consent they gave."),
    )


@editor_required
def contact_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """A contact's consent per purpose, with its history; record a consent given or withdrawn."""
    contact = get_object_or_404(Contact, pk=pk)
    if contact.erased_on is not None:
        raise Http404
    form = ConsentForm(request.POST or None, initial={"recorded_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consent(contact_id=contact.pk, actor=request.user, **form.cleaned_data)
        except NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("network:contact_consent", pk=contact.pk)
    current = services.current_consents(contact)
    return render(
        request,
        "network/staff/contact_consent.html",
        {
            "contact": contact,
            "form": form,
            "purposes": [(label, current.get(value)) for value, label in ConsentPurpose.choices],
            "history": contact.consents.order_by("-recorded_on", "-pk"),
        },
    )


@editor_required
def journalist_new(request: HttpRequest) -> HttpResponse:
    form = JournalistForm(request.POST or None)
    return _form_page(
        request,
        form,
        title=_("New journalist"),
        button=_("Add the journalist"),
        back=reverse("network:media"),
        save=services.add_journalist,
        then=reverse("network:media"),
        done=_("The journalist was added."),
    )


@editor_required
def interaction_new(request: HttpRequest) -> HttpResponse:
    form = InteractionForm(
        request.POST or None,
        initial={"happened_on": timezone.localdate(), "journalist": request.GET.get("journalist")},
    )
    return _form_page(
        request,
        form,
        title=_("Log an interaction with a journalist"),
        button=_("Log the interaction"),
        back=reverse("network:media"),
        save=services.log_interaction,
        then=reverse("network:media"),
        done=_("The interaction was logged."),
    )


@editor_required
def coverage_new(request: HttpRequest) -> HttpResponse:
    """Log an article in one step: its address, outlet, date and tone."""
    form = CoverageForm(request.POST or None, initial={"published_on": timezone.localdate()})

    def save(form: CoverageForm, actor: Any) -> int:
        data = form.cleaned_data
        return services.record_coverage(
            url=data["url"],
            outlet_name=data["outlet"],
            published_on=data["published_on"],
            tone=data["tone"],
            journalist_id=data["journalist"].pk if data["journalist"] else None,
            actor=actor,
        )

    return _form_page(
        request,
        form,
        title=_("Log coverage"),
        button=_("Log the coverage"),
        back=reverse("network:media"),
        save=save,
        then=reverse("network:media") + "#coverage-title",
        done=_("The coverage was logged."),
    )


def _baseline_intro() -> str:
    baseline = measure_baseline(FUNDING_MEASURE, timezone.localdate())
    if baseline is None:
        return _("No strategic plan sets the funding baseline yet.")
    return _(
        "Funding baseline: %(date)s. A funder first seen after it, and not in the baseline "
        "reported by members, counts as a new funding source."
    ) % {"date": baseline.isoformat()}


@editor_required
def funder_new(request: HttpRequest) -> HttpResponse:
    form = FunderForm(request.POST or None)
    return _form_page(
        request,
        form,
        title=_("New funder"),
        button=_("Add the funder"),
        back=reverse("network:funding"),
        save=services.add_funder,
        then=reverse("network:funding"),
        done=_("The funder was added."),
        intro=_baseline_intro(),
    )


@editor_required
def grant_new(request: HttpRequest) -> HttpResponse:
    form = GrantForm(request.POST or None, initial={"funder": request.GET.get("funder")})
    return _form_page(
        request,
        form,
        title=_("New grant"),
        button=_("Add the grant"),
        back=reverse("network:funding"),
        save=services.add_grant,
        then=reverse("network:funding"),
        done=_("The grant was added."),
        intro=_baseline_intro(),
    )


@editor_required
def mentoring_new(request: HttpRequest) -> HttpResponse:
    form = MentoringPairForm(request.POST or None, initial={"started_on": timezone.localdate()})
    return _form_page(
        request,
        form,
        title=_("Pair two members for mentoring"),
        button=_("Pair them"),
        back=reverse("network:mentoring"),
        save=services.pair_for_mentoring,
        then=reverse("network:mentoring"),
        done=_("The mentoring pair was recorded."),
    )


@editor_required
def check_in_new(request: HttpRequest) -> HttpResponse:
    form = CheckInForm(
        request.POST or None,
        initial={"held_on": timezone.localdate(), "pair": request.GET.get("pair")},
    )
    return _form_page(
        request,
        form,
        title=_("Record a mentoring check-in"),
        button=_("Record the check-in"),
        back=reverse("network:mentoring"),
        save=services.record_check_in,
        then=reverse("network:mentoring"),
        done=_("The check-in was recorded."),
    )
