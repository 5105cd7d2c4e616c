"""Reading reports: plain text, Markdown, HTML (main text only) and JSONL, from files or stdin.

Bad input never stops a batch: `iter_inputs` yields an `InputError` (file, line, field, message) in place of
the document it could not read and goes on. Bytes are decoded as UTF-8 (UTF-16 when a byte-order mark says
so); invalid sequences are replaced (and reported), and other input with NUL bytes is refused as binary. Two
documents under one id in one run are refused (the second is reported); the same document read twice is read once.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tacitus.errors import InputError
from tacitus.extract.pipeline import document_id
from tacitus.store.base import Document

TEXT_SUFFIXES: Final = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES: Final = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES: Final = {".jsonl", ".ndjson"}
_DROP_TAGS: Final = (
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "menu",
    "figure", "template", "select", "input",
)  # fmt: skip
_BLOCKS: Final = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, td, dd"
_BOILERPLATE: Final = re.compile(
    r"\b(?:cookie|subscribe|sign\s+up|newsletter|all\s+rights\s+reserved|share\s+this|follow\s+us|advertisement|"
    r"related\s+(?:stories|articles)|read\s+more|log\s*in|privacy\s+policy)\b",
    re.IGNORECASE,
)


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """Text from bytes, with warnings; raises InputError for binary data.

    UTF-16 is recognised by its byte-order mark (Windows tools write it so); without one, its NUL bytes make it
    indistinguishable from binary data, and the message says how to convert it.
    """
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:65536]:
        raise InputError(path, "binary input (NUL bytes), not a text document (UTF-16 needs a byte-order mark)")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return data.decode("utf-8", errors="replace"), [
            f"{path}: invalid UTF-8 at byte {exc.start}; bad bytes replaced"
        ]


def html_main_text(html: str) -> tuple[str, str | None, dt.date | None]:
    """Main text of an HTML page (no scripts, menus or boilerplate), its title and publication date if given."""
    tree = HTMLParser(html)
    title_node = tree.css_first("meta[property='og:title']") or tree.css_first("title")
    title = (
        (title_node.attributes.get("content") if title_node.tag == "meta" else title_node.text())
        if title_node
        else None
    )
    published = None
    for selector, attr in (("meta[property='article:published_time']", "content"), ("time[datetime]", "datetime")):
        node = tree.css_first(selector)
        if node is not None and node.attributes.get(attr):
            published = parse_date(str(node.attributes[attr]))
            if published:
                break
    tree.strip_tags(list(_DROP_TAGS))
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    paragraphs: list[str] = []
    if root is not None:
        for node in root.css(_BLOCKS):
            if node.css_first(_BLOCKS) is not None:
                continue  # a container of blocks: its children are read on their own
            text = re.sub(r"\s+", " ", node.text(separator=" ")).strip()
            if text and not (len(text) < 120 and _BOILERPLATE.search(text)):
                paragraphs.append(text)
        if not paragraphs:
            paragraphs = [re.sub(r"\s+", " ", root.text(separator=" ")).strip()]
    return "\n\n".join(p for p in paragraphs if p), (title or "").strip() or None, published


def parse_date(value: str) -> dt.date | None:
    """YYYY-MM-DD, or the date part of an ISO timestamp; None when it is neither."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


class _Seen:
    """Document ids already read in this run, and where: one run must not hold two documents under one id."""

    def __init__(self, warnings: list[str] | None) -> None:
        self.first: dict[str, tuple[str, str]] = {}  # doc_id -> (where, sha of text)
        self.warnings = warnings

    def check(self, document: Document, path: str, line: int | None = None) -> Document | InputError | None:
        """The document, an error for a second text under a taken id, or None (and a warning) for a repeat."""
        where = path if line is None else f"{path}:{line}"
        digest = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
        if document.doc_id not in self.first:
            self.first[document.doc_id] = (where, digest)
            return document
        first, first_digest = self.first[document.doc_id]
        if first_digest == digest:
            if self.warnings is not None:
                self.warnings.append(f"{where}: same document as {first} (id {document.doc_id!r}); read once")
            return None
        return InputError(
            path, f"document id {document.doc_id!r} is already used by {first} for another text; "
            "give each document its own id", line=line, field="id",
        )


def _jsonl(path: str, text: str, published: dt.date | None, seen: _Seen) -> Iterator[Document | InputError]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(path, f"not valid JSON ({exc.msg})", line=n)
            continue
        if not isinstance(row, dict):
            yield InputError(path, "a line must be a JSON object", line=n)
            continue
        body = row.get("text")
        if not isinstance(body, str):
            yield InputError(path, "required, must be a string", line=n, field="text")
            continue
        day = published
        if row.get("published"):
            day = parse_date(str(row["published"]))
            if day is None:
                yield InputError(path, f"{row['published']!r} is not a YYYY-MM-DD date", line=n, field="published")
                continue
        doc_id = str(row["id"]) if row.get("id") not in (None, "") else document_id(body)
        checked = seen.check(
            Document(
                doc_id,
                body,
                source=_opt(row.get("source")),
                url=_opt(row.get("url")),
                title=_opt(row.get("title")),
                published=day,
            ),
            path,
            n,
        )
        if checked is not None:
            yield checked


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _read_bytes(path: str) -> bytes:
    return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()


def iter_inputs(
    paths: Iterable[str], published: dt.date | None = None, warnings: list[str] | None = None
) -> Iterator[Document | InputError]:
    """Documents from files (by suffix) or '-' for stdin (JSONL when every line is an object, else text).

    `published` is the default publication date; a JSONL line's own `published` or an HTML page's
    publication metadata take precedence.
    """
    seen = _Seen(warnings)
    for path in paths:
        if path != "-" and Path(path).is_dir():
            yield InputError(path, "is a directory; name the files in it (e.g. DIR/*.txt)")
            continue
        try:
            text, notes = decode(_read_bytes(path), path)
        except InputError as exc:
            yield exc
            continue
        except OSError as exc:
            yield InputError(path, exc.strerror or str(exc))
            continue
        if warnings is not None:
            warnings.extend(notes)
        suffix = Path(path).suffix.lower()
        document: Document | InputError | None
        if suffix in JSONL_SUFFIXES or (path == "-" and _looks_jsonl(text)):
            yield from _jsonl(path, text, published, seen)
            continue
        if suffix in HTML_SUFFIXES or (path == "-" and text.lstrip()[:1] == "<"):
            body, title, day = html_main_text(text)
            document = Document(document_id(body), body, source=path, title=title, published=day or published)
        elif suffix in TEXT_SUFFIXES or path == "-" or not suffix:
            document = Document(document_id(text), text, source=path, published=published)
        else:
            document = InputError(path, f"unsupported file type {suffix!r} (use .txt, .md, .html or .jsonl)")
        if isinstance(document, Document):
            document = seen.check(document, path)
        if document is not None:
            yield document


def _looks_jsonl(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return bool(lines) and all(ln.lstrip().startswith("{") for ln in lines[:5])


def read_documents(paths: Iterable[str], published: dt.date | None = None) -> Iterator[Document]:
    """Documents from paths; raises the first InputError (use `iter_inputs` to skip bad input instead)."""
    for item in iter_inputs(paths, published):
        if isinstance(item, InputError):
            raise item
        yield item
