"""Event filters shared by `Store.events`, `tacitus query`, `tacitus export` and the analysis functions.

One definition of what "actor=TTP, 2014, in FATA" means keeps the CLI, the Python API and the report in
agreement. One vocabulary too: a filter value may be written as any source writes it, and is translated to the
stored form before it becomes SQL:
- `dataset`: the names `tacitus import` takes (`ucdp-ged`, `pbc-suicide`) or the stored ones (`ucdp_ged`);
- `admin1`: any name or abbreviation of a province (FATA, KP, KPK, NWFP, ICT), through the geocoder's admin
  history, meaning the name it abbreviates as on the event date (NWFP: before the 2010 renaming; KP: after);
- `admin2`: any spelling of a district or agency the admin history knows ("Bajaur Agency", "D.I. Khan");
- `attack_type`, `target_type`, `weapon_type`: GTD's wording ("Bombing/Explosion") or the codebook's snake_case;
- `event_type`: an ACLED event type, or an ACLED sub-event type ("Suicide bomb"), which filters sub_event_type.
A value that matches nothing is not an error (an empty answer can be right); `unmatched_values` says which
values matched nothing and what the closest known values are, and the CLI prints that on stderr.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from tacitus.actors import get_actors, normalize_name
from tacitus.model import ACLED_EVENT_TYPES

if TYPE_CHECKING:
    from tacitus.geo.admin import AdminHistory
    from tacitus.store.base import Store

# Filters whose value is compared for equality with the column of the same name (case-insensitively for text).
_EQUALITY = (
    "admin1",
    "admin2",
    "place",
    "country",
    "country_code",
    "event_type",
    "sub_event_type",
    "attack_type",
    "target_type",
    "weapon_type",
    "type_of_violence",
    "perpetrator_id",
    "review_status",
)
FILTER_NAMES = ("start", "end", "actor", "factions", "dataset", "event_id", *_EQUALITY)


@dataclass(frozen=True)
class Where:
    """A SQL condition over the events table (aliased `e`) and its parameters."""

    sql: str
    params: list[Any]


def as_date(value: object, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if name == "end" and size < 10:  # an end of "2014" or "2014-06" means the whole year / month
            # Counted within the period, not as "the next one minus a day", so 9999-12 ends on 9999-12-31.
            month = 12 if size == 4 else day.month
            return day.replace(month=month, day=calendar.monthrange(day.year, month)[1])
        return day
    raise ValueError(f"filter {name!r}: {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")


def listify(value: object) -> list[Any]:
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return [value]


def actor_match(actor: object, factions: bool, names: Iterable[str]) -> tuple[set[str], list[str]]:
    """Actor ids and the stored surface names that a query for `actor` (one name or several) matches.

    The dictionary expands the actor (with its factions unless told otherwise) to folded names; every stored
    name that folds to one of them matches. SQL filters and the Ibis analysis both use this, so they agree.
    """
    ids: set[str] = set()
    folded: set[str] = set()
    for one in listify(actor):
        more_ids, more_names = get_actors().expand(str(one), factions=factions)
        ids |= more_ids
        folded |= more_names
    return ids, sorted(n for n in names if normalize_name(n) in folded)


@cache
def _admin_history() -> AdminHistory:
    from tacitus.geo.admin import AdminHistory

    return AdminHistory.load()


@cache
def _dataset_names() -> dict[str, str]:
    """Every spelling of a dataset name (as `import` takes it, as stored) → the stored name."""
    from tacitus.ingest.registry import LAYOUTS

    names = {layout.name: layout.dataset for layout in LAYOUTS.values()}
    names |= {layout.dataset: layout.dataset for layout in LAYOUTS.values()}
    return {key.casefold(): value for key, value in names.items()}


@cache
def _gtd_wordings() -> dict[str, dict[str, str]]:
    """GTD's category texts (casefolded) → codebook values, per filter."""
    from tacitus.ingest.gtd import ATTACK_TYPES, TARGET_TYPES, WEAPON_TYPES

    tables = {"attack_type": ATTACK_TYPES, "target_type": TARGET_TYPES, "weapon_type": WEAPON_TYPES}
    return {name: {text.casefold(): ours for text, ours in table.items()} for name, table in tables.items()}


