"""Build the claims report: one self-contained HTML file (and a CSV of every number it shows).

Self-contained means it opens from a laptop on a plane: the Vega, Vega-Lite and vega-embed JavaScript is inlined
(bundled by `vl-convert-python`, so no CDN), chart data is inline, maps are drawn from inline GeoJSON (no tiles),
and the page uses system fonts. The CSV is both written beside the HTML and embedded in it as a download link.
"""

from __future__ import annotations

import datetime as dt
import itertools
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

import tacitus
from tacitus.analysis.conflict_index import conflict_index
from tacitus.analysis.geography import region_counts
from tacitus.analysis.groups import group_counts
from tacitus.analysis.series import counts
from tacitus.export.csvfile import csv_text as csv_text_of
from tacitus.export.output import write_atomically
from tacitus.export.sources import DatasetSource, dataset_sources
from tacitus.report.charts import VERDICT_COLOURS, Figure, claim_figure, series_figure, small_multiples
from tacitus.report.claims import ClaimsFile
from tacitus.report.event_claims import claims_page, claims_page_path
from tacitus.report.inline import script_json
from tacitus.report.maps import choropleths, event_map, located_events
from tacitus.report.verdicts import ClaimResult, evaluate
from tacitus.store import Store

TOP_GROUPS = 8


@dataclass(frozen=True)
class Report:
    """What a report build produced."""

    html: Path
    csv: Path
    claims_page: Path
    results: list[ClaimResult]
    figures: list[Figure]


@cache
def vega_javascript() -> str:
    """vega, vega-lite and vega-embed as one inline script (from vl-convert-python; no network)."""
    import vl_convert

    bundle: str = vl_convert.javascript_bundle(None)  # type: ignore[arg-type]  # None: the default snippet
    return bundle.replace("</script", "<\\/script")


def _selection_label(filters: dict[str, Any]) -> str:
    if not filters:
        return "all events"
    return ", ".join(f"{k}={'/'.join(map(str, v)) if isinstance(v, list) else v}" for k, v in filters.items())


