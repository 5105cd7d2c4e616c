"""One dataset row that knows its file and line, with typed accessors for row-coded layouts.

Values are read through `Row` accessors, which name file, line and column when a cell is wrong; the limits
(what a count may be) come from `tacitus.validate`, the same ones the SQL crosswalks apply
(`tacitus.ingest.columns`). Reading files is `tacitus.ingest.source`'s job.
"""

from __future__ import annotations

import builtins
import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tacitus import validate
from tacitus.errors import InputError
from tacitus.ingest.columns import MISSING_WORDS

_MISSING = frozenset(MISSING_WORDS)


@dataclass
class Row:
    """One data row, with typed accessors that fail with file, line and column."""

    path: str
    line: int
    cells: dict[str, str]

    def text(self, column: str) -> str | None:
        value = self.cells.get(column)
        if value is None:
            return None
        value = value.strip()
        return None if value.lower() in _MISSING else value

    def error(self, column: str | None, message: str) -> InputError:
        return InputError(self.path, message, line=self.line, field=column)

    def require(self, column: str) -> str:
        value = self.text(column)
        if value is None:
            raise self.error(column, "is empty")
        return value

    def int(self, column: str, missing: Sequence[int] = ()) -> int | None:
        """An integer cell; values in `missing` (GTD writes -9 / -99 for unknown) read as None."""
        value = self.text(column)
        if value is None:
            return None
        try:
            number = float(value.replace(",", ""))
        except ValueError:
            raise self.error(column, f"{value!r} is not a number") from None
        if not math.isfinite(number):
            raise self.error(column, f"{value!r} is not a count")
        if number != int(number):
            raise self.error(column, f"{value!r} is not a whole number")
        if abs(number) > 9.2e18:
            raise self.error(column, f"{value!r} is out of range")
        result = int(number)
        return None if result in missing else result

    def count(self, column: str, missing: Sequence[builtins.int] = ()) -> builtins.int | None:
        """A non-negative count (deaths, wounded)."""
        value = self.int(column, missing)
        problem = None if value is None else validate.count_problem(value)
        if problem:
            raise self.error(column, problem)
        return value

    def float(
        self, column: str, low: builtins.float | None = None, high: builtins.float | None = None
    ) -> builtins.float | None:
        value = self.text(column)
        if value is None:
            return None
        try:
            number = float(value)
        except ValueError:
            raise self.error(column, f"{value!r} is not a number") from None
        if not math.isfinite(number):
            raise self.error(column, f"{value!r} is not a number")
        if (low is not None and number < low) or (high is not None and number > high):
            raise self.error(column, f"{value} is outside {low}..{high}")
        return number

    def date(self, column: str, formats: Sequence[str] = ("%Y-%m-%d",)) -> dt.date | None:
        """A date; timestamps such as '2014-12-16 00:00:00.000' are cut to their day."""
        value = self.text(column)
        if value is None:
            return None
        head = re.split(r"[ T]", value, maxsplit=1)[0] if re.match(r"\d{4}-\d", value) else value
        for fmt in formats:
            try:
                return dt.datetime.strptime(head, fmt).date()
            except ValueError:
                continue
        raise self.error(column, f"{value!r} is not a valid date")
