"""ACLED event type, sub-event type and actor types of a reported event, by ACLED's own precedence.

Cues for each of the 25 sub-event types (and the context cues the precedence needs) live in
``tacitus/data/rules/acled_cues.yaml``, actor-type words in ``acled_actors.yaml``; each entry cites the ACLED Codebook
section it implements. This module finds every cue with its span in the incident's sentences, then applies the
codebook's order for an event that fits several types (docs/extraction.md, "ACLED event types"):

1. A demonstration (named, or known by stones thrown or tear gas fired) is a protest or a riot (ACLED Codebook,
   "Protests" and "Riots"): violent demonstrators make a Violent demonstration, whatever the authorities did; else
   lethal or serious force makes Excessive force against protesters, dispersal or arrests a Protest with
   intervention, and nothing of the kind a Peaceful protest. Only a bomb, grenade, air strike or chemical attack on
   a gathering whose people were not violent is coded as that remote violence instead.
2. A crowd with no demonstrative purpose that attacks people or property is Mob violence ("Riots"): a mob named as
   such, or unarmed people (residents, youths, a group of passengers) named as the ones who did the violence;
   demonstrators named so (supporters, activists) make it a Violent demonstration.
3. A device defused, a missile intercepted or a cache seized is Disrupted weapons use when nobody was hurt
   ("Strategic developments"): the explosion it prevented did not happen.
4. A change of territory: taken without a fight, a Non-violent transfer of territory; taken by force, Government
   regains territory when state forces take it and Non-state actor overtakes territory otherwise ("Battles").
5. Remote violence ("Explosions/Remote violence"), the most specific device first: Chemical weapon, Suicide bomb,
   Air/drone strike, Shelling/artillery/missile attack, Grenade, Remote explosive/landmine/IED.
6. Sexual violence first, whatever else happened ("Violence against civilians"); then fighting between armed
   groups, or violence whose victims were armed, is an Armed clash ("Battles"); then Abduction/forced disappearance
   unless someone was killed, and Attack for other violence against unarmed people.
7. Strategic developments last, for events with no violence reported: the first such act the report names.

The lead sentence decides the event type when its own cues decide one (later sentences are often background:
"… arrested 40 supporters. The party had led violent protests the year before"); the other sentences of the
incident still refine the sub-type within that type ("… gathered in the square. Police arrested dozens of them").

Where no ACLED cue decides, the GTD attack type coded for the same incident is translated by the export crosswalk's
rules (a bombing is a remote explosive, a kidnapping an abduction, an armed assault on police or soldiers a clash,
on others an attack).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from tacitus.export.acled import crosswalk, infer_event_type
from tacitus.extract.rules import load_cue_sets
from tacitus.model import ACLED_EVENT_TYPES

_I = re.IGNORECASE
CUES: Final[dict[str, re.Pattern[str]]] = {s.label: s.compiled() for s in load_cue_sets("acled_cues")}
# Actor-type words with their ACLED inter code (the set's weight), in file order.
ACTOR_CUES: Final[tuple[tuple[str, int, re.Pattern[str]], ...]] = tuple(
    (s.label, s.weight, s.compiled()) for s in load_cue_sets("acled_actors")
)
PARENT: Final[dict[str, str]] = {sub: parent for parent, subs in ACLED_EVENT_TYPES.items() for sub in subs}
CONTEXT_LABELS: Final = frozenset(
    {"demonstration", "crowd_violence", "crowd_control", "crowd", "civilians", "combatants"}
)

REMOTE_ORDER: Final = (
    "Chemical weapon",
    "Suicide bomb",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Grenade",
    "Remote explosive/landmine/IED",
)
# Remote violence that outranks a demonstration: an attack on the gathering with these is coded as that attack.
_ON_GATHERING: Final = (
    "Chemical weapon", "Suicide bomb", "Air/drone strike", "Grenade", "Remote explosive/landmine/IED"
)  # fmt: skip
# Ties among strategic developments at the same position: the more specific first.
STRATEGIC_ORDER: Final = (
    "Agreement",
    "Arrests",
    "Non-violent transfer of territory",
    "Headquarters or base established",
    "Looting/property destruction",
    "Change to group/activity",
    "Other",
)
# A bomb that went off in its makers' hands is a disrupted use even though someone died (the makers).
_PREMATURE: Final = re.compile(r"prematurely|planting|assembling|making|handling", _I)
_WENT_OFF: Final = re.compile(r"\b(?:exploded|explosions?|blasts?|went\s+off|detonated|blew\s+up|struck|hit)\b", _I)
_GRAVE: Final = re.compile(r"grave|remains|skeleton|exhum|burial", _I)
_WITHOUT_FIGHT: Final = re.compile(r"without|unopposed|uncontested", _I)
# Acts of the demonstrators that are mutual (both sides fought): a riot whoever is named first.
_MUTUAL: Final = re.compile(r"clash|scuffl|fought", _I)
_KILLING: Final = re.compile(
    r"\b(?:killed|killing|kills|shot\s+dead|murdered|executed|beheaded|massacred|died|dead|slain|wounded|injured|"
    r"injuring|wounding|hurt|beaten|beat|tortured|hacked|stabbed)\b",
    _I,
)
# A cue negated or named as a topic is no act: "no arrests were made", "a protest organiser", "before a planned rally".
_NEGATED: Final = re.compile(r"\b(?:no|not|never|nor)\s+(?:[\w-]+\s+)?$", _I)
_TOPIC_BEFORE: Final = re.compile(
    r"\b(?:planned|upcoming|proposed|ahead\s+of\s+(?:a|an|the)|before\s+(?:a|an|the)|in\s+support\s+of|support\s+for)\s+"
    r"(?:[\w'’-]+\s+){0,3}$",
    _I,
)
_TOPIC_AFTER: Final = re.compile(r"\s+(?:organi[sz]ers?|leaders?|movements?|groups?|toolkit|songs?|slogans?)\b", _I)
_PASSIVE: Final = re.compile(r"\b(?:was|were|been|being|got)\s+$", _I)
_OWN_ACCORD: Final = re.compile(r"\s+(?:on\s+their\s+own|peacefully|voluntarily|quietly|without\s+incident)", _I)
# Violence named as the cause or background of this event: "arrested over the bombing that killed 12", "marched to
# protest the killing of a student", "accused of the murder of".
_CAUSE_BEFORE: Final = re.compile(
    r"\b(?:over|protest(?:ing|ed)?(?:\s+against)?|in\s+connection\s+with|accused\s+of|suspected\s+of|charged\s+with|"
    r"linked\s+to|in\s+retaliation\s+for|condemn(?:ing|ed)?|mourn(?:ing|ed)?|denounc(?:ing|ed))\s+"
    r"(?:the|a|an|its|his|her|their)\s+(?:[\w-]+\s+){0,3}$",
    _I,
)
_VIOLENT_LABELS: Final = frozenset(
    {*ACLED_EVENT_TYPES["Battles"], *ACLED_EVENT_TYPES["Explosions/Remote violence"],
     *ACLED_EVENT_TYPES["Violence against civilians"], "Excessive force against protesters", "combatants"}
)  # fmt: skip
# Past perfect marks background: "clans whose militias had fought over land signed a truce".
_BACKGROUND: Final = re.compile(r"\bhad\s+(?:[\w-]+\s+)?$", _I)
_CLAUSE: Final = re.compile(r"[,;:.]\s|\s(?:and|but|while|as|after|before|when)\s", _I)
# The source of the report, not an actor in it: "police said", "officials told reporters".
_SOURCE: Final = re.compile(r"\s*(?:\w+\s+)?(?:said|say|says|told|reported|confirmed|added|claimed)\b", _I)
_BY_AGENT: Final = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+|suspected\s+|unidentified\s+|unknown\s+)*$", _I)
_ARMED_TARGETS: Final = frozenset({"police", "military", "terrorists_non_state_militia"})
_STATE_LED: Final = frozenset(
    {"Air/drone strike", "Arrests", "Government regains territory", "Protest with intervention",
     "Excessive force against protesters", "Disrupted weapons use"}
)  # fmt: skip


@dataclass(frozen=True)
class Hit:
    """One cue found in the text: its label and document span."""

    label: str
    start: int
    end: int


@dataclass(frozen=True)
class AcledCoding:
    """An event's ACLED coding: types, the spans that decided them, and the actor types (inter codes)."""

    event_type: str | None
    sub_event_type: str | None
    cues: list[Hit] = field(default_factory=list)
    inter1: int | None = None
    inter2: int | None = None

    @property
    def interaction(self) -> int | None:
        """ACLED's interaction code: the two inter codes, lower first ("12"); a sole actor's code times ten."""
        if self.inter1 is None:
            return None
        if not self.inter2:
            return self.inter1 * 10
        low, high = sorted((self.inter1, self.inter2))
        return low * 10 + high


