"""JSON API of the atlas, mounted at /api/v1/atlas/ (CC BY 4.0, sources cited): open reads,
and the staff writes of a measure (its staff page's form and versioning)."""

import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field

from vigie.atlas import queries
from vigie.atlas.forms import PolicyMeasureForm
from vigie.atlas.models import Criterion, MeasureVersion, PolicyMeasure
from vigie.atlas.services import revert_measure
from vigie.core.api_auth import api_actor
from vigie.core.api_errors import INVALID, NOT_FOUND
from vigie.core.api_forms import (
    FormRefused,
    api_write,
    bind_form,
    body_of,
    form_schema,
    staff_write,
)
from vigie.core.api_schemas import schema_of
from vigie.core.pagination import API_MAX_PAGE_SIZE, API_PAGE_SIZE, api_page

router = Router(tags=["atlas"])


PolicyMeasureOut: Any = schema_of(queries.MeasureRecord, "PolicyMeasureOut")


class CriterionOut(Schema):
    code: str
    applies_to: str
    title: str
    description: str
    verified: bool
    sources: list[str]


class PolicyEvidenceOut(Schema):
    label: str
    url: str
    date: datetime.date | None
    detail: str
    source_urls: list[str]


class CountOut(Schema):
    value: float
    definition: str
    evidence: list[PolicyEvidenceOut]


@router.get("/measures", response={200: list[PolicyMeasureOut], **INVALID})
def measures(
    request: HttpRequest,
    response: HttpResponse,
    kind: str = "",
    substance: str = "",
    status: str = "",
    region: str = "",
    jurisdiction: str = "",
    q: str = "",
    page: int = Query(1, ge=1),
    per_page: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_PAGE_SIZE),
) -> list[queries.MeasureRecord]:
    """Measures with the same filters as the public list; each cites its sources.

    One page at a time (``page``, ``per_page``): the total is in ``X-Total-Count`` and the
    other pages in ``Link``.
    """
    found = queries.sorted_measures(
        kind=kind, substance=substance, status=status, region=region, jurisdiction=jurisdiction, q=q
    )
    rows = api_page(request, response, found, page=page, per_page=per_page)
    return [queries.measure_as_dict(m) for m in rows]


@router.get("/measures/{code}", response={200: PolicyMeasureOut, **NOT_FOUND})
def measure(request: HttpRequest, code: str) -> queries.MeasureRecord:
    found = queries.filter_measures().filter(code=code).first()
    if found is None:
        raise Http404
    return queries.measure_as_dict(found)


@router.get("/criteria", response=list[CriterionOut])
def criteria(request: HttpRequest) -> list[dict[str, object]]:
    """The reference-model criteria, as data with their sources."""
    return [
        {
            "code": c.code,
            "applies_to": c.applies_to,
            "title": c.title,
            "description": c.description,
            "verified": c.verified,
            "sources": c.sources,
        }
        for c in Criterion.objects.all()
    ]


@router.get("/strongest/{year}", response={200: dict[str, str], **INVALID})
def strongest(
    request: HttpRequest,
    year: int = Path(..., ge=datetime.MINYEAR, le=datetime.MAXYEAR),
) -> dict[str, str]:
    """ISO alpha-2 → kind of the strongest country-level measure in force at the end of a year.

    The year is bounded by what a calendar date can hold (1 to 9999); outside it the answer is
    a 422 naming the limit, not a server error.
    """
    return queries.get_strongest_measure_by_country(year)


@router.get("/counts/decriminalisation", response={200: CountOut, **INVALID})
def decriminalisation_count(
    request: HttpRequest, start: datetime.date, end: datetime.date, net: bool = False
) -> object:
    return queries.count_new_decriminalising_jurisdictions(start, end, net=net)


@router.get("/counts/regulation", response={200: CountOut, **INVALID})
def regulation_count(
    request: HttpRequest,
    start: datetime.date,
    end: datetime.date,
    include_proposed: bool = True,
    social_justice_only: bool = True,
    net: bool = False,
) -> object:
    return queries.count_new_regulating_jurisdictions(
        start,
        end,
        include_proposed=include_proposed,
        social_justice_only=social_justice_only,
        net=net,
    )


# Staff writes: a measure created or changed as on its staff page (same form, same versioning).

MeasureIn = form_schema("MeasureIn", PolicyMeasureForm(), keys={"reverses": "code"})
MeasureChangeIn = form_schema(
    "MeasureChangeIn", PolicyMeasureForm(), keys={"reverses": "code"}, partial=True
)


def _write_measure(
    request: HttpRequest, body: dict[str, Any], measure: PolicyMeasure | None
) -> queries.MeasureRecord:
    with api_write():
        form = bind_form(
            PolicyMeasureForm,
            body,
            keys={"reverses": "code"},
            instance=measure,
            initial=PolicyMeasureForm.initial_for(measure),
        )
        saved = form.record(actor=api_actor(request))
    return queries.measure_as_dict(queries.filter_measures().get(pk=saved.pk))


@staff_write(
    router.post,
    "/measures",
    name="create_measure",
    summary="Create a policy measure (with at least one source); a first version is kept",
    out=PolicyMeasureOut,
    status=201,
)
def create_measure(request: HttpRequest, payload: MeasureIn) -> tuple[int, queries.MeasureRecord]:  # type: ignore[valid-type]
    """``source_urls``: one web address a line. ``jurisdiction``: ISO 3166-1 alpha-2 (PT) or
    ISO 3166-2 (US-OR). ``reverses``: the code of the measure this one reverses."""
    return 201, _write_measure(request, body_of(payload), None)


@staff_write(
    router.patch,
    "/measures/{code}",
    name="change_measure",
    summary="Change a policy measure (fields left out keep their value); each change is versioned",
    out=PolicyMeasureOut,
)
def change_measure(
    request: HttpRequest,
    code: str,
    payload: MeasureChangeIn,  # type: ignore[valid-type]
) -> queries.MeasureRecord:
    measure = get_object_or_404(PolicyMeasure, code=code)
    return _write_measure(request, body_of(payload, partial=True), measure)


class RevertIn(Schema):
    version: int = Field(
        ..., description="The number of the version to bring back (see the measure's history)."
    )


@staff_write(
    router.post,
    "/measures/{code}/revert",
    name="revert_measure",
    summary="Revert a measure to an earlier version; the revert is itself a new version",
    out=PolicyMeasureOut,
)
def revert(request: HttpRequest, code: str, payload: RevertIn) -> queries.MeasureRecord:
    """As the history's “revert” button: the chosen snapshot is written back and recorded as a
    new version, so the revert can itself be reverted. A deleted measure is restored this way
    (its versions stay)."""
    versions = MeasureVersion.objects.filter(measure_code=code)
    if not versions.exists():
        raise Http404
    with api_write():
        if not versions.filter(number=payload.version).exists():
            raise FormRefused(
                {
                    "version": [
                        _("This measure has no version %(number)s.") % {"number": payload.version}
                    ]
                }
            )
        saved = revert_measure(code=code, number=payload.version, actor=api_actor(request))
    return queries.measure_as_dict(queries.filter_measures().get(pk=saved.pk))
