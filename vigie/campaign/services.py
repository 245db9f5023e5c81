"""Applications to a call, their assessment and the determination.

Every function is one use case in one transaction and raises ``CampaignError`` with a message the
person can act on. An applicant reaches their application by an emailed magic link (a random
token of which only the hash is stored, see ``vigie.core.tokens``) or, with an account, by its id.
"""

import datetime
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from vigie.campaign import gazetteer, rubric
from vigie.campaign.errors import CampaignError
from vigie.campaign.models import (
    PROGRAMME_RULES,
    ActionKind,
    Application,
    ApplicationLink,
    ApplicationReview,
    Call,
)
from vigie.campaign.money import to_usd
from vigie.core.freshness import changes_facts
from vigie.core.models import Country
from vigie.core.services import record_audit
from vigie.core.tokens import find_link, new_token
from vigie.surveys import queries as survey_queries

MAX_PLAN_WORDS = 300  # the call asks for about 150 words; twice that is refused
REVIEWERS_PER_APPLICATION = 2


@dataclass(frozen=True)
class ApplicationFields:
    """The fixed part of an application; the call's own questions come as ``answers``."""

    organisation_name: str = ""
    publish_organisation: bool = False
    title: str = ""
    plans: str = ""
    kind: str = ""
    contingency: str = ""
    country: str = ""  # ISO alpha-2
    city: str = ""
    currency: str = ""
    amount_local: Decimal | None = None


REQUIRED_FIELDS = ("title", "plans", "kind", "contingency", "country", "city", "currency")


def local_deadline(call: Call, zone_name: str) -> str:
    """The deadline as the applicant reads it: in their time zone and the active language."""
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    moment = call.closes_at.astimezone(zone)
    return f"{formats.date_format(moment, 'DATETIME_FORMAT')} ({zone.key})"


def _refuse_if_closed(call: Call, zone_name: str, now: datetime.datetime) -> None:
    if now > call.closes_at:
        raise CampaignError(
            _(
                "The deadline of this call was %(deadline)s: applications can no longer be "
                "started, changed or submitted."
            )
            % {"deadline": local_deadline(call, zone_name)}
        )
    if now < call.opens_at:
        raise CampaignError(_("This call is not open yet."))


def closed_message(application: Application) -> str:
    """Why an application can no longer change: submitted already, or past the deadline."""
    if application.status != Application.Status.DRAFT:
        return _("This application was already submitted and can no longer change.")
    try:
        _refuse_if_closed(application.call, application.time_zone, timezone.now())
    except CampaignError as error:
        return str(error)
    return ""


def application_link(application: Application) -> str:
    """Issue a new magic link to the application; only its hash is stored."""
    token, token_hash = new_token()
    ApplicationLink.objects.create(application=application, token_hash=token_hash)
    return getattr(settings, "SITE_URL", "") + reverse("campaign:application", args=[token])


def get_application_for_token(token: str) -> Application | None:
    link = find_link(ApplicationLink.objects.select_related("application__call"), token)
    if link is None:
        return None
    return link.application


def mail_applicant(application: Application, subject: str, body: str) -> None:
    send_mail(subject, body, None, [application.email])


def send_application_link(application: Application) -> None:
    """Email a new magic link to the applicant, in their language."""
    with translation.override(application.language):
        link = application_link(application)
        mail_applicant(
            application,
            _("Your application: %(call)s") % {"call": application.call.title},
            _(
                "Hello %(name)s,\n\nYou can fill in, save and come back to your application "
                "with this personal link (no password needed): %(link)s\n\nThe deadline is "
                "%(deadline)s."
            )
            % {
                "name": application.contact_name,
                "link": link,
                "deadline": local_deadline(application.call, application.time_zone),
            },
        )