_SUB_EVENT_TYPES = {sub.casefold() for subs in ACLED_EVENT_TYPES.values() for sub in subs}


def _province_names(value: str) -> list[str]:
    """The province name an abbreviation or variant stands for, in the period that name belongs to.

    Filters follow the codebook's "as on the event date": KP and KPK mean Khyber Pakhtunkhwa (from 2010-04-19),
    NWFP and Sarhad the North-West Frontier Province before it, FATA the tribal areas until the 2018 merger.
    """
    from tacitus.geo.admin import KP_RENAMED, NWFP, PROVINCE_NAMES, province_name
    from tacitus.geo.text import key

    code = _admin_history().find_province(value)
    if code is None:
        return []
    if code == "KP" and key(value) not in {key(PROVINCE_NAMES["KP"]), key("KP"), key("KPK")} and (
            "frontier" in value.casefold() or key(value) in {key("NWFP"), key("Sarhad")}):
        return [NWFP]
    return [province_name(code, KP_RENAMED) if code != "KP" else PROVINCE_NAMES[code]]


def _district_names(value: str) -> list[str]:
    history = _admin_history()
    unit_key = history.find_unit(value, fuzzy=False)
    if unit_key is None:
        return []
    unit = history.units[unit_key]
    related = [history.units[k] for k in (unit.successor, unit.predecessor) if k and k in history.units]
    return [unit.name, *(u.name for u in related)]


def vocabulary(name: str, value: object) -> list[str]:
    """The stored values a filter value stands for (itself first), in the one vocabulary of the module doc."""
    text = str(value)
    folded = text.casefold()
    out = [text]
    if name == "dataset":
        out.append(_dataset_names().get(folded, folded.replace("-", "_")))
    elif name == "admin1":
        out += _province_names(text)
    elif name == "admin2":
        out += _district_names(text)
    elif name in ("attack_type", "target_type", "weapon_type"):
        out.append(_gtd_wordings()[name].get(folded, "_".join(folded.replace("/", " ").split())))
    return list(dict.fromkeys(out))


def expand_vocabulary(filters: dict[str, Any]) -> dict[str, Any]:
    """Filters with every value translated to stored forms; sub-event types given as event types moved over."""
    out = dict(filters)
    if out.get("event_type") is not None:
        values = listify(out["event_type"])
        subs = [v for v in values if str(v).casefold() in _SUB_EVENT_TYPES]
        rest = [v for v in values if str(v).casefold() not in _SUB_EVENT_TYPES]
        out["event_type"] = rest or None
        if subs:
            out["sub_event_type"] = [*listify(out.get("sub_event_type") or []), *subs]
    for name in ("dataset", "admin1", "admin2", "attack_type", "target_type", "weapon_type"):
        if out.get(name) is not None:
            out[name] = [v for one in listify(out[name]) for v in vocabulary(name, one)]
    return out


def _option(name: str) -> str:
    return "--violence" if name == "type_of_violence" else "--" + name.replace("_", "-")


