"""Which sentences report violence, and how a document divides into incidents.

A sentence reports an incident when it has an incident word (killed, blast, abducted, …) that is not
hypothetical, planned or generic ("militants could attack", "vowed to kill", "attacks on schools are …").
A document's main incident runs from its start to the first sentence that opens another incident
("In another incident", "Separately", "Meanwhile", …); each of those opens its own segment. Inside a
segment, a clause that dates a different, earlier attack in passing ("one on the army's headquarters in
2009") is a background incident of its own, with the precision the text gives; periods ("from 2007 until
2011") and series ("a series of attacks") are not incidents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from tacitus.extract.acled_types import reports_event
from tacitus.extract.dates import DateMention
from tacitus.extract.rules import cue_set

TRIGGER: Final = re.compile(
    r"\b(?:killed|killing|kills|injured|injuring|wounded|wounding|hurt|attack(?:ed|s)?|assault(?:ed)?|blasts?|"
    r"explosions?|exploded|bomb(?:s|ed|ing|ings)?|bomber|shot|shooting|opened\s+fire|fired|firing|ambush(?:ed)?|"
    r"abducted|abduction|kidnapp?(?:ed|ing)|torched|blew\s+up|blown\s+up|clash(?:ed|es)?|exchange\s+of\s+fire|"
    r"gunned\s+down|died|dead|stormed|siege|massacre|beheaded|lynched|set\s+(?:on\s+)?fire|set\s+ablaze|"
    r"went\s+off|detonated|targeted|martyred|slain|murdered|assassinated|casualties|hijack(?:ed|ing|ers?)|commandeered|raided|"
    r"hurled|lobbed|shelling|shelled|drone\s+strikes?|air\s*strikes?|encounter|gunfight|shoot-?out|destroyed|damaged|"
    r"(?:seize|seized|take\s+over|took\s+over|take\s+control\s+of|took\s+control\s+of)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:bus|coach|train|plane|aircraft|airliner|vessel|ship|frigate|warship)|"
    r"defused|defusing|failed\s+to\s+(?:explode|detonate)|"  # a failed bombing is an incident (GTD: success = 0)
    r"at\s+gunpoint|bodies\s+(?:were\s+|had\s+been\s+)?(?:found|recovered)|bullet-riddled|standoff|hostages?)\b",
    re.IGNORECASE,
)
# Words that make the incident words around them hypothetical, planned, reported as a threat, or generic.
_UNREAL: Final = re.compile(
    r"\b(?:If|Unless|Should|Could|Would|will|would|could|should|must|might|may|can|cannot|plans?\s+to|planning|plotting|plotted|threat(?:en(?:ed|s)?)?|"
    r"vow(?:ed|s)?|warn(?:ed|s)?|if|unless|aim(?:ed|s)?\s+to|intend(?:ed|s)?|foiled|thwarted|averted|prevent(?:ed)?|"
    r"condemn(?:ed|s)?|policy|policies|strategy|debate|argue[sd]?|propos(?:ed|al))\b"
)  # case-sensitive: "May 2012" is a month, "may attack" a modal
NEW_INCIDENT: Final = re.compile(
    r"^\W*(?:in\s+(?:an|yet\s+an|a)\s*other\s+(?:incident|attack|development)|in\s+a\s+(?:separate|similar|related)\s+"
    r"(?:incident|attack|development)|separately|meanwhile|elsewhere|similarly|earlier|also\s+on|in\s+a\s+further)\b",
    re.IGNORECASE,
)
_SERIES: Final = re.compile(r"\b(?:series|spate|wave|string|campaign)\s+of\b|\battacks\b", re.IGNORECASE)
_ANAPHOR: Final = re.compile(r"\b(?:one|another)\s+(?:on|at|in|against)\b", re.IGNORECASE)
_CLAUSE_BREAK: Final = re.compile(r"\s*(?:[;–—]|\s-\s|,\s+(?:and\s+)?|\band\s+(?=another\b|one\b))\s*")


# "Meanwhile, the TTP claimed responsibility for the attack", "Earlier, police blamed the BLA for the bombing": a
# claim, blame or condemnation of the same attack, with no new victims, continues the incident.
_FOLLOW_UP: Final = re.compile(
    r"^(?!.*\b(?:killed|killing|injured|injuring|wounded|wounding|dead|died|abducted|kidnapped|shot)\b)"
    r".*\b(?:claim\w*|responsibility|condemn\w*|denied|blamed|attributed)\b",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class Segment:
    """Sentences (document offsets) that report one incident; `anchor` is where its record id is rooted."""

    sentences: list[tuple[int, int]]
    anchor: int


# Seizing people is an act of GTD attack type 6 (kidnapping) in every wording the attack cues know ("took him
# away", "bundled into a car"): each reports an incident too.
_SEIZED: Final = cue_set("attack_cues", "hostage_taking_kidnapping").compiled()


def is_incident(sentence: str) -> bool:
    """True when the sentence reports violence that happened (not a threat, plan, policy or generality)."""
    for m in (*TRIGGER.finditer(sentence), *_SEIZED.finditer(sentence)):
        window = sentence[max(0, m.start() - 60) : m.start()]
        if not _UNREAL.search(window):
            return True
    return False


def segments(text: str, sentences: list[tuple[int, int]]) -> list[Segment]:
    """Split a document into incident segments; segments that report no event of any kind are dropped."""
    groups: list[list[tuple[int, int]]] = [[]]
    for s, e in sentences:
        if groups[-1] and NEW_INCIDENT.match(text[s:e]) and not _FOLLOW_UP.search(text[s:e]):
            groups.append([])
        groups[-1].append((s, e))
    out: list[Segment] = []
    for group in groups:
        # Violence first; a group reporting none is still an event when it reports a protest, an arrest, an
        # agreement or another act ACLED codes (acled_types.reports_event).
        incident = [(s, e) for s, e in group if is_incident(text[s:e])] or [
            (s, e) for s, e in group if reports_event(text[s:e])
        ]
        if incident:
            out.append(Segment(group, incident[0][0]))
    return out


def background_clauses(
    text: str, segment: Segment, main_date: DateMention | None, dates: list[DateMention]
) -> list[tuple[tuple[int, int], DateMention]]:
    """Clauses in a segment that date another incident in passing, with the date that dates each one."""
    out: list[tuple[tuple[int, int], DateMention]] = []
    for s, e in segment.sentences:
        sentence = text[s:e]
        if not TRIGGER.search(sentence) and not _ANAPHOR.search(sentence):
            continue
        for d in dates:
            if not s <= d.start < e or d.period or d.future or d.date is None:
                continue
            if main_date is not None and (d is main_date or (main_date.date and d.date == main_date.date)):
                continue
            if main_date is not None and main_date.date and d.date > main_date.date:
                continue
            clause = _clause_around(text, s, e, d.start)
            words = text[clause[0] : clause[1]]
            if _SERIES.search(words) and not _ANAPHOR.search(words):
                continue
            anaphor = _ANAPHOR.search(words) is not None
            # A clause dates an incident when it names one ("a bombing in 2009") or points back to the
            # sentence's incident word ("attacks … including one on the GHQ in 2009").
            if (anaphor and TRIGGER.search(sentence)) or (TRIGGER.search(words) and is_incident(words)):
                out.append((clause, d))
    return out


def _clause_around(text: str, s: int, e: int, pos: int) -> tuple[int, int]:
    start, end = s, e
    for m in _CLAUSE_BREAK.finditer(text, s, e):
        if m.end() <= pos:
            start = m.end()
        elif m.start() > pos:
            end = m.start()
            break
    return start, end
