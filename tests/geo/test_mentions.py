"""find_mentions: longest match, word boundaries, capitalisation."""

from __future__ import annotations

from tacitus.geo import Geocoder


def surfaces(geocoder: Geocoder, text: str) -> list[str]:
    return [s for _, _, s in geocoder.find_mentions(text)]


def test_longest_match_and_offsets(geocoder: Geocoder) -> None:
    text = "A drone strike hit a compound near Mir Ali in North Waziristan; later Dera Ismail Khan police said."
    found = geocoder.find_mentions(text)
    assert [s for _, _, s in found] == ["Mir Ali", "North Waziristan", "Dera Ismail Khan"]
    for start, end, surface in found:
        assert text[start:end] == surface


def test_lowercase_and_common_words_are_not_places(geocoder: Geocoder) -> None:
    text = "the police said the bara was closed and a camp in the valley was hit"
    assert surfaces(geocoder, text) == []


def test_abbreviated_forms(geocoder: Geocoder) -> None:
    assert surfaces(geocoder, "Troops moved into N. Waziristan from D.I. Khan.") == ["N. Waziristan", "D.I. Khan"]


def test_no_match_inside_words(geocoder: Geocoder) -> None:
    assert surfaces(geocoder, "Wanamaker and Peshawarite are not places") == []


def test_names_do_not_cross_commas(geocoder: Geocoder) -> None:
    assert surfaces(geocoder, "Khar, Bajaur") == ["Khar", "Bajaur"]
