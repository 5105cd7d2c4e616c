"""What kind of attack on what kind of target: GTD attack and target types, suicide, weapon.

Decisions come from cue phrases anywhere in the incident's sentences, not from the first keyword: every cue
is found with its span, then GTD's own precedence picks the attack type (assassination > hijacking >
kidnapping > barricade > bombing > armed assault > unarmed assault > facility attack), and the target is the
most specific target cue, favouring the object of the attack over bystanders ("a blast at a mosque killed
ten people" targets a religious institution). Each decision keeps the span of the cue that made it, so
the evidence shows why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tacitus.extract.rules import load_cue_sets

_I = re.IGNORECASE


def _rx(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", _I)


# Attack and target cue words live in tacitus/data/rules/*.yaml, each set with the GTD rule it implements.
ATTACK_CUES: Final[dict[str, re.Pattern[str]]] = {s.label: s.compiled() for s in load_cue_sets("attack_cues")}

# GTD's hierarchy for attacks with several types; facility attacks rank last.
ATTACK_PRECEDENCE: Final = (
    "assassination",
    "hijacking",
    "hostage_taking_kidnapping",
    "hostage_taking_barricade",
    "bombing_explosion",
    "armed_assault",
    "unarmed_assault",
    "facility_infrastructure_attack",
)
# A killing of one of these is an assassination (GTD: a prominent person, attacked for who they are).
_PROMINENT: Final = re.compile(
    r"\b(?:minister|MPA|MNA|senator|legislator|lawmaker|parliamentarian|governor|mayor|nazim|naib\s+nazim|judge|prosecutor|"
    r"chief\s+justice|leader|chief|president|chairman|deputy\s+commissioner|political\s+agent|assistant\s+commissioner|"
    r"tehsildar|ulema|cleric|scholar|maulana|mufti|prayer\s+leader|tribal\s+elder|malik|"
    r"superintendent\s+of\s+police|SSP|DSP|DPO|journalist|candidate|councillor|councilor|"
    r"district\s+(?:head|officer)|principal|professor|activist|campaigner|rights\s+defender|reporter|correspondent|"
    r"anchor|editor|singer|qawwal|poet|commandant)\b",
    _I,
)
_KILLED = r"(?:killed|shot\s+dead|gunned\s+down|murdered|assassinated|slain|beheaded|shot\s+and\s+killed)"
# Active uses only: "its slain leader X had appointed him" names a past death, not this victim.
_KILLED_ACTIVE = r"(?:killed|shot\s+dead|gunned\s+down|murdered|assassinated|beheaded|shot\s+and\s+killed)"
# The prominent person is the one killed: "JUI leader X was shot dead", "shot dead National Party leader X".
_VICTIM_PROMINENT: Final = re.compile(
    rf"(?:{_PROMINENT.pattern})[^.;]{{0,80}}?\b(?:was|were|has\s+been|have\s+been)\s+(?:\w+\s+)?{_KILLED}\b"
    rf"|\b{_KILLED_ACTIVE}\s+[^.;]{{0,60}}?\bidentified\s+as\s+(?:[\w-]+\s+){{0,3}}?(?:{_PROMINENT.pattern})"
    rf"|\b{_KILLED_ACTIVE}\s+(?:a\s+|an\s+|the\s+|former\s+|local\s+|senior\s+)*(?:[\w'’-]+,?\s+){{0,4}}?"
    rf"(?:a\s+|an\s+|the\s+|former\s+|local\s+|senior\s+|prominent\s+)*(?:{_PROMINENT.pattern})",
    _I,
)
# An attack on people with no weapon named ("militants attacked a check post, injuring eight"): GTD codes the
# commonest case, an armed assault, when people were targeted.
_GENERIC_ATTACK: Final = re.compile(
    r"\b(?:attack(?:ed|s)?|assault(?:ed)?|raid(?:ed)?|ambush(?:ed)?|stormed|killed|killing)\b", _I
)

# Target cues with a specificity weight: institutions and roles outrank generic people and houses.
TARGET_CUES: Final[tuple[tuple[str, int, re.Pattern[str]], ...]] = tuple(
    (s.label, s.weight, s.compiled()) for s in load_cue_sets("target_cues")
)

# "in paramilitary uniforms", "army-style fatigues": what attackers wore, not whom they attacked.
_WORN: Final = re.compile(r"[\s-]*(?:style\s+)?(?:uniforms?|fatigues|dress|clothes)\b", _I)
# Police and officials as the source of a report ("police said", "according to Levies sources") or as a place
# reference ("within the limits of Janikhel Police Station") are not targets.
_SOURCE_AFTER: Final = re.compile(
    r"(?:\s+(?:Station\s+House\s+Officer|officials?|officers?|personnel|chief|spokesman|sources?))?\s+"
    r"(?:said|says|told|added|confirmed|reported|claimed|sources?|spokesman|believe[sd]?|suspect(?:ed)?|blamed|"
    r"accused|condemned|announced|denied|called)\b",
    _I,
)
_SOURCE_BEFORE: Final = re.compile(
    r"(?:according\s+to|quoting|told|telephoned|phoned|called|informed|briefed|e-?mailed)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}$",
    _I,
)
# A police station as a place reference: "in the limits of Janikhel Police Station" (police cues only: "the
# parking area of the Serena Hotel" is the target's own site).
_JURISDICTION_BEFORE: Final = re.compile(
    r"(?:limits|jurisdiction|under|area)\s+of\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}$|\bunder\s+(?:[A-Z][\w-]*\s+){1,3}$",
    _I,
)
# All target cues in one pass (one named group per cue set, in TARGET_CUES order).
_TARGET_ANY: Final = re.compile("|".join(f"(?P<t{i}>{p.pattern})" for i, (_, _, p) in enumerate(TARGET_CUES)), _I)
_AGENT_VERB: Final = re.compile(
    r"\s*(?:attack|open|fire|stor|ambush|blew|kill|shot|abduct|kidnap|plant|set|torch|raid|struck|hit|detonat|hurl|"
    r"lob|threw|gunned|burst|seiz|intercept)",
    _I,
)
# What attackers wore or posed as: "in the uniforms of a paramilitary force", "disguised as policemen".
_WORN_BEFORE: Final = re.compile(
    r"(?:uniforms?\s+of|dressed\s+(?:in|as)|disguised\s+as|posing\s+as|clad\s+in|wearing)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w-]+\s+){0,3}$",
    _I,
)
# A landmark that locates the blast, not its object: "in the market, close to a Shia mosque".
_LANDMARK_BEFORE: Final = re.compile(
    r"(?:close\s+to|not\s+far\s+from|a\s+short\s+distance\s+from)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$", _I
)
# A vehicle named by what it carries or whose it is: "a bus carrying Chinese engineers", "a convoy of the OGDCL".
# A role named only among the casualties ("killing 25 people, among them a police officer") is an incidental victim:
# GTD's target type is the type of the attack's target, not of everyone it hit.
_AMONG_VICTIMS_BEFORE: Final = re.compile(
    r"\bamong\s+(?:them|those|the\s+(?:dead|killed|victims|wounded|injured|casualties))\s+"
    r"(?:(?:a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?(?:[\w-]+\s+){0,2}$",
    _I,
)
_CARRIER_AFTER: Final = re.compile(r"\s+(?:carrying|transporting|ferrying|of\s+(?:the\s+)?[A-Z])", _I)
_VEHICLE: Final = re.compile(r"(?:passenger\s+)?(?:bus|buses|coach|van|wagon|vehicle|convoy|train)|passenger", _I)
# Sectarian or ethnic identity of the people attacked: GTD codes people picked out for who they are as private
# citizens, whatever they were travelling in or working at.
_IDENTITY: Final = re.compile(
    r"\b(?:Shia|Shiite|Hazara|Ismaili|Ahmadi|Christian|Hindu|Sikh|Pashtun|Punjabi|Sindhi|Baloch|Saraiki)s?\s+"
    r"(?:[\w-]+\s+)?(?:pilgrims|passengers|miners|labou?rers|workers|men|travell?ers|people|community|families)\b"
    r"|\bsectarian\b",
)
_KIND_TARGETS: Final = {
    "armed_group": ("terrorists_non_state_militia",),
    "militia": ("terrorists_non_state_militia",),
    "political_party": ("government_general", "violent_political_party"),
    "state_force": ("police", "military"),
}
# "attacked by unidentified militants": the attackers, not the target.
_AGENT_BEFORE: Final = re.compile(r"(?:\bby\s+(?:\w+\s+){0,2}|(?:unidentified|unknown)\s+(?:armed\s+)?)$", _I)
# Words that put a target cue in the object position of the attack ("attacked a", "blast at a", "targeted").
# The passive subject of the attack is its object: "a provincial lawmaker was shot dead in a mosque" (the lawmaker,
# not the mosque), "two policemen, Ali and Aslam, were wounded".
_PASSIVE_VICTIM: Final = re.compile(
    r"(?:\s*,?\s+(?:[A-Z][\w'’.-]*\s*,?\s+){1,4})?\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?"
    r"(?:killed|shot|gunned\s+down|murdered|assassinated|abducted|kidnapped|injured|wounded|targeted|attacked|beheaded)\b",
    _I,
)
ROLE_WEIGHT: Final = 4
_OBJECT_BEFORE: Final = re.compile(
    r"(?:attack(?:ed|s)?|targeted|targeting|stormed|raided|ambushed|hit|struck|blew\s+up|torched|set\s+(?:on\s+)?fire|"
    r"killed|killing|shot\s+dead|gunned\s+down|injuring|wounding|abducted|kidnapped|"
    r"at|on|inside|outside|near|into|of|against|upon|entered|access\s+to|next\s+to|beside|alongside|carrying|"
    r"transporting)\s+(?:an?\s+|the\s+|a\s+local\s+|a\s+private\s+|a\s+government\s+)?(?:[\w-]+\s+){0,2}$",
    _I,
)
_SUICIDE: Final = re.compile(
    r"\bsuicide\s+(?:bomb\w*|attack\w*|blast|vest|jacket|car|squad|mission)|\bself-?\s*(?:detonat|immolat)\w*|\bfidayee?n\b"
    r"|\bstrapped\s+(?:to|around)\s+(?:his|her|their)\s+(?:body|bodies|waist|chest)"
    r"|\bdetonated\s+(?:himself|herself|themselves)\b"
    # a driver who rams his own explosives-laden vehicle into the target dies with it
    r"|\brammed\s+(?:his|her|an|a|the)\s+(?:[\w-]+\s+)?(?:explosives?|bomb)[\s-]*(?:laden|packed|filled|rigged)\s+"
    r"(?:vehicle|car|truck|van|pickup|motorcycle|bus|tanker)"
    r"|\b(?:blew|blowing)\s+(?:himself|herself|themselves)\s+up|\bexplosives?[\s-]+(?:laden\s+)?(?:vest|jacket)s?\b",
    _I,
)
_NOT_SUICIDE: Final = re.compile(r"\b(?:not|no|foiled|thwarted|arrested|would-be|prevented)\b[^.]{0,30}$", _I)
_WEAPON: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("explosives", ATTACK_CUES["bombing_explosion"]),
    (
        "firearms",
        _rx(
            r"shot",
            r"shoot\w*",
            r"gun\w*",
            r"fir(?:ed|ing)",
            r"opened\s+fire",
            r"rifles?",
            r"Kalashnikov",
            r"AK-47",
            r"pistol",
            r"bullet\w*",
            r"sniper",
        ),
    ),
    (
        "incendiary",
        _rx(r"torch\w*", r"set\s+(?:on\s+)?fire", r"set\s+ablaze", r"arson", r"petrol\s+bomb", r"burnt", r"burned"),
    ),
    ("melee", _rx(r"stabb\w*", r"knife", r"knives", r"axe", r"beheaded", r"slaughtered", r"sharp-edged", r"dagger")),
    ("chemical", _rx(r"acid", r"poison\w*", r"chemical")),
)


@dataclass(frozen=True)
class Cue:
    """A phrase that supports a value, with its document span."""

    value: str
    start: int
    end: int


def _found_cues(text: str, spans: list[tuple[int, int]]) -> dict[str, list[Cue]]:
    found: dict[str, list[Cue]] = {}
    for s, e in spans:
        for label, pattern in ATTACK_CUES.items():
            found.setdefault(label, []).extend(Cue(label, m.start(), m.end()) for m in pattern.finditer(text, s, e))
    return {k: v for k, v in found.items() if v}


# A name right after the prominent word: "killed JUI leader Maulana Abdul Rauf", "elder Malik Noor Khan".
_NAMED_AFTER: Final = re.compile(r",?\s+(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][a-z][\w'’-]*\s+[A-Z][a-z][\w'’-]*")


def _assassination(text: str, spans: list[tuple[int, int]]) -> Cue | None:
    """A prominent person killed as the evident object of the attack (GTD: assassination)."""
    for s, e in spans:
        m = _VICTIM_PROMINENT.search(text, s, e)
        if m:
            return Cue("assassination", m.start(), m.end())
    return None


_CIVILIAN_SITE: Final = re.compile(
    r"\b(?:schools?|college|university|hospital|hotel|church|mosque|imambargah|shrine|market|mall|plaza|"
    r"courthouse|court\s+complex|hostel)\b",
    _I,
)
_HOSTAGE: Final = re.compile(r"\bhostages?\b|\bcaptives?\b|\bheld\s+captive\b", _I)
_ARSON: Final = re.compile(
    r"torch|set\s+(?:on\s+)?fire|set\s+(?:[\w-]+\s+){1,5}?(?:on\s+fire|ablaze|alight)|set\s+ablaze|arson|burnt\s+down|burned\s+down|ablaze",
    _I,
)
# An armed-assault cue that is an act of shooting, not just the attackers' description ("gunmen", "armed men").
_ARMED_ACTION: Final = re.compile(r"(?!gunm[ae]n\b|armed\s+men\b)", _I)
# Weapons the attackers carried: "four assailants armed with rifles and grenades stormed" is no bombing.
_CARRIED: Final = re.compile(
    r"\b(?:(?:armed|equipped|laden)|(?:gunmen|militants|attackers|assailants|raiders|fighters|terrorists|insurgents)"
    r"\s+(?:armed\s+)?)\s*with\s+[^.;]{0,100}?(?=\s+(?:stormed|attacked|entered|raided|opened|burst|"
    r"barged|struck|forced|arrived|came|and\s+(?:stormed|attacked|entered|raided|opened))\b|[;.])"
    r"|\bwith\s+(?:guns|firearms|rifles|automatic\s+weapons|small\s+arms|assault\s+rifles)\s*,?\s+(?:and\s+)?[^.;]{0,60}"
    # "attacked a police station with rockets and automatic weapons": the raid's arms, guns among them
    r"|\bwith\s+(?:[\w-]+\s+){0,2}?(?:rockets?|grenades?|RPGs?)\s*,?\s+(?:and\s+)?(?:[\w-]+\s+)?"
    r"(?:guns|firearms|rifles|weapons|small\s+arms|Kalashnikovs|AK-47s)\b",
    _I,
)
# A named person as the object of the attack: "targeted the motorcade of President X", "shot Malala Y in the head".
# Office-holders whose targeting makes any attack an assassination in GTD, whatever the toll.
_HIGH_OFFICE = (
    r"(?:(?i:President|Prime\s+Minister|Premier|Governor|Chief\s+Minister|(?:[\w-]+\s+)?Minister|Senator|MNA|MPA|"
    r"Chief\s+Justice|Judge|(?:party|provincial|opposition)\s+(?:leader|chief|head)|(?:deputy\s+)?chairman|"
    r"(?:deputy\s+)?speaker|corps\s+commander|lieutenant\s+general|major\s+general)"
    r"|Lt\.?\s+Gen\.?|Maj\.?\s+Gen\.?"
    r"|[A-Z]{2,5}(?:-[A-Z])?\s+(?i:leader|chief|president|lawmaker|legislator|candidate|commandant))"
    r"(?:-(?i:designate|elect))?"  # "Prime minister-designate X"
)
# The text says a person was the aim: "the judge is believed to have been the target", "Bilour, the apparent
# target, was slightly injured", "the officers appear to have been the specific targets". GTD's definition of an
# assassination is exactly this (the main objective is to kill a specific person), whatever the toll.
_STATED_AIM: Final = re.compile(
    r"(?P<who>\b(?:(?!(?:The|It|This|That|There|These|Those|Police|Officials)\b)[A-Z][\w'’.-]+|(?i:he|she|they|him|her|them|officers?|officials?|leaders?|judges?|ministers?|"
    r"lawmakers?|politicians?|candidates?|commanders?|prosecutors?|journalists?)))\b[^.;]{0,30}?"
    r"\b(?i:(?:was|were|is|are)\s+(?:(?:believed|thought|said|reported)\s+to\s+have\s+been|apparently)|"
    r"appears?\s+to\s+have\s+been|appeared\s+to\s+be|as)?\s*,?\s*(?i:the)\s+"
    r"(?i:(?:apparent|intended|specific|likely|main|real|presumed|actual|probable)\s+)?(?i:targets?)\b"
    r"(?!\s+(?:of|was\s+(?:a|an|the)\s+(?:mosque|market|school|building|base|camp|post|station|office|convoy)))"
)
# ... and the same said the other way round: "The target was the minister", "the intended target was Judge X".
_AIM_NAMED_AFTER: Final = re.compile(
    r"\b(?i:the)\s+(?i:(?:apparent|intended|specific|likely|main|real|presumed|actual|probable)\s+)?(?i:target)\s+"
    r"(?i:was|were|is|appears\s+to\s+have\s+been|(?:was|is)\s+believed\s+to\s+have\s+been)\s+"
    r"(?:(?i:the)\s+(?:[\w-]+\s+){0,2}?(?i:minister|governor|judge|leader|lawmaker|legislator|senator|politician|"
    r"candidate|commander|prosecutor|journalist|official|officer|cleric|elder|chairman|speaker|general|MNA|MPA)\b"
    r"|(?!(?:The|A|An|Pakistan|Pakistani|Army|Police|Frontier|Shia|Sunni|Ahmadi|Hazara|Christian|Hindu|Sikh|NATO|US)\b)"
    r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*\b(?!['’]s|\s+(?i:community|forces|army|police|convoy|camp|base|post|office)\b))"
)
_NOT_PERSON_AIM: Final = re.compile(
    r"\b(?:mosque|market|school|building|base|camp|post|station|office|bus|convoy)\b", _I
)
# Senior police officers and journalists count as prominent when the text names them (own-words codebook).
_NAMED_OFFICER = (
    r"(?:SSP|SP|DSP|DIG|AIG|IGP|(?i:superintendent\s+of\s+police|(?:deputy\s+)?inspector[\s-]+general(?:\s+of\s+police)?|"
    r"senior\s+police\s+(?:officer|official)|police\s+chief|journalist|reporter|correspondent|anchor|editor|commandant))"
)
_PERSON_AIMED: Final = re.compile(
    r"\b(?:motorcade|cavalcade|convoy|car|vehicle|jeep|truck|bus|van|procession)\s+(?:of|carrying)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[A-Z][\w-]*['’]s\s+|(?:[A-Z][\w-]*\s+){1,2})?"
    rf"(?:former\s+|then\s+|provincial\s+|federal\s+|senior\s+)*(?:{_HIGH_OFFICE}\b|{_NAMED_OFFICER},?\s+(?:\([^)]{{1,12}}\)\s+)?(?:[A-Z][\w'’-]+\s+)*[A-Z][a-z])"
    # "a bomb planted at the residence of MPA X": the named office-holder's home
    r"|\b(?:house|home|residence|hujra|dera|office)\s+of\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?(?:former\s+|provincial\s+|federal\s+)*"
    rf"{_HIGH_OFFICE}\s+(?:[A-Z][\w'’-]+\s+)*[A-Z]"
    # "a public meeting addressed by Interior Minister X", "an election rally of BAP candidate X"
    r"|\b(?:meeting|rally|gathering|jalsa|function|ceremony|reception|procession)\s+(?:addressed\s+by|of|organi[sz]ed\s+by|"
    r"held\s+by|hosted\s+by|led\s+by|for)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?(?:former\s+|provincial\s+|federal\s+)*"
    rf"(?:{_HIGH_OFFICE}|(?i:candidate))\s+(?:[A-Z][\w'’-]+\s+)*[A-Z]"
    # "Benazir Bhutto's homecoming procession": a named person's convoy or home is the aim
    r"|\b(?!(?:The|A|An|Pakistan|Pakistani|Frontier|Federal|Provincial)\b)[A-Z][a-z]+\s+(?:[A-Z][\w-]+\s+){0,2}"
    r"(?!(?:Army|Police|Corps|Force|Forces|Rangers|Levies|Party|League|Movement|Constabulary|Scouts|Agency|Company)['’])"
    r"[A-Z][\w-]+['’]s?\s+(?:(?:homecoming|welcome|election|campaign)\s+)?(?:motorcade|cavalcade|convoy|procession|rally|"
    r"car|vehicle|house|residence|hujra)\b"
    # "President X's motorcade"
    rf"|\b{_HIGH_OFFICE}\s+(?:[A-Z][\w'’.-]+\s+){{0,3}}[A-Z][\w-]+['’]s?\s+(?:motorcade|cavalcade|convoy|car|vehicle|house|"
    r"residence|home|rally|office|procession|gathering|meeting)\b"
    # "Haroon Ali, a senior leader of the ANP, was shot dead", "…, was among those killed"
    r"|\b[A-Z][\w'’-]+\s+(?:[A-Z][\w'’-]+\s+){0,2}?[A-Z][\w'’-]+,\s+(?:a|an|the)\s+(?:senior\s+|former\s+|provincial\s+|"
    r"local\s+|prominent\s+|sitting\s+|serving\s+)*(?:[\w-]+\s+){0,2}?"
    r"(?i:leader|minister|governor|senator|legislator|lawmaker|MNA|MPA|judge|president|journalist|superintendent\s+of\s+police|"
    r"police\s+chief|deputy\s+inspector[\s-]+general|member\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?i:assembly|parliament|senate))"
    r"\b[^,;.]{0,100},\s+(?:and\s+[^,;.]{1,50}?\s+)?(?:was|were)\s+"
    r"(?:\w+\s+)?(?:killed|assassinated|shot\s+dead|gunned\s+down|among\s+(?:those|the\s+\w+(?:\s+people)?)\s+killed)"
    r"|\b[A-Z][\w'’-]+\s+(?:[A-Z][\w'’-]+\s+){0,2}?[A-Z][\w'’-]+,\s+(?:a|an|the)\s+(?:senior\s+|former\s+|provincial\s+)*"
    r"(?:[\w-]+\s+){0,2}?(?i:leader|minister|governor|senator|lawmaker|MNA|MPA|judge)\b[^,;.]{0,50},\s+"
    r"(?:and\s+[^,;.]{1,50}?\s+)?died\b"
    r"|\b(?:targeted|targeting|aimed\s+at|attacked|opened\s+fire\s+on|fired\s+(?:at|on)|ambushed)\s+(?:the\s+)?"
    rf"(?:[A-Z][\w-]*(?:['’]s)?\s+)?(?:former\s+|provincial\s+|federal\s+)*{_HIGH_OFFICE}\s+[A-Z]"
    # "attacked Haroon Ahmad, a senior leader of the ANP": a named person with his office in apposition
    r"|\b(?:targeted|attacked|opened\s+fire\s+on|fired\s+(?:at|on)|ambushed|shot|killed|killing|"
    r"(?:motorcade|convoy|car|vehicle|rally|residence|house|office)\s+(?:of|carrying))\s+"
    r"(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+,\s+"
    r"(?:a|an|the|[A-Z][\w-]*['’]s)\s+(?:senior\s+|former\s+|provincial\s+|local\s+|prominent\s+|sitting\s+)*"
    r"(?:[\w-]+\s+|\([A-Z]{2,6}\)\s+){0,4}?"
    r"(?i:leader|minister|governor|senator|legislator|lawmaker|MNA|MPA|judge|president|journalist|chairman|speaker|"
    r"candidate|commandant|police\s+chief|superintendent\s+of\s+police|general|senior\s+police\s+officer|"
    r"member\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:assembly|parliament|senate))\b"
    rf"|^\W*(?:\d{{1,2}}/\d{{1,2}}/\d{{4}}:\s*)?(?:[A-Z]{{3,}}[A-Z ]*\s*[—–-]\s*)?(?:On\s+\w+(?:\s+\d{{1,2}})?,\s+)?"
    rf"(?:[A-Z][\w-]*\s+){{0,3}}"
    r"(?:former\s+|provincial\s+|federal\s+|senior\s+)*"
    rf"(?:{_HIGH_OFFICE}|{_NAMED_OFFICER})\s+"
    r"(?:[A-Z][\w'’-]+\s+){1,3}(?:\([^)]*\)\s+)?(?:and\s+(?:[\w-]+\s+){1,4}?)?(?:(?:was|were|has\s+been|have\s+been)\s+"
    r"(?:\w+\s+)?(?:killed|assassinated|shot\s+dead|gunned\s+down)|died\b|lost\s+(?:his|her|their)\s+li(?:fe|ves))"
    rf"|\b(?:targeted|targeting|attacked|ambushed|rammed|struck|killed|killing|shot\s+dead)\s+(?:(?:the|a)\s+)?(?:\w+\s+){{0,4}}?"
    rf"(?:vehicle|car|convoy|motorcade|van)?\s*(?:of\s+)?(?:senior\s+)?{_NAMED_OFFICER},?\s+(?:\([^)]{{1,12}}\)\s+)?"
    r"(?:[A-Z][\w'’-]+\s+)*[A-Z]"
    # "killing 28 people, including X, a newly elected member of the provincial assembly": a named holder of high
    # office singled out among the dead was the aim (GTD attack type 1, whatever the toll)
    r"|\b(?:killed|killing)\s+[^.;]{0,60}?\bincluding\s+(?:(?:[A-Z][\w'’-]+\s+){1,3}?[A-Z][\w'’-]+,\s+(?:a|an|the)\s+"
    r"(?:newly\s+elected\s+|senior\s+|former\s+|provincial\s+|federal\s+|sitting\s+)*(?:[\w-]+\s+){0,2}?"
    rf"(?:{_HIGH_OFFICE}|(?i:member\s+of\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}(?:assembly|parliament|senate)))\b"
    rf"|(?:former\s+|provincial\s+|federal\s+)*{_HIGH_OFFICE}\s+[A-Z])"
    # "a suicide bomber killed provincial minister X and eight others": the office-holder named first among the dead
    rf"|\b(?:killed|killing|assassinated|shot\s+dead)\s+(?:the\s+)?(?:former\s+|provincial\s+|federal\s+|senior\s+)*"
    rf"{_HIGH_OFFICE}\s+[A-Z]"
    r"|\b(?:shot|stabbed)\s+(?!(?:dead|and|at|them|him|her|two|three|four|five|six|seven|eight|nine|ten)\b)"
    r"[A-Z][a-z]+\s+[A-Z][a-z]+(?:,\s+\d{1,2},)?(?=[^.;]{0,60}?\b(?:in|on)\s+the\s+(?:head|neck|chest|face)\b)"
    r"|\b(?:welcoming|escorting|greeting)\s+(?:former\s+)?(?:[A-Z][a-z]+\s+){1,3}(?=home|back|on\s+her|on\s+his)",
)


_AIR_STRIKE: Final = re.compile(r"\b(?:drones?|air\s*strikes?|airstrikes?|missiles?|jets|gunships?)\b", _I)
# The aim survived: "Sherpao escaped with minor injuries", "the minister was unhurt" (with his office named).
_SURVIVED: Final = re.compile(
    r"\b(?P<who>[A-Z][\w'’-]{2,}|(?i:the)\s+(?P<title>(?i:minister|governor|chief\s+minister|president|prime\s+minister|"
    r"senator|lawmaker|legislator|MNA|MPA|judge|leader|candidate|commandant|police\s+chief|officer|general|"
    r"chairman|speaker)))\s+"
    r"(?:(?:himself|herself)\s+)?(?:(?:was|remained)\s+(?:unhurt|unharmed|unscathed|safe|not\s+hurt)|escaped|survived|"
    r"narrowly\s+escaped)\b"
)
# "the apparent target, former interior minister X, survived"
_NAMED_TARGET: Final = re.compile(
    rf"\b(?i:apparent|intended|likely|main|real|presumed|actual)\s+(?i:target)\b[^.;]{{0,40}}?(?:{_HIGH_OFFICE}|{_NAMED_OFFICER})"
    rf"|(?:{_HIGH_OFFICE}|{_NAMED_OFFICER})\s+(?:[A-Z][\w'’.-]+\s+){{1,3}}(?:was|appeared\s+to\s+be|(?:is|was)\s+believed\s+to\s+"
    r"have\s+been)\s+the\s+(?:(?i:apparent|intended|likely|main|real)\s+)?(?i:target)\b"
)
_NOT_A_NAME: Final = frozenset(
    {"He", "She", "They", "It", "Police", "Officials", "Nobody", "The", "Residents", "Troops"}
)


def _survivor_aimed(text: str, spans: list[tuple[int, int]]) -> Cue | None:
    """A named office-holder who escaped the attack was its aim (GTD: an assassination attempt)."""
    chunk_start, chunk_end = spans[0][0], spans[min(len(spans), 3) - 1][1]
    chunk = text[chunk_start:chunk_end]
    target = _NAMED_TARGET.search(chunk)
    if target is not None:
        return Cue("assassination", chunk_start + target.start(), chunk_start + target.end())
    for m in _SURVIVED.finditer(chunk):
        if m["title"]:
            if re.search(rf"\b{m['title']}\b", chunk[: m.start()], _I):
                return Cue("assassination", chunk_start + m.start(), chunk_start + m.end())
            continue
        who = m["who"]
        if who in _NOT_A_NAME:
            continue
        office = re.search(
            rf"(?:{_HIGH_OFFICE}|{_NAMED_OFFICER})\s+(?:[A-Z][\w'’.-]+\s+){{0,3}}?{re.escape(who)}\b", chunk
        )
        if office is not None and office.start() < m.start():
            return Cue("assassination", chunk_start + m.start(), chunk_start + m.end())
    return None


def _stated_aim(text: str, spans: list[tuple[int, int]]) -> list[Cue]:
    """A sentence that names a person as the target of the attack (see _STATED_AIM)."""
    out = []
    for s, e in spans:
        for m in (*_STATED_AIM.finditer(text, s, e), *_AIM_NAMED_AFTER.finditer(text, s, e)):
            if not _NOT_PERSON_AIM.search(m.group(0)):
                out.append(Cue("assassination", m.start(), m.end()))
    return out


def _aimed_at_person(text: str, spans: list[tuple[int, int]]) -> Cue | None:
    for s, e in spans:
        # Searched on the sentence alone, so that "^" is the sentence's start ("Former prime minister X was killed").
        m = _PERSON_AIMED.search(text[s:e])
        if m and not _AIR_STRIKE.search(text, s, e):  # a commander killed in a drone strike is no assassination
            return Cue("assassination", s + m.start(), s + m.end())
    return None


def _drop_carried_weapons(text: str, found: dict[str, list[Cue]]) -> None:
    """Bombing cues that only list what armed attackers carried yield when the attack itself was an assault."""
    if not found.get("bombing_explosion") or not found.get("armed_assault"):
        return
    carried = [(m.start(), m.end()) for m in _CARRIED.finditer(text)]
    kept = [c for c in found["bombing_explosion"] if not any(s <= c.start < e for s, e in carried)]
    if kept:
        found["bombing_explosion"] = kept
    else:
        found.pop("bombing_explosion")


# Acts of an armed raid (not the attackers' description): when one opens the lead, the explosives that follow
# ("… stormed a mosque, firing on worshippers, before one set off his vest") are part of an armed assault.
_RAID_ACT: Final = re.compile(
    r"stormed|raided|opened\s+fire|fir(?:ed|ing)\s+(?:at|on|upon|indiscriminately)"
    r"|firing(?!\s+(?:of\s+)?(?:a\s+|several\s+|\w+\s+)?(?:rockets?|mortars?|missiles?|shells?|grenades?|RPGs?))|shot|ambush\w*|"
    r"burst\s+into",
    _I,
)


# The raiders described, not a blast: "gunmen and suicide bombers attacked", "militants wearing suicide vests".
_RAIDERS: Final = re.compile(r"suicide\s+(?:bombers|attackers)$", _I)
_VESTS: Final = re.compile(r"(?:suicide|explosives?)\s+(?:vests|jackets)\b", _I)
_WEARING_BEFORE: Final = re.compile(r"\b(?:wearing|in|with|donning|clad\s+in|strapped\s+with)\s+(?:\w+\s+)?$", _I)


def _describes_raiders(text: str, c: Cue) -> bool:
    """A bombing cue that only describes the raiders ("gunmen and suicide bombers", "wearing suicide vests")."""
    if _RAIDERS.search(text[max(0, c.start - 10) : c.end]):
        return True
    return bool(_VESTS.match(text, c.start) and _WEARING_BEFORE.search(text[max(0, c.start - 30) : c.start]))


# A vehicle bomb is the main act of an attack even when shooting came first (GTD codes it as a bombing).
_VEHICLE_BOMB: Final = re.compile(
    r"explosives?[\s-]+(?:laden|packed|filled|rigged)|(?:car|truck|vehicle|van|lorry)\s+bomb|VBIED", _I
)


_RAID_VERB: Final = re.compile(
    r"\b(?:stormed|attacked|raided|entered|burst\s+into|assaulted|forced\s+their\s+way)\b", _I
)
# Projectiles are fired too: "fired rockets at", "fired on the post with rocket-propelled grenades" is shelling.
_PROJECTILE_AFTER: Final = re.compile(
    r"[^.;]{0,60}?\b(?:rockets?|mortars?|missiles?|shells?|grenades?|RPGs?|rocket-propelled)\b", _I
)


# Hand grenades: GTD codes attacks that use "certain classes of explosive devices in addition to firearms" as
# armed assaults, so grenades thrown beside gunfire in the same sentence are part of the raid, not its first act.
_GRENADE: Final = re.compile(r"grenades?\b(?!-)", _I)


def _raid_first(text: str, found: dict[str, list[Cue]], lead: list[tuple[int, int]]) -> None:
    """GTD codes a raid by gunmen who also carry explosives as an armed assault: the first act decides."""
    bombs = [c for c in found.get("bombing_explosion", []) if any(s <= c.start < e for s, e in lead[:1])]
    shooting = any(
        _RAID_ACT.match(text, c.start) and any(s <= c.start < e for s, e in lead[:1])
        for c in found.get("armed_assault", [])
    )
    grenades = [c for c in bombs if _GRENADE.match(text, c.start)] if shooting else []
    if grenades:  # grenades beside gunfire belong to the raid; any other explosive still competes for the first act
        bombs = [c for c in bombs if c not in grenades]
        found["bombing_explosion"] = [c for c in found["bombing_explosion"] if c not in grenades]
        if not found["bombing_explosion"]:
            found.pop("bombing_explosion")
    if any(_VEHICLE_BOMB.match(text, c.start) for c in bombs):
        return
    descriptors = [c for c in bombs if _describes_raiders(text, c)]
    raid_verb = any(_RAID_VERB.search(text, s, e) for s, e in lead[:1])
    if bombs and len(descriptors) == len(bombs) and (found.get("armed_assault") or raid_verb):
        found.pop("bombing_explosion")  # the raiders carried explosives; the attack itself was a raid
        return
    raids = [
        c
        for c in found.get("armed_assault", [])
        if _RAID_ACT.match(text, c.start)
        and any(s <= c.start < e for s, e in lead[:1])
        and not (text[c.start : c.end].lower().startswith("fir") and _PROJECTILE_AFTER.match(text, c.end))
    ]
    if bombs and raids and min(c.start for c in raids) < min(c.start for c in bombs):
        found.pop("bombing_explosion")


_TAKEN_HOSTAGE: Final = re.compile(r"hostage", _I)


def _held_in_place(text: str, found: dict[str, list[Cue]], spans: list[tuple[int, int]]) -> None:
    """Hostages taken where the attackers then held out are a barricade incident, not a kidnapping.

    GTD codebook, attack types 5 and 6: in a barricade incident the perpetrators occupy a place and hold the
    hostages there; in a kidnapping they take them elsewhere. "Took the recruits hostage" says neither, so a
    siege or standoff reported for the same incident decides, unless the text also says the people were taken
    away ("abducted", "whisked away").
    """
    kidnap = found.get("hostage_taking_kidnapping", [])
    if not kidnap or not all(_TAKEN_HOSTAGE.search(text, c.start, c.end) for c in kidnap):
        return
    held = _found_cues(text, spans).get("hostage_taking_barricade")
    if held:
        found["hostage_taking_barricade"] = found.get("hostage_taking_barricade", []) + kidnap
        found.pop("hostage_taking_kidnapping")


def attack_type(
    text: str,
    spans: list[tuple[int, int]],
    killed: int | None,
    lead: list[tuple[int, int]] | None = None,
    segment: list[tuple[int, int]] | None = None,
) -> tuple[str, list[Cue]]:
    """GTD attack type of the incident in `spans` (document offsets, lead first), with the cues behind it.

    The lead (the sentences up to the first that reports the incident) decides when it has any cue; later
    sentences add detail ("the attackers also threw grenades") but do not override what the lead reports.
    Within the chosen sentences GTD's hierarchy applies, with two refinements: an assassination needs a
    prominent victim killed (or an explicit word for it), and property damage is a facility attack only when
    nobody died.
    """
    lead = lead or spans[:1]
    found = _found_cues(text, lead) or _found_cues(text, spans)
    # An explicit word for an attempt on a person ("officials called the bombing an attempt on her life") names
    # the aim wherever in the incident it is said.
    explicit = [
        c
        for c in _found_cues(text, spans).get("assassination", [])
        if not text[c.start : c.end].lower().startswith("target")
    ]
    found.pop("assassination", None)
    found.pop("unknown", None)  # not an act: decided last, below
    # ... as does a sentence naming a person as the target, even one that reports no violence itself
    explicit += _stated_aim(text, segment or spans)
    # the victim may be named in the sentence after the lead ("Gunmen killed two men … Mufti X and his aide were …")
    prominent = _assassination(text, lead if len(lead) > 1 else spans[:2]) if (killed or 0) in (1, 2, 3) else None
    if prominent is not None and (killed or 0) == 3 and not _NAMED_AFTER.match(text, prominent.end):
        prominent = None  # three dead: only a named office-holder among them is the evident aim
    # A bomb that kills a named prominent person and at most two others was aimed at that person (GTD).
    named = prominent is not None and (killed or 0) <= 3 and bool(_NAMED_AFTER.match(text, prominent.end))
    aimed = _aimed_at_person(text, spans[:1]) or (_survivor_aimed(text, spans) if spans else None)
    if explicit or aimed or (prominent and ("bombing_explosion" not in found or named)):
        return "assassination", explicit or [aimed or prominent]  # type: ignore[list-item]
    _drop_carried_weapons(text, found)
    _raid_first(text, found, lead)
    _held_in_place(text, found, spans)
    if (
        "hostage_taking_barricade" in found
        and not any(
            _HOSTAGE.search(text, c.start - 120 if c.start > 120 else 0, c.end + 120)
            for c in found["hostage_taking_barricade"]
        )
        and not any(_CIVILIAN_SITE.search(text, s, e) for s, e in spans)
    ):
        # A siege with nobody held ("commandos ended the 16-hour siege" at a naval base) is an armed assault in
        # GTD; a barricade needs hostages, or a civilian building whose occupants are trapped with the
        # attackers (a school under siege).
        found.setdefault("armed_assault", []).extend(found.pop("hostage_taking_barricade"))
    arson = [
        c
        for c in found.get("facility_infrastructure_attack", [])
        if _ARSON.match(text, c.start) and any(s <= c.start < e for s, e in lead)  # the lead's act, not an aftermath
    ]
    unstated = _found_cues(text, segment or spans).get("unknown", [])
    if killed and unstated and set(found) <= {"facility_infrastructure_attack"}:
        # people died and the report says how is not known: the property damage beside it does not say how they
        # were killed (GTD 9, Unknown: the type of the main act cannot be determined)
        return "unknown", unstated[:1]
    if (
        arson
        and not found.get("bombing_explosion")
        and (not killed or not any(_ARMED_ACTION.match(text, c.start) for c in found.get("armed_assault", [])))
    ):
        # Gunmen who set tankers alight attacked property, even if people died in the fire (GTD).
        return "facility_infrastructure_attack", arson
    if killed and "facility_infrastructure_attack" in found and len(found) == 1:
        found = {"armed_assault": found["facility_infrastructure_attack"]}
    for label in ATTACK_PRECEDENCE:
        if found.get(label):
            return label, found[label]
    # GTD "Unknown": only where the text says how it was done is not known ("without giving details of how …")
    if unstated:
        return "unknown", unstated[:1]
    generic = _GENERIC_ATTACK.search(text, spans[0][0], spans[0][1]) if spans else None
    if generic:
        return "armed_assault", [Cue("armed_assault", generic.start(), generic.end())]
    return "unknown", []


def target_type(
    text: str,
    spans: list[tuple[int, int]],
    actor_spans: Sequence[tuple[int, int, str]] = (),
    named: tuple[int, int] | None = None,
) -> tuple[str, Cue | None]:
    """GTD target type: the most specific target cue, preferring the object of the attack and earlier sentences.

    Inside a named target ("Army Public School") only its head noun counts, and counts most: the school is
    the target, the army in its name is not.
    """
    best: tuple[float, Cue] | None = None
    owner_until = -1  # after "a bus carrying" / "a convoy of": the carried people or the owner are the object
    air = any(_AIR_STRIKE.search(text, s, e) for s, e in spans[:2])
    identity = any(_IDENTITY.search(text, s, e) for s, e in spans[:2])
    for rank, (s, e) in enumerate(spans):
        for m in _TARGET_ANY.finditer(text, s, e):
            label, weight, _ = TARGET_CUES[int(m.lastgroup[1:])]  # type: ignore[index]
            cs, ce = m.start(), m.end()
            # Inside a group's name a cue counts only as that kind of group: "Army" in "Baloch Liberation
            # Army" is no military target, "peace committee" is a militia.
            if any(a <= cs and ce <= b and label not in _KIND_TARGETS.get(kind, ()) for a, b, kind in actor_spans):
                continue
            before = text[max(s, cs - 60) : cs]
            if _WORN.match(text, ce) or _SOURCE_AFTER.match(text, ce) or _SOURCE_BEFORE.search(before):
                continue
            if label == "police" and _JURISDICTION_BEFORE.search(before):
                continue
            if _WORN_BEFORE.search(before):
                continue
            if (
                label in {"transportation", "military"}
                and _VEHICLE.fullmatch(m.group(0))
                and _CARRIER_AFTER.match(text, ce)
            ):
                owner_until = ce + 80
                continue
            if (
                label == "terrorists_non_state_militia"
                and not air
                and (_AGENT_BEFORE.search(before) or _AGENT_VERB.match(text, ce))
            ):
                continue  # "attacked by unidentified militants", "militants attacked": the attackers
            in_name = named is not None and named[0] <= cs and ce <= named[1]
            if in_name and ce != named[1]:  # type: ignore[index]
                continue
            # a victim's role (an office-holder, a policeman: weight >= 4) named as the passive subject of the attack
            role = weight >= ROLE_WEIGHT and _PASSIVE_VICTIM.match(text, ce)
            aimed = in_name or cs < owner_until or _OBJECT_BEFORE.search(before[-40:]) or role
            score = weight + (2.5 if aimed else 0)
            score -= min(rank, 3) * 1.5 + (cs - s) / 2000
            if _LANDMARK_BEFORE.search(before) or _AMONG_VICTIMS_BEFORE.search(before):
                score -= 3
            if air and label == "terrorists_non_state_militia":
                score += 3  # a drone strike's dead described as militants: militants were the target (GTD)
            if identity and label in {"private_citizens_property", "transportation", "business"}:
                score += 3 if label == "private_citizens_property" else -1
            if best is None or score > best[0]:
                best = (score, Cue(label, cs, ce))
    return (best[1].value, best[1]) if best else ("unknown", None)


def suicide(text: str, spans: list[tuple[int, int]]) -> tuple[bool, Cue | None]:
    """GTD suicide: the attacker meant to die in the attack ("suicide bomber", "blew himself up")."""
    for s, e in spans:
        for m in _SUICIDE.finditer(text, s, e):
            if not _NOT_SUICIDE.search(text[max(s, m.start() - 40) : m.start()]):
                return True, Cue("true", m.start(), m.end())
    return False, None


_FAILURE: Final[dict[str, re.Pattern[str]]] = {s.label: s.compiled() for s in load_cue_sets("success_cues")}
# Which failure cue undoes which attack type (GTD's success rule differs by type; rules in success_cues.yaml).
_FAILS: Final = {"bombing_explosion": "device_did_not_explode", "assassination": "target_survived"}


def success(text: str, spans: list[tuple[int, int]], attack: str, killed: int | None) -> tuple[bool, Cue | None]:
    """GTD `success`: False for a bomb that did not explode and for an assassination its target survived.

    A bombing with deaths did explode ("one bomb killed five; a second failed to go off"), so only a bombing
    without deaths can be undone by a failure cue. Other attack types succeed once they took place.
    """
    label = _FAILS.get(attack)
    if label is None or (attack == "bombing_explosion" and killed):
        return True, None
    for s, e in spans:
        m = _FAILURE[label].search(text, s, e)
        if m is not None:
            return False, Cue("false", m.start(), m.end())
    return True, None


def weapon_type(text: str, spans: list[tuple[int, int]], attack: str) -> tuple[str, Cue | None]:
    """GTD weapon type, consistent with the attack type where that implies one."""
    preferred = {
        "bombing_explosion": "explosives",
        "armed_assault": "firearms",
        "facility_infrastructure_attack": "incendiary",
    }
    order = sorted(_WEAPON, key=lambda w: w[0] != preferred.get(attack))
    for label, pattern in order:
        for s, e in spans:
            m = pattern.search(text, s, e)
            if m:
                return label, Cue(label, m.start(), m.end())
    return "unknown", None


def violence_type(target: str) -> int:
    """UCDP type of violence: state-based against state forces, non-state against militias, else one-sided."""
    if target in {"police", "military", "government_general", "government_diplomatic"}:
        return 1
    if target == "terrorists_non_state_militia":
        return 2
    return 3
