"""The offline package of a course opens from disk (file://): every lesson is reached from the
index and by the previous/next links, every material link points at a file of the package, and
nothing is fetched from anywhere else."""

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import Browser, expect

from vigie.learning import offline, services
from vigie.learning.models import LessonMaterial
from vigie.learning.tests.factories import make_course, make_learner

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_offline_package_opens_from_disk_with_every_page_and_material_reachable(
    browser: Browser, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    course = make_course("offline-course", modules=2, lessons=2)
    lessons = services.ordered_lessons(course)
    material = LessonMaterial(lesson=lessons[1], title="Briefing paper")
    material.file.save("briefing.pdf", ContentFile(PDF), save=True)
    image = LessonMaterial(lesson=lessons[0], title="Diagram")
    image.file.save("diagram.png", ContentFile(PNG), save=True)
    lessons[0].body_fr = f"Voir le schéma :\n\n![Schéma]({image.file.url})"
    lessons[0].save()
    enrolment = services.enrol(make_learner(), course, "fr")
    folder = tmp_path / "unzipped"
    zipfile.ZipFile(io.BytesIO(offline.build_package(enrolment))).extractall(folder)

    context = browser.new_context(java_script_enabled=False)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto((folder / "index.html").as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text("Course offline-course (fr)")
    titles = [lesson.title_fr for lesson in lessons]
    for title in titles:
        expect(page.get_by_role("link", name=title)).to_be_visible()

    page.get_by_role("link", name=titles[0]).click()
    seen = []
    materials_linked: list[str] = []
    while True:
        seen.append(page.get_by_role("heading", level=1).inner_text())
        for link in page.locator("a").all():
            href = link.get_attribute("href") or ""
            assert "://" not in href, href  # relative links only
            assert (folder / href).is_file(), href
            if href.startswith("materials/"):
                materials_linked.append(href)
        for img in page.locator("img").all():
            src = img.get_attribute("src") or ""
            assert "://" not in src and (folder / src).is_file(), src
            materials_linked.append(src)
        following = page.get_by_role("link", name="Suivante →")
        if following.count() == 0:
            break
        following.click()
    assert seen == titles
    assert len(materials_linked) == 3  # the image, shown and linked, and the PDF
    assert {(folder / path).read_bytes() for path in materials_linked} == {PNG, PDF}
    page.get_by_role("link", name="Course offline-course (fr)").click()
    assert page.url == (folder / "index.html").as_uri()
    assert all(url.startswith("file://") for url in requested), requested
    context.close()
