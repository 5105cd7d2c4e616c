"""The review rules in the store (Python API; a real DuckDB file and a real PostgreSQL database): review claims
outrank machine claims through every re-derivation, undo is another correction, merges and splits carry the
corrections with them."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

import tacitus
from tacitus.model import Claim, Record
from tacitus.store.review import (
    InvalidValue,
    StaleVersion,
    audit_trail,
    correct,
    current_version,
    event_detail,
    merge,
    review_queue,
    split_out,
)


@pytest.fixture
def db(new_store: Callable[..., str], template_store: tuple[str, dict[str, str], Any]) -> str:
    return new_store(copy_of=template_store[0])


def test_review_claim_outranks_a_changed_reimport_and_undo_is_a_correction(
        db: str, template_store: tuple[str, dict[str, str], Any]) -> None:
    quetta = template_store[1]["quetta"]
    with tacitus.open(str(db)) as store:
        version = correct(store, quetta, {"killed_best": 65, "killed_high": 72}, user="coder", reason="recount",
                          expected_version=current_version(store, quetta))
        event = store.events(event_id=quetta).iloc[0]
        assert (event["killed_low"], event["killed_best"], event["killed_high"]) == (65, 65, 72)
        # The dataset publishes a revised row: the event is re-derived, and the reviewer's values still win.
        revised = Record("synthetic", "q1", {"date": event["date"].date(), "admin1": "Balochistan",
                                             "admin2": "Quetta", "place": "Quetta", "killed_best": 75,
                                             "perpetrator": "Unknown"},
                         [Claim("killed_best", 75, "dataset", "synthetic:q1", column="killed_best")])
        assert store.add_records([revised], dataset="synthetic").updated == 1
        event = store.events(event_id=quetta).iloc[0]
        assert (event["killed_best"], event["killed_high"]) == (65, 72)
        assert current_version(store, quetta) == version + 1
        # Undo: correct back to the value before; the trail keeps all three steps.
        correct(store, quetta, {"killed_best": 70}, user="reviewer", reason="undo: the recount was wrong",
                expected_version=current_version(store, quetta))
        assert store.events(event_id=quetta).iloc[0]["killed_best"] == 70
        trail = [(h["user"], h["field"], h["before"], h["after"]) for h in audit_trail(store, quetta)]
        assert trail == [("coder", "killed_best", 70, 65), ("coder", "killed_high", 70, 72),
                         ("reviewer", "killed_best", 65, 70)]
        review = [c for c in event_detail(store, quetta)["claims"] if c["source_kind"] == "review"]
        assert [(c["field"], c["value"]) for c in review] == [("killed_best", 65), ("killed_high", 72),
                                                              ("killed_best", 70)]
        with pytest.raises(StaleVersion):
            correct(store, quetta, {"killed_best": 1}, user="coder", reason="late", expected_version=version)
        with pytest.raises(InvalidValue, match=r"geo_precision: 9 is outside 1\.\.7"):
            correct(store, quetta, {"geo_precision": 9}, user="coder", reason="r",
                    expected_version=current_version(store, quetta))
        # A cleared field is a correction too: the reviewer says the target is not known.
        correct(store, quetta, {"place": None}, user="coder", reason="no town named",
                expected_version=current_version(store, quetta))
        assert store.events(event_id=quetta).iloc[0]["place"] is None


def test_merge_then_split_carry_corrections(db: str, template_store: tuple[str, dict[str, str], Any]) -> None:
    events = template_store[1]
    with tacitus.open(str(db)) as store:
        correct(store, events["peshawar"], {"target": "church"}, user="coder", reason="named in the row",
                expected_version=current_version(store, events["peshawar"]))
        merge(store, events["karachi"], events["peshawar"], user="reviewer", reason="one event",
              expected_version=current_version(store, events["karachi"]))
        merged = event_detail(store, events["karachi"])
        assert {r["record_key"] for r in merged["records"]} == {"synthetic:k1", "synthetic:p1"}
        assert merged["target"] == "church"
        assert store.events(event_id=events["peshawar"]).empty
        # The merge's own conflict (3 vs 80 killed) sends it up the queue.
        first = review_queue(store, status=None, limit=1)[0][0]
        assert first["conflict"] == 1
        moved = split_out(store, events["karachi"], ["synthetic:p1"], user="reviewer", reason="two attacks",
                          expected_version=current_version(store, events["karachi"]))
        assert set(moved) == {"synthetic:k1", "synthetic:p1"}
        actions = [h["action"] for h in audit_trail(store, events["karachi"])]
        assert actions == ["merged", "split"]


def test_a_reviewers_merge_and_split_survive_resolve(db: str,
                                                     template_store: tuple[str, dict[str, str], Any]) -> None:
    """A merge is a must-link and a split a cannot-link: `resolve` (which would not join Karachi and Peshawar by
    itself) keeps the merge, and after a split keeps the records apart."""
    from tacitus.resolve import resolve

    events = template_store[1]
    with tacitus.open(str(db)) as store:
        merge(store, events["karachi"], events["peshawar"], user="reviewer", reason="one event",
              expected_version=current_version(store, events["karachi"]))
        resolve(store)
        together = store.records().set_index("record_key")["event_id"]
        assert together["synthetic:k1"] == together["synthetic:p1"]
        split_out(store, together["synthetic:k1"], ["synthetic:p1"], user="reviewer", reason="two attacks",
                  expected_version=current_version(store, together["synthetic:k1"]))
        resolve(store)
        apart = store.records().set_index("record_key")["event_id"]
        assert apart["synthetic:k1"] != apart["synthetic:p1"]


def test_corrections_follow_records_that_resolution_moves(db: str,
                                                          template_store: tuple[str, dict[str, str], Any]) -> None:
    """Resolution may fold an event into another id (a dataset record founding the cluster): the reviewer's
    corrections go with the records instead of being stranded on a vanished id."""
    karachi = template_store[1]["karachi"]
    with tacitus.open(str(db)) as store:
        correct(store, karachi, {"victim_group": "Hazara"}, user="coder", reason="named in the report",
                expected_version=current_version(store, karachi))
        store.assign({"synthetic:k1": "ev_new_cluster"}, action="resolved")
        assert store.events(event_id=karachi).empty
        moved = store.events(event_id="ev_new_cluster").iloc[0]
        assert moved["victim_group"] == "Hazara"
        assert [c["author"] for c in event_detail(store, "ev_new_cluster")["claims"]
                if c["source_kind"] == "review"] == ["coder"]


def test_reviewer_throughput_counts_working_sessions(db: str,
                                                     template_store: tuple[str, dict[str, str], Any]) -> None:
    """Three working sessions of one coder (20, 20 and 1 minute), three events in all: events per hour of work."""
    import datetime as dt

    from tacitus.store.review import reviewer_throughput

    events = template_store[1]
    day = dt.datetime(2026, 3, 2, 9, 0)
    actions = [(events["quetta"], 0), (events["karachi"], 20), (events["karachi"], 110), (events["bannu"], 130),
               (events["bannu"], 400)]
    with tacitus.open(str(db)) as store, store.transaction():
        for number, (event_id, minutes) in enumerate(actions):
            store.execute(
                "INSERT INTO audit (event_id, version, user_name, changed_at, action, field, reason) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [event_id, number + 2, "coder", day + dt.timedelta(minutes=minutes), "corrected", "place", "r"])
    with tacitus.open(str(db)) as store:
        (stats,) = reviewer_throughput(store)
    # Sessions: 09:00–09:20, 10:50–11:10, and a lone action at 15:40 (one minute): 41 minutes in all.
    assert (stats["user"], stats["events"], stats["changes"]) == ("coder", 3, 5)
    assert stats["hours"] == round(41 / 60, 3)
    assert stats["events_per_hour"] == round(3 / (41 / 60), 1)


def test_a_writer_blocked_by_another_loses_with_stale_version(db: str, backend: str,
                                                             template_store: tuple[str, dict[str, str], Any]) -> None:
    """Two connections to PostgreSQL: a correction that waits on another transaction's row lock fails cleanly
    (StaleVersion, nothing written) once that transaction commits a new version."""
    if backend != "postgres":
        pytest.skip("a DuckDB file has one writing connection")
    quetta = template_store[1]["quetta"]
    outcome: dict[str, int] = {}
    with tacitus.open(db) as first, tacitus.open(db) as second:
        version = current_version(first, quetta)

        def late_correction() -> None:
            try:
                correct(second, quetta, {"killed_best": 1}, user="coder", reason="late", expected_version=version)
            except StaleVersion as exc:
                outcome["stale"] = exc.current

        with first.transaction():
            first.execute("UPDATE events SET version = version + 1 WHERE event_id = ?", [quetta])
            waiting = threading.Thread(target=late_correction)
            waiting.start()
            time.sleep(1)  # let the correction reach the row lock (it loses either way)
        waiting.join(timeout=60)
        assert outcome == {"stale": version + 1}
        assert not second.execute("SELECT * FROM review_claims WHERE author = 'coder' AND reason = 'late'")
        assert current_version(second, quetta) == version + 1
