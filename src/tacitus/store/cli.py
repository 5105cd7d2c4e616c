"""`tacitus doctor`: the store's health check as a command (the checks live in tacitus.store.doctor)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tacitus.cli_common import db_option
from tacitus.errors import StoreError
from tacitus.store import default_db_path, open_store
from tacitus.store.connection import connect, is_postgres, shown
from tacitus.store.doctor import Finding, examine, repair


@click.command("doctor")
@db_option
@click.option("--fix", is_flag=True, help="Repair what can be repaired safely, in one transaction.")
def doctor_command(db: str | None, fix: bool) -> None:
    """Check a store: schema, codebook invariants, evidence spans, links and orphans; exit 1 if problems remain.

    Without --fix the store is opened read-only and nothing changes.
    """
    path = db or str(default_db_path())
    if not is_postgres(path) and not Path(path).is_file():
        raise StoreError(f"{path}: no such store")
    click.echo(f"store: {shown(path)}")
    if fix:
        with open_store(path) as store:  # brings an old schema forward, like every writing command
            findings, state = examine(store.con)  # type: ignore[attr-defined]
            if any(f.failed and f.fixable for f in findings):
                for line in repair(store, state):
                    click.echo(f"fixed {line}")
                findings, _ = examine(store.con)  # type: ignore[attr-defined]
    else:
        with connect(path, read_only=True) as con:
            findings, _ = examine(con)
    _report(findings, fix)


def _report(findings: list[Finding], fixed: bool) -> None:
    for finding in findings:
        click.echo(finding.line())
    failing = [f for f in findings if f.failed]
    if not failing:
        click.echo("no problems found")
        return
    fixable = sum(1 for f in failing if f.fixable)
    hint = f"; {fixable} can be repaired with --fix" if fixable and not fixed else ""
    click.echo(f"{len(failing)} check(s) failed{hint}")
    sys.exit(1)
