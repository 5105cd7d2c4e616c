"""Double coding: a seeded sample of events, each coded blind by two coders, then adjudicated by a reviewer.

A reviewer draws a sample by the queue's filters (a size or a fraction, and a seed: the same seed on the same
store draws the same events) and names two or more coders; every sampled event goes to two of them (with two
coders, both code every event; with more, the pairs rotate so each pair codes a like share). Each coder's values
are stored as *coding claims* by that coder (`coding_claims`), not as the event's values: they change nothing
until a reviewer who coded none of the pair adjudicates. Adjudication writes the chosen values as review claims
(the workbench's corrections, `tacitus.store.review.correct`, audit action `adjudicated`), so the adjudicated
value becomes the event's value with the audit trail naming the sample, and the item closes.

While an item is open (not yet adjudicated), its coders code blind (`blind_fields`): they never see the other
coder's coding claims, and for the sample's fields under test they see neither the event's current values, nor
review claims, nor audit entries — anywhere in the workbench (event page, event API, history, queue, map). They
may not correct those fields through the ordinary correction either (`refuse_blind`). Machine claims (report
spans, dataset cells) and the records stay visible: they are the evidence to code from.

Agreement (`agreement`) is computed per field under test over the items both coders submitted
(tacitus.agreement). Text, date and yes/no fields are nominal, and an empty value is a category of its own
("the source does not say"); numbers are interval (and ratio, for counts), and an empty number is missing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from collections.abc import Mapping, Sequence
from typing import Any, Final

from tacitus.agreement import cohens_kappa, krippendorffs_alpha, pairable_units, percent_agreement
from tacitus.model import CODED_FIELDS, EVENT_COLUMNS, canonical_json
from tacitus.resolve.derive import TOLLS
from tacitus.store.base import Store
from tacitus.store.filters import build_where
from tacitus.store.review import (
    UNREVIEWED,
    EventNotFound,
    InvalidValue,
    ReviewError,
    _actor_names,
    correct,
    jsonable,
    parse_value,
)
from tacitus.store.users import get_user

DEFAULT_FIELDS: Final = ("date", "admin1", "admin2", "event_type", "attack_type", "target_type", "perpetrator",
                         "killed_best", "wounded_best")
"""The fields a sample tests when its maker names none: the ones event datasets publish reliability for."""
_TYPES: Final = {c.name: c.sql_type for c in EVENT_COLUMNS}
_COUNTS: Final = {c.name for c in EVENT_COLUMNS
                  if c.sql_type == "INTEGER" and c.name not in ("type_of_violence", "geo_precision")}
"""Counts (tolls and the like), for which a ratio difference is meaningful: zero means none."""
EMPTY: Final = "(empty)"


class CodingError(ReviewError):
    """A double-coding request that cannot be met (HTTP 409): not assigned, already submitted, not ready."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def is_numeric(field: str) -> bool:
    return _TYPES[field] in ("INTEGER", "DOUBLE") and field != "type_of_violence"


