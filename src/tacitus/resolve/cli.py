"""`tacitus resolve` and `tacitus split`: the resolution stage on the command line (thin over tacitus.resolve)."""

from __future__ import annotations

import json

import click

from tacitus.cli_common import db_option, reports_errors
from tacitus.store import open_store


@click.command("resolve")
@db_option
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Resolution settings YAML (defaults: tacitus/resolve/default.yaml).")
@click.option("--explain", "explain_id", metavar="EVENT_ID",
              help="Do not resolve; show why the records of EVENT_ID were linked (match weights).")
@reports_errors
def resolve_command(db: str | None, config_path: str | None, explain_id: str | None) -> None:
    """Merge records that describe one event (de-duplication and cross-dataset linkage)."""
    from tacitus.resolve import explain, load_config, resolve

    # --explain only reads the store
    if explain_id:
        with open_store(db, read_only=True) as store:
            _print_explanation(explain_id, explain(store, explain_id))
        return
    config = load_config(config_path)
    with open_store(db) as store:
        summary = resolve(store, config)
    click.echo(
        f"{summary.records:,} records: {summary.events_before:,} events before, {summary.events_after:,} after; "
        f"{summary.moved:,} records moved (u: {summary.u_source or 'n/a'}) → {store.path}"
    )
    for pair, count in summary.merges_by_pair.items():
        click.echo(f"  {pair}: {count:,} events")


def _print_explanation(event_id: str, rows: list[dict[str, object]]) -> None:
    click.echo(f"event {event_id}: {len(rows)} record(s)")
    for row in rows:
        reason = row["reason"]
        if not isinstance(reason, dict):
            click.echo(f"  {row['record_key']}: founding record (no link needed)")
            continue
        rule = f"; linked by rule {reason['rule']}" if reason.get("rule") else ""
        click.echo(f"  {row['record_key']}: linked to {reason['linked_to']}, match weight {reason['match_weight']:+.2f}"
                   f" (prior {reason['prior_weight']:+.2f}){rule}")
        for name, part in sorted(reason["comparisons"].items()):
            click.echo(f"      {name:<12} {part['level']:<20} {part['weight']:+.2f}")


@click.command("split")
@db_option
@click.argument("event_id")
@click.argument("record_keys", nargs=-1)
@reports_errors
def split_command(db: str | None, event_id: str, record_keys: tuple[str, ...]) -> None:
    """Undo a merge: RECORD_KEYs (default: all records) of EVENT_ID return to events of their own."""
    from tacitus.resolve import split

    with open_store(db) as store:
        moved = split(store, event_id, record_keys)
    for key, new_event in sorted(moved.items()):
        click.echo(f"{key} → {new_event}")
    click.echo(json.dumps({"split": event_id, "records": len(moved)}))
