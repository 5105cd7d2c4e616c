"""Claims files: what parses, and bad input reported as one line naming file, line and field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tacitus.errors import InputError
from tacitus.report import load_claims

ROOT = Path(__file__).resolve().parents[2]
GOOD = """\
title: Test
claims:
  - id: more
    statement: More attacks after the date.
    indicator: events
    filters: {actor: TTP}
    compare:
      type: before_after
      date: 2021-01-01
      months: 12
      expect: increase
"""


def test_a_good_file(claims_file: Callable[[str], Path]) -> None:
    parsed = load_claims(claims_file(GOOD))
    (claim,) = parsed.claims
    assert claim.indicator.name == "events"
    assert claim.compare.before == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert claim.compare.after == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert claim.filters == {"actor": "TTP"}


def test_the_seed_claims_parse() -> None:
    parsed = load_claims(ROOT / "examples" / "seed-claims.yaml")
    assert len(parsed.claims) >= 6
    assert {c.indicator.kind for c in parsed.claims} == {"count", "share", "level"}


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "message"),
    [
        ("indicator: events", "indicator: eventz", 5, "claims[0].indicator", "unknown indicator 'eventz'"),
        ("{actor: TTP}", "{actr: TTP}", 6, "claims[0].filters.actr", "unknown filter 'actr'"),
        ("expect: increase", "expect: up", 11, "claims[0].compare.expect", "expect 'up' is not one of"),
        ("date: 2021-01-01", "date: someday", 9, "claims[0].compare.date", "'someday' is not a date"),
        ("      months: 12\n", "", 8, "claims[0].compare", "give 'months'"),
        ("type: before_after", "type: sideways", 8, "claims[0].compare.type", "type 'sideways' is not one of"),
    ],
)
def test_bad_fields_name_file_line_and_field(claims_file: Callable[[str], Path], old: str, new: str, line: int,
                                             field: str, message: str) -> None:
    path = claims_file(GOOD.replace(old, new))
    with pytest.raises(InputError) as caught:
        load_claims(path)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), line, field)
    assert message in error.message


def test_not_yaml(claims_file: Callable[[str], Path]) -> None:
    path = claims_file("claims: [\n  - id: x\n  bad: {\n")
    with pytest.raises(InputError) as caught:
        load_claims(path)
    assert caught.value.line is not None
    assert str(caught.value).startswith(f"{path}:")


def test_cli_bad_claims_exit_nonzero_and_write_nothing(stepped_db: Path, claims_file: Callable[[str], Path],
                                                       tacitus_cli: Callable[..., CompletedProcess[str]],
                                                       tmp_path: Path) -> None:
    path = claims_file(GOOD.replace("indicator: events", "indicator: eventz"))
    out = tmp_path / "report.html"
    done = tacitus_cli("report", "--db", stepped_db, "--claims", path, "-o", out)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"tacitus: error: {path}:5: field 'claims[0].indicator':")
    assert not out.exists() and not out.with_suffix(".csv").exists()
    assert list(tmp_path.glob(".report*")) == []  # no temporary leftovers either


def test_the_documented_example_parses(tmp_path: Path) -> None:
    """docs/analysis.md's claims example is runnable as written."""
    text = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "claims.yaml"
    path.write_text(block, encoding="utf-8")
    parsed = load_claims(path)
    assert [c.id for c in parsed.claims] == ["fewer-events"]
    assert parsed.claims[0].compare.min_effect == 1.2
    assert parsed.map_periods == [(dt.date(2007, 1, 1), dt.date(2011, 12, 31)),
                                  (dt.date(2012, 1, 1), dt.date(2014, 12, 31))]
