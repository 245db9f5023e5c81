"""What makes a PDF accessible, read back with pypdf: tags, language, title, figure alt texts."""

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


@dataclass
class PdfAccessibility:
    tagged: bool
    language: str
    title: str
    shows_title: bool
    figure_alt_texts: list[str]


def _walk(node: object, found: list[str]) -> None:
    node = getattr(node, "get_object", lambda: node)()
    if isinstance(node, DictionaryObject):
        if node.get("/S") == "/Figure" and "/Alt" in node:
            found.append(str(node["/Alt"]))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                _walk(kid, found)


def read_accessibility(content: bytes) -> PdfAccessibility:
    reader = PdfReader(io.BytesIO(content))
    root: Any = reader.trailer["/Root"]
    alts: list[str] = []
    if "/StructTreeRoot" in root:
        _walk(root["/StructTreeRoot"], alts)
    preferences: Any = root.get("/ViewerPreferences", {})
    return PdfAccessibility(
        tagged=bool(root.get("/MarkInfo", {}).get("/Marked")) and "/StructTreeRoot" in root,
        language=str(root.get("/Lang", "")),
        title=str(reader.metadata.get("/Title", "")) if reader.metadata else "",
        shows_title=bool(preferences.get("/DisplayDocTitle")),
        figure_alt_texts=alts,
    )
