"""Human review of events: corrections as claims, accept/reject, merge, split, wrong links, and the audit trail.

A correction is a review claim (`source_kind = "review"`, author, reason, time) kept next to the machine claims;
the derivation rule ranks it first (tacitus.resolve.derive.apply_review), so it survives every re-derivation —
a re-import, a `tacitus resolve`, a server restart. Nothing is deleted: undoing a correction is another one.

Every write is a compare-and-set on the event's version (`UPDATE events … WHERE version = ?`): a writer holding
a stale version gets `StaleVersion` (HTTP 409) on either backend, and every change is written to `audit` (who,
when, field, before, after, reason) together with the event history row, in one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Final

from tacitus.errors import TacitusError, WriteConflict
from tacitus.model import CODED_FIELDS, EVENT_COLUMNS, EVENT_FIELDS, REPORT_DATASET, canonical_json, invalid_value
from tacitus.store import link_labels
from tacitus.store.base import Store
from tacitus.store.filters import build_where
from tacitus.values import plain

REVIEW_SOURCE: Final = "review"
ACCEPTED, REJECTED, UNREVIEWED = "reviewed", "rejected", "unreviewed"
"""Accepting an event sets the codebook's review status `reviewed`; rejecting it (not an event) `rejected`."""

_TYPES: Final = {c.name: c.sql_type for c in EVENT_COLUMNS}
_NON_NEGATIVE: Final = {c.name for c in EVENT_COLUMNS if c.sql_type == "INTEGER" and c.name != "type_of_violence"}
_RANGES: Final = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0), "geo_precision": (1, 7)}
# Fields whose absence sends an event up the queue: what the extractor most often leaves empty.
KEY_FIELDS: Final = ("date", "admin1", "admin2", "place", "latitude", "event_type", "attack_type", "perpetrator",
                     "killed_best")
WEAK_LINK_MARGIN: Final = 2.0
"""A link whose match weight lies within this many bits of the threshold is "weak" and reviewed early."""


class ReviewError(TacitusError):
    """Base of the review errors the web layer maps onto HTTP statuses."""


class EventNotFound(ReviewError):
    pass


class StaleVersion(ReviewError):
    """Someone changed the event since the writer read it (HTTP 409)."""

    def __init__(self, event_id: str, current: int) -> None:
        self.current = current
        super().__init__(f"event {event_id} is at version {current}; reload it and apply your change again")


