"""Background jobs of the surveys app (django-tasks); they take ids, never objects."""

from django_tasks import task

from vigie.surveys.emails import mail_invitation


@task()
def send_invitation_email(invitation_id: int, reminder: bool) -> int:
    """One invitation or reminder email, with a new personal link, to the consenting contacts."""
    return mail_invitation(invitation_id=invitation_id, reminder=reminder)
