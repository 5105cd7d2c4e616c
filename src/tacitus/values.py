"""DataFrame cells as plain Python values.

Store reads come back as pandas/NumPy values (NaN, NaT, pd.NA, numpy.int64); JSON, CSV and the derivation rules
want None and Python scalars. One function makes that conversion, so "missing" means the same everywhere.
"""

from __future__ import annotations

from typing import Any

import pandas as pd


def plain(value: Any) -> Any:
    """None for any missing marker, a Python scalar for a NumPy one, anything else unchanged.

    >>> import numpy as np
    >>> [plain(v) for v in (None, float("nan"), pd.NA, pd.NaT, np.int64(3), "x")]
    [None, None, None, None, 3, 'x']
    """
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):  # arrays and other non-scalars are not "missing"
        return value
    return value.item() if hasattr(value, "item") else value
