"""Encodings and line ends: every CSV importer detects UTF-8 (with or without BOM), UTF-16 and latin-1 /
Windows-1252, says which it used, and stores the same text whatever the file's encoding was."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import tacitus
from tacitus.ingest import get_layout, import_file

# A three-strike list in the TBIJ layout, written in our own words, with a non-ASCII place name.
TBIJ = (
    "Strike,Date,Tribal Agency,Location,Latitude,Longitude,Minimum Total Reported Killed,"
    "Maximum Total Reported Killed\n"
    "B1,18/06/2004,SWA,Wána,32.30,69.57,6,8\n"
    "B2,08/05/2005,NWA,Tóchi valley,32.99,70.20,2,2\n"
    "Ob3,23/01/2009,NWA,\"Mir Ali\rnear the bazaar\",33.00,70.27,5,10\n"
)

ENCODINGS = [
    ("utf-8", b"", "utf-8"),
    ("utf-8", b"\xef\xbb\xbf", "utf-8 (BOM)"),
    ("utf-16", b"", "utf-16"),
    ("latin-1", b"", "latin-1"),
]


def _places(db: Path) -> list[str]:
    with tacitus.open(str(db)) as store:
        return sorted(store.sql("SELECT place FROM records")["place"])


@pytest.mark.parametrize(("codec", "prefix", "reported"), ENCODINGS, ids=[e[2] for e in ENCODINGS])
def test_the_same_list_in_any_encoding_stores_the_same_text(
    codec: str,
    prefix: bytes,
    reported: str,
    tmp_path: Path,
    tacitus_cli: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    path = tmp_path / f"tbij_{codec}.csv"
    path.write_bytes(prefix + TBIJ.encode(codec))
    db = tmp_path / "store.duckdb"
    result = tacitus_cli("import", "tbij-drones", path, "--db", db)
    assert result.returncode == 0, result.stderr
    assert f"(read as {reported})" in result.stdout
    # Bare CR inside a cell became LF; accents survived whatever the encoding.
    assert _places(db) == ["Mir Ali\nnear the bazaar", "Tóchi valley", "Wána"]


def test_a_windows_1252_file_is_named_so(tmp_path: Path) -> None:
    path = tmp_path / "tbij.csv"
    path.write_bytes(TBIJ.replace("Wána", "Wána \u2013 bazaar").encode("cp1252"))
    with tacitus.open(str(tmp_path / "s.duckdb")) as store:
        result = import_file(store, get_layout("tbij-drones"), str(path))
        assert result.encoding == "windows-1252"
        assert "Wána \u2013 bazaar" in set(store.sql("SELECT place FROM records")["place"])


def test_utf16_without_a_bom_is_not_called_binary(tmp_path: Path) -> None:
    path = tmp_path / "tbij.csv"
    path.write_bytes(TBIJ.encode("utf-16-le"))
    with tacitus.open(str(tmp_path / "s.duckdb")) as store:
        result = import_file(store, get_layout("tbij-drones"), str(path))
    assert result.encoding == "utf-16-le (no BOM)" and result.added == 3


def test_gtd_accepts_a_utf8_bom(tmp_path: Path, gtd_sample: Path) -> None:
    path = tmp_path / "gtd.csv"
    path.write_bytes(b"\xef\xbb\xbf" + gtd_sample.read_bytes())
    with tacitus.open(str(tmp_path / "s.duckdb")) as store:
        result = import_file(store, get_layout("gtd"), str(path))
    assert result.encoding == "utf-8 (BOM)" and result.added > 0
