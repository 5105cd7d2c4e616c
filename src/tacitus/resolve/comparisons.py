"""The comparisons of the linkage model, as Splink comparison levels over the features (tacitus.resolve.features).

Each comparison is a list of (SQL condition, label) levels, most specific first, with an "unknown" level when
either side lacks the feature and an else level; their m and u come from the settings (default.yaml) or are
fitted per dataset pair (tacitus.resolve.linkage). The labels are what `--explain` and the wording
(tacitus.resolve.wording) name.

What separates two attacks in one city on one day is not place or date but what happened: the suicide flag
(GTD codes it for every attack, so "not a suicide attack" is evidence too), attack type and weapon, target type,
and tolls compared as ranges, so a list's "30–38 killed" agrees with GTD's 39 (38 and the bomber) better than
with 1.
"""

from __future__ import annotations

from typing import Any

from splink.internals.comparison_level_library import ArrayIntersectLevel
from splink.internals.comparison_library import CustomComparison

from tacitus.resolve.config import ResolveConfig

DIFFERENT = "different"
UNKNOWN = "unknown"


def _null(*columns: str) -> str:
    return " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in columns)


def distance_sql() -> str:
    """Distance in km between the two points (equirectangular; exact enough within a country)."""
    return ("sqrt(power((lat_l - lat_r) * 111.2, 2) + "
            "power((lon_l - lon_r) * 111.2 * cos(radians((lat_l + lat_r) / 2)), 2))")


def _toll_levels(name: str) -> list[tuple[str, str]]:
    lo_l, hi_l, lo_r, hi_r = f"{name}_lo_l", f"{name}_hi_l", f"{name}_lo_r", f"{name}_hi_r"
    gap = f"(greatest({lo_l}, {lo_r}) - least({hi_l}, {hi_r}))"
    return [
        (f"{lo_l} <= {hi_r} AND {lo_r} <= {hi_l}", "ranges overlap"),
        (f"{gap} <= 2 + 0.1 * greatest({hi_l}, {hi_r})", "ranges nearly overlap"),
        (f"least({hi_l}, {hi_r}) * 1.5 + 2 >= greatest({lo_l}, {lo_r})", "within factor 1.5"),
        (f"least({hi_l}, {hi_r}) * 3 + 3 >= greatest({lo_l}, {lo_r})", "within factor 3"),
    ]


def specs(config: ResolveConfig) -> dict[str, tuple[str, list[tuple[str | Any, str]]]]:
    """Comparison name → (SQL of its unknown level, [(condition, label), ...] most specific first)."""
    window = config.date_window_days
    exact = "day_lo_l = day_hi_l AND day_lo_r = day_hi_r"
    overlap = f"day_lo_l <= day_hi_r + {window} AND day_lo_r <= day_hi_l + {window}"
    width = "greatest(day_hi_l - day_lo_l, day_hi_r - day_lo_r)"
    km = distance_sql()
    radius = "(radius_km_l + radius_km_r)"
    far = config.comparisons["place"]["far_km"][0]
    both_unknown_place = f"({_null('lat', 'lon')}) AND ({_null('admin2')})"
    no_point = _null("lat", "lon")
    return {
        "date": (_null("day_lo"), [
            (f"{exact} AND day_lo_l = day_lo_r", "same day"),
            (f"{exact} AND abs(day_lo_l - day_lo_r) <= {window}", f"within {window} day(s)"),
            (f"{overlap} AND {width} <= 7", "same week"),
            (f"{overlap}", "same month"),
        ]),
        "place": (both_unknown_place, [
            (f"NOT ({no_point}) AND {km} <= {radius}", "same place"),
            (f"NOT ({no_point}) AND {km} <= 3 * {radius}", "near"),
            ("admin2_l = admin2_r", "same district"),
            (f"NOT ({no_point}) AND {km} <= {far:g}", f"within {far:g} km"),
        ]),
        "kind": (_null("kind"), [("kind_l = kind_r", "same kind")]),
        "suicide": (_null("suicide"), [("suicide_l AND suicide_r", "both suicide attacks"),
                                       ("NOT suicide_l AND NOT suicide_r", "neither a suicide attack")]),
        "attack": (
            f"({_null('attack')}) AND ({_null('weapon')})",
            [("attack_l = attack_r", "same attack type"), ("weapon_l = weapon_r", "same weapon")],
        ),
        "target_type": (_null("target_type"), [("target_type_l = target_type_r", "same target type")]),
        "perpetrator": (_null("perpetrator"), [("perpetrator_l = perpetrator_r", "same perpetrator")]),
        "killed": (_null("killed_lo", "killed_hi"), _toll_levels("killed")),
        "wounded": (_null("wounded_lo", "wounded_hi"), _toll_levels("wounded")),
        "words": (
            _null("words"),
            [(ArrayIntersectLevel("words", 2), "2+ shared words"), (ArrayIntersectLevel("words", 1), "1 shared word")],
        ),
    }


def comparisons(config: ResolveConfig, m_override: dict[str, list[float]] | None = None) -> list[CustomComparison]:
    """Splink comparisons with the config's m/u (m replaced by `m_override` where given, e.g. from labels).

    Distance and district are one comparison, not two: both measure "same place", and counting them as
    independent evidence would let any two events in one city on one day outweigh everything else.
    """
    out = []
    for name, (null_sql, conditions) in specs(config).items():
        spec = config.comparisons[name]
        m_values = (m_override or {}).get(name, spec["m"])
        levels: list[Any] = [{"sql_condition": null_sql, "label_for_charts": UNKNOWN, "is_null_level": True}]
        for (sql, label), m, u in zip(conditions, m_values, spec["u"], strict=False):
            if isinstance(sql, str):
                levels.append({"sql_condition": sql, "label_for_charts": label, "m_probability": m,
                               "u_probability": u})
            else:
                levels.append(sql.configure(label_for_charts=label, m_probability=m, u_probability=u))
        levels.append({"sql_condition": "ELSE", "label_for_charts": DIFFERENT,
                       "m_probability": m_values[-1], "u_probability": spec["u"][-1]})
        out.append(CustomComparison(comparison_levels=levels, output_column_name=name))
    return out


def level_labels(config: ResolveConfig) -> dict[str, list[str]]:
    """Comparison name → labels of its non-null levels, most specific first (gamma n-1 … 0)."""
    return {name: [label for _, label in conditions] + [DIFFERENT]
            for name, (_, conditions) in specs(config).items()}
