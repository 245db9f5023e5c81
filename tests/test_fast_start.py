"""Starting Vigie loads no heavy library: each is imported where it is used (issue 14)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each costs from a tenth of a second to a second of CPU at every start of every process
# (`manage.py check`, a worker, a web process), though most requests never need it.
HEAVY = ("pandas", "numpy", "scipy", "weasyprint", "vl_convert", "icalendar")

STARTUP = f"""
import json, sys
import django
django.setup()
import vigie.urls
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}} & set({HEAVY!r}))))
"""


def test_django_starts_without_heavy_libraries() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "vigie.test_settings"}
    result = subprocess.run(
        [sys.executable, "-c", STARTUP],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == []
