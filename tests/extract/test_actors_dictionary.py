"""The actor dictionary: validation script, GED and GTD spellings, and relations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tacitus.actors import get_actors

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import build_actors  # noqa: E402


def test_build_script_passes_on_the_shipped_dictionary() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_actors.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "actors valid" in result.stdout


def test_validation_catches_each_kind_of_problem() -> None:
    entries = [
        {"id": "a", "name": "Alpha Front", "aliases": ["AF"]},
        {"id": "b", "name": "Beta Front", "aliases": ["af"], "parent": "zz", "relation": "faction", "from": "2010-13"},
        {"id": "a", "name": "Alpha Again"},
        {"id": "c", "name": "Gamma", "from": "2012", "to": "2010", "relation": "split"},
    ]
    problems = "\n".join(build_actors.validate_entries(entries))
    for needle in (
        "duplicate id",
        "also belongs to",
        "unknown parent",
        "bad date",
        "'from' is after 'to'",
        "unknown relation",
    ):
        assert needle in problems, needle


@pytest.mark.skipif(not build_actors.GED_PATH.exists(), reason="needs ../shared UCDP GED")
def test_every_ged_side_name_resolves() -> None:
    assert build_actors.unresolved(build_actors.ged_side_names(build_actors.GED_PATH), get_actors()) == []


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Tehrik-i-Taliban Pakistan (TTP)", "ttp"), ("Tehreek-e-Taliban", "ttp"), ("Pakistani Taliban", "ttp"),
        ("Lashkar-e-Jhangvi", "lej"), ("Baloch Liberation Army (BLA)", "bla"), ("Jamaat-ul-Ahrar", "jamaat-ul-ahrar"),
        ("Khorasan Chapter of the Islamic State", "iskp"), ("Lashkar-e-Islam (Pakistan)", "lashkar-e-islam"),
        ("Sindhu Desh Liberation Army (SDLA)", "sdla"), ("Haqqani Network", "haqqani"), ("Al-Qaida", "al-qaida"),
        ("United Baloch Army (UBA)", "uba"), ("Baloch Republican Army (BRA)", "bra"), ("Jondullah", "jondullah"),
    ],
)  # fmt: skip
def test_gtd_and_press_spellings(name: str, actor_id: str) -> None:
    actor = get_actors().lookup(name)
    assert actor is not None and actor.id == actor_id


def test_coalition_queries_include_splinters() -> None:
    actors = get_actors()
    assert {"jamaat-ul-ahrar", "hizb-ul-ahrar", "ttp-km"} <= set(actors.descendants("ttp"))
    assert "iskp" in actors.descendants("is")
    assert actors.get("ttp").label == "TTP"  # type: ignore[union-attr]
