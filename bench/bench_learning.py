"""Measure the weight of a lesson page: bytes transferred (gzip) with its stylesheets, scripts,
fonts and images, for a lesson without video and for the same lesson with a video link and its
transcript. The video itself is a link to the video site, fetched only if the learner follows it.

Run after `make data`: `.venv/bin/python bench/bench_learning.py`. Uses Django's test client; the
learner and enrolment it needs are written in a transaction that is rolled back.
"""

import csv
import gzip
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from vigie.learning import services  # noqa: E402
from vigie.learning.loaders import load_courses  # noqa: E402
from vigie.learning.models import Course, Learner  # noqa: E402

TARGET_KB = 50
ASSET = re.compile(r'(?:src|href)="/static/([^"?#]+)"')
CSS_URL = re.compile(r"url\(['\"]?/?(?:static/)?([^'\")]+)['\"]?\)")


def _assets(html: str) -> dict[str, tuple[int, int]]:
    sizes: dict[str, tuple[int, int]] = {}
    pending = sorted(set(ASSET.findall(html)))
    while pending:
        name = pending.pop()
        if name in sizes:
            continue
        path = finders.find(name)
        if path is None:
            print(f"  missing asset {name}")
            continue
        content = Path(str(path)).read_bytes()
        sizes[name] = (len(content), len(gzip.compress(content, 6)))
        if name.endswith(".css"):  # fonts and images a stylesheet pulls in
            pending += [u for u in CSS_URL.findall(content.decode()) if not u.startswith("data:")]
    return sizes


def _transcript_like_text(words: int) -> str:
    """About ten minutes of speech (~1,500 words) of varied prose: the atlas' own notes, so
    that gzip sees text as compressible as a real transcript, not one sentence repeated."""
    with (ROOT / "data" / "atlas" / "measures.csv").open(encoding="utf-8") as handle:
        notes = [row["notes"] for row in csv.DictReader(handle)]
    return " ".join(" ".join(notes).split()[:words])


def _measure(client: Client, url: str, label: str) -> float:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content
    sizes = {"page (HTML)": (len(html), len(gzip.compress(html, 6)))}
    sizes.update(_assets(html.decode()))
    total_gz = sum(gz for _, gz in sizes.values())
    print(f"Lesson page {label}: {url}")
    for name, (raw, gz) in sizes.items():
        print(f"  {name:45s} {raw / 1024:7.1f} KB raw {gz / 1024:7.1f} KB gzip")
    print(f"  total transferred: {total_gz:,} bytes gzip ({total_gz / 1024:.1f} KB)")
    return total_gz / 1024


def main() -> None:
    over = []
    with transaction.atomic():
        if not Course.objects.exists():
            load_courses()
        course = Course.objects.order_by("pk").first()
        assert course is not None
        course.status = Course.Status.PUBLISHED
        course.save()
        learner = Learner.objects.create(email="bench@bench.invalid", name="Bench")
        enrolment = services.enrol(learner, course, "en")
        lesson = services.ordered_lessons(course)[0]
        client = Client(HTTP_HOST="localhost")
        session = client.session
        session["learning_learner"] = learner.pk
        session.save()
        url = f"/en/learning/{course.slug}/lessons/{lesson.pk}/"
        lesson.video_url = ""
        lesson.save()
        without = _measure(client, url, "without video")
        lesson.video_url = "https://video.example.org/watch/lesson-1"
        lesson.transcript_en = _transcript_like_text(words=1500)
        lesson.save()
        with_video = _measure(client, url, "with a video link and a 1,500-word transcript")
        assert enrolment.pk
        transaction.set_rollback(True)
    for label, kb in (("without video", without), ("with video", with_video)):
        print(f"{label}: {kb:.1f} KB gzip (target without video < {TARGET_KB} KB)")
    if without >= TARGET_KB:
        over.append("without video")
    if over:
        sys.exit(f"over the size target: {', '.join(over)}")


if __name__ == "__main__":
    main()
