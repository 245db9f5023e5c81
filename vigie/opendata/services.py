"""Cutting a release: build the tables, compare them with the last release, store the package.

The changelog compares each table with the same table of the previous release row by row, by the
table's primary key: rows *added* (a key that was not there), *removed* (a key that is gone) and
*changed* (same key, some cell differs; the changed columns are named). The comparison reads the
previous release's stored files, so it describes exactly the difference between the two
downloads.

Versions are semantic (``MAJOR.MINOR.PATCH``): the first release is 1.0.0; a release whose tables
lost or renamed a column, or lost a whole table, is a new major version; any other change of rows
or tables is a new minor version. When nothing changed, no release is cut (an error says so).
"""

import csv
import hashlib
import io
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypedDict

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from vigie.core.csvfiles import SOURCE_SEPARATOR
from vigie.core.errors import DomainError
from vigie.core.exports import csv_text
from vigie.core.services import record_audit
from vigie.opendata.datasets import DATASETS, Dataset, Table
from vigie.opendata.models import Release

FIRST_VERSION = "1.0.0"
SOURCE_COLUMNS = ("source_urls", "sources", "source")
KEY_SEPARATOR = " / "
DESCRIPTOR = "datapackage.json"


class ReleaseError(DomainError):
    """A release cannot be cut; the message says why (unknown dataset, bad key, no change)."""


class NothingChanged(ReleaseError):
    """The tables are the same as in the last release."""


class ChangedRow(TypedDict):
    key: str
    fields: list[str]


class TableChanges(TypedDict):
    name: str
    status: str  # "new", "removed" or "kept"
    rows: int
    added: list[str]
    removed: list[str]
    changed: list[ChangedRow]
    columns_removed: list[str]
    columns_added: list[str]


class Changelog(TypedDict):
    previous_version: str
    previous_date: str
    tables: list[TableChanges]


@dataclass(frozen=True)
class _Keyed:
    header: list[str]
    primary_key: list[str]
    rows: dict[str, list[str]]


def _parse(text: str) -> tuple[list[str], list[list[str]]]:
    lines = list(csv.reader(io.StringIO(text)))
    return (lines[0], lines[1:]) if lines else ([], [])


def _keyed(name: str, text: str, primary_key: Iterable[str]) -> _Keyed:
    """The rows of a table by key; a missing key column, an empty or a repeated key is refused
    with the table, line and column named (frictionless would refuse the package too)."""
    header, rows = _parse(text)
    key = list(primary_key)
    for column in key:
        if column not in header:
            raise ReleaseError(f"{name}.csv: the key column `{column}` is missing.")
    indexes = [header.index(column) for column in key]
    keyed: dict[str, list[str]] = {}
    for line, row in enumerate(rows, start=2):
        values = [row[i] if i < len(row) else "" for i in indexes]
        if not all(values):
            missing = key[values.index("")]
            raise ReleaseError(f"{name}.csv, line {line}, field `{missing}`: the key is empty.")
        label = KEY_SEPARATOR.join(values)
        if label in keyed:
            raise ReleaseError(
                f"{name}.csv, line {line}: the key {label!r} ({', '.join(key)}) appears twice."
            )
        keyed[label] = row
    return _Keyed(header, key, keyed)


def compare_tables(previous: dict[str, _Keyed], current: dict[str, _Keyed]) -> list[TableChanges]:
    """Per table: the keys added, removed and changed (with the changed columns)."""
    changes: list[TableChanges] = []
    for name in [*current, *(n for n in previous if n not in current)]:
        old, new = previous.get(name), current.get(name)
        old_rows = old.rows if old else {}
        new_rows = new.rows if new else {}
        changed: list[ChangedRow] = []
        for key in new_rows.keys() & old_rows.keys():
            assert old is not None and new is not None
            before = dict(zip(old.header, old_rows[key], strict=False))
            after = dict(zip(new.header, new_rows[key], strict=False))
            # Columns added or removed are reported once for the table, not on every row.
            fields = [c for c in new.header if c in before and before[c] != after.get(c)]
            if fields:
                changed.append(ChangedRow(key=key, fields=fields))
        changes.append(
            TableChanges(
                name=name,
                status="new" if old is None else "removed" if new is None else "kept",
                rows=len(new_rows),
                added=[k for k in new_rows if k not in old_rows],
                removed=[k for k in old_rows if k not in new_rows],
                changed=sorted(changed, key=lambda item: item["key"]),
                columns_removed=[c for c in old.header if c not in new.header]
                if old and new
                else [],
                columns_added=[c for c in new.header if c not in old.header] if old and new else [],
            )
        )
    return changes


def next_version(previous: str, tables: list[TableChanges]) -> str:
    """The semantic version after ``previous`` for these changes; an error when nothing changed."""
    major, minor, _patch = (int(part) for part in previous.split("."))
    if any(t["status"] == "removed" or t["columns_removed"] for t in tables):
        return f"{major + 1}.0.0"
    if any(
        t["status"] == "new" or t["added"] or t["removed"] or t["changed"] or t["columns_added"]
        for t in tables
    ):
        return f"{major}.{minor + 1}.0"
    raise NothingChanged(f"Nothing changed since version {previous}: no new release is needed.")


