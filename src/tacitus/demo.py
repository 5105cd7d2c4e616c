"""`tacitus demo` / `make demo`: the main job on the bundled data, end to end.

Builds a store from the bundled UCDP GED Pakistan events (idempotent: a second run adds nothing), tests the seed
claims (examples/seed-claims.yaml) against it, writes the report beside the store, and prints where it is.

The claims file ships inside the package (tacitus/report/seed-claims.yaml, a byte-identical copy of
examples/seed-claims.yaml that a test keeps in step), so the demo works from an installed wheel too.
"""

from __future__ import annotations

import webbrowser
from importlib import resources
from pathlib import Path

import click

from tacitus.analysis.series import counts
from tacitus.cli_common import progress
from tacitus.ingest import get_layout, import_file
from tacitus.report import load_claims
from tacitus.report.build import build_report, report_steps
from tacitus.store import open_store

DEMO_DATA = "ucdp_ged_22_1_pakistan.csv.gz"
SEED_CLAIMS = "seed-claims.yaml"


def demo_data_path() -> Path:
    """The bundled GED extract (see data/SOURCES.md for its source, licence and citation)."""
    return Path(str(resources.files("tacitus.data").joinpath(DEMO_DATA)))


def seed_claims_path() -> Path:
    """The packaged copy of examples/seed-claims.yaml."""
    return Path(str(resources.files("tacitus.report").joinpath(SEED_CLAIMS)))


DEMO_ROWS = 6416  # events in the bundled file: the import bar's total


def run_demo(db: str, open_browser: bool = False) -> dict[str, str]:
    """Build the demo store, run the seed-claims report into the store's folder, and return what it wrote."""
    report_path = Path(db).parent / "seed-claims.html"
    claims = load_claims(seed_claims_path())
    with open_store(db) as store, progress("steps") as bar:
        task = bar.add_task("demo: importing UCDP GED", total=DEMO_ROWS + report_steps(claims))
        result = import_file(store, get_layout("ucdp-ged"), str(demo_data_path()),
                             on_row=lambda _: bar.advance(task))
        total = counts(store, "year")
        ttp = counts(store, "year", actor="TTP")
        report = build_report(store, claims, report_path,
                              step=lambda what: bar.update(task, advance=1, description=f"demo: report, {what}"))
    click.echo(
        f"UCDP GED Pakistan: {result.rows_read:,} rows, {result.added:,} new, "
        f"{result.unchanged:,} already in the store"
    )
    click.echo(
        f"{int(total['events'].sum()):,} events {total['period'].iloc[0]}–{total['period'].iloc[-1]}, "
        f"{int(total['killed_best'].sum()):,} killed (best); TTP and factions: {int(ttp['events'].sum()):,} events"
    )
    peak = ttp.sort_values("killed_best").iloc[-1]
    click.echo(f"deadliest TTP year in GED: {peak['period']} ({int(peak['killed_best']):,} killed, best)")
    for claim in report.results:
        click.echo(f"  {claim.verdict:>13}  {claim.claim.statement}")
    outputs = {"store": db, "report": str(report.html.resolve()), "numbers": str(report.csv.resolve()),
               "claims": str(report.claims_page.resolve())}
    for name, path in outputs.items():
        click.echo(f"{name}: {path}")
    if open_browser:
        webbrowser.open(report.html.resolve().as_uri())
    return outputs
