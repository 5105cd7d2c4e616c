"""Where it happened: place candidates in the incident's sentences, resolved through `tacitus.geo`.

Candidates are gazetteer names the geocoder finds in the text, plus capitalised names after a locative
word ("in Matni area", "near Shewa village") that the gazetteer may know under another spelling. The
incident's place is the first candidate that resolves finer than a province (reports name the most
specific place first: "in Matni area of Peshawar"), each geocoded with the names that follow it in the
same sentence as context ("Khar, Bajaur"; "Peshawar, the capital of Khyber Pakhtunkhwa").

Failures are local: a name the geocoder cannot resolve, or an error inside it, drops that candidate only.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace
from typing import Any, Final, Protocol

from tacitus.extract.casualties import PERSON_NOUNS
from tacitus.extract.rules import cue_set
from tacitus.geo.villages import VILLAGE_PREFIX

log = logging.getLogger(__name__)

_LOCATIVE: Final = re.compile(
    r"\b(?:in|at|near|of|from|outside|inside|around|on)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|e|i|ul|ud|al)){0,3})"
    r"(?=\s+(?:area|village|town|tehsil|city|district|agency|bazaar|bazar|locality|sub-division|subdivision|valley|"
    r"region|road|chowk|neighbourhood|neighborhood|colony|sector|mohalla|Police\s+Station)\b)",
)
# Newspapers cited at the end of SATP-style summaries ("reports Dawn") are not places.
_SOURCE_BEFORE: Final = re.compile(r"\b(?:reports?|reported\s+by|according\s+to|quoted\s+by)\s+(?:the\s+)?$", re.I)
_COUNTRY_WORDS: Final = frozenset({"pakistan", "afghanistan", "india", "iran"})


class GeocoderLike(Protocol):
    """What extraction needs from `tacitus.geo.Geocoder` (a protocol, so tests can pass a stand-in)."""

    def find_mentions(self, text: str) -> list[tuple[int, int, str]]: ...

    def geocode(self, name: str, date: dt.date | None = None, context: Any = ()) -> Any: ...

    def candidates(self, name: str, date: dt.date | None = None, context: Any = ()) -> list[Any]: ...


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ResolvedPlace:
    """The incident's place: the geocoder's answer and the mention (and context mentions) it came from."""

    place: Any  # tacitus.geo.Place
    mention: PlaceMention
    context: tuple[PlaceMention, ...]


def place_mentions(text: str, geocoder: GeocoderLike | None, excluded: list[tuple[int, int]]) -> list[PlaceMention]:
    """Candidate place names in `text`, in order, not overlapping actor names or cited newspapers."""
    found: dict[tuple[int, int], PlaceMention] = {}
    if geocoder is not None:
        try:
            for s, e, surface in geocoder.find_mentions(text):
                found[(s, e)] = PlaceMention(s, e, surface)
        except Exception as exc:  # a gazetteer bug must not lose the document
            log.warning("place mention search failed: %s", exc)
    for pattern in (_LOCATIVE, _POSSESSOR):
        for m in pattern.finditer(text):
            s, e = m.span("name")
            if (poss := _POSSESSIVE.search(text, s, e)) is not None:
                s = poss.end()  # "in Karachi's Nazimabad area": the quarter; the city is found by _POSSESSOR
            found.setdefault((s, e), PlaceMention(s, e, text[s:e]))
    out: list[PlaceMention] = []
    for pm in sorted(found.values(), key=lambda p: (p.start, -(p.end - p.start))):
        if any(pm.start < e and s < pm.end for s, e in excluded):
            continue
        if _SOURCE_BEFORE.search(text[max(0, pm.start - 25) : pm.start]):
            continue
        if out and pm.start < out[-1].end:  # inside a longer candidate already kept
            continue
        if (w := _NAME_BEFORE.search(text[max(0, pm.start - 30) : pm.start])) and w["word"] not in _NOT_NAME_PART:
            continue  # "Liaquat Bagh", "Model Town": the last word of a longer name (a park, a quarter)
        out.append(pm)
    return out


# A capitalised word right before a gazetteer name makes it part of a longer name, unless that word is a
# direction, a title or a sentence-opening word.
_NAME_BEFORE: Final = re.compile(r"(?<![.!?:—–-]\s)(?<!^)\b(?P<word>[A-Z][a-z]+)\s+$")
_NOT_NAME_PART: Final = frozenset(
    re.findall(
        r"\w+",
        "The In At On Near Of From To A An And North South East West Upper Lower Central Greater Old New District "
        "Agency Tehsil Division Province City Town Village Area Mr Ms Dr Outside Inside Across Around Capital "
        "Provincial Federal Former Southern Northern Eastern Western Pakistani Pakistan Afghan Gen Police",
    )
)

# Words that date a text's admin vocabulary: "Bajaur Agency" and "FATA" are before the 2018 merger, "NWFP"
# before the 2010 renaming. Used only to name admin units when the text gives no year.
_PRE_MERGER: Final = re.compile(
    r"\b(?:FATA|Federally\s+Administered\s+Tribal\s+Areas?|(?:Bajaur|Mohmand|Khyber|Kurram|Orakzai|Waziristan)\s+Agency|"
    r"SWA|NWA|Frontier\s+Region|political\s+agent)\b",
    re.IGNORECASE,
)
_PRE_RENAMING: Final = re.compile(r"\b(?:NWFP|North[\s-]+West\s+Frontier\s+Province)\b")


def vocabulary_date(text: str) -> dt.date | None:
    """A day the text's own admin names were valid on, for a text that gives no year; None when it has none."""
    if _PRE_RENAMING.search(text):
        return dt.date(2009, 12, 31)
    if _PRE_MERGER.search(text):
        return dt.date(2017, 12, 31)
    return None


