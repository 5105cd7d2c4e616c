"""Import a dataset file into a store: one streaming, set-based pass, all or nothing.

1. `tacitus.ingest.source` detects the encoding and hands DuckDB a clean UTF-8 CSV.
2. DuckDB's `read_csv` loads it, every cell as text, into a temporary staging table (in parallel; spilled to
   disk beyond the store's memory limit, so memory stays flat in the number of rows).
3. The crosswalk parses, checks and codes every row in one statement (`tacitus.ingest.columns`), with a flag per
   row for whether it fails a check; the first failing check of the first flagged row becomes the one error line
   (file, physical line, field). Ids must be unique; coordinates must lie in the stated country
   (`tacitus.validate`). Rows already stored with the same content hash are not coded again.
4. For the small hand-made lists, the layout's Python code runs row by row over batches read back from the
   staging table instead.
5. The store merges the coded rows by content hash (`DuckDBStore.merge_incoming`): new records inserted,
   changed ones updated in bulk, their events re-derived in one statement.
All of it happens inside one transaction: a bad row, an exception or a killed process leaves the store as it
was. Staging tables are temporary and never reach the store file.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa

from tacitus import validate
from tacitus.errors import InputError
from tacitus.ingest.columns import Check, SqlCrosswalk, cell_forms, ident, literal, select_list
from tacitus.ingest.layout import Layout
from tacitus.ingest.source import Source, open_source
from tacitus.ingest.tabular import Row
from tacitus.model import CODED_FIELDS, EVENT_COLUMNS, Claim, Record, canonical_json
from tacitus.store.base import ImportResult, Store
from tacitus.values import plain

if TYPE_CHECKING:
    import duckdb

_SQL_TYPES = {c.name: c.sql_type for c in EVENT_COLUMNS}
_ARROW_TYPES = {"VARCHAR": pa.string(), "DATE": pa.date32(), "DOUBLE": pa.float64(), "INTEGER": pa.int64(),
                "BOOLEAN": pa.bool_()}
_PY_BATCH = 2_000


def file_sha256(path: str) -> str | None:
    file = Path(path)
    if not file.is_file():
        return None
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        while chunk := handle.read(4 * 1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def import_file(
    store: Store, layout: Layout, path: str, on_row: Callable[[int], None] | None = None
) -> ImportResult:
    """Import one file; idempotent (a second run adds nothing) and all-or-nothing."""
    from tacitus.store.duckdb_store import DuckDBStore

    if not isinstance(store, DuckDBStore):
        raise NotImplementedError("dataset import needs the DuckDB store")
    with open_source(path, layout.required, layout.fallback_encodings) as source, store.import_limits():
        sha256 = file_sha256(path)
        con = store.con
        try:
            # Staged before the transaction: a temporary table never reaches the store file, and row ids
            # of committed rows follow the file's order (inside a transaction they are offsets).
            rows = _stage(con, source)
            if on_row:
                on_row(rows)
            with store.transaction():
                _code_rows(con, layout, source)
                result = store.merge_incoming(layout.dataset, source_path=str(path), sha256=sha256)
        finally:
            for view in ("lets", "src", "staged"):
                con.execute(f"DROP VIEW IF EXISTS {view}")
            for table in ("staging", "incoming"):
                con.execute(f"DROP TABLE IF EXISTS {table}")
    return ImportResult(**{**vars(result), "encoding": source.encoding})


def read_records(layout: Layout, path: str) -> list[Record]:
    """Every record of `path` as Python objects (validating the whole file), for callers that want them in
    memory: the same staging, checks and coding as an import, into a scratch in-memory store."""
    from tacitus.store.duckdb_store import DuckDBStore

    scratch = DuckDBStore(":memory:")
    try:
        import_file(scratch, layout, path)
        claims: dict[str, list[Claim]] = {}
        for c in scratch.claims().sort_values("claim_id", key=_claim_order).to_dict("records"):
            claims.setdefault(str(c["record_key"]), []).append(
                Claim(c["field"], c["value"], c["source_kind"], c["source_id"], column=c["source_column"],
                      quote=c["quote"], confidence=float(c["confidence"]), reported_at=plain(c["reported_at"]))
            )
        cursor = scratch.con.execute("SELECT * FROM records ORDER BY record_key")
        names = [d[0] for d in cursor.description]
        out = []
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            coded = {name: row[name] for name in CODED_FIELDS}
            out.append(Record(layout.dataset, str(row["record_id"]), coded, claims.get(str(row["record_key"]), []),
                              raw=json.loads(row["raw"])))
        return out
    finally:
        scratch.close()


def _claim_order(ids: pd.Series) -> pd.Series:
    """Claim ids '<record_key>#<n>' in record order, then by n as a number (#10 after #9)."""
    parts = ids.str.rsplit("#", n=1)
    return parts.str[0] + "#" + parts.str[1].str.zfill(6)


# -- staging ---------------------------------------------------------------------------------------------
def _column_names(header: list[str]) -> list[str]:
    return [name or f"column{i}" for i, name in enumerate(header)]


def _stage(con: duckdb.DuckDBPyConnection, source: Source) -> int:
    """Load the file into the temporary table `staging` (row 0 is the header); returns the data rows."""
    import duckdb

    names = _column_names(source.header)
    columns = "{" + ", ".join(f"{literal(n)}: 'VARCHAR'" for n in names) + "}"
    try:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE staging AS SELECT * FROM read_csv(?, header = false,
                all_varchar = true, columns = {columns}, delim = ',', quote = '"', escape = '"',
                strict_mode = true, null_padding = false, auto_detect = false, max_line_size = 16777216)""",
            [source.csv_path],
        )
    except duckdb.InvalidInputException as exc:
        raise source.structure_error(str(exc)) from None
    blank = " AND ".join(f"{ident(n)} IS NULL" for n in names)  # read_csv reads an empty cell as NULL
    filled = " AND ".join(f"(coalesce(trim({ident(n)}), '') = '' OR starts_with(trim({ident(n)}), '#'))"
                          for n in names)
    # HDX exports put a row of HXL hashtags under the header; blank rows separate nothing. The hashtag test
    # asks row 1 alone: folded into the view's filter it would run on every row, each time the view is read.
    hxl = con.execute(f"SELECT count(*) FROM staging WHERE rowid = 1 AND {filled}").fetchone()
    first = 2 if hxl and hxl[0] else 1
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW staged AS
            SELECT rowid AS _row, * FROM staging WHERE rowid >= {first} AND NOT ({blank})"""
    )
    count = con.execute("SELECT count(*) FROM staged").fetchone()
    rows = int(count[0]) if count else 0
    if rows == 0:
        raise InputError(source.path, "no data rows (header only)", line=1)
    return rows


