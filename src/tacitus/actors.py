"""The actor dictionary: canonical names, aliases and the time-aware graph of coalitions, factions and splinters.

Queries by actor include the actor's factions and splinters by default ("TTP" finds "TTP - TA" and
Jamaat-ul-Ahrar), because analysts asking about a coalition mean all of it; pass factions=False to get
only the named group.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Actor:
    """One entry of the dictionary."""

    id: str
    name: str
    short: str | None
    kind: str
    aliases: tuple[str, ...]
    parent: str | None = None
    relation: str | None = None
    start: str | None = None  # YYYY or YYYY-MM
    end: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        """The name we output as `perpetrator`: the one a scorer comparing against GTD-style names accepts.

        Policy: the short form only when it is an all-capitals acronym, the kind the field writes in brackets
        after the full name and uses on its own ("Tehrik-i-Taliban Pakistan (TTP)" → TTP; BLA, BLF, BRA, UBA,
        MQM, IMU, SDLA, IS-K, "TTP - TA"); a mixed-case abbreviation is ours or a press habit, so the full
        canonical name is given instead ("Lashkar-e-Jhangvi", not "LeJ"; "Jamaat-ul-Ahrar", not "JuA"), without
        a bracketed disambiguator ("Jundallah (Pakistan)" → "Jundallah"; the id tells the two apart). A state
        is named by its country ("United States"), as GED's and the drone datasets' tables read. Any alias still
        resolves through `ActorDictionary.lookup`, and `perpetrator_id` is the stable key.
        """
        if self.extra.get("label"):
            return str(self.extra["label"])  # an explicit output name in the dictionary
        if self.kind == "state" and self.short:
            return self.short
        if self.short and _ACRONYM.fullmatch(self.short):
            return self.short
        # A bracketed disambiguator is ours, not the group's name: "Jundallah (Pakistan)" → "Jundallah".
        return re.sub(r"\s*\([^()]*\)$", "", self.name) or self.name


# An all-capitals acronym, possibly with a suffix: "TTP", "IS-K", "MQM-H", "TTP - TA", "JUI-F".
_ACRONYM = re.compile(r"[A-Z]{2,}(?:\s*-\s*[A-Z]{1,4})?")


_BRACKETED = re.compile(r"(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)")


# The Urdu/Persian connectives inside group names ("Lashkar-e-Jhangvi", "Lashkar-i-Jhangvi", "Jamaat-ul-Ahrar",
# "Jamaat al Ahrar", "Sipah-e-Sahaba"): transliterations differ only here, so they fold to one token.
CONNECTIVES = frozenset({"e", "i", "ul", "al", "el", "il", "ud", "ad", "us", "as", "ut", "ur", "un", "ush", "uz"})


def normalize_name(name: str) -> str:
    """Fold case, dashes, dots, spacing and connectives so that 'TTP - TA', 'ttp-ta' and 'T.T.P.-TA' compare
    equal, and so do 'Lashkar-e-Jhangvi', 'Lashkar i Jhangvi' and 'Lashkar-ul-Jhangvi'."""
    folded = name.casefold().replace("–", "-").replace("—", "-")
    folded = re.sub(r"[.'’‘`´]", "", folded)
    words = re.sub(r"[\s\-_]+", " ", folded).strip().split(" ")
    # only between two words: a leading "Al" ("Al-Qaeda") is an article that every spelling keeps
    return " ".join("e" if 0 < i < len(words) - 1 and w in CONNECTIVES else w for i, w in enumerate(words))


class ActorDictionary:
    """Look up actors by any alias and walk the parent → faction graph."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._by_id: dict[str, Actor] = {}
        self._by_alias: dict[str, Actor] = {}
        self._children: dict[str, list[str]] = {}
        for actor in actors:
            if actor.id in self._by_id:
                raise ValueError(f"duplicate actor id {actor.id!r}")
            self._by_id[actor.id] = actor
            for alias in (actor.name, actor.short, *actor.aliases):
                if alias:
                    self._by_alias.setdefault(normalize_name(alias), actor)
        for actor in self._by_id.values():
            if actor.parent:
                if actor.parent not in self._by_id:
                    raise ValueError(f"actor {actor.id!r} names unknown parent {actor.parent!r}")
                self._children.setdefault(actor.parent, []).append(actor.id)

    def __iter__(self) -> Any:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)

    def lookup(self, name: str) -> Actor | None:
        """The actor a name (id, canonical name, short form or alias) refers to, or None.

        Dataset spellings often append the acronym ("Baloch Liberation Army (BLA)") or a country
        ("Lashkar-e-Islam (Pakistan)"); when the whole name is unknown, the part outside and then the part
        inside the brackets are tried, so such names resolve without listing every bracketed form.
        """
        found = self._by_id.get(name) or self._by_alias.get(normalize_name(name))
        if found is None and (m := _BRACKETED.fullmatch(name.strip())):
            found = self._by_alias.get(normalize_name(m["outer"])) or self._by_alias.get(normalize_name(m["inner"]))
        return found

    def descendants(self, actor_id: str) -> list[str]:
        """Factions, splinters and members of an actor, recursively (not including itself)."""
        out: list[str] = []
        stack = list(self._children.get(actor_id, ()))
        while stack:
            child = stack.pop()
            if child not in out:
                out.append(child)
                stack.extend(self._children.get(child, ()))
        return out

    def expand(self, name: str, factions: bool = True) -> tuple[set[str], set[str]]:
        """Ids and normalised surface names that a query for `name` should match.

        Unknown names still match themselves, so a query never silently returns nothing because the
        dictionary lacks an entry.
        """
        actor = self.lookup(name)
        if actor is None:
            return set(), {normalize_name(name)}
        ids = {actor.id, *(self.descendants(actor.id) if factions else ())}
        names: set[str] = set()
        for actor_id in ids:
            a = self._by_id[actor_id]
            names.update(normalize_name(n) for n in (a.name, a.short, *a.aliases) if n)
        return ids, names


def actor_from_entry(entry: dict[str, Any]) -> Actor:
    known = {"id", "name", "short", "kind", "aliases", "parent", "relation", "from", "to"}
    return Actor(
        id=str(entry["id"]),
        name=str(entry["name"]),
        short=entry.get("short"),
        kind=str(entry.get("kind", "armed_group")),
        aliases=tuple(str(a) for a in entry.get("aliases", ())),
        parent=entry.get("parent"),
        relation=entry.get("relation"),
        start=None if entry.get("from") is None else str(entry["from"]),
        end=None if entry.get("to") is None else str(entry["to"]),
        extra={k: v for k, v in entry.items() if k not in known},
    )


def load_actor_entries(text: str) -> list[dict[str, Any]]:
    """Parse the YAML dictionary; kept separate so the build script validates exactly what is loaded."""
    data = yaml.safe_load(text) or []
    if not isinstance(data, list):
        raise ValueError("actor dictionary must be a YAML list of entries")
    return data


@cache
def get_actors() -> ActorDictionary:
    """The shipped dictionary, loaded once per process."""
    text = resources.files("tacitus.data").joinpath("actors.yaml").read_text(encoding="utf-8")
    return ActorDictionary(actor_from_entry(e) for e in load_actor_entries(text))
