"""Personal links and the emails that carry them (invitations and reminders)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from vigie.core.tokens import new_token
from vigie.network.queries import list_survey_contact_emails
from vigie.surveys.models import Invitation, InvitationLink


def make_token(invitation: Invitation) -> str:
    """Issue a new personal link: 32 random bytes, of which only the SHA-256 hash is stored.

    The token is returned once (to be mailed) and cannot be made again from the database.
    """
    token, token_hash = new_token()
    InvitationLink.objects.create(invitation=invitation, token_hash=token_hash)
    return token


def personal_link(invitation: Invitation) -> str:
    return reverse("surveys:answer", args=[make_token(invitation)])


def mail_invitation(*, invitation_id: int, reminder: bool) -> int:
    """Send the invitation (or reminder) email with a new personal link; the tasks call this."""
    invitation = Invitation.objects.select_related("round__version__survey").get(pk=invitation_id)
    return _mail(invitation, reminder=reminder)


def _mail(invitation: Invitation, *, reminder: bool) -> int:
    recipients = list_survey_contact_emails(invitation.organisation_id)
    if not recipients:
        return 0
    base = getattr(settings, "SITE_URL", "")
    link = base + personal_link(invitation)
    subject = (_("Reminder: %(survey)s") if reminder else _("Survey: %(survey)s")) % {
        "survey": str(invitation.round)
    }
    body = _(
        "Your organisation is invited to answer %(survey)s by %(closes)s. "
        "Use this personal link (no login needed; you can save and come back): %(link)s"
    ) % {"survey": str(invitation.round), "closes": invitation.round.closes_on, "link": link}
    return send_mail(subject, body, None, recipients)
