"""The one CSV writer: every CSV Tacitus writes (exports, `query`, `extract`, the report's numbers) goes through it.

Two properties a researcher's tools rely on, both tested with hostile cells in tests/reliability:

- **RFC 4180.** Fields are separated by commas and records end with CRLF; a field holding a quote, a comma, a CR
  or an LF is quoted, and quotes inside it are doubled. Source data does hold bare CRs (the Pakistan Body Count
  suicide list has dozens): written unquoted, they split a row in two for pandas and make DuckDB's dialect
  sniffer give up.
- **Formula guard.** Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)`
  sends a click to anyone's server). Such a text cell is written with a leading `'`, which spreadsheets show as
  text. Numbers are never guarded (`-33.5` is a longitude, not a formula). `formula_guard=False` (the CLI's
  `--no-formula-guard`) writes cells exactly as stored, for pipelines that never meet a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import IO, Any

import pandas as pd

from tacitus.values import plain

FORMULA_STARTS = ("=", "+", "-", "@")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def guard_formula(text: str) -> str:
    """`text` with a `'` in front when a spreadsheet would run it as a formula; numbers pass unchanged.

    >>> [guard_formula(t) for t in ("=1+1", "@SUM(A1)", "-12.5", "Peshawar", "+92 91 000")]
    ["'=1+1", "'@SUM(A1)", '-12.5', 'Peshawar', "'+92 91 000"]
    """
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_cell(value: Any, formula_guard: bool = True) -> str:
    """A value as written in a CSV field: empty for missing, dates as YYYY-MM-DD, whole floats without `.0`."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") or len(text) == 10 else text
    text = str(value)
    return guard_formula(text) if formula_guard else text


def write_rows(
    handle: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]], formula_guard: bool = True
) -> int:
    """Write a header and rows as RFC 4180 CSV to an open text handle; returns the number of data rows."""
    writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([csv_cell(h, formula_guard) for h in header])
    count = 0
    for row in rows:
        writer.writerow([csv_cell(v, formula_guard) for v in row])
        count += 1
    return count


def write_csv(handle: IO[str], frame: pd.DataFrame, formula_guard: bool = True) -> int:
    """Write a DataFrame (no index) as RFC 4180 CSV; returns the number of data rows."""
    rows = frame.itertuples(index=False, name=None)
    return write_rows(handle, [str(c) for c in frame.columns], rows, formula_guard)


def csv_text(frame: pd.DataFrame, formula_guard: bool = True) -> str:
    """A DataFrame as RFC 4180 CSV text (for embedding, e.g. the report's download link)."""
    buffer = io.StringIO(newline="")
    write_csv(buffer, frame, formula_guard)
    return buffer.getvalue()
