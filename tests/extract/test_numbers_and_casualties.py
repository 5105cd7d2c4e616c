"""Counts and casualty statements, sentence by sentence (no model needed)."""

from __future__ import annotations

import pytest

from tacitus.extract.casualties import sentence_statements, sentence_totals
from tacitus.extract.numbers import parse_counts, word_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seven", 7),
        ("twenty-one", 21),
        ("two dozen", 24),
        ("a dozen", 12),
        ("1,250", 1250),
        ("one hundred and five", 105),
    ],
)
def test_number_words(text: str, value: int) -> None:
    assert word_value(text) == value


def test_qualifiers_bound_the_count() -> None:
    counts = {c.value: c.qualifier for c in parse_counts("at least 145, more than 120, nearly 50, about 9, scores of")}
    assert counts == {145: "low", 120: "low", 50: "high", 9: "approx", 40: "vague"}


def test_no_count_inside_words_or_times() -> None:
    assert parse_counts("someone left at 3 am after 12 hours") == []


def totals(text: str) -> dict[str, int]:
    found = sentence_totals(sentence_statements(text, 0, len(text), 0))
    return {s.field: s.value for s in found}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Four constables and two gunmen were killed in the shootout.", {"killed": 6, "perpetrators_killed": 2}),
        ("A shopkeeper died on the spot and five others sustained injuries.", {"killed": 1, "wounded": 5}),
        ("Attackers sprayed the van with bullets, killing 3 and wounding 8.", {"killed": 3, "wounded": 8}),
        ("The device left nine dead and 30 hurt.", {"killed": 9, "wounded": 30}),
        ("Unknown men shot dead a retired teacher in the street.", {"killed": 1}),
        ("A guard, identified as Gul Khan, was killed and another was hurt.", {"killed": 1, "wounded": 1}),
        ("Eleven people, among them four children, were killed in the blast.", {"killed": 11}),
        ("Twenty villagers were injured and two dozen houses were damaged.", {"wounded": 20}),
        (
            "All seven assailants were killed by the commandos.",
            {"killed": 7, "perpetrators_killed": 7, "perpetrators_count": 7},
        ),
        ("Six attackers in police uniforms climbed the wall.", {"perpetrators_count": 6}),
        ("The gunmen lined up 14 travellers and shot them dead.", {"killed": 14}),
    ],
)
def test_casualty_shapes(text: str, expected: dict[str, int]) -> None:
    assert totals(text) == expected


def test_breakdown_is_not_added_to_the_whole() -> None:
    text = "The army said the toll stood at 88, including 70 pupils, and a further 40 pupils were injured."
    assert totals(text) == {"killed": 88, "wounded": 40}


def test_toll_update_is_marked() -> None:
    [statement] = sentence_totals(sentence_statements("By evening the death toll had climbed to 41.", 0, 44, 0))
    assert (statement.field, statement.value, statement.update) == ("killed", 41, True)


def test_no_casualties() -> None:
    assert totals("The explosion caused no casualties.") == {"killed": 0, "wounded": 0}
    assert totals("Nobody was killed in the raid.") == {"killed": 0}


def test_hedged_counts_keep_their_qualifier() -> None:
    found = sentence_totals(sentence_statements("At least 12 soldiers were killed.", 0, 34, 0))
    assert [(s.value, s.qualifier) for s in found] == [(12, "low")]


def test_years_are_not_counts() -> None:
    text = "In 2011 two policemen were killed here."
    assert totals(text) == {"killed": 2}


def test_separate_clauses_of_a_run_on_sentence_are_not_added() -> None:
    text = "Two soldiers were killed in the clash officials said adding that troops killed five attackers"
    found = sentence_totals(sentence_statements(text, 0, len(text), 0))
    assert [(s.field, s.value) for s in found if s.field == "killed"] == [("killed", 2), ("killed", 5)]


def test_claiming_the_life_of() -> None:
    assert totals("A bomb went off near the market, claiming the life of a guard.") == {"killed": 1}
