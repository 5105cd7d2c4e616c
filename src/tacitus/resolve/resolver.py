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
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from tacitus.model import REPORT_DATASET, event_id_for
from tacitus.resolve.assign import LEFTOVER, LOST, Assignment, assign
from tacitus.resolve.comparisons import level_labels
from tacitus.resolve.config import ResolveConfig, load_config
from tacitus.resolve.features import RECORD_COLUMNS, linkage_frame
from tacitus.resolve.labels import fit_m_from_labels
from tacitus.resolve.linkage import dataset_pairs, score
from tacitus.resolve.rules import mark_leftover_candidates
from tacitus.resolve.splitting import split_groups
from tacitus.resolve.wording import describe, pair_facts
from tacitus.store.base import Store
from tacitus.store.link_labels import CONFIRMED, REJECTED, labelled_pairs

SPLIT_ACTION = "split"
# A run's stages in order, with the unit each counts in: `resolve(step=...)` reports (stage, done, total).
STAGES = {"blocking": "records", "scoring": "dataset pairs", "assignment": "candidate pairs", "writing": "records"}
Step = Callable[[str, int, int], None]


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


def _reason(row: dict[Any, Any], me: str, labels: dict[str, list[str]], config: ResolveConfig) -> dict[str, Any]:
    """A scored pair seen from one side (`me` = "l" or "r"): each comparison's level and weight, and the figures."""
    comparisons = {}
    for name, names in labels.items():
        gamma = int(row[f"gamma_{name}"])
        level = "unknown" if gamma < 0 else names[len(names) - 1 - gamma]
        comparisons[name] = {"level": level, "weight": round(float(row[f"mw_{name}"]), 3)}
    other = row["unique_id_r"] if me == "l" else row["unique_id_l"]
    return {
        "other": str(other),
        "match_weight": round(float(row["model_weight"]), 3),
        "prior_weight": round(float(row["prior_weight"]), 3),
        "threshold": config.threshold_match_weight,
        "comparisons": comparisons,
        "facts": pair_facts(row, me),
        "u": row.get("u"),
    }


# Columns a pair's explanation reads besides gamma_/mw_: the two sides' features (the figures behind the levels).
_FACT_SUFFIXES = ("_l", "_r")
# How many scored pairs that did not link are kept with each record, for "why not" explanations.
_NOT_LINKED_KEPT = 3


def _explanations(pairs: pd.DataFrame, result: Assignment, config: ResolveConfig
                  ) -> dict[str, tuple[float | None, str | None]]:
    """For every record with candidates: its strongest link inside its event (why linked) and its best
    candidates that did not link (why not), as the JSON stored in `records.link_reason`.

    Only the pairs that end up in an explanation are worded (a store of 10,000 records has some 30,000 scored
    pairs, and describing each from both sides cost more than scoring them)."""
    if pairs.empty:
        return {}
    labels = level_labels(config)
    pair_of = [frozenset((str(a), str(b))) for a, b in zip(pairs["unique_id_l"], pairs["unique_id_r"], strict=True)]
    sides = pd.DataFrame({
        "index": [*range(len(pairs)), *range(len(pairs))],
        "me": ["l"] * len(pairs) + ["r"] * len(pairs),
        "key": [*pairs["unique_id_l"].astype(str), *pairs["unique_id_r"].astype(str)],
        "other": [*pairs["unique_id_r"].astype(str), *pairs["unique_id_l"].astype(str)],
        "weight": [*pairs["model_weight"].astype(float)] * 2,
        "linked": [p in result.linked for p in pair_of] * 2,
        "why_not": [result.not_linked.get(p) for p in pair_of] * 2,
    }).sort_values(["key", "weight", "other"], ascending=[True, False, True], kind="stable")
    best_links = sides[sides["linked"]].drop_duplicates("key")
    partner = {k: (w, o) for k, w, o in zip(best_links["key"], best_links["weight"], best_links["other"], strict=True)}
    misses = sides[~sides["linked"] & sides["why_not"].notna()].groupby("key").head(_NOT_LINKED_KEPT)
    needed = sorted(set(misses["index"]) | set(best_links["index"]))
    wanted = [c for c in pairs.columns if c.startswith(("gamma_", "mw_")) or c.endswith(_FACT_SUFFIXES)
              or c in ("model_weight", "prior_weight", "u")]
    rows = dict(zip(needed, pairs.loc[needed, wanted].to_dict("records"), strict=True))
    linked = {}
    for key, i, me in zip(best_links["key"], best_links["index"], best_links["me"], strict=True):
        how = result.linked[pair_of[i]]
        linked[key] = {**_reason(rows[i], me, labels, config), "how": how,
                       "rule": "leftover" if how == LEFTOVER else None}
    missed: dict[str, list[dict[str, Any]]] = {}
    for key, i, me, why in zip(misses["key"], misses["index"], misses["me"], misses["why_not"], strict=True):
        reason = {**_reason(rows[i], me, labels, config), "why_not": why}
        if why == LOST:
            reason["taken"] = _taken(key, reason["other"], partner)
        missed.setdefault(key, []).append(reason)
    out: dict[str, tuple[float | None, str | None]] = {}
    for key in sorted(set(linked) | set(missed)):
        best = linked.get(key)
        stored = {**(best or {}), "linked_to": best["other"] if best else None, "not_linked": missed.get(key, [])}
        out[key] = (best["match_weight"] if best else None, json.dumps(stored, sort_keys=True, default=str))
    return out


