"""`tacitus report`: test the claims in a YAML file against a store and write the HTML report."""

from __future__ import annotations

import click

from tacitus.cli_common import db_option, progress, reports_errors
from tacitus.errors import StoreError
from tacitus.store import open_store


@click.command("report")
@db_option
@click.option("--claims", "claims_path", required=True, type=click.Path(dir_okay=False),
              help="Claims file (YAML; see docs/analysis.md and examples/seed-claims.yaml).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="HTML file to write; the numbers go beside it with a .csv suffix.")
@reports_errors
def report_command(db: str | None, claims_path: str, output: str) -> None:
    """Test stated claims against the data: verdicts, intervals, charts and maps in one offline HTML file."""
    from tacitus.report.build import build_report, report_steps
    from tacitus.report.claims import load_claims

    claims = load_claims(claims_path)
    with open_store(db, read_only=True) as store, progress("steps") as bar:
        if store.sql("SELECT count(*) AS n FROM events")["n"].iloc[0] == 0:
            raise StoreError(f"{store.path}: the store holds no events; import or extract some first")
        task = bar.add_task("report", total=report_steps(claims))
        report = build_report(store, claims, output,
                              step=lambda what: bar.update(task, advance=1, description=f"report: {what}"))
    tally = ", ".join(f"{r.claim.id}: {r.verdict}" for r in report.results)
    click.echo(f"{len(report.results)} claims ({tally})")
    click.echo(f"report: {report.html}\nnumbers: {report.csv}\nclaims of the mapped events: {report.claims_page}")
