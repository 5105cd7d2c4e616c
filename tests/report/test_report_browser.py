"""The seed-claims report on GED: built by the real command, rendered in headless Chromium.

Checks what a reader would: no console errors, every chart and map drawn (with its marks), the verdicts and
numbers on the page agree with the library, nothing fetched from the network, and a screenshot that is not blank.
"""

from __future__ import annotations

import json
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
        """return Object.fromEntries(Array.from(document.querySelectorAll('.chart')).map(e => [e.dataset.figure,
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
             [s.dataset.claim, s.dataset.verdict, s.querySelector('.verdict').textContent.trim(), s.innerText])""")
    with open_store(str(ged_store), read_only=True) as store:
        results = [evaluate(store, claim) for claim in load_claims(SEED).claims]
    assert [row[0] for row in shown] == [r.claim.id for r in results]
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
    figures = set(re.findall(r'class="chart" data-kind="[a-z]+" data-figure="([^"]+)"', html))
    assert len(figures) == len(load_claims(SEED).claims) + 7
    assert figures <= set(numbers["figure"])
    claims = load_claims(SEED).claims
    for claim in claims:
        assert f"verdict-{claim.id}" in set(numbers["figure"])
    assert 'download="seed.csv"' in html


def _rendered(driver: object, page: Path) -> int:
    driver.get(page.as_uri())  # type: ignore[attr-defined]
    charts: int = driver.execute_script("return document.querySelectorAll('.chart').length")  # type: ignore[attr-defined]
    for _ in range(300):
        done = driver.execute_script(  # type: ignore[attr-defined]
            "return window.tacitusRendered + window.tacitusFailed.length")
        if done >= charts:
            break
        time.sleep(0.1)
    return charts


def test_charts_are_accessible_downloadable_and_in_the_texts_units(report: Path, browser: object) -> None:
    driver = browser
    charts = _rendered(driver, report)
    js = driver.execute_script  # type: ignore[attr-defined]
    # One description per chart, none per mark (a screen reader once had thousands of points to read).
    described = js("return Array.from(document.querySelectorAll('.chart .chart-wrapper[aria-label]')).length")
    per_mark = js("return document.querySelectorAll('.chart .role-mark [aria-label]:not(.role-title-text)').length")
    assert described == charts and per_mark == 0
    assert js("return document.querySelectorAll('.chart [aria-label]').length") < 3 * charts
    # PNG and SVG download on every chart.
    actions = js("return Array.from(document.querySelectorAll('.chart')).map(c => Array.from("
                 "c.querySelectorAll('.vega-actions a')).map(a => a.textContent).sort().join('|'))")
    assert actions == ["Save as PNG|Save as SVG"] * charts
    # The claim compared per month is charted per month; yearly axes are labelled by year, never by month.
    assert js("return Array.from(document.querySelectorAll('.chart[data-figure=claim-weaker] .role-axis-title text'))"
              ".map(t => t.textContent)") == ["events per month (quarterly mean)"]
    ticks = js("return Array.from(document.querySelectorAll('.chart[data-figure=overview-killed] "
               ".role-axis-label text')).map(t => t.textContent)")
    assert any(re.fullmatch(r"\d{4}", t) for t in ticks) and not any(re.search(r"[A-Za-z]", t) for t in ticks)
    # One panel for the province across its 2010 renaming.
    panels = js("return Array.from(document.querySelectorAll('.chart[data-figure=regions] text')).map(t => "
                "t.textContent)")
    assert "Khyber Pakhtunkhwa (NWFP before 2010)" in panels
    assert "North-West Frontier Province" not in panels and "Khyber Pakhtunkhwa" not in panels


def test_limits_tooltips_and_footer(report: Path) -> None:
    html = report.read_text("utf-8")
    specs = json.loads(html[html.index('id="tacitus-specs">') + len('id="tacitus-specs">'):].split("</script>")[0])
    events_map = next(spec for chart_id, spec in specs.items()
                      if f'id="{chart_id}" class="chart" data-kind="map" data-figure="map-events"' in html)
    assert '"event_id"' in json.dumps(events_map) and '"title":"event"' in json.dumps(events_map, separators=(",", ":"))
    claims = {c.id: c for c in load_claims(SEED).claims}
    section = html[html.index('data-claim="soft-targets"'):]
    section = section[:section.index("</section>")]
    assert 'class="limits"' in section and "one-sided violence" in section and claims["soft-targets"].limits
    footer = html[html.index("<footer>"):]
    assert 'data-dataset="ucdp_ged"' in footer and "version 22.1" in footer and footer.count("<li ") == 1


def test_clicking_an_event_on_the_map_shows_its_claims(report: Path, ged_store: Path, browser: object) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    driver = browser
    _rendered(driver, report)
    js = driver.execute_script  # type: ignore[attr-defined]
    points = driver.find_elements(  # type: ignore[attr-defined]
        "css selector", ".chart[data-figure=map-events] .mark-symbol.role-mark path")
    assert len(points) > 1000  # the mapped GED events
    target = max(points[:400], key=lambda p: p.size["width"])  # a large point: the one under the cursor
    ActionChains(driver).move_to_element(target).pause(0.3).perform()
    tooltip = js("return document.getElementById('vg-tooltip-element').innerText")
    event_id = re.search(r"ev_[0-9a-f]{16}", tooltip)
    assert event_id and "claims (click)" in tooltip and f".event-claims.html#{event_id.group()}" in tooltip
    ActionChains(driver).click().perform()
    for _ in range(100):
        if "event-claims.html" in driver.current_url:  # type: ignore[attr-defined]
            break
        time.sleep(0.1)
    assert driver.current_url == report.with_name("seed.event-claims.html").as_uri() + "#" + event_id.group()
    assert js("return document.getElementById('event').dataset.event") == event_id.group()
    rows = js("return Array.from(document.querySelectorAll('tr.claim')).map(r => Array.from(r.cells).map("
              "c => c.textContent))")
    with open_store(str(ged_store), read_only=True) as store:
        claims = store.claims(event_id.group())
    assert len(rows) == len(claims) > 10
    shown = {(field, value) for field, value, _, _ in rows}
    assert ("country_code", "PAK") in shown and ("gwcode", "770") in shown
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []  # type: ignore[attr-defined]
    driver.get(report.with_name("seed.event-claims.html").as_uri() + "#ev_0000000000000000")  # type: ignore[attr-defined]
    assert "No event ev_0000000000000000" in js("return document.getElementById('event').innerText")
    assert report.with_name("seed.event-claims.html").stat().st_size < 4_000_000
