"""API of the member directory (public organisation fields only), and the staff writes of
the network registers and of council elections."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from vigie.core.api_auth import api_actor
from vigie.core.api_errors import INVALID, NOT_FOUND
from vigie.core.api_forms import (
    api_write,
    bind_form,
    body_of,
    form_schema,
    staff_write,
)
from vigie.core.api_schemas import schema_of
from vigie.core.pagination import API_MAX_PAGE_SIZE, API_PAGE_SIZE, api_page
from vigie.network import queries, services
from vigie.network.election_forms import CandidateForm, ElectionForm
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
    OrganisationStaffForm,
)
from vigie.network.models import Contact, Election, Organisation

router = Router(tags=["network"])


OrganisationOut: Any = schema_of(
    queries.PublicOrganisation, "OrganisationOut", exclude=["type_label", "summary", "url"]
)


@router.get("/organisations", response={200: list[OrganisationOut], **INVALID})
def list_organisations(
    request: HttpRequest,
    response: HttpResponse,
    country: str = "",
    page: int = Query(1, ge=1),
    per_page: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_PAGE_SIZE),
) -> list[queries.PublicOrganisation]:
    """Current members by name, one page at a time (total in ``X-Total-Count``, pages in ``Link``)."""
    members = queries.member_organisations(country)
    rows = api_page(
        request,
        response,
        queries.public_organisation_values(members),
        page=page,
        per_page=per_page,
        counted=members.select_related(None),
    )
    return queries.public_organisation_rows(rows)


@router.get("/organisations/{slug}", response={200: OrganisationOut, **NOT_FOUND})
def get_organisation(request: HttpRequest, slug: str) -> queries.PublicOrganisation:
    found = queries.get_member_organisation(slug)
    if found is None:
        raise Http404
    return found


# Staff writes: each validated by the staff page's own form and saved by the same service
# (``vigie.core.api_forms``); an editor's token (Bearer) or an editor's session with CSRF.


class WrittenOut(Schema):
    id: int = Field(..., description="The id of the row written.")
    slug: str = Field("", description="The organisation's address, for an organisation.")


class ElectionOut(Schema):
    id: int
    title: str
    status: str
    candidates: list[str]


def _register_write(
    path: str,
    form_class: type[forms.BaseForm],
    *,
    name: str,
    summary: str,
    save: Callable[..., Any] = services.save_register_entry,
    keys: dict[str, str] | None = None,
) -> None:
    """``POST <path>``: one entry of a register, as the staff page ``form_class`` adds it."""
    body = form_schema(f"{form_class.__name__.removesuffix('Form')}In", form_class(), keys=keys)

    def write(request: HttpRequest, payload: body) -> tuple[int, WrittenOut]:  # type: ignore[valid-type]
        with api_write():
            form = bind_form(form_class, payload, keys=keys)
            saved = save(form=form, actor=api_actor(request))
        if isinstance(saved, int):
            return 201, WrittenOut(id=saved, slug="")
        return 201, WrittenOut(id=saved.pk, slug=getattr(saved, "slug", "") or "")

    write.__name__ = name
    staff_write(router.post, path, name=name, summary=summary, out=WrittenOut, status=201)(write)


_register_write(
    "/organisations",
    OrganisationCreateForm,
    name="create_organisation",
    summary="Create an organisation (with its membership status and the date it applied)",
    save=services.create_organisation,
    keys={"headquarters": "iso2"},
)
_register_write(
    "/contacts",
    ContactForm,
    name="create_contact",
    summary="Add a contact of an organisation (record their consent next)",
)
_register_write(
    "/journalists",
    JournalistForm,
    name="create_journalist",
    summary="Add a journalist to the media register",
    keys={"country": "iso2"},
)
_register_write(
    "/interactions",
    InteractionForm,
    name="create_interaction",
    summary="Log an interaction with a journalist",
)
_register_write(
    "/coverage",
    CoverageForm,
    name="log_coverage",
    summary="Log coverage from the article's address (the outlet is found from its website)",
    save=services.log_coverage,
)
_register_write(
    "/funders",
    FunderForm,
    name="create_funder",
    summary="Add a funder (first seen on a date, in the funding baseline or not)",
)
_register_write(
    "/grants",
    GrantForm,
    name="create_grant",
    summary="Add a grant of a funder to an organisation or a programme",
)
_register_write(
    "/mentoring-pairs",
    MentoringPairForm,
    name="create_mentoring_pair",
    summary="Pair two current members for mentoring",
)
_register_write(
    "/check-ins",
    CheckInForm,
    name="create_check_in",
    summary="Record a check-in of a mentoring pair",
)

ORGANISATION_KEYS = {"headquarters": "iso2", "countries": "iso2"}
OrganisationChangeIn = form_schema(
    "OrganisationChangeIn", OrganisationStaffForm(), keys=ORGANISATION_KEYS, partial=True
)
MembershipStatusIn = form_schema(
    "MembershipStatusIn", MembershipStatusForm(organisation=Organisation())
)
ConsentIn = form_schema("ConsentIn", ConsentForm())
ElectionIn = form_schema("ElectionIn", ElectionForm())
CandidateIn = form_schema("CandidateIn", CandidateForm(election=Election()))


class StatusActionIn(Schema):
    action: str = Field(
        ...,
        description="`open` (a draft with an eligible candidate), `close` (counts the ballots) "
        "or `publish` (the results become public).",
    )


@staff_write(
    router.patch,
    "/organisations/{slug}",
    name="change_organisation",
    summary="Change an organisation's profile (fields left out keep their value)",
    out=OrganisationOut,
)
def change_organisation(
    request: HttpRequest,
    slug: str,
    payload: OrganisationChangeIn,  # type: ignore[valid-type]
) -> queries.PublicOrganisation:
    """The membership status is changed by ``POST /organisations/{slug}/status``, which keeps
    its history."""
    organisation = get_object_or_404(Organisation, slug=slug)
    given = body_of(payload, partial=True)
    with api_write():
        form = bind_form(
            OrganisationStaffForm, given, keys=ORGANISATION_KEYS, instance=organisation
        )
        services.update_organisation_profile(form=form, actor=api_actor(request))
    found = queries.get_organisation_profile(organisation.pk)
    assert found is not None  # it was just saved
    return found


@staff_write(
    router.post,
    "/organisations/{slug}/status",
    name="change_membership_status",
    summary="Change an organisation's membership status (kept in its history: who, when, why)",
    out=WrittenOut,
)
def change_status(
    request: HttpRequest,
    slug: str,
    payload: MembershipStatusIn,  # type: ignore[valid-type]
) -> WrittenOut:
    organisation = get_object_or_404(Organisation, slug=slug)
    with api_write():
        form = bind_form(MembershipStatusForm, payload, organisation=organisation)
        services.change_membership_status(
            organisation_id=organisation.pk, actor=api_actor(request), **form.cleaned_data
        )
    return WrittenOut(id=organisation.pk, slug=organisation.slug)


@staff_write(
    router.post,
    "/contacts/{contact_id}/consents",
    name="record_consent",
    summary="Record a consent given (with its wording) or withdrawn, for one purpose",
    out=WrittenOut,
    status=201,
)
def record_consent(
    request: HttpRequest,
    contact_id: int,
    payload: ConsentIn,  # type: ignore[valid-type]
) -> tuple[int, WrittenOut]:
    contact = get_object_or_404(Contact, pk=contact_id, erased_on__isnull=True)
    with api_write():
        form = bind_form(ConsentForm, payload)
        record = services.record_consent(
            contact_id=contact.pk, actor=api_actor(request), **form.cleaned_data
        )
    return 201, WrittenOut(id=record.pk, slug="")


def _election_out(election: Election) -> ElectionOut:
    return ElectionOut(
        id=election.pk,
        title=election.title,
        status=election.status,
        candidates=list(election.candidates.values_list("name", flat=True)),
    )


@staff_write(
    router.post,
    "/elections",
    name="create_election",
    summary="Create a council election (as a draft) with who may vote and stand",
    out=ElectionOut,
    status=201,
)
def create_election(request: HttpRequest, payload: ElectionIn) -> tuple[int, ElectionOut]:  # type: ignore[valid-type]
    with api_write():
        form = bind_form(ElectionForm, payload)
        election = services.save_election(
            election=form.save(commit=False), actor=api_actor(request)
        )
    return 201, _election_out(election)


@staff_write(
    router.post,
    "/elections/{election_id}/candidates",
    name="add_candidate",
    summary="Add a candidate: only an organisation whose membership status may stand",
    out=ElectionOut,
    status=201,
)
def add_candidate(
    request: HttpRequest,
    election_id: int,
    payload: CandidateIn,  # type: ignore[valid-type]
) -> tuple[int, ElectionOut]:
    election = get_object_or_404(Election, pk=election_id)
    with api_write(NetworkError, at="organisation"):  # not eligible: said as on the page
        form = bind_form(CandidateForm, payload, election=election)
        services.nominate_from_form(form=form, actor=api_actor(request))
    return 201, _election_out(election)


@staff_write(
    router.post,
    "/elections/{election_id}/status",
    name="change_election_status",
    summary="Open, close (and count) or publish an election, one step at a time",
    out=ElectionOut,
)
def change_election_status(
    request: HttpRequest, election_id: int, payload: StatusActionIn
) -> ElectionOut:
    election = get_object_or_404(Election, pk=election_id)
    with api_write():
        election = services.change_election_status(
            election_id=election.pk, action=payload.action, actor=api_actor(request)
        )
    return _election_out(election)