@dataclass(frozen=True)
class Incident:
    """What the rest of the extractor coded for the incident, which the precedence consults."""

    attack: str = "unknown"
    target: str = "unknown"
    suicide: bool = False
    succeeded: bool = True
    killed: int | None = None
    wounded: int | None = None
    actor_kinds: Sequence[tuple[int, int, str]] = ()

    @property
    def hurt(self) -> bool:
        return bool(self.killed) or bool(self.wounded)


def find_hits(text: str, spans: Sequence[tuple[int, int]]) -> dict[str, list[Hit]]:
    """Every ACLED cue in `spans`, by label, in text order."""
    found: dict[str, list[Hit]] = {}
    for s, e in spans:
        for label, pattern in CUES.items():
            for m in pattern.finditer(text, s, e):
                before = text[max(s, m.start() - 40) : m.start()]
                if _NEGATED.search(before) or (label == "Armed clash" and _BACKGROUND.search(before)):
                    continue
                if label in _VIOLENT_LABELS and _CAUSE_BEFORE.search(text, max(s, m.start() - 80), m.start()):
                    continue
                if label == "demonstration" and (_TOPIC_BEFORE.search(before) or _TOPIC_AFTER.match(text, m.end())):
                    continue
                if label == "crowd_control" and _OWN_ACCORD.match(text, m.end()):
                    continue  # "dispersed peacefully", "before dispersing on their own": nobody intervened
                found.setdefault(label, []).append(Hit(label, m.start(), m.end()))
    return {k: sorted(v, key=lambda h: h.start) for k, v in found.items()}


