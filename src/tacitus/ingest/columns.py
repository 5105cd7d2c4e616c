"""A dataset's crosswalk as column expressions: SQL that codes every row of a file at once.

A `SqlCrosswalk` is what a layout declares instead of a per-row Python function:
- `lets`: named intermediate columns (parsed numbers and dates, cleaned text), in order; each may use earlier ones;
- `checks`: the ways a row can be wrong, each naming the column to blame and an SQL message; the first failing
  check of the first failing row becomes the one error line a user sees (file, line, field);
- `lookups`: values that need Python over *distinct* inputs (admin units on a date, actor names, country codes):
  computed once per distinct key, joined back, never once per row;
- `outputs`: codebook fields, each with its value and the source columns behind it (`Source`), which is what a
  claim cites. Claims are not stored: `claims_sql` re-runs `lets` over a record's raw row to say which columns
  each value came from, and reads the value from the record itself.

The parsing helpers below mirror `tacitus.ingest.tabular.Row` (the same missing-value words, the same
"whole number" rule) and take their limits from `tacitus.validate`, so a value means the same whichever crosswalk
reads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tacitus import validate

MISSING_WORDS = ("", "na", "n/a", "nan", "null", "none")
_WHITESPACE = " \t\n\r\x0b\x0c\xa0"


def ident(name: str) -> str:
    """A column name as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: object) -> str:
    """A Python constant as an SQL literal (names and dates from layouts, never user input)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


# Parsed forms of a cell (text, number, decimal) are columns named with these prefixes. Checks and outputs name
# them many times; `cell_forms` computes each one that is named once per row, before anything reads it.
def _text_sql(column: str) -> str:
    trimmed = f"trim({ident(column)}, {literal(_WHITESPACE)})"
    words = ", ".join(map(literal, MISSING_WORDS))
    # Only short cells can be a missing word: the length test spares the comparison for nearly every cell.
    # list_contains, not IN: DuckDB plans IN (...) as a join per column, which no unused column escapes.
    missing = f"length({trimmed}) <= 4 AND list_contains([{words}], lower({trimmed}))"
    return f"CASE WHEN {missing} THEN NULL ELSE {trimmed} END"


def _number_sql(column: str) -> str:
    # The cast ignores surrounding blanks, so the cell is not cleaned first; 'nan' is a missing-value word.
    value = f"TRY_CAST(replace({ident(column)}, ',', '') AS DOUBLE)"
    return f"CASE WHEN isnan({value}) THEN NULL ELSE {value} END"


def _real_sql(column: str) -> str:
    value = f"TRY_CAST({ident(column)} AS DOUBLE)"
    return f"CASE WHEN isnan({value}) THEN NULL ELSE {value} END"


_FORM_SQL = {"_t_": _text_sql, "_n_": _number_sql, "_r_": _real_sql}


def cell_forms(sql: str, columns: Sequence[str]) -> dict[str, str]:
    """Every parsed cell form that `sql` (all of a crosswalk's SQL) names: quoted name → SQL."""
    forms = {
        ident(prefix + c): make(c) for c in columns for prefix, make in _FORM_SQL.items() if ident(prefix + c) in sql
    }
    return forms or {"_no_forms": "NULL"}


def select_list(columns: dict[str, str]) -> str:
    return ", ".join(f"{sql} AS {name}" for name, sql in columns.items())


def text(column: str) -> str:
    """The cell trimmed, NULL when empty or a missing-value word (Row.text)."""
    return ident("_t_" + column)


def fold(sql: str) -> str:
    """Text with runs of blanks made one space, trimmed and lower-cased: how names are compared (`str.casefold`
    after `" ".join(text.split())` in Python)."""
    return f"lower(trim(regexp_replace({sql}, '\\s+', ' ', 'g')))"


def case(sql: str, mapping: Mapping[Any, Any]) -> str:
    """`sql` mapped through a table of constants (NULL for anything the table lacks)."""
    whens = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in mapping.items())
    return f"CASE {sql} {whens} END"


def shown(sql: str) -> str:
    """A cell quoted in a message the way Python's repr() quotes it."""
    return f"CASE WHEN contains({sql}, '''') THEN '\"' || {sql} || '\"' ELSE '''' || {sql} || '''' END"


def number(column: str) -> str:
    """The cell as a DOUBLE (thousands separators dropped), NULL when empty, missing or not a number."""
    return ident("_n_" + column)


def date_text(column: str) -> str:
    """The cell with a time of day cut off ('2014-12-16 00:00:00.000' → '2014-12-16'), as Row.date does."""
    t = text(column)
    return f"CASE WHEN regexp_matches({t}, '^\\d{{4}}-\\d') THEN regexp_extract({t}, '^[^ T]*') ELSE {t} END"


def date(column: str, formats: Sequence[str] = ("%Y-%m-%d",)) -> str:
    """The cell as a DATE by the first format that fits, NULL when empty or no format fits (years past 9999
    included: Python's dates, and every dataset's, end there)."""
    if tuple(formats) == ("%Y-%m-%d",):  # the common case, without the cost of strptime
        head = f"split_part(split_part(trim({ident(column)}), ' ', 1), 'T', 1)"
        return f"CASE WHEN length({head}) <= 10 THEN TRY_CAST({head} AS DATE) END"
    fmts = "[" + ", ".join(literal(f) for f in formats) + "]"
    return f"CAST(try_strptime({date_text(column)}, {fmts}) AS DATE)"


@dataclass(frozen=True)
class Check:
    """One way a row can be wrong: `bad` is SQL that is true for a wrong row, `message` SQL text for it."""

    column: str | None
    bad: str
    message: str


