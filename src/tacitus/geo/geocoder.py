"""Resolving place names to points and dated admin units.

Ranking, in order of weight:

1. how well the name matches (exact key > consonant skeleton > fuzzy);
2. context: the admin unit or province named next to the mention ("Khar, Bajaur"), and
   nearness to other places named in the same text;
3. the classifier word in the query ("Bannu district" wants the district, "Bannu town" the town);
4. prominence (population, number of GED events, unit level) and a prior for Pakistan, the
   country this project codes;
5. a penalty for points that lie outside the unit their own source names (bad source points).

A name that is not in the gazetteer falls back to the best containing unit named in the
context, at that unit's precision, so an unknown village never fails a document. The same
fallback wins over a candidate the context contradicts: a loose (skeleton or fuzzy) match
outside the district or province the context names, or a foreign namesake when the context
names a Pakistani unit or place and not the foreign country ("Ghaziabad" near "Kohat" is a
village in Kohat, not the Indian city).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Final

from rapidfuzz import fuzz, process

from tacitus.geo.admin import AdminHistory
from tacitus.geo.boundaries import Boundaries, km_between
from tacitus.geo.gazetteer import Entry, Gazetteer
from tacitus.geo.mentions import COMMON_WORDS, MentionFinder
from tacitus.geo.place import (
    MATCH_CONTEXT_UNIT,
    MATCH_EXACT,
    MATCH_FUZZY,
    MATCH_ROUTE,
    MATCH_SKELETON,
    MATCH_VARIANT,
    PREC_NEAR,
    PREC_REGION,
    Place,
)
from tacitus.geo.query import Query, parse_query
from tacitus.geo.text import key, skeleton
from tacitus.geo.villages import VILLAGE_PREFIX, VillageIndex

HOME = "PAK"
HINT_KINDS = {
    "populated_place": {"populated_place"},
    "region": {"region", "route"},
    "admin2": {"admin2"},
    "admin1": {"admin1"},
}
UNIT_FEATURES = ("admin2", "admin1", "country")
# weights (see module docstring); tuned on hand-made cases in tests/geo, not on GED
W_IMPORTANCE = 0.4
W_HOME = 0.25
W_HINT = 0.35
W_CTX_UNIT = 0.6
W_CTX_PROVINCE = 0.3
W_CTX_NEAR = 0.4
W_CTX_COUNTRY = 0.5
P_SUSPECT = 0.5
Q_SKELETON = 0.85
Q_FUZZY = 0.65  # a last resort: below any skeleton match, and never above the context's unit
FUZZY_CUTOFF = 86
# Loose (skeleton or fuzzy) matching is for misspelt place names, not for ordinary words that
# happen to share a skeleton ("Kurmi" ~ Kurram, "Ashura" ~ Hazro, "Friday" ~ Faridi): the query
# key must be this long, not a common non-place word, and a skeleton match must also be this
# similar (rapidfuzz ratio) to the name it matched. Short keys collide by chance, so a key of
# SHORT_KEY letters or fewer may differ by one inserted or dropped letter only ("Kuram"/"Kurram"
# 91; "Kurmi"/"Kuram" 80 is refused); longer ones need SKELETON_MIN_RATIO ("Inayat Killay"/
# "Inayat Kali" 73, "Haroonabad"/"Harunabad" 84; "Ashura"/"Hazro" 36, "Friday"/"Faridi" 67).
LOOSE_MIN_LEN = 5
SHORT_KEY = 5
SHORT_SKELETON_MIN_RATIO = 85
SKELETON_MIN_RATIO = 72
# Words of incident reports that are not places: observances, months, weekdays, ranks, roles,
# generic nouns. Exact gazetteer names are unaffected; these only never match loosely.
_NON_PLACE_TEXT = """
ashura ashoora muharram moharram muharam chehlum chehlam ramadan ramazan ramzan eid eidulfitr eidulazha
eidmiladunnabi milad shabebarat shabbarat urs juma jumma jummah friday namaz prayers prayer majlis
procession mourners mourning funeral janaza jirga hajj umrah christmas easter diwali holi
january february march april may june july august september october november december
monday tuesday wednesday thursday saturday sunday weekend morning evening night afternoon
general major colonel brigadier captain lieutenant subedar havildar naik sepoy sipahi constable
inspector subinspector superintendent commandant commander commissioner deputy assistant officer
soldiers soldier policemen policeman militants militant terrorists terrorist gunmen gunman
bomber bombers attacker attackers killed injured wounded martyred abducted kidnapped
mosque masjid imambargah imambarga shrine church temple seminary madrassa madrasa school
hospital market bazaar checkpost checkpoint convoy vehicle motorcycle rickshaw police army
security forces frontier corps levies rangers taliban tehreek lashkar jaish sipah
"""
NON_PLACE_WORDS = frozenset(_NON_PLACE_TEXT.split()) | COMMON_WORDS
# context conflicts: a foreign namesake when the context is Pakistani; an exact Pakistani match
# far outside the unit the context names; a loose match outside it (which the unit fallback beats)
P_CTX_FOREIGN = 0.8
P_CTX_FAR = 0.3
P_CTX_LOOSE = 0.6
FOREIGN_NEAR_KM = 300.0  # a foreign town this close to a place named in the context is plausible
EXACT_SLACK_KM = 50.0  # an exact match that lies this far outside a named district counts as elsewhere
LOOSE_SLACK_KM = 15.0  # a loose match this far outside it contradicts the context
# A run of capitalised words governed by a locative word: where a multi-word village name may stand.
_GOVERNED_RUN: Final = re.compile(
    r"\b(?:in|at|near|outside|inside|around)\s+(?:the\s+)?(?:(?:village|town|hamlet|locality|area)\s+of\s+)?"
    r"(?P<run>[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|jo|ji|ka|ki|e|i|ul|ud|al)){1,5})"
    # ... and located by what follows: "X Y, Z district", "X Y in Z", "X Y village"
    r"(?=\s*,\s*[A-Z]|\s+(?:in|of)\s+[A-Z]|\s+(?i:village|area|town|hamlet)\b)"
)
_RUN_WORD: Final = re.compile(r"[\w'’-]+")
VILLAGE_CONTEXT_KM = 40.0  # a village farther than this from the town named beside it is another namesake
LABEL_RADIUS_KM = 5.0
CACHE_SIZE = 50_000


@dataclass
class Context:
    """What the context around a name says: see :meth:`Geocoder._context_signals`.

    ``keys``: folded keys of every context string; ``countries``: country codes named;
    ``points``: points of named places; ``anchors``: points of every named place or unit;
    ``units``/``provinces``: Pakistani unit keys and province codes named; ``home``: the
    context names something Pakistani.
    """

    keys: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    anchors: list[tuple[float, float]] = field(default_factory=list)
    units: set[str] = field(default_factory=set)  # Pakistani unit keys
    provinces: set[str] = field(default_factory=set)
    home: bool = False


class Geocoder:
    """Offline geocoder over the shipped gazetteer, admin history and district polygons."""

    def __init__(self, gazetteer: Gazetteer, history: AdminHistory, villages: VillageIndex | None = None) -> None:
        self.gazetteer = gazetteer
        self.history = history
        self.villages = villages if villages is not None else VillageIndex()
        self._entries = gazetteer.entries
        # village rows met so far get indexes after the core rows, so candidates stay plain ints
        self._village_rows: dict[int, Entry] = {}
        self._village_index: dict[str, int] = {}
        self._contexts: dict[tuple[str, ...], Context] = {}
        self._cache: OrderedDict[tuple[str, dt.date, tuple[str, ...]], tuple[Place, ...]] = OrderedDict()
        self._unit_name_keys: dict[str, frozenset[str]] = {}
        self._province_name_keys: dict[str, frozenset[str]] = {}

    @classmethod
    def load(cls) -> Geocoder:
        return cls(Gazetteer.load(), AdminHistory.load())

    # --------------------------------------------------------------- public API
    def geocode(self, name: str, date: dt.date | None = None, context: Sequence[str] = ()) -> Place | None:
        """Best place for ``name`` on ``date`` given nearby names; ``None`` only if nothing at all fits."""
        ranked = self._ranked(name, date or dt.date.today(), tuple(context), fallback=True)
        return ranked[0] if ranked else None

    def candidates(self, name: str, date: dt.date | None = None, context: Sequence[str] = ()) -> list[Place]:
        """All matching places, best first (no unit fallback)."""
        return list(self._ranked(name, date or dt.date.today(), tuple(context), fallback=False))

    def admin_units(self, lat: float, lon: float, date: dt.date | None = None) -> tuple[str | None, str | None]:
        """(admin1, admin2) valid on ``date`` for a point in Pakistan; (None, None) elsewhere.

        Polygons decide first; where gazetteer places with source-given units lie within
        ``LABEL_RADIUS_KM`` and agree, they override the coarse polygon edges (and supply
        frontier regions, which have no polygon).
        """
        unit = self.unit_at(lat, lon)
        if unit is None:
            return None, None
        return self.history.resolve(unit, date)

    def unit_at(self, lat: float, lon: float) -> str | None:
        """Stable unit key (admin_units.tsv) for a point, ``None`` outside Pakistan."""
        region = self.boundaries.locate(lat, lon)
        if region is None:
            return None
        votes: dict[str, float] = {}
        for idx in self._labelled_near(lat, lon):
            e = self._entries[idx]
            d = km_between(lat, lon, e.lat, e.lon)
            if d <= LABEL_RADIUS_KM:
                votes[e.unit] = votes.get(e.unit, 0.0) + 1.0 / (d + 0.5)
        if votes:
            best, weight = max(votes.items(), key=lambda kv: kv[1])
            if weight >= 0.6 * sum(votes.values()):
                return best
        if region.unit:
            return region.unit
        same_province = [u for u in self.history.units.values() if u.province == region.province and u.lat]
        if not same_province:
            return f"prov:{region.province}"
        return min(same_province, key=lambda u: km_between(lat, lon, u.lat or 0.0, u.lon or 0.0)).key

    def find_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, surface) of every gazetteer name in ``text`` (longest match, left to right).

        The village index is too large for the in-memory finder, so a multi-word village name ("Goth Nado
        Panhwar", "Yar Muhammad Kili") is looked up only where a locative word governs a run of capitalised
        words ("near X Y Z") that the text then locates ("…, Z district", "… village") and that holds no name of
        the main gazetteer; the longest such run that is a village name is the mention.
        """
        found = self.mention_finder.find(text)
        for m in _GOVERNED_RUN.finditer(text):
            words = list(_RUN_WORD.finditer(text, m.start("run"), m.end("run")))
            for n in range(len(words), 1, -1):
                start, end = words[0].start(), words[n - 1].end()
                if any(f[0] < end and start < f[1] for f in found):
                    break  # a name of the main gazetteer inside the run is read as that name (as before)
                if words[n - 1].group()[:1].isupper() and self.villages.lookup(key(text[start:end])):
                    found = sorted([*found, (start, end, text[start:end])])
                    break
        return found

    def normalize_admin(
        self, admin1: str | None, admin2: str | None, date: dt.date | None = None
    ) -> tuple[str | None, str | None]:
        """Canonical dated (admin1, admin2) for raw spellings from GED, GTD, ACLED or text."""
        return self.history.normalize(admin1, admin2, date)

    # ------------------------------------------------------------ lazy members
    @cached_property
    def boundaries(self) -> Boundaries:
        return Boundaries.load()

    @cached_property
    def mention_finder(self) -> MentionFinder:
        names = (
            n
            for e in self._entries
            if e.feature != "route"
            and not (e.country_code != HOME and e.importance < 0.8 and e.feature == "populated_place")
            for n in e.names
        )
        return MentionFinder(names)

    @cached_property
    def _fuzzy_keys(self) -> list[str]:
        entries = self._entries
        return [k for k, idxs in self.gazetteer.by_key.items() if any(entries[i].country_code == HOME for i in idxs)]

    @cached_property
    def _label_grid(self) -> dict[tuple[int, int], list[int]]:
        grid: dict[tuple[int, int], list[int]] = {}
        for i, e in enumerate(self._entries):
            if (
                e.country_code == HOME
                and e.feature in {"populated_place", "region"}
                and e.unit
                and not e.unit.startswith("prov:")
                and not e.flags
            ):
                grid.setdefault((math.floor(e.lat * 10), math.floor(e.lon * 10)), []).append(i)
        return grid

    def _labelled_near(self, lat: float, lon: float) -> list[int]:
        cy, cx = math.floor(lat * 10), math.floor(lon * 10)
        out: list[int] = []
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                out.extend(self._label_grid.get((cy + dy, cx + dx), ()))
        return out

    # ----------------------------------------------------------------- ranking
    def _ranked(self, name: str, day: dt.date, context: tuple[str, ...], fallback: bool) -> tuple[Place, ...]:
        cache_key = (name if fallback else "\0" + name, day, context)
        hit = self._cache.get(cache_key)
        if hit is not None:
            self._cache.move_to_end(cache_key)
            return hit
        query = parse_query(name)
        ctx = context + query.context
        places, contradicted = self._rank(query, day, ctx)
        # villages the context places elsewhere are other places' namesakes, not candidates
        places = [
            p for p in places if not (p.gazetteer_id in contradicted and p.gazetteer_id.startswith(VILLAGE_PREFIX))
        ]
        if not places and fallback:
            places = self._route_midpoint(query, day, ctx) or self._unit_fallback(ctx, day)
        elif fallback and places[0].gazetteer_id in contradicted:
            # every good candidate is elsewhere than the context says: the name is most likely
            # an unknown place inside the unit the context names
            places = self._unit_fallback(ctx, day) + places
        result = tuple(places)
        self._cache[cache_key] = result
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return result

    def _entry(self, idx: int) -> Entry:
        """A core row by index, or a village row met earlier (indexes after the core's)."""
        return self._entries[idx] if idx < len(self._entries) else self._village_rows[idx]

    def _villages(self, k: str) -> list[int]:
        """Indexes of the villages named ``k`` (exact key only: 130,000 names are too many to match loosely)."""
        if len(k) < LOOSE_MIN_LEN - 1 or k in NON_PLACE_WORDS:
            return []  # "Madrassa", "Colonel": ordinary words that also name some hamlet
        out = []
        for e in self.villages.lookup(k):
            idx = self._village_index.get(e.id)
            if idx is None:
                idx = len(self._entries) + len(self._village_index)
                self._village_index[e.id] = idx
                self._village_rows[idx] = e
            out.append(idx)
        return out

    def _matches(self, query: Query) -> dict[int, tuple[float, str]]:
        """Entry index -> (name-match quality, match kind) for the best form that matches anything.

        Villages sharing the exact name join the core rows as candidates, so that the district named in
        the context can pick the right one of 30 namesakes; their low prior keeps the core's towns first
        when the context says nothing.
        """
        by_key, by_skeleton = self.gazetteer.by_key, self.gazetteer.by_skeleton
        for form in query.forms:
            k = key(form)
            idxs = [*by_key.get(k, ()), *self._villages(k)]
            if idxs:
                # "exact" when any form of the query is the place's own name ("Khar, Bajaur" is
                # found as the variant "Khar Bajaur" but also names Khar itself)
                own = {key(f) for f in query.forms}
                return {i: (1.0, MATCH_EXACT if key(self._entry(i).name) in own else MATCH_VARIANT) for i in idxs}
        for form in query.forms[-2:]:
            k = key(form)
            sk = skeleton(k)
            if len(sk) >= 3 and sk in by_skeleton and self._loose_allowed(k):
                need = SHORT_SKELETON_MIN_RATIO if len(k) <= SHORT_KEY else SKELETON_MIN_RATIO
                found = {
                    i: (Q_SKELETON, MATCH_SKELETON) for i in by_skeleton[sk] if self._skeleton_ratio(k, sk, i) >= need
                }
                if found:
                    return found
        k = key(query.forms[-1]) if query.forms else ""
        if not self._loose_allowed(k):
            return {}
        fuzzy: dict[int, tuple[float, str]] = {}
        for match, score, _ in process.extract(
            k, self._fuzzy_keys, scorer=fuzz.ratio, limit=5, score_cutoff=FUZZY_CUTOFF
        ):
            for idx in by_key[match]:
                if self._entries[idx].country_code == HOME:
                    quality = Q_FUZZY * score / 100.0
                    if quality > fuzzy.get(idx, (0.0, ""))[0]:
                        fuzzy[idx] = (quality, MATCH_FUZZY)
        return fuzzy

    @staticmethod
    def _loose_allowed(k: str) -> bool:
        """A query key may be matched loosely: long enough, and not an ordinary word of incident reports."""
        return len(k) >= LOOSE_MIN_LEN and k not in NON_PLACE_WORDS and not k.isdigit()

    def _skeleton_ratio(self, k: str, sk: str, idx: int) -> float:
        """Best spelling similarity between ``k`` and the names of entry ``idx`` that share its skeleton."""
        best = 0.0
        for name in self._entries[idx].names:
            nk = key(name)
            if skeleton(nk) == sk:
                best = max(best, fuzz.ratio(k, nk))
        return best

    def _context_signals(self, ctx: tuple[str, ...]) -> Context:
        """What the context names: keys, countries, places' points, Pakistani units and provinces (cached: one
        document asks about many names with the same context)."""
        hit = self._contexts.get(ctx)
        if hit is None:
            hit = self._contexts[ctx] = self._read_context(ctx)
            if len(self._contexts) > CACHE_SIZE:
                self._contexts.clear()
        return hit

    def _read_context(self, ctx: tuple[str, ...]) -> Context:
        out = Context()
        for raw in ctx:
            q = parse_query(raw)
            for form in q.forms:
                out.keys.add(key(form))
            unit = self.history.find_unit(raw, fuzzy=False)
            code = self.history.find_province(raw)
            if unit is not None:
                out.units.add(unit)
                out.provinces.add(self.history.units[unit].province)
                out.home = True
            elif code is not None:
                out.provinces.add(code)
                out.home = True
            best = self._best_plain(q)
            if best is None:
                continue
            if best.feature == "country":
                out.countries.add(best.country_code)
            else:
                if best.feature in {"populated_place", "region"}:
                    out.points.append((best.lat, best.lon))
                out.anchors.append((best.lat, best.lon))
            if best.country_code == HOME:
                out.home = True
        if "TA" in out.provinces or "KP" in out.provinces:
            out.provinces |= {"TA", "KP"}  # FATA is part of KP after 2018 and "KP" in later reports
        return out

    def _km_outside_units(self, e: Entry, units: set[str]) -> float:
        """How far ``e`` lies outside the nearest of ``units`` (polygon; for units without one, its point)."""
        best = math.inf
        for unit_key in units:
            u = self.history.units[unit_key]
            outside = self.boundaries.km_outside(e.lat, e.lon, unit_key) if u.geom else None
            if outside is None:
                if u.lat is None or u.lon is None:
                    continue
                outside = max(0.0, km_between(e.lat, e.lon, u.lat, u.lon) - 20.0)
            best = min(best, outside)
        return best

    def _conflict(self, e: Entry, quality: float, c: Context) -> tuple[float, bool]:
        """(penalty, contradicted) for a candidate the context speaks against."""
        if e.country_code != HOME:
            if not c.home or e.country_code in c.countries or (e.admin1 and key(e.admin1) in c.keys):
                return 0.0, False
            if e.feature in UNIT_FEATURES:
                return P_CTX_FOREIGN, False  # a foreign country or province is no village in disguise
            near = any(km_between(e.lat, e.lon, la, lo) <= FOREIGN_NEAR_KM for la, lo in c.anchors)
            return P_CTX_FOREIGN, not near
        village = e.id.startswith(VILLAGE_PREFIX)
        # "the Ghaziabad area of Kohat town": a village far from the town that locates it is a namesake
        if village and c.points and min(km_between(e.lat, e.lon, la, lo) for la, lo in c.points) > VILLAGE_CONTEXT_KM:
            return P_CTX_LOOSE, True
        if not e.unit or not (c.units or c.provinces):
            return 0.0, False
        # A village of the 130,000-row index is as weak a reading as a loose spelling match: so many names
        # repeat that one outside the district or province the context names is another place's namesake.
        loose = quality < 1.0 or village
        province = e.unit[5:] if e.unit.startswith("prov:") else self.history.units[e.unit].province
        if c.provinces and province not in c.provinces:
            return (P_CTX_LOOSE, True) if loose else (P_CTX_FAR, False)
        if not c.units or e.unit.startswith("prov:"):
            return 0.0, False
        u = self.history.units[e.unit]
        if e.unit in c.units or u.successor in c.units or u.predecessor in c.units:
            return 0.0, False
        outside = self._km_outside_units(e, c.units)
        if loose and outside > LOOSE_SLACK_KM:
            return P_CTX_LOOSE, True
        if not loose and outside > EXACT_SLACK_KM:
            return P_CTX_FAR, False
        return 0.0, False

    def _best_plain(self, query: Query) -> Entry | None:
        """Most prominent exact match, without context; used to place context names."""
        for form in query.forms:
            idxs = self.gazetteer.by_key.get(key(form))
            if idxs:
                kinds = HINT_KINDS.get(query.hint or "", set())
                return max(
                    (self._entries[i] for i in idxs),
                    key=lambda e: e.importance
                    + (W_HOME if e.country_code == HOME else 0.0)
                    + (W_HINT if e.feature in kinds else 0.0)  # "Kohat town" is the town, not the district
                    - P_SUSPECT * e.suspect,
                )
        return None

    def _unit_keys(self, unit: str) -> tuple[frozenset[str], frozenset[str]]:
        """Keys of every name a unit carried, and of its province's names (cached)."""
        names = self._unit_name_keys.get(unit)
        if names is None:
            all_names = list(self.history.all_names(unit))
            u = self.history.units.get(unit)
            own = [u.name, *u.variants] if u else []
            if u and u.successor:
                own.append(self.history.units[u.successor].name)
            names = frozenset(key(n) for n in own)
            self._unit_name_keys[unit] = names
            self._province_name_keys[unit] = frozenset(key(n) for n in all_names) - names
        return names, self._province_name_keys[unit]

    def _rank(self, query: Query, day: dt.date, ctx: tuple[str, ...]) -> tuple[list[Place], set[str]]:
        """Ranked places, and the ids of those the context contradicts."""
        matches = self._matches(query)
        if not matches:
            return [], set()
        c = self._context_signals(ctx) if ctx else Context()
        ctx_keys, ctx_countries, ctx_points = c.keys, c.countries, c.points
        contradicted: set[str] = set()
        scored: list[tuple[float, Entry]] = []
        kinds: dict[str, str] = {}
        for idx, (quality, kind) in matches.items():
            e = self._entry(idx)
            kinds[e.id] = kind
            score = quality + W_IMPORTANCE * e.importance
            if e.country_code == HOME and not (ctx_countries - {HOME}):
                score += W_HOME
            if query.hint and e.feature in HINT_KINDS[query.hint]:
                score += W_HINT
            if e.suspect:
                score -= P_SUSPECT
            if ctx_countries:
                score += W_CTX_COUNTRY if e.country_code in ctx_countries else -W_CTX_COUNTRY / 2
            if ctx_keys and e.unit:
                own, province = self._unit_keys(e.unit)
                if ctx_keys & own:
                    score += W_CTX_UNIT
                elif ctx_keys & province:
                    score += W_CTX_PROVINCE
            elif ctx_keys and e.admin1 and key(e.admin1) in ctx_keys:
                score += W_CTX_PROVINCE
            if ctx_points:
                nearest = min(km_between(e.lat, e.lon, la, lo) for la, lo in ctx_points)
                if nearest <= 30.0:
                    score += W_CTX_NEAR
                elif nearest <= 80.0:
                    score += W_CTX_NEAR / 2
            if ctx:
                penalty, against = self._conflict(e, quality, c)
                score -= penalty
                if against:
                    contradicted.add(e.id)
            scored.append((score, e))
        scored.sort(key=lambda se: (-se[0], se[1].id))
        if query.hint is None and scored and scored[0][1].feature == "admin2":
            scored = self._town_first(scored)
        return [self._place(e, day, round(s, 4), match=kinds[e.id]) for s, e in scored], contradicted

    @staticmethod
    def _town_first(scored: list[tuple[float, Entry]]) -> list[tuple[float, Entry]]:
        """A bare name that is both a district and its headquarters town ("in Khuzdar") is the town.

        GTD and ACLED code the town when the text names it; only a classifier word ("Khuzdar district")
        asks for the district. The town must carry the district's own name and lie in it.
        """
        district = scored[0][1]
        own = key(district.name)
        for i, (_, e) in enumerate(scored[1:], start=1):
            if e.feature == "populated_place" and e.unit == district.unit and key(e.name) == own:
                return [scored[i], *scored[:i], *scored[i + 1 :]]
        return scored

    def _place(self, e: Entry, day: dt.date, score: float, **overrides: object) -> Place:
        if e.country_code == HOME and e.unit:
            admin1, admin2 = self.history.resolve(e.unit, day)
        else:
            admin1, admin2 = (e.admin1 or None), None
        fields: dict[str, object] = {
            "name": e.name,
            "admin1": admin1,
            "admin2": admin2,
            "country": self.gazetteer.country_names.get(e.country_code),
            "country_code": e.country_code or None,
            "latitude": e.lat,
            "longitude": e.lon,
            "geo_precision": e.precision,
            "gazetteer_id": e.id,
            "feature": e.feature,
            "score": score,
        }
        fields.update(overrides)
        return Place(**fields)  # type: ignore[arg-type]

    def _route_midpoint(self, query: Query, day: dt.date, ctx: tuple[str, ...]) -> list[Place]:
        """ "Bannu-Miranshah road" / "between A and B": the midpoint of both ends, precision 5."""
        if query.route is None:
            return []
        ends = [self._rank(parse_query(end), day, ctx)[0] for end in query.route]
        if not all(ends):
            return []
        a, b = ends[0][0], ends[1][0]
        if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
            return []
        lat, lon = (a.latitude + b.latitude) / 2, (a.longitude + b.longitude) / 2
        admin1, admin2 = self.admin_units(lat, lon, day)
        return [
            Place(
                name=query.forms[-1],
                admin1=admin1 or a.admin1,
                admin2=admin2 if admin2 else (a.admin2 if a.admin2 == b.admin2 else None),
                country=a.country,
                country_code=a.country_code,
                latitude=round(lat, 5),
                longitude=round(lon, 5),
                geo_precision=PREC_REGION,
                gazetteer_id=f"route:{a.gazetteer_id}+{b.gazetteer_id}",
                feature="route",
                score=round(min(a.score, b.score), 4),
                match=MATCH_ROUTE,
            )
        ]

    def _unit_fallback(self, ctx: tuple[str, ...], day: dt.date) -> list[Place]:
        """The most specific place named in the context: a town or city > admin2 > admin1 > country.

        An unknown name followed by a city ("the Gulzar Colony area of Quetta", "an airport in Karachi") is a
        place inside that city: the city is coded, at precision 2 (UCDP: part of a named place), as GTD
        codes the city for neighbourhoods and landmarks it cannot place.
        """
        best: Place | None = None
        for n, raw in enumerate(ctx):
            ranked, contradicted = self._rank(parse_query(raw), day, ctx[n + 1 :])
            # "Satellite Town, Quetta": skip namesakes the rest of the context places elsewhere
            usable = [p for p in ranked if p.gazetteer_id not in contradicted]
            # the best reading of the name: a unit, or a town ("Mingora"; "Kohat" is the town, see _town_first)
            first = usable[0] if usable else None
            town = first is not None and first.feature == "populated_place" and first.country_code == HOME
            place = (first if first is not None and (town or first.feature in UNIT_FEATURES) else None) or next(
                (p for p in usable if p.feature in UNIT_FEATURES), None
            )
            if place is None:
                continue
            if place.feature == "populated_place":
                place = replace(place, geo_precision=max(place.geo_precision, PREC_NEAR))
            if best is None or place.geo_precision < best.geo_precision:
                best = place
        return [replace(best, match=MATCH_CONTEXT_UNIT)] if best else []


_DEFAULT: Geocoder | None = None


def get_geocoder() -> Geocoder:
    """Process-wide geocoder over the shipped gazetteer (loaded on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Geocoder.load()
    return _DEFAULT
