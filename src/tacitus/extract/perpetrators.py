"""Who did it, and how the text knows: actor mentions from the dictionary and the cue that ties one to an attack.

A named group is the perpetrator only when the text links it to the attack, and the link decides the
attribution (codebook `attribution`):

* claimed — the group itself claimed ("X claimed responsibility", "responsibility was claimed by X");
* attributed — officials or the report name it ("police blamed X", "militants of X attacked", "by X");
* suspected — hedged ("suspected X militants", "X is believed to be behind").

A claim that is denied or absent ("no group has claimed responsibility") is no claim. Groups mentioned as
victims ("a commander of X was killed") or in passing are not perpetrators. Patterns are compiled from
the actor dictionary, so every alias there is found in text without a statistical model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Final

from tacitus.actors import CONNECTIVES, Actor, ActorDictionary, get_actors
from tacitus.extract.rules import cue_set

# Kinds that can be perpetrators of an attack when the text links them to it.
PERPETRATOR_KINDS: Final = frozenset({"armed_group", "militia", "political_party", "state", "state_force"})
# Generic words that name state forces everywhere; matched only as explicit aliases, never as perpetrators by
# mention alone (they are more often victims than agents in these reports).
_GENERIC: Final = frozenset(cue.pattern for cue in cue_set("perpetrator_cues", "state_forces").cues)

# The claim cues (tacitus/data/rules/perpetrator_cues.yaml, GTD `claimed`/`claimmode`).
_CLAIM: Final = cue_set("perpetrator_cues", "claim").pattern()
# "X said it …": the group named before the verb is the speaker, unless an official speaks in between ("TTP militants
# attacked the post; police said they killed two of them").
_SAID: Final = re.compile(r"(?:said|says|announced|stated|declared|told)\b", re.I)
# Claim cues in which the group speaks of "the attack": only the group named before them can be the speaker.
_SPEAKER_CUE: Final = re.compile(r"(?:said|says|stated|announced)\s+(?:in\s+a\s+\w+\s+)?(?:that\s+)?the\s+", re.I)
_OFFICIAL: Final = re.compile(
    r"\b(?:police|officials?|officers?|army|military|government|minister|ministry|authorities|investigators|ISPR)\b",
    re.I,
)
# "X has been killed by his captors, a spokesman for the TTP said": the group's own spokesman reports the act.
_SPOKESMAN: Final = re.compile(
    r",\s+(?:a|the)\s+(?:\w+\s+)?spokes(?:man|person|woman)\s+(?:for|of)\s+"
    r"(?=[^.;]{0,80}?\b(?:said|told|announced|confirmed|added|stated)\b)",
    re.I,
)
_ACT_BEFORE: Final = re.compile(
    r"\b(?:killed|executed|beheaded|abducted|kidnapped|carried\s+out|attacked|bombed|shot)\b", re.I
)
_NO_CLAIM: Final = re.compile(
    r"\b(?:no|none|nobody|not|yet\s+to|neither|any|denied|deny|denies|denying|disowned|rejected)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_ATTRIBUTE: Final = cue_set("perpetrator_cues", "attribution").compiled()
_SUSPECT: Final = cue_set("perpetrator_cues", "suspicion").compiled()
# Blame and attribution by officials or sources (not the report's own statement of the act).
_BLAME: Final = re.compile(r"blam|attribut|held\s+responsible|accus|pinned|linked|traced|tied|suspect", re.I)
# The group is the subject of a suspicion: "X is suspected", "X are believed to be behind the attack".
_SUSPECTED_AFTER: Final = re.compile(
    r"\s*(?:\([^)]{1,12}\)\s*)?(?:(?:militants|men|activists|cadres|members|fighters)\s+)?"
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:widely\s+|also\s+|strongly\s+)?"
    r"(?:suspected|blamed|believed\s+to\s+(?:be|have\s+been)\s+(?:behind|responsible)|thought\s+to\s+be\s+behind)\b",
    re.I,
)
# A group as the subject of an attack verb: "TTP militants stormed", "the BLA attacked".
_AGENT_AFTER: Final = re.compile(
    r"^\s*(?:(?:militants|terrorists|fighters|gunmen|cadres|men|activists|operatives|insurgents|commanders?|"
    r"suicide\s+bombers?|attackers|rebels|jets|aircraft|helicopters|gunships|drones?)\s+)?"
    r"(?:had\s+|have\s+|has\s+|reportedly\s+|allegedly\s+)?"
    r"(?:attacked|ambushed|stormed|opened\s+fire|fired|blew\s+up|kidnapped|abducted|killed|shot|targeted|set\s+(?:on\s+)?fire|"
    r"torched|launched|carried\s+out|hurled|lobbed|detonated|planted|raided|beheaded|executed|overran|seized|"
    r"blew\s+(?:himself|herself|themselves)\s+up|struck|rammed|bombed|pounded|shelled)\b",
    re.IGNORECASE,
)
# A group named as the attackers' affiliation: "four TTP militants", "a TTP suicide bomber".
_MEMBER_AFTER: Final = re.compile(
    r"^\s*(?:\([^)]{1,12}\)\s*)?(?:militants?|terrorists?|fighters?|gunmen|cadres?|insurgents?|suicide\s+bombers?|bombers?|attackers?)\b",
    re.IGNORECASE,
)
# "Jamaat-ul-Ahrar, a breakaway faction of the TTP, claimed": the parent named in apposition is not the claimant.
_APPOSITION: Final = re.compile(
    r"^\W*(?:\([^)]*\)\W*)?,?\s*(?:a\s+|the\s+)?(?:breakaway|splinter|faction|wing|offshoot|chapter|affiliate|part|ally)\b"
    r"[^,;]*?\b(?:of|from)\s+(?:the\s+)?$"
    # any comma-bounded appositive that ends on the other group: "Jundallah, a group linked to the TTP, claimed"
    r"|^\W*(?:\([^)]*\)\W*)?,\s*(?:a|an|the)\s+[^,;]{0,60}?\b(?:of|from|to|with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "Both X and Y claimed", "X and later Y claimed": the first claimant named is the one coded.
_CONJOINED: Final = re.compile(
    r"^\W*(?:\([^)]*\)\W*)?,?\s*(?:and|as\s+well\s+as)\s+(?:later\s+|then\s+|also\s+)?(?:the\s+)?$", re.I
)
_AIR: Final = re.compile(r"\b(?:drones?|air\s*strikes?|airstrikes?|missiles?|jets?|gunships?|aerial)\b", re.IGNORECASE)
# A group as a victim: "a commander of the TTP was killed", "the MQM worker".
_VICTIM_ROLES: Final = cue_set("perpetrator_cues", "victim_role").alternation()
_VICTIM_BEFORE: Final = re.compile(
    _VICTIM_ROLES + r"\s+(?:of\s+)?(?:the\s+|a\s+|an\s+|its\s+)?(?:banned\s+|outlawed\s+|local\s+|rival\s+)?$",
    re.IGNORECASE,
)
_VICTIM_AFTER: Final = re.compile(
    r"^\s*(?:'s\s+)?" + _VICTIM_ROLES + r"\b",
    re.IGNORECASE,
)


# A foreign state's drone or air strike names its perpetrator by the weapon: "a US drone fired", "missiles fired
# from US drones", "a suspected American Predator drone". The phrase is the mention (GED and the drone
# datasets code these strikes to the state).
_STATE_STRIKE: Final = re.compile(
    r"\b(?P<state>US|U\.S\.|American|CIA|United\s+States)(?:[\s-]+(?:led|operated|made|Predator|Reaper|spy|"
    r"unmanned|pilotless|military|and\s+NATO))*[\s-]+(?:drones?|aircraft|air\s*strikes?|airstrikes?|missile\s+strikes?|"
    r"warplanes?)\b"
)
# The Pakistani state's own aircraft: "Pakistani jets bombed", "military jets struck", "the army said its gunships".
_PAK_STRIKE: Final = re.compile(
    r"\b(?:Pakistani|Pakistan|PAF|[Mm]ilitary|[Aa]rmy|[Aa]ir\s+[Ff]orce|its)(?:['’]s)?\s+(?:fighter\s+|helicopter\s+|combat\s+)?"
    r"(?:jets|jet\s+fighters|warplanes|aircraft|gunships|helicopters|fighter\s+jets)\b"
)
# "The army said it had fired the missiles": the Pakistani military speaking of its own strike.
_PAK_SAYS: Final = re.compile(
    r"\b(?:(?:[Tt]he\s+)?(?:Pakistani\s+|Pakistan(?:['’]s)?\s+)?(?:[Aa]rmy|[Mm]ilitary|ISPR)"
    r"|(?:Pakistani|Pakistan['’]s)\s+(?:government|officials|authorities|security\s+officials)|Islamabad)"
    r"(?=(?:['’]s)?(?:\s+[\w.]+){0,6}?\s*,?\s*(?:said|announced|stated|claimed|confirmed))"
)
_STRIKE_STATES: Final = {"us": "gov-usa", "u.s.": "gov-usa", "american": "gov-usa", "cia": "gov-usa"}
# A strike named only to explain or protest something else ("to avenge US drone strikes") ties no one to it.
_STRIKE_CONTEXT: Final = re.compile(
    r"\b(?:against|avenge|avenged|avenging|revenge\s+for|retaliation\s+for|over|protest\w*|condemn\w*|oppos\w+|"
    r"halt|end|stop)\s+(?:the\s+|recent\s+|continued\s+)?$",
    re.I,
)
# A strike recalled from the past ("was killed in a US drone attack in 2005"): background, not this attack.
_PAST_STRIKE: Final = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:in\s+(?:19|20)\d\d\b|\w+\s+years?\s+ago)", re.I)
_RECALL: Final = re.compile(r"\b(?:may\s+be\s+recalled|recalled\s+that|it\s+is\s+recalled)\b", re.I)
_HEDGE_BEFORE: Final = re.compile(r"\b(?:suspected|believed|apparent|alleged|presumed)\b[^.;]{0,20}$", re.I)
# A state that announces its own strike: "…, the military's media wing said", "the army said".
_STATE_SAYS: Final = re.compile(
    r"\b(?:the\s+)?(?:military|army|ISPR|air\s+force|armed\s+forces|Inter[\s-]Services\s+Public\s+Relations|"
    r"Pakistani\s+(?:government|officials|authorities)|Islamabad)"
    r"(?:['’]s)?(?:\s+[\w.]+){0,6}?\s*,?\s+(?:said|announced|claimed|stated)\b"
    r"|\baccording\s+to\s+(?:the\s+)?(?:military|army|ISPR|Inter[\s-]Services\s+Public\s+Relations)\b",
    re.I,
)


# "The army said it had fired missiles at …", "the military said its helicopters struck": the state's own strike.
_STATE_OWN: Final = re.compile(
    r"(?:['’]s)?(?:\s+[\w.]+){0,6}?\s*,?\s*(?:said|announced|stated|claimed|confirmed)\s+(?:on\s+\w+\s+)?(?:that\s+)?"
    r"(?:(?:it|they|(?:its|their)\s+(?:[\w-]+\s+){0,2}?\w+|(?:army\s+|military\s+|Pakistani\s+)?(?:troops|forces|"
    r"security\s+forces|helicopters|gunships|jets|aircraft))\s+(?:had\s+|have\s+|has\s+)?"
    r"(?:fired|struck|destroyed|attacked|bombed|carried\s+out|targeted|launched|hit|pounded|shelled|conducted|raided|killed)\b"
    r"|(?:responsibility\s+for\s+)?(?:the|its)\s+(?:air\s+|missile\s+|helicopter\s+)?(?:strike|attack|raid|operation|bombing)\b)",
    re.IGNORECASE,
)


# A group the text introduces by its own name: "a group calling itself the National Movement for …", "a little-known
# outfit called Lashkar-e-X". GTD codes the group so named (`gname`), listed in a dictionary or not.
_SELF_NAMED: Final = re.compile(
    r"\b(?i:a|an|the)\s+(?:(?:little-known|previously\s+unknown|new|shadowy|obscure|unknown|militant|separatist|"
    r"sectarian)\s+)*(?:group|outfit|organi[sz]ation|faction|front)\s*,?\s+(?:calling\s+itself|called|named|known\s+as)\s+"
    r"(?:the\s+)?(?P<name>[A-Z][\w'’-]*(?:\s+(?:of|for|the|and|[A-Z][\w'’-]*)){0,10}?[\w'’-]*[A-Za-z])"
    r"(?=\s*(?:\(|,|;|\.|\s(?:claimed|said|has|had|was|which|that|in|later|took|owned)\b))"
)


@dataclass(frozen=True)
class ActorMention:
    """A dictionary actor named in the text."""

    start: int
    end: int
    text: str
    actor: Actor
    bare_taliban: bool = False  # "Taliban" with no qualifier: TTP or Afghan Taliban depending on context
    strike: bool = False  # named by its drone or air strike ("a US drone"): the strike ties it to the attack


@dataclass(frozen=True)
class Attribution:
    """An actor tied to the attack by a cue: how (claimed/attributed/suspected) and where the cue is.

    `weak` marks a tie by affiliation only ("TTP militants were killed in the clash"), which yields to any tie
    by an attack verb, an official's attribution or a claim.
    """

    mention: ActorMention
    attribution: str
    cue_start: int
    cue_end: int
    weak: bool = False


_SEPARATOR = r"[\s\-–—]*"
_CONNECTIVE = "(?:" + "|".join(sorted((c for c in CONNECTIVES if c.isalpha()), key=len, reverse=True)) + ")"


def _trie_pattern(names: Iterable[str], fold: bool) -> str:
    """One regex for many names, as a character trie: Python's `re` tries alternatives one by one, so a trie
    of a few hundred aliases scans many times faster than their plain alternation. Spaces and dashes inside a
    name match any run of spaces and dashes ("Tehreek-e-Taliban" = "Tehreek e Taliban")."""
    trie: dict[str, dict] = {}
    for name in names:
        parts = [p for p in re.split(r"[\s\-–—]+", name.strip()) if p]
        if fold:
            # a connective between two words matches any connective: "Lashkar-e-Jhangvi" = "Lashkar-i-Jhangvi"
            last = len(parts) - 1
            folded = [p.casefold() for p in parts]
            parts = ["\1" if 0 < i < last and p in CONNECTIVES else p for i, p in enumerate(folded)]
        node = trie
        for ch in re.sub(r"['’‘`´]", "\2", "\0".join(parts)):  # any apostrophe-like mark: "Al-Qa`ida" = "al-Qa'ida"
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [
            ({"\0": _SEPARATOR, "\1": _CONNECTIVE, "\2": "['’‘`´]"}.get(ch) or re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


@cache
def _compiled(actors: ActorDictionary) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One case-sensitive pattern (acronyms: 'IS' must not match 'is') and one case-insensitive pattern."""
    exact: set[str] = set()
    folded: set[str] = set()
    for actor in actors:
        if actor.kind not in PERPETRATOR_KINDS:
            continue
        for alias in (actor.name, actor.short, *actor.aliases):
            # A state's short name is its country's name ("Afghanistan"): a place far more often than an actor.
            if not alias or alias.casefold() in _GENERIC or (actor.kind == "state" and alias == actor.short):
                continue
            (exact if len(alias) <= 5 and any(ch.isupper() for ch in alias) else folded).add(alias)

    def build(names: Iterable[str], fold: bool) -> re.Pattern[str]:
        return re.compile(r"(?<![\w-])" + _trie_pattern(names, fold) + r"(?![\w-])", re.IGNORECASE if fold else 0)

    return build(exact, False), build(folded, True)