def _read_columns(layout: Layout, source: Source) -> list[str]:
    """Every column the layout reads, in the file or not."""
    return sorted({*layout.required, *layout.optional})


def _src_view(con: duckdb.DuckDBPyConnection, layout: Layout, source: Source) -> None:
    """`src`: the staged rows with every column the layout reads (NULL where the file lacks it)."""
    present = set(source.header)
    wanted = _read_columns(layout, source)
    cells = ", ".join(ident(c) if c in present else f"CAST(NULL AS VARCHAR) AS {ident(c)}" for c in wanted)
    con.execute(f"CREATE OR REPLACE TEMP VIEW src AS SELECT _row, {_raw_json(source)} AS _raw_row, {cells} "
                "FROM staged")


def _raw_json(source: Source) -> str:
    """The original row as JSON (keys sorted, empty cells as "")."""
    names = sorted(zip(source.header, _column_names(source.header), strict=True))
    return "to_json(struct_pack(" + ", ".join(f"{ident(h)} := coalesce({ident(n)}, '')" for h, n in names) + "))"


def any_bad(checks: list[Check]) -> str:
    """SQL that is true when a row fails any of `checks`."""
    return " OR ".join(f"coalesce({k.bad}, FALSE)" for k in checks) or "FALSE"


def _fail(con: duckdb.DuckDBPyConnection, source: Source, checks: list[Check], first: int | None) -> None:
    """Raise the first failing check of row `first` (the first row that fails any; None: no row does). Only
    that row is asked which check it fails, from the view `lets` (its cells' forms and the crosswalk's lets)."""
    if first is None:
        return
    which = " ".join(f"WHEN {k.bad} THEN {i}" for i, k in enumerate(checks))
    said = " ".join(f"WHEN {k.bad} THEN {k.message}" for k in checks)
    row = con.execute(f"SELECT CASE {which} END, CASE {said} END FROM lets WHERE _row = ?", [first]).fetchone()
    assert row is not None
    raise InputError(source.path, str(row[1]), line=source.line_of(first), field=checks[int(row[0])].column)


