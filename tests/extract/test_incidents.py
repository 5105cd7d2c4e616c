"""Short incident descriptions (our own words, tests/fixtures/reports/incidents.jsonl) coded field by field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tacitus.actors import get_actors

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "reports" / "incidents.jsonl"
ROWS = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def _date(values: dict[str, Any]) -> str | None:
    return values["date"].isoformat() if values["date"] else values["date_partial"]


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_fixture_incident(row: dict[str, Any], main_event: Any) -> None:
    v = main_event(row["text"], row.get("published"))
    want = row["expected"]
    got = {
        "date": _date(v), "place": v["place"], "admin1": v["admin1"], "admin2": v["admin2"],
        "attack_type": v["attack_type"], "target_type": v["target_type"],
        "perpetrator": get_actors().lookup(v["perpetrator"]).id if v["perpetrator_id"] else "Unknown",
        "killed": v["killed_best"], "wounded": v["wounded_best"], "claimed": v["claimed"], "suicide": v["suicide"],
    }  # fmt: skip
    expected = dict(want)
    actor = get_actors().lookup(want["perpetrator"])
    expected["perpetrator"] = actor.id if actor else "Unknown"
    expected.pop("place")
    got.pop("place")
    assert got == expected


def test_partial_date_without_publication(main_event: Any) -> None:
    v = main_event("A bomb wounded four shoppers in Quetta on March 3, police said.")
    assert (v["date"], v["date_precision"], v["date_partial"]) == (None, "day", "--03-03")


def test_relative_date_with_publication(main_event: Any) -> None:
    v = main_event("Gunmen killed a trader in Quetta yesterday, police said.", "2015-06-10")
    assert v["date"].isoformat() == "2015-06-09"


def test_suspicion_is_not_a_claim(main_event: Any) -> None:
    v = main_event("Police suspect Lashkar-e-Jhangvi of the 2 May 2013 shooting of two Hazara traders in Quetta.")
    assert (v["perpetrator"], v["attribution"], v["claimed"]) == ("Lashkar-e-Jhangvi", "suspected", False)


def test_denied_claim_is_not_a_claim(main_event: Any) -> None:
    v = main_event("A blast killed three people in Peshawar on 2 June 2013. The TTP denied responsibility.")
    assert v["claimed"] is False


def test_unnamed_attackers_are_unknown(main_event: Any) -> None:
    v = main_event("Unidentified gunmen shot dead a shopkeeper in Karachi on 9 April 2013.")
    assert (v["perpetrator"], v["perpetrator_id"], v["attribution"]) == ("Unknown", None, None)


def test_victim_group_is_not_the_perpetrator(main_event: Any) -> None:
    v = main_event("A worker of the Awami National Party was shot dead in Swabi on 8 May 2013.")
    assert v["perpetrator"] == "Unknown"
    assert v["target_type"] == "government_general"


def test_tribal_names_resolve_through_the_gazetteer(main_event: Any) -> None:
    v = main_event("A roadside bomb killed two soldiers near Miranshah on 1 July 2009.")
    assert (v["admin1"], v["admin2"]) == ("Federally Administered Tribal Areas", "North Waziristan")
    v = main_event("Militants attacked a Levies post in Khar, Bajaur, on 4 April 2011.")
    assert v["admin2"] == "Bajaur"