_EVENT_WORDS: Final = re.compile(
    "|".join(f"(?:{p.pattern})" for label, p in CUES.items() if label not in CONTEXT_LABELS), _I
)
# Planned, hypothetical or called-for acts are not events ("will protest", "threatened to strike").
_PLANNED: Final = re.compile(
    r"\b(?:will|could|should|might|may|must|plans?\s+to|planning\s+to|intends?\s+to|threaten(?:ed|s)?\s+to|"
    r"vow(?:ed|s)?\s+to|call(?:ed|s)?\s+for|urged?|if|unless)\b[^.;]{0,40}$"
)


def reports_event(sentence: str) -> bool:
    """Whether the sentence reports an act of some ACLED type (a protest, an arrest, an agreement, …) that happened."""
    for m in _EVENT_WORDS.finditer(sentence):
        if not _PLANNED.search(sentence[max(0, m.start() - 60) : m.start()]):
            return True
    demo = CUES["demonstration"].search(sentence)
    return demo is not None and not _PLANNED.search(sentence[max(0, demo.start() - 60) : demo.start()])


def _sentence_of(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((s, e) for s, e in spans if s <= pos < e), (pos, pos))


def _actors_before(
    text: str, hit: Hit, spans: Sequence[tuple[int, int]], kinds: Sequence[tuple[int, int, str]] = ()
) -> list[tuple[int, str]]:
    """(position, actor-type label) of the actors named in the cue's clause before it; a word inside a longer
    actor phrase ("men" in "armed men") or inside a dictionary actor's name ("Army" in "Arakan Army") gives way."""
    s, _ = _sentence_of(spans, hit.start)
    before = text[s : hit.start]
    cut = [m.end() for m in _CLAUSE.finditer(before)]
    offset = s + (cut[-1] if cut else 0)
    spans_found: list[tuple[int, int, str]] = [
        (a, b, "state_forces" if kind_inter(kind) == 1 else "rebel_groups")
        for a, b, kind in kinds
        if kind_inter(kind) and offset <= a < hit.start
    ]
    for label, _, pattern in ACTOR_CUES:
        spans_found += [
            (m.start(), m.end(), label)
            for m in pattern.finditer(text, offset, hit.start)
            if not _SOURCE.match(text, m.end())
        ]
    kept = [
        (a, label)
        for a, b, label in spans_found
        if not any((c <= a and b <= d) and (c, d) != (a, b) for c, d, _ in spans_found)
        and not any(c <= a and b <= d and (c, d) != (a, b) for c, d, _ in spans_found[: len(kinds)])
    ]
    return sorted(kept)