def _taken(me: str, other: str, partner: dict[str, tuple[float, str]]) -> str:
    """Who took whom, in words, when the assignment chose another pair."""
    parts = []
    if me in partner:
        parts.append(f"this record was linked to {partner[me][1]} instead ({partner[me][0]:+.1f})")
    if other in partner:
        parts.append(f"{other} was linked to {partner[other][1]} instead ({partner[other][0]:+.1f})")
    return "; ".join(parts) or "a better-scoring assignment took one of the two"


def _no_step(stage: str, done: int, total: int) -> None:
    """The default `step`: nobody is watching."""


@dataclass(frozen=True)
class Linked:
    """What linkage decided over a set of features: every scored pair (marked for the leftover rule), the
    assignment (clusters, links and why not), and the m probabilities fitted from labels, if any."""

    pairs: pd.DataFrame
    assignment: Assignment
    m_from_labels: dict[str, dict[str, list[float]]]


def link(
    features: pd.DataFrame,
    config: ResolveConfig,
    *,
    groups: Mapping[str, str] | None = None,
    confirmed: Collection[frozenset[str]] = (),
    rejected: Collection[frozenset[str]] = (),
    fit_from_labels: bool = False,
    engine: str = "duckdb",
    spark: Any = None,
    on_pair: Callable[[], None] | None = None,
    step: Step = _no_step,
) -> Linked:
    """Score the features' candidate pairs (blocking and scoring on `engine`) and choose the links: the part of
    resolution between reading the store and writing to it, whichever engine scores. `on_pair()` ticks as each
    dataset pair is scored; `step` is told when the assignment starts."""
    dataset_of = dict(zip(features["unique_id"].astype(str), features["source_dataset"].astype(str), strict=True))
    labelled = [(min(p), max(p)) for p in {*confirmed, *rejected}]
    pairs = score(features, config, extra=labelled, engine=engine, spark=spark, on_pair=on_pair)
    fitted: dict[str, dict[str, list[float]]] = {}
    if fit_from_labels:
        m_by_pair = fit_m_from_labels(pairs, confirmed, dataset_of, config)
        pairs = score(features, config, m_by_pair, extra=labelled, engine=engine, spark=spark, on_pair=on_pair)
        fitted = {f"{a}+{b}": m for (a, b), m in sorted(m_by_pair.items())}
    step("assignment", 0, len(pairs))
    pairs = mark_leftover_candidates(pairs, config)
    result = assign(pairs, dataset_of, config, dict(groups or {}), confirmed, rejected)
    return Linked(pairs, result, fitted)


