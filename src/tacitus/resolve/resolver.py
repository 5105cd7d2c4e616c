"""Resolution: cluster every record in a store into events, keep every claim, explain every link.

`resolve(store)` scores all records with the linkage model (tacitus.resolve.linkage), forms clusters, and moves
records into their cluster's event through `Store.assign` — one transaction, events re-derived from their
records (tacitus.resolve.derive), emptied events removed, every change in the history. Nothing is copied or
deleted: a merged event keeps each record and all its claims, so `split` can undo any merge.

Stable ids: a cluster takes the event id its founding record would found on its own (`event_id_for`), and the
founding record is chosen by content alone — the earliest-dated record, ties broken by record key. The same
inputs therefore give the same ids on every run, and adding unrelated data changes no existing id.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from tacitus.model import REPORT_DATASET, event_id_for
from tacitus.resolve.config import ResolveConfig, load_config
from tacitus.resolve.features import RECORD_COLUMNS, linkage_frame
from tacitus.resolve.linkage import Linkage, level_labels, link
from tacitus.store.base import Store

SPLIT_ACTION = "split"


@dataclass(frozen=True)
class ResolveSummary:
    """What one run did: counts before and after, records moved, and links by dataset pair."""

    records: int
    events_before: int
    events_after: int
    moved: int
    merges_by_pair: dict[str, int] = field(default_factory=dict)
    u_source: str = ""


def _records(store: Store) -> pd.DataFrame:
    columns = ", ".join(f'"{c}"' for c in RECORD_COLUMNS)
    return store.sql(f"SELECT {columns}, match_weight, link_reason FROM records ORDER BY record_key")


def cannot_links(store: Store) -> set[tuple[str, str]]:
    """Record pairs a user split apart (kept in the history of `split`), which resolution must never rejoin."""
    rows = store.sql("SELECT detail FROM event_history WHERE action = ?", [SPLIT_ACTION])
    pairs: set[tuple[str, str]] = set()
    for detail in rows["detail"]:
        for a, b in json.loads(detail).get("cannot_link", []):
            pairs.add((min(a, b), max(a, b)))
    return pairs


def founding_ids(records: pd.DataFrame, group: str) -> dict[Any, str]:
    """Event id of each group (column `group`): the id its founding record founds on its own.

    The founding record is a dataset record before an extracted report (a dataset's event id is the one people
    have already cited and exported, and a report linking to it must not rename it), then the earliest-dated
    (undated last), ties broken by the smallest record key — content alone decides, so the same records give the
    same id whatever order they arrived in.
    """
    ordered = records.assign(
        _report=records["dataset"] == REPORT_DATASET, _undated=records["date"].isna()
    ).sort_values([group, "_report", "_undated", "date", "record_key"], kind="stable")
    first = ordered.drop_duplicates(group)
    return {
        key: event_id_for(str(dataset), str(record_id))
        for key, dataset, record_id in zip(first[group], first["dataset"], first["record_id"], strict=True)
    }


def _explanations(linkage: Linkage, config: ResolveConfig) -> dict[str, tuple[float | None, str | None]]:
    """For every linked record: the weight of its strongest link inside its cluster and why (per comparison)."""
    labels = level_labels(config)
    links = linkage.links
    same = [
        linkage.clusters.get(a) is not None and linkage.clusters.get(a) == linkage.clusters.get(b)
        for a, b in zip(links["unique_id_l"], links["unique_id_r"], strict=True)
    ]
    best: dict[str, tuple[float | None, str | None]] = {}
    for row in links[same].to_dict("records"):
        comparisons = {}
        for name, names in labels.items():
            gamma = int(row[f"gamma_{name}"])
            level = "unknown" if gamma < 0 else names[len(names) - 1 - gamma]
            comparisons[name] = {"level": level, "weight": round(float(row[f"mw_{name}"]), 3)}
        weight = float(row["model_weight"])
        for me, other in ((row["unique_id_l"], row["unique_id_r"]), (row["unique_id_r"], row["unique_id_l"])):
            known = best.get(me, (None, None))[0]
            if known is not None and known >= weight:
                continue
            reason = {
                "linked_to": other,
                "match_weight": round(weight, 3),
                "prior_weight": round(float(row["prior_weight"]), 3),
                "comparisons": comparisons,
                "rule": row.get("rule") if isinstance(row.get("rule"), str) else None,
                "u": linkage.u_source,
            }
            best[me] = (weight, json.dumps(reason, sort_keys=True))
    return best


def resolve(store: Store, config: ResolveConfig | None = None) -> ResolveSummary:
    """Cluster all records into events and write the result in one transaction; idempotent."""
    config = config or load_config()
    records = _records(store)
    events_before = int(store.sql("SELECT count(*) AS n FROM events")["n"].iloc[0])
    if len(records) < 2:
        return ResolveSummary(len(records), events_before, events_before, 0)
    linkage = link(linkage_frame(records), config, cannot_links(store))
    records["cluster"] = records["record_key"].map(linkage.clusters).fillna(records["record_key"])
    cluster_ids = founding_ids(records, "cluster")
    target = {str(k): cluster_ids[c] for k, c in zip(records["record_key"], records["cluster"], strict=True)}
    explained = _explanations(linkage, config)
    assignments: dict[str, str] = {}
    weights: dict[str, float | None] = {}
    reasons: dict[str, str | None] = {}
    current = dict(zip(records["record_key"].tolist(), records["event_id"].tolist(), strict=True))
    stored = zip(records["record_key"].tolist(), records["match_weight"].tolist(), records["link_reason"].tolist(),
                 strict=True)
    for key, old_weight, old_reason in stored:
        weight, reason = explained.get(key, (None, None))
        same_weight = (weight is None and pd.isna(old_weight)) or (
            weight is not None and not pd.isna(old_weight) and math.isclose(weight, float(old_weight), abs_tol=1e-9)
        )
        same_reason = reason == (None if pd.isna(old_reason) else old_reason)
        if target[key] != current[key] or not same_weight or not same_reason:
            assignments[key] = target[key]
            weights[key] = weight
            reasons[key] = reason
    if assignments:
        store.assign(assignments, weights=weights, reasons=reasons, action="resolved",
                     detail={"config": config.as_dict()})
    datasets_of: dict[str, set[str]] = {}
    sizes: Counter[str] = Counter(target.values())
    for key, dataset in zip(records["record_key"].tolist(), records["dataset"].tolist(), strict=True):
        datasets_of.setdefault(target[key], set()).add(dataset)
    pairs = Counter("+".join(sorted(sets)) for event, sets in datasets_of.items() if sizes[event] > 1)
    moved = sum(1 for key, event in current.items() if target[key] != event)
    return ResolveSummary(
        records=len(records),
        events_before=events_before,
        events_after=len(set(target.values())),
        moved=moved,
        merges_by_pair=dict(sorted(pairs.items())),
        u_source=linkage.u_source,
    )


def split(store: Store, event_id: str, record_keys: Sequence[str] = ()) -> dict[str, str]:
    """Undo a merge: the named records (default: all) return to events of their own, and stay apart.

    Each leaving record goes back to the event it founds itself; the records that remain keep one event whose
    id follows the founding rule. The pairs separated are recorded in the history as cannot-link constraints,
    so a later `resolve` does not merge them again. Returns record_key → new event id.
    """
    members = store.sql(
        "SELECT record_key, dataset, record_id, date FROM records WHERE event_id = ? ORDER BY record_key",
        [event_id],
    )
    if members.empty:
        raise ValueError(f"no event {event_id!r} in {store.path}")
    keys = set(members["record_key"])
    unknown = sorted(set(record_keys) - keys)
    if unknown:
        raise ValueError(f"record {unknown[0]!r} is not part of event {event_id}")
    if len(members) < 2:
        raise ValueError(f"event {event_id} has one record; nothing to split")
    leaving = set(record_keys) or keys
    staying = members[~members["record_key"].isin(leaving)]
    assignments: dict[str, str] = {
        str(key): event_id_for(str(dataset), str(record_id))
        for key, dataset, record_id in zip(members["record_key"], members["dataset"], members["record_id"],
                                           strict=True)
        if key in leaving
    }
    if len(staying):
        stay_id = founding_ids(staying.assign(_group=0), "_group")[0]
        assignments.update(dict.fromkeys([str(k) for k in staying["record_key"]], stay_id))
    constraints = sorted({(min(a, b), max(a, b)) for a in leaving for b in keys if a != b})
    store.assign(
        assignments,
        weights={k: None for k in leaving},
        reasons={k: None for k in leaving},
        action=SPLIT_ACTION,
        detail={"split_from": event_id, "cannot_link": constraints},
    )
    return assignments


def explain(store: Store, event_id: str) -> list[dict[str, Any]]:
    """The records of an event with the match weights that linked them (what `resolve --explain` prints)."""
    rows = store.sql(
        "SELECT record_key, match_weight, link_reason FROM records WHERE event_id = ? ORDER BY record_key",
        [event_id],
    )
    if rows.empty:
        raise ValueError(f"no event {event_id!r} in {store.path}")
    out = []
    for key, weight, reason in zip(rows["record_key"], rows["match_weight"], rows["link_reason"], strict=True):
        out.append({
            "record_key": str(key),
            "match_weight": None if pd.isna(weight) else float(weight),
            "reason": json.loads(reason) if isinstance(reason, str) else None,
        })
    return out
