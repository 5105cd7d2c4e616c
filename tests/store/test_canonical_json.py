"""canonical_json's shortcuts give byte-for-byte what json.dumps gives, so claim ids and hashes never shift."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from tacitus.model import canonical_json

VALUES = [
    "Peshawar",
    'quote " and\nnewline, Pesháwar',
    0,
    -5,
    10**20,
    1.5,
    0.1,
    3.0,
    -0.0,
    1e300,
    float("nan"),
    float("inf"),
    True,
    False,
    None,
    dt.date(2014, 12, 16),
    dt.datetime(2014, 12, 16, 5, 6),
    [1, "a", None],
    {"b": 1, "a": dt.date(2020, 1, 1)},
    np.int64(5),
    np.float64(2.5),
    np.bool_(True),
]


@pytest.mark.parametrize("value", VALUES, ids=[repr(v) for v in VALUES])
def test_same_text_as_json_dumps(value: object) -> None:
    assert canonical_json(value) == json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
