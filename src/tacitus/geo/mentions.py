"""Finding gazetteer names in running text, fast enough to run on every document.

Text is split into word tokens once; at each token the longest run of tokens whose folded form
is a gazetteer name wins (so "Dera Ismail Khan" beats "Dera", "North Waziristan" beats
"Waziristan"). Names are proper nouns, so a match must start with a capital letter; short or
word-like names ("Bara", "Kot") must match one of their known spellings exactly, and names
that are ordinary words or personal names in news text are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tacitus.geo.text import fold

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_BREAK = re.compile(r"[,;:!?()\"\n]")
MAX_TOKENS = 6

# Words that are gazetteer names somewhere but mostly mean something else in conflict news.
_COMMON_TEXT = """
a an and the of in on at to by for from with near police army security forces force camp camps
lines road roads market bazaar bazar chowk colony town city village area areas valley district
province agency sector station university college hospital school mosque madrassa centre center
said says government official officials north south east west upper lower new old main central
national federal tribal frontier border taliban islam islamic muslim day may march june july august
april january february september october november december monday tuesday wednesday thursday friday
saturday sunday killed attack attacks blast bomb suicide fire militants militant soldiers soldier
officer people men women children local reports report sources source media press news office post
check checkpost mobile reading bar bat mass lake hill hills pass sadar saddar cantt cantonment model
garden gate bridge dam canal fort head
"""
COMMON_WORDS = frozenset(_COMMON_TEXT.split())
# Personal-name words: block them as one-word names only ("Mir Ali" the town stays).
_PERSON_TEXT = "ali khan shah mir din gul bibi malik sardar haji maulana mullah sheikh syed sayed"
PERSON_WORDS = frozenset(_PERSON_TEXT.split())
SHORT_NAME = 4  # names of at most this many letters must match a known spelling exactly


class MentionFinder:
    """Longest-match finder over a fixed set of names."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names: dict[str, set[str] | None] = {}
        self._lengths: dict[str, int] = {}
        for name in names:
            # fold token by token, exactly as the text will be folded
            tokens = [fold(t) for t in _TOKEN.findall(name)]
            folded = " ".join(tokens)
            if not tokens or len(tokens) > MAX_TOKENS or len(folded) < 3:
                continue
            if not name[:1].isupper():
                continue
            if len(tokens) == 1 and (folded in COMMON_WORDS or folded in PERSON_WORDS):
                continue
            if all(t in COMMON_WORDS for t in tokens):
                continue
            exact = len(folded.replace(" ", "")) <= SHORT_NAME
            spellings = self._names.get(folded, set() if exact else None)
            if exact or spellings is not None:
                spellings = (spellings or set()) | {name}
            self._names[folded] = spellings
            first = tokens[0]
            self._lengths[first] = max(self._lengths.get(first, 0), len(tokens))

    def __len__(self) -> int:
        return len(self._names)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, surface) of every name in ``text``, left to right, non-overlapping."""
        spans = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        folded = [fold(s) for _, _, s in spans]
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(spans):
            first = folded[i].split(" ")[0] if folded[i] else ""
            width = self._lengths.get(first, 0)
            matched = 0
            if width and spans[i][2][:1].isupper():
                for n in range(min(width, len(spans) - i), 0, -1):
                    # a name does not run across sentence or clause punctuation
                    start, end = spans[i][0], spans[i + n - 1][1]
                    if n > 1 and _BREAK.search(text, spans[i][1], spans[i + n - 1][0]):
                        continue
                    candidate = " ".join(folded[i : i + n])
                    if candidate not in self._names:
                        continue
                    surface = text[start:end]
                    exact = self._names[candidate]
                    if exact is not None and surface not in exact:
                        continue
                    out.append((start, end, surface))
                    matched = n
                    break
            i += matched or 1
        return out