@transaction.atomic
def start_application(
    *,
    call_id: int,
    contact_name: str,
    email: str,
    language: str,
    time_zone: str = "UTC",
    user: Any = None,
    now: datetime.datetime | None = None,
    send_link: bool = True,
) -> Application:
    """Open a draft application and email its magic link in the applicant's language."""
    call = Call.objects.get(pk=call_id)
    _refuse_if_closed(call, time_zone, now or timezone.now())
    if language not in dict(settings.LANGUAGES):
        raise CampaignError(_("Choose English, French or Spanish."))
    if not contact_name.strip() or not email.strip():
        raise CampaignError(_("Your name and email are needed to send you the link."))
    application = Application.objects.create(
        call=call,
        contact_name=contact_name.strip(),
        email=email.strip(),
        language=language,
        time_zone=time_zone,
        user=user if getattr(user, "is_authenticated", False) else None,
    )
    record_audit(action="campaign.application.started", obj=application, actor=user)
    if send_link:
        send_application_link(application)
    return application


def _check_fields(call: Call, fields: ApplicationFields, submit: bool) -> dict[str, Any]:
    """The model values of ``fields``; raises CampaignError naming the first wrong field."""
    values: dict[str, Any] = {
        "organisation_name": fields.organisation_name.strip(),
        "publish_organisation": fields.publish_organisation,
        "title": fields.title.strip(),
        "plans": fields.plans.strip(),
        "contingency": fields.contingency.strip(),
        "kind": fields.kind,
        "currency": fields.currency.strip().upper(),
        "amount_local": fields.amount_local,
        "amount_usd": None,
        "country": None,
        "city_name": fields.city.strip(),
        "city_geonameid": None,
        "latitude": None,
        "longitude": None,
    }
    if fields.kind and fields.kind not in ActionKind.values:
        raise CampaignError(
            _("Field “kind”: %(value)r is not a kind of action.") % {"value": fields.kind}
        )
    if len(values["plans"].split()) > MAX_PLAN_WORDS:
        raise CampaignError(
            _("Field “plans”: please describe your plans in about 150 words (at most %(n)d).")
            % {"n": MAX_PLAN_WORDS}
        )
    if fields.country:
        country = Country.objects.filter(iso2=fields.country.upper()).first()
        if country is None:
            raise CampaignError(
                _("Field “country”: %(value)r is not a country code.") % {"value": fields.country}
            )
        values["country"] = country
        if values["city_name"]:
            city = gazetteer.find_city(values["city_name"], country.iso2)
            if city is None:
                raise CampaignError(
                    _(
                        "Field “city”: %(city)r is not in the gazetteer for %(country)s; choose "
                        "the nearest city of 15,000 inhabitants or more."
                    )
                    % {"city": values["city_name"], "country": country.name}
                )
            values.update(
                city_name=city.name,
                city_geonameid=city.geonameid,
                latitude=city.latitude,
                longitude=city.longitude,
            )
    if fields.amount_local is not None:
        if fields.amount_local <= 0:
            raise CampaignError(_("Field “amount_local”: the cost must be more than zero."))
        if not values["currency"]:
            raise CampaignError(_("Field “currency”: say in which currency the cost is."))
        values["amount_usd"] = to_usd(call, values["currency"], fields.amount_local)
    if submit:
        missing = [name for name in REQUIRED_FIELDS if not getattr(fields, name)]
        if fields.amount_local is None:
            missing.append("amount_local")
        if missing:
            raise CampaignError(
                _("Please fill in every required field before submitting: %(fields)s.")
                % {"fields": ", ".join(missing)}
            )
    return values


@transaction.atomic
def save_application(
    *,
    application_id: int,
    fields: ApplicationFields,
    answers: dict[str, Any],
    submit: bool,
    actor: Any = None,
    now: datetime.datetime | None = None,
) -> Application:
    """Save (and optionally submit) a draft; refused past the deadline or once submitted."""
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application_id)
    )
    call = application.call
    _refuse_if_closed(call, application.time_zone, now or timezone.now())
    if application.status != Application.Status.DRAFT:
        raise CampaignError(_("This application was already submitted and can no longer change."))
    values = _check_fields(call, fields, submit)
    kept = answers
    if call.questions_version_id:
        kept = survey_queries.list_visible_answers(call.questions_version_id, answers)
        missing = survey_queries.list_missing_answers(call.questions_version_id, answers)
        if submit and missing:
            raise CampaignError(
                _("Please answer every required question before submitting: %(codes)s.")
                % {"codes": ", ".join(missing)}
            )
    for name, value in values.items():
        setattr(application, name, value)
    application.answers = kept
    if submit:
        application.status = Application.Status.SUBMITTED
        application.submitted_at = now or timezone.now()
    application.save()
    record_audit(
        action="campaign.application.submitted" if submit else "campaign.application.saved",
        obj=application,
        actor=actor,
    )
    return application


