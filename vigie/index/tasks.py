"""Background computation of an edition (takes the edition id, never the instance)."""

from django_tasks import task

from vigie.index import services
from vigie.index.models import Edition


@task()
def compute_edition_task(edition_id: int, replications: int = services.DEFAULT_REPLICATIONS) -> str:
    """Compute an edition; a failure is recorded on the edition by the service."""
    return services.compute_edition(edition_id=edition_id, replications=replications).status


def enqueue_computation(edition_id: int) -> None:
    """Mark the edition as queued and hand it to the worker."""
    Edition.objects.filter(pk=edition_id).update(
        status=Edition.Status.QUEUED, progress=0, progress_message="", error=""
    )
    compute_edition_task.enqueue(edition_id)
