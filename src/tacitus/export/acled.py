"""Events shaped like an ACLED CSV export (the post-2024 column set and wording), so ACLED users' scripts read
Tacitus output.

ACLED records are written back from their original row (see tacitus.export.shaped). Other events are written
from their codebook values in ACLED's terms:
- `event_id_cnty`: the ISO 3166 alpha-3 code and a number derived from the Tacitus event id (stable across runs
  and machines; `XXX` when the country is unknown);
- `event_type`/`sub_event_type`: the event's own, else inferred from GTD's attack type or UCDP's type of
  violence by the rules in acled_crosswalk.yaml;
- actor types (`inter1`, `inter2`) from the actor dictionary's kinds, and `interaction` in ACLED's order;
- `region` from the crosswalk's table; `iso` as ISO 3166 numeric; `time_precision` 1/2/3 (a year-precise date
  becomes 3, ACLED's coarsest); `geo_precision` 1/2/3; `fatalities` the best death toll;
- `source`: the datasets behind the event; `timestamp`: when Tacitus last changed the event (Unix seconds).
Every inferred cell is named in `tags` ("tacitus-inferred: …"): an inference is never passed off as a source's
coding (DESIGN.md, "Crosswalked values").
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from tacitus.actors import Actor, get_actors
from tacitus.countries import numeric_for_iso3
from tacitus.export.shaped import cell, shaped_frame
from tacitus.model import UNKNOWN_ACTOR
from tacitus.store.base import Store
from tacitus.values import plain

ACLED_COLUMNS: tuple[str, ...] = tuple(  # the header, in the dataset's order
    """event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1
    assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region
    country admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes
    fatalities tags timestamp""".split()  # noqa: SIM905
)
TIME_PRECISION = {"day": "1", "week": "2", "month": "3", "year": "3"}
# Our where_prec → ACLED geo_precision: ACLED's 3 stands for everything coarser than "near a town".
GEO_PRECISION = {1: "1", 2: "2"}
_DEMONSTRATIONS = {"Protests", "Violent demonstration"}
UNKNOWN_COUNTRY = "XXX"  # ISO 3166's code for "unspecified"
DATASET_TITLES = {"ucdp_ged": "UCDP GED", "gtd": "GTD", "acled": "ACLED", "report": "Tacitus report extraction"}


@dataclass(frozen=True)
class Crosswalk:
    """The rules of acled_crosswalk.yaml."""

    event_types: list[dict[str, Any]]
    actor_types: dict[str, str]
    foreign_state: str
    actor_names: dict[str, str]
    type_order: list[str]
    regions: dict[str, str]


@cache
def crosswalk() -> Crosswalk:
    text = resources.files("tacitus.export").joinpath("acled_crosswalk.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    regions = {iso3: region for region, codes in data["regions"].items() for iso3 in codes}
    return Crosswalk(data["event_types"], data["actor_types"], data["foreign_state"], data["actor_names"],
                     data["actor_type_order"], regions)


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type, which follows from the event and sub-event type."""
    if event_type == "Strategic developments":
        return "Strategic developments"
    if event_type in _DEMONSTRATIONS or sub_event_type in _DEMONSTRATIONS:
        return "Demonstrations"
    return "Political violence"


def acled_event_id(country_code: str, event_id: str) -> str:
    """`event_id_cnty` for a Tacitus event: ISO3 and a number from its id (60 bits: no clash in practice)."""
    number = int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)
    return f"{country_code or UNKNOWN_COUNTRY}{number}"


def _holds(condition: Any, value: Any) -> bool:
    wanted = condition if isinstance(condition, list) else [condition]
    return value is not None and value != "" and value in wanted


def infer_event_type(event: Mapping[str, Any]) -> tuple[str, str, str] | None:
    """(event_type, sub_event_type, rule) from the crosswalk's first matching rule, or None."""
    own = cell(event.get("event_type"))
    for rule in crosswalk().event_types:
        if own and rule["event_type"] != own:
            continue
        if all(_holds(want, plain(event.get(name))) for name, want in rule["when"].items()):
            return rule["event_type"], rule["sub_event_type"], rule["rule"]
    return None


def _root(actor: Actor) -> Actor:
    actors = get_actors()
    while actor.parent and (parent := actors.get(actor.parent)) is not None:
        actor = parent
    return actor


