"""`tacitus doctor`: check a store against the codebook's invariants, and repair what can be repaired safely.

Every check reads the store as it is and says, in one plain line, what holds and what does not (with a few ids to
look at). The invariants are the codebook's: a toll's low ≤ best ≤ high; dates after 1900 and not in the future;
coordinates inside the stated country and first-level unit (the shipped boundaries); every event value backed by
a claim; every evidence span matching the text it was read from; links and derived values consistent with the
records; no orphaned rows.

`repair` fixes only what follows from the store's own records, in one transaction: events re-derived from their
records (stale values, missing or empty events), orphaned claims moved to `superseded_claims` (kept, not
deleted), and records of an event whose dates are further apart than resolution could have linked them returned
to events of their own, after which resolution runs again. What a source said (a toll of 50/10/5, a date in
2999) is never rewritten: those stay problems for a person to look at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Final

import duckdb
import pandas as pd

from tacitus.model import CODED_FIELDS, event_id_for
from tacitus.resolve.derive import TOLLS, apply_review, derive_sql
from tacitus.store.documents import span_mismatches
from tacitus.store.review import REVIEW_SOURCE, REVIEW_VALUES_SQL, latest_review_values
from tacitus.store.schema import LATEST
from tacitus.values import plain

EARLIEST: Final = dt.date(1900, 1, 1)
# Coarse polygon edges (tacitus.geo.boundaries): a point this close to the stated unit is taken as inside it.
SNAP_KM: Final = 10.0
# Sources place some border events a few km across the line (a drone strike coded to the agency it targeted): a
# warning. Further out than this the point cannot be the stated country (the Barents Sea, a swapped pair): a failure.
BORDER_KM: Final = 50.0
# A value without a claim of its own is backed when a claim for the field it follows from exists (the toll rule
# widens a best figure into low and high; the violence type follows from the target; the GW code and PRIO-GRID
# cell follow from the country and the coordinates, tacitus.resolve.derive.LOCATORS), or when it is the
# codebook's stated default for "the text says nothing" (not suicide, not claimed, perpetrator Unknown, GTD's
# `unknown` attack, target and weapon types).
FOLLOWS_FROM: Final = {
    "killed_low": "killed_best", "killed_high": "killed_best", "wounded_low": "wounded_best",
    "wounded_high": "wounded_best", "type_of_violence": "target_type", "actor1": "perpetrator",
    "date_end": "date", "weapon_type": "attack_type", "gwcode": "country_code", "priogrid_gid": "latitude",
}  # fmt: skip
DEFAULTS: Final = {
    "suicide": "false", "claimed": "false", "perpetrator": "Unknown", "attack_type": "unknown",
    "target_type": "unknown", "weapon_type": "unknown", "success": "true",
}  # fmt: skip
TABLES: Final = (
    "meta", "imports", "documents", "records", "events", "claims", "event_history", "superseded_documents",
    "superseded_claims",
)  # fmt: skip
EXAMPLES: Final = 3


@dataclass
class Finding:
    """One check's result: `problems` counts what breaks the invariant (0: it holds).

    A `warning` is a finding about what a source itself coded (GED's own toll of 1/2/1, a dataset's coordinates a
    district away from its stated province): worth a look, kept as the source wrote it, and not a failure of the
    store. Everything else that fails is the store's own inconsistency and makes `doctor` exit non-zero.
    """

    check: str
    summary: str
    problems: int = 0
    examples: list[str] = field(default_factory=list)
    fixable: bool = False
    warning: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.problems) and not self.warning

    def line(self) -> str:
        if not self.problems:
            return f"ok    {self.check}: {self.summary}"
        shown = f" (e.g. {'; '.join(self.examples[:EXAMPLES])})" if self.examples else ""
        repair = " [--fix repairs this]" if self.fixable else ""
        return f"{'warn' if self.warning else 'FAIL'}  {self.check}: {self.summary}{shown}{repair}"


def _finding(check: str, total: str, bad: list[str], what: str, fixable: bool = False,
             warning: bool = False) -> Finding:
    if not bad:
        return Finding(check, total)
    return Finding(check, f"{len(bad):,} {what}", len(bad), bad[:EXAMPLES], fixable, warning)


def readable(con: duckdb.DuckDBPyConnection) -> Finding:
    """Read every row of every table: a truncated or overwritten file fails here, not halfway through a command."""
    rows = 0
    for table in TABLES:
        try:
            row = con.execute(f"SELECT count(*), sum(hash(t)) FROM {table} t").fetchone()
        except duckdb.CatalogException:
            return Finding("file", f"table {table} is missing: not a complete Tacitus store", 1)
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0]
            return Finding("file", f"table {table} cannot be read ({first}); restore the store from a backup", 1)
        rows += int(row[0]) if row else 0
    return Finding("file", f"every row of {len(TABLES)} tables read ({rows:,} rows)")


def schema(con: duckdb.DuckDBPyConnection) -> Finding:
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        return Finding("schema", "no schema version: not a Tacitus store", 1)
    version = int(row[0]) if row else 0
    if version == LATEST:
        return Finding("schema", f"v{version} (current)")
    if version > LATEST:
        return Finding("schema", f"v{version} is newer than this Tacitus (v{LATEST}); upgrade Tacitus", 1)
    return Finding("schema", f"v{version} is older than this Tacitus (v{LATEST})", 1, fixable=True)


def toll_order(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """low ≤ best ≤ high: required of events (the toll rule orders it); reported, as a warning, of source records."""
    out = []
    for table, key in (("events", "event_id"), ("records", "record_key")):
        bad: list[str] = []
        for low, best, high in TOLLS:
            rows = con.execute(
                f"""SELECT {key}, "{low}", "{best}", "{high}" FROM {table}
                    WHERE "{low}" > "{best}" OR "{best}" > "{high}" OR "{low}" > "{high}"
                       OR least("{low}", "{best}", "{high}") < 0 ORDER BY 1"""
            ).fetchall()
            bad += [f"{k} {best.split('_')[0]} {lo}/{be}/{hi}" for k, lo, be, hi in rows]
        if table == "events":
            out.append(_finding("toll order", "low ≤ best ≤ high, none negative, in every event", bad,
                                "event tolls break low ≤ best ≤ high", fixable=True))
        else:
            out.append(_finding("source tolls", "every record's own low ≤ best ≤ high", bad,
                                "records whose source codes a toll out of order (kept as coded; events order it)",
                                warning=True))
    return out


def dates(con: duckdb.DuckDBPyConnection, today: dt.date) -> Finding:
    bad: list[str] = []
    for table, key in (("events", "event_id"), ("records", "record_key")):
        rows = con.execute(
            f"""SELECT {key}, date, date_end FROM {table}
                WHERE date < ? OR date > ? OR date_end > ? OR date_end < date ORDER BY 1""",
            [EARLIEST, today, today],
        ).fetchall()
        bad += [f"{k} {d}" + (f"..{e}" if e else "") for k, d, e in rows]
    return _finding("dates", f"every date between {EARLIEST} and today, no period ending before it starts", bad,
                    "dates before 1900, in the future or ending before they start")


def places(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Coordinates against the shipped Pakistan boundaries, with the first-level unit as on the event date."""
    from tacitus.geo.admin import FATA_MERGED, AdminHistory
    from tacitus.geo.boundaries import Boundaries

    rows = con.execute(
        """SELECT event_id, date, country_code, admin1, latitude, longitude FROM events
           WHERE latitude IS NOT NULL AND longitude IS NOT NULL ORDER BY event_id"""
    ).fetchall()
    boundaries, history = Boundaries.load(), AdminHistory.load()

    def province_on(code: str | None, day: dt.date | None) -> str | None:
        return "KP" if code == "TA" and day is not None and day >= FATA_MERGED else code

    def located_province(unit: str, province: str, day: dt.date | None) -> str | None:
        if unit and day is not None:
            return province_on(history.unit_on(history.units[unit], day).province, day)
        return province_on(province, day)

    bad: list[str] = []
    elsewhere: list[str] = []
    checked = 0
    for event_id, day, country, admin1, lat, lon in rows:
        if country not in (None, "PAK"):
            continue  # no shipped boundaries for other countries
        checked += 1
        region = boundaries.locate(lat, lon, snap_km=SNAP_KM)
        if region is None:
            if boundaries.locate(lat, lon, snap_km=BORDER_KM) is not None:
                elsewhere.append(f"{event_id} ({lat}, {lon}) just across the border of Pakistan")
                continue
            swapped = boundaries.locate(lon, lat, snap_km=SNAP_KM) is not None
            bad.append(f"{event_id} ({lat}, {lon}) far outside Pakistan" + (": latitude and longitude swapped?" *
                                                                            swapped))
            continue
        stated = province_on(history.find_province(admin1), day) if admin1 else None
        if stated is None or located_province(region.unit, region.province, day) == stated:
            continue
        near = min(
            (boundaries.km_outside(lat, lon, r.unit) or 0.0 for r in boundaries.regions
             if r.unit and located_province(r.unit, r.province, day) == stated),
            default=None,
        )
        if near is None or near > SNAP_KM:
            elsewhere.append(f"{event_id} ({lat}, {lon}) not in {admin1}")
    return [
        _finding("places", f"{checked:,} events' coordinates inside their country", bad,
                 f"events with coordinates more than {BORDER_KM:g} km outside their stated country"),
        _finding("borders", "every event's coordinates inside its stated country and first-level unit", elsewhere,
                 f"events more than {SNAP_KM:g} km outside their stated country or first-level unit (kept as coded)",
                 warning=True),
    ]


