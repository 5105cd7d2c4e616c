"""A dataset layout is a small mapping from a downloaded file's rows onto the codebook.

Adding a dataset means writing one `Layout` and registering it; reading, validation, provenance and storage are
shared. A layout codes rows in one of two ways:
- `crosswalk` (`tacitus.ingest.columns.SqlCrosswalk`): column expressions that code the whole file in DuckDB at
  once. The large datasets (UCDP GED, GTD, ACLED: hundreds of thousands to millions of rows) use this.
- `code`: a Python function over one `Row`, for the small hand-made lists whose quirks (dates with weekdays,
  swapped min/max, stray characters) read more clearly as code than as SQL and whose few hundred rows cost
  nothing to code one by one. Inside `code`, `coded.set(field, value, *columns)` records the value together
  with the columns it came from.
Either way, a value's provenance (the columns it came from) is derived again from the record's raw row when
someone asks for its claims; it is not stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tacitus import validate
from tacitus.actors import Actor, get_actors
from tacitus.ingest.columns import SqlCrosswalk
from tacitus.ingest.tabular import Row
from tacitus.model import UNKNOWN_ACTOR, Claim, Record, invalid_value

TOLLS = tuple((f"{p}_low", f"{p}_best", f"{p}_high") for p in validate.TOLL_PREFIXES)


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

    def check(self, earliest_year: int | None) -> None:
        """The codebook's invariants on the coded row (tacitus.validate), blaming the column behind the value."""
        for name in ("date", "date_end"):
            day = self.values.get(name)
            problem = day and validate.date_problem(day, earliest_year)
            if problem:
                raise self.row.error(self.columns.get(name, (None,))[0], problem)
        for low, best, high in TOLLS:
            problem = validate.toll_problem(self.values.get(low), self.values.get(best), self.values.get(high))
            if problem:
                raise self.row.error(self.columns.get(high, (None,))[0], problem)


def set_perpetrator(c: Coded, name: str | None, *columns: str) -> None:
    """Code the perpetrator as every source must (see `perpetrator_of`)."""
    label, actor_id = perpetrator_of(name)
    c.set("perpetrator", label, *columns)
    c.set("perpetrator_id", actor_id, *columns)


def perpetrator_of(name: str | None, lookup: Callable[[str], Actor | None] | None = None) -> tuple[str, str | None]:
    """(label, actor id): the dictionary's label and id for a known actor (GED's "LeJ" and GTD's
    "Lashkar-e-Jhangvi" both become "Lashkar-e-Jhangvi"), the source's own name for an unknown one, and
    "Unknown" when no one is named. The source's spelling stays in the claim's quote and the raw row."""
    if not name or name.casefold() == UNKNOWN_ACTOR.casefold():
        return UNKNOWN_ACTOR, None
    actor = (lookup or get_actors().lookup)(name)
    return (actor.label, actor.id) if actor else (name, None)


@dataclass(frozen=True)
class Layout:
    """How one dataset's file maps onto the codebook (set exactly one of `crosswalk` and `code`)."""

    name: str  # CLI name, e.g. "ucdp-ged"
    dataset: str  # stored dataset name, e.g. "ucdp_ged"
    id_column: str
    required: Sequence[str]
    crosswalk: SqlCrosswalk | None = None
    code: Callable[[Coded], None] | None = None
    # Columns a crosswalk reads when the file has them (read as empty when it does not).
    optional: Sequence[str] = ()
    description: str = ""
    # Single-byte encodings tried, in order, when a file without a BOM is not UTF-8 (tacitus.ingest.source).
    # Windows-1252 covers latin-1's letters; the hand-made lists also accept plain latin-1, whose C1 control
    # bytes some of their published files contain.
    fallback_encodings: Sequence[str] = ("cp1252",)
    # The earliest year the dataset covers (dates before it are errors); None: tacitus.validate.EARLIEST_YEAR.
    earliest_year: int | None = None
    # Row-coded layouts: rows that are not events (totals, blank separators), skipped rather than rejected.
    skip: Callable[[Row], bool] = lambda row: False
    record_id: Callable[[Row], str] | None = None
    # Row-coded layouts: when the source last reported or revised the row (ISO date), for `reported_at`.
    reported_at: Callable[[Row], str | None] | None = None

    def to_record(self, row: Row) -> Record:
        """A row-coded layout's record, with its claims (what `claims()` derives from the raw row)."""
        assert self.code is not None, f"{self.name} is coded by column expressions"
        record_id = self.record_id(row) if self.record_id else row.require(self.id_column)
        coded = Coded(row)
        self.code(coded)
        coded.check(self.earliest_year)
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
        return Record(self.dataset, record_id, coded.values, claims, raw=dict(row.cells))