def _first_bad(con: duckdb.DuckDBPyConnection, checks: list[Check], relation: str) -> int | None:
    """The first row of `relation` that fails any of `checks` (`relation` has them as the flag `_bad`, or else
    the forms and lets they read)."""
    bad = "_bad" if relation == "incoming" else any_bad(checks)
    first = con.execute(f"SELECT min(_row) FROM {relation} WHERE {bad}").fetchone()
    return None if first is None or first[0] is None else int(first[0])


def _check_ids(con: duckdb.DuckDBPyConnection, layout: Layout, source: Source) -> None:
    twice = con.execute(
        "SELECT count(*) FROM (SELECT record_id FROM incoming GROUP BY record_id HAVING count(*) > 1)"
    ).fetchone()
    if not twice or not twice[0]:
        return
    row = con.execute(
        """SELECT record_id, rows[1], rows[2] FROM (
               SELECT record_id, list(_row ORDER BY _row) AS rows FROM incoming GROUP BY record_id
               HAVING count(*) > 1)
           ORDER BY rows[2] LIMIT 1"""
    ).fetchone()
    if row is not None:
        raise InputError(
            source.path,
            f"duplicate id {row[0]!r} (first on line {source.line_of(int(row[1]))})",
            line=source.line_of(int(row[2])),
            field=layout.id_column,
        )