def backed_values(con: duckdb.DuckDBPyConnection) -> Finding:
    """Every non-empty event value has a claim for its field (or the field it follows from): in its records, or a
    reviewer's correction of the event."""
    values = " UNION ALL ".join(
        f"""SELECT event_id, '{f}' AS field, CAST("{f}" AS VARCHAR) AS value FROM events WHERE "{f}" IS NOT NULL"""
        for f in CODED_FIELDS
    )
    follows = " UNION ALL ".join(f"SELECT '{a}' AS field, '{b}' AS source" for a, b in FOLLOWS_FROM.items())
    defaults = " UNION ALL ".join(f"SELECT '{a}' AS field, '{b}' AS value" for a, b in DEFAULTS.items())
    # Dataset claims are derived from the raw rows when asked for (tacitus.ingest.provenance), not stored.
    from tacitus.ingest.provenance import derived_claims

    frames = [f[["event_id", "field"]] for f in derived_claims(con) if len(f)]
    con.register("derived_backing", pd.concat(frames).drop_duplicates() if frames else
                 pd.DataFrame({"event_id": pd.Series(dtype=str), "field": pd.Series(dtype=str)}))
    rows = con.execute(
        f"""WITH v AS ({values}),
                 follows AS ({follows}),
                 defaults AS ({defaults}),
                 backed AS (SELECT DISTINCT r.event_id, c.field FROM claims c JOIN records r USING (record_key)
                            UNION SELECT DISTINCT event_id, field FROM review_claims
                            UNION SELECT event_id, field FROM derived_backing)
            SELECT v.event_id, v.field FROM v
            LEFT JOIN follows f ON f.field = v.field
            WHERE NOT EXISTS (SELECT 1 FROM backed b WHERE b.event_id = v.event_id
                                                       AND b.field IN (v.field, f.source))
              AND NOT EXISTS (SELECT 1 FROM defaults d WHERE d.field = v.field AND lower(d.value) = lower(v.value))
            ORDER BY 1, 2"""
    ).fetchall()
    con.unregister("derived_backing")
    return _finding("claims", "every event value backed by a claim", [f"{e} {f}" for e, f in rows],
                    "event values without a claim behind them")


