"""Writes of the library, one function per use case, each keeping the search index in step.

Every function that changes what is searched (titles, summaries, files) ends by calling
``reindex``: explicitly, never through a model signal.
"""

import datetime
from collections.abc import Iterable
from functools import partial
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from vigie.core.freshness import changes_facts
from vigie.core.services import cite_source, record_audit
from vigie.core.uploads import validate_document
from vigie.library import search
from vigie.library.extraction import extract_pdf_text
from vigie.library.models import (
    LANGUAGES,
    DisseminationPlan,
    DisseminationStep,
    Publication,
    PublicationFile,
    StrategyLink,
    StrategyLinkKind,
)

LANGUAGE_CODES = tuple(code for code, _name in LANGUAGES)


def index_entries(publication: Publication) -> list[search.IndexEntry]:
    """What is searched of a publication: one entry per language with a title or a file."""
    files = {f.language: f.text for f in publication.files.all()}
    entries = []
    for language in LANGUAGE_CODES:
        title = getattr(publication, f"title_{language}") or ""
        summary = getattr(publication, f"summary_{language}") or ""
        if title or summary or language in files:
            entries.append(
                search.IndexEntry(
                    language=language,
                    title=title or publication.title,
                    summary=summary,
                    body=files.get(language, ""),
                )
            )
    return entries


def reindex(publication: Publication) -> None:
    search.backend().index(publication.pk, index_entries(publication))


def rebuild_index() -> int:
    """Index every publication again (after a bulk load); returns how many."""
    count = 0
    for publication in Publication.objects.prefetch_related("files"):
        reindex(publication)
        count += 1
    return count


@changes_facts
def set_strategy_links(
    publication: Publication, *, priorities: Iterable[int], pillars: Iterable[int]
) -> None:
    publication.strategy_links.all().delete()
    StrategyLink.objects.bulk_create(
        [
            *(
                StrategyLink(publication=publication, kind=StrategyLinkKind.PRIORITY, number=n)
                for n in sorted(set(priorities))
            ),
            *(
                StrategyLink(publication=publication, kind=StrategyLinkKind.PILLAR, number=n)
                for n in sorted(set(pillars))
            ),
        ]
    )


def check_pdf(upload: Any) -> None:
    """Raise ``ValidationError`` unless the upload is a PDF within the size limit."""
    validate_document(upload)
    name = str(getattr(upload, "name", "") or "")
    if PurePosixPath(name).suffix.lower() != ".pdf":
        raise ValidationError(
            _("“%(name)s” is not a PDF: the library keeps PDF files.") % {"name": name},
            code="file_type",
        )


@changes_facts
@transaction.atomic
def attach_file(
    *, publication: Publication, language: str, upload: Any, actor: Any = None
) -> PublicationFile:
    """Store the PDF of one language version, with its extracted text, replacing any earlier."""
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Unknown language “%(code)s”.") % {"code": language})
    check_pdf(upload)
    text, pages = extract_pdf_text(upload, str(upload.name))
    version, _created = PublicationFile.objects.get_or_create(
        publication=publication, language=language
    )
    if version.file:
        version.file.delete(save=False)
    version.file.save(PurePosixPath(str(upload.name)).name, upload, save=False)
    version.size = upload.size
    version.text = text
    version.pages = pages
    version.save()
    record_audit(
        action="library.file.attached",
        obj=publication,
        actor=actor,
        changes={"language": language, "pages": pages},
    )
    reindex(publication)
    return version


@changes_facts
@transaction.atomic
def remove_file(*, publication: Publication, language: str, actor: Any = None) -> None:
    for version in publication.files.filter(language=language):
        if version.file:
            transaction.on_commit(partial(version.file.storage.delete, version.file.name))
        version.delete()
        record_audit(
            action="library.file.removed",
            obj=publication,
            actor=actor,
            changes={"language": language},
        )
    reindex(publication)


@changes_facts
@transaction.atomic
def save_publication(
    *,
    publication: Publication,
    priorities: Iterable[int],
    pillars: Iterable[int],
    countries: Iterable[Any],
    uploads: dict[str, Any] | None = None,
    remove_languages: Iterable[str] = (),
    actor: Any = None,
) -> Publication:
    """Save a publication (new or changed) with its links, files and search index, all or nothing."""
    created = publication.pk is None
    publication.full_clean()
    publication.save()
    publication.countries.set(list(countries))
    set_strategy_links(publication, priorities=priorities, pillars=pillars)
    for language in remove_languages:
        remove_file(publication=publication, language=language, actor=actor)
    for language, upload in (uploads or {}).items():
        if upload:
            attach_file(publication=publication, language=language, upload=upload, actor=actor)
    record_audit(
        action="library.publication.created" if created else "library.publication.changed",
        obj=publication,
        actor=actor,
        changes={"slug": publication.slug},
    )
    reindex(publication)
    return publication


def landing_url(publication: Publication) -> str:
    """The absolute address of the publication's landing page (in English, the default)."""
    with override("en"):
        return settings.SITE_URL.rstrip("/") + publication.get_absolute_url()


@changes_facts
@transaction.atomic
def set_published(*, publication: Publication, published: bool, actor: Any = None) -> Publication:
    """Publish or unpublish. A published publication is also a citable source of the site, so
    atlas measures and UN statements can cite it by its landing page."""
    publication.is_published = published
    publication.save(update_fields=["is_published", "updated_at"])
    if published:
        with override("en"):
            cite_source(
                url=landing_url(publication),
                title=publication.title,
                publisher=publication.publisher,
                published_on=publication.published_on,
            )
    record_audit(
        action="library.publication.published" if published else "library.publication.unpublished",
        obj=publication,
        actor=actor,
    )
    return publication


@transaction.atomic
def save_dissemination_plan(
    *,
    publication: Publication,
    audiences: str,
    notes: str,
    journalist_ids: Iterable[int],
    coverage_ids: Iterable[int],
    actor: Any = None,
) -> DisseminationPlan:
    plan, _created = DisseminationPlan.objects.get_or_create(publication=publication)
    plan.audiences = audiences
    plan.notes = notes
    plan.journalist_ids = sorted({int(i) for i in journalist_ids})
    plan.coverage_ids = sorted({int(i) for i in coverage_ids})
    plan.save()
    record_audit(action="library.plan.saved", obj=publication, actor=actor)
    return plan


@transaction.atomic
def add_dissemination_step(
    *,
    publication: Publication,
    planned_on: datetime.date,
    channel: str,
    audience: str = "",
    description: str = "",
    actor: Any = None,
) -> DisseminationStep:
    plan, _created = DisseminationPlan.objects.get_or_create(publication=publication)
    step = DisseminationStep(
        plan=plan,
        planned_on=planned_on,
        channel=channel,
        audience=audience,
        description=description,
    )
    step.full_clean()
    step.save()
    record_audit(
        action="library.plan.step_added", obj=publication, actor=actor, changes={"channel": channel}
    )
    return step


@transaction.atomic
def remove_dissemination_step(*, step: DisseminationStep, actor: Any = None) -> None:
    publication = step.plan.publication
    step.delete()
    record_audit(action="library.plan.step_removed", obj=publication, actor=actor)