def _agent(
    text: str, hit: Hit, spans: Sequence[tuple[int, int]], kinds: Sequence[tuple[int, int, str]] = ()
) -> str | None:
    """Who acts in a cue's clause: "state" when state forces are named before the cue ("troops and clan fighters
    took …"), "other" when only other armed actors are, else None."""
    labels = {label for _, label in _actors_before(text, hit, spans, kinds)} - {"civilians", "external_other"}
    if "state_forces" in labels:
        return "state"
    return "other" if labels else None


# What a crowd does to people, in the active voice ("residents beat two men", not "two men were beaten").
_CROWD_ACT: Final = re.compile(
    r"(?<!was\s)(?<!were\s)(?<!been\s)(?<!being\s)\b(?:beat|killed|stabbed|hacked|lynched|assaulted|chased|stoned|"
    r"fought|seized|dragged|poured|burned|burnt|torched|set\s+upon)\b",
    _I,
)
_ARMED_BEFORE: Final = re.compile(r"(?:armed|masked|uniformed)\s+$", _I)
_BY_CROWD: Final = re.compile(
    r"\bby\s+(?:a\s+|an\s+|the\s+)?(?:group|crowd|gang|band|mob)s?\s+of\s+(?!(?:armed|masked|gunmen|soldiers|police))",
    _I,
)


def _crowd(
    text: str, hit: Hit, spans: Sequence[tuple[int, int]], kinds: Sequence[tuple[int, int, str]] = ()
) -> str | None:
    """The kind of crowd that committed a violent act, when a crowd did: "protesters" (a demonstration's people:
    supporters, activists, strikers) or "rioters" (a mob, residents, youths, a group of men); None when the nearest
    actor before the act is armed, or none is named and no "by a group of …" follows."""
    before = _actors_before(text, hit, spans, kinds)
    armed = [(a, label) for a, label in before if label not in {"civilians", "rioters"}]
    s, e = _sentence_of(spans, hit.start)
    cut = [m.end() for m in _CLAUSE.finditer(text, s, hit.start)]
    crowds = [
        (m.start(), "rioters")
        for m in CUES["crowd"].finditer(text, cut[-1] if cut else s, hit.start)
        if not _ARMED_BEFORE.search(text, max(0, m.start() - 12), m.start())
    ]
    named = sorted(armed + crowds)
    if named:
        label = named[-1][1]
        return label if label in {"rioters", "protesters"} else None
    return "rioters" if _BY_CROWD.search(text, hit.end, e) else None


def _demonstration(text: str, found: dict[str, list[Hit]], spans: Sequence[tuple[int, int]]) -> Hit:
    """The protest or riot sub-type of a demonstration (step 1 of the module docstring)."""
    if found.get("Violent demonstration"):
        return found["Violent demonstration"][0]
    for hit in found.get("crowd_violence", []):
        # "police stormed the camp": the authorities acted, not the demonstrators (mutual fights count either way)
        if _MUTUAL.match(text, hit.start) or _agent(text, hit, spans) != "state":
            return Hit("Violent demonstration", hit.start, hit.end)
    if found.get("Excessive force against protesters"):
        return found["Excessive force against protesters"][0]
    # "residents blocked a road": an act of the demonstrators, not of the authorities ("were arrested" is passive)
    control = found.get("Protest with intervention", []) + [
        h
        for h in found.get("crowd_control", [])
        if _PASSIVE.search(text, max(0, h.start - 12), h.start) or _crowd(text, h, spans) is None
    ]
    if control:
        first = min(control, key=lambda h: h.start)
        return Hit("Protest with intervention", first.start, first.end)
    first = min(found.get("demonstration", []) + found.get("Violent demonstration", []), key=lambda h: h.start)
    return Hit("Peaceful protest", first.start, first.end)


