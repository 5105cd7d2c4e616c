"""Turn one analysed document into reported events: codebook values, each backed by claims on text spans.

Per segment (see :mod:`tacitus.extract.segment`) the assembler picks the date, place, perpetrator, tolls and
types from what the analysis components found in that segment's sentences, and records every choice as a
`Claim` pointing at the characters it came from. Within-document toll rule (documented in
docs/extraction.md): figures are per-sentence totals; the best figure is the latest explicit update ("the
death toll rose to 30"), otherwise the first figure the report gives for the incident (leads state the
toll, later sentences break it down); low and high widen over every figure and its hedge, combined with
`tacitus.resolve.derive.toll_range`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from tacitus.actors import Actor, get_actors
from tacitus.extract import classify
from tacitus.extract.acled_types import Incident, acled_coding
from tacitus.extract.casualties import TollStatement
from tacitus.extract.dates import DateMention
from tacitus.extract.perpetrators import ActorMention, Attribution
from tacitus.extract.places import PlaceMention, ResolvedPlace, resolve_place, vocabulary_date
from tacitus.extract.segment import Segment, background_clauses, is_incident
from tacitus.extract.world_places import world_place
from tacitus.model import REPORT_DATASET, UNKNOWN_ACTOR, Claim, Record
from tacitus.resolve.derive import toll_range

TTP_FOUNDED: Final = dt.date(2007, 12, 1)
# A date that names the incident: "Friday's bombing", "the 16 December attack".
_ATTACHED: Final = re.compile(
    r"\s*(?:night\s+|morning\s+|evening\s+)?(?:attack|bombing|blast|explosion|massacre|assault|raid|ambush|shooting)s?\b",
    re.IGNORECASE,
)
# A date that tells when something was said, not when the incident happened: "officials said on Friday".
_REPORTED_ON: Final = re.compile(
    r"\b(?:said|says|told\s+\w+|announced|confirmed|reported|stated|added|claimed|disclosed|revealed)"
    r"(?:\s+\w+){0,2}?\s*$",
    re.IGNORECASE,
)
# "Officials on Tuesday raised the toll", "… on Tuesday, police said": the date of a statement.
_REPORTED_AFTER: Final = re.compile(
    r"\s*,?\s*(?:said|says|raised|revised|announced|confirmed|told|updated|put\s+the)\b", re.IGNORECASE
)
# The captives were killed: "their bodies were found", "shot them dead", "executed all the hostages".
_CAPTIVES_KILLED: Final = re.compile(
    r"\b(?:their|the)\s+(?:[\w-]+\s+){0,2}?bodies\s+(?:were|had\s+been|have\s+been)\s+(?:later\s+)?(?:found|recovered|dumped)"
    r"|\b(?:killed|shot|executed|beheaded|murdered)\s+(?:all\s+(?:of\s+)?)?(?:them|the\s+(?:hostages|captives))\b"
    r"|\bbodies\s+of\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+)?(?:abducted|kidnapped|hostages|captives)"
    # one captive: "the Levies recovered his bullet-riddled body", "her body was found two days later"
    r"|\b(?:found|recovered|dumped)\s+(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:body|bodies)\b"
    r"|\b(?:his|her)\s+(?:[\w-]+\s+){0,2}?body\s+(?:was|had\s+been|has\s+been)\s+(?:later\s+)?(?:found|recovered|dumped)",
    re.IGNORECASE,
)
# Types are read from the lead: the first sentences that report the incident (later ones add background).
LEAD_SENTENCES: Final = 4
_ATTRIBUTION_RANK: Final = {"claimed": 0, "attributed": 1, "suspected": 2}
_NAMED_TARGET: Final = re.compile(
    r"\b(?:[A-Z][\w'’.-]+\s+){1,5}(?:School|College|University|Mosque|Masjid|Imambargah|Shrine|Church|Temple|"
    r"Police\s+Station|Hospital|Hotel|Market|Bazaar|Club|Airport|Base|Headquarters|Camp|Academy|Centre|Center|"
    r"Complex|Office|Station|Court|Jail|Prison|Madrassa|Seminary|Chowk|Plaza)\b"
)
_TITLED_PERSON: Final = re.compile(
    r"\b(?:MPA|MNA|Senator|Minister|Maulana|Mufti|Malik|Justice|Judge|Dr\.?|Professor|SHO|DSP|SSP|Commander)\s+"
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})"
)


@dataclass
class Analysis:
    """What the components found in one document (document offsets throughout)."""

    doc_id: str
    text: str
    published: dt.date | None
    sentences: list[tuple[int, int]]
    dates: list[DateMention] = field(default_factory=list)
    tolls: list[TollStatement] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)


class _Builder:
    """Collects values and their claims for one record."""

    def __init__(self, analysis: Analysis) -> None:
        self.a = analysis
        self.values: dict[str, Any] = {}
        self.claims: list[Claim] = []

    def set(
        self, name: str, value: Any, spans: list[tuple[int, int]] | tuple[int, int] | None, confidence: float = 0.8
    ) -> None:
        self.values[name] = value
        if spans is None or value is None:
            return
        for s, e in [spans] if isinstance(spans, tuple) else spans:
            self.claim(name, value, s, e, confidence)

    def claim(self, name: str, value: Any, start: int, end: int, confidence: float = 0.8) -> None:
        self.claims.append(
            Claim(
                field=name,
                value=value.isoformat() if isinstance(value, dt.date) else value,
                source_kind="document",
                source_id=self.a.doc_id,
                start=start,
                end=end,
                quote=self.a.text[start:end],
                confidence=confidence,
                reported_at=self.a.published.isoformat() if self.a.published else None,
            )
        )


def _in(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


def _event_date(
    text: str, segment: Segment, dates: list[DateMention], incident: list[tuple[int, int]]
) -> DateMention | None:
    """The incident's date: a date attached to the incident's name ("Friday's bombing"), else the first of
    day/week/month precision in the incident's own sentences, then in the segment; a bare year only when
    nothing finer is given in an incident sentence."""
    usable = [d for d in dates if _in(segment.sentences, d.start) and not d.period and not d.future]
    attached = next((d for d in usable if _ATTACHED.match(text, d.end)), None)
    if attached is not None:
        return attached
    for pool in ([d for d in usable if _in(incident[:2], d.start)], usable[:3]):
        fine = [d for d in pool if d.precision != "year"]
        # "Officials said on Friday that ... on Thursday": the date of a statement is a report date.
        events = [
            d
            for d in fine
            if not _REPORTED_ON.search(text, max(0, d.start - 40), d.start) and not _REPORTED_AFTER.match(text, d.end)
        ] or fine
        if events:
            return _earliest_day(events, segment.sentences)
    return next((d for d in usable if d.precision == "year" and _in(incident[:1], d.start)), None)


def _earliest_day(dates: list[DateMention], sentences: list[tuple[int, int]]) -> DateMention:
    """The first date, or an earlier resolved day in the same sentence ("freed on Sunday ... a siege that
    began on Saturday"): an incident is dated by its start (GTD, UCDP)."""
    first = dates[0]
    if first.date is None or first.precision != "day":
        return first
    sentence = next(((s, e) for s, e in sentences if s <= first.start < e), (first.start, first.end))
    window = [
        d for d in dates[1:] if d.precision == "day" and d.date is not None and sentence[0] <= d.start < sentence[1]
    ]
    return min([first, *window], key=lambda d: d.date or dt.date.max)


def _resolve_actor(mention: ActorMention, date: dt.date | None) -> Actor:
    """A bare "Taliban" in a Pakistani report means the TTP once it exists, the Afghan Taliban before."""
    if mention.bare_taliban and (date is None or date >= TTP_FOUNDED):
        return get_actors().get("ttp") or mention.actor
    return mention.actor


def _same_count(attackers: TollStatement, lead: TollStatement) -> bool:
    """Whether the lead's figure already includes these attackers: the same sentence and the same verb."""
    return attackers.sentence == lead.sentence and attackers.group == lead.group


_REVISED: Final = re.compile(
    r"\b(?:later|now|final|finally|revised|overnight|(?:has|have|had)\s+since|had\s+(?:died|risen|climbed)|confirmed\s+dead|"
    r"by\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|evening|morning|night|nightfall|the\s+next\s+day)|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?:\w+\s+)?(?:said|put|raised|confirmed))\b",
    re.IGNORECASE,
)


def _sentence_before(text: str, pos: int) -> str:
    """The part of the sentence before `pos` (at most 120 characters)."""
    chunk = text[max(0, pos - 120) : pos]
    cut = max(chunk.rfind(". "), chunk.rfind("; "))
    return chunk[cut + 1 :] if cut >= 0 else chunk


def _toll(b: _Builder, name: str, statements: list[TollStatement], attackers: Sequence[TollStatement] = ()) -> None:
    """low/best/high for one toll field from its per-sentence statements (rule in the module docstring).

    Attackers' deaths stated apart are added to the killed (GTD convention) — but only attackers, not other
    perpetrator counts — and later statements marked as more victims are added to the lead's figure.
    """
    if not statements:
        b.values.update({f"{name}_low": None, f"{name}_best": None, f"{name}_high": None})
        return
    lead = next((s for s in statements if not s.update and s.qualifier != "vague"), statements[0])
    if name in {"killed", "wounded"} and not any(s.update for s in statements):
        # "By Tuesday, 40 people had died", "the final toll was 40": a later, higher figure stated as news revises
        # the lead's (GTD codes the final toll).
        statements = [
            replace(s, update=True)
            if s.sentence > lead.sentence
            and s.value > lead.value
            and not (s.additive or s.breakdown or s.qualifier == "vague")
            and _REVISED.search(_sentence_before(b.a.text, s.start) + b.a.text[s.start : s.end + 40])
            else s
            for s in statements
        ]
    updates = sorted((s for s in statements if s.update), key=lambda s: -s.start)
    first = updates[0] if updates else lead
    ordered = [first, *(s for s in statements if s is not first)]
    best_parts = [first]
    if not updates:
        # Victims reported as more victims in a later sentence ("two other students were also wounded") add up.
        best_parts += [
            s
            for s in statements
            if s.additive and (s.sentence > lead.sentence or (s.sentence == lead.sentence and s.group != lead.group))
        ]
    if name == "killed" and updates:
        # "the toll rose to 21, a count that does not include the bomber": only attackers set beside the update
        best_parts += [a for a in attackers if a.sentence == first.sentence and not _same_count(a, first)]
    elif name == "killed" and not any(_same_count(a, lead) for a in attackers):
        # Attackers who died, reported apart from the victims ("Four attackers also died", "ten soldiers were
        # killed and four attackers died"), join the lead's count (GTD counts perpetrators among the killed)
        # unless the lead already counted them (same sentence and same verb).
        counted = {(p.start, p.end) for p in best_parts}
        best_parts += [a for a in attackers if not _same_count(a, lead) and (a.start, a.end) not in counted]
    bests: list[int | None] = [sum(p.value for p in best_parts), *(s.value for s in ordered[1:] if s not in best_parts)]
    lows: list[int | None] = [s.value for s in statements if s.qualifier in {"low", "vague"}]
    highs: list[int | None] = [s.value for s in statements if s.qualifier == "high"]
    low, best, high = toll_range(lows, bests, highs)
    b.values.update({f"{name}_low": low, f"{name}_best": best, f"{name}_high": high})
    for s in best_parts:
        b.claim(f"{name}_best", best, s.start, s.end, 0.9 if s.qualifier == "exact" else 0.7)
    for s in statements:
        for suffix, value in (("low", low), ("high", high)):
            if s.value == value:
                b.claim(f"{name}_{suffix}", value, s.start, s.end, 0.9 if s.qualifier == "exact" else 0.7)


_SELF_DETONATION: Final = re.compile(r"\b(?:blew|blowing)\s+themselves\s+up\b", re.IGNORECASE)


def _self_detonation_before_toll(text: str, by_field: dict[str, list[TollStatement]]) -> tuple[int, int] | None:
    """"Two suicide bombers blew themselves up at the church. At least 81 people were killed": the lead reports the
    act, the next sentence its toll (GTD `nkill`: the figure the source gives for the incident). Bombers who blew
    themselves up before any victim is counted are, like a lone bomber's "blew himself up", no count of their own
    beside a later toll; the toll is coded as stated. Returns the span of the bombers' count, which stays their
    `perpetrators_killed` but is not added to the toll."""
    killed = by_field.get("killed", [])
    if not killed or not _SELF_DETONATION.search(text, killed[0].start, killed[0].end + 40):
        return None
    first = killed[0]
    later = [s for s in killed[1:] if s.sentence > first.sentence and not s.breakdown]
    if not later or any(s.sentence == first.sentence for s in killed[1:]):
        return None
    by_field["killed"] = killed[1:]
    return (first.start, first.end)


def _incident_sentences(a: Analysis, segment: Segment) -> list[tuple[int, int]]:
    """The sentences that report the incident, led by the one before the first of them (which often sets the
    scene: "On Dec. 16, seven gunmen entered a school in Peshawar.")."""
    first = [sp for sp in segment.sentences if sp[0] >= segment.anchor]
    incident = [sp for sp in first if is_incident(a.text[sp[0] : sp[1]])]
    head = [sp for sp in segment.sentences if sp[0] < segment.anchor]
    return head[-1:] + incident if head else incident


def build_records(a: Analysis, geocoder: Any) -> list[Record]:
    """All reported events in the analysed document: each main segment plus background incidents."""
    records: list[Record] = []
    for segment in a.segments:
        incident = _incident_sentences(a, segment)
        date = _event_date(a.text, segment, a.dates, incident)
        clauses = background_clauses(a.text, segment, date, a.dates)
        excluded = [c for c, _ in clauses]
        records.append(_record(a, segment.sentences, incident, date, excluded, geocoder, segment.anchor))
        for clause, clause_date in clauses:
            records.append(_record(a, [clause], [clause], clause_date, [], None, clause[0], background=True))
    return records


def _record(
    a: Analysis,
    sentences: list[tuple[int, int]],
    incident: list[tuple[int, int]],
    date: DateMention | None,
    excluded: list[tuple[int, int]],
    geocoder: Any,
    anchor: int,
    background: bool = False,
) -> Record:
    b = _Builder(a)
    inside = [sp for sp in sentences if not any(es <= sp[0] < ee for es, ee in excluded)]

    def here(pos: int) -> bool:
        return _in(inside, pos) and not _in(excluded, pos)

    # Time
    if date is not None:
        b.set("date", date.date, (date.start, date.end), 0.9)
        b.set("date_end", date.date_end if date.date_end != date.date else None, None)
        b.set("date_precision", date.precision, (date.start, date.end), 0.9)
        b.values["date_partial"] = date.partial
        if date.date is None:
            b.claim("date_precision", date.precision, date.start, date.end)
    else:
        b.values.update({"date": None, "date_end": None, "date_precision": None, "date_partial": None})
    event_day = date.date if date else a.published

    # Place
    resolved: ResolvedPlace | None = None
    if not background:
        place_sentences = incident[:2] + [sp for sp in inside if sp not in incident[:2]][:2]
        admin_day = event_day or vocabulary_date(a.text)
        mentions = [p for p in a.places if here(p.start)]
        resolved = resolve_place(a.text, place_sentences, mentions, geocoder, admin_day)
        if resolved is None:  # a report from outside Pakistan: its city or country, from the text
            resolved = world_place(a.text, place_sentences, mentions)
    _set_place(b, resolved)

    # Who
    ties = sorted(
        (t for t in a.attributions if here(t.mention.start)),
        key=lambda t: (t.weak, _ATTRIBUTION_RANK[t.attribution], t.mention.start),
    )
    if ties:
        tie = ties[0]
        actor = _resolve_actor(tie.mention, event_day)
        mention_span = (tie.mention.start, tie.mention.end)
        b.set("perpetrator", actor.label, [mention_span])
        # a group the text names that the dictionary does not hold has no id (its name is still the perpetrator)
        b.set("perpetrator_id", actor.id or None, [mention_span])
        b.set("attribution", tie.attribution, [(tie.cue_start, tie.cue_end)])
        b.set("claimed", tie.attribution == "claimed", [(tie.cue_start, tie.cue_end)])
        b.values["actor1"] = actor.label
    else:
        b.values.update(perpetrator=UNKNOWN_ACTOR, perpetrator_id=None, attribution=None, claimed=False, actor1=None)

    # Tolls
    statements = [s for s in a.tolls if here(s.start)]
    by_field: dict[str, list[TollStatement]] = {}
    for s in statements:
        by_field.setdefault(s.field, []).append(s)
    if (
        not by_field.get("killed")
        and by_field.get("abducted")
        and any(_CAPTIVES_KILLED.search(a.text, s, e) for s, e in inside)
    ):
        # "Militants abducted 16 labourers …; their bodies were found the next day": the captives are the dead.
        by_field["killed"] = by_field["abducted"][:1]
    within = _self_detonation_before_toll(a.text, by_field)
    if by_field.get("killed"):
        attackers = [p for p in by_field.get("perpetrators_killed", []) if (p.start, p.end) != within]
        _toll(b, "killed", by_field["killed"], attackers)
    else:  # "the bomber was the only person killed": the attackers are the only dead
        _toll(b, "killed", by_field.get("perpetrators_killed", []))
    _toll(b, "wounded", by_field.get("wounded", []))
    if b.values["killed_best"] is None and b.values["wounded_best"] is not None:
        # A report that counts the wounded and names no deaths reports none (GTD codes 0, not unknown).
        wounded = by_field["wounded"][0]
        b.values.update(killed_low=0, killed_best=0, killed_high=0)
        b.claim("killed_best", 0, wounded.start, wounded.end, 0.5)
    for name in ("perpetrators_killed", "perpetrators_count"):
        found = by_field.get(name, [])
        b.set(name, max(s.value for s in found) if found else None, [(s.start, s.end) for s in found])

    # What
    spans = (incident or inside)[:LEAD_SENTENCES]
    lead = [sp for sp in spans if sp[0] <= anchor] or spans[:1]
    attack, attack_cues = classify.attack_type(a.text, spans, b.values["killed_best"], lead, inside[:6])
    b.set("attack_type", attack, [(c.start, c.end) for c in attack_cues[:3]])
    named = _named_target(a.text, spans)
    b.set("target", named[0] if named else None, [named[1]] if named else None)
    # The perpetrator's own name is never a target cue ("Lashkar" in "Lashkar-e-Jhangvi claimed …").
    perp_id = b.values.get("perpetrator_id")
    actor_spans = [(m.start, m.end, "perpetrator" if m.actor.id == perp_id else m.actor.kind) for m in a.actors]
    target, target_cue = classify.target_type(a.text, spans, actor_spans, named[1] if named else None)
    b.set("target_type", target, [(target_cue.start, target_cue.end)] if target_cue else None)
    is_suicide, suicide_cue = classify.suicide(a.text, inside)
    b.set("suicide", is_suicide, [(suicide_cue.start, suicide_cue.end)] if suicide_cue else None)
    weapon, weapon_cue = classify.weapon_type(a.text, spans, attack)
    b.set("weapon_type", weapon, [(weapon_cue.start, weapon_cue.end)] if weapon_cue else None)
    succeeded, failure_cue = classify.success(a.text, spans, attack, b.values["killed_best"])
    b.set("success", succeeded, [(failure_cue.start, failure_cue.end)] if failure_cue else None)
    kinds = [(m.start, m.end, m.actor.kind) for m in a.actors]
    wounded = b.values["wounded_best"]
    incident_facts = Incident(attack, target, is_suicide, succeeded, b.values["killed_best"], wounded, kinds)
    acled = acled_coding(a.text, spans, incident_facts)
    cue_spans = [(c.start, c.end) for c in acled.cues] or [(c.start, c.end) for c in attack_cues[:1]]
    b.set("event_type", acled.event_type, cue_spans, 0.6)
    b.set("sub_event_type", acled.sub_event_type, cue_spans, 0.6)
    b.values.update(inter1=acled.inter1, inter2=acled.inter2, interaction=acled.interaction)
    b.set("type_of_violence", classify.violence_type(target), None)
    b.values["background"] = background
    return Record(
        dataset=REPORT_DATASET, record_id=f"{a.doc_id}@{anchor}", values=b.values, claims=b.claims, doc_id=a.doc_id
    )


def _set_place(b: _Builder, resolved: ResolvedPlace | None) -> None:
    names = ("place", "admin1", "admin2", "country", "country_code", "latitude", "longitude", "geo_precision")
    if resolved is None:
        b.values.update(dict.fromkeys(names))
        return
    p, m = resolved.place, resolved.mention
    span = [(m.start, m.end)]
    context = [(c.start, c.end) for c in resolved.context]
    b.set("place", p.name, span)
    b.set("admin1", p.admin1, span + context, 0.7)
    b.set("admin2", p.admin2, span + context, 0.7)
    b.set("country", p.country, span, 0.7)
    b.set("country_code", p.country_code, span, 0.7)
    b.set("latitude", p.latitude, span, 0.7)
    b.set("longitude", p.longitude, span, 0.7)
    b.set("geo_precision", p.geo_precision, span, 0.7)


def _named_target(text: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[int, int]] | None:
    for s, e in spans[:2]:
        for pattern, group in ((_NAMED_TARGET, 0), (_TITLED_PERSON, "name")):
            m = pattern.search(text, s, e)
            if m:
                return m.group(group), m.span(group)
    return None