def find_actor_mentions(text: str, actors: ActorDictionary | None = None) -> list[ActorMention]:
    """Dictionary actors named in `text`, longest match first, non-overlapping, in text order."""
    actors = actors or get_actors()
    out: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for m in _STATE_STRIKE.finditer(text):
        key = re.sub(r"\s+", " ", m["state"]).casefold()
        state = actors.get(_STRIKE_STATES.get(key, "gov-usa"))
        if state is not None:
            taken.append((m.start(), m.end()))
            out.append(ActorMention(m.start(), m.end(), m.group(0), state, strike=True))
    army = actors.get("pak-army")
    own = [m for m in _PAK_SAYS.finditer(text) if _STATE_OWN.match(text, m.end())]
    for m in [*own, *_PAK_STRIKE.finditer(text)]:
        if army is not None and not any(m.start() < e and s < m.end() for s, e in taken):
            taken.append((m.start(), m.end()))
            out.append(ActorMention(m.start(), m.end(), m.group(0), army, strike=True))
    for m in _SELF_NAMED.finditer(text):
        # "a group calling itself X": a group the dictionary does not know, named as a group by the text itself
        if actors.lookup(m["name"]) is None and not any(m.start("name") < e and s < m.end("name") for s, e in taken):
            unlisted = Actor(id="", name=m["name"], short=None, kind="armed_group", aliases=())
            taken.append(m.span("name"))
            out.append(ActorMention(m.start("name"), m.end("name"), m["name"], unlisted))
    exact, folded = _compiled(actors)
    matches = sorted([*exact.finditer(text), *folded.finditer(text)], key=lambda m: (m.start(), -len(m.group(0))))
    for m in matches:
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        actor = actors.lookup(m.group(0))
        if actor is None:
            continue
        bare = actor.id == "taleban" and m.group(0).casefold() in {"taliban", "taleban"}
        if bare and re.search(r"afghan\w*\s*$", text[max(0, m.start() - 12) : m.start()], re.IGNORECASE):
            bare = False
        taken.append((m.start(), m.end()))
        out.append(ActorMention(m.start(), m.end(), m.group(0), actor, bare))
    return sorted(out, key=lambda m: m.start)


