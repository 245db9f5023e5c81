"""The recommended citation of a publication and its exports: CSL-JSON, BibTeX and RIS.

CSL-JSON follows the Citation Style Language schema (csl-data.json); BibTeX and RIS are written
by hand with their special characters escaped, so a title with braces or a line break cannot
break the record.
"""

import re
from typing import Any

from vigie.library.models import Publication, PublicationKind

CSL_TYPES = {
    PublicationKind.REPORT: "report",
    PublicationKind.BRIEFING_PAPER: "report",
    PublicationKind.SHADOW_REPORT: "report",
    PublicationKind.ADVOCACY_TOOLKIT: "document",
    PublicationKind.STATEMENT: "document",
    PublicationKind.BLOG_POST: "post-weblog",
    PublicationKind.ARTICLE: "article-journal",
}
BIBTEX_TYPES = {"report": "techreport", "article-journal": "article"}
RIS_TYPES = {"report": "RPRT", "post-weblog": "BLOG", "article-journal": "JOUR"}


def _names(publication: Publication) -> list[dict[str, str]]:
    names = []
    for author in publication.author_list:
        family, comma, given = author.partition(",")
        if comma:
            names.append({"family": family.strip(), "given": given.strip()})
        else:
            names.append({"literal": author})
    return names


def cited_url(publication: Publication, landing_url: str) -> str:
    return publication.url or landing_url


def csl_json(publication: Publication, landing_url: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": publication.slug,
        "type": CSL_TYPES.get(PublicationKind(publication.kind), "document"),
        "title": publication.title,
        "author": _names(publication),
        "issued": {
            "date-parts": [
                [
                    publication.published_on.year,
                    publication.published_on.month,
                    publication.published_on.day,
                ]
            ]
        },
        "URL": cited_url(publication, landing_url),
    }
    if publication.publisher:
        item["publisher"] = publication.publisher
    if publication.doi:
        item["DOI"] = publication.doi
    if publication.summary:
        item["abstract"] = publication.summary
    return item


def _bibtex_value(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    for char in "\\{}":
        text = text.replace(char, "")
    for char in "&%$#_":
        text = text.replace(char, "\\" + char)
    return text


def bibtex(publication: Publication, landing_url: str) -> str:
    csl_type = CSL_TYPES.get(PublicationKind(publication.kind), "document")
    authors = " and ".join(
        f"{n['family']}, {n['given']}" if "family" in n else "{" + n["literal"] + "}"
        for n in ({k: _bibtex_value(v) for k, v in name.items()} for name in _names(publication))
    )
    fields = [
        ("title", "{" + _bibtex_value(publication.title) + "}"),
        ("author", authors),
        ("year", str(publication.published_on.year)),
        ("month", str(publication.published_on.month)),
        (
            "institution" if csl_type == "report" else "publisher",
            _bibtex_value(publication.publisher),
        ),
        ("doi", _bibtex_value(publication.doi)),
        ("url", cited_url(publication, landing_url).replace("}", "%7D").replace("{", "%7B")),
    ]
    key = re.sub(r"[^A-Za-z0-9-]", "", publication.slug) or "publication"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{BIBTEX_TYPES.get(csl_type, 'misc')}{{{key},\n{body}\n}}\n"


def _ris_value(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def ris(publication: Publication, landing_url: str) -> str:
    csl_type = CSL_TYPES.get(PublicationKind(publication.kind), "document")
    lines = [("TY", RIS_TYPES.get(csl_type, "GEN")), ("TI", publication.title)]
    lines += [("AU", author) for author in publication.author_list]
    lines += [
        ("PY", str(publication.published_on.year)),
        ("DA", publication.published_on.strftime("%Y/%m/%d")),
        ("PB", publication.publisher),
        ("DO", publication.doi),
        ("UR", cited_url(publication, landing_url)),
        ("AB", publication.summary),
    ]
    text = "".join(f"{tag}  - {_ris_value(value)}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"


def recommended_citation(publication: Publication, landing_url: str) -> str:
    """A plain citation: Authors (year). Title. Publisher. URL"""
    authors = "; ".join(publication.author_list)
    parts = [f"{authors} ({publication.published_on.year})." if authors else ""]
    parts.append(f"{publication.title}.")
    if publication.publisher:
        parts.append(f"{publication.publisher}.")
    if publication.doi:
        parts.append(f"https://doi.org/{publication.doi}")
    else:
        parts.append(cited_url(publication, landing_url))
    return " ".join(part for part in parts if part)