def _territory(
    text: str,
    found: dict[str, list[Hit]],
    spans: Sequence[tuple[int, int]],
    kinds: Sequence[tuple[int, int, str]],
    hurt: bool,
) -> Hit | None:
    """Step 4: a change of control of a place, without or with fighting, and by whom."""
    taken = found.get("Government regains territory", []) + found.get("Non-state actor overtakes territory", [])
    moves = found.get("Non-violent transfer of territory", [])
    quiet = [h for h in moves if _WITHOUT_FIGHT.match(text, h.start)]
    if quiet and (taken or len(quiet) < len(moves)):
        return quiet[0]  # "entered the town without resistance" ("arrested him without a shot" is no transfer)
    if not taken:
        return None
    fought = hurt or "Armed clash" in found or any(label in found for label in REMOTE_ORDER)
    if moves and not fought:
        return moves[0]  # "took over the town after the troops withdrew": nobody fought for it
    hit = min(taken, key=lambda h: h.start)
    agent = _agent(text, hit, spans, kinds)
    if hit.label == "Non-state actor overtakes territory" and agent == "state":
        return Hit("Government regains territory", hit.start, hit.end)
    if hit.label == "Government regains territory" and agent == "other":
        return Hit("Non-state actor overtakes territory", hit.start, hit.end)
    return hit


def _victims_armed(text: str, found: dict[str, list[Hit]], incident: Incident) -> bool:
    """Whether the people attacked were armed (a battle) rather than civilians (ACLED: Battles vs. Violence against
    civilians): the GTD target when one was coded, else the victim word nearest after the first killing."""
    if incident.target in _ARMED_TARGETS:
        return True
    if incident.target not in {"unknown", "other"}:
        return False
    combatants, civilians = found.get("combatants", []), found.get("civilians", [])
    if not combatants:
        return False
    if not civilians:
        return True
    kill = _KILLING.search(text, min(h.start for h in combatants + civilians))
    after = kill.end() if kill else 0
    nearest = min(
        (h for h in combatants + civilians if h.start >= after), key=lambda h: h.start, default=combatants[0]
    )
    return nearest.label == "combatants"


def _from_gtd(incident: Incident, anchor: list[Hit]) -> Hit | None:
    """The GTD attack type translated by the export crosswalk's rules (src/tacitus/export/acled_crosswalk.yaml),
    where no ACLED cue decided."""
    inferred = infer_event_type(
        {"attack_type": incident.attack, "suicide": incident.suicide, "target_type": incident.target}
    )
    if inferred is None:
        return None
    start, end = (anchor[0].start, anchor[0].end) if anchor else (0, 0)
    return Hit(inferred[1], start, end)


def kind_inter(kind: str) -> int | None:
    """ACLED inter code of an actor-dictionary kind, by the export crosswalk's actor types and ACLED's order."""
    walk = crosswalk()
    name = walk.actor_types.get(kind)
    return walk.type_order.index(name) + 1 if name in walk.type_order else None


