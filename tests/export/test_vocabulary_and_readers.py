"""One vocabulary in filters (import names, admin abbreviations, GTD and ACLED wordings), warnings for values
that match nothing, and readers that coexist with a notebook holding the store open read-only."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import tacitus

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def mixed_store(gtd_acled_store: Path) -> Path:
    return gtd_acled_store


@pytest.mark.parametrize(
    ("filters", "same_as"),
    [
        ({"dataset": "ucdp-ged"}, {"dataset": "ucdp_ged"}),
        ({"admin1": "FATA"}, {"admin1": "Federally Administered Tribal Areas"}),
        ({"admin1": "NWFP"}, {"admin1": "North-West Frontier Province"}),
        ({"admin1": "KPK"}, {"admin1": "Khyber Pakhtunkhwa"}),
        ({"admin1": "KP"}, {"admin1": "Khyber Pakhtunkhwa"}),
        ({"admin2": "Bajaur Agency"}, {"admin2": "Bajaur"}),
    ],
)
def test_filter_spellings_match_the_stored_names(ged_store: Path, filters: dict[str, str],
                                                 same_as: dict[str, str]) -> None:
    with tacitus.open(str(ged_store), read_only=True) as store:
        given, stored = store.events(**filters), store.events(**same_as)
    assert len(stored) > 0 and given["event_id"].tolist() == stored["event_id"].tolist()


def test_type_filters_take_gtd_and_acled_wordings(mixed_store: Path) -> None:
    with tacitus.open(str(mixed_store), read_only=True) as store:
        gtd_words = store.events(attack_type="Bombing/Explosion")
        ours = store.events(attack_type="bombing_explosion")
        targets = store.events(target_type="Educational Institution")
        suicide = store.events(event_type="Suicide bomb")  # an ACLED sub-event type
        by_sub = store.events(sub_event_type="Suicide bomb")
    assert len(ours) > 0 and gtd_words["event_id"].tolist() == ours["event_id"].tolist()
    assert len(targets) > 0 and set(targets["target_type"]) == {"educational_institution"}
    assert len(by_sub) > 0 and suicide["event_id"].tolist() == by_sub["event_id"].tolist()


def test_stats_and_query_accept_the_same_spellings(ged_store: Path, tacitus_cli: Cli) -> None:
    stats = tacitus_cli("stats", "--db", ged_store, "--admin1", "FATA", "--dataset", "ucdp-ged", "--format", "csv")
    assert stats.returncode == 0 and stats.stderr == ""
    rows = stats.stdout.strip().splitlines()
    assert len(rows) > 10 and rows[0].startswith("period,events")
    assert sum(int(r.split(",")[1]) for r in rows[1:]) == 3217  # GED's FATA events


def test_value_that_matches_nothing_is_named_with_the_closest(ged_store: Path, tacitus_cli: Cli) -> None:
    done = tacitus_cli("query", "--db", ged_store, "--admin1", "Baluchistaan", "--format", "csv")
    assert done.returncode == 0
    (line,) = done.stderr.strip().splitlines()
    assert "--admin1 'Baluchistaan' matches nothing" in line and "closest known: Balochistan" in line
    done = tacitus_cli("stats", "--db", ged_store, "--dataset", "gtd")
    assert done.returncode == 0 and "--dataset 'gtd' matches nothing in the store; closest known: ucdp_ged" in (
        done.stderr)


def test_cli_reads_while_a_notebook_holds_the_store(ged_store: Path, tmp_path: Path, tacitus_cli: Cli) -> None:
    with tacitus.open(str(ged_store), read_only=True) as notebook:
        assert len(notebook.events(start="2014", end="2014")) > 0
        for args in (("query", "--limit", "1", "--format", "csv"), ("stats", "--format", "csv"),
                     ("export", "--format", "csv", "-o", str(tmp_path / "e.csv"))):
            done = tacitus_cli(*args, "--db", ged_store)
            assert done.returncode == 0, done.stderr
        with pytest.raises(Exception, match="read-only"):
            notebook.sql("CREATE TABLE scratch (x INTEGER)")


def test_geocode_explains_a_no_match(tacitus_cli: Cli) -> None:
    done = tacitus_cli("geocode", "Mirann Shahh Qqq", "--format", "jsonl")
    assert done.returncode == 0
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("tacitus: no place named 'Mirann Shahh Qqq' in the gazetteer; closest: ")
    assert "Miran Shah" in line
