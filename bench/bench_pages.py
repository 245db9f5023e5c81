"""Pages and API lists at ×1 and ×100: query count, median response time, bytes (and gzip).

    .venv/bin/python bench/make_scale_data.py     # once: builds bench/scale.sqlite3 (×100)
    .venv/bin/python bench/bench_pages.py         # ×1 = a copy of db.sqlite3 (`make demo`)

Each data set is served by its own process (Django's test client, the settings of
``vigie.settings``, a cache warmed by one request as a reader would find it), on a copy of the
database so that the staff reader it signs in is never written to the original. The two
processes are measured in turn, one request of ×1 then one of ×100 (the order swapped at each
round), ``--repeat`` rounds a page: a burst of load from the machine's other work falls on both
sides alike, and the median of each side is compared. For each page: queries of one request,
the median time as served and the median CPU time of the serving process (which the machine's
other work inflates far less), the body size raw and gzip, then the ratios ×100 / ×1 and the
verdict against the issue's bounds (same query count; time under 3×; map JSON under 400 kB gzip). The
load average is printed before and after, so that the figures carry the load they were
measured under.

The whole-page cache for anonymous visitors (``vigie.core.pagecache``) is off here
(``PAGE_CACHE_SECONDS=0`` unless set): with it, a public page read twice is one query and half
a millisecond whatever the data, which says nothing about the page itself. What is measured is
each page's own work, as after a data change; ``bench_load.py`` measures the cache.
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
from typing import IO, Any

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


def serve() -> None:
    """Run inside a child process, on the database of DATABASE_URL: answer the parent's orders,
    one JSON line each (``["time", n]``: the milliseconds of one request of page ``n``;
    ``["detail", n]``: its status, queries and sizes, which also warms the cache)."""
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
    addresses = pages()
    print(json.dumps([name for name, _address, _staff in addresses]), flush=True)
    for line in sys.stdin:
        order, number = json.loads(line)
        _name, address, as_staff = addresses[number]
        client = staff if as_staff else anonymous
        if order == "time":
            started, computing = time.perf_counter(), time.process_time()
            client.get(address)
            wall = (time.perf_counter() - started) * 1000
            print(json.dumps([wall, (time.process_time() - computing) * 1000]), flush=True)
            continue
        client.get(address)  # warms the cache as a previous reader would have
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        body = response.content
        packed = gzip.compress(body, 6)
        if response.get("Content-Encoding") == "gzip":
            body, packed = gzip.decompress(body), body
        detail = {
            "address": address,
            "status": response.status_code,
            "queries": len(queries),
            "bytes": len(body),
            "gzip": len(packed),
        }
        print(json.dumps(detail), flush=True)


class Server:
    """A child process serving one database."""

    def __init__(self, database: Path) -> None:
        environment = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "BENCH_PAGES_CHILD": "1",
        }
        environment.pop("DEBUG", None)
        environment.setdefault("PAGE_CACHE_SECONDS", "0")
        environment.setdefault("SECRET_KEY_FILE", str(ROOT / ".secret_key"))
        self.process = subprocess.Popen(
            [sys.executable, __file__],
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
        )
        self.names: list[str] = self._read()

    def _read(self) -> Any:
        stdout: IO[str] = self.process.stdout  # type: ignore[assignment]
        line = stdout.readline()
        if not line:
            sys.exit(f"the server of {self!r} stopped (run it alone to see why)")
        return json.loads(line)

    def ask(self, order: str, number: int) -> Any:
        stdin: IO[str] = self.process.stdin  # type: ignore[assignment]
        stdin.write(json.dumps([order, number]) + "\n")
        stdin.flush()
        return self._read()

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait()


def load() -> str:
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def measure(small: Server, large: Server, repeat: int, only: str = "") -> dict[str, dict[str, Any]]:
    """Every page (whose name holds ``only``) on both servers, interleaved:
    ``{name: {"x1": …, "x100": …}}``."""
    figures: dict[str, dict[str, Any]] = {}
    for number, name in enumerate(small.names):
        if only.lower() not in name.lower():
            continue
        sides = {"x1": small, "x100": large}
        details = {label: server.ask("detail", number) for label, server in sides.items()}
        timings: dict[str, list[list[float]]] = {"x1": [], "x100": []}
        for round_ in range(repeat):
            order = ("x1", "x100") if round_ % 2 == 0 else ("x100", "x1")
            for label in order:
                timings[label].append(sides[label].ask("time", number))
        figures[name] = {
            label: {
                **details[label],
                "ms": statistics.median(wall for wall, _cpu in timings[label]),
                "cpu": statistics.median(cpu for _wall, cpu in timings[label]),
            }
            for label in sides
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, default=ROOT / "db.sqlite3")
    parser.add_argument("--scaled", type=Path, default=ROOT / "bench" / "scale.sqlite3")
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--only", default="", help="only the pages whose name holds this text")
    args = parser.parse_args()
    for path, hint in ((args.base, "make demo"), (args.scaled, "bench/make_scale_data.py")):
        if not path.exists():
            sys.exit(f"{path} is missing: run {hint} first")
    print("start:", load())
    with tempfile.TemporaryDirectory() as folder:
        copies = {}
        for label, source in (("x1", args.base), ("x100", args.scaled)):
            copies[label] = Path(folder) / f"{label}.sqlite3"
            shutil.copyfile(source, copies[label])
        small, large = Server(copies["x1"]), Server(copies["x100"])
        try:
            figures = measure(small, large, args.repeat, args.only)
        finally:
            small.close()
            large.close()
    print(
        f"{'page':26s} {'status':>7s} {'queries':>9s} {'median ms':>17s} {'ratio':>6s} "
        f"{'CPU ms':>13s} {'ratio':>6s} {'kB':>15s} {'kB gzip':>13s}  verdict"
    )
    failures = 0
    for name, sides in figures.items():
        one, many = sides["x1"], sides["x100"]
        ratio = many["ms"] / one["ms"] if one["ms"] else float("inf")
        cpu_ratio = many["cpu"] / one["cpu"] if one["cpu"] else float("inf")
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
            f"{one['cpu']:>6.1f}/{many['cpu']:<6.1f} {cpu_ratio:>6.2f} "
            f"{one['bytes'] / 1024:>7.1f}/{many['bytes'] / 1024:<7.1f} "
            f"{one['gzip'] / 1024:>6.1f}/{many['gzip'] / 1024:<6.1f}  "
            f"{'; '.join(problems) or 'ok'}"
        )
    print(
        f"(each column: ×1/×100; median of {args.repeat} requests each side, interleaved; "
        "the verdict is on the time as served, the CPU time of the serving process is given "
        "as the figure the machine's other work disturbs least)"
    )
    print("end:", load())
    if failures:
        sys.exit(f"{failures} page(s) out of bounds")


if __name__ == "__main__":
    if os.environ.get("BENCH_PAGES_CHILD"):
        serve()
    else:
        main()
