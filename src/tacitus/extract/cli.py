"""`tacitus extract`: reports in, coded events with evidence out (JSONL, CSV or a table), optionally stored.

    tacitus extract report.txt --published 2014-12-20
    tacitus extract feed.jsonl --format csv -o events.csv --db tacitus.duckdb

Bad input (an unreadable file, a JSONL line without text) is reported on one line naming file, line and
field, and skipped; every good document is still processed and written. The exit code is 1 when anything
was skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click
from rich.console import Console
from rich.table import Table

from tacitus.cli_common import check_spark_master, fail, parse_iso_date, progress, spark_for, spark_master_option
from tacitus.errors import InputError
from tacitus.extract.config import ExtractConfig
from tacitus.extract.output import OUTPUT_KEYS, event_row
from tacitus.extract.parallel import available_cores
from tacitus.extract.pipeline import DocResult, Extractor
from tacitus.extract.reader import JSONL_SUFFIXES, iter_inputs
from tacitus.model import REPORT_DATASET
from tacitus.store import open_store
from tacitus.store.base import Document

_TABLE_KEYS = (
    "date",
    "place",
    "admin2",
    "attack_type",
    "target_type",
    "perpetrator",
    "claimed",
    "killed_best",
    "wounded_best",
)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=parse_iso_date, help="Publication date (YYYY-MM-DD) for inputs without one.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here (atomically) instead of stdout.")
@click.option("--db", type=click.Path(dir_okay=False), metavar="FILE|URL",
              help="Also store documents, events and claims in this store (a file or a postgresql:// URL).")
@click.option("--model", help="A coder trained by `tacitus train` (its directory), or a spaCy model package or path "
              "(default: en_core_web_sm if installed, else the PyPI copy).")
@click.option("--no-ner", is_flag=True, help="Rules and gazetteer only, without the statistical NER (faster).")
@click.option(
    "-w", "--workers", "-j", "--jobs", "workers", type=click.IntRange(1, 256), default=available_cores,
    show_default="the cores available", help="Worker processes, each with one loaded pipeline; same output as 1.",
)
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=64, show_default=True)
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: this machine's processes; spark: mapInPandas over Spark partitions.")
@spark_master_option
def extract_command(
    paths: tuple[str, ...],
    published: dt.date | None,
    fmt: str,
    output: str | None,
    db: str | None,
    model: str | None,
    no_ner: bool,
    workers: int,
    batch_size: int,
    engine: str,
    spark_master: str | None,
) -> None:
    """Extract coded events from report texts (.txt, .md, .html, .jsonl, or - for stdin)."""
    check_spark_master(engine, spark_master)
    try:  # a trained coder (tacitus.train) is applied after the rules; see docs/extraction.md
        from tacitus.train.apply import code_results, split_model_option

        model, coder = split_model_option(model)
    except InputError as exc:
        fail(f"cannot load the coder: {exc}")
    config = ExtractConfig(model=model, use_ner=not no_ner, batch_size=batch_size, n_process=workers)
    warnings: list[str] = []
    failures = 0
    documents: list[Document] = []
    records = []

    def good_documents() -> Iterator[Document]:
        nonlocal failures
        for item in iter_inputs(paths, published, warnings):
            while warnings:
                click.echo(f"tacitus: warning: {warnings.pop(0)}", err=True)
            if isinstance(item, InputError):
                failures += 1
                click.echo(f"tacitus: error: {item}", err=True)
                bar.advance(task)  # a skipped input is done too: the count still reaches the total
                continue
            yield item
        for note in warnings:  # notes about the last inputs, which yielded no document after them
            click.echo(f"tacitus: warning: {note}", err=True)

    if output:
        _check_writable(output)
    # Open the store before extracting: a damaged or locked store fails in a second, not after the whole batch.
    store = open_store(db) if db else None
    try:
        extractor = Extractor(config)
        extractor.nlp  # noqa: B018 - fail on a missing model before reading any input
    except (OSError, RuntimeError, ValueError) as exc:
        fail(f"cannot load the extraction pipeline: {str(exc).splitlines()[0]}")
    session = spark_for(engine, spark_master)
    with progress("documents") as bar:
        task = bar.add_task("extracting", total=_document_total(paths))
        results: list[DocResult] = []
        if session is not None:
            from tacitus.spark.extract import pipe_spark

            stream = pipe_spark(config, good_documents(), session=session)
        else:
            stream = extractor.pipe(good_documents())
        for result in stream:
            bar.advance(task)
            for note in result.warnings:
                click.echo(f"tacitus: warning: {result.document.source or result.document.doc_id}: {note}", err=True)
            if result.error:
                failures += 1
                click.echo(
                    f"tacitus: error: {result.document.source or result.document.doc_id}: {result.error}", err=True
                )
                continue
            results.append(result)
    if coder is not None:
        code_results(coder, results)
    for result in results:
        documents.append(result.document)
        records.extend(result.records)
    rows = [event_row(r) for r in records]
    _write(rows, fmt, output)
    if store is not None:
        with store:
            done = store.add_records(records, dataset=REPORT_DATASET, source_path=",".join(paths), documents=documents)
        click.echo(
            f"stored {done.added} new, {done.updated} changed, {done.unchanged} unchanged events in {store.path}",
            err=True,
        )
    click.echo(
        f"{len(records)} events from {len(documents)} documents" + (f"; {failures} skipped" if failures else ""),
        err=True,
    )
    if failures:
        sys.exit(1)


def _document_total(paths: tuple[str, ...]) -> int | None:
    """How many documents the inputs hold, for the progress bar's total and time left: one per text or HTML file,
    one per non-blank line of a JSONL file (counted before extracting, which costs far more); None with stdin,
    which can be read only once."""
    if "-" in paths:
        return None
    total = 0
    for path in paths:
        file = Path(path)
        if not file.is_file():
            total += 1  # an unreadable input is one error line
        elif file.suffix.lower() in JSONL_SUFFIXES:
            with file.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def _check_writable(output: str) -> None:
    """Refuse an -o path that cannot be written before any work is done (the write itself is atomic, later)."""
    folder = Path(output).absolute().parent
    existing = next((p for p in (folder, *folder.parents) if p.exists()), folder)
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(output, f"cannot write here ({existing} is not a writable folder); choose another -o path")


def _write(rows: list[dict[str, Any]], fmt: str, output: str | None) -> None:
    if fmt == "table" and output is None:
        table = Table(show_lines=False)
        for key in _TABLE_KEYS:
            table.add_column(key, overflow="fold")
        for row in rows:
            table.add_row(*("" if row[k] is None else str(row[k]) for k in _TABLE_KEYS))
        Console().print(table)
        return
    if output is None:
        _serialise(rows, fmt, sys.stdout)
        return
    from tacitus.export.output import write_atomically

    try:
        with write_atomically(output) as handle:
            _serialise(rows, fmt, handle)
    except OSError as exc:  # the temporary file's name would mislead: name the path the user gave
        raise InputError(output, f"cannot write ({exc.strerror or exc}); choose another -o path") from exc


def _serialise(rows: list[dict[str, Any]], fmt: str, handle: IO[str]) -> None:
    if fmt == "jsonl":
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return
    keys = list(rows[0]) if rows else [*OUTPUT_KEYS, "evidence"]
    from tacitus.export.csvfile import write_rows  # the one CSV writer (RFC 4180, formula guard)

    cells = ([json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v for v in map(row.get, keys)]
             for row in rows)
    write_rows(handle, keys, cells)
