"""The report's claims page: every claim behind the events the report's map draws, one static HTML file beside it.

A point on the map links to `<report>.event-claims.html#<event id>`; the page shows that event's claims (field,
value, source, column or characters, quote), read from a JSON block by a small script, so it works offline from
a file:// URL like the report. Every stored string reaches the page as escaped JSON (`script_json`) and the script
puts it on the page as text, never as markup.

Size: the demo's 6,400 events have some 160,000 claims. Each string (field, value, column, quote, source) is
written once in a table and claims refer to it by number, which makes the page about a quarter of the plain JSON
(some 2.5 MB for the demo); a quote equal to its value is left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from tacitus.report.inline import script_json
from tacitus.store import Store

SUFFIX = ".event-claims.html"


def claims_page_path(report: Path) -> Path:
    """Where the claims page of the report at `report` is written (beside it)."""
    return report.with_name(report.stem + SUFFIX)


def _text(value: Any) -> str:
    """A claim value as the page shows it: text as is, dates as YYYY-MM-DD, numbers and booleans as JSON."""
    if isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return json.dumps(value, default=str)


def _where(column: Any, start: Any, end: Any) -> str:
    """The claim's place in its source: the dataset column(s), or the characters of the document text."""
    if isinstance(column, str) and column:
        return column
    if pd.notna(start) and pd.notna(end):
        return f"characters {int(start)}–{int(end)}"
    return ""


def claims_data(claims: pd.DataFrame, event_ids: Iterable[str]) -> dict[str, Any]:
    """The page's data: `strings` (each distinct string once) and `events`: event id → [[source, [[field, value,
    where(, quote)], ...]], ...], every item a number into `strings`, in the order of `store.claims()` (an
    empty list for an event without claims)."""
    wanted = set(event_ids)
    strings: dict[str, int] = {}

    def ref(text: str) -> int:
        return strings.setdefault(text, len(strings))

    events: dict[str, dict[int, list[list[int]]]] = {event_id: {} for event_id in wanted}
    chosen = claims[claims["event_id"].isin(wanted)]
    rows = zip(chosen["event_id"], chosen["source_id"], chosen["field"], chosen["value"], chosen["source_column"],
               chosen["span_start"], chosen["span_end"], chosen["quote"], strict=True)
    for event_id, source, field, value, column, start, end, quote in rows:
        shown = _text(value)
        item = [ref(str(field)), ref(shown), ref(_where(column, start, end))]
        if isinstance(quote, str) and quote != shown:
            item.append(ref(quote))
        events.setdefault(str(event_id), {}).setdefault(ref(str(source)), []).append(item)
    return {"strings": list(strings),
            "events": {e: [[s, items] for s, items in sources.items()] for e, sources in sorted(events.items())}}


def render_claims_page(data: dict[str, Any], title: str, report_name: str) -> str:
    """The HTML text of the claims page (`data` from `claims_data`)."""
    template = resources.files("tacitus.report").joinpath("event-claims.html.j2").read_text("utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(template).render(title=title, report_name=report_name, events=len(data["events"]),
                                            data_json=script_json(data))


def claims_page(store: Store, event_ids: Iterable[str], title: str, report_name: str) -> str:
    """The claims page of `event_ids` (the events a report draws), from the store's claims."""
    return render_claims_page(claims_data(store.claims(), event_ids), title, report_name)
