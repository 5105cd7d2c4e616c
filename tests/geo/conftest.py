"""Shared fixtures: one geocoder per session (loading it is the slow part), paths to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.geo import Geocoder, get_geocoder

SHARED = Path(__file__).parents[2].parent / "shared"


@pytest.fixture(scope="session")
def geocoder() -> Geocoder:
    return get_geocoder()


@pytest.fixture(scope="session")
def shared() -> Path:
    return SHARED
