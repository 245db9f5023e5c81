"""Pages and API lists at ×1 and ×100: query count, median response time, bytes (and gzip).

    .venv/bin/python bench/make_scale_data.py     # once: builds bench/scale.sqlite3 (×100)
    .venv/bin/python bench/bench_pages.py         # ×1 = a copy of db.sqlite3 (`make demo`)

Each data set is measured in its own process (Django's test client, the settings of
``vigie.settings``, a cache warmed by one request as a reader would find it), on a copy of the
database so that the staff reader it signs in is never written to the original. For each page:
queries of one request, the median of ``--repeat`` requests, the body size raw and gzip, then the
ratio ×100 / ×1 of time and the verdict against the issue's bounds (same query count; time under
3×; map JSON under 400 kB gzip). Prints ``uptime`` so that the figures carry the load they were
measured under.
"""

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MAP_JSON_LIMIT = 400 * 1024


# (name, address, read as staff) of every page and API list of issue 14's table; the
# addresses name the first event, survey round and member organisation of the database.
PAGES = [
    ("atlas map", "/en/atlas/", False),
    ("atlas map JSON", "/en/atlas/map.json", False),
    ("atlas list", "/en/atlas/measures/", False),
    ("one jurisdiction (PT)", "/en/atlas/jurisdictions/PT/", False),
    ("one jurisdiction (US-OR)", "/en/atlas/jurisdictions/US-OR/", False),
    ("survey results", "/en/surveys/rounds/{round}/results/", True),
    ("UN home", "/en/un/", False),
    ("UN tracker", "/en/un/tracker/", False),
    ("staff registrations", "/en/events/staff/{event}/", True),
    ("staff contacts", "/en/network/contacts/", True),
    ("network directory", "/en/network/", False),
    ("API organisations", "/api/v1/network/organisations", False),
    ("API organisation by slug", "/api/v1/network/organisations/{member}", False),
    ("API atlas measures", "/api/v1/atlas/measures", False),
    ("API UN votes", "/api/v1/un/votes", False),
]


def pages() -> list[tuple[str, str, bool]]:
    """``PAGES`` with the addresses of this database."""
    from vigie.events.models import Event
    from vigie.network.queries import member_organisations
    from vigie.surveys.models import Round

    names = {
        "event": Event.objects.order_by("pk").values_list("slug", flat=True).first(),
        "round": Round.objects.order_by("pk").values_list("pk", flat=True).first(),
        "member": member_organisations().order_by("pk").values_list("slug", flat=True).first(),
    }
    return [(name, address.format(**names), staff) for name, address, staff in PAGES]


def measure(repeat: int) -> dict[str, Any]:
    """Run inside the child process: every page on the database of DATABASE_URL."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from vigie.core.tests.factories import make_user

    setup_test_environment()
    # As a browser asks: a body the server compresses itself (map.json) is counted as sent.
    anonymous = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    staff = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    staff.force_login(make_user("bench-editor", role="editor"))
    results: dict[str, Any] = {}
    for name, address, as_staff in pages():
        client = staff if as_staff else anonymous
        response = client.get(address)  # warms the cache as a previous reader would have
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(address)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        body = response.content
        packed = gzip.compress(body, 6)
        if response.get("Content-Encoding") == "gzip":
            body, packed = gzip.decompress(body), body
        results[name] = {
            "address": address,
            "status": response.status_code,
            "queries": len(queries),
            "ms": statistics.median(timings),
            "bytes": len(body),
            "gzip": len(packed),
        }
    return results


def _run(database: Path, repeat: int) -> dict[str, Any]:
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "BENCH_PAGES_CHILD": str(repeat),
    }
    environment.pop("DEBUG", None)
    environment.setdefault("SECRET_KEY_FILE", str(ROOT / ".secret_key"))
    output = subprocess.run(
        [sys.executable, __file__],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, default=ROOT / "db.sqlite3")
    parser.add_argument("--scaled", type=Path, default=ROOT / "bench" / "scale.sqlite3")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for path, hint in ((args.base, "make demo"), (args.scaled, "bench/make_scale_data.py")):
        if not path.exists():
            sys.exit(f"{path} is missing: run {hint} first")
    with tempfile.TemporaryDirectory() as folder:
        figures = {}
        for label, source in (("x1", args.base), ("x100", args.scaled)):
            copy = Path(folder) / f"{label}.sqlite3"
            shutil.copyfile(source, copy)
            figures[label] = _run(copy, args.repeat)
    small, large = figures["x1"], figures["x100"]
    print(
        f"{'page':26s} {'status':>7s} {'queries':>9s} {'median ms':>17s} {'ratio':>6s} "
        f"{'kB':>15s} {'kB gzip':>13s}  verdict"
    )
    failures = 0
    for name, one in small.items():
        many = large[name]
        ratio = many["ms"] / one["ms"] if one["ms"] else float("inf")
        problems = []
        if one["queries"] != many["queries"]:
            problems.append("query count grows")
        if ratio >= 3:
            problems.append("time ≥ 3×")
        if name == "atlas map JSON" and many["gzip"] >= MAP_JSON_LIMIT:
            problems.append("map JSON ≥ 400 kB gzip")
        if one["status"] != 200 or many["status"] != 200:
            problems.append("not 200")
        failures += bool(problems)
        print(
            f"{name:26s} {one['status']:>3d}/{many['status']:<3d} "
            f"{one['queries']:>4d}/{many['queries']:<4d} "
            f"{one['ms']:>8.1f}/{many['ms']:<8.1f} {ratio:>6.2f} "
            f"{one['bytes'] / 1024:>7.1f}/{many['bytes'] / 1024:<7.1f} "
            f"{one['gzip'] / 1024:>6.1f}/{many['gzip'] / 1024:<6.1f}  "
            f"{'; '.join(problems) or 'ok'}"
        )
    print("(each column: ×1/×100)")
    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    if failures:
        sys.exit(f"{failures} page(s) out of bounds")


if __name__ == "__main__":
    child = os.environ.get("BENCH_PAGES_CHILD")
    if child:
        print(json.dumps(measure(int(child))))
    else:
        main()
