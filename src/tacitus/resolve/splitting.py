"""Datasets that code one attack as several records: which of their records belong together.

Linkage is one-to-one within a dataset pair (tacitus.resolve.assign): two records of one dataset cannot both
take one record of another. Two datasets break that by design, and the settings name them
(`split_datasets` in default.yaml):

- GTD codes a multi-site attack (coordinated bombings in several places, a sequence of blasts) as several
  incidents and lists their ids in each incident's `related` column; GED or a list may code the same attack as
  one event. Records joined by `related` form a group.
- Pakistan Body Count's suicide list has one row per blast: two bombers at one market are two rows on one day
  in one city, where GED and GTD often have one event. Records of that list on the same day in the same place
  form a group.

A record of a group that the assignment left without a partner may join the partner a record of its own group
took, if its own link to that partner passes the threshold. It never displaces anything: the one-to-one
assignment runs first, so two distinct attacks on one day still get a partner each.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import pandas as pd

from tacitus.resolve.disjoint import DisjointSets
from tacitus.store.base import Store

# How a dataset's records are grouped: `related` (GTD's column of related incident ids, in the raw row) or
# `same_day_place` (same date and same place name).
GROUPINGS = ("related", "same_day_place")


def _related_groups(store: Store, dataset: str) -> dict[str, str]:
    rows = store.sql("SELECT record_key, record_id, raw FROM records WHERE dataset = ?", [dataset])
    sets = DisjointSets()
    ids = dict(zip(rows["record_id"].astype(str), rows["record_key"].astype(str), strict=True))
    for record_id, raw in zip(rows["record_id"].astype(str), rows["raw"], strict=True):
        related = json.loads(raw).get("related") if isinstance(raw, str) else None
        for other in str(related or "").replace(";", ",").split(","):
            other = other.strip()
            if other in ids and other != record_id:
                sets.union(other, record_id)
    return {
        ids[record_id]: f"{dataset}:related:{name}"
        for name, group in sets.groups().items() if len(group) > 1 for record_id in group
    }


def _same_day_place_groups(store: Store, dataset: str) -> dict[str, str]:
    rows = store.sql(
        """SELECT record_key, date, lower(trim(place)) AS place FROM records
           WHERE dataset = ? AND date IS NOT NULL AND place IS NOT NULL""",
        [dataset],
    )
    sizes = rows.groupby(["date", "place"])["record_key"].transform("size")
    grouped = rows[sizes > 1]
    return {
        str(key): f"{dataset}:{pd.Timestamp(date).date()}:{place}"
        for key, date, place in zip(grouped["record_key"], grouped["date"], grouped["place"], strict=True)
    }


def split_groups(store: Store, split_datasets: Mapping[str, str]) -> dict[str, str]:
    """record_key → group for every record of a splitting dataset that shares its group with another record."""
    out: dict[str, str] = {}
    for dataset, how in sorted(split_datasets.items()):
        out.update(_related_groups(store, dataset) if how == "related" else _same_day_place_groups(store, dataset))
    return out
