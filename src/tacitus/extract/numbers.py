"""Counts as reports write them: digits, number words, dozens and scores, and the hedges around them.

A count is a value plus a qualifier that says how the reporter bounded it ("at least 145" is a floor,
"nearly 50" a ceiling, "dozens" a vague floor). The toll rule in :mod:`tacitus.extract.casualties` turns
qualifiers into low/best/high, so a hedge is never silently dropped.

The vocabulary (hedges, vague plurals, multiplied units, the cardinal words that start a count) is data, in
``tacitus/data/rules/number_words.yaml``; cardinal number words ("twenty-one", "one hundred and twenty") get
their value from the ``text2num`` library, which was measured against ``number-parser`` on our fixtures
(bench/bench_number_words.py: both read every cardinal right, text2num ~400x faster). What neither library
reads ("half a dozen", "a hundred", "dozens") is composed here from the data file. Every count keeps the
character span of the words it was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

import yaml
from text_to_num import text2num


@cache
def number_words() -> dict[str, Any]:
    """The parsed number-word data file."""
    text = resources.files("tacitus.data.rules").joinpath("number_words.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


_DATA = number_words()
UNITS: Final = frozenset(_DATA["cardinals"]["units"])
TENS: Final = frozenset(_DATA["cardinals"]["tens"])
_SCALES: Final = tuple(_DATA["cardinals"]["scales"])
# Vague quantities count as their smallest reading ("dozens" is at least 24), flagged as vague.
VAGUE: Final[dict[str, int]] = {v["word"]: int(v["value"]) for v in _DATA["vague"]}
# No single event's toll or group size comes near a million; a larger figure is an amount, a serial number or a
# typo, and a 20-digit one would not even fit the store's integer columns, so it is not read as a count.
MAX_COUNT: Final = 1_000_000

# Qualifier phrases → how the figure bounds the truth.
QUALIFIERS: Final[dict[str, str]] = {q["phrase"]: q["bound"] for q in _DATA["qualifiers"]}
_MULTIPLIERS: Final[dict[str, float]] = {m["word"]: float(m["value"]) for m in _DATA["multipliers"]}

_SMALL = sorted((w for w in UNITS if w not in {"ten", "eleven", "twelve"} and not w.endswith("teen")), key=len)
_WORD_NUMBER = (
    r"(?:(?:" + "|".join(sorted(TENS)) + r")(?:[\s-](?:" + "|".join(_SMALL) + r"))?"
    r"|" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")"
)
_SCALE = "|".join(_SCALES)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_QUALIFIER = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_UNIT = "|".join(w for w in _MULTIPLIERS if w != "half")

# One count: optional qualifier, then digits, number words (with "hundred"), "(half a|a|two) dozen", "a hundred",
# "a couple of", or a vague plural.
COUNT_RE: Final = re.compile(
    rf"\b(?:(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?P<num>(?:{_DIGITS})(?!\s*(?:%|per\s?cent|kg|km|am|pm|a\.m|p\.m|hours?|years?|days?)\b)"
    rf"|half\s+an?\s+(?:{_UNIT})"
    rf"|(?:a|an|one|two|three|four|five)\s+(?:{_UNIT})(?=\s+of\b|\s+[a-z])"
    rf"|(?:a|an)\s+(?:{_SCALE})"
    rf"|{_WORD_NUMBER}(?:\s+(?:{_SCALE})(?:\s+(?:and\s+)?{_WORD_NUMBER})?)?"
    rf"|(?:{'|'.join(VAGUE)})(?=\s+of\b))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Count:
    """A parsed count: value, how it bounds the truth (exact | low | high | approx | vague), its span."""

    value: int
    qualifier: str
    start: int
    end: int


def word_value(text: str) -> int | None:
    """Value of a number phrase without qualifier ('145', '1,200', 'twenty-one', 'half a dozen', 'a hundred')."""
    t = re.sub(r"[\s-]+", " ", text.casefold().replace(",", "")).strip()
    if t.isdigit():
        return int(t)
    if t in VAGUE:
        return VAGUE[t]
    words = t.split()
    if len(words) >= 2 and words[-1] in _MULTIPLIERS:
        lead = 0.5 if words[0] == "half" else (1.0 if words[0] in {"a", "an"} else _cardinal(words[0]))
        return round(lead * _MULTIPLIERS[words[-1]]) or None if lead else None
    if words and words[0] in {"a", "an"}:
        words = ["one", *words[1:]]  # "a hundred"
    return _cardinal(" ".join(words))


def _cardinal(words: str) -> int | None:
    try:
        value = text2num(words, "en")
    except ValueError:
        return None
    return int(value) or None


def parse_counts(text: str) -> list[Count]:
    """Every count in `text`, with its span in `text`."""
    out: list[Count] = []
    for m in COUNT_RE.finditer(text):
        value = word_value(m["num"])
        if value is None or value > MAX_COUNT:
            continue
        qual = QUALIFIERS[m["qual"].casefold()] if m["qual"] else "exact"
        if m["num"].casefold() in VAGUE:
            qual = "vague"
        out.append(Count(value, qual, m.start(), m.end()))
    return out
