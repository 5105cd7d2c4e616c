"""Finding gazetteer names in running text, fast enough to run on every document.

Text is split into word tokens once; at each token the longest run of tokens whose folded form
is a gazetteer name wins (so "Dera Ismail Khan" beats "Dera", "North Waziristan" beats
"Waziristan"). Names are proper nouns, so a match must start with a capital letter; short or
word-like names ("Bara", "Kot") must match one of their known spellings exactly, and names
that are ordinary words or personal names in news text are left out.

Many village names are a name plus a generic word ("Maneri Bala", "Shah Payan", "Kot Kalan",
"Killi Badezai", "Mohalla Jangi"), and some generic words are gazetteer entries of their own
("Bala", "Kot", "Chak"). A generic word joined to another capitalised word is part of a longer
name the gazetteer does not know, so it is not a mention; nor is a name followed by a qualifier
that makes it a different village ("Kot Kalan" is not "Kot"). Classifier words that keep the
place ("Kohat Cantonment", "Bannu Police Station", "Mingora City") do not block the name.
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
# Words that are parts of village and neighbourhood names (upper/lower, big/small, hamlet, quarter,
# fort, market, road ...): alone they may be a gazetteer entry, next to a name they are not.
_GENERIC_TEXT = """
bala balla payan paeen payeen kalan kalaan khurd khurad ulya sufla kohna killi kili killa kalay kaley kalle
kille kaly mohalla mohallah muhalla colony town city road chowk chok bazar bazaar goth kot chak khel khail
kheil banda dheri garhi qila pind basti police station thana cantonment cantt adda mor pul camp lines sector
block phase nullah gate bridge market abad sharif sar dara darra
"""
GENERIC_WORDS = frozenset(_GENERIC_TEXT.split())
# A following word of this kind makes a different village: "Kot Kalan" is not "Kot".
_QUALIFIER_TEXT = "bala balla payan paeen payeen kalan kalaan khurd khurad ulya sufla kohna"
QUALIFIERS = frozenset(_QUALIFIER_TEXT.split())
# Capitalised words that do not extend a name (sentence-initial "In Bala", "Near Kot").
_FUNCTION_TEXT = """
a an and the of in on at to by for from with near into outside inside around across after before
said says was were is are as but or if when while during
"""
FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
_JOIN = re.compile(r"[ \t\-]+")


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

    def _joined(
        self,
        text: str,
        spans: list[tuple[int, int, str]],
        folded: list[str],
        j: int,
        left: int,
        right: int,
        name_word: bool,
    ) -> bool:
        """Token ``j`` continues the name spanning characters ``left``..``right``: only spaces or a hyphen
        between, capitalised, not a function word; with ``name_word``, not a classifier that keeps the
        place either ("Town", "Road", "Police")."""
        if not 0 <= j < len(spans):
            return False
        start, end, surface = spans[j]
        gap = text[end:left] if end <= left else text[right:start]
        if gap and not _JOIN.fullmatch(gap):
            return False
        if not surface[:1].isupper():
            return False
        word = folded[j]
        return word not in FUNCTION_WORDS and not (name_word and word in COMMON_WORDS)

    def _part_of_longer_name(
        self, text: str, spans: list[tuple[int, int, str]], folded: list[str], i: int, n: int
    ) -> bool:
        """The match of tokens ``i``..``i+n-1`` is a piece of a longer, unknown name."""
        left, right = spans[i][0], spans[i + n - 1][1]
        words = folded[i : i + n]
        if all(w in GENERIC_WORDS for w in words) and (
            self._joined(text, spans, folded, i - 1, left, right, True)
            or self._joined(text, spans, folded, i + n, left, right, True)
        ):
            return True  # "Maneri Bala", "Killi Badezai": a generic word next to a name-like word
        nxt = i + n
        if nxt >= len(spans) or folded[nxt] not in QUALIFIERS:
            return False
        return self._joined(text, spans, folded, nxt, left, right, False)

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
                    matched = n
                    if not self._part_of_longer_name(text, spans, folded, i, n):
                        out.append((start, end, surface))
                    break
            i += matched or 1
        return out