def _map_periods(store: Store, filters: dict[str, Any]) -> list[tuple[dt.date, dt.date]]:
    """Three periods of whole years splitting the selected events' span (or the claims file's own)."""
    years = counts(store, "year", **filters)["period"].astype(int)
    if years.empty:
        return []
    first, last = int(years.min()), int(years.max())
    size = max((last - first + 1) // 3, 1)
    cuts = [first, first + size, first + 2 * size, last + 1]
    return [(dt.date(a, 1, 1), dt.date(b - 1, 12, 31)) for a, b in itertools.pairwise(cuts) if a < b]


def overview_figures(store: Store, filters: dict[str, Any],
                     periods: list[tuple[dt.date, dt.date]] | None = None,
                     claims_page_name: str | None = None) -> list[Figure]:
    """Series, small multiples and maps for the whole store and the overview selection (the event map's points
    linked to `claims_page_name`, when given)."""
    label = _selection_label(filters)
    selections: list[tuple[str, dict[str, Any]]] = [("all events", {})]
    if filters:
        selections.append((label, filters))
    quarterly = pd.concat([counts(store, "quarter", **f).assign(series=name) for name, f in selections])
    yearly = pd.concat([counts(store, "year", **f).assign(series=name) for name, f in selections])
    figures = [
        series_figure("overview-events", "events per quarter", quarterly, "events", None, None),
        series_figure("overview-killed", "killed per year (best; band: low–high)", yearly,
                      "killed_best", "killed_low", "killed_high"),
    ]
    regions = one_panel_per_province(region_counts(store, "year", **filters))
    figures.append(small_multiples("regions", f"events per year by province ({label}; FATA until its 2018 merger)",
                                   regions, "admin1", "events"))
    groups = group_counts(store, "year", **{k: v for k, v in filters.items() if k not in ("actor", "factions")})
    top = groups.groupby("group")["events"].sum().nlargest(TOP_GROUPS).index
    figures.append(small_multiples("groups", f"events per year of the {TOP_GROUPS} most active armed groups",
                                   groups[groups["group"].isin(top)], "group", "events"))
    index = conflict_index(store, **filters)
    melted = index.melt(id_vars="period", value_vars=["deadliness", "danger_to_civilians", "diffusion",
                                                       "fragmentation"], var_name="indicator", value_name="value")
    figures.append(small_multiples("conflict-index", f"ACLED Conflict Index indicators per year ({label})",
                                   melted, "indicator", "value", shared_y=False))
    periods = periods or _map_periods(store, filters)
    placed = located_events(store.events(**filters))
    figures.append(event_map("map-events", f"where events happened ({label}); size: killed; click: its claims",
                             placed, periods, claims_page_name))
    figures.append(choropleths("map-districts", f"events per district ({label})", placed, periods))
    return figures


def one_panel_per_province(regions: pd.DataFrame) -> pd.DataFrame:
    """Region counts with a renamed province under one name: NWFP became Khyber Pakhtunkhwa in 2010, and one
    panel shows its whole series. FATA stays apart: it was a different unit until the 2018 merger."""
    from tacitus.geo.admin import NWFP, PROVINCE_NAMES

    kp = f"{PROVINCE_NAMES['KP']} (NWFP before 2010)"
    renamed = regions.assign(admin1=regions["admin1"].replace({NWFP: kp, PROVINCE_NAMES["KP"]: kp}))
    return renamed.groupby(["period", "admin1"])["events"].sum().reset_index()


def numbers_table(results: list[ClaimResult], figures: list[Figure]) -> pd.DataFrame:
    """Every number the report shows, long format: figure, series, period, variable, value."""
    verdict_rows = []
    for r in results:
        e = r.effect
        for variable, value in (("estimate", e.estimate), ("ci_low", e.low), ("ci_high", e.high),
                                ("no_change", e.null), ("claimed_size", r.threshold), ("before", e.before),
                                ("after", e.after), ("n_before", e.n_before), ("n_after", e.n_after)):
            verdict_rows.append({"figure": f"verdict-{r.claim.id}", "series": r.verdict, "period": e.measure,
                                 "variable": variable, "value": value})
    frames = [pd.DataFrame(verdict_rows), *(f.numbers for f in figures)]
    table = pd.concat(frames, ignore_index=True)
    return table[["figure", "series", "period", "variable", "value"]]


def accessible(figure: Figure) -> dict[str, Any]:
    """The figure's spec with one description for the whole chart (its title) and no ARIA label per mark:
    thousands of labelled points made a screen reader read every event."""
    config = {**figure.spec.get("config", {}), "aria": False}
    return {**figure.spec, "description": figure.title, "config": config}


def _charts(figures: list[Figure], first: int) -> list[tuple[str, Figure]]:
    """Figures with generated element ids (`chart-N`): ids never come from user strings such as claim ids."""
    return [(f"chart-{n}", figure) for n, figure in enumerate(figures, start=first)]


def render(claims: ClaimsFile, results: list[ClaimResult], claim_figures: list[Figure],
           overview: list[Figure], csv_text: str, csv_name: str, sources: Sequence[DatasetSource] = ()) -> str:
    """The HTML text of the report."""
    template_text = resources.files("tacitus.report").joinpath("report.html.j2").read_text("utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    verdict_counts = {v: sum(r.verdict == v for r in results) for v in VERDICT_COLOURS}
    claim_charts = _charts(claim_figures, 1)
    overview_charts = _charts([f for f in overview if f.kind == "chart"], len(claim_charts) + 1)
    map_charts = _charts([f for f in overview if f.kind == "map"], len(claim_charts) + len(overview_charts) + 1)
    specs = {chart_id: accessible(figure) for chart_id, figure in [*claim_charts, *overview_charts, *map_charts]}
    return env.from_string(template_text).render(
        title=claims.title,
        intro=claims.intro,
        claims_path=Path(claims.path).name,
        items=[(r, chart_id, figure) for r, (chart_id, figure) in zip(results, claim_charts, strict=True)],
        overview=overview_charts,
        maps=map_charts,
        specs_json=script_json(specs),
        colours=VERDICT_COLOURS,
        verdict_counts=verdict_counts,
        csv_href="data:text/csv;charset=utf-8," + urllib.parse.quote(csv_text),
        csv_name=csv_name,
        vega_js=vega_javascript(),
        version=tacitus.__version__,
        built=dt.date.today().isoformat(),
        overview_label=_selection_label(claims.overview),
        sources=list(sources),
    )


def report_steps(claims: ClaimsFile) -> int:
    """How many times `build_report` calls its `step` callback: one per claim, the overview, the claims page of
    the mapped events, the writing."""
    return len(claims.claims) + 3


def build_report(store: Store, claims: ClaimsFile, output: str | Path,
                 step: Callable[[str], None] | None = None) -> Report:
    """Test every claim, draw the figures, and write `output` (HTML), `output` with .csv (the numbers) and the
    claims page of the events on the map beside it (tacitus.report.event_claims).

    `step(what)` is called after each of `report_steps(claims)` steps (a progress bar's tick).
    """
    tick = step or (lambda _what: None)
    html_path = Path(output)
    csv_path = html_path.with_suffix(".csv")
    page_path = claims_page_path(html_path)
    results = []
    for claim in claims.claims:
        results.append(evaluate(store, claim))
        tick(f"claim {claim.id}")
    claim_figures = [claim_figure(r) for r in results]
    overview = overview_figures(store, claims.overview, claims.map_periods or None, page_path.name)
    tick("overview and maps")
    mapped = sorted({event for figure in overview for event in figure.events})
    page = claims_page(store, mapped, claims.title, html_path.name)
    tick("claims of the mapped events")
    table = numbers_table(results, [*claim_figures, *overview])
    csv_text = csv_text_of(table)
    html = render(claims, results, claim_figures, overview, csv_text, csv_path.name, dataset_sources(store))
    with write_atomically(str(csv_path)) as handle:
        handle.write(csv_text)
    with write_atomically(str(page_path)) as handle:
        handle.write(page)
    with write_atomically(str(html_path)) as handle:
        handle.write(html)
    tick("written")
    return Report(html_path, csv_path, page_path, results, [*claim_figures, *overview])
