"""Disjoint sets (union-find): which keys have been joined, one helper for every grouping in resolution."""

from __future__ import annotations


class DisjointSets:
    """Keys joined into sets; each set is named by its smallest key, so results do not depend on join order."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        """The name of the set `key` is in (a key never joined is a set of its own)."""
        while self.parent.setdefault(key, key) != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> str:
        """Join the sets of `a` and `b`; returns the joined set's name."""
        root, other = sorted((self.find(a), self.find(b)))
        self.parent[other] = root
        return root

    def groups(self) -> dict[str, list[str]]:
        """Set name → its keys, in the order they were first seen."""
        out: dict[str, list[str]] = {}
        for key in list(self.parent):
            out.setdefault(self.find(key), []).append(key)
        return out