class InvalidValue(ReviewError, ValueError):
    """A value the codebook does not allow (HTTP 422): one line naming the field."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# -- values ------------------------------------------------------------------------------------------------
def parse_value(field: str, value: Any) -> Any:
    """A submitted value as the codebook types it, or InvalidValue naming the field and the rule broken."""
    if field not in CODED_FIELDS:
        raise InvalidValue(f"{field!r} is not a codebook field that can be corrected")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = _TYPES[field]
    try:
        if kind == "DATE":
            parsed: Any = dt.date.fromisoformat(str(value).strip())
        elif kind == "INTEGER":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            parsed = int(str(value).strip()) if isinstance(value, str) else int(value)
        elif kind == "DOUBLE":
            if isinstance(value, bool):
                raise ValueError
            parsed = float(value)
            if not math.isfinite(parsed):
                raise ValueError
        elif kind == "BOOLEAN":
            text = str(value).strip().lower()
            if isinstance(value, bool):
                parsed = value
            elif text in ("true", "yes", "1"):
                parsed = True
            elif text in ("false", "no", "0"):
                parsed = False
            else:
                raise ValueError
        else:
            parsed = str(value).strip()
    except (TypeError, ValueError):
        expected = {"DATE": "a date YYYY-MM-DD", "INTEGER": "a whole number", "DOUBLE": "a number",
                    "BOOLEAN": "true or false"}.get(kind, "text")
        raise InvalidValue(f"{field}: {value!r} is not {expected}") from None
    if field in _NON_NEGATIVE and parsed < 0:
        raise InvalidValue(f"{field}: {parsed} is negative")
    if field in _RANGES and not _RANGES[field][0] <= parsed <= _RANGES[field][1]:
        low, high = _RANGES[field]
        raise InvalidValue(f"{field}: {parsed} is outside {low}..{high}")
    problem = invalid_value(field, parsed)
    if problem:
        raise InvalidValue(f"{field}: {problem}")
    return parsed


def _stored(value: Any) -> str:
    return canonical_json(value)


def _loaded(field: str, text: str | None) -> Any:
    value = None if text is None else json.loads(text)
    if value is not None and _TYPES.get(field) == "DATE":
        return dt.date.fromisoformat(str(value)[:10])
    return value


def jsonable(value: Any) -> Any:
    """A store value as JSON wants it: None for missing, ISO text for dates and times."""
    value = plain(value)
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def review_values(store: Store, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """event_id → {field: the latest review claim's value} for the events given.

    Review claims are made by people, so they number thousands at most; reading them all and keeping the wanted
    events is cheaper than an IN list of the tens of thousands of ids a `resolve` re-derives at once.
    """
    return latest_review_values(store.execute(REVIEW_VALUES_SQL, [REVIEW_SOURCE]), event_ids)


REVIEW_VALUES_SQL: Final = (
    "SELECT event_id, field, value FROM review_claims WHERE source_kind = ? ORDER BY created_at, claim_id"
)
"""Every review claim, oldest first (parameter: REVIEW_SOURCE); for callers holding a raw connection (doctor)."""


def latest_review_values(
    rows: Sequence[tuple[Any, ...]], event_ids: Sequence[str] | None = None
) -> dict[str, dict[str, Any]]:
    """event_id → {field: latest value} from REVIEW_VALUES_SQL rows, for the events given (all when None)."""
    wanted = None if event_ids is None else set(event_ids)
    out: dict[str, dict[str, Any]] = {}
    for event_id, field, value in rows:
        if wanted is None or event_id in wanted:
            out.setdefault(event_id, {})[field] = _loaded(field, value)
    return out


def overlay_reviews(con: Any, table: str) -> None:
    """Rewrite the rows of `table` (derived event values, one row per event_id) that reviewers corrected.

    The derivation rule runs as one SQL statement over every touched event; review claims number thousands at
    most, so the few events that carry them are re-read, given the reviewers' values (`apply_review`) and
    updated in place, inside the caller's transaction. `con` is a DuckDB connection (the store's, or doctor's).
    """
    from tacitus.resolve.derive import apply_review

    rows = con.execute(
        f"""SELECT event_id, field, value FROM review_claims
            WHERE source_kind = ? AND event_id IN (SELECT event_id FROM {table})
            ORDER BY created_at, claim_id""",
        [REVIEW_SOURCE],
    ).fetchall()
    reviewed = latest_review_values(rows)
    if not reviewed:
        return
    cursor = con.execute(f"SELECT * FROM {table} WHERE event_id IN (SELECT unnest(?))", [sorted(reviewed)])
    columns = [d[0] for d in cursor.description]
    for row in [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]:
        corrected = apply_review(row, reviewed[row["event_id"]])
        changed = {c: v for c, v in corrected.items() if c in columns and c != "event_id" and v != row[c]}
        if changed:
            assignments = ", ".join(f'"{c}" = ?' for c in changed)
            con.execute(f"UPDATE {table} SET {assignments} WHERE event_id = ?", [*changed.values(), row["event_id"]])


def carry_review_claims(store: Store, departures: Mapping[str, set[str]]) -> None:
    """Let corrections follow their event when all its records move to one other event (inside the move).

    `departures` maps each event that records left to the events they went to. An event emptied into a single
    other one (a merge, or resolution linking it into an event whose id another record founds) hands its review
    claims on, so a person's corrections are not stranded on an id that no longer exists. Call after the records
    moved and before the events are re-derived, in the same transaction.
    """
    reviewed = {row[0] for row in store.execute("SELECT DISTINCT event_id FROM review_claims")}
    for old in sorted(reviewed & set(departures)):
        destinations = departures[old] - {old}
        if len(destinations) != 1 or store.execute("SELECT count(*) FROM records WHERE event_id = ?", [old])[0][0]:
            continue
        store.execute("UPDATE review_claims SET event_id = ? WHERE event_id = ?", [destinations.pop(), old])


# -- compare-and-set -----------------------------------------------------------------------------------------
def current_version(store: Store, event_id: str) -> int:
    rows = store.execute("SELECT version FROM events WHERE event_id = ?", [event_id])
    if not rows:
        raise EventNotFound(f"no event {event_id!r}")
    return int(rows[0][0])


@contextlib.contextmanager
def _versioned(store: Store, event_id: str) -> Iterator[None]:
    """A transaction that moves `event_id` to its next version. Losing a race to another writer mid-transaction
    (PostgreSQL: `WriteConflict`) means the same as finding the version moved on: `StaleVersion`."""
    try:
        with store.transaction():
            yield
    except WriteConflict:
        raise StaleVersion(event_id, current_version(store, event_id)) from None


def _take_version(store: Store, event_id: str, expected: int, now: dt.datetime) -> int:
    """Compare-and-set: move the event from `expected` to the next version, or raise. Call in a transaction.

    The UPDATE's WHERE clause is the whole check, and its row count the answer (PostgreSQL tables take no
    RETURNING through DuckDB), so it holds under concurrent writers on PostgreSQL as on DuckDB: the second writer
    waits for the first's row lock and then fails to serialise (`StaleVersion`, via `Store.transaction`).
    """
    rows = store.execute(
        "UPDATE events SET version = version + 1, updated_at = ? WHERE event_id = ? AND version = ?",
        [now, event_id, expected],
    )
    if not rows or not rows[0][0]:
        raise StaleVersion(event_id, current_version(store, event_id))
    return expected + 1


def _event_values(store: Store, event_id: str, fields: Sequence[str]) -> dict[str, Any]:
    columns = ", ".join(f'"{f}"' for f in fields)
    rows = store.execute(f"SELECT {columns} FROM events WHERE event_id = ?", [event_id])
    if not rows:
        raise EventNotFound(f"no event {event_id!r}")
    return dict(zip(fields, rows[0], strict=True))


def _audit(store: Store, event_id: str, version: int, user: str, now: dt.datetime, action: str,
           changes: Sequence[tuple[str | None, Any, Any]], reason: str) -> None:
    for field, before, after in changes:
        store.execute(
            """INSERT INTO audit (event_id, version, user_name, changed_at, action, field, before_value,
                                  after_value, reason)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [event_id, version, user, now, action, field, _stored(jsonable(before)), _stored(jsonable(after)),
             reason],
        )


