"""The registered dataset layouts, by CLI name. A new dataset is one more entry here."""

from __future__ import annotations

from tacitus.ingest import acled, gtd, pbc_drones, pbc_suicide, tbij_drones, ucdp_ged
from tacitus.ingest.layout import Layout

LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in (ucdp_ged.LAYOUT, gtd.LAYOUT, acled.LAYOUT)}
LAYOUTS.update({layout.name: layout for layout in (tbij_drones.LAYOUT, pbc_drones.LAYOUT, pbc_suicide.LAYOUT)})


def get_layout(name: str) -> Layout:
    try:
        return LAYOUTS[name]
    except KeyError:
        raise ValueError(f"unknown dataset {name!r}; known: {', '.join(sorted(LAYOUTS))}") from None
