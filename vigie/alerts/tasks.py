"""Background work of the alerts: one weekly digest per task (tasks take ids, never instances)."""

import datetime

from django_tasks import task

from vigie.alerts import services


@task()
def send_digest(subscription_id: int, due_before: str) -> bool:
    return services.send_digest(subscription_id, datetime.datetime.fromisoformat(due_before))
