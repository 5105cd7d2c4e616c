"""A dataset layout is a small mapping from a downloaded file's rows onto the codebook.

Adding a dataset means writing one `Layout` (columns it needs, how to read its id, a `code` function that sets
codebook fields from a row) and registering it; reading, validation, provenance and storage are shared.
Inside `code`, `coded.set(field, value, *columns)` records the value together with the columns it came from,
so every imported value gets a claim that points back to the original cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tacitus.actors import Actor, get_actors
from tacitus.ingest.tabular import Row
from tacitus.model import UNKNOWN_ACTOR, Claim, Record, invalid_value


@dataclass
class Coded:
    """Codebook values being set from one row, each with the source columns behind it."""

    row: Row
    values: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def set(self, name: str, value: Any, *columns: str) -> None:
        problem = invalid_value(name, value)
        if problem:
            raise self.row.error(columns[0] if columns else None, problem)
        self.values[name] = value
        if columns:
            self.columns[name] = columns


def set_perpetrator(
    c: Coded, name: str | None, *columns: str, lookup: Callable[[str], Actor | None] | None = None
) -> None:
    """Code the perpetrator as every source must: the dictionary's label and id for a known actor (GED's "LeJ"
    and GTD's "Lashkar-e-Jhangvi" both become "Lashkar-e-Jhangvi"), the source's own name for an unknown one,
    and "Unknown" when no one is named. The source's spelling stays in the claim's quote and the raw row."""
    if not name or name.casefold() == UNKNOWN_ACTOR.casefold():
        c.set("perpetrator", UNKNOWN_ACTOR, *columns)
        c.set("perpetrator_id", None, *columns)
        return
    actor = (lookup or get_actors().lookup)(name)
    c.set("perpetrator", actor.label if actor else name, *columns)
    c.set("perpetrator_id", actor.id if actor else None, *columns)


@dataclass(frozen=True)
class Layout:
    """How one dataset's file maps onto the codebook."""

    name: str  # CLI name, e.g. "ucdp-ged"
    dataset: str  # stored dataset name, e.g. "ucdp_ged"
    id_column: str
    required: Sequence[str]
    code: Callable[[Coded], None]
    encoding: str = "utf-8"
    description: str = ""
    # Columns dropped from the stored original row (e.g. copyrighted free text in bundled data).
    keep_raw: Callable[[str], bool] = lambda column: True
    # Rows that are not events (totals, blank separators) and are skipped rather than rejected.
    skip: Callable[[Row], bool] = lambda row: False
    record_id: Callable[[Row], str] | None = None
    # When the source last reported or revised the row (ISO date), for its claims' `reported_at`.
    reported_at: Callable[[Row], str | None] | None = None

    def to_record(self, row: Row) -> Record:
        record_id = self.record_id(row) if self.record_id else row.require(self.id_column)
        coded = Coded(row)
        self.code(coded)
        source_id = f"{self.dataset}:{record_id}"
        reported_at = self.reported_at(row) if self.reported_at else None
        claims = [
            Claim(
                field=name,
                value=value,
                source_kind="dataset",
                source_id=source_id,
                column=",".join(coded.columns[name]),
                quote="; ".join(row.cells.get(c, "") for c in coded.columns[name]),
                reported_at=reported_at,
            )
            for name, value in coded.values.items()
            if value is not None and name in coded.columns
        ]
        raw = {k: v for k, v in row.cells.items() if self.keep_raw(k)}
        return Record(self.dataset, record_id, coded.values, claims, raw=raw)
