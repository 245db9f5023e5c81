"""The French and Spanish catalogues are complete, and French follows its typography (issue 15).

- Every message marked in the code (Python and templates) of an app is in that app's catalogues
  (``vigie/<app>/locale``; the site shell, ``templates/`` and ``vigie/core``, in ``locale/``),
  translated, and not fuzzy; no catalogue keeps an empty or fuzzy entry either.
- French puts a narrow no-break space (U+202F) before ``:`` ``;`` ``?`` ``!`` and inside « ».
- The translated model fields shown to the public have a French and a Spanish value in the
  bundled data wherever they have an English one, or are listed below with the reason why not.
"""

import io
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po
from django.core.management import call_command
from django.db.models import Q
from django.utils.translation.template import templatize
from modeltranslation.translator import translator

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "es")
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
NARROW = "\u202f"


def _domains() -> dict[Path, list[Path]]:
    """Each catalogue folder and the source folders whose messages it holds."""
    apps = sorted(path.parent for path in (ROOT / "vigie").glob("*/apps.py"))
    domains = {app / "locale": [app] for app in apps if app.name != "core"}
    shell = [ROOT / "templates", ROOT / "vigie" / "core"]
    domains[ROOT / "locale"] = shell
    return domains


def _sources(folders: list[Path]) -> Iterator[Path]:
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            parts = set(path.relative_to(folder).parts)
            if parts & {"tests", "migrations", "locale", "static", "__pycache__"}:
                continue
            if path.suffix in {".py", ".html", ".txt"} and path.is_file():
                yield path


@cache
def _marked(path: Path) -> tuple[tuple[str | tuple[str, ...], str | None, int], ...]:
    """(message id, context, line) of each message marked in one source file, read once for the
    three languages."""
    return tuple(_read_marked(path))