# -- drawing a sample ----------------------------------------------------------------------------------------
def draw_sample(store: Store, *, user: str, coders: Sequence[str], seed: int, size: int | None = None,
                fraction: float | None = None, fields: Sequence[str] | None = None,
                status: str | None = UNREVIEWED, filters: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Draw a sample and assign each event to two coders; returns the sample as `sample_detail` gives it.

    The population is every event matching the filters (as the queue reads them) that is not already in an open
    item of another sample, in event-id order; Python's `random.Random(seed).sample` picks from it, so the same
    seed on the same store picks the same events.
    """
    coders = list(dict.fromkeys(c.strip() for c in coders if c and c.strip()))
    if len(coders) < 2:
        raise InvalidValue("coders: name at least two coders")
    for name in coders:
        found = get_user(store, name)
        if found is None:
            raise InvalidValue(f"coders: no user {name!r}")
        if not found.may("edit"):
            raise InvalidValue(f"coders: {name} is a {found.role} and may not code")
    chosen_fields = list(dict.fromkeys(fields or DEFAULT_FIELDS))
    unknown = [f for f in chosen_fields if f not in CODED_FIELDS]
    if unknown:
        raise InvalidValue(f"fields: {', '.join(unknown)} not codebook fields that can be coded")
    if (size is None) == (fraction is None):
        raise InvalidValue("size: give either a size (events) or a fraction (0-1), not both")
    if size is not None and size < 1:
        raise InvalidValue("size: must be 1 or more")
    if fraction is not None and not 0 < fraction <= 1:
        raise InvalidValue("fraction: must be more than 0 and at most 1")
    chosen_filters = {k: v for k, v in dict(filters or {}).items() if v not in (None, "")}
    where_filters = dict(chosen_filters)
    if status:
        where_filters["review_status"] = status
    where = build_where(where_filters, _actor_names(store))
    now = _now()
    with store.transaction():
        population = [r[0] for r in store.execute(
            f"""SELECT e.event_id FROM events e WHERE {where.sql} AND e.event_id NOT IN (
                    SELECT i.event_id FROM coding_items i WHERE i.adjudicated_at IS NULL)
                ORDER BY e.event_id""", where.params)]
        wanted = size if size is not None else max(1, round((fraction or 0) * len(population)))
        if not population:
            raise InvalidValue("filters: no event matches (events in open samples are left out)")
        if wanted > len(population):
            raise InvalidValue(f"size: {wanted} is more than the {len(population)} events that match")
        rng = random.Random(seed)
        picked = rng.sample(population, wanted)
        pairs = list(itertools.combinations(coders, 2))
        rng.shuffle(pairs)
        number = int(store.execute("SELECT count(*) FROM coding_samples")[0][0]) + 1
        sample_id = f"sample-{number}"
        store.execute(
            """INSERT INTO coding_samples (sample_id, created_by, created_at, seed, requested, population, queue_status,
                                           filters, fields, coders, closed_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)""",
            [sample_id, user, now, seed, f"size={size}" if size is not None else f"fraction={fraction}",
             len(population), status or "all", canonical_json(chosen_filters), canonical_json(chosen_fields),
             canonical_json(coders)],
        )
        for position, event_id in enumerate(picked):
            store.execute("INSERT INTO coding_items (sample_id, event_id, position) VALUES (?, ?, ?)",
                          [sample_id, event_id, position])
            for slot, coder in enumerate(pairs[position % len(pairs)]):
                store.execute(
                    """INSERT INTO coding_assignments (sample_id, event_id, coder, slot, assigned_at)
                       VALUES (?, ?, ?, ?, ?)""",
                    [sample_id, event_id, coder, slot, now])
    return sample_detail(store, sample_id)


# -- reading samples -------------------------------------------------------------------------------------------
def _sample_row(store: Store, sample_id: str) -> dict[str, Any]:
    rows = store.execute(
        """SELECT sample_id, created_by, created_at, seed, requested, population, queue_status, filters, fields, coders,
                  closed_at FROM coding_samples WHERE sample_id = ?""", [sample_id])
    if not rows:
        raise EventNotFound(f"no sample {sample_id!r}")
    return _sample_dict(rows[0])


def _sample_dict(row: Sequence[Any]) -> dict[str, Any]:
    sample_id, by, at, seed, requested, population, status, filters, fields, coders, closed = row
    return {"sample_id": sample_id, "created_by": by, "created_at": jsonable(at), "seed": int(seed),
            "requested": requested, "population": int(population), "queue_status": status,
            "filters": json.loads(filters), "fields": json.loads(fields), "coders": json.loads(coders),
            "closed_at": jsonable(closed)}


def list_samples(store: Store) -> list[dict[str, Any]]:
    """Every sample with its progress: items, items both coders submitted, items adjudicated."""
    rows = store.execute(
        """SELECT sample_id, created_by, created_at, seed, requested, population, queue_status, filters, fields, coders,
                  closed_at FROM coding_samples ORDER BY created_at, sample_id""")
    progress = {r[0]: r[1:] for r in store.execute(
        """SELECT i.sample_id, count(*),
                  sum(CASE WHEN (SELECT count(*) FROM coding_assignments a WHERE a.sample_id = i.sample_id
                                 AND a.event_id = i.event_id AND a.submitted_at IS NULL) = 0 THEN 1 ELSE 0 END),
                  sum(CASE WHEN i.adjudicated_at IS NOT NULL THEN 1 ELSE 0 END)
           FROM coding_items i GROUP BY i.sample_id""")}
    out = []
    for row in rows:
        sample = _sample_dict(row)
        items, coded, adjudicated = progress.get(sample["sample_id"], (0, 0, 0))
        sample.update(items=int(items), coded=int(coded or 0), adjudicated=int(adjudicated or 0))
        out.append(sample)
    return out


def sample_detail(store: Store, sample_id: str) -> dict[str, Any]:
    """A sample and its items: each event's coders, when each submitted, and whether it was adjudicated."""
    sample = _sample_row(store, sample_id)
    items: dict[str, dict[str, Any]] = {}
    for event_id, position, by, at in store.execute(
            """SELECT event_id, position, adjudicated_by, adjudicated_at FROM coding_items WHERE sample_id = ?
               ORDER BY position""", [sample_id]):
        items[event_id] = {"event_id": event_id, "position": int(position), "adjudicated_by": by,
                           "adjudicated_at": jsonable(at), "coders": []}
    for event_id, coder, submitted in store.execute(
            """SELECT event_id, coder, submitted_at FROM coding_assignments WHERE sample_id = ?
               ORDER BY event_id, slot""", [sample_id]):
        items[event_id]["coders"].append({"coder": coder, "submitted_at": jsonable(submitted)})
    sample["items"] = list(items.values())
    return sample


def assignments_for(store: Store, coder: str) -> list[dict[str, Any]]:
    """A coder's items that are not adjudicated yet, oldest sample first (their to-do list)."""
    rows = store.execute(
        """SELECT a.sample_id, a.event_id, a.submitted_at, i.position FROM coding_assignments a
           JOIN coding_items i ON i.sample_id = a.sample_id AND i.event_id = a.event_id
           JOIN coding_samples s ON s.sample_id = a.sample_id
           WHERE a.coder = ? AND i.adjudicated_at IS NULL ORDER BY s.created_at, a.sample_id, i.position""",
        [coder])
    return [{"sample_id": s, "event_id": e, "submitted_at": jsonable(at), "position": int(p)} for s, e, at, p in rows]


# -- blindness ---------------------------------------------------------------------------------------------------
def blind_fields(store: Store, user: str) -> dict[str, list[str]]:
    """event_id → the fields `user` codes blind there: the fields under test of their open items.

    A toll under test hides its whole low/best/high range: a correction of the best moves a low above it or a
    high below it (tacitus.resolve.derive.apply_review), so the bounds would give the correction away.
    """
    out: dict[str, list[str]] = {}
    for event_id, fields in store.execute(
            """SELECT a.event_id, s.fields FROM coding_assignments a
               JOIN coding_items i ON i.sample_id = a.sample_id AND i.event_id = a.event_id
               JOIN coding_samples s ON s.sample_id = a.sample_id
               WHERE a.coder = ? AND i.adjudicated_at IS NULL""", [user]):
        tested = set(json.loads(fields))
        ranges = {f for triple in TOLLS if tested & set(triple) for f in triple}
        out[event_id] = sorted({*out.get(event_id, []), *tested, *ranges})
    return out


def mask_event(event: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """An event (queue row or detail) as a blind coder sees it: the fields under test empty, their review claims
    gone, and `blind_fields` naming what was hidden. Machine claims stay: they are the evidence."""
    if not fields:
        return event
    hidden = set(fields)
    out = {k: (None if k in hidden else v) for k, v in event.items()}
    if "claims" in event:
        out["claims"] = [c for c in event["claims"]
                         if not (c["field"] in hidden and c["source_kind"] == "review")]
    out["blind_fields"] = sorted(hidden)
    return out


def mask_history(rows: list[dict[str, Any]], fields: Sequence[str]) -> list[dict[str, Any]]:
    """An event's audit trail without the entries on fields its viewer codes blind."""
    hidden = set(fields)
    return [r for r in rows if r.get("field") not in hidden]


def refuse_blind(store: Store, event_id: str, user: str, fields: Sequence[str]) -> None:
    """Refuse an ordinary correction of fields the user codes blind on this event (it would bypass the sample)."""
    blocked = sorted(set(fields) & set(blind_fields(store, user).get(event_id, [])))
    if blocked:
        raise InvalidValue(f"{', '.join(blocked)}: you are coding this event blind in a double-coding sample; "
                           "code it on your coding page (/coding) until a reviewer adjudicates")


# -- coding --------------------------------------------------------------------------------------------------------
def _item(store: Store, sample_id: str, event_id: str) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """(sample, [(coder, submitted_at) in slot order]) of an item, or EventNotFound."""
    sample = _sample_row(store, sample_id)
    coders = [(c, at) for c, at in store.execute(
        "SELECT coder, submitted_at FROM coding_assignments WHERE sample_id = ? AND event_id = ? ORDER BY slot",
        [sample_id, event_id])]
    if not coders:
        raise EventNotFound(f"event {event_id!r} is not in sample {sample_id!r}")
    adjudicated = store.execute("SELECT adjudicated_at FROM coding_items WHERE sample_id = ? AND event_id = ?",
                                [sample_id, event_id])
    sample["adjudicated_at"] = jsonable(adjudicated[0][0])
    return sample, coders


def _values(store: Store, sample_id: str, event_id: str, coder: str) -> dict[str, Any]:
    rows = store.execute(
        """SELECT field, value FROM coding_claims WHERE sample_id = ? AND event_id = ? AND coder = ?""",
        [sample_id, event_id, coder])
    return {f: None if v is None else json.loads(v) for f, v in rows}


def coding_of(store: Store, sample_id: str, event_id: str, coder: str) -> dict[str, Any]:
    """One coder's own coding of an item (what their blind page shows): fields, values, submitted or not."""
    sample, coders = _item(store, sample_id, event_id)
    mine = dict(coders).get(coder, "absent")
    if mine == "absent":
        raise EventNotFound(f"event {event_id!r} of sample {sample_id!r} is not assigned to {coder}")
    return {"sample_id": sample_id, "event_id": event_id, "coder": coder, "fields": sample["fields"],
            "values": _values(store, sample_id, event_id, coder), "submitted_at": jsonable(mine),
            "adjudicated_at": sample["adjudicated_at"]}


def save_coding(store: Store, sample_id: str, event_id: str, coder: str, values: Mapping[str, Any], *,
                submit: bool) -> dict[str, Any]:
    """Store a coder's values for the fields under test (checked against the codebook); `submit` makes them final.

    Values can be saved and changed until submitted. Submitting records every field under test: a field neither
    sent now nor saved before counts as empty, for leaving a field empty is a coding decision too.
    """
    sample, coders = _item(store, sample_id, event_id)
    submitted = dict(coders).get(coder, "absent")
    if submitted == "absent":
        raise EventNotFound(f"event {event_id!r} of sample {sample_id!r} is not assigned to {coder}")
    if submitted is not None:
        raise CodingError(f"you submitted your coding of {event_id} in {sample_id}; it can no longer change")
    outside = sorted(set(values) - set(sample["fields"]))
    if outside:
        raise InvalidValue(f"{', '.join(outside)}: not a field under test in {sample_id} "
                           f"({', '.join(sample['fields'])})")
    parsed = {name: parse_value(name, value) for name, value in values.items()}
    if submit:
        saved = _values(store, sample_id, event_id, coder)
        parsed = {name: parsed[name] if name in parsed else saved.get(name) for name in sample["fields"]}
    now = _now()
    with store.transaction():
        for name, value in sorted(parsed.items()):
            store.execute("DELETE FROM coding_claims WHERE sample_id = ? AND event_id = ? AND coder = ? AND field = ?",
                          [sample_id, event_id, coder, name])
            store.execute(
                """INSERT INTO coding_claims (sample_id, event_id, coder, field, value, coded_at)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                [sample_id, event_id, coder, name, canonical_json(jsonable(value)), now])
        if submit:
            store.execute("UPDATE coding_assignments SET submitted_at = ? WHERE sample_id = ? AND event_id = ? "
                          "AND coder = ?", [now, sample_id, event_id, coder])
    return coding_of(store, sample_id, event_id, coder)


# -- adjudication --------------------------------------------------------------------------------------------------
def comparison(store: Store, sample_id: str, event_id: str, viewer: str) -> dict[str, Any]:
    """Both codings of an item side by side, per field, for the adjudicating reviewer.

    Nobody who codes the item sees it before adjudication: the viewer must not be one of its coders.
    """
    sample, coders = _item(store, sample_id, event_id)
    if viewer in dict(coders) and sample["adjudicated_at"] is None:
        raise CodingError(f"you code {event_id} in {sample_id}: another reviewer adjudicates it")
    codings = {c: _values(store, sample_id, event_id, c) for c, _ in coders}
    rows = []
    for name in sample["fields"]:
        given = [codings[c].get(name) for c, _ in coders]
        rows.append({"field": name, "values": {c: v for (c, _), v in zip(coders, given, strict=True)},
                     "agree": len({canonical_json(v) for v in given}) == 1})
    return {"sample_id": sample_id, "event_id": event_id, "fields": rows,
            "coders": [{"coder": c, "submitted_at": jsonable(at)} for c, at in coders],
            "ready": all(at is not None for _, at in coders), "adjudicated_at": sample["adjudicated_at"]}


def adjudicate(store: Store, sample_id: str, event_id: str, values: Mapping[str, Any], *, user: str,
               reason: str | None, expected_version: int) -> int:
    """Settle an item: each field under test takes the value given, or the coders' common value when they agree.

    The result is written as the reviewer's corrections (audit action `adjudicated`, reason naming the sample),
    so it becomes the event's value; the item closes, and the sample too once every item is settled.
    """
    found = comparison(store, sample_id, event_id, user)
    if found["adjudicated_at"] is not None:
        raise CodingError(f"{event_id} in {sample_id} was adjudicated already")
    if not found["ready"]:
        raise CodingError(f"{event_id} in {sample_id}: both coders must submit before adjudication")
    fields = [row["field"] for row in found["fields"]]
    outside = sorted(set(values) - set(fields))
    if outside:
        raise InvalidValue(f"{', '.join(outside)}: not a field under test in {sample_id}")
    settled: dict[str, Any] = {}
    for row in found["fields"]:
        name = row["field"]
        if name in values:
            settled[name] = values[name]
        elif row["agree"]:
            settled[name] = next(iter(row["values"].values()))
        else:
            shown = " vs ".join(canonical_json(v) for v in row["values"].values())
            raise InvalidValue(f"{name}: the coders disagree ({shown}); choose the value")
    note = (reason or "").strip()
    why = f"adjudicated {sample_id}" + (f": {note}" if note else "")
    version = correct(store, event_id, settled, user=user, reason=why, expected_version=expected_version,
                      action="adjudicated")
    now = _now()
    with store.transaction():
        store.execute("UPDATE coding_items SET adjudicated_by = ?, adjudicated_at = ? WHERE sample_id = ? "
                      "AND event_id = ?", [user, now, sample_id, event_id])
        store.execute(
            """UPDATE coding_samples SET closed_at = ? WHERE sample_id = ? AND NOT EXISTS (
                   SELECT 1 FROM coding_items i WHERE i.sample_id = ? AND i.adjudicated_at IS NULL)""",
            [now, sample_id, sample_id])
    return version


# -- agreement -----------------------------------------------------------------------------------------------------
def agreement(store: Store, sample_id: str | None = None) -> list[dict[str, Any]]:
    """Per field under test: n, percent agreement, Cohen's kappa (nominal fields, when one pair of coders coded
    every unit), Krippendorff's alpha (nominal; interval, and ratio for counts), over items both coders submitted
    (of one sample, or of all samples pooled)."""
    condition, params = ("AND a.sample_id = ?", [sample_id]) if sample_id else ("", [])
    if sample_id:
        _sample_row(store, sample_id)
    complete = {(s, e) for s, e in store.execute(
        f"""SELECT a.sample_id, a.event_id FROM coding_assignments a WHERE TRUE {condition}
            GROUP BY a.sample_id, a.event_id HAVING count(a.submitted_at) = count(*)""", params)}
    coders: dict[tuple[str, str], list[str]] = {}
    for s, e, coder in store.execute(
            f"SELECT a.sample_id, a.event_id, a.coder FROM coding_assignments a WHERE TRUE {condition} "
            "ORDER BY a.sample_id, a.event_id, a.slot", params):
        if (s, e) in complete:
            coders.setdefault((s, e), []).append(coder)
    values: dict[tuple[str, str, str], dict[str, Any]] = {}
    for s, e, coder, name, value in store.execute(
            f"""SELECT c.sample_id, c.event_id, c.coder, c.field, c.value FROM coding_claims c
                JOIN coding_assignments a ON a.sample_id = c.sample_id AND a.event_id = c.event_id
                     AND a.coder = c.coder WHERE TRUE {condition}""", params):
        values.setdefault((s, e, name), {})[coder] = None if value is None else json.loads(value)
    tested: dict[str, list[tuple[str, str]]] = {}
    for s, fields in store.execute(
            "SELECT sample_id, fields FROM coding_samples" + (" WHERE sample_id = ?" if sample_id else ""),
            params):
        for name in json.loads(fields):
            tested.setdefault(name, []).extend(item for item in coders if item[0] == s)
    out = []
    for name in sorted(tested, key=lambda f: CODED_FIELDS.index(f)):
        numeric = is_numeric(name)
        units = []
        for item in tested[name]:
            given = values.get((*item, name), {})
            unit = [given.get(c) for c in coders[item]]
            units.append(unit if numeric else [EMPTY if v is None else canonical_json(v) for v in unit])
        pairs_of_coders = {tuple(coders[item]) for item in tested[name]}
        row: dict[str, Any] = {"field": name, "level": "interval" if numeric else "nominal",
                               "n": pairable_units(units), "percent_agreement": percent_agreement(units)}
        if numeric:
            row["alpha_interval"] = krippendorffs_alpha(units, "interval")
            row["alpha_ratio"] = krippendorffs_alpha(units, "ratio") if name in _COUNTS else None
            row["kappa"] = None
        else:
            row["alpha_nominal"] = krippendorffs_alpha(units, "nominal")
            two = len(pairs_of_coders) == 1 and all(len(u) == 2 for u in units)
            row["kappa"] = cohens_kappa([(u[0], u[1]) for u in units]) if two else None
        row["coders"] = sorted({c for pair in pairs_of_coders for c in pair})
        out.append(row)
    return out