def spans(con: duckdb.DuckDBPyConnection) -> Finding:
    broken = span_mismatches(con)
    bad = [f"{r.claim_id} ({r.state}) quotes {r.quote!r}, text has {r.found!r}" for r in broken.itertuples()]
    stale = con.execute(
        """SELECT c.claim_id, c.doc_version, d.version FROM claims c JOIN documents d ON d.doc_id = c.source_id
           WHERE c.source_kind = 'document' AND c.doc_version IS DISTINCT FROM d.version ORDER BY 1"""
    ).fetchall()
    bad += [f"{c} read from version {v}, document is at version {now}" for c, v, now in stale]
    total = con.execute(
        """SELECT (SELECT count(*) FROM claims WHERE source_kind = 'document')
                  + (SELECT count(*) FROM superseded_claims WHERE source_kind = 'document')"""
    ).fetchone()
    count = int(total[0]) if total else 0
    return _finding("spans", f"{count:,} evidence spans match the text version they were read from", bad,
                    "evidence spans that do not match their text")


@dataclass
class LinkState:
    """What the links check found, kept for `repair`: events to re-derive and records to unlink."""

    rederive: dict[str, str] = field(default_factory=dict)  # event_id -> reason
    unlink: list[str] = field(default_factory=list)  # record keys in events resolution could not have made
    orphan_claims: int = 0
    links_flagged: bool = False  # a re-import changed linked records since the last resolve


