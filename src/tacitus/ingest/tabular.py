"""Reading dataset files (CSV, XLSX) into rows that know their file and line.

Every check that can fail on a user's download lives here, once: empty files, binary files, bad encodings,
old-Mac line endings, truncated lines, missing columns, and HXL hashtag rows (HDX exports put one under the
header). Values are read through `Row` accessors, which name file, line and column when a cell is wrong.
"""

from __future__ import annotations

import builtins
import csv
import datetime as dt
import gzip
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tacitus.errors import InputError

csv.field_size_limit(16 * 1024 * 1024)

_MISSING = {"", "na", "n/a", "nan", "null", "none"}


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
        if number != int(number):
            raise self.error(column, f"{value!r} is not a whole number")
        result = int(number)
        return None if result in missing else result

    def count(self, column: str, missing: Sequence[builtins.int] = ()) -> builtins.int | None:
        """A non-negative count (deaths, wounded)."""
        value = self.int(column, missing)
        if value is not None and value < 0:
            raise self.error(column, f"{value} is negative")
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

    def flag(self, column: str, missing: Sequence[builtins.int] = ()) -> bool | None:
        value = self.int(column, missing)
        if value is None:
            return None
        if value not in (0, 1):
            raise self.error(column, f"{value} is not 0 or 1")
        return bool(value)


def _decode(path: str, data: bytes, encoding: str) -> str:
    if not data.strip():
        raise InputError(path, "file is empty")
    if b"\x00" in data[:65536]:
        raise InputError(path, "looks like a binary file, not text (NUL bytes)")
    # A layout may name fallbacks ("utf-8,cp1252"): GTD's CSV is Windows-1252, but a re-saved copy is UTF-8.
    first, *fallbacks = encoding.split(",")
    try:
        text = data.decode(first)
    except UnicodeDecodeError as exc:
        for fallback in fallbacks:
            try:
                text = data.decode(fallback)
                break
            except UnicodeDecodeError:
                continue
        else:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(path, f"invalid {first} byte 0x{data[exc.start]:02x}", line=line) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    # Old-Mac files end lines with a bare CR; csv needs real line ends.
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    return text


def _is_hxl(cells: Sequence[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(c.startswith("#") for c in filled)


def read_csv(path: str, data: bytes, required: Sequence[str], encoding: str = "utf-8") -> Iterator[Row]:
    """Rows of a CSV file; raises InputError for anything a user must fix, before yielding a bad row."""
    text = _decode(path, data, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise InputError(path, f"cannot parse CSV header ({exc})", line=1) from None
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(
            path,
            f"missing column(s) {', '.join(missing)}; is this the right file and --format?",
            line=1,
            field=missing[0],
        )
    seen_data = False
    last_line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(path, f"cannot parse CSV ({exc}); is the file truncated?", line=last_line + 1) from None
        line = last_line + 1
        last_line = reader.line_num
        if not any(c.strip() for c in cells) or (not seen_data and _is_hxl(cells)):
            continue
        if len(cells) != len(header):
            column = header[len(cells)] if len(cells) < len(header) else None
            raise InputError(
                path,
                f"row has {len(cells)} fields but the header has {len(header)} (truncated or misquoted line?)",
                line=line,
                field=column,
            )
        seen_data = True
        yield Row(path, line, dict(zip(header, cells, strict=True)))
    if not seen_data:
        raise InputError(path, "no data rows (header only)", line=1)


def read_xlsx(path: str, required: Sequence[str]) -> Iterator[Row]:
    """Rows of the first sheet of an Excel workbook (GTD is distributed as XLSX)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for non-workbooks
        raise InputError(path, f"cannot read as an Excel workbook ({type(exc).__name__})") from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None:
        raise InputError(path, "file is empty")
    header = ["" if h is None else str(h).strip() for h in header_row]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)}", line=1, field=missing[0])
    seen = False
    for number, values in enumerate(rows, start=2):
        cells = ["" if v is None else (v.isoformat() if isinstance(v, dt.datetime) else str(v)) for v in values]
        if not any(c.strip() for c in cells):
            continue
        seen = True
        yield Row(path, number, dict(zip(header, cells, strict=False)))
    if not seen:
        raise InputError(path, "no data rows (header only)", line=1)


def read_rows(path: str, required: Sequence[str], encoding: str = "utf-8") -> Iterator[Row]:
    """Rows of a CSV or XLSX file, chosen by content rather than by name alone."""
    file = Path(path)
    if not file.is_file():
        raise InputError(path, "no such file")
    data = file.read_bytes()
    if data[:2] == b"\x1f\x8b":  # gzip: the bundled data ships compressed
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputError(path, f"corrupt gzip file ({exc})") from None
    if data[:4] == b"PK\x03\x04" or file.suffix.lower() in {".xlsx", ".xlsm"}:
        return read_xlsx(path, required)
    return read_csv(path, data, required, encoding)
