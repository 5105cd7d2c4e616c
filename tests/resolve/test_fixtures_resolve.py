"""The acceptance fixtures: one attack reported four ways → one event; two attacks in one city on one day → two."""

from __future__ import annotations

import json

from tacitus.model import event_id_for
from tacitus.resolve import explain, resolve


def test_four_reports_of_one_attack_make_one_event_with_the_documented_toll_range(make_store, market_reports):
    store = make_store(*market_reports)
    summary = resolve(store)
    events = store.events()
    assert len(events) == 1
    event = events.iloc[0]
    # low: most conservative figure (first report's "at least 20"); best: latest report (41); high: highest (41).
    assert (event["killed_low"], event["killed_best"], event["killed_high"]) == (20, 41, 41)
    assert (event["wounded_low"], event["wounded_best"], event["wounded_high"]) == (30, 60, 60)
    assert event["source_count"] == 4
    # Every claim survives the merge, and the event keeps the id of its founding (earliest, smallest key) record.
    assert len(store.claims(event["event_id"])) == sum(len(r.claims) for r in market_reports)
    assert event["event_id"] == event_id_for("report", "dawn-0510#1")
    assert summary.events_before == 4 and summary.events_after == 1 and summary.moved == 3


def test_two_attacks_in_one_city_on_one_day_stay_two_events(make_store, market_reports, checkpost_reports):
    store = make_store(*market_reports, *checkpost_reports)
    resolve(store)
    records = store.records()
    groups = records.groupby("event_id")["record_key"].apply(frozenset)
    assert set(groups) == {
        frozenset(r.record_key for r in market_reports),
        frozenset(r.record_key for r in checkpost_reports),
    }
    tolls = store.events().set_index("event_id")["killed_best"].to_dict()
    assert sorted(tolls.values()) == [3, 41]


def test_every_link_is_explained_with_per_comparison_weights(make_store, market_reports):
    store = make_store(*market_reports)
    resolve(store)
    event_id = store.events()["event_id"].iloc[0]
    rows = explain(store, event_id)
    assert len(rows) == 4
    for row in rows:
        reason = row["reason"]
        assert reason["match_weight"] >= -3.0
        assert reason["comparisons"]["date"]["level"] == "same day"
        assert reason["comparisons"]["suicide"]["weight"] > 0
        assert abs(sum(p["weight"] for p in reason["comparisons"].values()) + reason["prior_weight"]
                   - reason["match_weight"]) < 0.01
    history = store.history(event_id)
    joined = json.loads(history[history["action"] == "resolved"]["detail"].iloc[0])["joined"]
    assert sorted(joined) == sorted(r.record_key for r in market_reports[1:])
