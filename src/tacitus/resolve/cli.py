"""`tacitus resolve`, `tacitus split` and `tacitus link`: the resolution stage on the command line (thin over
tacitus.resolve and tacitus.store.link_labels)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from tacitus.cli_common import (
    check_spark_master,
    db_option,
    progress,
    reports_errors,
    spark_for,
    spark_master_option,
)
from tacitus.store import open_store

if TYPE_CHECKING:
    from rich.progress import TaskID


@click.command("resolve")
@db_option
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Resolution settings YAML (defaults: tacitus/resolve/default.yaml).")
@click.option("--explain", "explain_id", metavar="EVENT_ID",
              help="Do not resolve; say why the records of EVENT_ID were linked, and why near candidates were not.")
@click.option("--fit-from-labels", is_flag=True,
              help="Re-estimate each dataset pair's m probabilities from reviewer-confirmed links first.")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help="Where Splink blocks and scores candidate pairs; spark: the same model on Spark, same links.")
@spark_master_option
@reports_errors
def resolve_command(db: str | None, config_path: str | None, explain_id: str | None, fit_from_labels: bool,
                    engine: str, spark_master: str | None) -> None:
    """Merge records that describe one event (de-duplication and cross-dataset linkage).

    Reviewer decisions (`tacitus link confirm|reject`) are always kept: confirmed pairs are linked, rejected
    pairs never are.
    """
    from tacitus.resolve import explain, load_config, resolve

    # --explain only reads the store
    if explain_id:
        with open_store(db, read_only=True) as store:
            _print_explanation(explain_id, explain(store, explain_id))
        return
    from tacitus.resolve.resolver import STAGES

    check_spark_master(engine, spark_master)
    config = load_config(config_path)
    spark = spark_for(engine, spark_master)  # started before the store opens: a Spark failure leaves it untouched
    with open_store(db) as store, progress() as bar:
        tasks: dict[str, TaskID] = {}

        def step(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(f"resolve: {stage}", total=total, unit=STAGES[stage])
            bar.update(tasks[stage], completed=done, total=total)

        summary = resolve(store, config, fit_from_labels=fit_from_labels, engine=engine, spark=spark, step=step)
    click.echo(
        f"{summary.records:,} records: {summary.events_before:,} events before, {summary.events_after:,} after; "
        f"{summary.moved:,} records moved (u: {summary.u_source or 'n/a'}) → {store.path}"
    )
    for pair, count in summary.merges_by_pair.items():
        click.echo(f"  {pair}: {count:,} events")


def _print_explanation(event_id: str, rows: list[dict[str, Any]]) -> None:
    click.echo(f"event {event_id}: {len(rows)} record(s)")
    for row in rows:
        reason = row["reason"]
        for line in row["why"]:
            click.echo(f"  {row['record_key']} ↔ {line}")
        if not isinstance(reason, dict):
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


@click.group("link")
def link_command() -> None:
    """Record a reviewer's decision on a pair of records; `resolve` keeps it on every run."""


def _label_command(name: str, label: str, doc: str) -> click.Command:
    @click.command(name, help=doc)
    @db_option
    @click.argument("record_a")
    @click.argument("record_b")
    @click.option("--author", help="Who decided (kept with the label).")
    @click.option("--reason", help="Why, in a few words (kept with the label).")
    @reports_errors
    def command(db: str | None, record_a: str, record_b: str, author: str | None, reason: str | None) -> None:
        from tacitus.store.link_labels import add_link_label

        with open_store(db) as store:
            a, b = add_link_label(store, record_a, record_b, label, author=author, reason=reason)
        click.echo(f"{a} ↔ {b}: {label} (applied on the next `tacitus resolve`)")

    return command


link_command.add_command(_label_command(
    "confirm", "confirmed",
    "RECORD_A and RECORD_B (record keys, dataset:record_id) describe one attack: always link them."))
link_command.add_command(_label_command(
    "reject", "rejected", "RECORD_A and RECORD_B describe different attacks: never link them."))
