"""Shared fixtures: the real pipeline (spaCy model + gazetteer), loaded once per test session."""

from __future__ import annotations

from typing import Any

import pytest

from tacitus.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    ex = Extractor()
    ex.nlp  # noqa: B018 - load once for the whole session
    return ex


@pytest.fixture(scope="session")
def main_event(extractor: Extractor) -> Any:
    """Extract a text and return the values of its main (non-background) event."""

    def run(text: str, published: str | None = None) -> dict[str, Any]:
        records = [r for r in extractor.extract_text(text, published) if not r.values["background"]]
        assert records, f"no event in {text!r}"
        return records[0].values

    return run
