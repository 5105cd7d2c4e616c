"""Resolution: one event from many reports and datasets (de-duplication, cross-dataset linkage, tolls).

`resolve(store)` clusters records into events with a Splink model; `split(store, event_id)` undoes a merge;
`explain(store, event_id)` shows why records were linked. Settings: `load_config(path)`; see docs/resolution.md.
"""

from __future__ import annotations

from tacitus.resolve.config import ResolveConfig, load_config
from tacitus.resolve.resolver import ResolveSummary, explain, resolve, split

__all__ = ["ResolveConfig", "ResolveSummary", "explain", "load_config", "resolve", "split"]