def _consistent(place: Any, context: list[Any]) -> bool:
    """A place agrees with the admin units named after it ("Kandao area of Mastung District" must be in Mastung)."""
    if place.country_code != "PAK" and any(u is not None and u.country_code == "PAK" for u in context):
        return False
    for unit in context:
        if unit is None or unit.geo_precision < 3 or unit.country_code != "PAK":
            continue
        if unit.geo_precision == 3 and unit.admin2 and place.admin2 and unit.admin2 != place.admin2:
            return False
        if unit.admin1 and place.admin1 and unit.admin1 != place.admin1:
            return False
    return True


VILLAGE_NEAR_KM: Final = 60.0


def _far_from_all(place: Any, nearby: list[Any]) -> bool:
    """A village farther than VILLAGE_NEAR_KM from every town or village named near it in the sentence."""
    from tacitus.geo.boundaries import km_between

    points = [
        (u.latitude, u.longitude)
        for u in nearby
        if u is not None and u.country_code == "PAK" and u.geo_precision <= 2 and u.latitude is not None
    ]
    return bool(points) and all(
        km_between(place.latitude, place.longitude, la, lo) > VILLAGE_NEAR_KM for la, lo in points
    )


def _pinned(geocoder: GeocoderLike, place: Any, date: dt.date | None) -> Any:
    """A district-level place pinned to the district's namesake town ("Khuzdar District" → Khuzdar town's
    coordinates), as GTD and GED place district-level events; the precision stays at the district level."""
    if place.geo_precision != 3:
        return place
    try:
        towns = geocoder.candidates(place.name, date)
    except Exception:
        return place
    town = next(
        (t for t in towns if t.feature == "populated_place" and t.admin2 == place.admin2 and t.name == place.name), None
    )
    return place if town is None else replace(place, latitude=town.latitude, longitude=town.longitude)


