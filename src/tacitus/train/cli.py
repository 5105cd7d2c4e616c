"""`tacitus train`: learn event, attack and target types from labelled texts the user holds.

    tacitus train --from acled_export.csv -o models/acled-coder
    tacitus train --from gtd.xlsx -o models/gtd-coder --folds 5 --seed 1
    tacitus train --from-store tacitus.duckdb -o models/team-coder
    tacitus train --from labels.jsonl -o models/own-coder

Prints cross-validated precision, recall and F1 per class for the model, the rules and the two combined, on
the same folds. Bad input is one line naming file, line and column, and nothing is written.
"""

from __future__ import annotations

import click

from tacitus.cli_common import reports_errors
from tacitus.train.metrics import ClassScore
from tacitus.train.trainer import FieldReport


def _row(label: str, n: int | str, scores: list[ClassScore | None]) -> str:
    cells = "".join(
        "   " + ("    -     -     -" if s is None else f"{s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}")
        for s in scores
    )
    return f"  {label[:36]:<36} {n!s:>5}{cells}"


def _print_field(report: FieldReport) -> None:
    t = report.thresholds
    override = "never" if t.override > 1 else f"{t.override:.2f}"
    click.echo(
        f"\n{report.field}: {report.examples} examples; combining thresholds fill {t.fill:.2f}, override {override}"
    )
    click.echo(
        f"  {'class':<36} {'n':>5}   {'model P     R    F1':<18}   {'rules P     R    F1':<18}   "
        f"{'combined P  R    F1':<18}"
    )
    kinds = ("model", "rules", "combined")
    tables = {k: {s.label: s for s in getattr(report, k)} for k in kinds}
    for score in report.model:
        click.echo(_row(score.label, score.support, [tables[k].get(score.label) for k in kinds]))
    click.echo("  weighted F1: " + ", ".join(f"{k} {report.weighted[k]:.3f}" for k in kinds))


@click.command("train")
@click.option(
    "--from",
    "source",
    type=click.Path(dir_okay=False),
    help="Labelled file: an ACLED export (notes), a GTD export (summary; CSV or XLSX) or JSONL.",
)
@click.option(
    "--from-store",
    "store",
    type=click.Path(dir_okay=False),
    help="A store whose reviewed or corrected events are the examples.",
)
@click.option(
    "--format",
    "kind",
    type=click.Choice(["acled", "gtd", "jsonl"]),
    help="Layout of --from (default: detected from the file).",
)
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="Model directory to write.")
@click.option(
    "--folds",
    type=click.IntRange(0, 20),
    default=5,
    show_default=True,
    help="Cross-validation folds (0 or 1: no cross-validation, default thresholds).",
)
@click.option("--epochs", type=click.IntRange(1, 200), default=10, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for folds and training.")
@reports_errors
def train_command(
    source: str | None, store: str | None, kind: str | None, output: str, folds: int, epochs: int, seed: int
) -> None:
    """Train a coder (spaCy text classifiers) on labelled examples and compare it with the rules."""
    from tacitus.train.examples import from_store, read_examples
    from tacitus.train.trainer import train_coder

    if (source is None) == (store is None):
        raise click.UsageError("give exactly one of --from FILE and --from-store DB")
    data = from_store(store) if store else read_examples(str(source), kind)
    click.echo(
        f"{data.source_kind}: {len(data.examples):,} labelled examples from {data.rows:,} rows"
        + (f" ({data.skipped:,} without text or labels skipped)" if data.skipped else ""),
        err=True,
    )
    report = train_coder(
        data, output, folds=folds, epochs=epochs, seed=seed, on_step=lambda step: click.echo(f"  {step}", err=True)
    )
    for field_report in report.fields:
        if field_report.model:
            _print_field(field_report)
    if report.skipped_fields:
        click.echo(f"\nnot learned (fewer than two classes): {', '.join(report.skipped_fields)}")
    click.echo(f"\n{report.version} → {report.model_dir}")
