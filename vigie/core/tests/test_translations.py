"""Every UI string is translated to French and Spanish, in every catalogue of the project."""

from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUES = sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po")) + sorted(
    ROOT.glob("vigie/*/locale/*/LC_MESSAGES/django.po")
)


def _entries(path: Path) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for each entry of a .po file, header excluded."""
    entries: list[tuple[str, list[str], bool]] = []
    msgid, fuzzy, current = "", False, None
    msgstrs: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current is not None and msgid:
                entries.append((msgid, msgstrs, fuzzy))
            msgid, msgstrs, fuzzy, current = "", [], False, None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, current = line[7:-1], "id"
        elif line.startswith("msgid_plural"):
            current = "plural"
        elif line.startswith("msgstr"):
            msgstrs.append(line.split(" ", 1)[1][1:-1])
            current = "str"
        elif line.startswith('"'):
            if current == "id":
                msgid += line[1:-1]
            elif current == "str":
                msgstrs[-1] += line[1:-1]
    return entries


def test_there_are_french_and_spanish_catalogues() -> None:
    languages = {path.parts[-3] for path in CATALOGUES}
    assert {"fr", "es"} <= languages


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_is_translated_and_none_is_fuzzy(catalogue: Path) -> None:
    untranslated = [
        msgid for msgid, msgstrs, fuzzy in _entries(catalogue) if fuzzy or not all(msgstrs)
    ]
    assert untranslated == []
