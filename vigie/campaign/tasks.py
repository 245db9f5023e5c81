"""Background work of the campaign: feedback reminders (tasks take ids, never instances)."""

from django_tasks import task

from vigie.campaign import grants


@task()
def send_feedback_reminder(application_id: int) -> bool:
    return grants.send_feedback_reminder(application_id)


def remind_missing_feedback() -> int:
    """Queue one reminder per approved grant without its report while the period is open."""
    pending = grants.list_missing_feedback()
    for application_id in pending:
        send_feedback_reminder.enqueue(application_id)
    return len(pending)
