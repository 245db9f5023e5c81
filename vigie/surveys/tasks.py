"""Background jobs of the surveys app (django-tasks); they take ids, never objects."""

from django_tasks import task

from vigie.surveys import services


@task()
def send_round_reminders(round_id: int) -> int:
    return services.send_reminders(round_id=round_id)
