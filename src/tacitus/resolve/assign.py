"""Which scored pairs become links: reviewer labels first, then an optimal one-to-one assignment per dataset pair.

Records of one dataset are distinct events by that dataset's design, so a record of dataset A links to at most
one record of dataset B and the other way round. Taking pairs first come, first served (or each record's best
without looking at the others) lets a record take a worse candidate when a better one exists: on a day with a
suicide bombing and an armed assault in one city, the list's bombing could take GTD's assault and leave GTD's
bombing unlinked. Here, within each dataset pair, the candidate pairs at or above the threshold form connected
components (in practice one city over a few days), and in each component `scipy.optimize.linear_sum_assignment`
picks the set of one-to-one links with the largest total match weight — the most probable assignment, since
weights are log-likelihood ratios.

Exceptions, documented in default.yaml and docs/resolution.md:
- reviewer labels: a confirmed pair is always linked (and its records take no other partner in that dataset
  pair); a rejected pair, or one separated by `tacitus split`, never is;
- de-duplicated datasets (`dedupe_datasets`, i.e. reports): many reports may describe one dataset record, so a
  report takes its best candidate without excluding other reports, and reports link among themselves freely;
- splitting datasets (`split_datasets`, tacitus.resolve.splitting): a record left without a partner may join
  the partner a record of its own group took;
- the leftover rule (tacitus.resolve.rules): records the assignment left free get a second one-to-one
  assignment among pairs of one kind in one district a day apart at most, down to a lower weight.

Events are then formed from the chosen links, strongest first; a link that would put two records of one
distinct dataset (outside one split group) or a cannot-link pair into one event is dropped, and said so.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from tacitus.resolve.config import ResolveConfig
from tacitus.resolve.disjoint import DisjointSets
from tacitus.resolve.rules import ELIGIBLE_COLUMN

Key = tuple[str, str]

# Why a scored pair was not linked (what the explanation says).
BELOW_THRESHOLD = "below_threshold"
REJECTED = "rejected"
LOST = "lost_assignment"
CONFLICT = "conflict"
# How a link was made, besides "model" and "confirmed".
LEFTOVER = "leftover"
SPLIT_GROUP = "split group"


@dataclass
class Assignment:
    """Clusters (record_key → representative), the links kept, and why each other eligible pair was not."""

    clusters: dict[str, str]
    linked: dict[frozenset[str], str] = field(default_factory=dict)  # pair → "model" | "confirmed" | "split group"
    not_linked: dict[frozenset[str], str] = field(default_factory=dict)  # pair → one of the reasons above


class _Clusters:
    """Union-find over records that refuses merges breaking one-record-per-dataset or a cannot-link pair."""

    def __init__(self, dataset_of: Mapping[str, str], distinct: Collection[str], groups: Mapping[str, str],
                 cannot: Collection[frozenset[str]]) -> None:
        self.sets = DisjointSets()
        self.members: dict[str, set[str]] = {}
        self.dataset_of = dataset_of
        self.distinct = set(distinct)
        self.groups = groups
        self.cannot: dict[str, set[str]] = {}
        for pair in cannot:
            a, b = sorted(pair)
            self.cannot.setdefault(a, set()).add(b)
            self.cannot.setdefault(b, set()).add(a)

    def find(self, key: str) -> str:
        self.members.setdefault(key, {key})
        return self.sets.find(key)

    def _allowed(self, a: set[str], b: set[str]) -> bool:
        if any(self.cannot.get(x, set()) & b for x in a):
            return False
        seen: dict[str, set[str]] = {}
        for key in a | b:
            dataset = self.dataset_of[key]
            if dataset in self.distinct:
                seen.setdefault(dataset, set()).add(self.groups.get(key) or key)
        return all(len(v) == 1 for v in seen.values())

    def union(self, a: str, b: str) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        if not self._allowed(self.members[root_a], self.members[root_b]):
            return False
        root = self.sets.union(root_a, root_b)
        self.members[root] |= self.members.pop(root_b if root == root_a else root_a)
        return True


def _components(edges: list[tuple[str, str]]) -> list[list[int]]:
    """Indices of `edges` grouped by connected component of the graph they form."""
    sets = DisjointSets()
    for a, b in edges:
        sets.union(a, b)
    out: dict[str, list[int]] = {}
    for i, (a, _) in enumerate(edges):
        out.setdefault(sets.find(a), []).append(i)
    return list(out.values())


def optimal_one_to_one(edges: list[tuple[str, str, float]]) -> list[int]:
    """Indices of the edges (left, right, benefit > 0) that form a maximum-benefit one-to-one matching."""
    chosen: list[int] = []
    for component in _components([(a, b) for a, b, _ in edges]):
        lefts = sorted({edges[i][0] for i in component})
        rights = sorted({edges[i][1] for i in component})
        if len(lefts) == 1 or len(rights) == 1:  # a star: the single best edge (ties: first in sorted order)
            chosen.append(max(sorted(component, key=lambda i: (edges[i][0], edges[i][1])),
                              key=lambda i: edges[i][2]))
            continue
        row = {k: i for i, k in enumerate(lefts)}
        col = {k: i for i, k in enumerate(rights)}
        benefit = np.zeros((len(lefts), len(rights)))
        index = np.full((len(lefts), len(rights)), -1)
        for i in component:
            a, b, w = edges[i]
            benefit[row[a], col[b]] = w
            index[row[a], col[b]] = i
        rows, cols = linear_sum_assignment(benefit, maximize=True)
        chosen.extend(int(index[r, c]) for r, c in zip(rows, cols, strict=True) if index[r, c] >= 0)
    return chosen


def assign(
    pairs: pd.DataFrame,
    dataset_of: Mapping[str, str],
    config: ResolveConfig,
    groups: Mapping[str, str],
    confirmed: Collection[frozenset[str]] = (),
    cannot: Collection[frozenset[str]] = (),
) -> Assignment:
    """Choose links from scored pairs (columns unique_id_l/_r, match_weight) and form clusters."""
    threshold = config.threshold_match_weight
    confirmed = {p for p in confirmed if len(p) == 2}
    cannot = set(cannot) - confirmed
    distinct = {d for d in set(dataset_of.values()) if d not in config.dedupe_datasets}
    result = Assignment(clusters={})
    weight: dict[frozenset[str], float] = {}
    for a, b, w in zip(pairs["unique_id_l"], pairs["unique_id_r"], pairs["match_weight"], strict=True):
        weight[frozenset((str(a), str(b)))] = float(w)
    # Records whose partner in a dataset is fixed by a reviewer take no other partner there.
    taken: set[tuple[str, str]] = set()
    for pair in confirmed:
        a, b = sorted(pair)
        taken |= {(a, dataset_of[b]), (b, dataset_of[a])}
    by_dataset_pair: dict[tuple[str, str], list[tuple[str, str, float]]] = {}
    # pairs the leftover rule may link, by dataset pair (tacitus.resolve.rules)
    ruled: dict[tuple[str, str], list[tuple[str, str, float]]] = {}
    eligible_column = pairs[ELIGIBLE_COLUMN] if ELIGIBLE_COLUMN in pairs else pd.Series(False, index=pairs.index)
    eligible = {frozenset((str(a), str(b))) for a, b, e in zip(pairs["unique_id_l"], pairs["unique_id_r"],
                                                                eligible_column, strict=True) if bool(e)}
    for pair, w in sorted(weight.items(), key=lambda item: sorted(item[0])):
        a, b = sorted(pair)
        if dataset_of[a] > dataset_of[b]:
            a, b = b, a
        if (pair in eligible and pair not in cannot and pair not in confirmed and w >= config.leftover_min_weight
                and (a, dataset_of[b]) not in taken and (b, dataset_of[a]) not in taken):
            ruled.setdefault((dataset_of[a], dataset_of[b]), []).append((a, b, w))
        if pair in cannot:
            result.not_linked[pair] = REJECTED
            continue
        if pair in confirmed:
            continue
        if w < threshold:
            result.not_linked[pair] = BELOW_THRESHOLD
            continue
        if (a, dataset_of[b]) in taken or (b, dataset_of[a]) in taken:
            result.not_linked[pair] = LOST
            continue
        by_dataset_pair.setdefault((dataset_of[a], dataset_of[b]), []).append((a, b, w))
    chosen: list[tuple[float, str, str, str]] = []
    for pair in sorted(confirmed, key=sorted):
        a, b = sorted(pair)
        chosen.append((math.inf, a, b, "confirmed"))
    for (left_set, right_set) in sorted(set(by_dataset_pair) | set(ruled)):
        edges = by_dataset_pair.get((left_set, right_set), [])
        if left_set in distinct and right_set in distinct:
            picked = optimal_one_to_one([(a, b, w - threshold + 1e-6) for a, b, w in edges])
            chosen += [(edges[i][2], edges[i][0], edges[i][1], "model") for i in picked]
            chosen += _split_group_links(edges, set(picked), groups)
            rule_edges = ruled.get((left_set, right_set), [])
            busy = {edges[i][0] for i in picked} | {edges[i][1] for i in picked}
            free = {key for a, b, _ in rule_edges for key in (a, b)} - busy
            usable = [(a, b, w) for a, b, w in rule_edges if a in free and b in free]
            chosen += [(usable[i][2], usable[i][0], usable[i][1], LEFTOVER)
                       for i in optimal_one_to_one([(a, b, w - config.leftover_min_weight + 1e-6)
                                                    for a, b, w in usable])]
        elif left_set in distinct or right_set in distinct:
            # reports against a dataset: each report takes its best record; records may take many reports
            best: dict[str, tuple[float, str, str]] = {}
            for a, b, w in edges:
                report = b if left_set in distinct else a
                if report not in best or w > best[report][0]:
                    best[report] = (w, a, b)
            chosen += [(w, a, b, "model") for w, a, b in best.values()]
        else:
            chosen += [(w, a, b, "model") for a, b, w in edges]
    clusters = _Clusters(dataset_of, distinct, _with_confirmed_groups(groups, confirmed, dataset_of), cannot)
    for _, a, b, how in sorted(chosen, key=lambda c: (-c[0], c[1], c[2])):
        pair = frozenset((a, b))
        if clusters.union(a, b):
            result.linked[pair] = how
        else:
            result.not_linked[pair] = CONFLICT
    for pair in weight:
        if pair in result.linked:
            result.not_linked.pop(pair, None)
        elif pair not in result.not_linked:
            result.not_linked[pair] = LOST
    result.clusters = {key: clusters.find(key) for key in list(clusters.sets.parent)}
    return result


def _with_confirmed_groups(groups: Mapping[str, str], confirmed: Collection[frozenset[str]],
                           dataset_of: Mapping[str, str]) -> dict[str, str]:
    """Split groups plus reviewer-confirmed pairs within one dataset: a person who says two rows of a dataset are
    one event (the dataset counted it twice) is believed, so those rows count as one row of that dataset."""
    sets = DisjointSets()
    for pair in confirmed:
        a, b = sorted(pair)
        if dataset_of[a] == dataset_of[b]:
            sets.union(groups.get(a) or a, groups.get(b) or b)
    merged = dict(groups)
    for key in {k for pair in confirmed for k in pair}:
        merged[key] = sets.find(groups.get(key) or key)
    return merged


def _split_group_links(edges: list[tuple[str, str, float]], picked: set[int],
                       groups: Mapping[str, str]) -> list[tuple[float, str, str, str]]:
    """Links of records left unassigned to the partner a record of their split group took."""
    partner_of_group: dict[tuple[int, str], str] = {}
    assigned: dict[int, set[str]] = {0: set(), 1: set()}
    for i in picked:
        a, b, _ = edges[i]
        assigned[0].add(a)
        assigned[1].add(b)
        for side, key, other in ((0, a, b), (1, b, a)):
            if groups.get(key):
                partner_of_group[(side, groups[key])] = other
    out = []
    for i, (a, b, w) in enumerate(edges):
        if i in picked:
            continue
        for side, key, other in ((0, a, b), (1, b, a)):
            group = groups.get(key)
            if key not in assigned[side] and group and partner_of_group.get((side, group)) == other:
                out.append((w, a, b, SPLIT_GROUP))
    return out
