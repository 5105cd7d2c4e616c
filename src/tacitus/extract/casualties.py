"""Casualty statements: who was killed or wounded, how many, and exactly where the text says so.

Reports state tolls in a few recurring shapes, each handled by one rule over a sentence:

* passive: "three policemen and two militants were killed", "40 others injured" (conjoined counts share the
  verb that follows them);
* active: "killing 5 and wounding 12", "shot dead a militant";
* toll: "the death toll rose to 30", "the total death toll … was 145" (a rise marks an update);
* breakdown: "145, including 132 students" — the part is not added to the whole;
* none: "no casualties", "no loss of life".

Attackers among the dead count in `killed` (GTD convention) and also in `perpetrators_killed`; a count of
attackers that is not a casualty ("seven militants climbed the wall") is `perpetrators_count`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from tacitus.actors import CONNECTIVES
from tacitus.extract.numbers import TENS, UNITS, Count, parse_counts


def _words(text: str) -> frozenset[str]:
    """A word list written as prose-like text, one set."""
    return frozenset(text.split())


PERP_NOUNS: Final = _words(
    "militant militants terrorist terrorists attacker attackers assailant assailants gunman gunmen "
    "insurgent insurgents bomber bombers miscreant miscreants rebel rebels fighter fighters jihadist "
    "jihadists abductor abductors kidnapper kidnappers raider raiders intruder intruders"
)
PERSON_NOUNS: Final = (
    _words(
        "person persons people man men woman women child children boy boys girl girls civilian civilians "
        "policeman policemen cop cops constable constables soldier soldiers troops trooper troopers "
        "student students schoolchildren teacher teachers worker workers activist activists leader "
        "leaders member members official officials officer officers trader traders shopkeeper shopkeepers "
        "labourer labourers laborers passer-by passers-by passerby pedestrian pedestrians driver drivers "
        "journalist journalists reporter reporters cleric clerics elder elders tribesman tribesmen youth "
        "youths resident residents villager villagers guard guards personnel jawan jawans sepoy sepoys "
        "commander commanders inspector sub-inspector sho cadre cadres doctor doctors lawyer lawyers "
        "judge judges engineer engineers vaccinator vaccinators pilgrim pilgrims worshipper worshippers "
        "worshippers devotee devotees passenger passengers others victims victim kids family relatives "
        "brothers brother son sons father guest guests mourners spectators players customers nurse nurses "
        "employee employees contractor contractors citizen citizens individuals volunteer volunteers "
        "infant infants baby babies cadet cadets recruits recruit sons daughters persons watchman watchmen "
        "major colonel captain lieutenant subedar naik hawaldar owner owners shepherd shepherds "
        "rescuer rescuers paramedic paramedics firefighter firefighters bystander bystanders onlooker onlookers "
        "miner miners tourist tourists climber climbers farmer farmers porter porters"
    )
    | PERP_NOUNS
)
NONPERSON_NOUNS: Final = _words(
    "vehicle vehicles rocket rockets shell shells house houses shop shops tanker tankers container "
    "containers round rounds bomb bombs kilogram kilograms kilometre kilometres km kg metres meters "
    "feet minute minutes second seconds hour hours day days week weeks month months year years time "
    "times percent school schools building buildings truck trucks car cars bus buses tower towers "
    "pole poles pylons pylon mortar mortars grenade grenades cattle animals goats sheep camels"
)
_NOUNS = PERSON_NOUNS | NONPERSON_NOUNS

_KILL = (
    r"killed|shot\s+dead|gunned\s+down|martyred|slain|murdered|beheaded|executed|dead|died|perished|"
    r"lost\s+(?:their|his|her)\s+lives?|shot\s+and\s+killed|burnt\s+alive|burned\s+alive|burn[et]d?\s+to\s+death|"
    r"blew\s+themselves\s+up|blowing\s+themselves\s+up|"
    r"killed\s+on\s+the\s+spot|succumbed(?:\s+to\s+(?:their|his|her)\s+(?:injuries|wounds))?|lifeless|"
    r"neutrali[sz]ed|eliminated|sent\s+to\s+hell"
)
_WOUND = (
    r"injured|wounded|hurt|sustained\s+(?:\w+\s+)?(?:injuries|wounds)|received\s+(?:\w+\s+)?(?:injuries|wounds)|"
    r"suffered\s+(?:\w+\s+)?(?:injuries|wounds)"
)
_AUX = (
    r"(?:(?:who|were|was|have|has|had|been|are|is|got|get|also|reportedly|allegedly|later|all|instantly|"
    r"critically|seriously|badly|severely|grievously|mortally|mostly|either|both|each|left|being|among|them|found)\s+)*"
)
# What may stand between a count and its verb: a name ("A policeman, identified as X, was killed"), a breakdown
# ("19 persons, among them women, were killed"), a modifier ("nine volunteers of the Zakhakhel lashkar were").
_INTERPOSED = (
    r"(?:\s*,?\s*(?:identified\s+as|aged|a\s+resident\s+of|son\s+of|hailing\s+from)\s+[^;.]{0,100}?,?"
    r"|\s*,?\s*(?:including|excluding|not\s+counting|among\s+them|among\s+whom|comprising|mostly|"
    r"(?:most|many|some|all|several|half|both|the\s+majority)\s+of\s+(?:them|whom))\b[^;.]{0,150}?,?"
    r"|\s+of\s+(?:the\s+|his\s+|her\s+|their\s+|a\s+)?[\w()'’-]+(?:\s+[\w()'’-]+){0,4}?"
    r"|\s*,\s*[^,;.]{0,60}?\bamong\s+them\s*,"  # "60 persons, several militants among them, were killed"
    # "two men riding a motorcycle were killed": a participle phrase between the count and its verb
    r"|\s+(?!(?:killing|injuring|wounding|leaving|including)\b)[a-z]+ing\b[^,;.\d]{0,60}?"
    # "two civilians who were passing by were killed"
    r"|\s+who\s+(?:was|were|had\s+been)\s+[a-z]+ing\b[^,;.\d]{0,40}?(?=\s+(?:was|were|had|have)\b)"
    # "a policeman injured in the blast died in hospital": the wounded who died later
    r"|\s+(?:who\s+(?:was|were|had\s+been)\s+)?(?:critically\s+|seriously\s+|badly\s+)?(?:injured|wounded)\s+"
    r"(?:in|during)\s+(?:the|that|this|Monday's|the\s+\w+)\s+\w+(?=\s+(?:later\s+)?(?:died|succumbed))"
    r"|\s*\([^)]{0,40}\)|\s+by(?=\s+(?:sustained|received|suffered|were|got))"  # "passers by sustained injuries"
    r"|\s+(?:and|plus)\s+the\s+(?:suicide\s+)?(?:bomber|attacker|assailant|gunman)(?=\s+(?:were|had\s+been|have\s+been|all|died))"
    r"){0,2}"  # "four of his guards, including a driver, were killed"
)
_NUMBER_WORDS = "|".join(
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
)
# A verb right after a count phrase makes it the victim; a following object means the phrase is the agent.
_AFTER: Final = re.compile(
    rf"{_INTERPOSED}\s*,?\s*{_AUX}(?:(?P<kill>{_KILL})|(?P<wound>{_WOUND}))\b"
    rf"(?!(?<!died)(?<!perished)(?<!dead)\s+(?:\d|(?:a|an|the|his|her|their|its|them|him|himself|herself|themselves|all|at\s+least|more\s+than|over|nearly|about|around|"
    rf"some|several|many|dozens|scores|{_NUMBER_WORDS})\b))",
    re.IGNORECASE,
)
_ACTIVE_KILL = (
    r"killing|killed|kills|shot\s+dead|shooting\s+dead|gunned\s+down|gunning\s+down|murdered|assassinated|beheaded"
)
_ACTIVE_WOUND = r"injuring|injured|wounding|wounded|hurting"
# One victim without a count: "was shot dead", "killing him", "shot dead a retired major", "shot dead Malik X".
_SINGLE: Final = re.compile(
    rf"\b(?:was|has\s+been|had\s+been|got)\s+(?:\w+\s+){{0,2}}?(?:(?P<kill>{_KILL})|(?P<wound>{_WOUND}))\b"
    rf"|\b(?:(?P<kill2>{_ACTIVE_KILL})|(?P<wound2>{_ACTIVE_WOUND}))\s+(?:him|her|an?\s+(?!few\b|number\b)|one\s+(?!of\b)|"
    # "shot dead his police guard": one companion of the person attacked
    r"(?:his|her|their)\s+(?:[\w-]+\s+)?(?:guard|bodyguard|driver|son|brother|father|companion|aide|escort|gunman)\b|"
    r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:journalist|reporter|cleric|minister|officer|official|commander|elder|lawyer|judge|"
    r"doctor|activist|leader|singer|poet|scholar|politician|councillor|MPA|MNA|senator|chief|principal|professor|"
    r"teacher|engineer|trader|businessman|commandant|correspondent)\s+[A-Z]|[A-Z])"
    rf"|\b(?:shot|gunned)\s+(?:him|her)\s+(?P<kill3>dead|down)\b",
)
_ADDITIVE: Final = re.compile(r"\b(?:other|more|also|further|another|additional|too)\b", re.IGNORECASE)
# Victims of a second blast or bomber are more dead: "a second bomb killed eight rescuers".
_SECOND: Final = re.compile(
    r"\b(?:second|another|third)\s+(?:suicide\s+)?(?:bomb|blast|bomber|explosion|attack|attacker|device)s?\b"
    r"|\bthe\s+(?:second|third)\b(?!\s+(?:day|time|week|month|year))",
    re.IGNORECASE,
)
# The wounded who died afterwards are more dead: "two of the injured later died", "succumbed in hospital".
_LATER_DEATH: Final = re.compile(
    r"\bof\s+the\s+(?:injured|wounded)\b|\bsuccumbed\b|\blater\s+died\b"
    r"|\bdied\s+(?:later|afterwards|subsequently|in\s+(?:a\s+|the\s+)?hospital|on\s+the\s+way|en\s+route|"
    r"of\s+(?:their|his|her)\s+(?:injuries|wounds))",
    re.IGNORECASE,
)
# "... 26 passengers and shot them dead": the pronoun takes the verb back to the last count.
_THEM: Final = re.compile(rf"\b(?:(?P<kill>{_ACTIVE_KILL}|shot)|(?P<wound>{_ACTIVE_WOUND}))\s+them\b", re.IGNORECASE)
# An active verb right before a count phrase: "killing 5", "injuring three others", "shot dead a policeman".
_BEFORE: Final = re.compile(
    r"(?:(?P<kill>killing|killed|kills|kill|shot\s+dead|shooting\s+dead|gunned\s+down|gunning\s+down|executed|executing|"
    r"beheaded|beheading|murdered|murdering|"
    r"(?:those\s+killed|the\s+dead|the\s+deceased|the\s+victims|the\s+dead\s+included|among\s+the\s+dead)\s+(?:were|are|included|was)|"
    r"martyring|martyred|claimed\s+the\s+li(?:ves|fe)\s+of|claiming\s+the\s+li(?:ves|fe)\s+of|leaving|left)|"
    r"(?P<wound>injuring|injured|wounding|wounded|hurting|injures|wounds))\s+(?:another\s+|all\s+(?:the\s+)?|both\s+|the\s+)?$",
    re.IGNORECASE,
)
_LIVES_BEFORE: Final = re.compile(r"\b(?:claimed|claiming|claims|took|taking|cost|costing)\s+$", re.I)
_BREAKDOWN_BEFORE: Final = re.compile(
    r"(?:including|included|among\s+them|among\s+whom|of\s+whom|comprising|among\s+the\s+\w+|"
    r"(?:most|many|some)\s+of\s+them|\bi\.e\.|\()\s*,?\s*$",
    re.IGNORECASE,
)
_BREAKDOWN_AFTER: Final = re.compile(
    r"\s+of\s+(?:them|whom|those|the\s+(?:dead|deceased|victims|injured|wounded|killed))\b", re.I
)
_CONJ: Final = re.compile(
    r"^\s*(?:,|and|,\s*and|as\s+well\s+as|besides|along\s+with|while|plus)(?:\s+all(?:\s+the)?)?\s*$", re.IGNORECASE
)
_TOLL: Final = re.compile(
    r"\b(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|those\s+killed|people\s+killed|"
    r"victims)|body\s+count|fatalities)\b(?P<gap>[^;\d]{0,120}?)\b(?P<verb>rose\s+to|has\s+risen\s+to|risen\s+to|"
    r"climbed\s+to|jumped\s+to|increased\s+to|mounted\s+to|went\s+up\s+to|reached|has\s+reached|stood\s+at|"
    r"stands\s+at|was|is|of|to|at)\s*$",
    re.IGNORECASE,
)
_UPDATE_VERBS: Final = re.compile(r"rose|risen|climbed|jumped|increased|mounted|went up|reached", re.IGNORECASE)
_NONE: Final = re.compile(
    r"\bno\s*(?:one|body|person|individual)(?:\s+else)?\s+(?:was|were)\s+(?P<what1>hurt|injured|killed|harmed|wounded)"
    r"|\bno\s+(?:(?:reports?\s+of\s+|reported\s+|known\s+|immediate\s+)?(?P<what2>casualt(?:y|ies)|loss\s+of\s+(?:life|lives)|injur(?:y|ies)|deaths?|"
    r"fatalit(?:y|ies)|human\s+loss))"
    r"|\bwithout\s+(?:causing\s+)?any\s+(?P<what3>casualt(?:y|ies)|loss\s+of\s+(?:life|lives)|injur(?:y|ies)|harm)"
    r"|\b(?:did\s+not|didn'?t|didnt)\s+cause\s+any\s+(?P<what4>casualt(?:y|ies)|harm|loss\s+of\s+(?:life|lives)|injur(?:y|ies))"
    r"|\b(?:escaped|remained)\s+(?P<what5>unhurt|unharmed)"
    # "failed to inflict any casualty", "did not suffer any losses" (a frequent misspelling, "causality", included)
    r"|\bfailed\s+to\s+(?:inflict|cause)\s+any\s+(?P<what10>casualt(?:y|ies)|causalit(?:y|ies)|harm|loss(?:es)?)"
    r"|\b(?:did\s+not|didn'?t|didnt)\s+suffer\s+any\s+(?P<what11>casualt(?:y|ies)|loss(?:es)?)"
    r"|\b(?:caused|causing)\s+no\s+(?P<what6>casualt(?:y|ies)|harm|loss\s+of\s+(?:life|lives)|injur(?:y|ies))"
    # "went off without hurting anyone", "none died", "none of them was hurt"
    r"|\bwithout\s+(?P<what7>hurting|harming|injuring|killing)\s+(?:anyone|anybody|any\s+one|a\s+soul)"
    r"|\bnone(?:\s+of\s+(?:them|the\s+[\w-]+))?\s+(?:was|were)\s+(?P<what8>killed|hurt|injured|harmed|wounded)"
    r"|\b(?:no\s*one|nobody|none)(?:\s+of\s+(?:them|the\s+[\w-]+))?\s+(?P<what9>died)\b",
    re.IGNORECASE,
)
_ARTICLE: Final = re.compile(r"\b(?:a|an|another|one\s+more)\s+(?=[\w-]+(?:\s+[\w-]+){0,2}\b)", re.IGNORECASE)
# "another was injured": one more victim with the noun left out.
_ANOTHER: Final = re.compile(
    r"\b(?:another|one\s+other|one\s+more)\b(?=\s*,?\s*(?:who\s+)?(?:was|got|had|has|died|sustained))", re.I
)
_WORD: Final = re.compile(r"\s*([A-Za-z][\w'’-]*|\(\w+\))")
_SHOT_N_DEAD: Final = re.compile(r"(?:\s+[\w-]+){0,2}?\s+dead\b", re.I)
_ABDUCT_BEFORE: Final = re.compile(
    r"\b(?:abducted|abducting|kidnapped|kidnapping|seized|whisked\s+away|took\s+away|taking\s+away)\s+(?:another\s+|all\s+)?$",
    re.I,
)
_ABDUCT_AFTER: Final = re.compile(
    r"\s*,?\s*(?:who\s+)?(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?(?:abducted|kidnapped|taken\s+hostage)\b",
    re.I,
)
_AGED_BEFORE: Final = re.compile(r"\baged\s+(?:about\s+|around\s+|some\s+|nearly\s+)?$", re.I)
# "both attackers were killed" (not "killing both militants and civilians": a pair of kinds, not two people)
_BOTH: Final = re.compile(
    r"\bboth(?:\s+of)?(?:\s+the)?(?=\s+(?:" + "|".join(sorted(PERP_NOUNS)) + r")\b(?!\s+and\b))", re.I
)
_ONE_OF_WOUNDED: Final = re.compile(r"\bone\s+of\s+(?:the|those)\s+(?:wounded|injured)\b", re.I)
_MORE_OF: Final = re.compile(r"\s+(?:more\s+)?of\s+(?:the|those)\s+(?:wounded|injured)\b", re.I)
# The total of an incident's victims: "in all", "altogether", "a total of", "the two blasts together killed".
_TOTAL_BEFORE: Final = re.compile(
    r"\b(?:in\s+all|in\s+total|altogether|all\s+told|overall|(?:a|the)\s+total\s+of|together|combined|between\s+them)"
    r"\b[^.;]{0,25}$",
    re.I,
)
_TOTAL_AFTER: Final = re.compile(r"\s*,?\s*(?:in\s+all|in\s+total|altogether|all\s+told|overall)\b", re.I)
# "taking the toll to 14", "which raised the death toll to 30": the verb before the toll makes it an update.
_RAISING: Final = re.compile(
    r"\b(?:taking|took|bringing|brought|raising|raised|pushing|pushed|putting|put|increasing|revised|revising|updated|"
    r"updating)\s+(?:the\s+)?(?:death\s+)?$",
    re.I,
)
_DEFINITE_BEFORE: Final = re.compile(r"\b(?:all|both|the|all\s+the)\s+$", re.I)
# "… killed the provincial minister and eight of his guards": the office-holder and the companions.
_ACTIVE_ONE_AND: Final = re.compile(
    rf"\b(?:{_ACTIVE_KILL}|killed)\s+(?:(?:the|a|an)\s+(?:[\w'’-]+\s+){{0,4}}?|(?P<self>himself|herself)\s+"
    # "killed Awami National Party lawmaker Alamzeb Khan and two others": a named person with a title
    r"|(?:(?:former|senior|local|provincial|militant|civil|tribal|party)\s+|[A-Z][\w'’.-]*\s+){1,7}?"
    r"(?:[a-z]+\s+){0,2}?(?:[A-Z][\w'’.-]*\s+){1,3})and\s+"
    r"(?P<poss>(?:his|her|their)\s+)?$",
    re.I,
)
# One companion: "… and his guard", "… and her driver" (a singular noun: "his two sons" is a count of its own).
# One more person named after a count: "killing six teachers and the driver", "and the policeman escorting him".
_ONE_PERSON = (
    r"(?:driver|guard|policeman|constable|soldier|passer-?by|passerby|pedestrian|cook|watchman|conductor|cleaner|"
    r"shopkeeper|vendor|child|boy|girl|woman|man|cleric|teacher|doctor|interpreter|translator|guide|companion|colleague|"
    r"friend|bodyguard|relative|nurse|official)"
)
_COMPANION_ONE = (
    r"(?:guard|bodyguard|gunman|driver|son|brother|father|nephew|cousin|wife|husband|daughter|friend|companion|"
    r"colleague|aide|associate|assistant|relative|servant|security\s+guard|cameraman|secretary|grandson|uncle)"
)
_AND_HIS_ONE: Final = re.compile(
    rf"(?:\s+[a-z][\w-]*){{0,2}}?\s*,?\s+(?:and|along\s+with|together\s+with)\s+(?:(?:his|her|their)\s+(?:[\w-]+\s+)?{_COMPANION_ONE}|(?:the|a|an)\s+(?:[\w-]+\s+)?{_ONE_PERSON})\b(?!\s*(?:were|was)\s+(?:\w+\s+)?(?:{_WOUND}))",
    re.I,
)
_POSS_COMPANION: Final = re.compile(rf"\b(?:his|her|their)\s+(?:[\w-]+\s+)?(?P<noun>{_COMPANION_ONE})\b", re.I)
_WITH_BEFORE: Final = re.compile(r"\b(?:along|together)\s+with\s+$", re.I)
_NAME_AHEAD: Final = re.compile(r"[^;.]{0,80}?(?=\s*,?\s+and\s+(?:his|her|their|a|an)\s)")
# Companions named after a single victim: "was shot dead with his guard", "was killed along with his son and a guard".
_ONE_COMPANION = rf"(?:(?:his|her|their)\s+(?:[\w-]+\s+)?{_COMPANION_ONE}|(?:a|an)\s+(?:[\w-]+\s+)?{_ONE_PERSON})\b"
_WITH_COMPANIONS: Final = re.compile(
    rf"(?:\s+(?:[\w-]+\s+){{0,3}}?)?\s*,?\s+(?:along\s+with|together\s+with|with)\s+{_ONE_COMPANION}"
    rf"(?P<second>\s*,?\s+and\s+{_ONE_COMPANION})?",
    re.I,
)
# An aside closed by a comma, then "and": the next count is another item of the list, not a part of the one before.
_LIST_AFTER_APPOSITION: Final = re.compile(r"\s*,\s*[^,;.]{1,60},\s+and\s+(?:the\s+|all\s+)?$")
_RAIDERS_KILLED: Final = re.compile(
    r"\bbefore\s+(?:being|they\s+were)\s+(?:\w+\s+)?(?:shot\s+dead|killed|gunned\s+down)"
    r"|\b(?:they|all\s+(?:of\s+them|\w+))\s+were\s+(?:later\s+|eventually\s+|all\s+)?(?:shot\s+dead|killed|gunned\s+down)\s+by\b",
    re.I,
)
# "Tribal elder X and his son were killed": a named or singular victim and one companion.
_PAIR_PASSIVE: Final = re.compile(
    rf"\b(?:and|along\s+with|together\s+with)\s+(?:his|her)\s+(?:[\w-]+\s+)?{_COMPANION_ONE}\s*,?\s*"
    r"(?:[A-Z][^,;.]{0,40},\s*)?(?:who\s+)?(?:were|have\s+been|had\s+been)\s+"
    rf"(?:\w+\s+)?(?:(?P<kill>{_KILL})|(?P<wound>{_WOUND}))\b",
    re.I,
)
# "Hospital officials said 12 bodies had been brought in": bodies are the dead.
_BODIES: Final = frozenset({"bodies", "corpses"})
_BODIES_OF: Final = re.compile(r"\b(?:bodies|corpses|remains)\s+of\s+(?:the\s+|all\s+)?$", re.I)
# "X was killed along with eight of his guards", "11 soldiers had been killed, along with nine attackers": the
# count joins the victims of the verb before it.
_ALONG_WITH: Final = re.compile(
    rf"(?:(?P<kill>{_KILL})|(?P<wound>{_WOUND}))\b[^;.\d]{{0,20}}?,?\s*(?:(?:along|together)\s+with|in\s+addition\s+to)"
    rf"\s+(?P<first>(?:his|her|their)\s+(?:[\w-]+\s+)?{_COMPANION_ONE}\s*,?\s+and\s+)?(?:the\s+|all\s+)?$",
    re.I,
)
# "Commander X and four of his associates were killed", "the judge and two others were wounded": a named or
# singular person joined to a count of companions is one more victim.
_COMPANIONS: Final = re.compile(r"\s+(?:of\s+(?:his|her|their)\b|others?\b|other\s+\w+)", re.I)
# The singular or named victim right before "and": "Commander X and", "a policeman and".
_ONE_AND: Final = re.compile(r"(?:\b[A-Z][\w'’-]*\)?|\b(?i:a|an|the|one)\s+(?:\w+\s+)?[a-z]+)\s*,?\s+and\s+$")
# A lone attacker's death stated apart: "the attacker also died", "the bomber was also killed".
_ATTACKER_DIED: Final = re.compile(
    r"\b(?:the|a|one)\s+(?:suicide\s+|lone\s+)?(?:attacker|bomber|assailant|gunman)(?:\s*,\s*[^,;.]{1,40},\s*|\s+(?:\w+\s+)?)"
    r"(?:also\s+|later\s+)?(?:died|was\s+(?:also\s+)?killed|was\s+shot\s+dead|"
    # ... or that say the attacker was the only one who died
    r"was\s+the\s+only\s+(?:one|person|casualty|fatality))\b"
    # "killing himself and the boy" (the attacker is one of the dead); "himself and four others" is counted as 5
    r"|\b(?:killing|killed)\s+(?:only\s+)?(?:himself|herself)\b"
    r"(?!\s+and\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|\w+\s+others?)\b)"
    # "killed 20 people and the bomber", "five policemen were killed along with the attacker"
    r"|\b(?:besides|as\s+well\s+as|in\s+addition\s+to)\s+(?:himself|herself)\b"
    r"|\b(?:and|plus|as\s+well\s+as|along\s+with|together\s+with)\s+the\s+(?:suicide\s+|lone\s+)?"
    r"(?:attacker|bomber|assailant|gunman)\b(?!['’])"
    r"|\b(?:bomber|attacker|assailant)\b[^.]{0,80}?\b(?:he|she)\s+was\s+the\s+only\s+(?:one|person|casualty|fatality)\b"
    # "Four gunmen killed 12 people before being shot dead by police" (counted from the attackers, see below)
    # "killing eight policemen and himself": the attacker listed last among the dead
    r"|\b(?:killing|killed)\s+[^.;]{1,80}?\s+and\s+(?:himself|herself)\b"
    # "a count that does not include the bomber": the toll leaves out an attacker who died
    r"|\b(?:does|did)\s+not\s+include\s+the\s+(?:suicide\s+)?(?:attacker|bomber|assailant|gunman)\b"
    r"|\b(?:excluding|not\s+counting|not\s+including|besides|in\s+addition\s+to)\s+the\s+(?:suicide\s+)?"
    r"(?:attacker|bomber|assailant|gunman)\b",
    re.I,
)


@dataclass(frozen=True)
class TollStatement:
    """One count the text gives for one field, with its span (document offsets) and how it bounds the truth."""

    field: str  # killed | wounded | perpetrators_killed | perpetrators_count
    value: int
    qualifier: str  # exact | low | high | approx | vague
    start: int
    end: int
    sentence: int
    update: bool = False
    breakdown: bool = False
    group: int = 0  # statements of one sentence add up only within a group (counts sharing one verb)
    additive: bool = False  # "two other students were also wounded": more victims, not a restatement


@dataclass
class _Phrase:
    count: Count
    end: int  # end of the count plus its noun
    noun: str | None
    role: str | None = None
    role_end: int = 0  # end of the verb when the phrase is its passive subject ("… were killed")
    passive: bool = False
    breakdown: bool = False
    consumed: bool = False  # inside the words between another count and its verb
    toll: bool = False
    update: bool = False
    group: int = 0  # counts that share one verb ("three policemen and two militants were killed") share a group
    companion: bool = False  # "X and four of his guards": the count was raised by the named victim


_STOP: Final = _words(
    "were was is are and or in on at of from to by with when while who which that had have has after "
    "before during including near inside outside into as but the this these their his her its"
)


def _noun_after(text: str, pos: int, limit: int = 4) -> tuple[str | None, int]:
    """The head of the words after a count, up to a verb or function word, and where it ends.

    A known noun ends the phrase at once ("three FC personnel" → personnel); otherwise the last word before the
    verb is taken ("121 pupils were wounded" → pupils), so an unlisted victim noun still carries the count.
    """
    end, head = pos, None
    budget, steps = limit, 0
    # a group's name between the count and its noun ("three Tehreek e Taliban Pakistan militants") costs nothing
    while budget > 0 and steps < limit + 6:
        steps += 1
        if _AFTER.match(text, end):
            break
        m = _WORD.match(text, end)
        if not m or m.group(1).casefold() in _STOP:
            break
        if not (m.group(1)[:1].isupper() or m.group(1) in CONNECTIVES):
            budget -= 1
        if m.group(1).startswith("("):  # "(FC)": an acronym in brackets, not the head
            end = m.end()
            continue
        word = m.group(1).casefold()
        if word in UNITS or word in TENS:  # "in 2011 two policemen": the next count starts here
            break
        end, head = m.end(), word
        if word in _NOUNS:
            break
    return head, end


def _person_after(text: str, pos: int, limit: int = 5) -> tuple[str | None, int]:
    """The first person noun within `limit` words ("a ten year old boy" → boy), stopping at a verb."""
    end = pos
    for _ in range(limit):
        if _AFTER.match(text, end):
            break
        m = _WORD.match(text, end)
        if not m:
            break
        word = m.group(1).casefold()
        end = m.end()
        if word in PERSON_NOUNS:
            return word, end
        if word in _STOP:
            break
    return None, pos


# "…, a senior official said": the person who reports is not a victim.
_REPORTER_AFTER: Final = re.compile(r"\s*(?:,\s*)?(?:said|says|told|added|confirmed|stated|reported)\b", re.I)


_OF_ATTACKERS: Final = re.compile(
    r"\s+of\s+(?:the|their|these|those)\s+(?:(?:remaining|other|suspected|armed)\s+)?(?P<noun>"
    + "|".join(sorted(PERP_NOUNS))
    + r")\b",
    re.I,
)
# State forces as the subject of an active kill: "troops returned fire, killing five militants".
_FORCES_BEFORE: Final = re.compile(
    r"\b(?:troops|soldiers|security\s+forces|forces|SFs|police(?:men)?|guards|bodyguards|sentries|sentry|commandos|"
    r"personnel|Rangers|FC|"
    r"Levies|army)\b[^.;]{0,60}$"
    r"|\b(?:returned\s+fire|retaliat\w+|in\s+retaliation|in\s+the\s+(?:exchange\s+of\s+fire|gunfight|shoot-?out|"
    r"ensuing\s+\w+))\b[^.;]{0,30}$",
    re.I,
)


def _phrases(text: str) -> list[_Phrase]:
    """Count phrases in a sentence: numbers with their noun, and 'a/an + person noun' (value 1)."""
    out: list[_Phrase] = []
    for c in parse_counts(text):
        if _AGED_BEFORE.search(text[max(0, c.start - 20) : c.start]):
            continue  # "the bomber, aged about 15": an age, not a count
        noun, noun_end = _noun_after(text, c.end)
        if (noun is None or noun not in _NOUNS) and 1900 <= c.value <= 2100 and c.qualifier == "exact":
            continue  # a year, not a count
        if noun in NONPERSON_NOUNS:
            continue
        if noun is None and (of := _OF_ATTACKERS.match(text, c.end)) is not None:
            noun, noun_end = of["noun"].casefold(), of.end()  # "shot dead two of the attackers"
        elif noun is None and (of := _MORE_OF.match(text, c.end)) is not None:
            noun, noun_end = "others", of.end()  # "one of the injured died": the wounded are not the verb
        out.append(_Phrase(c, noun_end, noun))
    for m in _ARTICLE.finditer(text):
        noun, noun_end = _person_after(text, m.end())
        if noun and not any(p.count.start <= m.start() < p.end for p in out):
            out.append(_Phrase(Count(1, "exact", m.start(), m.end()), noun_end, noun))
    for m in _ANOTHER.finditer(text):
        if not any(p.count.start <= m.start() < p.end for p in out):
            out.append(_Phrase(Count(1, "exact", m.start(), m.end()), m.end(), "others"))
    for m in _BOTH.finditer(text):  # "both attackers were killed"
        if not any(p.count.start <= m.start() < p.end for p in out):
            noun, noun_end = _noun_after(text, m.end())
            out.append(_Phrase(Count(2, "exact", m.start(), m.end()), noun_end, noun))
    for m in _ONE_OF_WOUNDED.finditer(text):  # "one of the injured died"
        if not any(p.count.start <= m.start() < p.end for p in out):
            out.append(_Phrase(Count(1, "exact", m.start(), m.start() + 3), m.end(), "others"))
    out.sort(key=lambda p: p.count.start)
    # "his wife, an FC colonel and 24 others were killed": a companion named by his tie to someone is one person,
    # counted when another item of the same list follows (alone, "… and his son" is handled by _AND_HIS_ONE)
    for m in _POSS_COMPANION.finditer(text):
        if any(p.count.start <= m.start() < p.end for p in out) or _WITH_BEFORE.search(text, 0, m.start()):
            continue  # "along with his son and a guard" is counted from the verb (_ALONG_WITH)
        nxt = next((p for p in out if p.count.start >= m.end()), None)
        if nxt is not None and _CONJ.match(text[m.end() : nxt.count.start]):
            out.append(_Phrase(Count(1, "exact", m.start(), m.end()), m.end(), m["noun"].casefold()))
    out.sort(key=lambda p: p.count.start)
    # "…, a senior official said", "two officials told reporters": whoever reports is not a victim
    return [p for p in out if not _REPORTER_AFTER.match(text, p.end)]


def _assign_roles(text: str, phrases: list[_Phrase]) -> None:
    for i, p in enumerate(phrases):
        p.group = i
        before = text[max(0, p.count.start - 160) : p.count.start]
        if (m := _TOLL.search(before)) is not None:
            p.role, p.toll = "killed", True
            p.update = bool(_UPDATE_VERBS.search(m["verb"]) or _RAISING.search(before[: m.start()]))
            continue
        if p.noun == "lives" and _LIVES_BEFORE.search(before[-40:]):
            p.role = "killed"  # "the blast claimed 14 lives"
            continue
        if (m := _BEFORE.search(before[-40:])) is not None:
            if m["kill"] and m["kill"].casefold() in {"leaving", "left"}:
                after = _AFTER.match(text, p.end)
                if after:
                    p.role, p.role_end = ("killed" if after["kill"] else "wounded"), after.end()
                    p.passive = True
                continue
            p.role = "killed" if m["kill"] else "wounded"
        elif (m := _AFTER.match(text, p.end)) is not None:
            p.role, p.role_end, p.passive = ("killed" if m["kill"] else "wounded"), m.end(), True
        if (m := _SHOT_N_DEAD.match(text, p.count.end)) and re.search(r"\bshot\s+$", before):
            p.role, p.role_end = "killed", m.end()  # "shot seven of them dead": the victims, not a breakdown
            continue
        p.breakdown = bool(_BREAKDOWN_BEFORE.search(before[-40:]) or _BREAKDOWN_AFTER.match(text, p.end))
        if _MORE_OF.match(text, p.count.end):
            p.breakdown = False  # "two more of the wounded died": more dead, not a part of a total
        if p.breakdown and p.role is None and i > 0:
            p.role = next((q.role for q in reversed(phrases[:i]) if q.role), None)
    # A part with no whole of its own field before it is the figure itself ("four soldiers were abducted; two
    # of them were later found dead": two killed).
    for i, p in enumerate(phrases):
        if (
            p.breakdown
            and p.role in {"killed", "wounded"}
            and (p.passive or _BEFORE.search(text[max(0, p.count.start - 40) : p.count.start]))
            and not any(q.role == p.role and not q.breakdown for q in phrases[:i])
        ):
            p.breakdown = False
    # Victims taken away: "abducted 16 labourers", "six engineers were kidnapped" (kept apart; a later "their
    # bodies were found" makes them the dead, see tacitus.extract.assemble).
    for p in phrases:
        if p.role is None and (
            _ABDUCT_BEFORE.search(text[max(0, p.count.start - 40) : p.count.start]) or _ABDUCT_AFTER.match(text, p.end)
        ):
            p.role = "abducted"
    # Conjoined counts share the verb that follows the last of them ("three policemen and two militants were killed").
    for i in range(len(phrases) - 2, -1, -1):
        p, nxt = phrases[i], phrases[i + 1]
        if p.role is None and nxt.role and _CONJ.match(text[p.end : nxt.count.start]):
            p.role, p.breakdown, p.passive, p.group = nxt.role, nxt.breakdown, nxt.passive, nxt.group
    # An active verb reaches over a conjunction: "shot dead ten climbers and one guide" (both are victims).
    for i in range(1, len(phrases)):
        p, prev = phrases[i], phrases[i - 1]
        if (
            p.role is None
            and prev.role
            and not prev.passive
            and not prev.toll
            and _CONJ.match(text[prev.end : p.count.start])
        ):
            p.role, p.group = prev.role, prev.group
    for p in phrases:
        if p.role is None and (
            p.noun in _BODIES or _BODIES_OF.search(text[max(0, p.count.start - 30) : p.count.start])
        ):
            p.role = "killed"  # "12 bodies", "the bodies of six labourers"
        one = _ACTIVE_ONE_AND.search(text[: p.count.start]) if p.role is None else None
        if one is not None and _ALONG_WITH.search(text[max(0, p.count.start - 60) : p.count.start]):
            one = None  # "killed along with his son and a guard": a list of companions, counted below
        if one is not None and (one["poss"] or _COMPANIONS.match(text, p.count.end) or p.noun in PERSON_NOUNS):
            p.role, p.companion = "killed", True
            counted = next((q for q in phrases if q.role and one.start() <= q.count.start < p.count.start), None)
            if counted is not None:  # "killed a shopkeeper and his two sons": the one is already a count
                p.group = counted.group
            else:
                p.count = replace(p.count, value=p.count.value + 1)
            continue
        if (
            p.passive
            and _COMPANIONS.match(text, p.count.end)
            and _ONE_AND.search(text[max(0, p.count.start - 60) : p.count.start])
            and not any(q.end <= p.count.start and q.end > p.count.start - 40 for q in phrases if q is not p)
        ):
            # "Bhutto and 20 other people died" restates the whole toll, the named victim included: it is
            # not "other" victims to add, and it supersedes an earlier "Bhutto was killed".
            p.count = replace(p.count, value=p.count.value + 1)
            p.update = p.companion = True
    # "killed a police officer and his guard": one companion named after the counted object
    for p in phrases:
        if p.role in {"killed", "wounded"} and p.passive and not p.breakdown and p.count.value == 1:
            # "A man, identified as X, and his son, Y, were killed": the companion stands between count and verb
            if _AND_HIS_ONE.search(text, p.end, p.role_end) and not any(
                p.end <= q.count.start < p.role_end for q in phrases
            ):
                p.count = replace(p.count, value=2)
            continue
        if (
            p.role in {"killed", "wounded"}
            and not p.passive
            and not p.breakdown
            and _AND_HIS_ONE.match(text, p.end)
            and not any(q is not p and p.end <= q.count.start < p.end + 40 for q in phrases)
        ):
            p.count = replace(p.count, value=p.count.value + 1)
    # Counts inside the words between another count and its verb belong to that count's breakdown
    # ("Nine people, including three of the four attackers, were killed").
    for p in phrases:
        holder = next((q for q in phrases if q is not p and q.end <= p.count.start < q.role_end), None)
        if holder is None:
            continue
        if _LIST_AFTER_APPOSITION.match(text, holder.end, p.count.start) and not p.update:
            # "Six Pakistanis, among them two guards, and five of the attackers were killed": a closed aside, then
            # another part of the list joined by "and" shares the verb and adds up
            p.role, p.passive, p.group, p.breakdown = holder.role, holder.passive, holder.group, False
            continue
        p.breakdown = p.consumed = True
    for i, p in enumerate(phrases):
        if p.role is not None:
            continue
        if (m := _ALONG_WITH.search(text[max(0, p.count.start - 60) : p.count.start])) is not None:
            p.role = "killed" if m["kill"] else "wounded"
            earlier = next((q for q in reversed(phrases[:i]) if q.role == p.role and not q.breakdown), None)
            if earlier is not None:
                p.group = earlier.group
            else:  # the victim before the verb was named, not counted
                p.count = replace(p.count, value=p.count.value + 1)
            if m["first"]:  # "… along with his son and a guard": the companion listed first is one more
                p.count = replace(p.count, value=p.count.value + 1)
    # A figure given as the total ("In all, 12 people were killed", "a total of 30 were hurt") replaces the counts
    # reported before it instead of adding to them: GTD and UCDP code the incident's total toll.
    for p in phrases:
        if p.role in {"killed", "wounded"} and not p.breakdown and (
            _TOTAL_BEFORE.search(text[max(0, p.count.start - 40) : p.count.start])
            or _TOTAL_AFTER.match(text, max(p.end, p.role_end))
        ):
            p.update = True
    for m in _THEM.finditer(text):
        # "them" is plural: it takes back a count, not "a bus carrying pilgrims"
        last = next((p for p in reversed(phrases) if p.end <= m.start() and p.role is None and p.count.value > 1), None)
        if last is not None:
            last.role = "killed" if m["kill"] else "wounded"


def _attackers_within_victims(out: list[TollStatement], phrases: list[_Phrase], start: int) -> None:
    """"Two suicide bombers blew themselves up …, killing 42 people": the sentence's toll is the victims' figure.

    The attackers' own deaths stay as `perpetrators_killed`, joined to the victims' verb group, so that the
    toll rule does not add them a second time (the report's figure is the one coded).
    """
    victims = [
        p for p in phrases if p.role == "killed" and p.noun not in PERP_NOUNS and not p.breakdown and not p.passive
    ]
    if not victims:
        return
    group = victims[0].group
    # only attackers whose deaths come first, under their own verb ("… blew themselves up, killing 42")
    attackers = {
        (start + p.count.start, p.group)
        for p in phrases
        if p.role == "killed" and p.noun in PERP_NOUNS and p.group != group and p.count.start < victims[0].count.start
    }
    if not attackers:
        return
    for i, st in enumerate(list(out)):
        if (st.start, st.group) in attackers and st.field in {"killed", "perpetrators_killed"}:
            out[i] = replace(st, group=group, field="perpetrators_killed" if st.field == "killed" else st.field)
    unique: list[TollStatement] = []
    for st in out:  # the attackers' count may now appear twice as perpetrators_killed
        if not any((u.start, u.field) == (st.start, st.field) for u in unique):
            unique.append(st)
    out[:] = unique


def sentence_statements(
    text: str, start: int, end: int, sentence: int, excluded: Sequence[tuple[int, int]] = ()
) -> list[TollStatement]:
    """Toll statements in one sentence `text[start:end]`, with document offsets; counts inside `excluded`
    spans (dates: "3 May 2012") are not counts."""
    chunk = text[start:end]
    nones = [(start + m.start(), start + m.end()) for m in _NONE.finditer(chunk)]
    phrases = [
        p
        for p in _phrases(chunk)
        if not any(s < start + p.count.end and start + p.count.start < e for s, e in (*excluded, *nones))
    ]
    _assign_roles(chunk, phrases)
    out: list[TollStatement] = []
    for p in phrases:
        s, e = start + p.count.start, start + max(p.end, p.role_end)
        if p.role:
            additive = not p.companion and bool(
                _ADDITIVE.search(chunk, max(0, p.count.start - 12), max(p.end, p.role_end))
                or (p.role == "killed" and _LATER_DEATH.search(chunk, p.count.start, max(p.end, p.role_end) + 30))
                or (p.role == "killed" and _SECOND.search(chunk[max(0, p.count.start - 100) : p.count.start]))
                or bool(re.match(r"\s+(?:too|as\s+well)\b", chunk[max(p.end, p.role_end) :]))
            )
            out.append(
                TollStatement(
                    p.role, p.count.value, p.count.qualifier, s, e, sentence, p.update, p.breakdown, p.group, additive
                )
            )
            # Only a passive victim phrase can be the attackers ("two militants were killed"); the object of
            # "shot dead a militant" is a victim who happens to be a militant.
            # ... or the incident's own attackers named definitely ("security forces killed all three attackers").
            definite = bool(_DEFINITE_BEFORE.search(chunk[max(0, p.count.start - 12) : p.count.start]))
            if p.role == "abducted":
                out[-1] = replace(out[-1], breakdown=False)
                continue
            forces = bool(_FORCES_BEFORE.search(chunk[max(0, p.count.start - 90) : p.count.start]))
            if p.role == "killed" and p.noun in PERP_NOUNS and (p.passive or definite or forces) and not p.consumed:
                out.append(
                    TollStatement(
                        "perpetrators_killed", p.count.value, p.count.qualifier, s, e, sentence, group=p.group
                    )
                )
                if chunk[max(0, p.count.start - 4) : p.count.start].casefold().strip() == "all":
                    out.append(TollStatement("perpetrators_count", p.count.value, "exact", s - 4, e, sentence))
        elif p.noun in PERP_NOUNS and p.count.value > 1 and not p.breakdown:
            out.append(
                TollStatement("perpetrators_count", p.count.value, p.count.qualifier, s, start + p.end, sentence)
            )
    _attackers_within_victims(out, phrases, start)
    counted = {st.field for st in out}
    for m in _NONE.finditer(chunk):
        what = next(g for g in m.groups() if g).casefold()
        s, e = start + m.start(), start + m.end()
        # "X escaped unharmed, but 17 people were killed": a none beside a count of the same field is about
        # one person (or another group), not the incident.
        if not what.startswith(("injur", "hurt", "wounded", "harm")) and "killed" not in counted:
            out.append(TollStatement("killed", 0, "exact", s, e, sentence))
        if not what.startswith(("loss", "death", "fatal", "killed", "human", "died")) and "wounded" not in counted:
            out.append(TollStatement("wounded", 0, "exact", s, e, sentence))
    # "Four gunmen killed 12 people before being shot dead by police": the counted attackers died too
    if (end_of_raiders := _RAIDERS_KILLED.search(chunk)) is not None and not any(
        st.field == "perpetrators_killed" for st in out
    ):
        raiders = [st for st in out if st.field == "perpetrators_count"]
        if raiders:
            s, e = raiders[0].start, start + end_of_raiders.end()
            out.append(TollStatement("perpetrators_killed", raiders[0].value, "exact", s, e, sentence, group=-1))
    attacker_spans: list[tuple[int, int]] = []
    for m in _ATTACKER_DIED.finditer(chunk):
        attacker_spans.append((m.start(), m.end()))
        if not any(st.field == "perpetrators_killed" for st in out):
            s, e = start + m.start(), start + m.end()
            out.append(TollStatement("perpetrators_killed", 1, "exact", s, e, sentence, group=-1))
    for m in _PAIR_PASSIVE.finditer(chunk):
        field = "killed" if m["kill"] else "wounded"
        if not any(st.field == field for st in out):
            out.append(TollStatement(field, 2, "exact", start + m.start(), start + m.end(), sentence))
    # One victim named without a count ("was shot dead", "killing him"), when nothing else counts that field
    # and it is not the attacker's own death ("the bomber was killed").
    for m in _SINGLE.finditer(chunk):
        field = "killed" if (m["kill"] or m["kill2"] or m["kill3"]) else "wounded"
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in attacker_spans):
            continue
        if not any(st.field == field for st in out) and not any(s <= start + m.start() < e for s, e in nones):
            # "shot dead Malik X and his driver": the named victim and one companion
            ahead = _NAME_AHEAD.match(chunk, m.end())
            pair = bool((m["kill2"] or m["wound2"]) and ahead and _AND_HIS_ONE.match(chunk, ahead.end()))
            more = bool(_ADDITIVE.search(chunk, max(0, m.start() - 12), m.end() + 12))  # "The driver was also killed"
            value = 2 if pair else 1
            if (m["kill"] or m["wound"]) and (companions := _WITH_COMPANIONS.match(chunk, m.end())) is not None:
                value += 2 if companions["second"] else 1  # "… was killed along with his son and a guard"
            out.append(
                TollStatement(field, value, "exact", start + m.start(), start + m.end(), sentence, additive=more)
            )
    return out


def sentence_totals(statements: list[TollStatement]) -> list[TollStatement]:
    """One statement per (sentence, field): conjoined counts add up, breakdowns do not, a stated toll wins.

    The total's span runs from its first to its last contributing count, so the evidence shows every part.
    """
    groups: dict[tuple[int, str, int], list[TollStatement]] = {}
    for st in statements:
        if st.breakdown and st.field in {"killed", "wounded"}:
            continue
        # Counts of attackers add up across a sentence; victims only within one verb's subjects, because a
        # run-on sentence ("… were killed, the army said, and killed three terrorists") may count twice.
        group = 0 if st.field == "perpetrators_count" else st.group
        groups.setdefault((st.sentence, st.field, group), []).append(st)
    out: list[TollStatement] = []
    for (_, field, _), parts in groups.items():
        updates = [p for p in parts if p.update]
        if updates:
            out.append(max(updates, key=lambda p: p.start))
            continue
        if field == "perpetrators_count":
            out.append(max(parts, key=lambda p: p.value))
            continue
        quals = {p.qualifier for p in parts}
        qualifier = "exact" if quals == {"exact"} else next(q for q in ("low", "vague", "high", "approx") if q in quals)
        total = replace(
            parts[0],
            value=sum(p.value for p in parts),
            qualifier=qualifier,
            end=max(p.end for p in parts),
            update=any(p.update for p in parts),
            additive=any(p.additive for p in parts),
        )
        out.append(total)
    return sorted(out, key=lambda s: s.start)
