"""Write the ISO alpha-3 → Gleditsch–Ward state code table (src/tacitus/data/gw_codes.tsv).

Conflict researchers merge event data with country-year data (V-Dem, PWT, UCDP/PRIO ACD; the peacesciencer habit)
on Gleditsch–Ward codes, not ISO codes, and GTD and ACLED name countries or give ISO codes. Tacitus derives an
event's `gwcode` from its ISO code through this table (tacitus.countries).

Input: the PyPI package `country-converter==VERSION` (its `country_data.tsv`, column `GWcode`), fetched with
`pip download` and checked against the sha256 written here, plus the three corrections below, where the package
gives the code of a predecessor state instead of the current one in Gleditsch and Ward's list. Only current ISO
states with a GW code are written; the file holds code pairs, no names. Deterministic: identical bytes on every run.

Run: python scripts/build_gw_codes.py
"""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "tacitus" / "data" / "gw_codes.tsv"
PACKAGE = "country-converter"
VERSION = "1.3.2"
WHEEL_SHA256 = "50ef52b71daaf14220d2ba9a4eef1c335146793a051376de58e8a581fa448120"
# Gleditsch & Ward (1999) code the Czech Republic from 1993 as 316 (315 is Czechoslovakia), unified Vietnam as 816
# (817 is the Republic of Vietnam, 1954–1975) and unified Yemen as 678 (680 is South Yemen, 1967–1990).
CORRECTIONS = {"CZE": 316, "VNM": 816, "YEM": 678}


def fetch(workdir: Path) -> Path:
    """`pip download` the pinned wheel and check its hash; returns the wheel."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
         f"{PACKAGE}=={VERSION}", "-d", str(workdir)],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        sys.exit(f"pip download {PACKAGE}=={VERSION} failed: {done.stderr.strip().splitlines()[-1:]}")
    wheel = next(workdir.glob("*.whl"))
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{wheel.name}: sha256 {digest} does not match the pinned {WHEEL_SHA256}")
    return wheel


def gw_codes(country_data: str) -> dict[str, int]:
    """ISO alpha-3 → GW code from the package's table, corrected (module docstring)."""
    codes = {
        row["ISO3"]: int(row["GWcode"])
        for row in csv.DictReader(io.StringIO(country_data), delimiter="\t")
        if row["GWcode"].strip() and len(row["ISO3"]) == 3
    }
    missing = set(CORRECTIONS) - set(codes)
    if missing:
        sys.exit(f"{PACKAGE} {VERSION}: no GW code for {sorted(missing)} to correct")
    return {**codes, **CORRECTIONS}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(fetch(Path(tmp))) as wheel:
        country_data = wheel.read("country_converter/country_data.tsv").decode("utf-8")
    codes = gw_codes(country_data)
    lines = ["iso3\tgwcode", *(f"{iso3}\t{code}" for iso3, code in sorted(codes.items()))]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {TARGET} ({len(codes)} states)")


if __name__ == "__main__":
    main()
