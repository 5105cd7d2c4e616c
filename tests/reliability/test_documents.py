"""Document versions: a changed text under a known id never leaves a span pointing at the wrong characters.

The failure this guards against: extracting a revised article under the same id used to keep the old text and
store the new claims against it, so the place claim "Karachi" sliced the stored text to other letters. Here the
real `tacitus extract --db` process stores two versions of one document, and the span invariant
(`text[span_start:span_end] == quote`) is checked over every claim, live and superseded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

import tacitus
from tacitus.extract.config import ExtractConfig
from tacitus.extract.pipeline import Extractor
from tacitus.model import REPORT_DATASET
from tacitus.store import Document
from tacitus.store.documents import span_mismatches
from tacitus.store.schema import MIGRATIONS

FIRST = (
    "On 3 May 2013 a bomb fixed to a motorcycle went off beside a bus stop in Karachi, killing six people and "
    "wounding 20."
)
REVISED = (
    "Updated. On 3 May 2013 a bomb fixed to a motorcycle went off beside a crowded bus stop in Miranshah, killing "
    "nine people and wounding 20, police said."
)


def _feed(path: Path, text: str, doc_id: str = "feed-1") -> Path:
    path.write_text(json.dumps({"id": doc_id, "text": text, "published": "2013-05-04"}) + "\n", encoding="utf-8")
    return path


def _extract(tacitus_cli: Callable[..., Any], feed: Path, db: Path) -> None:
    result = tacitus_cli("extract", feed, "--no-ner", "--db", db)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ExtractConfig(use_ner=False))


def _store_text(extractor: Extractor, db: Path, text: str, doc_id: str = "feed-1") -> None:
    """What `extract --db` does, in process (the CLI test above covers the process; these vary the texts)."""
    (result,) = extractor.pipe([Document(doc_id, text, published=dt.date(2013, 5, 4))])
    with tacitus.open(str(db)) as store:
        store.add_records(result.records, dataset=REPORT_DATASET, documents=[result.document])


def _python_slices_match(db: Path) -> list[str]:
    """The invariant checked in Python, independently of the SQL in span_mismatches."""
    with tacitus.open(str(db)) as store:
        texts = {
            (r.doc_id, r.version): r.text
            for r in store.sql(
                "SELECT doc_id, version, text FROM documents UNION ALL "
                "SELECT doc_id, version, text FROM superseded_documents"
            ).itertuples()
        }
        spans = store.sql(
            "SELECT claim_id, source_id, doc_version, span_start, span_end, quote FROM claims "
            "WHERE source_kind = 'document' UNION ALL "
            "SELECT claim_id, source_id, doc_version, span_start, span_end, quote FROM superseded_claims "
            "WHERE source_kind = 'document'"
        )
    return [
        r.claim_id
        for r in spans.itertuples()
        if texts[(r.source_id, int(r.doc_version))][int(r.span_start) : int(r.span_end)] != r.quote
    ]


def test_a_revised_document_becomes_a_new_version_and_keeps_the_old_claims(
    tmp_path: Path, tacitus_cli: Callable[..., Any]
) -> None:
    db = tmp_path / "store.duckdb"
    _extract(tacitus_cli, _feed(tmp_path / "v1.jsonl", FIRST), db)
    with tacitus.open(str(db)) as store:
        first_claims = store.sql("SELECT claim_id, field, value, quote FROM claims ORDER BY claim_id")
        (first_event,) = store.events()["event_id"].tolist()
    _extract(tacitus_cli, _feed(tmp_path / "v2.jsonl", REVISED), db)

    with tacitus.open(str(db)) as store:
        documents = store.sql("SELECT doc_id, version, text FROM documents")
        old = store.sql("SELECT doc_id, version, text FROM superseded_documents")
        live_place = store.sql("SELECT value, quote, doc_version FROM claims WHERE field = 'place'")
        kept = store.sql("SELECT claim_id, field, value, quote, doc_version FROM superseded_claims ORDER BY claim_id")
        events = store.events()
        history = store.history()
    assert documents.to_dict("records") == [{"doc_id": "feed-1", "version": 2, "text": REVISED}]
    assert old[["doc_id", "version", "text"]].to_dict("records") == [{"doc_id": "feed-1", "version": 1,
                                                                      "text": FIRST}]
    assert live_place.to_dict("records") == [{"value": '"Miranshah"', "quote": "Miranshah", "doc_version": 2}]
    # Every claim of the first version is kept as it was, still naming version 1: never re-pointed.
    assert kept[["claim_id", "field", "value", "quote"]].equals(first_claims)
    assert set(kept["doc_version"]) == {1}
    assert "Karachi" in set(kept["quote"])
    # The event now rests on the revised text only.
    assert events["place"].tolist() == ["Miranshah"]
    assert events["killed_best"].tolist() == [9]
    # The first version's event lost its record to the revision, and its history says why.
    last = history[history["event_id"] == first_event].iloc[-1]
    assert json.loads(last["detail"])["document_revised"] == [{"doc_id": "feed-1", "superseded_version": 1}]
    assert _python_slices_match(db) == []
    with tacitus.open(str(db)) as store:
        assert span_mismatches(store.con).empty  # type: ignore[attr-defined]


def test_the_same_text_again_is_not_a_new_version(tmp_path: Path, extractor: Extractor) -> None:
    db = tmp_path / "store.duckdb"
    _store_text(extractor, db, FIRST)
    _store_text(extractor, db, FIRST)
    with tacitus.open(str(db)) as store:
        assert store.sql("SELECT version FROM documents")["version"].tolist() == [1]
        assert store.sql("SELECT count(*) AS n FROM superseded_claims")["n"].iloc[0] == 0


def test_three_versions_keep_every_span_on_its_own_text(tmp_path: Path, extractor: Extractor) -> None:
    db = tmp_path / "store.duckdb"
    for text in (FIRST, REVISED, REVISED.replace("police said", "officials said")):
        _store_text(extractor, db, text)
    with tacitus.open(str(db)) as store:
        versions = store.sql("SELECT version FROM superseded_documents ORDER BY version")["version"].tolist()
        live = store.sql("SELECT DISTINCT doc_version FROM claims")["doc_version"].tolist()
    assert versions == [1, 2]
    assert live == [3]
    assert _python_slices_match(db) == []


def test_non_ascii_text_spans_are_counted_in_characters(tmp_path: Path, extractor: Extractor) -> None:
    """DuckDB's substring and Python's slicing must agree on what a character is (accents, Urdu script)."""
    db = tmp_path / "store.duckdb"
    text = "Pešāwar — اطلاع: On 3 May 2013 a roadside bomb killed four soldiers in Quetta."
    _store_text(extractor, db, text)
    _store_text(extractor, db, "Naïve edit. " + text)
    assert _python_slices_match(db) == []
    with tacitus.open(str(db)) as store:
        assert span_mismatches(store.con).empty  # type: ignore[attr-defined]
        assert store.sql("SELECT count(*) AS n FROM superseded_claims")["n"].iloc[0] > 0


def test_one_write_with_two_texts_under_one_id_is_refused_whole(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    with tacitus.open(str(db)) as store:
        with pytest.raises(ValueError, match="given twice with different texts"):
            store.add_records([], dataset="report", documents=[Document("a", "one text"), Document("a", "another")])
        assert store.counts()["documents"] == 0


def test_a_version_1_store_is_migrated_with_its_claims_pinned_to_version_1(tmp_path: Path) -> None:
    """A store written before versions existed: its document claims are read from version 1 of their text."""
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("INSERT INTO documents (doc_id, text, sha256) VALUES ('d1', 'A blast in Quetta.', 'x')")
    con.execute(
        "INSERT INTO claims (claim_id, record_key, field, value, source_kind, source_id, span_start, span_end, quote)"
        " VALUES ('report:d1@0#0', 'report:d1@0', 'place', '\"Quetta\"', 'document', 'd1', 11, 17, 'Quetta')"
    )
    con.close()
    with tacitus.open(str(db)) as store:
        assert store.schema_version() == len(MIGRATIONS)  # type: ignore[attr-defined]
        assert store.sql("SELECT version FROM documents")["version"].tolist() == [1]
        assert store.sql("SELECT doc_version FROM claims")["doc_version"].tolist() == [1]
        assert span_mismatches(store.con).empty  # type: ignore[attr-defined]
