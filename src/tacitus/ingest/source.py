"""A downloaded dataset file made ready for DuckDB's `read_csv`: detected, decoded, checked.

DuckDB parses the CSV (in parallel, far faster than Python); this module does what it cannot do for a user's
download, once, before it reads:
- names what is not a file: missing, a directory, empty, binary;
- detects the encoding — UTF-8 with or without a byte-order mark, UTF-16 with a BOM (or without one, from the
  pattern of zero bytes), Windows-1252 or its subset latin-1 — and reports which it used;
- unpacks gzip and converts an XLSX workbook's first sheet;
- normalises line ends (a bare CR, old-Mac style or inside a cell, becomes LF).
A clean UTF-8 file is handed to DuckDB as it is (one streaming validation pass, no copy); anything else is
transcoded in a streaming pass to a temporary UTF-8 file that is removed when the import ends.

Errors are found by ordinal (the n-th data row DuckDB read); `line_of` turns an ordinal into the physical line
a user sees in an editor, by re-reading the file only when there is an error to report. When DuckDB refuses the
file's structure, `structure_error` re-reads it with Python's csv module to name the first bad line the way a
person would describe it (truncated, misquoted, wrong number of fields).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import io
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tacitus.errors import InputError
from tacitus.validate import duplicated_header

csv.field_size_limit(16 * 1024 * 1024)

_CHUNK = 4 * 1024 * 1024
_SNIFF = 65536


@dataclass
class Source:
    """One input file as DuckDB will read it."""

    path: str  # as the user named it (for messages)
    csv_path: str  # UTF-8, LF or CRLF line ends: what read_csv opens
    encoding: str  # what was detected: utf-8, utf-8 (BOM), utf-16, windows-1252, latin-1, xlsx
    header: list[str] = field(default_factory=list)
    temp_dir: str | None = None

    def close(self) -> None:
        if self.temp_dir:
            shutil.rmtree(self.temp_dir, ignore_errors=True)
            self.temp_dir = None

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        """(first physical line, cells) of each CSV record, blank lines skipped as DuckDB skips them."""
        with open(self.csv_path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            last = 0
            for cells in reader:
                first, last = last + 1, reader.line_num
                if cells:
                    yield first, cells

    def line_of(self, ordinal: int) -> int:
        """The physical line where data row `ordinal` (0 = header) starts."""
        for number, (line, _) in enumerate(self._records()):
            if number == ordinal:
                return line
        return 0

    def structure_error(self, detail: str) -> InputError:
        """The first structural problem, found by a careful re-read (DuckDB's own message as the fallback)."""
        width = len(self.header)
        last = 1
        try:
            for line, cells in self._records():
                last = line
                if line == 1:
                    continue
                if len(cells) != width:
                    column = self.header[len(cells)] if len(cells) < width else None
                    return InputError(
                        self.path,
                        f"row has {len(cells)} fields but the header has {width} (truncated or misquoted line?)",
                        line=line,
                        field=column,
                    )
        except csv.Error as exc:
            return InputError(self.path, f"cannot parse CSV ({exc}); is the file truncated?", line=last + 1)
        return InputError(self.path, f"cannot parse CSV ({detail.splitlines()[0]})")


def open_source(path: str, required: Sequence[str], fallbacks: Sequence[str] = ("cp1252",)) -> Source:
    """Detect, decode and check `path`; raises InputError for anything the user must fix."""
    file = Path(path)
    if file.is_dir():
        raise InputError(path, "is a directory, not a file")
    if not file.is_file():
        raise InputError(path, "no such file")
    with file.open("rb") as handle:
        head = handle.read(_SNIFF)
    temp_dir = tempfile.mkdtemp(prefix="tacitus-import-")
    source = Source(path, str(file), "utf-8", temp_dir=temp_dir)
    try:
        if head[:2] == b"\x1f\x8b":  # gzip: the bundled data ships compressed
            unpacked = Path(temp_dir) / "unpacked"
            try:
                with gzip.open(file) as packed, unpacked.open("wb") as plain:
                    shutil.copyfileobj(packed, plain, _CHUNK)
            except (OSError, EOFError) as exc:
                raise InputError(path, f"corrupt gzip file ({exc})") from None
            file = unpacked
            source.csv_path = str(unpacked)
            with file.open("rb") as handle:
                head = handle.read(_SNIFF)
        if head[:4] == b"PK\x03\x04" or Path(path).suffix.lower() in {".xlsx", ".xlsm"}:
            _convert_xlsx(source, file)
        else:
            _decode(source, file, head, fallbacks)
        _read_header(source, required)
    except BaseException:
        source.close()
        raise
    return source


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when zero bytes sit at every other position (text of Latin script), else None."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 4:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd > 0.9 * len(sample) // 2 and even == 0:
        return "utf-16-le"
    if even > 0.9 * len(sample) // 2 and odd == 0:
        return "utf-16-be"
    return None


def _decode(source: Source, file: Path, head: bytes, fallbacks: Sequence[str]) -> None:
    path = source.path
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe") and file.stat().st_size <= len(head):
        raise InputError(path, "file is empty")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _transcode(source, file, "utf-16", "utf-16")
        return
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            line = head[: head.index(b"\x00")].count(b"\n") + 1
            raise InputError(path, "looks like a binary file, not text (NUL bytes)", line=line)
        _transcode(source, file, utf16, f"{utf16} (no BOM)")
        return
    bom = head.startswith(codecs.BOM_UTF8)
    problem, bare_cr = _scan_utf8(path, file)
    if problem is None:
        if bom or bare_cr:
            _transcode(source, file, "utf-8-sig", "utf-8 (BOM)" if bom else "utf-8")
        return
    for codec in fallbacks:
        if _decodes(file, codec):
            name = "windows-1252" if codec == "cp1252" and _has_c1_bytes(file) else "latin-1"
            _transcode(source, file, codec, name)
            return
    raise problem


def _scan_utf8(path: str, file: Path) -> tuple[InputError | None, bool]:
    """(the first invalid UTF-8 byte as an error, or None; whether a bare CR occurs), in one streaming pass."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 1
    bare_cr = False
    carry = b""
    with file.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                where = lines + chunk[: exc.start].count(b"\n")
                return InputError(path, f"invalid utf-8 byte 0x{chunk[exc.start]:02x}", line=where), bare_cr
            data = carry + chunk
            carry = b"\r" if data.endswith(b"\r") else b""
            bare_cr = bare_cr or b"\r" in data[: len(data) - len(carry)].replace(b"\r\n", b"")
            lines += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return InputError(path, "invalid utf-8 at the end of the file (truncated?)", line=lines), bare_cr
    return None, bare_cr or bool(carry)


def _decodes(file: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with file.open("rb") as handle:
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


_NOT_C1 = bytes(range(0x80)) + bytes(range(0xA0, 0x100))


def _has_c1_bytes(file: Path) -> bool:
    """Bytes 0x80–0x9F: printable in Windows-1252 (curly quotes, dashes), control codes in latin-1."""
    with file.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            if chunk.translate(None, _NOT_C1):
                return True
    return False


def _transcode(source: Source, file: Path, codec: str, name: str) -> None:
    """Write `file` as UTF-8 with LF line ends into the source's temp folder (streaming; a BOM is dropped)."""
    assert source.temp_dir is not None
    target = Path(source.temp_dir) / "decoded.csv"
    decoder = codecs.getincrementaldecoder(codec)()
    carry = ""
    try:
        with file.open("rb") as raw, target.open("w", encoding="utf-8", newline="") as out:
            while True:
                chunk = raw.read(_CHUNK)
                text = carry + decoder.decode(chunk, final=not chunk)
                carry = "\r" if chunk and text.endswith("\r") else ""
                out.write(text[: len(text) - len(carry)].replace("\r\n", "\n").replace("\r", "\n"))
                if not chunk:
                    break
    except UnicodeDecodeError as exc:
        raise InputError(source.path, f"invalid {name} text ({exc.reason})") from None
    with target.open(encoding="utf-8") as check:
        if not check.read(_SNIFF).strip():
            raise InputError(source.path, "file is empty")
    source.csv_path = str(target)
    source.encoding = name


def _convert_xlsx(source: Source, file: Path) -> None:
    """The first sheet of a workbook (GTD is distributed as XLSX) as a UTF-8 CSV."""
    import openpyxl

    assert source.temp_dir is not None
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for non-workbooks
        raise InputError(source.path, f"cannot read as an Excel workbook ({type(exc).__name__})") from None
    target = Path(source.temp_dir) / "sheet.csv"
    rows = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        for values in book.worksheets[0].iter_rows(values_only=True):
            cells = ["" if v is None else (v.isoformat() if isinstance(v, dt.datetime) else str(v)) for v in values]
            if any(c.strip() for c in cells):
                writer.writerow([c.replace("\r\n", "\n").replace("\r", "\n") for c in cells])
                rows += 1
    book.close()
    if not rows:
        raise InputError(source.path, "file is empty")
    source.csv_path = str(target)
    source.encoding = "xlsx"


def _read_header(source: Source, required: Sequence[str]) -> None:
    with open(source.csv_path, encoding="utf-8", newline="") as handle:
        first = handle.read(_SNIFF * 4)
    try:
        header = next(csv.reader(io.StringIO(first, newline=""), strict=True))
    except (csv.Error, StopIteration) as exc:
        raise InputError(source.path, f"cannot parse CSV header ({exc})", line=1) from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    twice = duplicated_header(header)
    if twice is not None:
        raise InputError(source.path, f"the header names column {twice[1]!r} twice", line=1, field=twice[1])
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(
            source.path,
            f"missing column(s) {', '.join(missing)}; is this the right file and --format?",
            line=1,
            field=missing[0],
        )
    source.header = header