def unmatched_values(filters: dict[str, Any], store: Store) -> list[str]:
    """One message per filter value that matches no stored value, with the closest known values.

    Checks each text filter on its own (an event may exist for each value but not for all together: that is an
    empty answer, not an unknown value).
    """
    from rapidfuzz import process

    messages = []
    checked = [n for n in (*_EQUALITY, "dataset", "actor") if filters.get(n) is not None and n != "type_of_violence"]
    for name in checked:
        if name == "dataset":
            known = store.sql("SELECT DISTINCT dataset AS v FROM records")["v"].tolist()
        elif name == "actor":
            known = store.sql(
                "SELECT DISTINCT n AS v FROM (SELECT perpetrator AS n FROM events UNION SELECT actor1 FROM events"
                " UNION SELECT actor2 FROM events) WHERE n IS NOT NULL")["v"].tolist()
        else:
            known = [str(v) for v in
                     store.sql(f'SELECT DISTINCT "{name}" AS v FROM events WHERE "{name}" IS NOT NULL')["v"]]
        stored = {str(v).casefold() for v in known}
        for value in listify(filters[name]):
            if name == "actor":
                ids, surface = actor_match(value, True, known)
                hit = bool(surface) or bool(ids and store.sql(
                    f"SELECT 1 FROM events WHERE perpetrator_id IN ({', '.join('?' for _ in ids)}) LIMIT 1",
                    sorted(ids)).shape[0])
            else:
                target = expand_vocabulary({name: value})
                forms = [*listify(target.get(name) or []), *listify(target.get("sub_event_type") or [])]
                hit = any(str(f).casefold() in stored for f in forms) or (
                    name == "event_type" and bool(target.get("sub_event_type")) and _has_sub_event(store, forms))
            if not hit:
                closest = [str(m[0]) for m in process.extract(str(value), known, limit=3)]
                hint = f"; closest known: {', '.join(closest)}" if closest else "; the store has no values for it"
                messages.append(f"{_option(name)} {value!r} matches nothing in the store{hint}")
    return messages


def _has_sub_event(store: Store, forms: list[Any]) -> bool:
    marks = ", ".join("?" for _ in forms)
    found = store.sql(f"SELECT 1 FROM events WHERE lower(sub_event_type) IN ({marks}) LIMIT 1",
                      [str(f).casefold() for f in forms])
    return not found.empty


def build_where(filters: dict[str, Any], distinct_actor_names: Callable[[], Sequence[str]]) -> Where:
    """Translate keyword filters into SQL.

    `distinct_actor_names` returns every actor name in the store; actor matching happens in Python with the
    dictionary's name folding, then becomes an IN list, so each backend needs no folding function of its own.
    """
    unknown = set(filters) - set(FILTER_NAMES)
    if unknown:
        raise ValueError(f"unknown filter(s): {', '.join(sorted(unknown))}; known: {', '.join(FILTER_NAMES)}")
    filters = expand_vocabulary(filters)
    parts: list[str] = []
    params: list[Any] = []
    if filters.get("start") is not None:
        parts.append("e.date >= ?")
        params.append(as_date(filters["start"], "start"))
    if filters.get("end") is not None:
        parts.append("e.date <= ?")
        params.append(as_date(filters["end"], "end"))
    for name in _EQUALITY:
        value = filters.get(name)
        if value is None:
            continue
        values = listify(value)
        marks = ", ".join("?" for _ in values)
        if name == "type_of_violence":
            parts.append(f"e.type_of_violence IN ({marks})")
            params.extend(int(v) for v in values)
        else:
            parts.append(f"lower(e.{name}) IN ({marks})")
            params.extend(str(v).lower() for v in values)
    if filters.get("event_id") is not None:
        wanted = listify(filters["event_id"])
        parts.append(f"e.event_id IN ({', '.join('?' for _ in wanted)})")
        params.extend(wanted)
    if filters.get("dataset") is not None:
        sets = listify(filters["dataset"])
        parts.append(
            "e.event_id IN (SELECT event_id FROM records WHERE lower(dataset) IN ("
            + ", ".join("?" for _ in sets) + "))"
        )
        params.extend(str(s).lower() for s in sets)
    if filters.get("actor") is not None:
        ids, surface = actor_match(filters["actor"], bool(filters.get("factions", True)), distinct_actor_names())
        alternatives = []
        if surface:
            marks = ", ".join("?" for _ in surface)
            alternatives += [f"e.{column} IN ({marks})" for column in ("perpetrator", "actor1", "actor2")]
            params.extend(surface * 3)
        if ids:
            alternatives.append(f"e.perpetrator_id IN ({', '.join('?' for _ in ids)})")
            params.extend(sorted(ids))
        parts.append("(" + " OR ".join(alternatives) + ")" if alternatives else "FALSE")
    return Where(" AND ".join(parts) if parts else "TRUE", params)
