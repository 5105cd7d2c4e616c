"""The ACLED Conflict Index's four indicators, per year, computed from Tacitus events.

ACLED ranks countries by deadliness, danger to civilians, diffusion and fragmentation. Here each is computed for
whatever the filters select (a country, a province, an actor), so the same yardstick applies to a claim:
- deadliness: killed per year (best, with the low–high range);
- danger to civilians: events against soft targets (civilians and civilian places; UCDP one-sided violence) —
  the hardness scale of `tacitus.analysis.targets`;
- diffusion: share of active 10×10 km cells with >= 10 events (`tacitus.analysis.geography.cell_diffusion`);
- fragmentation: number of distinct non-state armed groups active (`tacitus.analysis.groups`).
ACLED's own index adds population weighting and ranks; those need data Tacitus does not ship.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tacitus.analysis.geography import cell_diffusion
from tacitus.analysis.groups import fragmentation
from tacitus.analysis.series import counts
from tacitus.analysis.targets import target_hardness
from tacitus.store import Store


def conflict_index(store: Store, **filters: Any) -> pd.DataFrame:
    """Per year: deadliness (killed_low/best/high), danger_to_civilians, diffusion, fragmentation."""
    tolls = counts(store, "year", **filters)[["period", "events", "killed_low", "killed_best", "killed_high"]]
    soft = target_hardness(store, "year", **filters)[["period", "soft"]]
    cells = cell_diffusion(store, **filters)[["period", "diffusion"]]
    groups = fragmentation(store, "year", **filters)[["period", "groups"]]
    frame = tolls.merge(soft, on="period", how="left").merge(cells, on="period", how="left")
    frame = frame.merge(groups, on="period", how="left")
    return frame.rename(
        columns={"killed_best": "deadliness", "soft": "danger_to_civilians", "groups": "fragmentation"}
    )
