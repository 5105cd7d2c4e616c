"""docs/codebook.md documents every codebook field, and docs/crosswalks.md every registered dataset."""

from __future__ import annotations

import re
from pathlib import Path

from tacitus.ingest import LAYOUTS
from tacitus.model import ACLED_EVENT_TYPES, ATTACK_TYPES, EVENT_COLUMNS, TARGET_TYPES, WEAPON_TYPES

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _table_fields(text: str) -> set[str]:
    """Field names in the first column of the codebook's field tables: | `name` | TYPE | ..."""
    return set(re.findall(r"^\| `([a-z0-9_]+)` \| (?:VARCHAR|INTEGER|DOUBLE|DATE|BOOLEAN) \|", text, re.MULTILINE))


def test_every_event_column_is_documented_with_its_type() -> None:
    text = (DOCS / "codebook.md").read_text(encoding="utf-8")
    documented = _table_fields(text)
    assert {c.name for c in EVENT_COLUMNS} == documented
    for column in EVENT_COLUMNS:
        assert re.search(rf"^\| `{column.name}` \| {column.sql_type} \|", text, re.MULTILINE), column.name


def test_every_allowed_category_is_listed() -> None:
    text = (DOCS / "codebook.md").read_text(encoding="utf-8")
    for value in (*ATTACK_TYPES, *TARGET_TYPES, *WEAPON_TYPES):
        assert f"`{value}`" in text, value
    for event_type, subs in ACLED_EVENT_TYPES.items():
        for sub in subs:
            assert f"| {sub} | {event_type} |" in text, sub


def test_crosswalks_cover_every_big_dataset_and_its_id_column() -> None:
    text = (DOCS / "crosswalks.md").read_text(encoding="utf-8")
    for name in ("ucdp-ged", "gtd", "acled"):
        layout = LAYOUTS[name]
        assert f"tacitus import {name} " in text
        assert f"`{layout.id_column}` | record id" in text
