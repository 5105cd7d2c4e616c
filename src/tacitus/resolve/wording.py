"""Why two records were linked or not, in words: "same day; 0.8 km apart; both suicide bombings; tolls overlap
(30–38 vs 39); +9.1 bits over the prior".

`pair_facts` takes what a reviewer needs from a scored pair (the figures behind each comparison level), oriented
from one record's side; `describe` turns a stored link reason (tacitus.resolve.resolver) into one line. The CLI
(`tacitus resolve --explain`) and the review web page call the same functions, so both say the same thing.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

_ATTACKS = {
    "bombing_explosion": ("bombing", "bombings"),
    "armed_assault": ("armed assault", "armed assaults"),
    "assassination": ("assassination", "assassinations"),
    "hostage_taking_barricade": ("siege", "sieges"),
    "hostage_taking_kidnapping": ("kidnapping", "kidnappings"),
    "facility_infrastructure_attack": ("attack on a facility", "attacks on facilities"),
    "hijacking": ("hijacking", "hijackings"),
    "unarmed_assault": ("unarmed assault", "unarmed assaults"),
}
_WHY_NOT = {
    "below_threshold": "not linked: weight {weight:+.1f} is below the threshold {threshold:+.1f}",
    "rejected": "not linked: a reviewer rejected this pair (or split it apart)",
    "lost_assignment": "not linked: {taken}",
    "conflict": "not linked: it would put two records of one dataset into one event",
}
_HOW = {
    "confirmed": "linked: confirmed by a reviewer",
    "split group": "linked: part of an attack its dataset codes as several records",
    "leftover": "linked: left over by the assignment, paired with the other leftover of its kind (rule leftover)",
}


def _value(row: dict[str, Any], name: str) -> Any:
    value = row.get(name)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _toll(low: Any, high: Any) -> str | None:
    if low is None or high is None:
        return None
    return f"{low}" if low == high else f"{low}–{high}"


def pair_facts(row: dict[str, Any], me: str) -> dict[str, Any]:
    """The figures behind a scored pair's comparison levels, `me` (l or r) first: days, km, kinds, tolls."""
    other = "r" if me == "l" else "l"
    sides = (me, other)
    facts: dict[str, Any] = {}
    days = [(_value(row, f"day_lo_{s}"), _value(row, f"day_hi_{s}")) for s in sides]
    if all(lo is not None for lo, _ in days):
        facts["days"] = days
    points = [(_value(row, f"lat_{s}"), _value(row, f"lon_{s}")) for s in sides]
    if all(v is not None for point in points for v in point):
        (lat1, lon1), (lat2, lon2) = points
        km = math.hypot((lat1 - lat2) * 111.2, (lon1 - lon2) * 111.2 * math.cos(math.radians((lat1 + lat2) / 2)))
        facts["km"] = round(km, 1)
    for name in ("suicide", "attack", "kind", "target_type"):
        facts[name] = [_value(row, f"{name}_{s}") for s in sides]
    for name in ("killed", "wounded"):
        facts[name] = [_toll(_value(row, f"{name}_lo_{s}"), _value(row, f"{name}_hi_{s}")) for s in sides]
    return facts


def _date_phrase(level: str, facts: dict[str, Any]) -> str | None:
    days = facts.get("days")
    if level == "unknown":
        return "a date is unknown"
    if level == "same day":
        return "same day"
    if days and level.startswith("within"):
        apart = abs(days[0][0] - days[1][0])
        return f"{apart} day{'s' if apart != 1 else ''} apart"
    if level == "same week":
        return "one date is a period of up to a week that covers the other"
    if level == "same month":
        return "one date is a period of up to a month that covers the other"
    return "different dates"


def _place_phrase(level: str, facts: dict[str, Any]) -> str:
    km = facts.get("km")
    if km is not None:
        where = f"{km:g} km apart"
        if level == "same district":
            return f"{where}, same district"
        return where
    return {"same district": "same district", "unknown": "place unknown"}.get(level, "different districts")


def _what_phrases(levels: dict[str, str], facts: dict[str, Any]) -> list[str]:
    out = []
    suicide = levels.get("suicide", "unknown")
    attack = levels.get("attack", "unknown")
    attacks = facts.get("attack") or [None, None]
    if attack == "same attack type" and attacks[0] in _ATTACKS:
        plural = _ATTACKS[attacks[0]][1]
        out.append(f"both suicide {plural}" if suicide == "both suicide attacks" else f"both {plural}")
    else:
        if suicide != "unknown":
            out.append("one a suicide attack, the other not" if suicide == "different" else suicide)
        if attack == "same weapon":
            out.append("same weapon, different attack types")
        elif attack == "different":
            names = [_ATTACKS.get(a, (a or "unknown",))[0] for a in attacks]
            out.append(f"{names[0]} vs {names[1]}")
    kinds = facts.get("kind") or [None, None]
    if levels.get("kind") == "same kind":
        out.append(f"both {kinds[0]}s" if kinds[0] != "drone" else "both drone strikes")
    elif levels.get("kind") == "different":
        out.append(f"{kinds[0]} vs {kinds[1]}")
    targets = facts.get("target_type") or [None, None]
    if levels.get("target_type") == "same target type":
        out.append(f"same target type ({str(targets[0]).replace('_', ' ')})")
    elif levels.get("target_type") == "different":
        out.append(f"targets differ ({str(targets[0]).replace('_', ' ')} vs {str(targets[1]).replace('_', ' ')})")
    if levels.get("perpetrator") in ("same perpetrator", "different"):
        out.append("same perpetrator" if levels["perpetrator"] == "same perpetrator" else "different perpetrators")
    return out


def _toll_phrase(name: str, level: str, facts: dict[str, Any]) -> str | None:
    if level == "unknown":
        return None
    figures = facts.get(name) or [None, None]
    noun = "tolls" if name == "killed" else "wounded"
    verb = {"ranges overlap": "overlap", "ranges nearly overlap": "nearly overlap",
            "within factor 1.5": "within a factor of 1.5", "within factor 3": "within a factor of 3"}
    return f"{noun} {verb.get(level, 'far apart')} ({figures[0]} vs {figures[1]})"


def describe(reason: dict[str, Any]) -> str:
    """One line on why a record was linked to another (or not), from a stored link reason."""
    levels = {name: part["level"] for name, part in reason.get("comparisons", {}).items()}
    facts = reason.get("facts", {})
    parts = [p for p in (_date_phrase(levels.get("date", "unknown"), facts),
                         _place_phrase(levels.get("place", "unknown"), facts)) if p]
    parts += _what_phrases(levels, facts)
    parts += [p for p in (_toll_phrase("killed", levels.get("killed", "unknown"), facts),
                          _toll_phrase("wounded", levels.get("wounded", "unknown"), facts)) if p]
    words = levels.get("words", "unknown")
    if words not in ("unknown", "different"):
        parts.append(f"place or target names share {words.replace('shared ', '')}")
    bits = float(reason["match_weight"]) - float(reason["prior_weight"])
    parts.append(f"{bits:+.1f} bits over the prior")
    line = "; ".join(parts)
    why = reason.get("why_not")
    if why:
        return _WHY_NOT[why].format(weight=reason["match_weight"], threshold=reason.get("threshold", 0.0),
                                    taken=reason.get("taken") or "a better-scoring pair took one of the two") + \
            f" ({line})"
    how = _HOW.get(str(reason.get("how")), "linked")
    return f"{how}: {line}"
