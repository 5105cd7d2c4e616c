"""The seed-claims report on GED: built by the real command, rendered in headless Chromium.

Checks what a reader would: no console errors, every chart and map drawn (with its marks), the verdicts and
numbers on the page agree with the library, nothing fetched from the network, and a screenshot that is not blank.
"""

from __future__ import annotations

import re
import struct
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pandas as pd
import pytest

from tacitus.report import evaluate, load_claims
from tacitus.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed-claims.yaml"
DISTRICT_POLYGONS = 126


@pytest.fixture(scope="module")
def report(ged_store: Path, tmp_path_factory: pytest.TempPathFactory,
           tacitus_cli: Callable[..., CompletedProcess[str]]) -> Path:
    out = tmp_path_factory.mktemp("report") / "seed.html"
    done = tacitus_cli("report", "--db", ged_store, "--claims", SEED, "-o", out)
    assert done.returncode == 0, done.stderr
    assert f"report: {out}" in done.stdout
    return out


def _png_is_not_blank(data: bytes) -> bool:
    """Decode enough of a PNG to see whether it holds more than a few colours (a blank page holds one)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if kind == b"IDAT":
            chunks.append(data[offset + 8:offset + 8 + length])
        offset += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    return len(set(raw[: 4_000_000])) > 64


def test_report_renders_every_chart_and_map(report: Path, browser: object, tmp_path: Path) -> None:
    driver = browser
    driver.get(report.as_uri())  # type: ignore[attr-defined]
    charts = driver.execute_script("return document.querySelectorAll('.chart').length")  # type: ignore[attr-defined]
    for _ in range(300):  # wait for vega-embed to finish every chart (polling, not timing)
        done = driver.execute_script(  # type: ignore[attr-defined]
            "return window.tacitusRendered + window.tacitusFailed.length")
        if done >= charts:
            break
        time.sleep(0.1)
    assert driver.execute_script("return window.tacitusFailed") == []  # type: ignore[attr-defined]
    assert driver.execute_script("return window.tacitusRendered") == charts  # type: ignore[attr-defined]
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
    assert errors == []

    marks = driver.execute_script(  # type: ignore[attr-defined]
        """return Object.fromEntries(Array.from(document.querySelectorAll('.chart')).map(e => [e.id,
             [e.dataset.kind, e.querySelectorAll('svg').length,
              e.querySelectorAll('svg path, svg rect, svg circle, svg line').length]]))""")
    claims = load_claims(SEED).claims
    assert len(marks) == len(claims) + 7  # one chart per claim; 5 overview charts; 2 maps
    for chart_id, (kind, svgs, count) in marks.items():
        assert svgs >= 1, chart_id
        assert count >= (3 * DISTRICT_POLYGONS if kind == "map" else 10), (chart_id, count)
    assert marks["map-districts"][0] == "map" and marks["map-events"][0] == "map"

    shot = tmp_path / "report.png"
    driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
    assert _png_is_not_blank(shot.read_bytes())


def test_verdicts_on_the_page_follow_from_the_data(report: Path, ged_store: Path, browser: object) -> None:
    driver = browser
    driver.get(report.as_uri())  # type: ignore[attr-defined]
    shown = driver.execute_script(  # type: ignore[attr-defined]
        """return Array.from(document.querySelectorAll('section.claim')).map(s =>
             [s.id, s.dataset.verdict, s.querySelector('.verdict').textContent.trim(), s.innerText])""")
    with open_store(str(ged_store), read_only=True) as store:
        results = [evaluate(store, claim) for claim in load_claims(SEED).claims]
    assert [row[0] for row in shown] == [f"claim-{r.claim.id}-section" for r in results]
    for (_, verdict, badge, text), result in zip(shown, results, strict=True):
        assert verdict == result.verdict
        assert badge.lower() == result.verdict
        assert result.summary in text  # the numbers behind the verdict are on the page
        assert re.search(r"95% CI", text)
    verdicts = {r.verdict for r in results}
    assert "not supported" in verdicts  # GED does not back every claim, and the page says so
    tally = driver.execute_script("return document.getElementById('tally').innerText")  # type: ignore[attr-defined]
    assert f"{sum(r.verdict == 'not supported' for r in results)} not supported" in tally


def test_report_is_self_contained(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html, flags=re.IGNORECASE)
    assert not [t for t in tags if re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", t)]
    assert "@import" not in html and "fonts.googleapis" not in html
    assert "vegaEmbed" in html  # the library is inline, not fetched


def test_csv_holds_every_number_shown(report: Path) -> None:
    numbers = pd.read_csv(report.with_suffix(".csv"))
    assert numbers.columns.tolist() == ["figure", "series", "period", "variable", "value"]
    html = report.read_text(encoding="utf-8")
    figures = set(re.findall(r'<div id="([^"]+)" class="chart"', html))
    assert figures <= set(numbers["figure"])
    claims = load_claims(SEED).claims
    for claim in claims:
        assert f"verdict-{claim.id}" in set(numbers["figure"])
    assert 'download="seed.csv"' in html
