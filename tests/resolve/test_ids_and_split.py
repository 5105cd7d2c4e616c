"""Stable event ids across re-runs and input orders; merges undone by `split` stay undone; one-to-one links."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tacitus.model import Record, event_id_for
from tacitus.resolve import resolve, split


def _ids(store) -> dict[str, str]:
    return dict(zip(store.records()["record_key"], store.records()["event_id"], strict=True))


def test_rerun_changes_nothing_and_input_order_does_not_matter(make_store, market_reports, checkpost_reports):
    first = make_store(*market_reports, *checkpost_reports, name="a.duckdb")
    resolve(first)
    ids = _ids(first)
    versions = len(first.history())
    again = resolve(first)
    assert again.moved == 0
    assert _ids(first) == ids
    assert len(first.history()) == versions  # nothing rewritten on an unchanged store
    second = make_store(*reversed(checkpost_reports), *reversed(market_reports), name="b.duckdb")
    resolve(second)
    assert _ids(second) == ids


def test_unrelated_records_do_not_change_existing_ids(make_store, market_reports):
    store = make_store(*market_reports)
    resolve(store)
    before = _ids(store)
    elsewhere = Record("report", "karachi-0704#1", {"date": dt.date(2013, 7, 4), "admin2": "Karachi",
                                                   "place": "Karachi", "killed_best": 1})
    store.add_records([elsewhere], dataset="report")
    resolve(store)
    after = _ids(store)
    assert {k: after[k] for k in before} == before
    assert after[elsewhere.record_key] == event_id_for("report", "karachi-0704#1")


def test_split_undoes_a_merge_and_resolve_does_not_redo_it(make_store, market_reports):
    store = make_store(*market_reports)
    resolve(store)
    event_id = store.events()["event_id"].iloc[0]
    latest = market_reports[-1]
    moved = split(store, event_id, [latest.record_key])
    assert moved[latest.record_key] == event_id_for("report", latest.record_id)
    events = store.events().set_index("event_id")
    assert len(events) == 2
    assert events.loc[event_id, "killed_best"] == 38  # the 41 left with its record
    assert events.loc[moved[latest.record_key], "killed_best"] == 41
    history = store.history(event_id)
    assert "split" in set(history["action"])
    assert json.loads(history["detail"].iloc[-1])["left"] == [latest.record_key]
    resolve(store)
    assert len(store.events()) == 2
    assert _ids(store)[latest.record_key] == event_id_for("report", latest.record_id)


def test_split_of_everything_returns_each_record_to_its_own_event(make_store, market_reports):
    store = make_store(*market_reports)
    resolve(store)
    event_id = store.events()["event_id"].iloc[0]
    split(store, event_id)
    assert sorted(store.events()["event_id"]) == sorted(r.event_id for r in market_reports)
    resolve(store)
    assert len(store.events()) == 4


def test_split_rejects_unknown_events_and_records(make_store, market_reports):
    store = make_store(*market_reports)
    resolve(store)
    event_id = store.events()["event_id"].iloc[0]
    with pytest.raises(ValueError, match="no event"):
        split(store, "ev_missing")
    with pytest.raises(ValueError, match="not part of event"):
        split(store, event_id, ["report:nowhere#1"])


def _dataset_record(dataset: str, record_id: str, killed: tuple[int, int, int], **values) -> Record:
    base = {"date": dt.date(2014, 12, 16), "date_precision": "day", "admin1": "Khyber Pakhtunkhwa",
            "admin2": "Peshawar", "place": "Peshawar", "latitude": 34.0, "longitude": 71.55, "geo_precision": 1}
    low, best, high = killed
    return Record(dataset, record_id, {**base, **values, "killed_low": low, "killed_best": best, "killed_high": high})


def test_a_list_record_links_to_the_best_of_two_records_one_dataset_codes_for_one_attack(make_store):
    """GED codes the school attack as one-sided (146) and state-based (10); the list's row joins the 146 only."""
    one_sided = _dataset_record("ucdp_ged", "900001", (145, 146, 150), type_of_violence=3,
                                event_type="Violence against civilians", sub_event_type="Attack",
                                target_type="private_citizens_property")
    state_based = _dataset_record("ucdp_ged", "900002", (10, 10, 10), type_of_violence=1)
    listed = _dataset_record("pbc_suicide", "9001", (132, 132, 148), event_type="Explosions/Remote violence",
                             sub_event_type="Suicide bomb", suicide=True, target="school on Warsak Road",
                             target_type="private_citizens_property")
    store = make_store(one_sided, state_based, listed)
    resolve(store)
    ids = _ids(store)
    assert ids[listed.record_key] == ids[one_sided.record_key]
    assert ids[state_based.record_key] != ids[one_sided.record_key]
    links = store.links()
    shared = links[links["event_id"] == ids[listed.record_key]]
    assert sorted(zip(shared["dataset"], shared["record_id"], strict=True)) == [
        ("pbc_suicide", "9001"), ("ucdp_ged", "900001")]


def test_records_of_one_dataset_are_never_merged(make_store):
    twins = [_dataset_record("ucdp_ged", str(n), (5, 5, 5), type_of_violence=3) for n in (1, 2)]
    store = make_store(*twins)
    resolve(store)
    assert len(store.events()) == 2


def test_estimated_parameters_fall_back_to_the_prior_when_no_strict_pair_exists(make_store, tmp_path,
                                                                                 market_reports):
    """With estimation on and no same-day, same-district pair in the store, resolve still runs on the prior."""
    from tacitus.resolve import load_config

    config = tmp_path / "estimate.yaml"
    config.write_text("estimate:\n  min_records: 2\n", encoding="utf-8")
    apart = [Record(name, str(n), {"date": dt.date(2001, 1, 1) + dt.timedelta(days=5 * n + (name == "b")),
                                   "admin2": name.upper(), "killed_best": 1}) for name in ("a", "b") for n in range(4)]
    store = make_store(*apart)
    summary = resolve(store, load_config(config))
    assert summary.u_source.startswith("estimated")
    assert summary.events_after == 8
