"""Measure the atlas map page: total transfer size (gzip) of the page with its assets, and serve time.

Run after `make data`: `.venv/bin/python bench/bench_atlas.py`. Uses Django's test client only.
"""

import gzip
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.test import Client  # noqa: E402

TARGET_KB = 400


def main() -> None:
    client = Client(HTTP_HOST="localhost")
    url = "/en/atlas/"
    timings = []
    for _ in range(10):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    html = response.content
    assets = re.findall(r'(?:src|href|data-topojson)="/static/([^"]+)"', html.decode())
    sizes = {"page (HTML with embedded data)": (len(html), len(gzip.compress(html, 6)))}
    for asset in sorted(set(assets)):
        path = finders.find(asset)
        if path is None:
            print(f"missing asset {asset}")
            continue
        content = Path(str(path)).read_bytes()
        sizes[asset] = (len(content), len(gzip.compress(content, 6)))
    total_raw = sum(raw for raw, _ in sizes.values())
    total_gz = sum(gz for _, gz in sizes.values())
    print(f"Map page {url}")
    for name, (raw, gz) in sizes.items():
        print(f"  {name:55s} {raw / 1024:8.1f} KB raw {gz / 1024:8.1f} KB gzip")
    print(
        f"Total transfer: {total_raw / 1024:.1f} KB raw, {total_gz / 1024:.1f} KB gzip (target < {TARGET_KB} KB)"
    )
    print(
        f"Serve time over 10 requests: median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms"
    )
    if total_gz / 1024 >= TARGET_KB:
        sys.exit("over the size target")


if __name__ == "__main__":
    main()