def _read_marked(path: Path) -> Iterator[tuple[str | tuple[str, ...], str | None, int]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        if not any(f"{keyword}(" in text for keyword in KEYWORDS):
            return  # no call that marks a message: nothing to tokenize
        code, keywords = text, KEYWORDS
    else:
        # Only the gettext calls matter: each line is dedented so the tokenizer reads them all.
        code = "\n".join(line.strip() for line in templatize(text).splitlines())
        keywords = {"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
        keywords |= {"npgettext": ((1, "c"), 2, 3)}
        if not code.strip():
            return
    for line, function, found, _comments in extract_python(
        io.BytesIO(code.encode("utf-8")), keywords, [], {}
    ):
        raw: Any = found
        parts: list[str | None] = list(raw) if isinstance(raw, tuple) else [raw]
        context = None
        if str(function).startswith(("pgettext", "npgettext")):
            context, parts = parts[0], parts[1:]
        if not parts or not parts[0]:  # a call with a variable, not a message
            continue
        texts = tuple(str(part) for part in parts)
        yield (texts if len(texts) > 1 else texts[0]), context, line


@cache
def _catalogue(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _catalogues() -> list[tuple[Path, str]]:
    return [(folder, code) for folder in _domains() for code in LANGUAGES]


def _translated(message: Any) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and not message.fuzzy


@pytest.mark.parametrize(
    ("folder", "language"),
    _catalogues(),
    ids=[f"{folder.relative_to(ROOT)}-{code}" for folder, code in _catalogues()],
)
def test_every_marked_message_is_translated(folder: Path, language: str) -> None:
    po = folder / language / "LC_MESSAGES" / "django.po"
    sources = list(_sources(_domains()[folder]))
    marked = [(path, found) for path in sources for found in _marked(path)]
    if not marked:
        return
    assert po.exists(), f"{po.relative_to(ROOT)} is missing (scripts/makemessages.sh)"
    catalogue = _catalogue(po)
    problems = []
    for path, (message, context, line) in marked:
        key = message[0] if isinstance(message, tuple) else message
        entry = catalogue.get(key, context=context)
        where = f"{path.relative_to(ROOT)}:{line}"
        if entry is None:
            problems.append(f"{where}: not in the catalogue: {key!r}")
        elif not _translated(entry):
            problems.append(f"{where}: untranslated or fuzzy: {key!r}")
    assert problems == [], "\n".join(dict.fromkeys(problems))


@pytest.mark.parametrize(
    ("folder", "language"),
    _catalogues(),
    ids=[f"{folder.relative_to(ROOT)}-{code}" for folder, code in _catalogues()],
)
def test_no_catalogue_keeps_an_empty_or_fuzzy_entry(folder: Path, language: str) -> None:
    po = folder / language / "LC_MESSAGES" / "django.po"
    if not po.exists():
        return
    bad = [message.id for message in _catalogue(po) if message.id and not _translated(message)]
    assert bad == []


# A space where French wants a narrow no-break space, or none at all; addresses and times are left
# alone (``https://``, ``16:10``, ``?q=``: the mark is then not followed by a space).
_SPACED = re.compile(r"[ \u00a0]+[;:?!]")
_GLUED = re.compile(r"[^\s\u202f\u00a0;:?!][;:?!](?=\s|$|»)")
_GUILLEMETS = re.compile(r"«(?!\u202f)|(?<!\u202f)»")


def _french_typography(text: str) -> list[str]:
    text = re.sub(r"<code>.*?</code>", "", text)  # code is not French prose (HTTP headers…)
    return _SPACED.findall(text) + _GLUED.findall(text) + _GUILLEMETS.findall(text)


@pytest.mark.parametrize(
    "folder", list(_domains()), ids=lambda folder: str(folder.relative_to(ROOT))
)
def test_french_puts_a_narrow_no_break_space_before_double_punctuation(folder: Path) -> None:
    po = folder / "fr" / "LC_MESSAGES" / "django.po"
    if not po.exists():
        return
    problems = []
    for message in _catalogue(po):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            faults = _french_typography(str(text or ""))
            if faults:
                problems.append(f"{message.id!r} → {text!r}: {faults}")
    assert problems == [], "\n".join(problems)


def test_the_typography_check_finds_what_it_should() -> None:
    assert _french_typography("Pays : France") == [" :"]
    assert _french_typography("Pays: France") == ["s:"]
    assert _french_typography("Vraiment ?") == [" ?"]
    assert _french_typography("« Titre »") == ["«", "»"]
    assert _french_typography("Pays\u202f: France, vraiment\u202f?") == []
    assert _french_typography("«\u202fTitre\u202f»") == []
    assert _french_typography("https://example.org à 16:10, %(name)s") == []
    assert _french_typography("(<code>Authorization: Bearer</code>)") == []


# Translated model fields that are not shown to the public, or whose text is the author's own in
# one language: each with the reason. Every other translated field shown to the public must have
# a French and a Spanish value in the bundled data wherever it has an English one.
NOT_CHECKED: dict[str, str] = {
    "events.RegistrationQuestion": "each event's own questions, in the event's languages only",
    "network.Candidate": "a candidate's statement is theirs, in the language they wrote it",
    "network.Organisation": "a member's summary is its own text, in the language it wrote it",
    "strategy.ManualValue": "staff notes on a value, not shown to the public",
}


# Events are written in their own working languages, shown in the event's language order (the
# documented exception, docs/events.md): a workshop held in French and English has no Spanish
# text. Their texts are checked in the languages of that order.
OWN_LANGUAGES: dict[str, Callable[[Any], str]] = {
    "events.Series": lambda row: row.language_order,
    "events.Event": lambda row: row.language_order,
    "events.ProgrammeItem": lambda row: row.event.language_order,
}


@pytest.mark.django_db
def test_public_translated_fields_have_french_and_spanish_in_the_bundled_data() -> None:
    call_command("load_data", stdout=io.StringIO())
    missing = []
    for model in translator.get_registered_models(abstract=False):
        if model._meta.label in NOT_CHECKED:
            continue
        for name in translator.get_options_for_model(model).all_fields:
            english = ~Q(**{f"{name}_en": ""}) & Q(**{f"{name}_en__isnull": False})
            lacking = Q()
            for code in LANGUAGES:
                lacking |= Q(**{f"{name}_{code}": ""}) | Q(**{f"{name}_{code}__isnull": True})
            rows = model._default_manager.filter(english & lacking)
            own = OWN_LANGUAGES.get(model._meta.label)
            for row in rows[:20]:
                wanted: tuple[str, ...] = LANGUAGES
                if own is not None:
                    wanted = tuple(code for code in own(row).split(",") if code in LANGUAGES)
                if any(not getattr(row, f"{name}_{code}") for code in wanted):
                    missing.append(f"{model._meta.label}.{name}: {row.pk} {row}")
    assert missing == [], "\n".join(missing)
