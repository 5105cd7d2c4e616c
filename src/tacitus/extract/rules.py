"""Cue lexicons kept as data: the words that decide attack and target types, each tied to its codebook rule.

The vocabulary lives in YAML files under ``tacitus/data/rules`` so that a domain expert can read and extend it
without touching code: every entry names the GTD codebook definition it implements and every cue carries an
example phrase in our own words, which ``tests/extract/test_rules_data.py`` matches against the cue. This
module only loads and compiles them; what is done with a match (precedence, weights, exceptions) stays in
:mod:`tacitus.extract.classify`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Cue:
    """One pattern with the example that shows what it is for."""

    pattern: str
    example: str


@dataclass(frozen=True)
class CueSet:
    """The cues of one label (an attack or target type) and the codebook rule they implement."""

    label: str
    rule: str
    cues: tuple[Cue, ...]
    weight: int = 0
    case_sensitive: bool = False  # a set whose cues tell names from words by their capitals

    @property
    def flags(self) -> int:
        """The flags every cue of the set is matched with (its example included)."""
        return 0 if self.case_sensitive else re.IGNORECASE

    def compiled(self) -> re.Pattern[str]:
        """All cues as one case-insensitive alternation between word boundaries."""
        return re.compile(r"\b(?:" + "|".join(c.pattern for c in self.cues) + r")\b", re.IGNORECASE)

    def alternation(self) -> str:
        """The cues as one group, for code that sets them in a sentence shape of its own."""
        return "(?:" + "|".join(c.pattern for c in self.cues) + ")"

    def pattern(self) -> re.Pattern[str]:
        """The cues as one alternation exactly as written (each cue carries its own anchors and boundaries)."""
        return re.compile("|".join(c.pattern for c in self.cues), self.flags)


def _cue_set(entry: dict[str, Any], source: str) -> CueSet:
    try:
        cues = tuple(Cue(str(c["pattern"]), str(c["example"])) for c in entry["cues"])
        return CueSet(
            str(entry["label"]),
            str(entry["rule"]),
            cues,
            int(entry.get("weight", 0)),
            bool(entry.get("case_sensitive", False)),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{source}: entry {entry.get('label')!r} lacks {exc}") from exc


@cache
def load_cue_sets(name: str) -> tuple[CueSet, ...]:
    """The cue sets of ``tacitus/data/rules/<name>.yaml``, in file order (order matters for ties)."""
    text = resources.files("tacitus.data.rules").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or []
    return tuple(_cue_set(entry, f"{name}.yaml") for entry in data)


def cue_set(name: str, label: str) -> CueSet:
    """The set `label` of ``tacitus/data/rules/<name>.yaml``."""
    for entry in load_cue_sets(name):
        if entry.label == label:
            return entry
    raise KeyError(f"{name}.yaml has no set {label!r}")
