"""Claims files: statements about the data, each with the indicator, filters and comparison that test it.

The format (docs/analysis.md has a runnable example; examples/seed-claims.yaml is a full one):

    title: What the data say about the TTP in 2014
    overview: {actor: TTP}            # filters for the report's overview charts and maps (optional)
    map_periods: [[2007, 2010], [2011, 2014], [2015, 2021]]   # maps side by side (optional; default: thirds)
    claims:
      - id: retaliation
        statement: Attacks on civilians rose after the army's offensive began.
        indicator: danger_to_civilians   # a name from tacitus.analysis.indicators.INDICATORS
        filters: {actor: TTP}            # any Store.events filter
        compare:
          type: before_after             # or: trend
          date: 2014-06-15
          months: 6                      # window on each side (or before: [from, to], after: [from, to])
          expect: increase               # or: decrease
          min_effect: 1.2                # optional: smallest change that would support the claim

Errors name the file, the line and the field, as for every other input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tacitus.analysis.indicators import INDICATORS, Indicator
from tacitus.analysis.series import FREQUENCIES
from tacitus.errors import InputError
from tacitus.store.filters import FILTER_NAMES, as_date

COMPARISONS = ("before_after", "trend")
EXPECTATIONS = ("increase", "decrease")


class _Mapping(dict[str, Any]):
    """A YAML mapping that remembers the line of itself and of each key (for error messages)."""

    line: int = 0
    key_lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> _Mapping:
    mapping = _Mapping({str(k): v for k, v in loader.construct_mapping(node, deep=True).items()})
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class Comparison:
    """How a claim is tested: windows around a date, or a trend over a span, and the direction it asserts."""

    type: str
    expect: str
    before: tuple[dt.date, dt.date] | None = None
    after: tuple[dt.date, dt.date] | None = None
    date: dt.date | None = None
    span: tuple[dt.date, dt.date] | None = None
    by: str | None = None
    min_effect: float | None = None


@dataclass(frozen=True)
class Claim:
    """One statement to test."""

    id: str
    statement: str
    indicator: Indicator
    filters: dict[str, Any]
    compare: Comparison
    chart_by: str = "year"
    note: str | None = None
    limits: str | None = None  # what the data cannot show about this claim, printed beside its verdict


@dataclass(frozen=True)
class ClaimsFile:
    """A parsed claims file."""

    path: str
    title: str
    claims: list[Claim]
    overview: dict[str, Any] = field(default_factory=dict)
    intro: str | None = None
    map_periods: list[tuple[dt.date, dt.date]] = field(default_factory=list)


class _Reader:
    """Field access with file:line:field errors."""

    def __init__(self, path: str) -> None:
        self.path = path

    def error(self, mapping: Any, key: str | None, message: str, where: str) -> InputError:
        line = None
        if isinstance(mapping, _Mapping):
            line = mapping.key_lines.get(key or "", mapping.line)
        return InputError(self.path, message, line=line, field=f"{where}.{key}" if key else where)

    def mapping(self, value: Any, parent: Any, key: str, where: str) -> _Mapping:
        if not isinstance(value, _Mapping):
            raise self.error(parent, key, "must be a mapping (key: value lines)", where)
        return value

    def text(self, mapping: _Mapping, key: str, where: str, required: bool = True) -> str | None:
        value = mapping.get(key)
        if value is None:
            if required:
                raise self.error(mapping, None, f"missing {key!r}", where)
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.error(mapping, key, "must be text", where)
        return str(value).strip()

    def choice(self, mapping: _Mapping, key: str, options: tuple[str, ...], where: str,
               default: str | None = None) -> str:
        value = mapping.get(key, default)
        if value not in options:
            raise self.error(mapping, key if key in mapping else None,
                             f"{key} {value!r} is not one of {', '.join(options)}", where)
        return str(value)

    def date(self, value: Any, mapping: _Mapping, key: str, where: str, end: bool = False) -> dt.date:
        try:
            return as_date(value, "end" if end else "start")
        except ValueError:
            raise self.error(mapping, key, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", where) from None

    def window(self, mapping: _Mapping, key: str, where: str) -> tuple[dt.date, dt.date] | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or len(value) != 2:
            raise self.error(mapping, key, "must be a list [from, to]", where)
        first = self.date(value[0], mapping, key, where)
        last = self.date(value[1], mapping, key, where, end=True)
        if last < first:
            raise self.error(mapping, key, f"ends ({last}) before it starts ({first})", where)
        return first, last

    def filters(self, mapping: _Mapping, key: str, where: str) -> dict[str, Any]:
        value = mapping.get(key) or _Mapping()
        filters = self.mapping(value, mapping, key, where)
        unknown = sorted(set(filters) - set(FILTER_NAMES))
        if unknown:
            bad = unknown[0]
            raise self.error(filters, bad, f"unknown filter {bad!r}; known: {', '.join(FILTER_NAMES)}",
                             f"{where}.{key}")
        out = dict(filters)
        for name in ("start", "end"):  # kept as dates: a year-only 2014 is an int in YAML, and ints do not compare
            if name in filters:
                out[name] = self.date(filters[name], filters, name, f"{where}.{key}", end=name == "end")
        return out


def _comparison(reader: _Reader, claim: _Mapping, where: str, filters: dict[str, Any]) -> Comparison:
    compare = reader.mapping(claim.get("compare"), claim, "compare", where)
    here = f"{where}.compare"
    kind = reader.choice(compare, "type", COMPARISONS, here)
    expect = reader.choice(compare, "expect", EXPECTATIONS, here)
    by = compare.get("by")
    if by is not None and by not in FREQUENCIES:
        raise reader.error(compare, "by", f"by {by!r} is not one of {', '.join(FREQUENCIES)}", here)
    min_effect = compare.get("min_effect")
    if min_effect is not None and (isinstance(min_effect, bool) or not isinstance(min_effect, (int, float))):
        raise reader.error(compare, "min_effect", "must be a number", here)
    size = None if min_effect is None else float(min_effect)
    if kind == "trend":
        start = compare.get("start", filters.get("start"))
        end = compare.get("end", filters.get("end"))
        if start is None or end is None:
            raise reader.error(compare, None, "a trend needs start and end (here or in filters)", here)
        span = (reader.date(start, compare, "start", here), reader.date(end, compare, "end", here, end=True))
        return Comparison(type=kind, expect=expect, by=by, min_effect=size, span=span)
    if "date" not in compare:
        raise reader.error(compare, None, "missing 'date' (where before turns into after)", here)
    date = reader.date(compare["date"], compare, "date", here)
    before, after = reader.window(compare, "before", here), reader.window(compare, "after", here)
    months = compare.get("months")
    if before is None or after is None:
        if not isinstance(months, int) or isinstance(months, bool) or months < 1:
            raise reader.error(compare, "months" if "months" in compare else None,
                               "give 'months' (a whole number >= 1) or both 'before' and 'after' windows", here)
        before = before or (_add_months(date, -months), date - dt.timedelta(days=1))
        after = after or (date, _add_months(date, months) - dt.timedelta(days=1))
    if before[1] >= after[0]:  # overlapping windows would compare a period with itself
        raise reader.error(compare, "before", "the before window must end before the after window starts", here)
    return Comparison(type=kind, expect=expect, by=by, min_effect=size, before=before, after=after, date=date)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def load_claims(path: str | Path) -> ClaimsFile:
    """Read and check a claims file; any problem raises InputError naming file, line and field."""
    name = str(path)
    reader = _Reader(name)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror})") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise InputError(name, f"not valid YAML: {problem}", line=mark.line + 1 if mark else None) from None
    if not isinstance(data, _Mapping):
        raise InputError(name, "must be a mapping with a 'claims' list", line=1)
    items = data.get("claims")
    if not isinstance(items, list) or not items:
        raise reader.error(data, "claims" if "claims" in data else None, "must be a non-empty list", "claims")
    claims: list[Claim] = []
    seen: set[str] = set()
    for number, item in enumerate(items):
        where = f"claims[{number}]"
        claim = reader.mapping(item, data, "claims", where)
        claim_id = reader.text(claim, "id", where) or ""
        if claim_id in seen:
            raise reader.error(claim, "id", f"duplicate claim id {claim_id!r}", where)
        seen.add(claim_id)
        indicator_name = reader.text(claim, "indicator", where) or ""
        if indicator_name not in INDICATORS:
            raise reader.error(claim, "indicator",
                               f"unknown indicator {indicator_name!r}; known: {', '.join(INDICATORS)}", where)
        filters = reader.filters(claim, "filters", where)
        claims.append(
            Claim(
                id=claim_id,
                statement=reader.text(claim, "statement", where) or "",
                indicator=INDICATORS[indicator_name],
                filters=filters,
                compare=_comparison(reader, claim, where, filters),
                chart_by=reader.choice(claim, "chart_by", FREQUENCIES, where, default="year"),
                note=reader.text(claim, "note", where, required=False),
                limits=reader.text(claim, "limits", where, required=False),
            )
        )
    overview = reader.filters(data, "overview", "overview") if "overview" in data else {}
    periods = data.get("map_periods") or []
    if not isinstance(periods, list):
        raise reader.error(data, "map_periods", "must be a list of [from, to] windows", "map_periods")
    map_periods = []
    for number, window in enumerate(periods):
        holder = _Mapping({f"map_periods[{number}]": window})  # a one-key mapping: errors point at map_periods
        holder.line = data.key_lines.get("map_periods", data.line)
        holder.key_lines = {}
        found = reader.window(holder, f"map_periods[{number}]", "map_periods")
        if found is None:
            raise reader.error(holder, None, f"map_periods[{number}] must be a list [from, to]", "map_periods")
        map_periods.append(found)
    return ClaimsFile(
        path=name,
        title=reader.text(data, "title", "title", required=False) or "Claims tested against the data",
        claims=claims,
        overview=overview,
        intro=reader.text(data, "intro", "intro", required=False),
        map_periods=map_periods,
    )
