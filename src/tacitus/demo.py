"""`tacitus demo` / `make demo`: the main job on the bundled data, end to end.

Builds a store from the bundled UCDP GED Pakistan events (idempotent: a second run adds nothing) and prints a
short summary with where the outputs are.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from tacitus.analysis.series import period_counts
from tacitus.ingest import get_layout, import_file
from tacitus.store import open_store

DEMO_DATA = "ucdp_ged_22_1_pakistan.csv.gz"


def demo_data_path() -> Path:
    """The bundled GED extract (see data/SOURCES.md for its source, licence and citation)."""
    return Path(str(resources.files("tacitus.data").joinpath(DEMO_DATA)))


def run_demo(db: str, open_browser: bool = False) -> dict[str, str]:
    """Build the demo store and return the paths of what it wrote."""
    outputs = {"store": db}
    with open_store(db) as store:
        result = import_file(store, get_layout("ucdp-ged"), str(demo_data_path()))
        events = store.events()
        ttp = store.events(actor="TTP")
    click.echo(
        f"UCDP GED Pakistan: {result.rows_read:,} rows, {result.added:,} new, "
        f"{result.unchanged:,} already in the store"
    )
    click.echo(
        f"{len(events):,} events {events['date'].min()} – {events['date'].max()}, "
        f"{int(events['killed_best'].sum()):,} killed (best); TTP and factions: {len(ttp):,} events"
    )
    peak = period_counts(ttp, "year").sort_values("killed_best").iloc[-1]
    click.echo(f"deadliest TTP year in GED: {peak['period']} ({int(peak['killed_best']):,} killed, best)")
    for name, path in outputs.items():
        click.echo(f"{name}: {path}")
    return outputs
