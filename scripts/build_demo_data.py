"""Rebuild the bundled demo data: UCDP GED 22.1 Pakistan events without free-text columns, gzip-compressed.

Input: ../shared/data/ucdp-ged-pakistan/ucdp_ged_22_1_pakistan.csv (UCDP GED 22.1, CC BY 4.0; HDX export with an
HXL row). Output: src/tacitus/data/ucdp_ged_22_1_pakistan.csv.gz. Headlines and source quotes are dropped because
they are news prose, not UCDP's data; the HXL row is kept so the bundled file exercises the importer's HXL path
exactly like the download. The gzip header carries no timestamp, so rebuilding gives identical bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
from pathlib import Path

from tacitus.ingest.ucdp_ged import FREE_TEXT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "ucdp-ged-pakistan" / "ucdp_ged_22_1_pakistan.csv"
OUTPUT = ROOT / "src" / "tacitus" / "data" / "ucdp_ged_22_1_pakistan.csv.gz"


def build(source: Path, output: Path) -> int:
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        keep = [c for c in reader.fieldnames or [] if c not in FREE_TEXT_COLUMNS]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=keep, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        rows = 0
        for row in reader:
            writer.writerow(row)
            rows += 1
    output.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), compresslevel=9, mtime=0))
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    count = build(args.input, args.output)
    print(f"{count} rows (incl. the HXL row) → {args.output}")