def _history(store: Store, event_id: str, version: int, now: dt.datetime, action: str, detail: dict[str, Any]) -> None:
    store.execute("INSERT INTO event_history (event_id, version, changed_at, action, detail) VALUES (?, ?, ?, ?, ?)",
                  [event_id, version, now, action, canonical_json(detail)])


def _need_reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise InvalidValue("reason: say why (every change carries its reason)")
    return text


# -- writes --------------------------------------------------------------------------------------------------
def correct(store: Store, event_id: str, fields: Mapping[str, Any], *, user: str, reason: str | None,
            expected_version: int, action: str = "corrected") -> int:
    """Record `fields` as review claims by `user` and re-derive the event; returns its new version.

    The values become the event's values whatever the machine claims say; the previous values stay in the
    audit trail, and undoing means correcting again with the old value. `action` names the change in the
    history and audit trail (double coding's adjudication is a correction logged as `adjudicated`).
    """
    if not fields:
        raise InvalidValue("fields: nothing to correct")
    parsed = {name: parse_value(name, value) for name, value in fields.items()}
    why = _need_reason(reason)
    now = _now()
    names = sorted(parsed)
    with _versioned(store, event_id):
        before = _event_values(store, event_id, names)
        version = _take_version(store, event_id, expected_version, now)
        for name in names:
            store.execute(
                """INSERT INTO review_claims (claim_id, event_id, field, value, source_kind, author, reason, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [f"review:{event_id}:{version:09d}:{name}", event_id, name, _stored(jsonable(parsed[name])),
                 REVIEW_SOURCE, user, why, now],
            )
        store.rederive_many({event_id: {"user": user, "reason": why, "fields": names}}, action=action, now=now)
        after = _event_values(store, event_id, [*names, "version"])
        version = int(after["version"])
        _audit(store, event_id, version, user, now, action, [(n, before[n], after[n]) for n in names], why)
    return version


def set_status(store: Store, event_id: str, status: str, *, user: str, reason: str | None,
               expected_version: int) -> int:
    """Accept (`reviewed`), reject (`rejected`, not an event) or reopen (`unreviewed`) an event."""
    if status not in (ACCEPTED, REJECTED, UNREVIEWED):
        raise InvalidValue(f"status: {status!r} must be accepted, rejected or unreviewed")
    why = (reason or "").strip() or ("accepted" if status == ACCEPTED else status)
    now = _now()
    with _versioned(store, event_id):
        before = _event_values(store, event_id, ["review_status"])["review_status"]
        version = _take_version(store, event_id, expected_version, now)
        store.execute("UPDATE events SET review_status = ? WHERE event_id = ?", [status, event_id])
        _history(store, event_id, version, now, "review_status", {"user": user, "status": status, "reason": why})
        _audit(store, event_id, version, user, now, "review_status", [("review_status", before, status)], why)
    return version


def _bump(store: Store, event_id: str, expected_version: int) -> None:
    """Compare-and-set before a move of records (which re-derives in a transaction of its own)."""
    with _versioned(store, event_id):
        version = _take_version(store, event_id, expected_version, _now())
        _history(store, event_id, version, _now(), "claimed_for_review", {})


def merge(store: Store, event_id: str, other_id: str, *, user: str, reason: str | None,
          expected_version: int) -> int:
    """Move every record of `other_id` into `event_id` (its review claims follow); returns the new version."""
    why = _need_reason(reason)
    if other_id == event_id:
        raise InvalidValue("merge: an event cannot be merged with itself")
    keys = [r[0] for r in store.execute("SELECT record_key FROM records WHERE event_id = ?", [other_id])]
    if not keys:
        raise EventNotFound(f"no event {other_id!r}")
    anchor = store.execute("SELECT min(record_key) FROM records WHERE event_id = ?", [event_id])[0][0]
    if anchor is None:
        raise EventNotFound(f"no event {event_id!r}")
    _bump(store, event_id, expected_version)
    # The other event's corrections come along (carry_review_claims, inside assign).
    store.assign(dict.fromkeys(keys, event_id), action="merged",
                 detail={"merged_from": other_id, "user": user, "reason": why})
    # A person's merge is a must-link: confirmed labels keep the records together on every later `resolve`.
    for key in keys:
        link_labels.add_link_label(store, anchor, key, link_labels.CONFIRMED, author=user, reason=why)
    version = current_version(store, event_id)
    with store.transaction():
        _audit(store, event_id, version, user, _now(), "merged", [("records", None, keys)], why)
    return version


def split_out(store: Store, event_id: str, record_keys: Sequence[str], *, user: str, reason: str | None,
              expected_version: int, action: str = "split") -> dict[str, str]:
    """Split records out of an event so that no later `resolve` joins them again (cannot-link constraints).

    Marking a link wrong is this with one record: the split's cannot-link pairs live in the event history,
    which resolution reads every run (tacitus.resolve.resolver.cannot_links). Returns record → new event id.
    """
    from tacitus.resolve.resolver import split

    why = _need_reason(reason)
    if not record_keys:
        raise InvalidValue("records: name the record(s) to split out")
    staying = [r[0] for r in store.execute("SELECT record_key FROM records WHERE event_id = ? ORDER BY 1", [event_id])
               if r[0] not in set(record_keys)]
    _bump(store, event_id, expected_version)
    moved = split(store, event_id, record_keys)
    # Rejected labels outrank an earlier merge's confirmed ones (the latest label of a pair is in force).
    for key in record_keys:
        for other in staying:
            link_labels.add_link_label(store, key, other, link_labels.REJECTED, author=user, reason=why)
    now = _now()
    remaining = [e for k, e in moved.items() if k not in set(record_keys)]
    with store.transaction():
        if remaining and remaining[0] != event_id:  # the staying records founded a new id: corrections follow
            store.execute("UPDATE review_claims SET event_id = ? WHERE event_id = ?", [remaining[0], event_id])
            store.rederive_many({remaining[0]: {"user": user, "reason": why}}, action="review_claims_moved", now=now)
        target = remaining[0] if remaining else event_id
        version = current_version(store, target) if remaining else 0
        _audit(store, event_id, version, user, now, action,
               [("records", list(record_keys), {k: moved[k] for k in record_keys})], why)
    return moved


# -- reads ---------------------------------------------------------------------------------------------------
def audit_trail(store: Store, event_id: str | None = None) -> list[dict[str, Any]]:
    """Every recorded change (of one event, or all): who, when, field, before, after, reason."""
    condition, params = ("WHERE event_id = ?", [event_id]) if event_id else ("", [])
    rows = store.execute(
        f"""SELECT event_id, version, user_name, changed_at, action, field, before_value, after_value, reason FROM audit
            {condition} ORDER BY changed_at, event_id, version, field""",
        params,
    )
    return [
        {"event_id": e, "version": int(v), "user": u, "at": jsonable(at), "action": a, "field": f,
         "before": None if b is None else json.loads(b), "after": None if af is None else json.loads(af),
         "reason": r}
        for e, v, u, at, a, f, b, af, r in rows
    ]


SESSION_GAP: Final = dt.timedelta(minutes=30)
"""Two actions of one reviewer further apart than this belong to different working sessions."""


def reviewer_throughput(store: Store) -> list[dict[str, Any]]:
    """Per reviewer: events touched, changes made, hours at work and events per hour (from the audit trail).

    Hours at work add up each working session (actions no more than SESSION_GAP apart), from its first to its last
    action; a session of one action counts as one minute, so a single correction does not claim infinite speed.
    """
    rows = store.execute("SELECT user_name, changed_at, event_id FROM audit ORDER BY user_name, changed_at")
    out = []
    by_user: dict[str, list[tuple[dt.datetime, str]]] = {}
    for user, at, event_id in rows:
        by_user.setdefault(user, []).append((at, event_id))
    for user, actions in by_user.items():
        worked = dt.timedelta(0)
        start = last = actions[0][0]
        for at, _ in actions[1:]:
            if at - last > SESSION_GAP:
                worked += max(last - start, dt.timedelta(minutes=1))
                start = at
            last = at
        worked += max(last - start, dt.timedelta(minutes=1))
        hours = worked.total_seconds() / 3600
        events = len({e for _, e in actions})
        out.append({"user": user, "events": events, "changes": len(actions), "hours": round(hours, 3),
                    "events_per_hour": round(events / hours, 1), "first": jsonable(actions[0][0]),
                    "last": jsonable(actions[-1][0])})
    return out


def _actor_names(store: Store) -> Callable[[], list[str]]:
    def names() -> list[str]:
        rows = store.execute(
            """SELECT DISTINCT n FROM (SELECT perpetrator AS n FROM events UNION SELECT actor1 FROM events
                   UNION SELECT actor2 FROM events) names WHERE n IS NOT NULL"""
        )
        return [r[0] for r in rows]

    return names


PRIORITY_COLUMNS: Final = ("conflict", "weak_link", "unfilled", "from_report")
PRIORITY_TABLE: Final = "review_priority"
_PRIORITY_OF_RECORDS: Final = """SELECT r.event_id,
           CASE WHEN count(DISTINCT r.killed_best) > 1 OR count(DISTINCT r.admin2) > 1 THEN 1 ELSE 0 END AS conflict,
           CASE WHEN min(abs(r.match_weight - ?)) <= ? THEN 1 ELSE 0 END AS weak_link,
           max(CASE WHEN r.dataset = ? THEN 1 ELSE 0 END) AS from_report
    FROM records r WHERE {where} GROUP BY r.event_id"""
_FLAGGED: Final = "SELECT * FROM (" + _PRIORITY_OF_RECORDS + ") f WHERE f.conflict + f.weak_link + f.from_report > 0"


def build_priority(store: Store, threshold: float) -> None:
    """Keep the record-based priority flags of every event in a temporary table (for a long-lived server).

    They come from an aggregate over all records, the costliest part of a queue page; the server builds them once
    and refreshes the events its merges and splits touch (`refresh_priority`). Corrections change no record, so
    they leave the flags as they are; the unfilled-field count is computed from the event row on every read.
    Only events with a flag raised have a row: most events have none, and the queue's join with a table of the few
    is much cheaper than with a row per event. Only a process that is the store's sole writer may rely on the
    table (the DuckDB server is).
    """
    store.execute(f"""CREATE TEMP TABLE IF NOT EXISTS {PRIORITY_TABLE} (
        event_id VARCHAR PRIMARY KEY, conflict INTEGER, weak_link INTEGER, from_report INTEGER)""")
    store.execute(f"DELETE FROM {PRIORITY_TABLE}")
    store.execute(f"INSERT INTO {PRIORITY_TABLE} " + _FLAGGED.format(where="TRUE"),
                  [threshold, WEAK_LINK_MARGIN, REPORT_DATASET])


def refresh_priority(store: Store, event_ids: Sequence[str], threshold: float) -> None:
    """Recompute the priority flags of the events given (after their records moved)."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    marks = ", ".join("?" for _ in ids)
    with store.transaction():
        store.execute(f"DELETE FROM {PRIORITY_TABLE} WHERE event_id IN ({marks})", ids)
        store.execute(f"INSERT INTO {PRIORITY_TABLE} " + _FLAGGED.format(where=f"r.event_id IN ({marks})"),
                      [threshold, WEAK_LINK_MARGIN, REPORT_DATASET, *ids])


def review_queue(store: Store, *, status: str | None = UNREVIEWED, limit: int = 50, offset: int = 0,
                 threshold: float = -1.0, materialised: bool = False,
                 **filters: Any) -> tuple[list[dict[str, Any]], int]:
    """Events to review in priority order, and how many match: (rows, total).

    Priority, most urgent first: conflicting claims (records that disagree on the killed toll or the district),
    weak links (a match weight within WEAK_LINK_MARGIN of the linkage `threshold`), unfilled key fields (more
    first), then extracted reports before dataset-only events; ties go to the latest date, then the id.
    `materialised` reads the flags from the table `build_priority` keeps instead of aggregating the records.
    One statement finds the page: DuckDB's top-N reads the narrow sort columns of every matching event and fetches
    the whole rows of the page's events only (late materialisation), which is what keeps a queue page of 100,000
    events fast; the total is a plain count.
    """
    if status:
        filters["review_status"] = status
    where = build_where(filters, _actor_names(store))
    unfilled = " + ".join(f'CASE WHEN e."{f}" IS NULL THEN 1 ELSE 0 END' for f in KEY_FIELDS)
    if materialised:
        flags, flag_params = PRIORITY_TABLE, []
    else:
        flags = "(" + _PRIORITY_OF_RECORDS.format(
            where=f"r.event_id IN (SELECT e.event_id FROM events e WHERE {where.sql})") + ")"
        flag_params = [threshold, WEAK_LINK_MARGIN, REPORT_DATASET, *where.params]
    columns = ", ".join(f'e."{n}"' for n in EVENT_FIELDS)
    conflict, weak_link, from_report = (f"coalesce(p.{c}, 0)" for c in ("conflict", "weak_link", "from_report"))
    ranked = store.execute(
        f"""SELECT {columns}, e.version, {conflict}, {weak_link}, {unfilled} AS unfilled, {from_report}
            FROM events e LEFT JOIN {flags} p ON p.event_id = e.event_id
            WHERE {where.sql}
            ORDER BY {conflict} DESC, {weak_link} DESC, unfilled DESC, {from_report} DESC, e.date DESC, e.event_id
            LIMIT ? OFFSET ?""",
        [*flag_params, *where.params, limit, offset],
    )
    counted = store.execute(f"SELECT count(*) FROM events e WHERE {where.sql}", where.params)
    names = [*EVENT_FIELDS, "version"]
    out = []
    for row in ranked:
        record = {n: jsonable(v) for n, v in zip(names, row, strict=False)}
        record.update({n: int(v) for n, v in zip(PRIORITY_COLUMNS, row[len(names):], strict=True)})
        out.append(record)
    return out, int(counted[0][0])


def event_points(store: Store, *, status: str | None = UNREVIEWED, limit: int = 5000,
                 **filters: Any) -> tuple[list[list[Any]], list[list[Any]]]:
    """For the queue's map and timeline: ([event_id, lat, lon, killed_best] …, [YYYY-MM, events] …)."""
    if status:
        filters["review_status"] = status
    where = build_where(filters, _actor_names(store))
    points = store.execute(
        f"""SELECT e.event_id, e.latitude, e.longitude, e.killed_best FROM events e
            WHERE {where.sql} AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL
            ORDER BY e.date DESC, e.event_id LIMIT ?""",
        [*where.params, limit],
    )
    months = store.execute(
        f"""SELECT m, count(*) FROM (SELECT substr(CAST(e.date AS VARCHAR), 1, 7) AS m FROM events e
            WHERE {where.sql} AND e.date IS NOT NULL) dated GROUP BY m ORDER BY m""",
        where.params,
    )
    return [list(p) for p in points], [[m, int(n)] for m, n in months]


def _link_in_words(reason: str | None, weight: Any) -> str:
    """Why a record was linked, as a sentence a reviewer can check (from resolution's stored explanation)."""
    if not isinstance(reason, str):
        return "founding record of this event (no link needed)" if plain(weight) is None else "linked"
    data = json.loads(reason)
    parts = [f"{name} {part['level'].replace('_', ' ')} ({part['weight']:+.1f})"
             for name, part in sorted(data.get("comparisons", {}).items())]
    rule = f", by rule {data['rule']}" if data.get("rule") else ""
    return (f"linked to {data.get('linked_to')} with match weight {data.get('match_weight', 0):+.1f}{rule}: "
            + "; ".join(parts))


def event_detail(store: Store, event_id: str) -> dict[str, Any]:
    """An event's codebook fields, version, claims (machine and review), records, documents and audit trail."""
    columns = ", ".join(f'"{n}"' for n in EVENT_FIELDS)
    rows = store.execute(f"SELECT {columns}, version FROM events WHERE event_id = ?", [event_id])
    if not rows:
        raise EventNotFound(f"no event {event_id!r}")
    out: dict[str, Any] = {n: jsonable(v) for n, v in zip([*EVENT_FIELDS, "version"], rows[0], strict=True)}
    claims = []
    for (claim_id, record_key, field, value, kind, source_id, start, end, column, quote, confidence,
         reported_at) in store.execute(
        """SELECT c.claim_id, c.record_key, c.field, c.value, c.source_kind, c.source_id, c.span_start, c.span_end,
                  c.source_column, c.quote, c.confidence, c.reported_at
           FROM claims c WHERE c.record_key IN (SELECT record_key FROM records WHERE event_id = ?)
           ORDER BY c.field, c.source_id, c.span_start, c.claim_id""",
        [event_id],
    ):
        claims.append({
            "claim_id": claim_id, "record_key": record_key, "field": field, "value": json.loads(value),
            "source_kind": kind, "source_id": source_id,
            "span": None if start is None else {"start": int(start), "end": int(end)},
            "column": column, "quote": quote, "confidence": confidence, "reported_at": reported_at,
        })
    for claim_id, field, value, author, reason, created in store.execute(
        """SELECT claim_id, field, value, author, reason, created_at FROM review_claims
           WHERE event_id = ? ORDER BY created_at, claim_id""",
        [event_id],
    ):
        claims.append({
            "claim_id": claim_id, "record_key": None, "field": field, "value": json.loads(value),
            "source_kind": REVIEW_SOURCE, "source_id": f"review:{author}", "author": author, "reason": reason,
            "at": jsonable(created), "span": None, "column": None, "quote": None, "confidence": 1.0,
            "reported_at": jsonable(created),
        })
    out["claims"] = claims
    records = store.execute(
        """SELECT record_key, dataset, record_id, doc_id, match_weight, link_reason, date, place, killed_best
           FROM records WHERE event_id = ? ORDER BY record_key""",
        [event_id],
    )
    out["records"] = [
        {"record_key": k, "dataset": d, "record_id": i, "doc_id": doc, "match_weight": jsonable(w),
         "why": _link_in_words(reason, w), "date": jsonable(day), "place": place, "killed_best": jsonable(killed)}
        for k, d, i, doc, w, reason, day, place, killed in records
    ]
    doc_ids = sorted({r["doc_id"] for r in out["records"] if r["doc_id"]})
    documents = []
    if doc_ids:
        marks = ", ".join("?" for _ in doc_ids)
        documents = [
            {"doc_id": d, "title": t, "source": s, "url": u, "published": jsonable(p), "text": text}
            for d, t, s, u, p, text in store.execute(
                f"SELECT doc_id, title, source, url, published, text FROM documents WHERE doc_id IN ({marks})"
                " ORDER BY doc_id",
                doc_ids,
            )
        ]
    out["documents"] = documents
    return out
