"""Cut a document's text into segments so that each field's evidence spans can be highlighted.

Spans may overlap (the toll's low, best and high often quote the same words), so the text is cut at every span
boundary and each piece carries the set of fields whose evidence covers it. The template renders pieces with
fields as <mark> elements; Jinja escapes their text like every other stored string.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segment:
    text: str
    fields: tuple[str, ...]
    start: int


def segments(text: str, claims: Iterable[Mapping[str, Any]], doc_id: str) -> list[Segment]:
    """Pieces of `text` in order, each with the fields whose claims (of document `doc_id`) cover it."""
    spans = []
    for claim in claims:
        span = claim.get("span")
        if claim.get("source_id") != doc_id or not span:
            continue
        start, end = max(0, int(span["start"])), min(len(text), int(span["end"]))
        if start < end:
            spans.append((start, end, str(claim["field"])))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for start, end in itertools.pairwise(cuts):
        fields = tuple(sorted({f for s, e, f in spans if s <= start and end <= e}))
        out.append(Segment(text[start:end], fields, start))
    return out
