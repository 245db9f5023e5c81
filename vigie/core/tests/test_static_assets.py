"""Every front-end asset is vendored with its version and checksum; nothing loads from a CDN."""

import hashlib
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
VENDOR = ROOT / "static" / "vendor"


def test_versions_file_lists_every_vendored_file_with_its_checksum() -> None:
    rows = re.findall(
        r"^\| (\S+) \| (\S+) \| (\S+) \| ([0-9a-f]{64}) \|$",
        (VENDOR / "VERSIONS.md").read_text(),
        re.MULTILINE,
    )
    listed = {file for _package, _version, file, _sha in rows}
    on_disk = {str(p.relative_to(VENDOR)) for p in VENDOR.rglob("*") if p.is_file()}
    assert listed == on_disk - {"VERSIONS.md"}
    for _package, _version, file, sha in rows:
        assert hashlib.sha256((VENDOR / file).read_bytes()).hexdigest() == sha, file


def test_no_template_loads_a_script_or_style_sheet_from_another_host() -> None:
    pattern = re.compile(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", re.IGNORECASE)
    offenders = [
        str(path.relative_to(ROOT))
        for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("vigie/*/templates/**/*.html")]
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