def resolve_place(
    text: str,
    sentences: list[tuple[int, int]],
    mentions: list[PlaceMention],
    geocoder: GeocoderLike | None,
    date: dt.date | None,
) -> ResolvedPlace | None:
    """The incident's place from the mentions in `sentences` (in order of preference), or None."""
    if geocoder is None:
        return None
    coarse: ResolvedPlace | None = None
    cache: dict[str, Any] = {}

    def geocode(name: str, context: tuple[PlaceMention, ...] = ()) -> Any:
        key = name if not context else f"{name}|{'|'.join(c.text for c in context)}"
        if key not in cache:
            try:
                cache[key] = geocoder.geocode(name, date, context=[c.text for c in context])
            except Exception as exc:  # one bad name must not cost the document its place
                log.warning("geocoding %r failed: %s", name, exc)
                cache[key] = None
        return cache[key]

    def usable(m: PlaceMention, in_sentence: list[PlaceMention], i: int) -> ResolvedPlace | None:
        context = _chain(text, m, in_sentence[i + 1 :])
        place = geocode(m.text, context)
        if place is None or not _consistent(place, [geocode(c.text) for c in context]):
            return None
        if not _same_name(m.text, place.name) or place.gazetteer_id.startswith(VILLAGE_PREFIX):
            # A loose match ("Ashura" → a town) must also agree with every place named soon after it.
            nearby = [geocode(c.text) for c in in_sentence if c is not m and abs(c.start - m.end) < 120]
            if not _consistent(place, nearby) or any(
                u is not None and u.country_code == "PAK" and u.admin1 and place.admin1 and u.admin1 != place.admin1
                for u in nearby
            ):
                return None
            if place.gazetteer_id.startswith(VILLAGE_PREFIX) and _far_from_all(place, nearby):
                return None  # "the Manawan school on the outskirts of Lahore": not a namesake 200 km away
        if place.country_code not in (None, "PAK"):
            return None  # a foreign namesake ("Ahmadi" is also a town in Kuwait): reports here are Pakistani
        return ResolvedPlace(_pinned(geocoder, place, date), m, context)

    # A dateline ("MIRANSHAH — …") says where the report was filed: the body's own places come first, the
    # dateline only when the body names nothing finer than a province.
    head = _DATELINE.match(text)
    dateline = next((m for m in mentions if head and m.end <= head.end()), None)
    filed = usable(dateline, [dateline], 0) if dateline is not None else None
    passes = [(s, e, False) for s, e in sentences]
    if dateline is not None:
        passes.append((dateline.start, dateline.end, True))
    for s_start, s_end, is_dateline in passes:
        in_sentence = [
            m
            for m in mentions
            if s_start <= m.start < s_end
            and (is_dateline or m is not dateline)
            and not _route_end(text, m)
            and not _ORIGIN_BEFORE.search(text, max(0, m.start - 60), m.start)
        ]
        # The head of the locative phrase first; modifiers, origins, destinations and route ends only when no
        # head resolves ("a Lahore-based company's tanker was torched in Khuzdar": Khuzdar).
        order = sorted(
            range(len(in_sentence)),
            key=lambda k: (not is_head(text, in_sentence[k]), not governed(text, in_sentence[k]), k),
        )
        for i in order:
            m = in_sentence[i]
            resolved = usable(m, in_sentence, i)
            if resolved is None:
                continue
            place = resolved.place
            if place.geo_precision <= 3 and m.text.casefold() not in _COUNTRY_WORDS:
                if filed is not None and not is_dateline and place.admin1 != filed.place.admin1:
                    return filed  # a place in another province is named in passing; the dateline's is the scene
                if place.geo_precision == 3:
                    # "the Kurmi market of Parachinar, Kurram Agency": a town in the same district, named in the
                    # same sentence, is the more specific place.
                    for j in range(i + 1, len(in_sentence)):
                        finer = usable(in_sentence[j], in_sentence, j)
                        if finer and finer.place.geo_precision < 3 and finer.place.admin2 == place.admin2:
                            return finer
                return resolved
            if coarse is None or place.geo_precision < coarse.place.geo_precision:
                coarse = resolved
    return coarse


# A city named as the possessor of a quarter, road or landmark: "Karachi's Nazimabad area", "Peshawar's Dalazak
# Road", "Islamabad's G-9 sector". The possessor is a candidate: where the quarter is unknown, the city is coded.
_POSSESSOR: Final = re.compile(
    r"(?P<name>\b[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)['’]s\s+(?:(?:main|old|busy|crowded|central|upscale|historic|"
    r"densely\s+populated)\s+)?(?:[A-Z][\w'’-]*\s+){1,3}(?:area|road|bazaa?r|market|neighbou?rhood|suburb|colony|"
    r"sector|chowk|locality|town|mohalla|quarter|street|avenue|square|airport|district|cantonment|Road|Bazaa?r|"
    r"Market|Colony|Town|Chowk|Sector|Airport)\b"
)
_POSSESSIVE: Final = re.compile(r"['’]s\s+")
# Mentions that are not the head of the phrase saying where it happened (see `is_head`).
_MODIFIER_AFTER: Final = cue_set("place_cues", "modifier_after").pattern()
_JOINED_BEFORE: Final = re.compile(r"[A-Z][\w'’]*[-–]$")
# A place name before a noun for people is a demonym: "Hazara traders", "Afghan refugees", "Kurram tribesmen".
_PEOPLE_AFTER: Final = re.compile(
    r"\s+(?:[a-z]+\s+)?(?P<noun>[a-z]+)\b"
)
# The preposition that governs the head of a locative phrase: "in Bannu", "near the village of Shewa", "on the
# outskirts of Quetta", "through Peshawar's Dalazak Road".
_GOVERNING: Final = cue_set("place_cues", "governing").pattern()


def governed(text: str, m: PlaceMention) -> bool:
    """Whether a locative preposition governs the mention ("in Bannu", "near Pir Koh"), so that it says where the
    incident happened; "a pipeline supplying the Sui field" names Sui, but not as the scene."""
    return bool(_GOVERNING.search(text[max(0, m.start - 40) : m.start]))
_CLASSIFIER: Final = frozenset(
    re.findall(
        r"\w+",
        "District Agency Tehsil City Town Village Cantonment Cantt Division Valley Area Areas Region "
        "Province Sadar Saddar Subdivision Sub Frontier Region FR Proper Bala Payan Kalan Khurd Khel Kot",
    )
)
_PROPER_AFTER: Final = re.compile(r"[ \t]+(?P<word>[A-Z][\w'’.-]*)")
_AWAY_BEFORE: Final = cue_set("place_cues", "away").pattern()