def actor_type(name: str, country: str) -> str:
    """ACLED's actor type for an actor name, or "" when the dictionary does not know the actor."""
    if not name or name == UNKNOWN_ACTOR:
        return ""
    walk = crosswalk()
    actor = get_actors().lookup(name)
    if actor is None:
        return walk.actor_names.get(name.casefold(), "")
    kind = walk.actor_types.get(actor.kind, "")
    if kind == walk.actor_types["state"] and country:
        home = _root(actor)
        if country.casefold() not in " ".join(filter(None, (home.name, home.short))).casefold():
            return walk.foreign_state
    return kind


def interaction(inter1: str, inter2: str) -> str:
    """ACLED's interaction: both actor types in its order ("State forces-Civilians"), or "… only"."""
    if not inter1:
        return ""
    if not inter2:
        return f"{inter1} only"
    order = crosswalk().type_order
    first, second = sorted((inter1, inter2), key=lambda t: order.index(t) if t in order else len(order))
    return f"{first}-{second}"


def _from_codebook(event: dict[str, Any]) -> dict[str, str]:
    inferred: list[str] = []
    event_type, sub_event_type = cell(event.get("event_type")), cell(event.get("sub_event_type"))
    if not (event_type and sub_event_type) and (found := infer_event_type(event)):
        event_type, sub_event_type, rule = found
        inferred.append(f"event_type+sub_event_type by rule {rule}")
    perpetrator = cell(event.get("perpetrator"))
    actor1 = cell(event.get("actor1")) or (perpetrator if perpetrator != UNKNOWN_ACTOR else "")
    actor2 = cell(event.get("actor2"))
    country, code = cell(event.get("country")), cell(event.get("country_code"))
    inter1, inter2 = actor_type(actor1, country), actor_type(actor2, country)
    if inter1 or inter2:
        inferred.append("inter1+inter2+interaction from the actor dictionary")
    region = crosswalk().regions.get(code, "")
    if region:
        inferred.append("region from the country")
    geo = cell(event.get("geo_precision"))
    civilians = event.get("target_type") == "private_citizens_property" or cell(event.get("type_of_violence")) == "3"
    return {
        "event_id_cnty": acled_event_id(code, event["event_id"]),
        "event_date": cell(event.get("date")),
        "year": cell(event.get("date"))[:4],
        "time_precision": TIME_PRECISION.get(cell(event.get("date_precision")), "1"),
        "disorder_type": disorder_type(event_type, sub_event_type) if event_type else "",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "inter1": inter1,
        "actor2": actor2,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2) if inter1 else interaction(inter2, ""),
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": numeric_for_iso3(code) if code else "",
        "region": region,
        "country": country,
        "admin1": cell(event.get("admin1")),
        "admin2": cell(event.get("admin2")),
        "location": cell(event.get("place")),
        "latitude": cell(event.get("latitude")),
        "longitude": cell(event.get("longitude")),
        "geo_precision": GEO_PRECISION.get(int(geo), "3") if geo else "",
        "source": cell(event.get("datasets")),
        "source_scale": "Other" if cell(event.get("datasets")) else "",
        "notes": cell(event.get("notes")),
        "fatalities": cell(event.get("killed_best")),
        "tags": ("tacitus-inferred: " + "; ".join(inferred)) if inferred else "",
        "timestamp": cell(event.get("timestamp")),
    }


def _with_context(store: Store, events: pd.DataFrame) -> pd.DataFrame:
    """The events with what ACLED's row needs beyond the codebook: change time and the datasets behind them."""
    extra = store.sql(
        """SELECT e.event_id, CAST(epoch(e.updated_at) AS BIGINT) AS timestamp,
                  string_agg(DISTINCT r.dataset, '; ' ORDER BY r.dataset) AS datasets
           FROM events e JOIN records r USING (event_id) GROUP BY e.event_id, e.updated_at"""
    )
    extra["datasets"] = extra["datasets"].map(
        lambda names: "; ".join(DATASET_TITLES.get(n, n) for n in str(names).split("; "))
    )
    return events.merge(extra, on="event_id", how="left")


def acled_frame(store: Store, events: pd.DataFrame) -> pd.DataFrame:
    """One ACLED-shaped row per ACLED record of the selected events, and one per event without any."""
    frame = shaped_frame(store, _with_context(store, events), "acled", ACLED_COLUMNS, _from_codebook)
    ids = frame["event_id_cnty"]
    if ids.duplicated().any():  # 60-bit numbers: a clash would merge two events on re-import, so refuse it
        raise ValueError(f"ACLED export: event_id_cnty {ids[ids.duplicated()].iloc[0]} would name two events")
    return frame
