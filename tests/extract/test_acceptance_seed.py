"""Acceptance: the analysis article about the 16 December 2014 school attack in Peshawar (../shared/seeds)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tacitus.extract import Extractor, event_row
from tacitus.model import Record

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_ac0d5e6cd132f021.txt"


def evidence_of(record: Record, field: str) -> list[str]:
    return [c.quote or "" for c in record.claims if c.field == field]


@pytest.fixture(scope="module")
def records(extractor: Extractor) -> list[Record]:
    return extractor.extract_text(SEED.read_text(encoding="utf-8"), published="2014-12-20")


def test_school_attack_is_exactly_one_event(records: list[Record]) -> None:
    attacks = [r for r in records if r.values["date"] == dt.date(2014, 12, 16)]
    assert len(attacks) == 1
    v = attacks[0].values
    assert (v["date_precision"], v["place"], v["admin1"], v["admin2"]) == (
        "day",
        "Peshawar",
        "Khyber Pakhtunkhwa",
        "Peshawar",
    )
    assert (v["perpetrator"], v["perpetrator_id"], v["claimed"], v["attribution"]) == ("TTP", "ttp", True, "claimed")
    assert (v["killed_best"], v["wounded_best"], v["perpetrators_count"]) == (145, 121, 7)
    assert v["target_type"] == "educational_institution"
    assert v["attack_type"] == "hostage_taking_barricade"


def test_every_acceptance_field_has_evidence_pointing_into_the_text(records: list[Record]) -> None:
    text = SEED.read_text(encoding="utf-8")
    [main] = [r for r in records if not r.values["background"]]
    row = event_row(main)
    for field in (
        "date",
        "place",
        "admin1",
        "perpetrator",
        "claimed",
        "killed_best",
        "wounded_best",
        "perpetrators_count",
        "target_type",
    ):
        spans = row["evidence"][field]
        assert spans, field
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"]
    assert "145" in evidence_of(main, "killed_best")[0]
    assert "121" in evidence_of(main, "wounded_best")[0]
    assert "Dec. 16" in evidence_of(main, "date")


def test_no_event_after_publication(records: list[Record]) -> None:
    assert all(r.values["date"] is None or r.values["date"] <= dt.date(2014, 12, 20) for r in records)


def test_background_attacks_keep_year_precision(records: list[Record]) -> None:
    background = [r.values for r in records if r.values["background"]]
    assert {(v["date"].year, v["date_precision"]) for v in background} >= {(2009, "year")}
    assert all(v["killed_best"] is None for v in background)


def test_record_ids_are_stable(extractor: Extractor, records: list[Record]) -> None:
    again = extractor.extract_text(SEED.read_text(encoding="utf-8"), published="2014-12-20")
    assert [r.event_id for r in again] == [r.event_id for r in records]
