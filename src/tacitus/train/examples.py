"""Labelled examples for `tacitus train`: a text and the codebook labels a coder assigned to it.

Four sources, each read with the checks its import already makes (no second copy of any column knowledge):
- an ACLED export (`notes` → text; event_type/sub_event_type, validated by the ACLED import layout);
- a GTD export, CSV or XLSX (`summary` → text; attacktype1_txt/targtype1_txt through the GTD import layout);
- JSONL in the format of bench/labels/acled_snippets_dev.jsonl (`text` and a `gold` object, or labels at top level);
- a store: events a person reviewed (see `from_store` for what counts as reviewed).

Every source gives the same `LabelledSet`, with what a model's meta file must record about its training data:
source kind, path, rows read, sha256 of the input.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pandas as pd

from tacitus.errors import InputError
from tacitus.ingest.importer import read_records
from tacitus.ingest.layout import Layout
from tacitus.ingest.source import open_source
from tacitus.model import invalid_value

# What a coder learns: ACLED's sub-event type (its event type follows from it) and GTD's attack and target types.
LABEL_FIELDS: Final = ("sub_event_type", "attack_type", "target_type")
# The free-text column each dataset export carries beside its coding.
TEXT_COLUMNS: Final = {"acled": "notes", "gtd": "summary"}


@dataclass(frozen=True)
class Example:
    """One text and its labels (only the fields the source codes; a missing field is not a negative)."""

    text: str
    labels: dict[str, str]
    published: str | None = None


@dataclass
class LabelledSet:
    """Examples and the facts about where they came from that a model records."""

    source_kind: str  # "acled" | "gtd" | "jsonl" | "store"
    path: str
    sha256: str
    rows: int  # rows (lines, events) read, including those without text or labels
    examples: list[Example] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return self.rows - len(self.examples)


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _layout(kind: str) -> Layout:
    from tacitus.ingest import get_layout

    layout = get_layout(kind)
    # The text column is required for training, not for import: the same layout, one more required column.
    return dataclasses.replace(layout, required=(*layout.required, TEXT_COLUMNS[kind]))


def detect_kind(path: str) -> str:
    """acled, gtd or jsonl, from the file's content: JSONL by its first character, a table by its id column."""
    file = Path(path)
    if not file.is_file():
        raise InputError(path, "no such file")
    with file.open("rb") as handle:
        head = handle.read(4096).lstrip()
    if head.startswith(b"{"):
        return "jsonl"
    with open_source(path, ()) as source:
        columns = set(source.header)
    for kind, layout in (("acled", "event_id_cnty"), ("gtd", "eventid")):
        if layout in columns:
            return kind
    raise InputError(path, "not an ACLED export (no event_id_cnty column), a GTD export (no eventid) or JSONL", line=1)


def from_dataset(kind: str, path: str) -> LabelledSet:
    """Examples from an ACLED or GTD export, coded by its import layout (so labels are validated as on import)."""
    layout = _layout(kind)
    text_column = TEXT_COLUMNS[kind]
    out = LabelledSet(kind, path, file_sha256(path), 0)
    for record in read_records(layout, path):
        out.rows += 1
        text = (record.raw or {}).get(text_column, "").strip()
        labels = {f: record.values[f] for f in LABEL_FIELDS if record.values.get(f) is not None}
        if text and labels:
            out.examples.append(Example(text, labels))
    return out


def from_jsonl(path: str) -> LabelledSet:
    """Examples from JSONL lines `{"text": …, "gold": {"sub_event_type": …}}` (labels may also be top-level)."""
    out = LabelledSet("jsonl", path, file_sha256(path), 0)
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            out.rows += 1
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(path, f"not JSON ({exc.msg})", line=number) from None
            if not isinstance(row, dict):
                raise InputError(path, "a line must be a JSON object", line=number)
            text = row.get("text")
            if not isinstance(text, str) or not text.strip():
                raise InputError(path, "missing or empty", line=number, field="text")
            gold = row.get("gold", row)
            labels: dict[str, str] = {}
            for name in LABEL_FIELDS:
                value = gold.get(name) if isinstance(gold, dict) else None
                problem = invalid_value(name, value)
                if problem:
                    raise InputError(path, problem, line=number, field=name)
                if value is not None:
                    labels[name] = value
            if labels:
                out.examples.append(Example(text, labels, row.get("published")))
    if not out.examples:
        raise InputError(
            path,
            f"no line carries a label ({', '.join(LABEL_FIELDS)}, in `gold` or at top level)",
            field=LABEL_FIELDS[0],
        )
    return out


# Reviewed events: marked reviewed, or corrected in the workbench (a review claim on the event, in the
# review_claims table that tacitus.store.review writes). Rejected events are not examples of anything. The
# text is the document the event was extracted from, else the free text of an imported dataset row (ACLED notes,
# GTD summary).
_REVIEWED_SQL: Final = """
WITH chosen AS (
    SELECT event_id FROM events WHERE review_status = 'reviewed'
    UNION
    SELECT event_id FROM review_claims WHERE source_kind = 'review'
)
SELECT e.event_id, e.sub_event_type, e.attack_type, e.target_type, d.text, d.published, r.raw
FROM chosen
JOIN events e ON e.event_id = chosen.event_id
JOIN records r ON r.event_id = e.event_id
LEFT JOIN documents d ON d.doc_id = r.doc_id
WHERE e.review_status IS DISTINCT FROM 'rejected'
ORDER BY e.event_id, r.record_key
"""


def _store_text(row: dict[Any, Any]) -> str | None:
    if isinstance(row.get("text"), str) and row["text"].strip():
        return str(row["text"])
    raw = json.loads(row["raw"]) if isinstance(row.get("raw"), str) else None
    for column in TEXT_COLUMNS.values():
        value = raw.get(column) if isinstance(raw, dict) else None
        if isinstance(value, str) and value.strip():
            return value
    return None


def from_store(db: str) -> LabelledSet:
    """Examples from the events people reviewed or corrected in a store (the event's current, derived values)."""
    from tacitus.store import open_store
    from tacitus.store.connection import is_postgres, shown

    if not is_postgres(db) and not Path(db).is_file():
        raise InputError(db, "no such store")
    with open_store(db, read_only=True) as store:
        frame = store.sql(_REVIEWED_SQL)
    # A database has no file to hash: the examples' rows stand for it.
    digest = hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest() if is_postgres(db) \
        else file_sha256(db)
    out = LabelledSet("store", shown(db), digest, 0)
    seen: set[str] = set()
    for row in frame.to_dict("records"):
        if row["event_id"] in seen:
            continue
        text = _store_text(row)
        if text is None:
            continue  # another record of the same event may carry the text
        seen.add(row["event_id"])
        labels = {f: row[f] for f in LABEL_FIELDS if isinstance(row.get(f), str)}
        if labels:
            published = row.get("published")
            out.examples.append(Example(text, labels, None if pd.isna(published) else str(published)[:10]))
    out.rows = int(frame["event_id"].nunique()) if len(frame) else 0
    if not out.examples:
        raise InputError(db, "no reviewed or corrected event with a text and a label to learn from")
    return out


def read_examples(path: str, kind: str | None = None) -> LabelledSet:
    """Labelled examples from a file; `kind` (acled, gtd, jsonl) is detected from the content when not given."""
    kind = kind or detect_kind(path)
    if kind == "jsonl":
        return from_jsonl(path)
    return from_dataset(kind, path)
