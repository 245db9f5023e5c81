"""Vendor front-end assets from the npm registry into static/vendor/ and record VERSIONS.md.

The site must work on a closed network, so every script, style sheet and map file it serves is
a copy of a published npm package, pinned here by version and recorded with its sha256.
Run: .venv/bin/python scripts/vendor_assets.py   (needs npm; the files are committed)
"""

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"

# package@version: [(path inside the package, destination under static/vendor/)]
ASSETS: dict[str, list[tuple[str, str]]] = {
    "htmx.org@2.0.11": [
        ("dist/htmx.min.js", "htmx/htmx.min.js"),
        ("LICENSE", "htmx/LICENSE"),
    ],
    "vega@6.4.0": [
        ("build/vega.min.js", "vega/vega.min.js"),
        ("LICENSE", "vega/LICENSE-vega"),
    ],
    "vega-lite@6.4.3": [
        ("build/vega-lite.min.js", "vega/vega-lite.min.js"),
        ("LICENSE", "vega/LICENSE-vega-lite"),
    ],
    "vega-embed@7.3.0": [
        ("build/vega-embed.min.js", "vega/vega-embed.min.js"),
        ("LICENSE", "vega/LICENSE-vega-embed"),
    ],
    # Used only by the browser tests (accessibility checks), never served by a page.
    "axe-core@4.14.1": [
        ("axe.min.js", "axe-core/axe.min.js"),
        ("LICENSE", "axe-core/LICENSE"),
    ],
    "world-atlas@2.0.2": [
        ("countries-110m.json", "world-atlas/countries-110m.json"),
        ("countries-50m.json", "world-atlas/countries-50m.json"),
        ("LICENSE", "world-atlas/LICENSE"),
    ],
}


# Packages used from inside another vendored file rather than copied on their own.
BUNDLED = [
    "vega-interpreter ^2.3.2 is bundled in vega-embed 7.3.0 (its declared dependency) and used "
    "when the embed options say `ast: true` (vigie/core/static/core/charts.js): Vega then "
    "evaluates expressions without the Function constructor, so the Content-Security-Policy "
    "needs no 'unsafe-eval'. It is not copied on its own: vega-interpreter 2 is published only "
    "as an ES module that imports vega-util, which a plain script beside vega.min.js cannot load.",
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(spec: str, files: list[tuple[str, str]], workdir: Path) -> None:
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, check=True, capture_output=True)
    tarball = next(workdir.glob("*.tgz"))
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir / "x", filter="data")
    for source, destination in files:
        target = VENDOR / destination
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(workdir / "x" / "package" / source, target)


def write_versions() -> None:
    lines = [
        "# Vendored front-end assets",
        "",
        "Copied from the npm registry by `scripts/vendor_assets.py`; served as static files, no CDN.",
        "",
        "| package | version | file | sha256 |",
        "| --- | --- | --- | --- |",
    ]
    for spec, files in ASSETS.items():
        name, version = spec.rsplit("@", 1)
        for _source, destination in files:
            lines.append(f"| {name} | {version} | {destination} | {sha256(VENDOR / destination)} |")
    lines += ["", "Bundled, not copied on their own:", ""] + [f"- {note}" for note in BUNDLED]
    (VENDOR / "VERSIONS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    for spec, files in ASSETS.items():
        with tempfile.TemporaryDirectory() as tmp:
            fetch(spec, files, Path(tmp))
    write_versions()
    print(f"vendored {sum(len(f) for f in ASSETS.values())} files into {VENDOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
