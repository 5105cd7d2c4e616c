"""The cue lexicons under tacitus/data/rules: every cue matches its own example, every set cites its rule."""

from __future__ import annotations

import re

import pytest

from tacitus.extract import acled_types, classify
from tacitus.extract.numbers import number_words, parse_counts
from tacitus.extract.rules import load_cue_sets
from tacitus.extract.world_places import country_aliases, world_place
from tacitus.model import ACLED_EVENT_TYPES, ATTACK_TYPES, TARGET_TYPES

SUB_EVENT_TYPES = tuple(s for subs in ACLED_EVENT_TYPES.values() for s in subs)
SETS = {
    "attack_cues": ATTACK_TYPES,
    "target_cues": TARGET_TYPES,
    "success_cues": ("device_did_not_explode", "target_survived"),
    "acled_cues": SUB_EVENT_TYPES + tuple(acled_types.CONTEXT_LABELS),
    "acled_actors": (
        "state_forces", "rebel_groups", "political_militias", "identity_militias", "rioters", "protesters",
        "civilians", "external_other",
    ),
}  # fmt: skip
# Which codebook each lexicon implements.
CODEBOOK = {"acled_cues": "ACLED Codebook", "acled_actors": "ACLED Codebook"}


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_cue_matches_its_example(name: str) -> None:
    failures = []
    for cue_set in load_cue_sets(name):
        for cue in cue_set.cues:
            if not re.search(r"\b(?:" + cue.pattern + r")\b", cue.example, re.IGNORECASE):
                failures.append(f"{cue_set.label}: {cue.pattern!r} does not match {cue.example!r}")
    assert failures == []


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_set_names_a_codebook_type_and_its_rule(name: str) -> None:
    for cue_set in load_cue_sets(name):
        assert cue_set.label in SETS[name]
        assert cue_set.rule.startswith(CODEBOOK.get(name, "GTD codebook")), cue_set.label
        assert cue_set.cues, cue_set.label


def test_every_acled_sub_event_type_has_cues() -> None:
    assert {s.label for s in load_cue_sets("acled_cues")} >= set(SUB_EVENT_TYPES)
    assert set(acled_types.CUES) == {s.label for s in load_cue_sets("acled_cues")}


def test_actor_types_carry_acleds_inter_codes() -> None:
    assert [(s.label, s.weight) for s in load_cue_sets("acled_actors")] == [
        (label, code) for code, label in enumerate(SETS["acled_actors"], start=1)
    ]


def test_every_country_alias_is_found_in_its_example() -> None:
    for entry in country_aliases():
        resolved = world_place(entry["example"], [(0, len(entry["example"]))], [])
        assert resolved is not None and resolved.place.country_code == entry["iso3"], entry


def test_classifier_uses_the_data_files() -> None:
    labels = {s.label for s in load_cue_sets("attack_cues")}
    assert set(classify.ATTACK_CUES) == labels
    assert [t[0] for t in classify.TARGET_CUES] == [s.label for s in load_cue_sets("target_cues")]


def test_number_word_examples_parse_to_their_values() -> None:
    data = number_words()
    for q in data["qualifiers"]:
        counts = parse_counts(q["example"])
        assert [(c.value, c.qualifier) for c in counts[:1]] == [(q["value"], q["bound"])], q["example"]
    for v in data["vague"]:
        assert [(c.value, c.qualifier) for c in parse_counts(v["example"])][:1] == [(v["value"], "vague")]
    for m in data["multipliers"]:
        assert [c.value for c in parse_counts(m["example"])][:1] == [m["result"]], m["example"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("half a dozen", 6), ("nearly a hundred", 100), ("one hundred and twenty", 120), ("twenty-one", 21)],
)
def test_number_phrases_keep_their_spans(text: str, value: int) -> None:
    sentence = f"On Monday {text} people were hurt."
    (count,) = parse_counts(sentence)
    assert count.value == value and sentence[count.start : count.end].endswith(text.split()[-1])


# Vocabulary of the perpetrator and place rules: each cue carries its own anchors and is matched as written.
PATTERN_SETS = {
    "perpetrator_cues": ("claim", "attribution", "suspicion", "victim_role", "state_forces"),
    "place_cues": ("governing", "away", "modifier_after", "origin_before"),
}


@pytest.mark.parametrize("name", sorted(PATTERN_SETS))
def test_every_pattern_cue_matches_its_example(name: str) -> None:
    failures = [
        f"{cue_set.label}: {cue.pattern!r} does not match {cue.example!r}"
        for cue_set in load_cue_sets(name)
        for cue in cue_set.cues
        if not re.search(cue.pattern, cue.example, cue_set.flags)
    ]
    assert failures == []


@pytest.mark.parametrize("name", sorted(PATTERN_SETS))
def test_every_pattern_set_cites_its_codebook(name: str) -> None:
    sets = load_cue_sets(name)
    assert tuple(s.label for s in sets) == PATTERN_SETS[name]
    for cue_set in sets:
        assert cue_set.rule.startswith(("GTD codebook", "UCDP GED codebook")), cue_set.label
        assert cue_set.cues, cue_set.label


def test_perpetrator_and_place_rules_use_the_data_files() -> None:
    from tacitus.extract import perpetrators, places
    from tacitus.extract.rules import cue_set

    assert perpetrators._CLAIM.pattern == cue_set("perpetrator_cues", "claim").pattern().pattern
    assert perpetrators._SUSPECT.pattern == cue_set("perpetrator_cues", "suspicion").compiled().pattern
    assert places._GOVERNING.pattern == cue_set("place_cues", "governing").pattern().pattern
    assert places._AWAY_BEFORE.flags & re.IGNORECASE == 0  # route ends are told by their capitals


def test_an_unknown_set_is_refused() -> None:
    from tacitus.extract.rules import cue_set

    with pytest.raises(KeyError, match="no set"):
        cue_set("place_cues", "no_such_set")
