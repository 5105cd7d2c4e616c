"""Validate the shipped actor dictionary (src/tacitus/data/actors.yaml) and check its coverage.

Checks: unique ids; every parent exists and the parent graph has no cycle; `relation` and `kind` from the
allowed sets; an output `label` is some actor's name or alias; `from`/`to` well-formed (YYYY or YYYY-MM) and
ordered; no alias (after name normalisation) claimed by two actors. When ../shared/data is present, every
side name in UCDP GED Pakistan must resolve.

Run: python scripts/build_actors.py [--ged PATH]   (exit 1 with one line per problem)
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path
from typing import Any

from tacitus.actors import ActorDictionary, actor_from_entry, load_actor_entries, normalize_name

ROOT = Path(__file__).resolve().parents[1]
YAML_PATH = ROOT / "src" / "tacitus" / "data" / "actors.yaml"
GED_PATH = ROOT.parent / "shared" / "data" / "ucdp-ged-pakistan" / "ucdp_ged_22_1_pakistan.csv"

KINDS = {"armed_group", "militia", "political_party", "communal", "civilians", "state", "state_force"}
RELATIONS = {"faction", "splinter", "member", "wing"}
_PERIOD = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")


def validate_entries(entries: list[dict[str, Any]]) -> list[str]:
    """Problems in the dictionary entries, one readable line each (empty when valid)."""
    problems: list[str] = []
    ids: set[str] = set()
    owner: dict[str, str] = {}
    for n, entry in enumerate(entries, 1):
        actor_id = entry.get("id")
        where = f"entry {n} ({actor_id})"
        if not actor_id or not entry.get("name"):
            problems.append(f"{where}: id and name are required")
            continue
        if actor_id in ids:
            problems.append(f"{where}: duplicate id")
        ids.add(actor_id)
        if entry.get("kind", "armed_group") not in KINDS:
            problems.append(f"{where}: unknown kind {entry.get('kind')!r}")
        if entry.get("relation") is not None and entry["relation"] not in RELATIONS:
            problems.append(f"{where}: unknown relation {entry['relation']!r}")
        if entry.get("relation") is not None and entry.get("parent") is None:
            problems.append(f"{where}: relation without parent")
        periods = [str(entry[k]) for k in ("from", "to") if entry.get(k) is not None]
        problems += [f"{where}: bad date {p!r} (want YYYY or YYYY-MM)" for p in periods if not _PERIOD.fullmatch(p)]
        if len(periods) == 2 and periods[0] > periods[1]:
            problems.append(f"{where}: 'from' is after 'to'")
        for alias in (entry["name"], entry.get("short"), *entry.get("aliases", ())):
            if not alias:
                continue
            key = normalize_name(str(alias))
            if owner.setdefault(key, actor_id) != actor_id:
                problems.append(f"{where}: alias {alias!r} also belongs to {owner[key]!r}")
    for entry in entries:
        # An output label must itself resolve (to the entry or its parent), so scorers can map it back.
        if entry.get("label") and normalize_name(str(entry["label"])) not in owner:
            problems.append(f"{entry.get('id')}: label {entry['label']!r} is no actor's name or alias")
        parents = {e["id"]: e.get("parent") for e in entries if e.get("id")}
    for actor_id, parent in parents.items():
        if parent is not None and parent not in parents:
            problems.append(f"{actor_id}: unknown parent {parent!r}")
        seen = {actor_id}
        while parent is not None and parent in parents:
            if parent in seen:
                problems.append(f"{actor_id}: parent cycle through {parent!r}")
                break
            seen.add(parent)
            parent = parents[parent]
    return problems


def ged_side_names(path: Path) -> set[str]:
    """Side names in a UCDP GED CSV (HXL tag rows, which start with '#', are not names)."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = csv.DictReader(fh)
        return {r[c] for r in rows for c in ("side_a", "side_b") if r[c] and not r[c].startswith("#")}


def unresolved(names: set[str], actors: ActorDictionary) -> list[str]:
    return sorted(n for n in names if actors.lookup(n) is None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--yaml", type=Path, default=YAML_PATH)
    parser.add_argument("--ged", type=Path, default=GED_PATH)
    args = parser.parse_args(argv)
    entries = load_actor_entries(args.yaml.read_text(encoding="utf-8"))
    problems = validate_entries(entries)
    if not problems:
        actors = ActorDictionary(actor_from_entry(e) for e in entries)
        if args.ged.exists():
            problems += [f"GED side name does not resolve: {n!r}" for n in unresolved(ged_side_names(args.ged), actors)]
    for line in problems:
        print(f"{args.yaml.name}: {line}", file=sys.stderr)
    if not problems:
        print(f"{args.yaml.name}: {len(entries)} actors valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