def resolve(store: Store, config: ResolveConfig | None = None, *, fit_from_labels: bool = False,
            engine: str = "duckdb", spark: Any = None, step: Step = _no_step) -> ResolveSummary:
    """Cluster all records into events and write the result in one transaction; idempotent.

    Reviewer labels (tacitus.store.link_labels) bind: confirmed pairs are linked, rejected ones never are. With
    `fit_from_labels`, each dataset pair's m probabilities are first re-estimated from its confirmed pairs.
    `engine` ("duckdb" or "spark", with `spark` its SparkSession) is where Splink blocks and scores candidate
    pairs; the store stays the system of record and the same links are written through `Store.assign`.
    `step(stage, done, total)` reports progress through the `STAGES` (a progress bar per stage): blocking (the
    records' linkage features and blocking keys), scoring (each dataset pair's model), assignment (the scored
    candidate pairs into clusters, with their explanations) and writing (the records that move or change).
    """
    config = config or load_config()
    records = _records(store)
    events_before = int(store.sql("SELECT count(*) AS n FROM events")["n"].iloc[0])
    if len(records) < 2:
        return ResolveSummary(len(records), events_before, events_before, 0)
    step("blocking", 0, len(records))
    groups = split_groups(store, config.split_datasets)
    features = linkage_frame(records, groups)
    step("blocking", len(records), len(records))
    runs = len(dataset_pairs(features, config)) * (2 if fit_from_labels else 1)
    scored = 0

    def pair_done() -> None:
        nonlocal scored
        scored += 1
        step("scoring", scored, runs)

    step("scoring", 0, runs)
    dataset_of = dict(zip(features["unique_id"].astype(str), features["source_dataset"].astype(str), strict=True))
    confirmed = {p for p in labelled_pairs(store, CONFIRMED) if p <= dataset_of.keys()}
    rejected = {p for p in labelled_pairs(store, REJECTED) | {frozenset(p) for p in cannot_links(store)}
                if p <= dataset_of.keys()}
    linked = link(features, config, groups=groups, confirmed=confirmed, rejected=rejected,
                  fit_from_labels=fit_from_labels, engine=engine, spark=spark, on_pair=pair_done, step=step)
    pairs, result = linked.pairs, linked.assignment
    detail: dict[str, Any] = {"config": config.as_dict(), "engine": engine}
    if fit_from_labels:
        detail["m_from_labels"] = linked.m_from_labels
    records["cluster"] = [result.clusters.get(str(key), str(key)) for key in records["record_key"]]
    cluster_ids = founding_ids(records, "cluster")
    target = {str(k): cluster_ids[c] for k, c in zip(records["record_key"], records["cluster"], strict=True)}
    explained = _explanations(pairs, result, config)
    u_sources = sorted({str(u) for u in pairs.get("u", pd.Series(dtype=str)).dropna()})
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
    step("assignment", len(pairs), len(pairs))
    step("writing", 0, len(assignments))
    if assignments:
        store.assign(assignments, weights=weights, reasons=reasons, action="resolved", detail=detail)
    store.mark_links_current()
    step("writing", len(assignments), len(assignments))
    datasets_of: dict[str, set[str]] = {}
    sizes: Counter[str] = Counter(target.values())
    for key, dataset in zip(records["record_key"].tolist(), records["dataset"].tolist(), strict=True):
        datasets_of.setdefault(target[key], set()).add(dataset)
    merged = Counter("+".join(sorted(sets)) for event, sets in datasets_of.items() if sizes[event] > 1)
    moved = sum(1 for key, event in current.items() if target[key] != event)
    return ResolveSummary(
        records=len(records),
        events_before=events_before,
        events_after=len(set(target.values())),
        moved=moved,
        merges_by_pair=dict(sorted(merged.items())),
        u_source="; ".join(u_sources) or "priors",
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
    """The records of an event, each with the link that joined it (match weights per comparison) and `why`: one
    line in words per linked or nearly-linked record of another event (tacitus.resolve.wording); what
    `resolve --explain` prints and the review page shows."""
    rows = store.sql(
        "SELECT record_key, match_weight, link_reason FROM records WHERE event_id = ? ORDER BY record_key",
        [event_id],
    )
    if rows.empty:
        raise ValueError(f"no event {event_id!r} in {store.path}")
    out = []
    for key, weight, reason in zip(rows["record_key"], rows["match_weight"], rows["link_reason"], strict=True):
        parsed = json.loads(reason) if isinstance(reason, str) else None
        why = []
        if parsed and parsed.get("linked_to"):
            why.append(f"{parsed['linked_to']}: {describe(parsed)}")
        for missed in (parsed or {}).get("not_linked", []):
            why.append(f"{missed['other']}: {describe(missed)}")
        out.append({
            "record_key": str(key),
            "match_weight": None if pd.isna(weight) else float(weight),
            "reason": parsed if parsed and parsed.get("linked_to") else None,
            "why": why,
        })
    return out
