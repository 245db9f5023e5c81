"""Background work of the workspaces: the email telling a member what became of their proposal."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from vigie.workspace.models import CorrectionProposal


def build_decision_email(proposal: CorrectionProposal) -> EmailMessage:
    """The decision on a proposal, in the language the member wrote it in."""
    with translation.override(proposal.language):
        link = settings.SITE_URL.rstrip("/") + reverse("workspace:correction", args=[proposal.pk])
        subject_of = proposal.measure_code or proposal.country.name
        if proposal.status == CorrectionProposal.Status.APPLIED:
            subject = _("Your correction was applied: %(entry)s") % {"entry": subject_of}
            decision = _("An editor applied your proposal to the atlas. Thank you.")
        else:
            subject = _("Your correction was declined: %(entry)s") % {"entry": subject_of}
            decision = _("An editor declined your proposal, for this reason:\n%(reason)s") % {
                "reason": proposal.decision_reason
            }
        body = "\n\n".join(
            [
                decision,
                _("You proposed: %(value)s") % {"value": proposal.proposed_value},
                _("Your proposals and their status: %(link)s") % {"link": link},
            ]
        )
    return EmailMessage(subject=subject, body=body, to=[proposal.author.email])


@task()
def send_correction_decision(proposal_id: int) -> bool:
    """Email the author of a decided proposal; False when they have no address."""
    proposal = CorrectionProposal.objects.select_related("author", "country").get(pk=proposal_id)
    if not proposal.author.email:
        return False
    build_decision_email(proposal).send()
    return True
