"""The cue lexicons under tacitus/data/rules: every cue matches its own example, every set cites its rule."""

from __future__ import annotations

import re

import pytest

from tacitus.extract import classify
from tacitus.extract.rules import load_cue_sets
from tacitus.model import ATTACK_TYPES, TARGET_TYPES

SETS = {
    "attack_cues": ATTACK_TYPES,
    "target_cues": TARGET_TYPES,
    "success_cues": ("device_did_not_explode", "target_survived"),
}


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
        assert cue_set.rule.startswith("GTD codebook"), cue_set.label
        assert cue_set.cues, cue_set.label


def test_classifier_uses_the_data_files() -> None:
    labels = {s.label for s in load_cue_sets("attack_cues")}
    assert set(classify.ATTACK_CUES) == labels
    assert [t[0] for t in classify.TARGET_CUES] == [s.label for s in load_cue_sets("target_cues")]