def is_head(text: str, m: PlaceMention) -> bool:
    """Whether a mention can be the head of the phrase that says where the incident happened.

    Not a head: a modifier ("a Lahore-based company"), the first word of a longer proper name that is not
    a place ("the Quetta Electric Supply Company", "on Peshawar Road in Rawalpindi"), an origin or a
    destination ("a bus on its way to Gilgit from Rawalpindi, near Chilas"), or an end of a link ("the
    tunnel connecting Kohat and Darra Adam Khel"). Such mentions are tried only after every head.
    """
    if _MODIFIER_AFTER.match(text, m.end) or _JOINED_BEFORE.search(text[max(0, m.start - 30) : m.start]):
        return False
    people = _PEOPLE_AFTER.match(text, m.end)
    if people is not None and people["noun"] in PERSON_NOUNS:
        return False
    after = _PROPER_AFTER.match(text, m.end)
    if after is not None and after["word"] not in _CLASSIFIER and after["word"] not in _NOT_NAME_PART:
        return False
    return not _AWAY_BEFORE.search(text[max(0, m.start - 60) : m.start])


# "QUETTA — …", "PESHAWAR, Dec 16 (Reuters) -": the place a report was filed from.
_DATELINE: Final = re.compile(r"^\s*[A-Z][A-Z .'’-]{2,40}?(?:,\s*[^—–\n]{0,40})?\s*[—–-]\s")
# "a convoy travelling from Gwadar to Karachi near Ormara": the ends of a route are not where it happened.
_ROUTE: Final = re.compile(r"\bfrom\s+(?:[A-Z][\w'’-]*\s*){1,3}\s+to\s+(?:[A-Z][\w'’-]*\s*){1,3}")


# What may join a place to the admin units that locate it: "Khar, Bajaur", "Kandao area of Mastung District",
# "Wana in South Waziristan Agency", "Peshawar, the capital of Khyber Pakhtunkhwa".
_CHAIN_GAP: Final = re.compile(
    r"(?:[\s,()]|\([^()]{0,40}\)|\b(?:in|of|near|the|a|an|its|capital|headquarters|main|town|city|village|area|district|agency|tehsil|"
    r"province|region|division|sub-division|subdivision|provincial|administrative|summer|winter|frontier|FR|"
    r"north|south|east|west|northern|southern|eastern|western|outskirts|suburbs|bazaa?r|market|mohalla|colony|road|"
    r"chowk|locality|neighbou?rhood|sector|union|council|revenue|unit|limits|police|station|valley|border|under|"
    r"no|number|block|phase)\b|\d+"
    r"|[\w-]+['’]s\b|(?-i:\b[A-Z][\w'’.-]*))*",
    re.IGNORECASE,
)


# Where people come from, not where it happened: "the tribesmen of Orakzai Agency", "families displaced by
# fighting in Orakzai", "refugees from Bajaur".
_ORIGIN_BEFORE: Final = cue_set("place_cues", "origin_before").pattern()
_ADMIN_SUFFIX: Final = re.compile(r"\s+(?:agency|district|tehsil|area|city|town|village|division)$", re.IGNORECASE)


def _same_name(said: str, name: str) -> bool:
    """Whether the geocoder found the name as written (not a spelling variant or a fuzzy match)."""
    a, b = (_ADMIN_SUFFIX.sub("", x.casefold().strip()) for x in (said, name))
    return a == b


def _chain(text: str, m: PlaceMention, following: list[PlaceMention]) -> tuple[PlaceMention, ...]:
    """The places named right after `m` that locate it ("Khar, Bajaur Agency, FATA"), up to the first place
    reached through other words ("… in Dera Bugti, cutting supply to Punjab": Punjab does not locate it)."""
    out: list[PlaceMention] = []
    end = m.end
    for c in following:
        if c.start - end > 120 or not _CHAIN_GAP.fullmatch(text, end, c.start):
            break
        out.append(c)
        end = c.end
    return tuple(out)


def _route_end(text: str, m: PlaceMention) -> bool:
    """Whether the mention is an end of a "from X to Y" route in a sentence that names another place."""
    window_start = max(0, m.start - 60)
    for r in _ROUTE.finditer(text, window_start, min(len(text), m.end + 60)):
        if r.start() <= m.start and m.end <= r.end():
            return bool(_LOCATIVE_PREP.search(text, r.end(), min(len(text), r.end() + 40)))
    return False


_LOCATIVE_PREP: Final = re.compile(r"\b(?:near|in|at|outside)\s+[A-Z]")
