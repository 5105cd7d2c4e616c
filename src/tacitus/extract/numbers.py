"""Counts as reports write them: digits, number words, dozens and scores, and the hedges around them.

A count is a value plus a qualifier that says how the reporter bounded it ("at least 145" is a floor,
"nearly 50" a ceiling, "dozens" a vague floor). The toll rule in :mod:`tacitus.extract.casualties` turns
qualifiers into low/best/high, so a hedge is never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

UNITS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Vague quantities count as their smallest reading ("dozens" is at least 24), flagged as vague.
VAGUE: Final = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000}
# No single event's toll or group size comes near a million; a larger figure is an amount, a serial number or a
# typo, and a 20-digit one would not even fit the store's integer columns, so it is not read as a count.
MAX_COUNT: Final = 1_000_000

# Qualifier phrases → how the figure bounds the truth.
QUALIFIERS: Final = {
    "at least": "low", "not less than": "low", "no fewer than": "low", "no less than": "low", "over": "low",
    "more than": "low", "upwards of": "low", "in excess of": "low", "a minimum of": "low",
    "nearly": "high", "almost": "high", "up to": "high", "as many as": "high", "close to": "high",
    "fewer than": "high", "less than": "high", "at most": "high",
    "about": "approx", "around": "approx", "some": "approx", "approximately": "approx", "roughly": "approx",
    "an estimated": "approx", "estimated": "approx", "nearly a": "high",
}  # fmt: skip

_WORD_NUMBER = (
    r"(?:(?:" + "|".join(TENS) + r")(?:[\s-](?:" + "|".join(k for k in UNITS if UNITS[k] < 10) + r"))?"
    r"|" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_QUALIFIER = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))

# One count: optional qualifier, then digits, number words (with "hundred"), "(a|two) dozen", or a vague plural.
COUNT_RE: Final = re.compile(
    rf"\b(?:(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?P<num>(?:{_DIGITS})(?!\s*(?:%|per\s?cent|kg|km|am|pm|a\.m|p\.m|hours?|years?|days?)\b)"
    rf"|(?:a|one|two|three|four)\s+dozen"
    rf"|{_WORD_NUMBER}(?:\s+hundred(?:\s+(?:and\s+)?{_WORD_NUMBER})?)?"
    rf"|(?:dozens|scores|hundreds|thousands)(?=\s+of\b))\b",
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
    """Value of a number phrase without qualifier ('145', '1,200', 'twenty-one', 'two dozen', 'dozens')."""
    t = re.sub(r"[\s-]+", " ", text.casefold().replace(",", "")).strip()
    if t.isdigit():
        return int(t)
    if t in VAGUE:
        return VAGUE[t]
    if t.endswith(" dozen"):
        lead = t.split()[0]
        return 12 * (1 if lead in {"a", "one"} else UNITS.get(lead, 0)) or None
    total, current = 0, 0
    for word in t.replace(" and ", " ").split():
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            return None
    total += current
    return total or None


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
