"""Hostile cells through every export format and the HTML report, read back by the tools researchers use.

A store whose text cells hold spreadsheet formulas, markup that once blanked the report (`<!--<script>`), quotes,
commas, bare CRs and CRLFs, U+2028, and a claim id with spaces and dots. Every format is written by the real
`tacitus export` process and read back with pandas, pyarrow, DuckDB and geopandas; the report is opened in
headless Chromium (the report tests' Selenium setup).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from tacitus.export.schema import EVENT_SCHEMA
from tacitus.model import Claim, Record
from tacitus.store import open_store

HOSTILE = [
    '=HYPERLINK("http://example.invalid/?leak","click")',
    "@SUM(A1:A9)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "<!--<script>",
    "</script><b>bold</b>",
    'a "quoted", comma',
    "first line\r\nsecond line",
    "bare\rcarriage return",
    "line\nfeed",
    "para\u2028graph\u2029sep",
    "ordinary town",
]
FORMULA = tuple("=+-@")


def _command() -> list[str]:
    script = Path(sys.executable).with_name("tacitus")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tacitus.cli"]


def _tacitus(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_command(), *map(str, args)], capture_output=True, text=True, timeout=600, check=False)


def _guarded(text: str) -> str:
    return "'" + text if text.startswith(FORMULA) else text


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = []
    for n, text in enumerate(HOSTILE):
        for month in (1, 7):  # two years of events, so the report's series and maps have something to draw
            for year in (2012, 2014):
                key = f"h{n}-{year}-{month}"
                records.append(Record("synthetic", key, {
                    "date": dt.date(year, month, 1 + n), "date_precision": "day", "country": "Pakistan",
                    "country_code": "PAK", "admin1": "Sindh", "admin2": "Karachi", "place": text, "target": text,
                    "perpetrator": "TTP", "actor1": "TTP", "actor2": text, "type_of_violence": 3,
                    "latitude": 24.86 + n / 100, "longitude": 67.0, "geo_precision": 1, "killed_best": 1 + n,
                }, claims=[Claim(field, text, "dataset", f"synthetic:{key}", column=field, quote=f"as written: {text}")
                           for field in ("place", "target")]))
    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    with open_store(str(db)) as store:
        store.add_records(records, dataset="synthetic")
    return db


def _export(db: Path, fmt: str, out: Path, *extra: str) -> None:
    done = _tacitus("export", "--db", db, "--format", fmt, "-o", out, *extra)
    assert done.returncode == 0, done.stderr


def _by_place(frame: pd.DataFrame, column: str) -> list[str]:
    return sorted(set(frame[column]))


@pytest.mark.parametrize("guard", [True, False])
def test_csv_is_rfc4180_and_guards_formulas(hostile_db: Path, tmp_path: Path, guard: bool) -> None:
    out = tmp_path / "events.csv"
    _export(hostile_db, "csv", out, *(() if guard else ("--no-formula-guard",)))
    raw = out.read_bytes()
    assert raw.count(b"\r\n") >= 4 * len(HOSTILE) + 1  # CRLF record ends (RFC 4180)
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(frame) == 4 * len(HOSTILE)
    expected = sorted({_guarded(t) if guard else t for t in HOSTILE})
    assert _by_place(frame, "place") == expected
    assert _by_place(frame, "target") == expected
    # DuckDB's sniffer finds the dialect and the same rows.
    rows = duckdb.sql(f"SELECT place FROM read_csv('{out}', header=true, all_varchar=true)").fetchall()
    assert sorted({r[0] for r in rows}) == expected
    # Numbers are never guarded: longitudes and tolls read back as numbers.
    assert pd.read_csv(out)["killed_best"].dtype.kind == "i"


@pytest.mark.parametrize(("fmt", "column"), [("ucdp", "where_coordinates"), ("gtd", "city"), ("acled", "location")])
def test_dataset_shaped_csv_guards_and_quotes(hostile_db: Path, tmp_path: Path, fmt: str, column: str) -> None:
    out = tmp_path / f"{fmt}.csv"
    _export(hostile_db, fmt, out)
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(frame) == 4 * len(HOSTILE)
    assert _by_place(frame, column) == sorted({_guarded(t) for t in HOSTILE})
    assert duckdb.sql(f"SELECT count(*) FROM read_csv('{out}', header=true, all_varchar=true)").fetchall() == [
        (4 * len(HOSTILE),)]


def test_links_and_stdout_csv(hostile_db: Path, tmp_path: Path) -> None:
    _export(hostile_db, "links", tmp_path / "links.csv")
    assert len(pd.read_csv(tmp_path / "links.csv")) == 4 * len(HOSTILE)
    done = subprocess.run([*_command(), "query", "--db", str(hostile_db), "--format", "csv", "-o", "-",
                           "--columns", "event_id,place"], capture_output=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    (tmp_path / "query.csv").write_bytes(done.stdout)  # bytes as written: text mode would turn CRs into LFs
    frame = pd.read_csv(tmp_path / "query.csv", dtype=str, keep_default_na=False)
    assert _by_place(frame, "place") == sorted({_guarded(t) for t in HOSTILE})


@pytest.mark.parametrize("fmt", ["parquet", "geoparquet"])
def test_parquet_keeps_cells_exactly(hostile_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    _export(hostile_db, fmt, out)
    table = pq.read_table(out)
    assert table.schema.field("place").type == EVENT_SCHEMA.field("place").type
    assert sorted(set(table.column("place").to_pylist())) == sorted(HOSTILE)  # binary formats: no guard needed
    assert duckdb.sql(f"SELECT count(DISTINCT place) FROM read_parquet('{out}')").fetchall() == [(len(HOSTILE),)]
    if fmt == "geoparquet":
        geopandas = pytest.importorskip("geopandas")
        assert sorted(set(geopandas.read_parquet(out)["actor2"])) == sorted(HOSTILE)


def test_geojson_keeps_cells_exactly(hostile_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    _export(hostile_db, "geojson", out)
    features = json.loads(out.read_text("utf-8"))["features"]
    assert sorted({f["properties"]["place"] for f in features}) == sorted(HOSTILE)


CLAIMS = """\
title: "Hostile <!--<script> title </script>"
intro: "An intro with \\u2028 a line separator & an ampersand"
overview: {}
claims:
  - id: "claim id. with spaces.and dots"
    statement: "Statement with <!--<script> inside"
    indicator: events
    filters: {actor: TTP}
    compare: {type: before_after, date: 2013-01-01, before: [2012-01-01, 2012-12-31],
              after: [2014-01-01, 2014-12-31], expect: increase}
    chart_by: year
  - id: "</script>"
    statement: "A second claim"
    indicator: killed
    filters: {actor: TTP}
    compare: {type: before_after, date: 2013-01-01, before: [2012-01-01, 2012-12-31],
              after: [2014-01-01, 2014-12-31], expect: increase}
    chart_by: year