def _harm_is_cause(text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether every killing or wounding word in `spans` names the event's cause ("over the bombing that killed")."""
    causes = [
        _CAUSE_BEFORE.search(text, max(s, m.start() - 80), m.start()) is not None
        for s, e in spans
        for m in _KILLING.finditer(text, s, e)
    ]
    return bool(causes) and all(causes)


def _sub_event(text: str, spans: Sequence[tuple[int, int]], incident: Incident, cues_only: bool = False) -> Hit | None:
    """The deciding cue, labelled with the sub-event type, by the precedence in the module docstring; with
    `cues_only`, None where only the GTD translation or the bare fact of casualties would decide."""
    found = find_hits(text, spans)
    first_two = spans[:2]
    if incident.hurt and _harm_is_cause(text, spans):
        incident = replace(incident, killed=None, wounded=None)  # the only deaths are the cause, not this event
    if incident.suicide and "Suicide bomb" not in found:  # the GTD suicide flag has its own, wider cues
        found["Suicide bomb"] = found.get("Remote explosive/landmine/IED", [Hit("", 0, 0)])[:1]
    remote = [label for label in REMOTE_ORDER if label in found]

    def top(label: str) -> Hit:
        h = found[label][0]
        return Hit(label, h.start, h.end)

    # 1. a demonstration (named, or known by its violence or its policing: stones thrown, tear gas fired)
    gathering = [found.get(k, []) for k in ("demonstration", "Violent demonstration", "Protest with intervention")]
    demo = [h for hits in gathering for h in hits if any(s <= h.start < e for s, e in first_two)]
    if demo:
        attack_on_it = next((label for label in _ON_GATHERING if label in remote), None)
        if attack_on_it and not found.get("Violent demonstration"):
            return top(attack_on_it)
        return _demonstration(text, found, spans)
    # 2. a mob: a crowd named as such, or people with no arms named as the ones who did the violence
    if not any(label in remote for label in _ON_GATHERING):
        if "Mob violence" in found:
            return top("Mob violence")
        acts = found.get("crowd_violence", []) + found.get("Attack", []) + found.get("Looting/property destruction", [])
        acts += [Hit("", m.start(), m.end()) for s, e in first_two for m in _CROWD_ACT.finditer(text, s, e)]
        for act in sorted(acts, key=lambda h: h.start):
            crowd = _crowd(text, act, spans, incident.actor_kinds)
            if crowd is not None:
                label = "Violent demonstration" if crowd == "protesters" else "Mob violence"
                return Hit(label, act.start, act.end)
    # 3. a weapon's use prevented
    disrupted = found.get("Disrupted weapons use", [])
    went_off = [m.start() for s, e in spans for m in _WENT_OFF.finditer(text, s, e)]
    if disrupted and (
        not incident.hurt
        or any(_PREMATURE.search(text, h.start, h.end) for h in disrupted)
        or disrupted[0].start < min(went_off, default=len(text))  # "defused a mine; mines have killed dozens"
    ):
        return top("Disrupted weapons use")
    if remote and not incident.succeeded and incident.attack == "bombing_explosion":
        return Hit("Disrupted weapons use", found[remote[0]][0].start, found[remote[0]][0].end)
    # 4. territory
    territory = _territory(text, found, spans, incident.actor_kinds, incident.hurt)
    if territory is not None:
        return territory
    # 5. remote violence
    if remote:
        return top(remote[0])
    # 6. battles and violence against civilians
    if "Sexual violence" in found:
        return top("Sexual violence")
    if "Armed clash" in found:
        return top("Armed clash")
    # the victims named with the act ("executed five civilians") outrank the victims inferred for the incident
    named = [h for h in found.get("Attack", []) if CUES["civilians"].search(text, h.start, h.end)]
    if named:
        return Hit("Attack", named[0].start, named[0].end)
    # a grave found is a development, not the killing that filled it ("Other")
    graves = [h for h in found.get("Other", []) if _GRAVE.search(text, h.start, h.end)]
    if graves and not found.get("Attack"):
        return Hit("Other", graves[0].start, graves[0].end)
    violent = incident.hurt or "Attack" in found
    if violent and _victims_armed(text, found, incident) and incident.attack != "hostage_taking_kidnapping":
        return Hit("Armed clash", *_span(found, "combatants"))
    if "Abduction/forced disappearance" in found and not incident.killed:
        return top("Abduction/forced disappearance")
    if "Attack" in found:
        return top("Attack")
    # 7. strategic developments
    strategic = [h for label in STRATEGIC_ORDER for h in found.get(label, [])]
    if strategic and not incident.hurt:
        first = min(strategic, key=lambda h: (h.start, STRATEGIC_ORDER.index(h.label)))
        return first
    if cues_only:
        return None
    gtd = _from_gtd(incident, [h for hits in found.values() for h in hits][:1])
    if gtd is not None:
        return gtd
    if "Abduction/forced disappearance" in found:
        return top("Abduction/forced disappearance")
    if incident.hurt:
        return Hit("Attack", *_span(found, "civilians"))
    return min(strategic, key=lambda h: h.start) if strategic else None


def _span(found: dict[str, list[Hit]], label: str) -> tuple[int, int]:
    hits = found.get(label, [])
    return (hits[0].start, hits[0].end) if hits else (0, 0)


def _actor_mentions(
    text: str, spans: Sequence[tuple[int, int]], kinds: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, bool]]:
    """(position, inter code, named as the agent with "by …") of every actor-type word and dictionary actor."""
    out: list[tuple[int, int, bool]] = []
    taken: list[tuple[int, int]] = []
    for start, end, kind in kinds:
        code = kind_inter(kind)
        if code and any(s <= start < e for s, e in spans):
            out.append((start, code, bool(_BY_AGENT.search(text[max(0, start - 30) : start]))))
            taken.append((start, end))
    for s, e in spans:
        for _, code, pattern in ACTOR_CUES:
            for m in pattern.finditer(text, s, e):
                if any(a <= m.start() < b for a, b in taken) or _SOURCE.match(text, m.end()):
                    continue
                taken.append((m.start(), m.end()))
                out.append((m.start(), code, bool(_BY_AGENT.search(text[max(0, m.start() - 30) : m.start()]))))
    return sorted(out)