def _is_victim(text: str, m: ActorMention) -> bool:
    return bool(_VICTIM_BEFORE.search(text[max(0, m.start - 40) : m.start]) or _VICTIM_AFTER.match(text[m.end :]))


def _claimant(text: str, in_sentence: list[ActorMention], cue_start: int) -> ActorMention:
    """The group a claim cue belongs to: the nearest one named before it ("X claimed"), skipping a parent named
    in apposition ("X, a faction of Y, claimed" → X); else the first after it ("… was claimed by X")."""
    before = [m for m in in_sentence if m.start < cue_start]
    if not before:
        return in_sentence[0]
    i = len(before) - 1
    # Walk back over repeats of the same group ("the Pakistani Taliban, … the TTP") and apposition links.
    while i > 0 and (
        before[i - 1].actor.id == before[i].actor.id
        or _APPOSITION.match(text[before[i - 1].end : before[i].start])
        or _CONJOINED.match(text[before[i - 1].end : before[i].start])
    ):
        i -= 1
    return before[i]


# "Police blamed the BLA. The group later claimed responsibility": a claim whose subject points back to a group.
_BACK_REFERENCE: Final = re.compile(
    r"\b(?:the\s+(?:\w+\s+)?(?:group|outfit|organi[sz]ation|faction|militants|insurgents)|its\s+(?:\w+\s+)?"
    r"spokes(?:man|person|woman)|they|it)\b[^.;]{0,40}$",
    re.IGNORECASE,
)


