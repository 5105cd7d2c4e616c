"""Splitting a raw location string into the name to look up and the context around it.

Sources write locations as "Khar, Bajaur", "Ali Khel Town (Orakzai)", "near Miranshah" or
"Bannu-Miranshah road". The part that names the place is looked up; the rest becomes context
for disambiguation, exactly as if extraction had passed it in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tacitus.geo.text import split_feature_word

_LEADING = re.compile(
    r"^(?:near|outskirts of|the outskirts of|suburbs of|outside|in|at|the|village of|town of|city of)\s+",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\(([^)]*)\)")
_ROUTE = re.compile(
    r"^(?:between\s+(?P<a>.+?)\s+and\s+(?P<b>.+?))$|^(?P<c>[^-]+?)\s*[-–/]\s*(?P<d>[^-]+?)\s+(?:road|highway|route)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Query:
    """A parsed location string.

    ``forms``: strings to look up, most specific first (the whole label, then the head name,
    then the head without its classifier word). ``hint``: the feature kind the classifier word
    implies ("Bajaur agency" -> "admin2"). ``context``: other names found in the string.
    ``route``: the two ends of "A-B road" / "between A and B", for a midpoint fallback.
    """

    forms: tuple[str, ...]
    hint: str | None
    context: tuple[str, ...]
    route: tuple[str, str] | None


@lru_cache(maxsize=65536)
def parse_query(text: str) -> Query:
    raw = " ".join(text.split())
    context: list[str] = [c.strip() for c in _PARENS.findall(raw) if c.strip()]
    without_parens = _PARENS.sub(" ", raw)
    parts = [p.strip() for p in without_parens.split(",") if p.strip()]
    head = _LEADING.sub("", parts[0]) if parts else ""
    # the parts after the first comma are context ("Khar, Bajaur")
    context.extend(parts[1:])
    base, hint = split_feature_word(head)
    forms = tuple(dict.fromkeys(f for f in (raw, " ".join(without_parens.split()), head, base) if f))
    route = None
    match = _ROUTE.match(base)
    if match:
        a = match.group("a") or match.group("c")
        b = match.group("b") or match.group("d")
        route = (a.strip(), b.strip())
    return Query(forms=forms, hint=hint, context=tuple(context), route=route)
