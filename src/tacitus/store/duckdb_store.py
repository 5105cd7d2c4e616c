"""The store's one implementation, on DuckDB: a DuckDB file (the embedded default) or a PostgreSQL database that
DuckDB attaches (the team store; see tacitus.store.connection). Every query below runs on both.

Writes happen in one transaction per call. DuckDB only makes a transaction durable at COMMIT (and on PostgreSQL
the attached database's transaction commits with it), so a process killed mid-import leaves the store as it was
before the import began. Dataset imports arrive as a temporary
table (`tacitus.ingest.importer`) and are merged set-based (`merge_incoming`); events are re-derived by one SQL
query over their records (`tacitus.resolve.derive.derive_sql`), never one by one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from tacitus.errors import StoreError
from tacitus.model import CODED_FIELDS, EVENT_COLUMNS, EVENT_FIELDS, Claim, Record, stable_id
from tacitus.model import canonical_json as _json
from tacitus.resolve.derive import derive_sql
from tacitus.store.base import Document, ImportResult, Store
from tacitus.store.connection import connect, is_postgres, native_query, shown, transaction, user_tables
from tacitus.store.documents import pin_versions, write_documents
from tacitus.store.filters import build_where
from tacitus.store.review import carry_review_claims, overlay_reviews
from tacitus.store.schema import LATEST, MIGRATIONS

_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "DOUBLE": pa.float64(),
    "INTEGER": pa.int64(),
    "BOOLEAN": pa.bool_(),
}
_CODED_SCHEMA = [pa.field(c.name, _ARROW_TYPES[c.sql_type]) for c in EVENT_COLUMNS if c.name in CODED_FIELDS]

RECORD_SCHEMA = pa.schema(
    [
        pa.field("record_key", pa.string()),
        pa.field("dataset", pa.string()),
        pa.field("record_id", pa.string()),
        pa.field("event_id", pa.string()),
        pa.field("doc_id", pa.string()),
        *_CODED_SCHEMA,
        pa.field("raw", pa.string()),
        pa.field("content_hash", pa.string()),
        pa.field("reported_at", pa.string()),
    ]
)
CLAIM_SCHEMA = pa.schema(
    [
        pa.field("claim_id", pa.string()),
        pa.field("record_key", pa.string()),
        pa.field("field", pa.string()),
        pa.field("value", pa.string()),
        pa.field("source_kind", pa.string()),
        pa.field("source_id", pa.string()),
        pa.field("span_start", pa.int64()),
        pa.field("span_end", pa.int64()),
        pa.field("source_column", pa.string()),
        pa.field("quote", pa.string()),
        pa.field("confidence", pa.float64()),
        pa.field("reported_at", pa.string()),
    ]
)
_CODED_LIST = ", ".join(f'"{f}"' for f in CODED_FIELDS)
_TARGET_SCHEMA = pa.schema(
    [pa.field("event_id", pa.string()), pa.field("action", pa.string()), pa.field("detail", pa.string())]
)
_VALUE_TYPES = {c.name: c.sql_type for c in EVENT_COLUMNS}
SMALL_TARGETS = 64
# A memory limit for DuckDB during imports: staging and merge spill to disk beyond it, so a million-row
# import keeps a flat footprint instead of growing with the file.
IMPORT_MEMORY_LIMIT = "1GB"
_ASSIGN_SCHEMA = pa.schema(
    [
        pa.field("record_key", pa.string()),
        pa.field("event_id", pa.string()),
        pa.field("match_weight", pa.float64()),
        pa.field("link_reason", pa.string()),
    ]
)




def _record_row(record: Record) -> dict[str, Any]:
    values = {name: record.values.get(name) for name in CODED_FIELDS}
    raw = None if record.raw is None else _json(record.raw)
    # Claims as value lists (dataclass field order), not dicts: half the cost on the import hot path.
    content = _json({"values": values, "claims": [list(vars(c).values()) for c in record.claims], "raw": raw})
    return {
        "record_key": record.record_key,
        "dataset": record.dataset,
        "record_id": record.record_id,
        "event_id": record.event_id,
        "doc_id": record.doc_id,
        **values,
        "raw": raw,
        "content_hash": hashlib.sha1(content.encode("utf-8")).hexdigest(),
        "reported_at": max((c.reported_at for c in record.claims if c.reported_at), default=None),
    }


def _claims_table(claims: Iterable[tuple[str, int, Claim]]) -> pa.Table:
    """(record_key, ordinal, claim) triples as an Arrow table, built column by column: the import's hottest loop."""
    columns: dict[str, list[Any]] = {name: [] for name in CLAIM_SCHEMA.names}
    for record_key, ordinal, claim in claims:
        value = _json(claim.value)
        columns["claim_id"].append(Claim.claim_id(record_key, ordinal))
        columns["record_key"].append(record_key)
        columns["field"].append(claim.field)
        columns["value"].append(value)
        columns["source_kind"].append(claim.source_kind)
        columns["source_id"].append(claim.source_id)
        columns["span_start"].append(claim.start)
        columns["span_end"].append(claim.end)
        columns["source_column"].append(claim.column)
        columns["quote"].append(claim.quote)
        columns["confidence"].append(claim.confidence)
        columns["reported_at"].append(claim.reported_at)
    return pa.Table.from_pydict(columns, schema=CLAIM_SCHEMA)


