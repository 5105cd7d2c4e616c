"""Name folding for place look-ups.

Pakistani place names reach us in many transliterations ("Miran Shah", "Miranshah",
"Miram Shah"; "D.I. Khan"; "Bajaur"/"Bajour"). Rather than listing every spelling, names
are reduced to keys at three strengths:

* ``fold``: lower-case ASCII words ("north waziristan"), abbreviations expanded;
* ``key``: ``fold`` without spaces ("northwaziristan"), so word splits do not matter;
* ``skeleton``: a consonant skeleton of ``key`` that absorbs common vowel and
  doubling variation ("bajaur", "bajour", "bajur" -> "bjr").

The gazetteer is indexed by ``key`` and ``skeleton``; queries are folded the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\u02bb`'\u00b4]")

# Single-token abbreviations seen in news and datasets ("N. Waziristan", "KPK").
_TOKEN_EXPANSIONS: dict[str, tuple[str, ...]] = {
    "n": ("north",),
    "s": ("south",),
    "nwfp": ("north", "west", "frontier", "province"),
    "kpk": ("khyber", "pakhtunkhwa"),
    "kp": ("khyber", "pakhtunkhwa"),
    "fata": ("federally", "administered", "tribal", "areas"),
    "ajk": ("azad", "jammu", "and", "kashmir"),
    "ict": ("islamabad", "capital", "territory"),
    "mt": ("mount",),
}
# Multi-token abbreviations: "D.I. Khan" -> "dera ismail khan", "DG Khan" -> "dera ghazi khan".
_PAIR_EXPANSIONS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("d", "i", "khan"): ("dera", "ismail", "khan"),
    ("di", "khan"): ("dera", "ismail", "khan"),
    ("d", "g", "khan"): ("dera", "ghazi", "khan"),
    ("dg", "khan"): ("dera", "ghazi", "khan"),
    ("f", "r"): ("fr",),
    ("frontier", "region"): ("fr",),
}
_PAIR_MAX = max(len(k) for k in _PAIR_EXPANSIONS)

# Words that classify a place rather than name it ("Khar town", "Bajaur agency").
FEATURE_WORDS: dict[str, str] = {
    "town": "populated_place",
    "city": "populated_place",
    "village": "populated_place",
    "villages": "populated_place",
    "bazaar": "populated_place",
    "bazar": "populated_place",
    "locality": "populated_place",
    "area": "region",
    "areas": "region",
    "valley": "region",
    "sector": "region",
    "region": "region",
    "tehsil": "region",
    "teshsil": "region",
    "subdivision": "region",
    "pass": "region",
    "mountain": "region",
    "mountains": "region",
    "hills": "region",
    "hill": "region",
    "district": "admin2",
    "distrcit": "admin2",
    "agency": "admin2",
    "province": "admin1",
    "territory": "admin1",
    "division": "region",
}


def _expand(tokens: list[str]) -> list[str]:
    """Expand abbreviations; multi-token patterns first, then single tokens."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for width in range(_PAIR_MAX, 1, -1):
            pattern = tuple(tokens[i : i + width])
            if len(pattern) == width and pattern in _PAIR_EXPANSIONS:
                out.extend(_PAIR_EXPANSIONS[pattern])
                i += width
                break
        else:
            out.extend(_TOKEN_EXPANSIONS.get(tokens[i], (tokens[i],)))
            i += 1
    return out


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII words with abbreviations expanded ("N. Waziristan" -> "north waziristan")."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = _APOSTROPHES.sub("", ascii_text.lower()).replace("&", " and ")
    tokens = _NON_WORD.sub(" ", ascii_text).split()
    return " ".join(_expand(tokens))


def key(text: str) -> str:
    """Spacing-insensitive key: ``fold`` with spaces removed ("Miran Shah" == "Miranshah")."""
    return fold(text).replace(" ", "")


_SKELETON_RULES = (
    ("ph", "f"),
    ("kh", "k"),
    ("gh", "g"),
    ("q", "k"),
    ("w", "v"),
    ("z", "s"),
    ("y", ""),
    ("h", ""),
)
_VOWELS = re.compile(r"[aeiou]")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def skeleton(key_text: str) -> str:
    """Consonant skeleton of a key; absorbs vowel, doubling and kh/q/w spelling variation."""
    if not key_text:
        return ""
    s = key_text
    for old, new in _SKELETON_RULES:
        s = s.replace(old, new)
    if not s:
        return ""
    s = s[0] + _VOWELS.sub("", s[1:])
    return _REPEATS.sub(r"\1", s)


def split_feature_word(text: str) -> tuple[str, str | None]:
    """Split a trailing classifier word off a name: "Khar town" -> ("Khar", "populated_place").

    Returns the text unchanged and ``None`` when there is no classifier or nothing would remain.
    """
    words = text.split()
    if len(words) >= 2:
        last = fold(words[-1])
        if last in FEATURE_WORDS:
            return " ".join(words[:-1]), FEATURE_WORDS[last]
    return text, None