def _anaphoric_claim(text: str, s_start: int, s_end: int, mentions: list[ActorMention]) -> Attribution | None:
    """A claim in a sentence naming no group, made by "the group" named in the sentence before."""
    sentence = text[s_start:s_end]
    cue = next((c for c in _CLAIM.finditer(sentence) if not _NO_CLAIM.search(sentence[: c.start()])), None)
    if cue is None or not _BACK_REFERENCE.search(sentence[: cue.start()]):
        return None
    earlier = [
        m
        for m in mentions
        if s_start - 400 <= m.start < s_start
        and m.actor.kind in PERPETRATOR_KINDS - {"state", "state_force"}
        and not _is_victim(text, m)
    ]
    if not earlier:
        return None
    return Attribution(earlier[-1], "claimed", s_start + cue.start(), s_start + cue.end())


def attributions(text: str, sentences: list[tuple[int, int]], mentions: list[ActorMention]) -> list[Attribution]:
    """Every actor mention tied to an attack by a cue in its sentence, strongest tie first per mention."""
    out: list[Attribution] = []
    for s_start, s_end in sentences:
        in_sentence = [m for m in mentions if s_start <= m.start < s_end and m.actor.kind in PERPETRATOR_KINDS]
        if not in_sentence:
            if (back := _anaphoric_claim(text, s_start, s_end, mentions)) is not None:
                out.append(back)
            continue
        sentence = text[s_start:s_end]
        claimant: ActorMention | None = None
        cue = next((c for c in _CLAIM.finditer(sentence) if not _NO_CLAIM.search(sentence[: c.start()])), None)
        air = bool(_AIR.search(sentence))
        if cue is not None and (_SPEAKER_CUE.match(cue.group(0)) or _SAID.match(cue.group(0))):
            before = [m for m in in_sentence if m.start < s_start + cue.start()]
            if not before or _OFFICIAL.search(text, before[-1].end, s_start + cue.start()):
                cue = None  # "Police said the attack was revenge for a TTP commander's death": no claim
        if cue is not None and re.search(r"\b(?:no|not|none|nobody|yet\s+to)\b", cue.group(0), re.I):
            cue = None
        if cue is not None:
            at = cue.end() if cue.group(0).rstrip().lower().endswith("claimed") else cue.start()
            claimant = _claimant(text, in_sentence, s_start + at)
            if claimant.actor.kind in {"state", "state_force"} and not air:
                claimant = None  # "the Rangers said they attacked a hideout": an operation, not a claimed attack
            else:
                out.append(Attribution(claimant, "claimed", s_start + cue.start(), s_start + cue.end()))
        elif (spoke := _SPOKESMAN.search(sentence)) is not None and _ACT_BEFORE.search(sentence[: spoke.start()]):
            after = [m for m in in_sentence if m.start >= s_start + spoke.end() and m.actor.kind not in {"state"}]
            if after and not _NO_CLAIM.search(sentence[spoke.end() : after[0].end - s_start + 40]):
                claimant = after[0]
                out.append(Attribution(claimant, "claimed", s_start + spoke.start(), s_start + spoke.end()))
        for m in in_sentence:
            if m.strike and m is not claimant:
                if not (
                    _STRIKE_CONTEXT.search(text[max(s_start, m.start - 30) : m.start])
                    or _PAST_STRIKE.match(text[m.end : m.end + 40])
                    or _RECALL.search(sentence)
                ):
                    kind = (
                        "suspected"
                        if _HEDGE_BEFORE.search(text[max(s_start, m.start - 30) : m.start])
                        else "attributed"
                    )
                    if m.actor.kind == "state_force" and _STATE_SAYS.search(sentence):
                        kind = "claimed"  # "Pakistani jets bombed …, the military said": the state's own strike
                    out.append(Attribution(m, kind, m.start, m.end))
                continue
            if m is not claimant and m.actor.kind in {"state", "state_force"} and air and _STATE_SAYS.search(sentence):
                link = _AGENT_AFTER.match(text[m.end : m.end + 80]) or _STATE_OWN.match(text[m.end : m.end + 120])
                if link is not None:  # "Pakistani military jets bombed …, the military said": its own strike
                    out.append(Attribution(m, "claimed", m.end + link.start(), m.end + link.end()))
                    continue
            # State forces act in almost every report (raids, search operations); they are the perpetrators of
            # an attack only for air and drone strikes.
            if m is claimant or (m.actor.kind in {"state", "state_force"} and not air):
                continue
            local = sentence[max(0, m.start - s_start - 80) : m.end - s_start + 60]
            if (suspected := _SUSPECTED_AFTER.match(text, m.end)) is not None:
                # "X is suspected", "supporters of X are suspected": the group under suspicion (GTD: suspected)
                out.append(Attribution(m, "suspected", suspected.start(), suspected.end()))
                continue
            if _is_victim(text, m) and not _ATTRIBUTE.search(local):
                continue
            offset = s_start + max(0, m.start - s_start - 80)
            hedge = _SUSPECT.search(local)
            link = _AGENT_AFTER.match(text[m.end : m.end + 80])
            link_offset = m.end
            if link is None:
                link, link_offset = _ATTRIBUTE.search(local), offset
            if link is not None:
                # GTD codes a group that officials or sources blame as the perpetrator, flagged as suspected
                # (guncertain1); only the report's own statement of the act ("X militants stormed") attributes it.
                kind = "suspected" if hedge or _BLAME.match(link.group(0)) else "attributed"
                out.append(Attribution(m, kind, link_offset + link.start(), link_offset + link.end()))
            elif hedge:
                out.append(Attribution(m, "suspected", offset + hedge.start(), offset + hedge.end()))
            elif (member := _MEMBER_AFTER.match(text[m.end : m.end + 40])) is not None:
                out.append(Attribution(m, "attributed", m.end + member.start(), m.end + member.end(), weak=True))
    return out
