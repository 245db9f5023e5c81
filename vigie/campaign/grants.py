"""After the decision: paying the grant, reminding the partner, and the feedback report after the
Day (narrative, participants, photos with consent, media coverage that staff add to the network's
coverage log)."""

import datetime
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vigie.campaign.errors import CampaignError
from vigie.campaign.models import (
    ActionPhoto,
    Application,
    CoverageLink,
    Disbursement,
    DisbursementMethod,
    FeedbackReport,
)
from vigie.campaign.services import application_link, lock_application, mail_applicant
from vigie.core.errors import DomainError
from vigie.core.services import record_audit
from vigie.core.uploads import validate_document
from vigie.network import services as network_services

PHOTO_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "gif")
MAX_PHOTOS = 6


def _approved(application_id: int) -> Application:
    return lock_application(
        application_id,
        status=Application.Status.APPROVED,
        refusal=_("Only an approved grant can be paid or reported on."),
    )


def disbursed_total(application: Application) -> Decimal:
    return application.disbursements.aggregate(total=Sum("amount_usd"))["total"] or Decimal(0)


@transaction.atomic
def record_disbursement(
    *,
    application_id: int,
    amount_usd: Decimal,
    paid_on: datetime.date,
    method: str,
    reference: str = "",
    actor: Any = None,
) -> Disbursement:
    """Record a payment; the payments of a grant never add up to more than the amount awarded."""
    application = _approved(application_id)
    if method not in DisbursementMethod.values:
        raise CampaignError(_("Choose how the grant was paid."))
    if amount_usd <= 0:
        raise CampaignError(_("The amount paid must be more than zero."))
    remaining = (application.awarded_usd or Decimal(0)) - disbursed_total(application)
    if amount_usd > remaining:
        raise CampaignError(
            _(
                "US$%(amount)s is more than what remains to be paid on this grant (US$%(remaining)s)."
            )
            % {"amount": amount_usd, "remaining": remaining}
        )
    payment = Disbursement.objects.create(
        application=application,
        amount_usd=amount_usd,
        paid_on=paid_on,
        method=method,
        reference=reference.strip(),
    )
    record_audit(action="campaign.disbursement.recorded", obj=payment, actor=actor)
    return payment


def is_feedback_open(application: Application, today: datetime.date | None = None) -> bool:
    """From the Day itself to the end of the feedback period."""
    today = today or timezone.localdate()
    return application.call.day_on <= today <= application.call.feedback_ends_on


def validate_photo(file: Any) -> None:
    """An image (checked by its first bytes, see core.uploads), nothing else."""
    extension = PurePosixPath(str(getattr(file, "name", ""))).suffix.lower().lstrip(".")
    if extension not in PHOTO_EXTENSIONS:
        raise ValidationError(
            _("“%(name)s” is not a photo: upload a JPEG, PNG, WebP or GIF image.")
            % {"name": getattr(file, "name", "")}
        )
    validate_document(file)


@transaction.atomic
def submit_feedback(
    *,
    application_id: int,
    narrative: str,
    participants: int,
    photos: list[tuple[Any, str, bool]] = (),  # type: ignore[assignment]
    coverage: list[tuple[str, str, datetime.date]] = (),  # type: ignore[assignment]
    actor: Any = None,
    today: datetime.date | None = None,
) -> FeedbackReport:
    """Save the report after the Day: ``photos`` as (file, caption, consent to publish),
    ``coverage`` as (link, outlet, date). All or nothing: a bad photo names itself."""
    application = _approved(application_id)
    if not is_feedback_open(application, today):
        raise CampaignError(
            _("Feedback reports are received from the Day of Action (%(day)s) to %(end)s.")
            % {"day": application.call.day_on, "end": application.call.feedback_ends_on}
        )
    if not narrative.strip():
        raise CampaignError(_("Tell us what happened."))
    if participants < 0:
        raise CampaignError(_("The number of participants cannot be negative."))
    report, _created = FeedbackReport.objects.update_or_create(
        application=application,
        defaults={"narrative": narrative.strip(), "participants": participants},
    )
    if report.photos.count() + len(photos) > MAX_PHOTOS:
        raise CampaignError(_("At most %(n)d photos per report.") % {"n": MAX_PHOTOS})
    for file, caption, consent in photos:
        try:
            validate_photo(file)
        except ValidationError as error:
            raise CampaignError(" ".join(error.messages)) from error
        ActionPhoto.objects.create(
            report=report, image=file, caption=caption.strip(), consent_to_publish=consent
        )
    for url, outlet, published_on in coverage:
        if not url.startswith(("http://", "https://")):
            raise CampaignError(_("Coverage link %(url)r is not a web address.") % {"url": url})
        CoverageLink.objects.get_or_create(
            report=report,
            url=url,
            defaults={"outlet": outlet.strip(), "published_on": published_on},
        )
    record_audit(action="campaign.feedback.submitted", obj=report, actor=actor)
    return report


@transaction.atomic
def log_coverage(*, link_id: int, tone: str, actor: Any = None) -> CoverageLink:
    """Staff add a reported piece of coverage to the network's coverage log, with its tone."""
    link = (
        CoverageLink.objects.select_for_update(of=("self",))
        .select_related("report__application__country")
        .get(pk=link_id)
    )
    country = link.report.application.country
    try:
        network_services.record_coverage(
            url=link.url,
            outlet_name=link.outlet,
            published_on=link.published_on,
            tone=tone,
            country_iso2=country.iso2 if country else "",
            actor=actor,
        )
    except DomainError as error:
        raise CampaignError(str(error)) from error
    link.logged_at = timezone.now()
    link.save(update_fields=["logged_at"])
    return link


def list_missing_feedback(today: datetime.date | None = None) -> list[int]:
    """Approved grants whose feedback period is open, with no report yet and not reminded in
    the last seven days."""
    today = today or timezone.localdate()
    return list(
        Application.objects.filter(
            status=Application.Status.APPROVED,
            call__day_on__lte=today,
            call__feedback_ends_on__gte=today,
            feedback__isnull=True,
        )
        .exclude(feedback_reminded_on__gt=today - datetime.timedelta(days=7))
        .values_list("pk", flat=True)
    )


@transaction.atomic
def send_feedback_reminder(application_id: int, today: datetime.date | None = None) -> bool:
    """Email the partner a new link to send the report, in their language; not once the report
    is in, nor twice in a week (the row is locked, so two workers send one email)."""
    today = today or timezone.localdate()
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application_id)
    )
    recently = (
        application.feedback_reminded_on
        and application.feedback_reminded_on > today - datetime.timedelta(days=7)
    )
    if recently or FeedbackReport.objects.filter(application=application).exists():
        return False
    application.feedback_reminded_on = today
    application.save(update_fields=["feedback_reminded_on"])
    with translation.override(application.language):
        mail_applicant(
            application,
            _("Your report on the Global Day of Action"),
            _(
                "Hello %(name)s,\n\nThank you for “%(title)s”. Please tell us how it went "
                "(what happened, how many took part, photos, media coverage) by %(end)s: "
                "%(link)s"
            )
            % {
                "name": application.contact_name,
                "title": application.title,
                "end": application.call.feedback_ends_on,
                "link": application_link(application),
            },
        )
    return True
