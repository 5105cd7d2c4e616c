"""Reviewers' decisions on record pairs: "these two records are one attack" (confirmed) or "they are not"
(rejected).

Labels are kept apart from the links `resolve` computes, so they survive every re-run: resolution reads them as
constraints (a confirmed pair is linked, a rejected one never is), `tacitus resolve --fit-from-labels` fits
weights from them, and bench/eval_linkage.py scores linkage against them. The table is append-only: a pair's
latest row is in force, and earlier rows are its history. Pairs are stored in sorted order of record key.

Functions over the `Store` interface (its `sql` runs parameterised statements on either backend), kept out of
the store classes so that every backend shares them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tacitus.store.base import Store

CONFIRMED = "confirmed"
REJECTED = "rejected"
LABELS = (CONFIRMED, REJECTED)


def add_link_label(store: Store, record_a: str, record_b: str, label: str, *, author: str | None = None,
                   reason: str | None = None) -> tuple[str, str]:
    """Record a reviewer's decision on a pair of records (record keys "dataset:record_id"); returns the pair."""
    if label not in LABELS:
        raise ValueError(f"label must be one of {', '.join(LABELS)}, not {label!r}")
    if record_a == record_b:
        raise ValueError(f"a record cannot be linked to itself ({record_a})")
    known = set(store.sql("SELECT record_key FROM records WHERE record_key IN (?, ?)",
                          [record_a, record_b])["record_key"])
    for key in (record_a, record_b):
        if key not in known:
            raise ValueError(f"no record {key!r} in {store.path} (record keys look like dataset:record_id)")
    a, b = sorted((record_a, record_b))
    store.sql("INSERT INTO link_labels VALUES (?, ?, ?, ?, ?, ?)",
              [a, b, label, author, reason, dt.datetime.now(dt.UTC).replace(tzinfo=None)])
    return a, b


def link_labels(store: Store) -> pd.DataFrame:
    """The label in force for each labelled pair: record_a, record_b, label, author, reason, labelled_at."""
    return store.sql(
        """SELECT record_a, record_b, label, author, reason, labelled_at FROM (
               SELECT *, row_number() OVER (PARTITION BY record_a, record_b
                                            ORDER BY labelled_at DESC, label) AS n
               FROM link_labels) WHERE n = 1 ORDER BY record_a, record_b"""
    )


def labelled_pairs(store: Store, label: str) -> set[frozenset[str]]:
    """The pairs whose label in force is `label`."""
    labels = link_labels(store)
    chosen = labels[labels["label"] == label]
    return {frozenset((str(a), str(b))) for a, b in zip(chosen["record_a"], chosen["record_b"], strict=True)}