def _sources(dataset: Dataset, tables: list[Table], texts: dict[str, str]) -> list[dict[str, str]]:
    page = f"{settings.SITE_URL.rstrip('/')}{reverse(dataset.page)}"
    sources = [{"title": f"Vigie: {dataset.title}", "path": page}]
    seen = {page}
    for table in tables:
        header, rows = _parse(texts[table.name])
        for column in (c for c in SOURCE_COLUMNS if c in header):
            index = header.index(column)
            for row in rows:
                for url in row[index].split(SOURCE_SEPARATOR) if index < len(row) else []:
                    url = url.strip()
                    if url.startswith(("http://", "https://")) and url not in seen:
                        seen.add(url)
                        sources.append({"title": url, "path": url})
    return sources


def build_descriptor(
    dataset: Dataset, version: str, tables: list[Table], texts: dict[str, str], created: str
) -> dict[str, Any]:
    """The ``datapackage.json`` of a release (Frictionless Data Package, tabular)."""
    with translation.override("en"):
        title = str(dataset.title)
        description = str(dataset.description)
        homepage = (
            f"{settings.SITE_URL.rstrip('/')}{reverse('opendata:dataset', args=[dataset.slug])}"
        )
    resources = []
    for table in tables:
        data = texts[table.name].encode("utf-8")
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "title": table.title,
                "description": table.description,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
                "schema": {
                    "fields": [
                        {"name": str(column), "type": table.types.get(str(column), "string")}
                        for column in table.rows[0]
                    ],
                    "primaryKey": list(table.primary_key),
                },
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": f"vigie-{dataset.slug}",
        "title": f"Vigie: {title}",
        "description": description,
        "version": version,
        "created": created,
        "homepage": homepage,
        "licenses": [dataset.licence],
        "sources": _sources(dataset, tables, texts),
        "resources": resources,
    }


def _stored_tables(release: Release) -> dict[str, _Keyed]:
    tables = {}
    for resource in release.descriptor["resources"]:
        path = f"{release.folder}/{resource['path']}"
        try:
            with default_storage.open(path) as handle:
                text = handle.read().decode("utf-8")
        except FileNotFoundError:
            raise ReleaseError(
                f"The previous release ({release.version}) lost its file {path} from the "
                "storage: restore it from a backup before cutting the next release."
            ) from None
        tables[resource["name"]] = _keyed(resource["name"], text, resource["schema"]["primaryKey"])
    return tables


def latest_release(slug: str) -> Release | None:
    return Release.objects.filter(dataset=slug).order_by("-released_at", "-pk").first()


def cut_release(slug: str, *, note: str = "", actor: Any = None) -> Release:
    """Build the dataset's tables now, compare them with its last release and store a new
    release (files, then the row). Nothing is stored when an error is raised."""
    dataset = DATASETS.get(slug)
    if dataset is None:
        raise ReleaseError(f"Unknown dataset {slug!r}; known: {', '.join(DATASETS)}.")
    with translation.override("en"):
        tables = dataset.tables()
    names = [table.name for table in tables]
    if not tables or len(set(names)) != len(names):
        raise ReleaseError(f"{slug}: no table to release, or two tables with one name.")
    texts = {table.name: csv_text(table.rows) for table in tables}
    current = {t.name: _keyed(t.name, texts[t.name], t.primary_key) for t in tables}
    previous = latest_release(slug)
    if previous is None:
        version = FIRST_VERSION
        changes = compare_tables({}, current)
    else:
        changes = compare_tables(_stored_tables(previous), current)
        version = next_version(previous.version, changes)
    changelog = Changelog(
        previous_version=previous.version if previous else "",
        previous_date=previous.released_at.date().isoformat() if previous else "",
        tables=changes,
    )
    created = timezone.now().replace(microsecond=0).isoformat()
    descriptor = build_descriptor(dataset, version, tables, texts, created)
    folder = f"opendata/{slug}/{version}-{secrets.token_hex(4)}"
    written: list[str] = []
    try:
        for name, text in texts.items():
            written.append(default_storage.save(f"{folder}/{name}.csv", ContentFile(text.encode())))
        payload = json.dumps(descriptor, ensure_ascii=False, indent=2).encode()
        written.append(default_storage.save(f"{folder}/{DESCRIPTOR}", ContentFile(payload)))
        with transaction.atomic():
            release = Release.objects.create(
                dataset=slug,
                version=version,
                released_by=actor if getattr(actor, "is_authenticated", False) else None,
                note=note,
                folder=folder,
                descriptor=descriptor,
                changelog=changelog,
            )
            record_audit(
                action="opendata.release.cut",
                obj=release,
                actor=actor,
                changes={"version": version},
            )
    except IntegrityError as error:
        _remove(written)
        raise ReleaseError(
            f"Version {version} of {slug} was cut by someone else at the same time; try again."
        ) from error
    except BaseException:
        _remove(written)
        raise
    return release


def _remove(paths: list[str]) -> None:
    for path in paths:
        default_storage.delete(path)
