"""A new major funder, loaded through the network's loader (a write the strategy counts)."""

from pathlib import Path

from vigie.network.loaders import load_funding


def load_a_new_major_funder(folder: Path) -> None:
    funders, grants = folder / "funders.csv", folder / "grants.csv"
    funders.write_text(
        "name,kind,first_seen_on,in_baseline\n"
        "Fresh Foundation (fictional),foundation,2025-03-01,no\n"
    )
    grants.write_text(
        "funder,organisation,programme,kind,size_band,started_on\n"
        "Fresh Foundation (fictional),,Fresh programme,core,major,2025-03-01\n"
    )
    load_funding(funders, grants)
