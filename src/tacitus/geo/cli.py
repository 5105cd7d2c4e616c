"""`tacitus geocode NAME...`: inspect what the geocoder makes of place names."""

from __future__ import annotations

import datetime as dt
import json

import click

from tacitus.cli_common import parse_iso_date
from tacitus.geo.geocoder import Geocoder, get_geocoder
from tacitus.geo.place import Place

FIELDS = (
    "name",
    "admin1",
    "admin2",
    "country_code",
    "latitude",
    "longitude",
    "geo_precision",
    "gazetteer_id",
)


def _row(query: str, place: Place | None) -> dict[str, object]:
    row: dict[str, object] = {"query": query}
    row.update({f: getattr(place, f) if place else None for f in FIELDS})
    if place is not None:
        row["feature"] = place.feature
        row["score"] = place.score
    return row


@click.command("geocode")
@click.argument("names", nargs=-1, required=True)
@click.option(
    "--date",
    "date",
    callback=parse_iso_date,
    metavar="YYYY-MM-DD",
    help="Event date (admin units valid then); default today.",
)
@click.option("--context", "context", multiple=True, help="Other place/admin names near the mention (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="List every ranked candidate, not just the best.")
def geocode_command(
    names: tuple[str, ...], date: dt.date | None, context: tuple[str, ...], fmt: str, show_all: bool
) -> None:
    """Resolve place NAMEs to coordinates and the admin units valid on --date."""
    geocoder = get_geocoder()
    results: list[tuple[str, list[Place]]] = []
    for name in names:
        if not name.strip():
            raise click.BadParameter("empty place name", param_hint="NAMES")
        if show_all:
            results.append((name, geocoder.candidates(name, date, context)))
        else:
            best = geocoder.geocode(name, date, context)
            results.append((name, [best] if best else []))
    for name, places in results:
        if not places:
            click.echo(f"tacitus: {_no_match(geocoder, name)}", err=True)
    if fmt == "jsonl":
        for name, places in results:
            if show_all:
                obj: dict[str, object] = {"query": name, "candidates": [_row(name, p) for p in places]}
                obj.update({k: v for k, v in _row(name, places[0] if places else None).items() if k != "query"})
            else:
                obj = _row(name, places[0] if places else None)
            click.echo(json.dumps(obj, ensure_ascii=False))
        return
    _print_table(results)


def _no_match(geocoder: Geocoder, name: str) -> str:
    """Why a name found nothing, with the gazetteer's closest names, so a misspelling can be corrected."""
    from rapidfuzz import fuzz, process

    names = sorted({n for entry in geocoder.gazetteer.entries if entry.country_code == "PAK" for n in entry.names})
    closest = [m[0] for m in process.extract(name, names, scorer=fuzz.ratio, limit=3, score_cutoff=50)]
    hint = f"closest: {', '.join(closest)}" if closest else "no name in it comes close"
    return f"no place named {name!r} in the gazetteer; {hint}"


def _print_table(results: list[tuple[str, list[Place]]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("query", *FIELDS, "score"):
        table.add_column(col)
    for name, places in results:
        if not places:
            table.add_row(name, *["-"] * (len(FIELDS) + 1))
        for place in places:
            row = _row(name, place)
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in ("query", *FIELDS, "score")))
    Console().print(table)