@transaction.atomic
def assign_reviewers(*, application_id: int, reviewer_ids: list[int], actor: Any = None) -> None:
    """Give the application its two reviewers (never the applicant's own account)."""
    application = Application.objects.select_for_update().get(pk=application_id)
    chosen = list(dict.fromkeys(reviewer_ids))
    if len(chosen) != REVIEWERS_PER_APPLICATION:
        raise CampaignError(_("Choose two different reviewers."))
    if application.user_id in chosen:
        raise CampaignError(_("The applicant cannot review their own application."))
    if get_user_model().objects.filter(pk__in=chosen).count() != len(chosen):
        raise CampaignError(_("A chosen reviewer has no account."))
    application.reviews.exclude(reviewer_id__in=chosen).filter(submitted_at__isnull=True).delete()
    for reviewer_id in chosen:
        ApplicationReview.objects.get_or_create(application=application, reviewer_id=reviewer_id)
    record_audit(action="campaign.reviewers.assigned", obj=application, actor=actor)


def _review_for(application_id: int, reviewer: Any) -> ApplicationReview:
    review = (
        ApplicationReview.objects.select_for_update()
        .filter(application_id=application_id, reviewer_id=getattr(reviewer, "pk", None))
        .first()
    )
    if review is None:
        raise CampaignError(_("You are not a reviewer of this application."))
    if review.conflict_declared:
        raise CampaignError(_("You declared a conflict of interest on this application."))
    return review


@transaction.atomic
def declare_conflict(*, application_id: int, reviewer: Any, reason: str) -> ApplicationReview:
    """The reviewer steps aside: the application is hidden from them from now on."""
    review = _review_for(application_id, reviewer)
    if not reason.strip():
        raise CampaignError(_("Say briefly what the conflict of interest is."))
    review.conflict_declared = True
    review.conflict_reason = reason.strip()
    review.scores = {}
    review.notes = ""
    review.submitted_at = None
    review.save()
    record_audit(action="campaign.review.conflict", obj=review, actor=reviewer)
    return review


@transaction.atomic
def submit_review(
    *, application_id: int, reviewer: Any, scores: dict[str, int], notes: str = ""
) -> ApplicationReview:
    """Score every criterion of the rubric (1 to 5)."""
    review = _review_for(application_id, reviewer)
    if review.application.status != Application.Status.SUBMITTED:
        raise CampaignError(_("Only a submitted application awaiting a decision can be scored."))
    for code in rubric.CRITERION_CODES:
        value = scores.get(code)
        if not isinstance(value, int) or not rubric.LOWEST <= value <= rubric.HIGHEST:
            raise CampaignError(
                _("Criterion “%(code)s”: give a score from %(low)d to %(high)d.")
                % {"code": code, "low": rubric.LOWEST, "high": rubric.HIGHEST}
            )
    review.scores = {code: scores[code] for code in rubric.CRITERION_CODES}
    review.notes = notes.strip()
    review.submitted_at = timezone.now()
    review.save()
    record_audit(action="campaign.review.submitted", obj=review, actor=reviewer)
    return review


def awarded_total(call: Call, *, excluding: int | None = None) -> Decimal:
    approved = Application.objects.filter(call=call, status=Application.Status.APPROVED)
    if excluding is not None:
        approved = approved.exclude(pk=excluding)
    return approved.aggregate(total=Sum("awarded_usd"))["total"] or Decimal(0)