def actor_types(
    text: str, spans: Sequence[tuple[int, int]], sub_event: str, kinds: Sequence[tuple[int, int, str]] = ()
) -> tuple[int | None, int | None]:
    """ACLED inter1 and inter2 for an event of type `sub_event` (ACLED Codebook, "Actors" and "Interaction").

    The event type fixes what it can: demonstrators are protesters (6) in a protest and rioters (5) in a riot,
    the victims of violence against civilians are civilians (7), civilians are never actor 1. Otherwise actor 1
    is the agent ("… by troops") or the first actor named, actor 2 the first actor of another type.
    """
    parent = PARENT[sub_event]
    mentions = _actor_mentions(text, spans, kinds)
    armed = [(pos, code, by) for pos, code, by in mentions if code not in {5, 6, 7}]
    state = any(code == 1 for _, code, _ in armed)
    if parent == "Protests":
        return 6, (1 if sub_event != "Peaceful protest" or state else None)
    if parent == "Riots":
        if sub_event == "Violent demonstration":
            return 5, (1 if state else None)
        others = [code for _, code, _ in mentions if code not in {5, 6}]
        return 5, (others[0] if others else 7)
    agents = [m for m in armed if m[2]] or armed
    inter1 = agents[0][1] if agents else (1 if sub_event in _STATE_LED else (3 if parent != "Strategic developments"
                                                                              else None))
    if parent == "Violence against civilians":
        return inter1, 7
    rest = [code for _, code, _ in mentions if code != inter1 and code not in {5, 6}]
    if parent == "Strategic developments" and sub_event not in {"Agreement", "Arrests"}:
        rest = [code for code in rest if code != 7]
    return inter1, (rest[0] if rest else None)


def acled_coding(text: str, spans: Sequence[tuple[int, int]], incident: Incident | None = None) -> AcledCoding:
    """The ACLED coding of the incident reported in `spans` (document offsets, lead first)."""
    incident = incident or Incident()
    hit = _sub_event(text, spans, incident)
    if len(spans) > 1:
        # The lead sentence decides the event type when its own cues do ("Police arrested 40 supporters …. The party
        # had led violent protests the year before"); the later sentences still refine the sub-type within that
        # type ("… gathered in the square. Police arrested dozens of them."). The toll counts in the lead only
        # when the lead itself reports harm.
        harmed = _KILLING.search(text, spans[0][0], spans[0][1]) is not None and not _harm_is_cause(text, spans[:1])
        alone = replace(
            incident, killed=incident.killed if harmed else None, wounded=incident.wounded if harmed else None
        )
        lead = _sub_event(text, spans[:1], alone, cues_only=True)
        if lead is not None and (hit is None or PARENT.get(hit.label) != PARENT[lead.label]):
            hit = lead
    if hit is None or not hit.label:
        return AcledCoding(None, None)
    inter1, inter2 = actor_types(text, spans[:2], hit.label, incident.actor_kinds)
    cues = [hit] if hit.end > hit.start else []
    return AcledCoding(PARENT[hit.label], hit.label, cues, inter1, inter2)
