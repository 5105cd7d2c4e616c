"""Sectarian targeting share: violence along Muslim sectarian lines (Sunni–Shia, and against Ahmadis, Ismailis,
Hazaras, Sufi shrines).

An event is sectarian when its own `sectarian` field says so (coders and extraction set it; an explicit False
wins too). Datasets that do not code it (UCDP GED) are classified by a documented rule instead:
- the victims' group is a sect (`SECTARIAN_VICTIMS`), or
- one of its actors is a sectarian organisation or a sect-defined communal side: Sipah-e-Sahaba and its
  splinters Lashkar-e-Jhangvi and LeJ al-Alami, Sipah-e-Muhammad, and the Turi and Bangesh tribes whose Kurram
  clashes run along Shia–Sunni lines (`SECTARIAN_ACTORS`), or any dictionary entry marked `sectarian: true`.
The rule undercounts: GED records an anonymous bombing of a Shia procession as one-sided violence by an unnamed
or non-sectarian actor, which this rule cannot see. Read the share as a lower bound for UCDP-only data.
"""

from __future__ import annotations

from typing import Any, Final

import ibis.expr.types as ir
import pandas as pd

from tacitus.actors import get_actors
from tacitus.analysis.series import check_frequency, flag_shares, span_of
from tacitus.analysis.source import ACTOR_COLUMNS, actor_match, actor_names, events_table
from tacitus.store import Store

SECTARIAN_ACTORS: Final = ("ssp", "sipah-e-muhammad", "turi", "bangesh")  # ssp expands to LeJ and LeJ al-Alami
SECTARIAN_VICTIMS: Final = ("shia", "hazara", "ahmadi", "ismaili", "sufi", "barelvi", "sunni")


def sectarian_actor_ids() -> list[str]:
    """The rule's actors plus any dictionary entry flagged `sectarian: true`."""
    flagged = [a.id for a in get_actors() if a.extra.get("sectarian") is True]
    return sorted({*SECTARIAN_ACTORS, *flagged})


def sectarian_flag(events: ir.Table) -> ir.BooleanValue:
    """True/False for each event by the rule above (never NULL: an event nothing marks is not sectarian)."""
    _, names = actor_match(sectarian_actor_ids(), True, actor_names(events))
    by_actor = events.victim_group.lower().isin(list(SECTARIAN_VICTIMS)).fill_null(False)
    for column in ACTOR_COLUMNS:
        by_actor = by_actor | events[column].isin(names).fill_null(False)
    return events.sectarian.coalesce(by_actor)


def sectarian_share(store: Store, by: str = "year", **filters: Any) -> pd.DataFrame:
    """Per period: events, sectarian events, and their share with a Wilson 95% interval."""
    events = events_table(store, **filters)
    frame = flag_shares(events, check_frequency(by), {"sectarian": sectarian_flag(events)}, span_of(filters))
    return frame.drop(columns="sectarian_known")
