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
from django.utils.translation import gettext_lazy, gettext_noop

from vigie.core.permissions import editor_required
from vigie.core.staff_forms import EditPages
from vigie.network import services
from vigie.network.errors import NetworkError
from vigie.network.forms import (
    CheckInForm,
    ConsentForm,
    ContactForm,
    CoverageEditForm,
    CoverageForm,
    FunderForm,
    GrantForm,
    InteractionForm,
    JournalistForm,
    MembershipStatusForm,
    MentoringPairEditForm,
    MentoringPairForm,
    OrganisationCreateForm,
    OutletForm,
    staff_form,
)
from vigie.network.models import (
    ConsentPurpose,
    Contact,
    Coverage,
    Funder,
    Journalist,
    MentoringPair,
    Organisation,
    Outlet,
)
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


def _baseline_intro() -> str:
    baseline = measure_baseline(FUNDING_MEASURE, timezone.localdate())
    if baseline is None:
        return _("No strategic plan sets the funding baseline yet.")
    return _(
        "Funding baseline: %(date)s. A funder first seen after it, and not in the baseline "
        "reported by members, counts as a new funding source."
    ) % {"date": baseline.isoformat()}


def _register_page(
    form_class: type[forms.BaseForm],
    *,
    title: str,
    button: str,
    back: str,
    done: str,
    initial: Callable[[HttpRequest], dict[str, Any]] = lambda request: {},
    intro: Callable[[], str] = str,
    save: Callable[..., Any] = services.save_register_entry,
    then: Callable[[Any], str] | None = None,
) -> Callable[[HttpRequest], HttpResponse]:
    """A staff page adding one entry to a register: saved by ``save``, then back to ``back``
    (or to the page ``then`` makes from what was saved)."""

    @editor_required
    def page(request: HttpRequest) -> HttpResponse:
        return _form_page(
            request,
            form_class(request.POST or None, initial=initial(request)),
            title=_(title),
            button=_(button),
            back=reverse(back),
            save=save,
            then=then or reverse(back),
            done=_(done),
            intro=intro(),
        )

    return page


def _today(*prefill: str) -> Callable[[HttpRequest], dict[str, Any]]:
    """Initial values: today's date in ``prefill[0]``, the others from the query string."""
    date_field, *from_query = prefill
    return lambda request: {
        date_field: timezone.localdate(),
        **{name: request.GET.get(name) for name in from_query},
    }


# Log an article in one step: its address, outlet, date and tone.
coverage_new = _register_page(
    CoverageForm,
    title=gettext_noop("Log coverage"),
    button=gettext_noop("Log the coverage"),
    back="network:media",
    done=gettext_noop("The coverage was logged."),
    initial=_today("published_on"),
    save=services.log_coverage,
    then=lambda _coverage: reverse("network:media") + "#coverage-title",
)
journalist_new = _register_page(
    JournalistForm,
    title=gettext_noop("New journalist"),
    button=gettext_noop("Add the journalist"),
    back="network:media",
    done=gettext_noop("The journalist was added."),
)
interaction_new = _register_page(
    InteractionForm,
    title=gettext_noop("Log an interaction with a journalist"),
    button=gettext_noop("Log the interaction"),
    back="network:media",
    done=gettext_noop("The interaction was logged."),
    initial=_today("happened_on", "journalist"),
)
funder_new = _register_page(
    FunderForm,
    title=gettext_noop("New funder"),
    button=gettext_noop("Add the funder"),
    back="network:funding",
    done=gettext_noop("The funder was added."),
    intro=_baseline_intro,
)
grant_new = _register_page(
    GrantForm,
    title=gettext_noop("New grant"),
    button=gettext_noop("Add the grant"),
    back="network:funding",
    done=gettext_noop("The grant was added."),
    initial=lambda request: {"funder": request.GET.get("funder")},
    intro=_baseline_intro,
)
mentoring_new = _register_page(
    MentoringPairForm,
    title=gettext_noop("Pair two members for mentoring"),
    button=gettext_noop("Pair them"),
    back="network:mentoring",
    done=gettext_noop("The mentoring pair was recorded."),
    initial=_today("started_on"),
)
check_in_new = _register_page(
    CheckInForm,
    title=gettext_noop("Record a mentoring check-in"),
    button=gettext_noop("Record the check-in"),
    back="network:mentoring",
    done=gettext_noop("The check-in was recorded."),
    initial=_today("held_on", "pair"),
)
organisation_new = _register_page(
    OrganisationCreateForm,
    title=gettext_noop("New organisation"),
    button=gettext_noop("Create the organisation"),
    back="network:directory",
    done=gettext_noop("The organisation was created."),
    initial=lambda request: {"applied_on": timezone.localdate(), "status": "applied"},
    save=services.create_organisation,
    then=lambda organisation: reverse("network:organisation_status", args=[organisation.slug]),
)
contact_new = _register_page(
    ContactForm,
    title=gettext_noop("New contact"),
    button=gettext_noop("Add the contact"),
    back="network:contacts",
    done=gettext_noop("The contact was added. Record the consent they gave."),
    then=lambda contact: reverse("network:contact_consent", args=[contact.pk]),
)


# Change pages of the registers (and the outlets' create page), saved and audited by the core's
# staff form service.
JOURNALIST_PAGES = EditPages(
    Journalist, staff_form(JournalistForm), "network:journalist", back="network:media"
)
OUTLET_PAGES = EditPages(Outlet, OutletForm, "network:outlet", back="network:media")
COVERAGE_PAGES = EditPages(Coverage, CoverageEditForm, "network:coverage", back="network:media")
FUNDER_PAGES = EditPages(Funder, staff_form(FunderForm), "network:funder", back="network:funding")
MENTORING_PAGES = EditPages(
    MentoringPair, MentoringPairEditForm, "network:mentoring", back="network:mentoring"
)
CONTACT_PAGES = EditPages(
    Contact,
    staff_form(ContactForm),
    "network:contact",
    back="network:contacts",
    intro=gettext_lazy("Consent is recorded per purpose on the contact's consent page."),
)
