import pytest
from django_tasks import TaskResultStatus

from vigie.index import engine
from vigie.index.models import Edition
from vigie.index.tasks import compute_edition_task
from vigie.index.tests.fixtures import make_edition

pytestmark = pytest.mark.django_db


def test_compute_task_writes_progress_on_the_edition_while_it_runs(monkeypatch) -> None:
    edition = make_edition()
    seen: list[tuple[str, int, str]] = []
    original = engine.run_uncertainty

    def spy(*args, **kwargs):
        current = Edition.objects.get(pk=edition.pk)
        seen.append((current.status, current.progress, current.progress_message))
        return original(*args, **kwargs)

    monkeypatch.setattr(engine, "run_uncertainty", spy)
    result = compute_edition_task.enqueue(edition.pk, 30)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert seen == [("computing", 40, "Uncertainty analysis")]
    edition.refresh_from_db()
    assert (edition.status, edition.progress, edition.progress_message) == ("computed", 100, "Done")


def test_compute_task_records_failure_with_its_message() -> None:
    # A geometric mean meets the zeros of a 0–100 min-max normalisation: the engine refuses.
    edition = make_edition(aggregation="geometric")
    result = compute_edition_task.enqueue(edition.pk, 30)
    assert result.status == TaskResultStatus.FAILED
    edition.refresh_from_db()
    assert edition.status == Edition.Status.FAILED
    assert "geometric mean needs positive values" in edition.error
    assert not edition.results.exists()


def test_progress_partial_polls_while_computing_and_shows_the_error(client) -> None:
    from vigie.core.tests.factories import make_user

    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    edition = make_edition()
    Edition.objects.filter(pk=edition.pk).update(status="computing", progress=55)
    page = client.get(f"/en/index/{edition.pk}/progress/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "55 %" in page
    Edition.objects.filter(pk=edition.pk).update(status="failed", error="unit XX: bad")
    page = client.get(f"/en/index/{edition.pk}/progress/").content.decode()
    assert "hx-trigger" not in page and "unit XX: bad" in page
