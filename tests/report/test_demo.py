"""`tacitus demo --no-open`: builds the store from the bundled GED data, runs the seed-claims report, says where."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from tacitus.demo import seed_claims_path

ROOT = Path(__file__).resolve().parents[2]


def test_packaged_seed_claims_are_the_example() -> None:
    """The demo reads the packaged copy (it must work from a wheel); it must not drift from examples/."""
    assert seed_claims_path().read_bytes() == (ROOT / "examples" / "seed-claims.yaml").read_bytes()


def test_demo_builds_store_and_report(tmp_path: Path, tacitus_cli: Callable[..., CompletedProcess[str]]) -> None:
    db = tmp_path / "out" / "demo.duckdb"
    done = tacitus_cli("demo", "--db", db, "--no-open")
    assert done.returncode == 0, done.stderr
    report = tmp_path / "out" / "seed-claims.html"
    assert f"report: {report}" in done.stdout
    assert report.stat().st_size > 500_000  # charts, maps and the inline JavaScript
    assert report.with_suffix(".csv").exists()
    assert "6,416 new" in done.stdout
    for verdict in ("supported", "not supported"):
        assert f"  {verdict}  " in done.stdout
