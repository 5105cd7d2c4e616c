"""Documents and their versions: every evidence span points into the text it was read from.

News sites revise articles under the same URL, so a document id can come back with a different text. Storing the
new claims against the old text (or the old claims against the new one) would make every span point at the wrong
characters. Instead a changed text becomes the document's next version:

- the `documents` row holds the current version (`version` counts from 1);
- the old text moves to `superseded_documents`, and the claims read from it move, unchanged and still naming
  that version, to `superseded_claims`; the records they belonged to leave their events, which are re-derived
  from what remains (the caller does that, inside the same transaction);
- live claims carry `doc_version`, the version they were read from.

So `text[span_start:span_end] == quote` holds for every claim, live or superseded; `span_mismatches` checks it
and `tacitus doctor` reports what it finds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from tacitus.store.base import Document

DOCUMENT_SCHEMA = pa.schema(
    [
        pa.field("doc_id", pa.string()),
        pa.field("source", pa.string()),
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("published", pa.date32()),
        pa.field("text", pa.string()),
        pa.field("sha256", pa.string()),
    ]
)


def _incoming(documents: Sequence[Document]) -> pa.Table:
    """The documents of one write as an Arrow table, one row per id; one id with two texts is refused."""
    rows: dict[str, dict[str, Any]] = {}
    for d in documents:
        digest = hashlib.sha256(d.text.encode("utf-8")).hexdigest()
        if d.doc_id in rows and rows[d.doc_id]["sha256"] != digest:
            raise ValueError(f"document id {d.doc_id!r} is given twice with different texts in one write")
        rows[d.doc_id] = {
            "doc_id": d.doc_id, "source": d.source, "url": d.url, "title": d.title, "published": d.published,
            "text": d.text, "sha256": digest,
        }  # fmt: skip
    return pa.Table.from_pylist(list(rows.values()), schema=DOCUMENT_SCHEMA)


def write_documents(
    con: duckdb.DuckDBPyConnection, documents: Sequence[Document], now: dt.datetime
) -> dict[str, dict[str, Any]]:
    """Store documents inside the caller's transaction, superseding any whose text changed.

    Returns, for every event that lost records to a superseded version, a history detail naming the document;
    the caller re-derives those events once the new version's records are in.
    """
    if not documents:
        return {}
    con.register("incoming_docs", _incoming(documents))
    try:
        changed = [
            row[0]
            for row in con.execute(
                """SELECT d.doc_id FROM documents d JOIN incoming_docs i USING (doc_id)
                   WHERE d.sha256 <> i.sha256 ORDER BY d.doc_id"""
            ).fetchall()
        ]
        touched = _supersede(con, changed, now) if changed else {}
        if changed:
            con.execute(
                """UPDATE documents SET source = i.source, url = i.url, title = i.title, published = i.published,
                                        text = i.text, sha256 = i.sha256, version = documents.version + 1,
                                        added_at = ?
                   FROM incoming_docs i WHERE documents.doc_id = i.doc_id AND documents.sha256 <> i.sha256""",
                [now],
            )
        con.execute(
            """INSERT INTO documents BY NAME
               SELECT d.*, 1 AS version, ? AS added_at FROM incoming_docs d
               WHERE d.doc_id NOT IN (SELECT doc_id FROM documents)""",
            [now],
        )
    finally:
        con.unregister("incoming_docs")
    return touched


def _supersede(con: duckdb.DuckDBPyConnection, doc_ids: list[str], now: dt.datetime) -> dict[str, dict[str, Any]]:
    """Move the current versions of `doc_ids`, their claims and records out of the live tables."""
    con.execute(
        """INSERT INTO superseded_documents
               (doc_id, version, source, url, title, published, text, sha256, added_at, superseded_at)
           SELECT doc_id, version, source, url, title, published, text, sha256, added_at, ?
           FROM documents WHERE doc_id IN (SELECT unnest(?))""",
        [now, doc_ids],
    )
    touched = con.execute(
        """SELECT r.event_id, r.doc_id, d.version, list(r.record_key ORDER BY r.record_key)
           FROM records r JOIN documents d USING (doc_id)
           WHERE r.doc_id IN (SELECT unnest(?)) GROUP BY ALL ORDER BY ALL""",
        [doc_ids],
    ).fetchall()
    # Columns named one by one: other migrations may add columns to claims that this archive does not keep.
    con.execute(
        """INSERT INTO superseded_claims
               (claim_id, record_key, event_id, field, value, source_kind, source_id, doc_version, span_start,
                span_end, source_column, quote, confidence, reported_at, superseded_at)
           SELECT c.claim_id, c.record_key, r.event_id, c.field, c.value, c.source_kind, c.source_id,
                  c.doc_version, c.span_start, c.span_end, c.source_column, c.quote, c.confidence, c.reported_at, ?
           FROM claims c JOIN records r USING (record_key) WHERE r.doc_id IN (SELECT unnest(?))""",
        [now, doc_ids],
    )
    con.execute(
        "DELETE FROM claims WHERE record_key IN (SELECT record_key FROM records WHERE doc_id IN (SELECT unnest(?)))",
        [doc_ids],
    )
    con.execute("DELETE FROM records WHERE doc_id IN (SELECT unnest(?))", [doc_ids])
    details: dict[str, dict[str, Any]] = {}
    for event_id, doc_id, version, keys in touched:
        entry = details.setdefault(event_id, {"document_revised": [], "left": []})
        entry["document_revised"].append({"doc_id": doc_id, "superseded_version": version})
        entry["left"].extend(keys)
    return details


def pin_versions(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """Stamp claims just written from `doc_ids` with the version of the text they were read from."""
    if not doc_ids:
        return
    con.execute(
        """UPDATE claims SET doc_version = d.version FROM documents d
           WHERE claims.doc_version IS NULL AND claims.source_kind = 'document'
             AND claims.source_id = d.doc_id AND d.doc_id IN (SELECT unnest(?))""",
        [sorted(set(doc_ids))],
    )


def span_mismatches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Document claims, live or superseded, whose quote is not the text between their offsets.

    One row per broken claim: where it lives (`state`), its document and version, its span and quote, and what
    the text holds there (`found`, empty when the version's text is missing). An empty frame means every span
    matches its text. DuckDB's substring counts code points, as Python's slicing does.
    """
    return con.execute(
        """WITH texts AS (
               SELECT doc_id, version, text FROM documents
               UNION ALL SELECT doc_id, version, text FROM superseded_documents),
           spans AS (
               SELECT 'live' AS state, claim_id, source_id, doc_version, span_start, span_end, quote FROM claims
               WHERE source_kind = 'document' AND (span_start IS NOT NULL OR span_end IS NOT NULL)
               UNION ALL
               SELECT 'superseded', claim_id, source_id, doc_version, span_start, span_end, quote
               FROM superseded_claims
               WHERE source_kind = 'document' AND (span_start IS NOT NULL OR span_end IS NOT NULL))
           SELECT s.state, s.claim_id, s.source_id AS doc_id, s.doc_version, s.span_start, s.span_end, s.quote,
                  substring(t.text, s.span_start + 1, s.span_end - s.span_start) AS found
           FROM spans s LEFT JOIN texts t ON t.doc_id = s.source_id AND t.version = s.doc_version
           WHERE t.text IS NULL OR s.span_start IS NULL OR s.span_end IS NULL OR s.span_start < 0
              OR s.span_end > length(t.text) OR s.span_end < s.span_start
              OR substring(t.text, s.span_start + 1, s.span_end - s.span_start) IS DISTINCT FROM s.quote
           ORDER BY s.state, s.claim_id"""
    ).df()