def _notify_decision(application: Application) -> None:
    with translation.override(application.language):
        if application.status == Application.Status.APPROVED:
            subject = _("Your application is supported: %(call)s")
            body = _(
                "Hello %(name)s,\n\nWe are glad to support “%(title)s” with US$%(amount)s. "
                "We will write to you about the disbursement."
            )
        else:
            subject = _("Your application: %(call)s")
            body = _(
                "Hello %(name)s,\n\nWe are sorry: we cannot support “%(title)s” this year.\n\n"
                "%(reason)s"
            )
        mail_applicant(
            application,
            subject % {"call": application.call.title},
            body
            % {
                "name": application.contact_name,
                "title": application.title,
                "amount": formats.number_format(application.awarded_usd or 0, 2, use_l10n=True),
                "reason": application.decline_reason,
            },
        )


def lock_application(application_id: int, *, status: str, refusal: str) -> Application:
    """The application, locked until the end of the transaction, if it has ``status``; else
    ``CampaignError(refusal)``."""
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application_id)
    )
    if application.status != status:
        raise CampaignError(refusal)
    return application


def _decidable(application_id: int) -> Application:
    return lock_application(
        application_id,
        status=Application.Status.SUBMITTED,
        refusal=_("Only a submitted application awaiting a decision can be decided."),
    )


def _check_programme_rules(call: Call, amount_usd: Decimal, *, excluding: int) -> None:
    """The programme's own bounds: the Initiatives Programme's US$4,000–5,000 and 7 partners."""
    rules = PROGRAMME_RULES.get(call.programme)
    if rules is None:
        return
    low, high = rules.min_award_usd, rules.max_award_usd
    if (low is not None and amount_usd < low) or (high is not None and amount_usd > high):
        raise CampaignError(
            _("The %(programme)s awards between US$%(low)s and US$%(high)s.")
            % {"programme": call.get_programme_display(), "low": low, "high": high}
        )
    if rules.max_grants is not None:
        approved = call.applications.filter(status=Application.Status.APPROVED).exclude(
            pk=excluding
        )
        if approved.count() >= rules.max_grants:
            raise CampaignError(
                _("The %(programme)s supports at most %(count)s partners per call.")
                % {"programme": call.get_programme_display(), "count": rules.max_grants}
            )


@changes_facts
@transaction.atomic
def approve_application(
    *, application_id: int, amount_usd: Decimal, actor: Any = None
) -> Application:
    """Award ``amount_usd``; refused when the call's approved grants would pass its envelope."""
    call_id = Application.objects.values_list("call_id", flat=True).get(pk=application_id)
    Call.objects.select_for_update().get(pk=call_id)  # one approval at a time per envelope
    application = _decidable(application_id)
    if amount_usd <= 0:
        raise CampaignError(_("The amount awarded must be more than zero."))
    call = application.call
    remaining = call.envelope_usd - awarded_total(call, excluding=application.pk)
    if amount_usd > remaining:
        raise CampaignError(
            _(
                "US$%(amount)s is more than what remains in the call's envelope "
                "(US$%(remaining)s of US$%(envelope)s)."
            )
            % {"amount": amount_usd, "remaining": remaining, "envelope": call.envelope_usd}
        )
    _check_programme_rules(call, amount_usd, excluding=application.pk)
    application.status = Application.Status.APPROVED
    application.awarded_usd = amount_usd
    application.decided_at = timezone.now()
    application.save()
    record_audit(action="campaign.application.approved", obj=application, actor=actor)
    _notify_decision(application)
    return application


@changes_facts
@transaction.atomic
def decline_application(*, application_id: int, reason: str, actor: Any = None) -> Application:
    application = _decidable(application_id)
    if not reason.strip():
        raise CampaignError(_("Give the applicant the reason for declining."))
    application.status = Application.Status.DECLINED
    application.decline_reason = reason.strip()
    application.decided_at = timezone.now()
    application.save()
    record_audit(action="campaign.application.declined", obj=application, actor=actor)
    _notify_decision(application)
    return application