# Records written per batch inside one import's transaction: bounds memory on large files (a GED row with its
# claims takes ~25 KB in Python) while keeping the per-batch SQL overhead negligible.
_BATCH_SIZE = 5_000


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def len_incoming(con: Any) -> int:
    row = con.execute("SELECT count(*) FROM incoming").fetchone()
    return int(row[0]) if row else 0


def typed_value(field: str, text: Any) -> Any:
    """A stored claim's JSON value as the codebook's type (dates as dates)."""
    if text is None or (isinstance(text, float) and text != text):
        return None
    value = json.loads(text) if isinstance(text, str) else text
    if _VALUE_TYPES.get(field) == "DATE" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


class DuckDBStore(Store):
    """Store in one DuckDB file or one PostgreSQL database; see the module docstring for the durability argument."""

    def __init__(self, path: str, read_only: bool = False, force: bool = False) -> None:
        self.postgres = is_postgres(path)
        self.path = shown(path)
        self._few_targets: list[str] | None = None  # the events of `derive_targets`, when a reviewer's few
        if not self.postgres:
            if read_only and not Path(path).exists():
                raise StoreError(f"{path}: no such store")
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.con = connect(path, read_only)
        if not read_only:
            if not force:
                self._refuse_foreign()
            self._migrate()
        self._check_version()

    # -- schema --------------------------------------------------------------------------------------
    def schema_version(self) -> int:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0]) if row else 0

    def _check_version(self) -> None:
        version = self.schema_version()
        if version > LATEST:
            raise StoreError(f"{self.path}: store schema v{version} is newer than this Tacitus (v{LATEST})")
        if 0 < version < LATEST:
            raise StoreError(
                f"{self.path}: store schema v{version} is older than this Tacitus (v{LATEST}); "
                f"bring it forward with `tacitus init --db {self.path}`"
            )
        if version < LATEST:
            raise StoreError(f"{self.path}: not a Tacitus store")

    def _refuse_foreign(self) -> None:
        """A DuckDB file (or PostgreSQL database) that holds other tables and no Tacitus schema is someone else's
        database: adding our tables to it silently would be a surprise (`--force` does it on purpose)."""
        if self.schema_version():
            return
        tables = user_tables(self.con)
        if tables:
            self.con.close()
            shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
            raise StoreError(
                f"{self.path}: not a Tacitus store (it holds other tables: {shown}); "
                "use --force to add Tacitus tables to it anyway"
            )

    def _migrate(self) -> None:
        version = self.schema_version()
        for number in range(version + 1, LATEST + 1):
            with self.transaction():
                for statement in MIGRATIONS[number - 1]:
                    self.con.execute(statement)
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(number)])

    # -- writes --------------------------------------------------------------------------------------
    def add_records(
        self,
        records: Iterable[Record],
        *,
        dataset: str,
        source_path: str | None = None,
        sha256: str | None = None,
        documents: Sequence[Document] = (),
    ) -> ImportResult:
        """Add records in one transaction, a batch at a time.

        `records` may be a generator (an importer streaming a file): batches keep memory bounded on large
        files, and an exception from the generator (a bad row at line 90,000) rolls back every batch before it.
        """
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        seen: set[str] = set()
        rows_read = added = updated = 0
        con = self.con
        with self.transaction():
            revised = self._add_documents(documents, now)
            for batch in _batches(records, _BATCH_SIZE):
                rows_read += len(batch)
                new_count, changed_count = self._add_batch(batch, seen, dataset, source_path, now)
                added += new_count
                updated += changed_count
            self._finish_documents(documents, revised, now)
            import_id = stable_id("imp", dataset, source_path, sha256, now.isoformat())
            con.execute(
                "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?)",
                [import_id, dataset, source_path, sha256, rows_read, added, now],
            )
            con.execute("UPDATE records SET import_id = ? WHERE import_id IS NULL", [import_id])
        return ImportResult(
            dataset=dataset,
            rows_read=rows_read,
            added=added,
            updated=updated,
            unchanged=rows_read - added - updated,
        )

    def _add_batch(
        self, records: list[Record], seen: set[str], dataset: str, source_path: str | None, now: dt.datetime
    ) -> tuple[int, int]:
        """Write one batch inside add_records' transaction; returns (records added, records changed)."""
        rows = [_record_row(r) for r in records]
        for row in rows:
            if row["record_key"] in seen:
                raise ValueError(f"duplicate record id {row['record_key']!r} in one import")
            seen.add(row["record_key"])
        claims_by_key = {r.record_key: r.claims for r in records}
        con = self.con
        con.register("incoming", pa.Table.from_pylist(rows, schema=RECORD_SCHEMA))
        status = con.execute(
            """SELECT i.record_key, i.event_id,
                      CASE WHEN r.record_key IS NULL THEN 'new'
                           WHEN r.content_hash = i.content_hash THEN 'same' ELSE 'changed' END,
                      r.event_id
               FROM incoming i LEFT JOIN records r USING (record_key)"""
        ).fetchall()
        new_keys = [k for k, _, s, _ in status if s == "new"]
        changed = [(k, old_event) for k, _, s, old_event in status if s == "changed"]
        changed_keys = [k for k, _ in changed]
        touched = new_keys + changed_keys
        if changed_keys:
            con.execute("DELETE FROM claims WHERE record_key IN (SELECT unnest(?))", [changed_keys])
            con.execute("DELETE FROM records WHERE record_key IN (SELECT unnest(?))", [changed_keys])
        if touched:
            con.execute(
                """INSERT INTO records BY NAME
                   SELECT i.*, ? AS import_id, ? AS added_at FROM incoming i
                   WHERE i.record_key IN (SELECT unnest(?))""",
                [None, now, touched],
            )
            # A changed record keeps the event it was resolved into.
            if changed:
                con.execute(
                    """UPDATE records SET event_id = c.old_event
                       FROM (SELECT unnest(?) AS record_key, unnest(?) AS old_event) c
                       WHERE records.record_key = c.record_key""",
                    [[k for k, _ in changed], [e for _, e in changed]],
                )
            claim_table = _claims_table((k, i, c) for k in touched for i, c in enumerate(claims_by_key[k]))
            if claim_table.num_rows:
                con.register("incoming_claims", claim_table)
                con.execute("INSERT INTO claims BY NAME SELECT * FROM incoming_claims")
                con.unregister("incoming_claims")
            new_events = {str(e) for k, e, s, _ in status if s == "new"}
            targets = {e: ("created", {"dataset": dataset, "source": source_path}) for e in new_events}
            targets.update({str(e): ("updated", {"source": source_path}) for _, e in changed})
            self._set_targets(targets)
            self._rederive(now)
        con.unregister("incoming")
        return len(new_keys), len(changed_keys)

    def _add_documents(self, documents: Sequence[Document], now: dt.datetime) -> dict[str, dict[str, Any]]:
        """Store the documents of a write; a changed text becomes a new version (see tacitus.store.documents).

        Returns the events that lost records to a superseded version, for `_finish_documents`.
        """
        return write_documents(self.con, documents, now)

    def _finish_documents(
        self, documents: Sequence[Document], revised: Mapping[str, Mapping[str, Any]], now: dt.datetime
    ) -> None:
        """After a write's records are in: pin their claims to the document version, re-derive revised events."""
        pin_versions(self.con, [d.doc_id for d in documents])
        self.rederive_many(revised, action="document revised", now=now)

    def transaction(self) -> contextlib.AbstractContextManager[Any]:
        """One transaction on the store's connection (see tacitus.store.connection.transaction)."""
        return transaction(self.con)

    @contextlib.contextmanager
    def import_limits(self) -> Iterator[None]:
        """Bound DuckDB's memory while a large import runs (it spills to its temp directory beyond that)."""
        setting = self.con.execute("SELECT current_setting('memory_limit')").fetchone()
        self.con.execute(f"SET memory_limit = '{IMPORT_MEMORY_LIMIT}'")
        try:
            yield
        finally:
            self.con.execute(f"SET memory_limit = '{setting[0] if setting else '80%'}'")

    def merge_incoming(self, dataset: str, *, source_path: str | None, sha256: str | None) -> ImportResult:
        """Merge the temporary table `incoming` (one coded row per record; tacitus.ingest.importer) into the store.

        Call inside `transaction()`. Content hashes decide in SQL what is new, changed or already present:
        new records are inserted; changed ones are updated in place, keeping the event (and link) resolution gave
        them; the events either touched are re-derived in one statement. Events that a change may have moved
        away from their links are flagged (`stale_events`), so `resolve` and `query` can say so.
        """
        con = self.con
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        con.execute(
            """CREATE OR REPLACE TEMP TABLE import_status AS
               SELECT i.record_key, i.event_id, r.event_id AS old_event,
                      CASE WHEN r.record_key IS NULL THEN 'new'
                           WHEN r.content_hash = i.content_hash THEN 'same' ELSE 'changed' END AS status
               FROM incoming i LEFT JOIN records r USING (record_key)"""
        )
        counts = dict(con.execute("SELECT status, count(*) FROM import_status GROUP BY status").fetchall())
        added, updated, same = (int(counts.get(k, 0)) for k in ("new", "changed", "same"))
        import_id = stable_id("imp", dataset, source_path, sha256, now.isoformat())
        coded = ", ".join(f'"{f}"' for f in CODED_FIELDS)
        if added:
            # A fresh import (every row new) needs no join with the status table.
            only_new = "" if added == len_incoming(con) else (
                "WHERE i.record_key IN (SELECT record_key FROM import_status WHERE status = 'new')")
            con.execute(
                f"""INSERT INTO records BY NAME
                    SELECT i.record_key, ? AS dataset, i.record_id, i.event_id, {coded}, i.raw, i.content_hash,
                           i.reported_at, ? AS import_id, ? AS added_at
                    FROM incoming i {only_new}""",
                [dataset, import_id, now],
            )
        if updated:
            assignments = ", ".join(f'"{f}" = i."{f}"' for f in CODED_FIELDS)
            con.execute(
                f"""UPDATE records SET {assignments}, raw = i.raw, content_hash = i.content_hash,
                        reported_at = i.reported_at, import_id = ?
                    FROM incoming i JOIN import_status s USING (record_key)
                    WHERE records.record_key = i.record_key AND s.status = 'changed'""",
                [import_id],
            )
            # A changed record in a multi-record event may no longer belong there: flag the link for review.
            self._flag_stale_links(now)
        self._few_targets = None
        con.execute(
            """CREATE OR REPLACE TEMP TABLE derive_targets AS
               SELECT DISTINCT coalesce(old_event, event_id) AS event_id,
                      CASE WHEN status = 'new' THEN 'created' ELSE 'updated' END AS action,
                      CASE WHEN status = 'new' THEN json_object('dataset', ?, 'source', ?)
                           ELSE json_object('source', ?) END AS detail
               FROM import_status WHERE status <> 'same'""",
            [dataset, source_path, source_path],
        )
        self._rederive(now)
        rows_read = added + updated + same
        con.execute("INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [import_id, dataset, source_path, sha256, rows_read, added, now])
        for table in ("import_status", "derive_targets"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        return ImportResult(dataset=dataset, rows_read=rows_read, added=added, updated=updated, unchanged=same)

    def _set_targets(self, targets: Mapping[str, tuple[str, Mapping[str, Any]]]) -> None:
        """The temporary table `derive_targets`: event id → (history action, detail).

        A reviewer's write targets one or two events: a VALUES list costs a fraction of a millisecond where
        registering an Arrow table costs several; resolution's thousands go through Arrow.
        """
        rows = [[e, a, _json(dict(d))] for e, (a, d) in sorted(targets.items())]
        self._few_targets = [row[0] for row in rows] if len(rows) <= SMALL_TARGETS else None
        if len(rows) <= SMALL_TARGETS:
            marks = ", ".join("(?, ?, ?)" for _ in rows)
            self.con.execute(f"""CREATE OR REPLACE TEMP TABLE derive_targets AS
                                 SELECT * FROM (VALUES {marks}) t(event_id, action, detail)""",
                             [v for row in rows for v in row])
            return
        table = pa.Table.from_pylist([dict(zip(_TARGET_SCHEMA.names, row, strict=True)) for row in rows],
                                     schema=_TARGET_SCHEMA)
        self.con.register("targets_in", table)
        self.con.execute("CREATE OR REPLACE TEMP TABLE derive_targets AS SELECT * FROM targets_in")
        self.con.unregister("targets_in")

    def _targeted(self, column: str) -> tuple[str, list[str]]:
        """`column` restricted to the events in `derive_targets`, as SQL and its parameters.

        A reviewer's few events are spelled out as a parameter list: PostgreSQL (through DuckDB's postgres
        extension) is sent `IN (?, ...)` as a filter, where a semi-join on the temporary table would first copy
        the whole table over the socket. Resolution's thousands stay a semi-join.
        """
        few = self._few_targets
        if few is None:
            return f"{column} IN (SELECT event_id FROM derive_targets)", []
        return f"{column} IN ({', '.join('?' for _ in few)})", list(few)

    def _flag_stale_links(self, now: dt.datetime) -> None:
        """Record that changed records sit in events they share with other records: resolution linked them on
        values that have since changed, so those links need another `resolve` (meta `links_stale_since`)."""
        shared = self.con.execute(
            """SELECT count(DISTINCT s.old_event) FROM import_status s
               JOIN records r ON r.event_id = s.old_event AND r.record_key <> s.record_key
               WHERE s.status = 'changed'"""
        ).fetchone()
        if shared and shared[0]:
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('links_stale_since', ?)", [now.isoformat()])

    def stale_links(self) -> str | None:
        """When a re-import last changed records that resolution had linked (None: links are current)."""
        row = self.con.execute("SELECT value FROM meta WHERE key = 'links_stale_since'").fetchone()
        return str(row[0]) if row else None

    def mark_links_current(self) -> None:
        self.con.execute("DELETE FROM meta WHERE key = 'links_stale_since'")

    def _rederive(self, now: dt.datetime) -> None:
        """Re-derive every event in `derive_targets` from its records, set-based (call inside a transaction).

        Events left without records are deleted and logged as "removed"; the others keep their review status
        and notes, get the next version and a history row with their own action and detail; so
        an event seen for the first time starts at version 1.
        """
        con = self.con
        members = ", ".join(f'r."{f}"' for f in CODED_FIELDS)
        in_records, ids = self._targeted("r.event_id")
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE derived AS {derive_sql(
                f"(SELECT r.event_id, r.dataset, r.record_key, r.reported_at, {members} FROM records r "
                f"WHERE {in_records})")}""",
            ids,
        )
        overlay_reviews(con, "derived")
        in_events, _ = self._targeted("event_id")
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE prior AS
               SELECT t.event_id, t.action, t.detail, e.review_status, e.notes,
                      coalesce(h.version, 0) + 1 AS version, d.event_id IS NOT NULL AS kept
               FROM derive_targets t
               LEFT JOIN (SELECT * FROM events WHERE {in_events}) e USING (event_id)
               LEFT JOIN (SELECT event_id, max(version) AS version FROM event_history
                          WHERE {in_events} GROUP BY event_id) h USING (event_id)
               LEFT JOIN derived d USING (event_id)""",
            ids * 2,
        )
        con.execute(f"DELETE FROM events WHERE {in_events}", ids)
        con.execute(
            """INSERT INTO events BY NAME
               SELECT d.*, coalesce(p.review_status, 'unreviewed') AS review_status, p.notes, p.version,
                      ? AS updated_at
               FROM derived d JOIN prior p USING (event_id)""",
            [now],
        )
        con.execute(
            """INSERT INTO event_history
               SELECT event_id, version, ?, CASE WHEN kept THEN action ELSE 'removed' END, detail FROM prior""",
            [now],
        )
        for table in ("derived", "prior"):
            con.execute(f"DROP TABLE {table}")

    def rederive(
        self,
        event_id: str,
        *,
        action: str,
        detail: dict[str, Any] | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        """Recompute an event's values from its records (call inside a transaction) and log the change."""
        self.rederive_many({event_id: detail or {}}, action=action, now=now)

    def rederive_many(
        self, details: Mapping[str, Mapping[str, Any]], *, action: str, now: dt.datetime | None = None
    ) -> None:
        """Recompute many events from their records in one set-based pass (call inside a transaction).

        Events left without records are deleted and logged as "removed"; the others keep their review status
        and notes, get the next version and a history row with their own `details` entry.
        """
        if not details:
            return
        self._set_targets({e: (action, d) for e, d in details.items()})
        self._rederive(now or dt.datetime.now(dt.UTC).replace(tzinfo=None))
        self.con.execute("DROP TABLE derive_targets")

    def assign(
        self,
        assignments: Mapping[str, str],
        *,
        weights: Mapping[str, float | None] | None = None,
        reasons: Mapping[str, str | None] | None = None,
        action: str = "resolved",
        detail: Mapping[str, Any] | None = None,
    ) -> list[str]:
        """Move records (by record_key) to events, set their link weight and reason, and re-derive.

        One transaction: every touched event (the ones records left and the ones they joined) is re-derived,
        emptied events are removed, and each gets a history row naming the records that arrived and left.
        Returns the touched event ids. Records not named keep their event; `weights`/`reasons` may also name
        records that stay put (their explanation changes without a move).
        """
        weights = weights or {}
        reasons = reasons or {}
        keys = sorted(set(assignments) | set(weights) | set(reasons))
        if not keys:
            return []
        current = dict(
            self.con.execute(
                "SELECT record_key, event_id FROM records WHERE record_key IN (SELECT unnest(?))", [keys]
            ).fetchall()
        )
        unknown = [k for k in keys if k not in current]
        if unknown:
            raise ValueError(f"unknown record {unknown[0]!r}")
        target = {k: assignments.get(k, current[k]) for k in keys}
        moved = [k for k in keys if target[k] != current[k]]
        details: dict[str, dict[str, Any]] = {}
        for key in moved:
            details.setdefault(target[key], {**(detail or {}), "joined": [], "left": []})["joined"].append(key)
            details.setdefault(current[key], {**(detail or {}), "joined": [], "left": []})["left"].append(key)
        table = pa.Table.from_pylist(
            [
                {"record_key": k, "event_id": target[k], "match_weight": weights.get(k), "link_reason": reasons.get(k)}
                for k in keys
            ],
            schema=_ASSIGN_SCHEMA,
        )
        con = self.con
        with self.transaction():
            con.register("assigned", table)
            con.execute(
                """UPDATE records SET event_id = a.event_id, match_weight = a.match_weight,
                                      link_reason = a.link_reason
                   FROM assigned a WHERE records.record_key = a.record_key"""
            )
            con.unregister("assigned")
            departures: dict[str, set[str]] = {}
            for key in moved:
                departures.setdefault(current[key], set()).add(target[key])
            carry_review_claims(self, departures)
            self.rederive_many(details, action=action)
        return sorted(details)

    # -- reads ---------------------------------------------------------------------------------------
    def _actor_names(self) -> list[str]:
        rows = self.con.execute(
            """SELECT DISTINCT n FROM (
                   SELECT perpetrator AS n FROM events UNION SELECT actor1 FROM events
                   UNION SELECT actor2 FROM events) WHERE n IS NOT NULL"""
        ).fetchall()
        return [r[0] for r in rows]

    # -- events, records, claims: the read API ---------------------------------------------------------
    def events(self, *, geo: bool = False, **filters: Any) -> pd.DataFrame:
        where = build_where(filters, self._actor_names)
        columns = ", ".join(f'e."{n}"' for n in EVENT_FIELDS)
        frame = self.con.execute(
            f"SELECT {columns} FROM events e WHERE {where.sql} ORDER BY e.date, e.event_id", where.params
        ).df()
        if geo:
            from tacitus.export.geo import geodataframe

            return geodataframe(frame)
        return frame

    def records(self, **filters: Any) -> pd.DataFrame:
        where = build_where(filters, self._actor_names)
        return self.con.execute(
            f"""SELECT r.* EXCLUDE (raw) FROM records r JOIN events e USING (event_id)
                WHERE {where.sql} ORDER BY r.event_id, r.record_key""",
            where.params,
        ).df()

    def raw_records(self, dataset: str) -> pd.DataFrame:
        """Records of one dataset with their original rows (for exports in the dataset's own shape)."""
        return self.con.execute(
            "SELECT * FROM records WHERE dataset = ? ORDER BY record_key", [dataset]
        ).df()

    def claims(self, event_id: str | None = None) -> pd.DataFrame:
        """Stored claims (text, corrections) and the claims derived from dataset records' raw rows, one frame."""
        from tacitus.ingest.provenance import derived_claims

        condition, params = ("WHERE r.event_id = ?", [event_id]) if event_id else ("", [])
        stored = self.con.execute(
            f"""SELECT r.event_id, c.* FROM claims c JOIN records r USING (record_key) {condition}""", params
        ).df()
        stored["value"] = [typed_value(f, v) for f, v in zip(stored["field"], stored["value"], strict=True)]
        frames = [stored, *derived_claims(self.con, event_id)]
        frame = pd.concat([f for f in frames if len(f)] or [stored], ignore_index=True)
        frame = frame.sort_values(
            ["event_id", "field", "source_id", "span_start"], kind="stable", na_position="first"
        ).reset_index(drop=True)
        return frame.reindex(columns=stored.columns)

    def links(self) -> pd.DataFrame:
        return self.con.execute(
            "SELECT event_id, dataset, record_id FROM links ORDER BY event_id, dataset, record_id"
        ).df()

    def documents(self) -> pd.DataFrame:
        return self.con.execute("SELECT * FROM documents ORDER BY doc_id").df()

    def history(self, event_id: str | None = None) -> pd.DataFrame:
        condition, params = ("WHERE event_id = ?", [event_id]) if event_id else ("", [])
        return self.con.execute(
            f"SELECT * FROM event_history {condition} ORDER BY event_id, version", params
        ).df()

    def sql(self, query: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        return self.con.execute(query, list(params)).df()

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables: what `tacitus stats` and the tests check after every write."""
        out = {}
        for table in ("documents", "records", "events", "claims", "imports"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    # -- primitives for the review workbench (see Store.execute) -----------------------------------------
    def execute(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        result = self.con.execute(query, list(params))
        return result.fetchall() if result.description else []

    def change_stamp(self) -> str | None:
        """On PostgreSQL, the server's current snapshot (`xmin:xmax:in-progress ids`): any write transaction that
        commits changes it, reads do not; one query of a few hundred microseconds on the server."""
        if not self.postgres:
            return None
        return str(native_query(self.con, "SELECT pg_current_snapshot()::text")[0][0])

    def close(self) -> None:
        self.con.close()
