"""Background computation of an edition: progress is written on the edition as it goes."""

from django_tasks import task

from vigie.index import services


@task()
def compute_edition_task(edition_id: int, replications: int = 500) -> int:
    """Compute an edition; on any failure the edition records the message and the task re-raises."""
    try:
        services.compute_edition(edition_id=edition_id, replications=replications)
    except Exception as error:
        services.record_failure(edition_id=edition_id, message=str(error) or type(error).__name__)
        raise
    return edition_id