def number_checks(column: str, *, count: bool = False, missing: Sequence[int] = ()) -> list[Check]:
    """A cell that must be a whole number (and, for a count, in 0..MAX_COUNT unless it is a missing code)."""
    t, n = text(column), number(column)
    checks = [
        Check(column, f"{n} IS NULL AND {t} IS NOT NULL", f"{shown(t)} || ' is not a number'"),
        Check(column, f"NOT isfinite({n})", f"{shown(t)} || ' is not a count'"),
        Check(column, f"{n} <> trunc({n})", f"{shown(t)} || ' is not a whole number'"),
    ]
    if count:
        codes = f" AND {n} NOT IN ({', '.join(map(literal, missing))})" if missing else ""
        checks += [
            Check(
                column, f"{n} < 0{codes}", f"coalesce(CAST(TRY_CAST({n} AS HUGEINT) AS VARCHAR), {t}) || ' is negative'"
            ),
            Check(
                column,
                f"{n} > {validate.MAX_COUNT}",
                f"{shown(t)} || ' is not a plausible count (more than {validate.MAX_COUNT:,})'",
            ),
        ]
    else:
        checks.append(Check(column, f"abs({n}) > 9.2e18", f"{shown(t)} || ' is out of range'"))
    return checks


def integer(column: str, missing: Sequence[int] = ()) -> str:
    """The cell as a BIGINT (after `number_checks`), NULL when empty or one of the `missing` codes."""
    n = number(column)
    if missing:
        return f"CASE WHEN {n} IN ({', '.join(map(literal, missing))}) THEN NULL ELSE TRY_CAST({n} AS BIGINT) END"
    return f"TRY_CAST({n} AS BIGINT)"


def real_checks(column: str, low: float, high: float) -> list[Check]:
    """A decimal cell (a coordinate) that must be a number in low..high."""
    t, n = text(column), real(column)
    return [
        Check(column, f"{n} IS NULL AND {t} IS NOT NULL", f"{shown(t)} || ' is not a number'"),
        Check(column, f"NOT ({n} BETWEEN {low} AND {high})", f"{t} || ' is outside {low}..{high}'"),
    ]


def real(column: str) -> str:
    """A decimal cell (coordinates) as DOUBLE; unlike counts, no thousands separators."""
    return ident("_r_" + column)


def date_checks(
    column: str, value: str, earliest_year: int | None, message: str = "is not a valid date"
) -> list[Check]:
    """A date cell: parseable, not in the future, not before the dataset's earliest year (validate)."""
    t = text(column)
    earliest = validate.earliest_date(earliest_year)
    return [
        Check(column, f"{value} IS NULL AND {t} IS NOT NULL", f"{shown(t)} || ' {message}'"),
        Check(column, f"{value} > current_date", f"CAST({value} AS VARCHAR) || ' is in the future'"),
        Check(column, f"{value} < {literal(earliest)}", f"CAST({value} AS VARCHAR) || ' is before {earliest.year}'"),
    ]


def required(column: str) -> Check:
    return Check(column, f"{text(column)} IS NULL", "'is empty'")


@dataclass(frozen=True)
class Source:
    """The columns a value came from, when `when` (SQL over lets; None: always) holds."""

    columns: tuple[str, ...]
    when: str | None = None


@dataclass(frozen=True)
class Output:
    """A codebook field: its SQL value and where it came from (first `Source` whose condition holds)."""

    name: str
    value: str
    sources: tuple[Source, ...]


def out(name: str, value: str, *columns: str) -> Output:
    return Output(name, value, (Source(columns),))


@dataclass(frozen=True)
class Lookup:
    """Values computed in Python once per distinct key: `keys` are SQL over lets, `fn` maps a key tuple to the
    output tuple; `Output` expressions read them as columns named `<name>_<output>` (e.g. `admin_admin1`)."""

    name: str
    keys: tuple[str, ...]
    outputs: tuple[tuple[str, str], ...]
    fn: Callable[..., tuple[Any, ...]]


@dataclass(frozen=True)
class SqlCrosswalk:
    """A dataset's coding as SQL (see the module docstring)."""

    lets: tuple[tuple[str, str], ...]
    checks: tuple[Check, ...]
    outputs: tuple[Output, ...]
    record_id: str
    lookups: tuple[Lookup, ...] = ()
    reported_at: str = "NULL"
    skip: str = "FALSE"
    # Coordinates to check against the country's outline (validate.coordinate_problems): (iso3, lat, lon) SQL.
    coordinates: tuple[str, str, str] | None = None
    columns: frozenset[str] = field(default_factory=frozenset)

    def let_list(self) -> str:
        return ", ".join(f"{sql} AS {ident(name)}" for name, sql in self.lets)

    def sql_text(self) -> str:
        """All of the crosswalk's SQL, to find which cell forms it reads (`cell_forms`)."""
        parts = [self.record_id, self.reported_at, self.skip, *(sql for _, sql in self.lets)]
        parts += [p for k in self.checks for p in (k.bad, k.message)]
        parts += [o.value for o in self.outputs] + [s.when or "" for o in self.outputs for s in o.sources]
        parts += [k for lookup in self.lookups for k in lookup.keys]
        return "\n".join(parts)


def era(day: str, breakpoints: Sequence[dt.date]) -> str:
    """The latest breakpoint on or before `day` (or DATE '0001-01-01'): a stand-in date for any function whose
    result only changes at those breakpoints, so it runs once per era rather than once per day."""
    cases = " ".join(f"WHEN {day} >= {literal(b)} THEN {literal(b)}" for b in sorted(set(breakpoints), reverse=True))
    return f"CASE {cases} ELSE DATE '0001-01-01' END" if cases else "DATE '0001-01-01'"