"""


def test_report_draws_every_chart_with_hostile_cells(hostile_db: Path, tmp_path: Path, browser: object) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(CLAIMS, encoding="utf-8")
    out = tmp_path / "hostile.html"
    done = _tacitus("report", "--db", hostile_db, "--claims", claims, "-o", out)
    assert done.returncode == 0, done.stderr
    html = out.read_text("utf-8")
    data = html[html.index('id="tacitus-specs">'):]
    data = data[:data.index("</script>")]
    for raw in ("<!--", "<script", "\u2028", "\u2029"):
        assert raw not in data.split(">", 1)[1]  # the JSON block holds no markup and no raw separators
    assert 'id="claim id.' not in html and 'id="</script>' not in html  # element ids are generated
    driver = browser
    driver.get(out.as_uri())  # type: ignore[attr-defined]
    charts = driver.execute_script("return document.querySelectorAll('.chart').length")  # type: ignore[attr-defined]
    for _ in range(300):  # poll until vega-embed has finished every chart
        done_count = driver.execute_script(  # type: ignore[attr-defined]
            "return window.tacitusRendered + window.tacitusFailed.length")
        if done_count >= charts:
            break
        driver.implicitly_wait(0.1)  # type: ignore[attr-defined]
        driver.execute_script("return new Promise(r => setTimeout(r, 100))")  # type: ignore[attr-defined]
    assert driver.execute_script("return window.tacitusFailed") == []  # type: ignore[attr-defined]
    assert driver.execute_script("return window.tacitusRendered") == charts >= 4  # type: ignore[attr-defined]
    svgs = driver.execute_script("return document.querySelectorAll('.chart svg').length")  # type: ignore[attr-defined]
    assert svgs >= charts
    title = driver.execute_script("return document.querySelector('h1').textContent")  # type: ignore[attr-defined]
    assert title == "Hostile <!--<script> title </script>"
    sections = driver.execute_script(  # type: ignore[attr-defined]
        "return [...document.querySelectorAll('section.claim')].map(s => s.dataset.claim)")
    assert sections == ["claim id. with spaces.and dots", "</script>"]


def test_the_claims_page_shows_hostile_cells_as_text(hostile_db: Path, tmp_path: Path, browser: object) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(CLAIMS, encoding="utf-8")
    out = tmp_path / "hostile report.html"  # a space in the name: the map's links must quote it
    done = _tacitus("report", "--db", hostile_db, "--claims", claims, "-o", out)
    assert done.returncode == 0, done.stderr
    page = tmp_path / "hostile report.event-claims.html"
    html = page.read_text("utf-8")
    data = html[html.index('id="tacitus-event-claims">'):]
    data = data[:data.index("</script>")].split(">", 1)[1]
    for raw in ("<!--", "<script", "</script", "\u2028", "\u2029"):
        assert raw not in data
    with open_store(str(hostile_db), read_only=True) as store:
        events = store.events()
    driver = browser
    js = driver.execute_script  # type: ignore[attr-defined]
    for place in HOSTILE:
        event_id = str(events.loc[events["place"] == place, "event_id"].iloc[0])
        driver.get(page.as_uri() + "#" + event_id)  # type: ignore[attr-defined]
        cells = js("return Array.from(document.querySelectorAll('tr.claim')).map(r => Array.from(r.cells).map("
                   "c => c.textContent))")
        assert ["place", place, "place", f"as written: {place}"] in cells, (place, cells)
        assert js("return document.querySelectorAll('#event b, #event script').length") == 0
    assert js("return document.getElementById('back').getAttribute('href')") == "hostile report.html#maps"
    assert "Hostile <!--<script> title </script>" in js("return document.title")
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []  # type: ignore[attr-defined]
    report_html = out.read_text("utf-8")
    assert "hostile%20report.event-claims.html#" in report_html  # the link prefix, URL-quoted, in the map spec
    assert "hostile report.event-claims" not in report_html