def _comparable(value: Any) -> Any:
    value = plain(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float):
        return round(value, 6)
    return value


def _derived_differences(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Events whose stored values are not what their records derive (the store's own rule, recomputed here)."""
    members = ", ".join(f'r."{f}"' for f in CODED_FIELDS)
    cursor = con.execute(derive_sql(
        f"(SELECT r.event_id, r.dataset, r.record_key, r.reported_at, {members} FROM records r)"))
    columns = [d[0] for d in cursor.description]
    derived = {row[0]: dict(zip(columns, row, strict=True)) for row in cursor.fetchall()}
    reviewed = latest_review_values(con.execute(REVIEW_VALUES_SQL, [REVIEW_SOURCE]).fetchall())
    events = con.execute("SELECT * FROM events").df().set_index("event_id")
    stale: dict[str, str] = {}
    for event_id, values in sorted(derived.items()):
        if event_id not in events.index:
            continue
        if event_id in reviewed:
            values = apply_review(values, reviewed[event_id])
        stored = events.loc[event_id]
        for name, value in values.items():
            if name in stored.index and name != "event_id" and _comparable(value) != _comparable(stored[name]):
                stale[event_id] = f"{name} stored {plain(stored[name])!r}, records give {plain(value)!r}"
                break
    return stale


def _window_days() -> int:
    from tacitus.resolve.config import load_config

    config = load_config()
    return max(config.date_window_days, config.leftover_max_days)


def links(con: duckdb.DuckDBPyConnection, state: LinkState) -> list[Finding]:
    """Records point at events that exist, events have records and the values their records give, and no event
    holds records further apart in time than resolution links (a chain of n records spans at most n-1 windows)."""
    no_event = [r[0] for r in con.execute(
        "SELECT DISTINCT event_id FROM records WHERE event_id NOT IN (SELECT event_id FROM events) ORDER BY 1"
    ).fetchall()]
    empty = [r[0] for r in con.execute(
        "SELECT event_id FROM events WHERE event_id NOT IN (SELECT event_id FROM records) ORDER BY 1"
    ).fetchall()]
    stale = _derived_differences(con)
    window = _window_days()
    spread = con.execute(
        """SELECT event_id, count(*), max(date) - min(date), list(record_key ORDER BY record_key) FROM records
           WHERE date IS NOT NULL AND coalesce(date_precision, 'day') = 'day'
           GROUP BY event_id HAVING count(*) > 1 AND max(date) - min(date) > (count(*) - 1) * ?
           ORDER BY 1""",
        [window],
    ).fetchall()
    for event_id in no_event:
        state.rederive[event_id] = "records without their event"
    for event_id in empty:
        state.rederive[event_id] = "event without records"
    for event_id, reason in stale.items():
        state.rederive[event_id] = f"stale values ({reason})"
    for _event_id, _n, _days, keys in spread:
        state.unlink.extend(keys)
    return [
        _finding("links", "every record's event exists and every event has records",
                 [f"{e}: records but no event" for e in no_event] + [f"{e}: no records" for e in empty],
                 "records without an event or events without records", fixable=True),
        _finding("derived values", "every event holds the values its records derive",
                 [f"{e}: {why}" for e, why in stale.items()], "events with stale values", fixable=True),
        _finding("stale links", f"no event joins records further apart than resolution links ({window} day(s) "
                 "a step)", [f"{e}: {n} records {d} days apart" for e, n, d, _ in spread],
                 "events join records too far apart in time", fixable=True),
    ]


def orphans(con: duckdb.DuckDBPyConnection, state: LinkState) -> Finding:
    rows = con.execute(
        """SELECT claim_id FROM claims WHERE record_key NOT IN (SELECT record_key FROM records) ORDER BY 1"""
    ).fetchall()
    state.orphan_claims = len(rows)
    return _finding("orphans", "every claim belongs to a record", [r[0] for r in rows],
                    "claims without their record", fixable=True)


def examine(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> tuple[list[Finding], LinkState]:
    """Run every check; a damaged file or a foreign schema stops the rest (they would only repeat it)."""
    state = LinkState()
    first = [schema(con)]
    if first[0].failed:
        return first, state
    first.append(readable(con))
    if first[1].failed:
        return first, state
    checks: Iterable[Callable[[], list[Finding]]] = (
        lambda: toll_order(con),
        lambda: [dates(con, today or dt.date.today())],
        lambda: places(con),
        lambda: [backed_values(con), spans(con)],
        lambda: links(con, state),
        lambda: [orphans(con, state)],
        lambda: [links_current(con, state)],
    )
    return first + [f for check in checks for f in check()], state


def links_current(con: duckdb.DuckDBPyConnection, state: LinkState) -> Finding:
    """No re-import has changed records that resolution linked since the last `resolve` (meta
    `links_stale_since`, set by the import; `--fix` runs resolve, which clears it)."""
    row = con.execute("SELECT value FROM meta WHERE key = 'links_stale_since'").fetchone()
    state.links_flagged = row is not None
    bad = [f"a re-import on {row[0]} changed records that resolution had linked"] if row else []
    return _finding("links current", "resolution has run since the last change to linked records", bad,
                    "change to linked records since the last resolve (run `tacitus resolve`)", fixable=True)


def repair(store: Any, state: LinkState) -> list[str]:
    """Apply the safe repairs `examine` found, in one transaction; returns what was done, one line each.

    `store` is an open, writable DuckDBStore. When records were unlinked, resolution runs afterwards (in its own
    transaction, as every resolve does) to link them again by the current rules.
    """
    con = store.con
    done: list[str] = []
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    con.execute("BEGIN TRANSACTION")
    try:
        if state.orphan_claims:
            con.execute(
                """INSERT INTO superseded_claims
                       (claim_id, record_key, event_id, field, value, source_kind, source_id, doc_version,
                        span_start, span_end, source_column, quote, confidence, reported_at, superseded_at)
                   SELECT claim_id, record_key, NULL, field, value, source_kind, source_id, doc_version, span_start,
                          span_end, source_column, quote, confidence, reported_at, ?
                   FROM claims WHERE record_key NOT IN (SELECT record_key FROM records)""",
                [now],
            )
            con.execute("DELETE FROM claims WHERE record_key NOT IN (SELECT record_key FROM records)")
            done.append(f"moved {state.orphan_claims:,} orphaned claims to superseded_claims")
        details = {e: {"doctor": why} for e, why in state.rederive.items()}
        if state.unlink:
            moved = con.execute(
                "SELECT record_key, dataset, record_id, event_id FROM records WHERE record_key IN (SELECT unnest(?))",
                [state.unlink],
            ).fetchall()
            targets = {key: event_id_for(dataset, record_id) for key, dataset, record_id, _ in moved}
            con.execute(
                """UPDATE records SET event_id = t.event_id, match_weight = NULL, link_reason = NULL
                   FROM (SELECT unnest(?) AS record_key, unnest(?) AS event_id) t
                   WHERE records.record_key = t.record_key""",
                [list(targets), list(targets.values())],
            )
            for key, _, _, old in moved:
                details.setdefault(old, {"doctor": "stale link"})
                details.setdefault(targets[key], {"doctor": "stale link"})
            done.append(f"returned {len(moved):,} records of stale links to events of their own")
        if details:
            store.rederive_many(details, action="doctor", now=now)
            done.append(f"re-derived {len(details):,} events from their records")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    if state.unlink or state.links_flagged:
        from tacitus.resolve.resolver import resolve

        summary = resolve(store)
        done.append(f"resolved again: {summary.moved:,} records linked by the current rules")
    return done

