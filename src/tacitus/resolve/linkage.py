"""Pairwise scoring with Splink, one model per pair of datasets: the probabilistic evidence behind every link.

The model is declarative (Splink settings built from `ResolveConfig` and tacitus.resolve.comparisons): a
blocking rule chooses candidate pairs, comparisons score them as m/u log-likelihood ratios. The SQL is generated
by Splink for the engine's backend (tacitus.engines: an in-memory DuckDB by default, Spark with `engine="spark"`),
which blocks and scores with the same settings and the same parameters, trained once on the driver; everything
before and after (features, priors, training, period weights, assignment) is the same code whatever the engine.

Why one model per dataset pair: datasets differ in what they code and in how crowded they are. How often two
random TBIJ and PBC drone strikes share a target type says nothing about GTD against the suicide list, and
the prior that two random records match is about 1/size of the smaller dataset, not one figure for the whole
store. So each pair of datasets gets its own prior (from a strict rule's count, `pair_priors`), its own u
(Splink's random sampling over that pair's records only) and, with reviewer labels, its own m
(tacitus.resolve.labels). Links are then chosen from the scored pairs by tacitus.resolve.assign.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Callable, Collection, Mapping
from typing import Any

import duckdb
import pandas as pd
from splink import Linker, SettingsCreator
from splink.internals.blocking_rule_library import CustomRule

from tacitus.engines import splink_api
from tacitus.resolve.comparisons import comparisons
from tacitus.resolve.config import ResolveConfig
from tacitus.resolve.features import FEATURE_COLUMNS

DatasetPair = tuple[str, str]
# Decimals of a pair's match weight (bits) that count: engines sum the same terms in different orders, and their
# last-bit differences must not decide between two candidates with equal evidence (replicated or duplicate
# records); rounded, such ties fall to the assignment's fixed order of record keys.
WEIGHT_DECIMALS = 6
# Splink's gamma values of the date levels "same week" and "same month" (5 non-null levels: 4 = same day … 0).
PERIOD_GAMMAS = (2, 1)


def logit2(probability: float) -> float:
    return math.log2(probability / (1 - probability))


def dataset_pairs(features: pd.DataFrame, config: ResolveConfig) -> list[DatasetPair]:
    """Pairs of datasets whose records may link: different datasets, or a de-duplicated one with itself."""
    names = sorted(set(features["source_dataset"]))
    pairs = [(a, b) for a, b in itertools.combinations(names, 2)]
    pairs += [(a, a) for a in names if a in config.dedupe_datasets]
    return sorted(pairs)


def blocking_rule(config: ResolveConfig) -> CustomRule:
    """Candidate pairs: periods at most `date_window_days` apart, and near each other or in one district.

    One range condition (DuckDB plans it as an inequality join) rather than one equi-join per day offset, so
    that GED's week- and month-long periods are candidates for every day they cover.
    """
    window = config.date_window_days
    near = (
        f"(l.admin2 = r.admin2 OR l.lat IS NULL OR r.lat IS NULL OR "
        f"sqrt(power((l.lat - r.lat) * 111.2, 2) + power((l.lon - r.lon) * 111.2 * cos(radians(l.lat)), 2)) "
        f"<= {config.max_km})"
    )
    return CustomRule(f"l.day_lo <= r.day_hi + {window} AND r.day_lo <= l.day_hi + {window} AND {near}")


def prior_rule_sql() -> str:
    """The strict rule whose count, divided by its assumed recall, estimates each pair's prior: same exact day,
    same district."""
    return "l.day_lo = r.day_lo AND l.day_hi = l.day_lo AND r.day_hi = r.day_lo AND l.admin2 = r.admin2"


def pair_priors(features: pd.DataFrame, config: ResolveConfig) -> dict[DatasetPair, float]:
    """The prior of each dataset pair: records the strict rule matches / rule recall / pairs that can match.

    One prior for a whole store is wrong as soon as datasets differ in size: two rows of one distinct-by-design
    dataset can never match, and three extracted reports beside 6,416 GED events would get 2^-23 per pair
    instead of about 1/6,416, so no report could ever link. A pair the rule never fires on keeps the configured
    `prior.match_probability`.
    """
    sizes = {str(k): int(v) for k, v in features["source_dataset"].value_counts().items()}
    con = duckdb.connect(":memory:")
    try:
        columns = features[["unique_id", "source_dataset", "day_lo", "day_hi", "admin2"]]
        con.register("l", columns)
        con.register("r", columns)
        # Records, not pairs: a record matches at most one record of another dataset, so a day with three GED
        # events in a district and one suicide attack there is at most one match, not three.
        counts = con.execute(
            f"""SELECT a, b, least(count(DISTINCT id_a), count(DISTINCT id_b)) FROM (
                    SELECT least(l.source_dataset, r.source_dataset) AS a,
                           greatest(l.source_dataset, r.source_dataset) AS b,
                           CASE WHEN l.source_dataset <= r.source_dataset THEN l.unique_id ELSE r.unique_id END AS id_a,
                           CASE WHEN l.source_dataset <= r.source_dataset THEN r.unique_id ELSE l.unique_id END AS id_b
                    FROM l JOIN r ON l.unique_id < r.unique_id AND {prior_rule_sql()})
                GROUP BY a, b"""
        ).fetchall()
    finally:
        con.close()
    found = {(str(a), str(b)): int(n) for a, b, n in counts}
    priors: dict[DatasetPair, float] = {}
    for a, b in dataset_pairs(features, config):
        possible = sizes[a] * (sizes[a] - 1) / 2 if a == b else sizes[a] * sizes[b]
        matches = found.get((a, b), 0) / config.prior_rule_recall
        priors[(a, b)] = min(matches / possible, 0.5) if matches and possible else config.prior_match_probability
    return priors


def _has_same_day_pairs(features: pd.DataFrame, pair: DatasetPair) -> bool:
    """Whether EM has anything to learn from: at least one same-day pair of the two datasets (else it fails)."""
    exact = features[features["day_lo"].notna() & (features["day_lo"] == features["day_hi"])]
    days = [exact.loc[exact["source_dataset"] == name, "day_lo"] for name in pair]
    if pair[0] == pair[1]:
        return bool(days[0].duplicated().any())
    return bool(set(days[0]) & set(days[1]))


class PairModel:
    """The Splink model of one dataset pair: prior, u (estimated or priors) and m (priors or given).

    Trained on `db_api` (the driver's in-memory DuckDB, tacitus.engines.splink_api): u from at most
    `estimate.max_pairs` sampled pairs and m by EM, work bounded by the settings rather than by the data. Blocking
    and scoring every candidate pair, which grow with the data, run on whichever engine `predict` is given, with
    the parameters trained here — so both engines score with the same m, u and prior (Splink samples u with each
    engine's own hash function: training on each would differ by sampling noise, not by engine).
    """

    def __init__(self, features: pd.DataFrame, pair: DatasetPair, config: ResolveConfig, prior: float,
                 m_override: Mapping[str, list[float]] | None = None, *, db_api: Any) -> None:
        self.pair = pair
        self.prior = prior
        a, b = pair
        ordered = features.sort_values("unique_id", kind="stable")
        self._dtypes = ordered.dtypes
        self._frames = [ordered[ordered["source_dataset"] == name].reset_index(drop=True)
                        for name in sorted(set(pair))]
        tables = self._register(db_api)
        self._settings = SettingsCreator(
            link_type="dedupe_only" if a == b else "link_only",
            unique_id_column_name="unique_id",
            source_dataset_column_name="source_dataset",
            probability_two_random_records_match=prior,
            comparisons=[*comparisons(config, dict(m_override or {}))],
            blocking_rules_to_generate_predictions=[blocking_rule(config)],
            retain_intermediate_calculation_columns=True,
            retain_matching_columns=True,
            additional_columns_to_retain=[],
        )
        self._tables = tables
        self.linker = Linker(self._tables, self._settings, log_level=logging.ERROR)
        records = sum(len(frame) for frame in self._frames)
        self.u_source = "priors"
        self.m_source = "priors" if not m_override else "fitted from reviewer labels"
        if records >= config.estimate_min_records:
            self.linker.training.estimate_u_using_random_sampling(
                max_pairs=config.estimate_max_pairs, seed=config.estimate_seed
            )
            self.u_source = f"estimated for this dataset pair (random sampling, seed {config.estimate_seed})"
            if config.estimate_m and not m_override and _has_same_day_pairs(features, pair):
                self._estimate_m(config)
        # Looked up by key when needed: a dict per record would cost more memory than the features at 1M records.
        self._by_id = ordered.set_index(ordered["unique_id"].astype(str))

    def _estimate_m(self, config: ResolveConfig) -> None:
        """m of every comparison but the date by expectation maximisation over this pair's same-day pairs.

        Same-day pairs of two datasets are a mix of the attack both coded and other attacks that day; EM
        separates the two (u fixed from random sampling). The date's own m stays the prior: the pairs that
        trained the rest all agree on it by construction, and blocking on the district instead to train it
        gives a mixture dominated by different attacks in one district, which EM mistakes for matches.
        EM is confident to a fault (it put the m of "places far apart" at 1e-9, a -28 bit penalty that one
        misplaced coordinate would turn into a missed link), so each estimate is shrunk towards its prior by
        `estimate.m_prior_share`.
        """
        self.linker.training.estimate_parameters_using_expectation_maximisation(
            prior_rule_sql().replace(" AND l.admin2 = r.admin2", ""), fix_u_probabilities=True
        )
        model = self.linker.misc.save_model_to_json()
        share = config.estimate_m_prior_share
        for comparison in model["comparisons"]:
            prior = config.comparisons[comparison["output_column_name"]]["m"]
            levels = [level for level in comparison["comparison_levels"] if not level.get("is_null_level")]
            for level, m_prior in zip(levels, prior, strict=True):
                fitted = level.get("m_probability")
                level["m_probability"] = m_prior if fitted is None else (1 - share) * fitted + share * m_prior
        self.linker = Linker(self._tables, model, log_level=logging.ERROR)
        self.m_source = "estimated for this dataset pair (EM over same-day pairs)"

    def _register(self, db_api: Any) -> Any:
        """This pair's records as Splink input tables on `db_api` (one table, or one per dataset). Unnamed: Splink
        names them itself and may replace its own names, so one long-lived Spark session serves one pair after
        another without a clash."""
        tables = [db_api.register(frame) for frame in self._frames]
        return tables if len(tables) > 1 else tables[0]

    def linker_on(self, db_api: Any) -> Linker:
        """This model as trained, on the engine of `db_api`: the settings built for that engine's SQL dialect
        (comparisons like the shared-words one are dialect-specific SQL), with the trained prior, m and u."""
        model = self._settings.create_settings_dict(db_api.sql_dialect.sql_dialect_str)
        trained = self.linker.misc.save_model_to_json()
        model["probability_two_random_records_match"] = trained["probability_two_random_records_match"]
        for comparison, done in zip(model["comparisons"], trained["comparisons"], strict=True):
            for level, fitted in zip(comparison["comparison_levels"], done["comparison_levels"], strict=True):
                for name in ("m_probability", "u_probability"):
                    if name in fitted:
                        level[name] = fitted[name]
                    else:
                        level.pop(name, None)
        return Linker(self._register(db_api), model, log_level=logging.ERROR)

    def predict(self, db_api: Any) -> pd.DataFrame:
        """Every blocked candidate pair of this dataset pair, scored with this model on the engine of `db_api`."""
        scored = self.linker_on(db_api).inference.predict(warning_mode="never").as_pandas_dataframe()
        return self._finish(scored)

    def score(self, keys: Collection[tuple[str, str]]) -> pd.DataFrame:
        """Named pairs scored whether or not blocking finds them (reviewer labels far apart in time)."""
        frames = []
        for left, right in sorted(keys):
            record_l, record_r = (self._plain(self._by_id.loc[key].to_dict()) for key in (left, right))
            frames.append(self.linker.inference.score_pair(record_l, record_r).as_pandas_dataframe())
        return self._finish(pd.concat(frames, ignore_index=True)) if frames else pd.DataFrame()

    @staticmethod
    def _plain(row: dict[Any, Any]) -> dict[str, Any]:
        return {str(k): (None if not isinstance(v, (list, tuple)) and pd.isna(v) else v) for k, v in row.items()}

    def _period_weights(self, scored: pd.DataFrame) -> None:
        """Date weights of pairs where one side's date is a period: the same-day weight less log2(days).

        A GED event known to a week agrees with any of seven days, so a random pair falls in the level seven
        times as often as on one day, while a true match falls in it as surely: the evidence is the same-day
        evidence divided by the period's length. Fitting m and u for these levels instead gave week-long
        periods the weight of an exact day, because periods are rare among matches and non-matches alike.
        """
        model = self.linker.misc.save_model_to_json()
        date = next(c for c in model["comparisons"] if c["output_column_name"] == "date")
        levels = [level for level in date["comparison_levels"] if not level.get("is_null_level")]
        same_day = math.log2(levels[0]["m_probability"] / levels[0]["u_probability"])
        period = scored["gamma_date"].isin(PERIOD_GAMMAS)
        if not period.any():
            return
        width = pd.concat([scored["day_hi_l"] - scored["day_lo_l"], scored["day_hi_r"] - scored["day_lo_r"]],
                          axis=1).max(axis=1).astype(float)
        weight = same_day - (width + 1).map(math.log2)
        change = (weight - scored["mw_date"]).where(period, 0.0)
        scored["mw_date"] = scored["mw_date"] + change
        scored["match_weight"] = scored["match_weight"] + change
        scored["match_probability"] = 1 / (1 + 2.0 ** (-scored["match_weight"]))

    def _finish(self, scored: pd.DataFrame) -> pd.DataFrame:
        """Scored pairs as the rest of resolution reads them, whichever engine scored them: in one order (pair
        keys), each side's features with the dtypes of the features (Spark returns a nullable integer as a
        float), the period weights, the match weight to WEIGHT_DECIMALS, the datasets and the prior."""
        scored = scored.sort_values(["unique_id_l", "unique_id_r"], kind="stable", ignore_index=True)
        for column in FEATURE_COLUMNS:
            for side in (f"{column}_l", f"{column}_r"):
                if side in scored.columns and column in self._dtypes.index:
                    scored[side] = _as_dtype(scored[side], self._dtypes[column])
        self._period_weights(scored)
        scored["match_weight"] = scored["match_weight"].round(WEIGHT_DECIMALS)
        for side in ("l", "r"):  # Splink's dedupe_only output has no dataset columns
            scored[f"source_dataset_{side}"] = scored[f"unique_id_{side}"].astype(str).map(
                self._by_id["source_dataset"]).to_numpy()
        scored["prior_weight"] = logit2(self.prior)
        scored["u"] = self.u_source
        return scored


def _as_dtype(values: pd.Series, dtype: Any) -> pd.Series:
    """`values` in the features' `dtype`; lists (words) as plain lists, whatever array type the engine gave."""
    if pd.api.types.is_object_dtype(dtype):
        return pd.Series([list(v) if not isinstance(v, (str, list)) and hasattr(v, "__len__") else v
                          for v in values], index=values.index, dtype=object)
    return values.astype(dtype)


def score(
    features: pd.DataFrame,
    config: ResolveConfig,
    m_by_pair: Mapping[DatasetPair, Mapping[str, list[float]]] | None = None,
    extra: Collection[tuple[str, str]] = (),
    *,
    engine: str = "duckdb",
    spark: Any = None,
    on_pair: Callable[[], None] | None = None,
) -> pd.DataFrame:
    """All candidate pairs of all dataset pairs, scored by each pair's own model; `extra` record pairs (e.g.
    labelled ones) are scored too, found by blocking or not. `on_pair()` is called as each dataset pair is done
    (a progress bar's tick; there are `len(dataset_pairs(features, config))`).

    Blocking and scoring run on `engine` (tacitus.engines.ENGINES; `spark` is its SparkSession, by default
    `tacitus.spark.spark_session()`). Priors, training (PairModel) and everything after scoring run here on the
    driver, the same code for both engines.
    """
    large = len(features) >= config.estimate_min_records
    priors = pair_priors(features, config) if large else {}
    dataset_of = dict(zip(features["unique_id"].astype(str), features["source_dataset"].astype(str), strict=True))
    frames = []
    for pair in dataset_pairs(features, config):
        wanted = {(a, b) if dataset_of[a] == pair[0] else (b, a) for a, b in extra
                  if a in dataset_of and b in dataset_of
                  and tuple(sorted((dataset_of[a], dataset_of[b]))) == pair}
        subset = features[features["source_dataset"].isin(pair)]
        with splink_api("duckdb") as driver, splink_api(engine, spark=spark) as scorer:
            model = PairModel(subset, pair, config, priors.get(pair, config.prior_match_probability),
                              (m_by_pair or {}).get(pair), db_api=driver)
            found = model.predict(scorer)
            seen = {frozenset(p) for p in zip(found["unique_id_l"], found["unique_id_r"], strict=True)}
            missing = {p for p in wanted if frozenset(p) not in seen}
            frames.extend([found, model.score(missing)])
        if on_pair:
            on_pair()
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=["unique_id_l", "unique_id_r", "source_dataset_l", "source_dataset_r",
                                     "match_weight", "prior_weight"])
    return pd.concat(frames, ignore_index=True)
