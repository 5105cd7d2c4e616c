"""Resolution settings: defaults in `default.yaml` beside this module, overridable by a user's YAML file.

Settings are data, not flags threaded through calls (the spaCy/Splink way): one object says how candidates are
blocked, the m/u priors of every comparison level and the link threshold, and it is recorded with every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tacitus.errors import InputError
from tacitus.resolve.splitting import GROUPINGS

# Comparison name → number of non-null levels (the length its m and u lists must have).
LEVELS = {
    "date": 5,
    "place": 5,
    "kind": 2,
    "suicide": 3,
    "attack": 3,
    "target_type": 2,
    "perpetrator": 2,
    "killed": 5,
    "wounded": 5,
    "words": 3,
}


@dataclass(frozen=True)
class ResolveConfig:
    """Validated resolution settings (see default.yaml for what each means)."""

    date_window_days: int
    max_km: float
    dedupe_datasets: tuple[str, ...]
    prior_rule_recall: float
    prior_match_probability: float
    threshold_match_weight: float
    estimate_min_records: int
    estimate_max_pairs: int
    estimate_seed: int
    estimate_m: bool
    estimate_m_prior_share: float
    comparisons: dict[str, dict[str, list[float]]]
    leftover_kinds: tuple[str, ...]
    leftover_max_days: int
    leftover_min_weight: float
    split_datasets: dict[str, str]
    label_pseudo_count: float
    source: str

    def as_dict(self) -> dict[str, Any]:
        """The settings as plain data, for the run's history entry."""
        return {
            "date_window_days": self.date_window_days,
            "max_km": self.max_km,
            "dedupe_datasets": list(self.dedupe_datasets),
            "prior_rule_recall": self.prior_rule_recall,
            "prior_match_probability": self.prior_match_probability,
            "threshold_match_weight": self.threshold_match_weight,
            "leftover": {"kinds": list(self.leftover_kinds), "max_days": self.leftover_max_days,
                               "min_weight": self.leftover_min_weight},
            "split_datasets": dict(self.split_datasets),
            "source": self.source,
        }


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return out


def _check(path: str, raw: dict[str, Any], defaults: dict[str, Any]) -> None:
    unknown = sorted(set(raw) - set(defaults))
    if unknown:
        known = ", ".join(sorted(defaults))
        raise InputError(path, f"unknown setting {unknown[0]!r}; known: {known}", field=unknown[0])
    for name, comparison in (raw.get("comparisons") or {}).items():
        if name not in LEVELS:
            raise InputError(path, f"unknown comparison {name!r}; known: {', '.join(LEVELS)}", field=name)
        if not isinstance(comparison, dict):
            raise InputError(path, "must be a mapping with m and u lists", field=f"comparisons.{name}")


def _validate(path: str, merged: dict[str, Any]) -> ResolveConfig:
    comparisons: dict[str, dict[str, list[float]]] = {}
    for name, spec in merged["comparisons"].items():
        expected = LEVELS[name]
        for part in ("m", "u"):
            values = spec.get(part)
            where = f"comparisons.{name}.{part}"
            if not isinstance(values, list) or len(values) != expected:
                raise InputError(path, f"needs a list of {expected} probabilities", field=where)
            if not all(isinstance(v, (int, float)) and 0 < v <= 1 for v in values):
                raise InputError(path, "probabilities must be numbers in (0, 1]", field=where)
        comparisons[name] = {k: [float(v) for v in spec[k]] for k in spec}
    far = comparisons["place"].get("far_km")
    if not far or len(far) != 1 or far[0] <= 0:
        raise InputError(path, "needs one distance in km, e.g. [60]", field="comparisons.place.far_km")
    try:
        blocking, est, prior = merged["blocking"], merged["estimate"], merged["prior"]
        config = ResolveConfig(
            date_window_days=int(blocking["date_window_days"]),
            max_km=float(blocking["max_km"]),
            dedupe_datasets=tuple(str(d) for d in merged["dedupe_datasets"]),
            prior_rule_recall=float(prior["rule_recall"]),
            prior_match_probability=float(prior["match_probability"]),
            threshold_match_weight=float(merged["threshold_match_weight"]),
            estimate_min_records=int(est["min_records"]),
            estimate_max_pairs=int(est["max_pairs"]),
            estimate_seed=int(est["seed"]),
            estimate_m=bool(est["m"]),
            estimate_m_prior_share=float(est["m_prior_share"]),
            comparisons=comparisons,
            leftover_kinds=tuple(str(k) for k in merged["rules"]["leftover"]["kinds"] or ()),
            leftover_max_days=int(merged["rules"]["leftover"]["max_days"]),
            leftover_min_weight=float(merged["rules"]["leftover"]["min_weight"]),
            split_datasets={str(k): str(v) for k, v in (merged["split_datasets"] or {}).items()},
            label_pseudo_count=float(merged["labels"]["pseudo_count"]),
            source=path,
        )
    except (TypeError, ValueError, KeyError) as exc:
        raise InputError(path, f"bad setting ({exc})") from None
    if not 0 <= config.date_window_days <= 7:
        raise InputError(path, "must be 0..7 days", field="blocking.date_window_days")
    if not 0 < config.prior_rule_recall <= 1:
        raise InputError(path, "must be in (0, 1]", field="prior.rule_recall")
    if not 0 < config.prior_match_probability < 1:
        raise InputError(path, "must be in (0, 1)", field="prior.match_probability")
    for dataset, how in config.split_datasets.items():
        if how not in GROUPINGS:
            raise InputError(path, f"must be one of {', '.join(GROUPINGS)}", field=f"split_datasets.{dataset}")
    if not 0 <= config.estimate_m_prior_share <= 1:
        raise InputError(path, "must be in [0, 1]", field="estimate.m_prior_share")
    if config.label_pseudo_count < 0:
        raise InputError(path, "must be 0 or more", field="labels.pseudo_count")
    return config


def _defaults() -> dict[str, Any]:
    text = resources.files("tacitus.resolve").joinpath("default.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def load_config(path: str | Path | None = None) -> ResolveConfig:
    """The default settings, overridden by the YAML file at `path` if given."""
    defaults = _defaults()
    if path is None:
        return _validate("default.yaml", defaults)
    where = str(path)
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise InputError(where, f"cannot read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(where, f"not valid YAML ({getattr(exc, 'problem', exc)})",
                         line=mark.line + 1 if mark else None) from None
    if not isinstance(raw, dict):
        raise InputError(where, "must be a YAML mapping of settings")
    _check(where, raw, defaults)
    return _validate(where, _merge(defaults, raw))
