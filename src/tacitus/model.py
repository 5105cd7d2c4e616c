"""The codebook as code: event fields, their types and allowed values, and stable ids.

One event record is the union of what UCDP GED, GTD and ACLED code (see docs/codebook.md). Every stage of the
pipeline (importers, extraction, resolution, analysis, exporters) speaks in these field names, so they are defined
once here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import Any, Final

SCHEMA_VERSION: Final = 1

DATE_PRECISIONS: Final = ("day", "week", "month", "year")

ACLED_EVENT_TYPES: Final[dict[str, tuple[str, ...]]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

ATTACK_TYPES: Final = (
    "assassination",
    "armed_assault",
    "bombing_explosion",
    "hijacking",
    "hostage_taking_barricade",
    "hostage_taking_kidnapping",
    "facility_infrastructure_attack",
    "unarmed_assault",
    "unknown",
)

TARGET_TYPES: Final = (
    "business",
    "government_general",
    "police",
    "military",
    "abortion_related",
    "airports_aircraft",
    "government_diplomatic",
    "educational_institution",
    "food_water_supply",
    "journalists_media",
    "maritime",
    "ngo",
    "other",
    "private_citizens_property",
    "religious_figures_institutions",
    "telecommunication",
    "terrorists_non_state_militia",
    "tourists",
    "transportation",
    "unknown",
    "utilities",
    "violent_political_party",
)

WEAPON_TYPES: Final = (
    "biological",
    "chemical",
    "radiological",
    "nuclear",
    "firearms",
    "explosives",
    "fake_weapons",
    "incendiary",
    "melee",
    "vehicle",
    "sabotage_equipment",
    "other",
    "unknown",
)

# UCDP type_of_violence: 1 state-based, 2 non-state, 3 one-sided.
VIOLENCE_TYPES: Final = {1: "state-based", 2: "non-state", 3: "one-sided"}

# How responsibility is known: claimed by the group itself, attributed by officials, or merely suspected.
ATTRIBUTIONS: Final = ("claimed", "attributed", "suspected")

REVIEW_STATUSES: Final = ("unreviewed", "reviewed", "disputed", "rejected")

UNKNOWN_ACTOR: Final = "Unknown"

# The dataset name of events extracted from reports (tacitus.extract); every other dataset is an import.
REPORT_DATASET: Final = "report"


@dataclass(frozen=True)
class Column:
    """One codebook column: its name, DuckDB/SQL type and a one-line meaning (rendered into docs/codebook.md)."""

    name: str
    sql_type: str
    doc: str


EVENT_COLUMNS: Final[tuple[Column, ...]] = (
    Column("event_id", "VARCHAR", "Stable content-derived id (identical across re-runs)."),
    Column("date", "DATE", "First day of the event (or of the period the date precision allows)."),
    Column("date_end", "DATE", "Last day, when the event spans days or the date is only known to a period."),
    Column("date_precision", "VARCHAR", "day | week | month | year — never finer than the source says."),
    Column("country", "VARCHAR", "Country name."),
    Column("country_code", "VARCHAR", "ISO 3166-1 alpha-3."),
    Column("gwcode", "INTEGER", "Gleditsch–Ward state code (UCDP country_id; else from country_code)."),
    Column("admin1", "VARCHAR", "First-level unit as it was on the event date (e.g. FATA until 2018)."),
    Column("admin2", "VARCHAR", "Second-level unit (district, agency, frontier region) as on the event date."),
    Column("place", "VARCHAR", "Place name (town, village, area)."),
    Column("latitude", "DOUBLE", "WGS84 latitude."),
    Column("longitude", "DOUBLE", "WGS84 longitude."),
    Column("geo_precision", "INTEGER", "UCDP where_prec 1 (exact) … 7 (international waters/airspace)."),
    Column("priogrid_gid", "INTEGER", "PRIO-GRID 0.5° cell id (UCDP's; else from latitude/longitude)."),
    Column("event_type", "VARCHAR", "ACLED event type."),
    Column("sub_event_type", "VARCHAR", "ACLED sub-event type."),
    Column("attack_type", "VARCHAR", "GTD attack type, snake_case."),
    Column("target_type", "VARCHAR", "GTD target type, snake_case."),
    Column("target", "VARCHAR", "Named target (institution, person, facility)."),
    Column("weapon_type", "VARCHAR", "GTD weapon type, snake_case."),
    Column("suicide", "BOOLEAN", "Suicide attack (GTD definition)."),
    Column("success", "BOOLEAN", "GTD success: false for a device that did not explode or a target who survived."),
    Column("type_of_violence", "INTEGER", "UCDP: 1 state-based, 2 non-state, 3 one-sided."),
    Column("conflict_id", "INTEGER", "UCDP conflict id (GED conflict_new_id; the UCDP/PRIO ACD conflict_id)."),
    Column("dyad_id", "INTEGER", "UCDP dyad id (GED dyad_new_id)."),
    Column("perpetrator", "VARCHAR", "Canonical perpetrator name; 'Unknown' when no one is named."),
    Column("perpetrator_id", "VARCHAR", "Actor id in the actor dictionary."),
    Column("claimed", "BOOLEAN", "Responsibility claimed by the group itself (not official attribution)."),
    Column("attribution", "VARCHAR", "How the perpetrator is known: claimed | attributed | suspected."),
    Column("perpetrators_count", "INTEGER", "Number of attackers."),
    Column("actor1", "VARCHAR", "First side as the source names it (UCDP side_a, ACLED actor1)."),
    Column("actor2", "VARCHAR", "Second side (UCDP side_b, ACLED actor2)."),
    Column("victim_group", "VARCHAR", "Victims' group (e.g. Shia, Ahmadi, Hazara) where the source says."),
    Column("sectarian", "BOOLEAN", "Targeting along sectarian lines."),
    Column("killed_low", "INTEGER", "Lowest credible death toll (GTD convention: includes perpetrators)."),
    Column("killed_best", "INTEGER", "Best death toll."),
    Column("killed_high", "INTEGER", "Highest credible death toll."),
    Column("wounded_low", "INTEGER", "Lowest wounded figure."),
    Column("wounded_best", "INTEGER", "Best wounded figure."),
    Column("wounded_high", "INTEGER", "Highest wounded figure."),
    Column("perpetrators_killed", "INTEGER", "Perpetrators among the killed."),
    Column("civilians_killed", "INTEGER", "Civilians among the killed, where known."),
    Column("security_killed", "INTEGER", "Security forces among the killed, where known."),
    Column("source_count", "INTEGER", "Number of distinct sources (documents or dataset records) behind the event."),
    Column("review_status", "VARCHAR", "unreviewed | reviewed | disputed | rejected."),
    Column("notes", "VARCHAR", "Short coder note (never copied source prose)."),
)

EVENT_FIELDS: Final[tuple[str, ...]] = tuple(c.name for c in EVENT_COLUMNS)
# Fields whose values are backed by claims (everything that is coded, not bookkeeping).
CODED_FIELDS: Final[tuple[str, ...]] = tuple(
    f for f in EVENT_FIELDS if f not in {"event_id", "source_count", "review_status", "notes"}
)

_ALLOWED: Final[dict[str, frozenset[object]]] = {
    "date_precision": frozenset(DATE_PRECISIONS),
    "event_type": frozenset(ACLED_EVENT_TYPES),
    "sub_event_type": frozenset(s for subs in ACLED_EVENT_TYPES.values() for s in subs),
    "attack_type": frozenset(ATTACK_TYPES),
    "target_type": frozenset(TARGET_TYPES),
    "weapon_type": frozenset(WEAPON_TYPES),
    "type_of_violence": frozenset(VIOLENCE_TYPES),
    "attribution": frozenset(ATTRIBUTIONS),
    "review_status": frozenset(REVIEW_STATUSES),
}


def invalid_value(field_name: str, value: object) -> str | None:
    """Say why `value` is not allowed in `field_name`, or None when it is (None values are always allowed)."""
    allowed = _ALLOWED.get(field_name)
    if value is None or allowed is None or value in allowed:
        return None
    return f"{value!r} is not a codebook value for {field_name}"


@dataclass
class Claim:
    """One statement by one source about one field: the unit of provenance.

    A document claim points at characters of the document text (`start`/`end`, `quote`); a dataset claim points at
    a record and column (`column`, `quote` holding the cell as written). Event values are derived from claims, so
    merging records never loses what any source said.
    """

    field: str
    value: Any
    source_kind: str  # "document" | "dataset"
    source_id: str  # doc_id or "<dataset>:<record_id>"
    start: int | None = None
    end: int | None = None
    column: str | None = None
    quote: str | None = None
    confidence: float = 1.0
    reported_at: str | None = None  # ISO date of the report / dataset release

    @staticmethod
    def claim_id(record_key: str, ordinal: int) -> str:
        """The claim's id: its record and its place among the record's claims.

        A record's content (and so the order of its claims) is fixed by its content hash, so the same record
        always gives the same claim ids; hashing each claim instead cost more than the rest of an import.
        """
        return f"{record_key}#{ordinal}"


@dataclass
class Record:
    """One source's account of one event: a dataset row or an event extracted from one document.

    `values` holds codebook fields as this source codes them; `raw` keeps the original row (datasets) so that
    exports in the dataset's own shape and audits can go back to exactly what was imported.
    """

    dataset: str  # "ucdp_ged", "gtd", "acled", "report", ...
    record_id: str  # GED id, GTD eventid, ACLED event_id_cnty, "<doc_id>#<n>" for reports
    values: dict[str, Any]
    claims: list[Claim] = field(default_factory=list)
    raw: dict[str, Any] | None = None
    doc_id: str | None = None

    @property
    def record_key(self) -> str:
        return f"{self.dataset}:{self.record_id}"

    @property
    def event_id(self) -> str:
        """Event id before resolution: derived from the record's identity, so re-imports give the same id."""
        return event_id_for(self.dataset, self.record_id)


# One encoder for the whole process: json.dumps with options builds a new encoder per call, which dominated
# the import hot path (two calls per claim).
_ENCODER = json.JSONEncoder(sort_keys=True, default=str, ensure_ascii=False)


def canonical_json(value: object) -> str:
    """JSON with sorted keys and dates as ISO strings: the form hashed into ids and content hashes.

    Plain scalars (most claim values) take a shortcut that gives exactly what the encoder would: the encoder
    builds a new C encoder for every non-string value, which made this the import's single hottest function.
    """
    # Exact types only: bools, numpy scalars and date-times encode differently and go the long way.
    if type(value) is str:
        return _ENCODER.encode(value)
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    if type(value) is dt.date:
        return _ENCODER.encode(str(value))
    if value is None:
        return "null"
    return _ENCODER.encode(value)


def stable_id(prefix: str, *parts: object) -> str:
    """Deterministic short id from parts; the same inputs give the same id on every machine and run."""
    digest = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return f"{prefix}_{digest.hexdigest()[:16]}"


def event_id_for(dataset: str, record_id: str) -> str:
    """The id of the event a record founds. Resolution keeps the id of a cluster's founding record."""
    return stable_id("ev", dataset, record_id)
