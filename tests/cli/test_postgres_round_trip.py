"""Every command that takes `--db` works on a postgresql:// URL and answers as it does on a DuckDB file (issue 9).

Real processes against a real PostgreSQL server (the session's throwaway cluster): import the bundled GED's first
ROWS rows (all of it would only take longer), resolve, query, export, stats, report, doctor, extract, users, serve.
The DuckDB file beside it gets the same commands, and the outputs that do not name the store must be byte for byte
the same.
"""

from __future__ import annotations

import csv
import gzip
import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tacitus.store import open_store

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_GED = ROOT / "src" / "tacitus" / "data" / "ucdp_ged_22_1_pakistan.csv.gz"
ROWS = 1_000
REPORT = ROOT / "tests" / "fixtures" / "reports" / "two_incidents.txt"
CLAIMS = """title: One claim
claims:
  - id: fewer
    statement: The TTP was involved in fewer events in 2012-2014 than in 2008-2011.
    indicator: events
    filters: {actor: TTP}
    compare:
      type: before_after
      date: 2012-01-01
      before: [2008-01-01, 2011-12-31]
      after: [2012-01-01, 2014-12-31]
      expect: decrease
"""


@pytest.mark.slow
def test_every_db_command_on_postgresql(tmp_path: Path, postgres_cluster: Any, tacitus_argv: list[str],
                                        tacitus_cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    url = postgres_cluster.create_database("round_trip")
    file = str(tmp_path / "same.duckdb")
    ged = tmp_path / "ged.csv"
    with gzip.open(BUNDLED_GED, "rt", encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))
    with ged.open("w", encoding="utf-8", newline="") as sliced:
        csv.writer(sliced).writerows(rows[: ROWS + 2])  # the header, GED's HXL row, and ROWS events

    def both(*args: str | Path) -> list[str]:
        """Run the command on each store; both must succeed; their standard outputs."""
        outputs = []
        for db in (url, file):
            done = tacitus_cli(*args, "--db", db)
            assert done.returncode == 0, (db, args, done.stderr)
            outputs.append(done.stdout)
        return outputs

    imported = both("import", "ucdp-ged", ged)
    assert all(f"{ROWS:,} added" in out for out in imported)
    resolved = both("resolve")
    assert resolved[0].replace(url, file) == resolved[1]
    queried = both("query", "--start", "2007", "--end", "2012", "--format", "csv", "-o", "-")
    assert queried[0] == queried[1] and queried[0].count("\n") > 10
    stats = both("stats", "--format", "csv", "-o", "-")
    assert stats[0] == stats[1]
    for fmt in ("csv", "ucdp", "links"):
        written = []
        for number, db in enumerate((url, file)):
            done = tacitus_cli("export", "--db", db, "--format", fmt, "-o", tmp_path / f"{fmt}-{number}")
            assert done.returncode == 0, done.stderr
            written.append((tmp_path / f"{fmt}-{number}").read_bytes())
        assert written[0] == written[1], fmt

    claims = tmp_path / "claims.yaml"
    claims.write_text(CLAIMS, encoding="utf-8")
    report = tacitus_cli("report", "--db", url, "--claims", claims, "-o", tmp_path / "report.html")
    assert report.returncode == 0, report.stderr
    assert "fewer" in (tmp_path / "report.csv").read_text(encoding="utf-8")
    doctor = tacitus_cli("doctor", "--db", url)
    assert doctor.returncode == 0 and "no problems found" in doctor.stdout, doctor.stdout
    extracted = tacitus_cli("extract", REPORT, "--db", url, "-o", tmp_path / "extracted.jsonl")
    assert extracted.returncode == 0, extracted.stderr
    with open_store(url, read_only=True) as store:
        assert store.counts()["documents"] == 1 and store.counts()["events"] > ROWS / 2

    added = subprocess.run([*tacitus_argv, "users", "add", "rita", "--role", "reviewer", "--password-stdin", "--db",
                            url], input="a long enough password\n", capture_output=True, text=True, check=False)
    assert added.returncode == 0, added.stderr
    token = tacitus_cli("users", "token", "rita", "--db", url).stdout.strip().splitlines()[-1]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([*tacitus_argv, "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        asked = urllib.request.Request(f"http://127.0.0.1:{port}/api/events?status=all&limit=1",
                                       headers={"Authorization": f"Bearer {token}"})
        for _ in range(300):
            try:
                with urllib.request.urlopen(asked, timeout=30) as reply:
                    assert json.loads(reply.read())["total"] > ROWS / 2
                break
            except urllib.error.URLError:
                assert server.poll() is None, "the server exited"
                time.sleep(0.2)
        else:
            raise AssertionError("the server did not answer within a minute")
    finally:
        server.terminate()
        server.wait(timeout=30)