def _check_coordinates(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    """Each distinct (country, latitude, longitude) of `coded` once against the country's outline."""
    points = con.execute(
        """SELECT country_code, latitude, longitude, min(_row) AS first FROM incoming
           WHERE country_code IN (SELECT unnest(?)) AND latitude IS NOT NULL AND longitude IS NOT NULL
           GROUP BY ALL ORDER BY first""",
        [list(_OUTLINED)],
    ).fetchall()
    by_country: dict[str, list[tuple[float, float, int]]] = {}
    for iso3, lat, lon, first in points:
        by_country.setdefault(str(iso3), []).append((float(lat), float(lon), int(first)))
    bad: list[tuple[int, str]] = []
    for iso3, rows in by_country.items():
        problems = validate.coordinate_problems(iso3, [r[0] for r in rows], [r[1] for r in rows])
        bad += [(row[2], problem) for row, problem in zip(rows, problems, strict=True) if problem]
    if bad:
        first, problem = min(bad)
        column = con.execute("SELECT _lat_column FROM incoming WHERE _row = ?", [first]).fetchone()
        raise InputError(source.path, problem, line=source.line_of(first), field=column[0] if column else None)


_OUTLINED = ("PAK",)


# -- coding ----------------------------------------------------------------------------------------------
def _code_rows(con: duckdb.DuckDBPyConnection, layout: Layout, source: Source) -> None:
    """Build the temporary table `incoming`: one coded row per record, ready for the store's merge."""
    if layout.crosswalk is not None:
        _src_view(con, layout, source)
        _code_sql(con, layout, layout.crosswalk, source)
    else:
        _code_python(con, layout, source)
    _check_ids(con, layout, source)
    _check_coordinates(con, source)


def _typed(name: str, sql: str) -> str:
    return f"CAST({sql} AS {_SQL_TYPES[name].replace('INTEGER', 'BIGINT')})"


def _identity(dataset: str, fingerprint: str) -> str:
    """record_key, event_id and content hash, from `record_id` and `raw` (SQL select list)."""
    return (
        f"{literal(dataset + ':')} || record_id AS record_key, "
        f"'ev_' || left(sha1({literal(dataset)} || chr(31) || record_id), 16) AS event_id, "
        f"md5(raw || {literal(fingerprint)}) AS content_hash"
    )


@functools.cache
def fingerprint(layout: Layout) -> str:
    """What, besides the raw row, decides a record's values: the importers' code and the shipped look-up data.
    A record whose raw row and fingerprint are unchanged has unchanged values, so the content hash is
    md5(raw + fingerprint): a re-import compares hashes in SQL, and a new Tacitus that codes differently
    updates every record once."""
    from importlib import resources

    digest = hashlib.sha1(layout.name.encode())
    sources = resources.files("tacitus.ingest")
    for name in sorted(p.name for p in sources.iterdir() if p.name.endswith(".py")):
        digest.update(sources.joinpath(name).read_bytes())
    for package, name in (("tacitus.data", "actors.yaml"), ("tacitus.data.geo", "admin_units.tsv")):
        digest.update(resources.files(package).joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def _code_sql(con: duckdb.DuckDBPyConnection, layout: Layout, crosswalk: SqlCrosswalk, source: Source) -> None:
    """Code every row in one pass over the staged cells: the view `lets` parses each cell the crosswalk reads
    and computes its lets; the look-ups run over the distinct keys it yields; then one statement builds
    `incoming` (values, raw row, content hash, and whether the row fails a check). Nothing wide is
    materialised twice, and the checks cost one flag per row; the failing row, if any, is explained from
    the view alone.

    On a re-import, rows whose raw row and coding are already stored (same record key, same content hash) are
    not coded again: they enter `incoming` with their identity only, which the merge counts as unchanged."""
    import duckdb

    forms = cell_forms(crosswalk.sql_text(), _read_columns(layout, source))
    checks = [Check(layout.id_column, f"({crosswalk.record_id}) IS NULL", "'is empty'"), *crosswalk.checks]
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW lets AS
            SELECT _row, _raw_row, {', '.join(forms)}, {crosswalk.let_list()}
            FROM (SELECT *, {select_list(forms)} FROM src) WHERE NOT ({crosswalk.skip})"""
    )
    identity = _identity(layout.dataset, fingerprint(layout))
    stored = con.execute("SELECT count(*) FROM records WHERE dataset = ?", [layout.dataset]).fetchone()
    todo, known = "lets", ""
    if stored and stored[0]:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE known AS
                SELECT k.* FROM (SELECT _row, record_id, {identity}
                                 FROM (SELECT _row, ({crosswalk.record_id}) AS record_id, _raw_row AS raw FROM lets)) k
                JOIN records r ON r.record_key = k.record_key AND r.content_hash = k.content_hash"""
        )
        todo = "(SELECT * FROM lets WHERE _row NOT IN (SELECT _row FROM known)) lets"
        known = "UNION ALL BY NAME SELECT * FROM known"
    joins = []
    for lookup in crosswalk.lookups:
        keys = [f"_k_{lookup.name}_{i}" for i in range(len(lookup.keys))]
        distinct = con.execute(
            f"SELECT DISTINCT {', '.join(f'{k} AS {n}' for k, n in zip(lookup.keys, keys, strict=True))} FROM {todo}"
        ).fetchall()
        results = [lookup.fn(*key) for key in distinct]
        table = pa.table(
            {
                **{n: [k[i] for k in distinct] for i, n in enumerate(keys)},
                **{f"{lookup.name}_{out}": pa.array([r[j] for r in results], type=_ARROW_TYPES[sql_type])
                   for j, (out, sql_type) in enumerate(lookup.outputs)},
            }
        )
        con.register(f"lookup_{lookup.name}", table)
        on = " AND ".join(f"({k}) IS NOT DISTINCT FROM {lookup.name}.{n}" for k, n in zip(lookup.keys, keys,
                                                                                        strict=True))
        joins.append(f"LEFT JOIN lookup_{lookup.name} AS {lookup.name} ON {on}")
    given = {o.name: o.value for o in crosswalk.outputs}
    values = ", ".join(f"{_typed(f, given.get(f, 'NULL'))} AS {ident(f)}" for f in CODED_FIELDS)
    lat_column = next(o.sources[0].columns[0] for o in crosswalk.outputs if o.name == "latitude")
    try:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE incoming AS
                SELECT *, {identity} FROM (
                    SELECT lets._row, ({crosswalk.record_id}) AS record_id, {values},
                           CAST({crosswalk.reported_at} AS VARCHAR) AS reported_at,
                           {literal(lat_column)} AS _lat_column, _raw_row AS raw, {any_bad(checks)} AS _bad
                    FROM {todo} {' '.join(joins)})
                {known}"""
        )
    except duckdb.Error:  # a value no check foresaw could not be computed: name the first bad row, if any
        _fail(con, source, checks, _first_bad(con, checks, "lets"))
        raise
    finally:
        for lookup in crosswalk.lookups:
            con.unregister(f"lookup_{lookup.name}")
        con.execute("DROP TABLE IF EXISTS known")
    _fail(con, source, checks, _first_bad(con, checks, "incoming"))


def _python_rows(con: duckdb.DuckDBPyConnection, source: Source) -> Iterator[tuple[int, dict[str, str]]]:
    names = _column_names(source.header)
    cursor = con.execute(f"SELECT _row, {', '.join(ident(n) for n in names)} FROM staged ORDER BY _row")
    while batch := cursor.fetchmany(_PY_BATCH):
        for values in batch:
            yield int(values[0]), {h: ("" if v is None else v) for h, v in zip(source.header, values[1:],
                                                                               strict=True)}


def _code_python(con: duckdb.DuckDBPyConnection, layout: Layout, source: Source) -> None:
    """Row-coded layouts: the layout's Python code per row, into `coded` (same columns as the SQL path)."""
    schema = pa.schema([
        pa.field("_row", pa.int64()),
        pa.field("record_id", pa.string()),
        *(pa.field(f, _ARROW_TYPES[_SQL_TYPES[f]]) for f in CODED_FIELDS),
        pa.field("raw", pa.string()),
        pa.field("reported_at", pa.string()),
        pa.field("_lat_column", pa.string()),
    ])
    rows: list[dict[str, Any]] = []
    lat_column = None
    for ordinal, cells in _python_rows(con, source):
        row = Row(source.path, ordinal, cells)
        if layout.skip(row):
            continue
        try:
            record = layout.to_record(row)
        except InputError as exc:
            exc.line = source.line_of(ordinal)
            raise InputError(exc.path, exc.message, line=exc.line, field=exc.field) from None
        lat_claim = next((c for c in record.claims if c.field == "latitude"), None)
        lat_column = lat_claim.column if lat_claim else lat_column
        rows.append({
            "_row": ordinal,
            "record_id": record.record_id,
            **{f: record.values.get(f) for f in CODED_FIELDS},
            "raw": canonical_json(record.raw),
            "reported_at": record.claims[0].reported_at if record.claims else None,
            "_lat_column": lat_claim.column if lat_claim else None,
        })
    con.register("coded_rows", pa.Table.from_pylist(rows, schema=schema))
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE incoming AS
            SELECT *, {_identity(layout.dataset, fingerprint(layout))} FROM coded_rows"""
    )
    con.unregister("coded_rows")
