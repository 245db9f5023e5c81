"""Time the public network and survey pages with the demo data (after `make data` and
`manage.py load_data --demo`). Prints the median of 20 requests per page, in milliseconds."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")

import django

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from vigie.surveys.models import Round  # noqa: E402


def main() -> None:
    setup_test_environment()
    client = Client()
    pages = ["/en/network/", "/api/v1/network/organisations", "/en/surveys/"]
    pages += [
        f"/en/surveys/rounds/{pk}/results/" for pk in Round.objects.values_list("pk", flat=True)
    ]
    for url in pages:
        timings = []
        for _ in range(20):
            start = time.perf_counter()
            status = client.get(url, HTTP_HOST="127.0.0.1").status_code
            timings.append((time.perf_counter() - start) * 1000)
        print(f"{url}: status {status}, median {statistics.median(timings):.1f} ms")


if __name__ == "__main__":
    main()
