"""Hard vs. soft targets: a documented mapping of GTD target types and UCDP violence types onto a hardness scale.

Why a scale: claims such as "the group turned from the army and police to schools and civilians" are about how
protected a target is. GTD codes the target's type; UCDP codes only the type of violence. Both map onto three
levels (docs/analysis.md lists the table):

- hard (1.0): armed or guarded state and non-state targets — military, police, government offices and
  diplomats, militias and armed parties; UCDP state-based (1) and non-state (2) violence, whose other side is armed;
- intermediate (0.5): infrastructure and transport that is guarded unevenly — airports, maritime, utilities,
  telecommunication, transportation;
- soft (0.0): people and places without protection — private citizens, schools, religious figures and places,
  business, journalists, NGOs, tourists, food and water supply, abortion-related; UCDP one-sided violence
  (violence against civilians by definition).

The event's GTD target type decides when coded; `unknown`/`other` fall back to the UCDP type; events with
neither are unclassified and stay out of the shares' denominators.

Caveat for UCDP-only data: GED does not say who attacked in state-based violence, so an army raid on a TTP
hideout and a TTP attack on a checkpoint are both "hard" events involving the TTP.
"""

from __future__ import annotations

from typing import Any, Final

import ibis
import ibis.expr.types as ir
import pandas as pd

from tacitus.analysis.series import check_frequency, flag_shares, reduction, span_of
from tacitus.analysis.source import events_table
from tacitus.store import Store

HARD, INTERMEDIATE, SOFT = "hard", "intermediate", "soft"
HARDNESS_SCORE: Final = {HARD: 1.0, INTERMEDIATE: 0.5, SOFT: 0.0}

TARGET_HARDNESS: Final[dict[str, str]] = {
    "military": HARD,
    "police": HARD,
    "government_general": HARD,
    "government_diplomatic": HARD,
    "terrorists_non_state_militia": HARD,
    "violent_political_party": HARD,
    "airports_aircraft": INTERMEDIATE,
    "maritime": INTERMEDIATE,
    "utilities": INTERMEDIATE,
    "telecommunication": INTERMEDIATE,
    "transportation": INTERMEDIATE,
    "private_citizens_property": SOFT,
    "educational_institution": SOFT,
    "religious_figures_institutions": SOFT,
    "business": SOFT,
    "journalists_media": SOFT,
    "ngo": SOFT,
    "tourists": SOFT,
    "food_water_supply": SOFT,
    "abortion_related": SOFT,
}
VIOLENCE_HARDNESS: Final[dict[int, str]] = {1: HARD, 2: HARD, 3: SOFT}


def hardness_class(events: ir.Table) -> ir.StringValue:
    """'hard' / 'intermediate' / 'soft' for each event, NULL when neither target type nor violence type tells."""
    by_target = events.target_type.substitute(TARGET_HARDNESS, else_=ibis.null("string"))
    by_violence = events.type_of_violence.substitute(VIOLENCE_HARDNESS, else_=ibis.null("string"))
    return by_target.coalesce(by_violence)


def hardness_flags(events: ir.Table) -> dict[str, ir.BooleanValue]:
    """Event-level flags (NULL when unclassified) for the hard and the soft share."""
    level = hardness_class(events)
    return {"hard": level == HARD, "soft": level == SOFT}


def target_hardness(store: Store, by: str = "year", **filters: Any) -> pd.DataFrame:
    """Per period: events, classified events, hard and soft counts, their shares with Wilson 95% intervals, and
    the mean hardness score (1 hard, 0.5 intermediate, 0 soft)."""
    events = events_table(store, **filters)
    score = hardness_class(events).substitute(HARDNESS_SCORE, else_=ibis.null("float64"))
    frame = flag_shares(
        events, check_frequency(by), hardness_flags(events), span_of(filters),
        extra={"hardness_mean": reduction(score.mean())},
    )
    frame["hardness_mean"] = frame["hardness_mean"].astype("float64").round(4)
    return frame.drop(columns="soft_known").rename(columns={"hard_known": "classified"})
