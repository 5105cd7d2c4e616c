"""The combining rule's cases (tacitus.train.combine), and the threshold choice on held-out predictions."""

from __future__ import annotations

from tacitus.train.combine import ADD_FLOOR, NEVER, PARENT, Thresholds, choose_thresholds, combine

T = Thresholds(fill=0.6, override=0.9)


def test_empty_rules_value_is_filled_only_at_or_above_the_fill_threshold() -> None:
    assert combine("sub_event_type", None, "Arrests", 0.6, T) == "Arrests"
    assert combine("sub_event_type", None, "Arrests", 0.59, T) is None


def test_generic_rules_value_counts_as_empty() -> None:
    assert combine("sub_event_type", "Other", "Agreement", 0.7, T) == "Agreement"
    assert combine("target_type", "unknown", "police", 0.7, T) == "police"
    assert combine("target_type", "other", "police", 0.5, T) == "other"


def test_specific_rules_value_wins_below_the_override_threshold() -> None:
    assert combine("sub_event_type", "Grenade", "Suicide bomb", 0.89, T) == "Grenade"
    assert combine("sub_event_type", "Grenade", "Suicide bomb", 0.9, T) == "Suicide bomb"
    assert combine("sub_event_type", "Grenade", "Suicide bomb", 1.0, Thresholds(0.0, NEVER)) == "Grenade"


def test_agreement_keeps_the_rules_value() -> None:
    assert combine("attack_type", "bombing_explosion", "bombing_explosion", 0.99, T) == "bombing_explosion"


def test_without_a_rules_event_the_model_needs_better_than_even_odds() -> None:
    low = Thresholds(fill=0.1)
    assert combine("sub_event_type", None, "Arrests", 0.3, low) == "Arrests"
    assert combine("sub_event_type", None, "Arrests", 0.3, low, found_event=False) is None
    assert combine("sub_event_type", None, "Arrests", ADD_FLOOR, low, found_event=False) == "Arrests"


def test_every_sub_event_type_has_its_acled_parent() -> None:
    assert PARENT["Peaceful protest"] == "Protests"
    assert PARENT["Looting/property destruction"] == "Strategic developments"
    assert len(PARENT) == 25


def test_thresholds_are_chosen_to_maximise_the_combined_score() -> None:
    gold = ["Arrests", "Arrests", "Grenade", "Grenade"]
    rules = [None, None, "Grenade", "Attack"]
    model = [("Arrests", 0.8), ("Arrests", 0.3), ("Arrests", 0.95), ("Grenade", 0.7)]
    found = [True] * 4
    thresholds, f1 = choose_thresholds("sub_event_type", gold, rules, model, found)
    # Filling at ≤ 0.3 gets both arrests; an override threshold low enough to fix the fourth row (≤ 0.7) also
    # breaks the third (0.95), so three of four right is the best any pair can do.
    assert f1 > 0.7
    assert thresholds.fill <= 0.3
    combined = [combine("sub_event_type", r, m, p, thresholds) for r, (m, p) in zip(rules, model, strict=True)]
    assert sum(c == g for c, g in zip(combined, gold, strict=True)) == 3
