"""The store's tables, as versioned migrations.

Each migration is a list of SQL statements applied in one transaction; `meta.schema_version` records how far a
store has come. Stores written by an older Tacitus are brought forward on open; a store from a newer Tacitus is
refused rather than misread. The SQL is kept to what DuckDB and PostgreSQL both accept, so a server backend can
run the same migrations.
"""

from __future__ import annotations

from typing import Final

from tacitus.model import EVENT_COLUMNS
from tacitus.resolve.derive import gw_table, priogrid_sql

_CODED = ",\n    ".join(f'"{c.name}" {c.sql_type}' for c in EVENT_COLUMNS if c.name != "event_id")

# Migration 8's columns: UCDP's locators and ids (issue 12).
_LOCATORS = ("gwcode", "priogrid_gid", "conflict_id", "dyad_id")

# The datasets whose importers derive claims from the raw row (all registered layouts as of migration 2).
_DERIVED = ", ".join(f"'{d}'" for d in ("ucdp_ged", "gtd", "acled", "tbij_drones", "pbc_drones", "pbc_suicide"))

MIGRATIONS: Final[tuple[tuple[str, ...], ...]] = (
    # 1: documents, dataset/report records, events, claims, history, imports.
    (
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """CREATE TABLE imports (
    import_id VARCHAR PRIMARY KEY,
    dataset VARCHAR NOT NULL,
    path VARCHAR,
    sha256 VARCHAR,
    rows_read INTEGER,
    rows_added INTEGER,
    finished_at TIMESTAMP
)""",
        """CREATE TABLE documents (
    doc_id VARCHAR PRIMARY KEY,
    source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    published DATE,
    text VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    added_at TIMESTAMP
)""",
        f"""CREATE TABLE records (
    record_key VARCHAR PRIMARY KEY,
    dataset VARCHAR NOT NULL,
    record_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    doc_id VARCHAR,
    {_CODED},
    raw VARCHAR,
    content_hash VARCHAR NOT NULL,
    import_id VARCHAR,
    match_weight DOUBLE,
    link_reason VARCHAR,
    added_at TIMESTAMP
)""",
        f"""CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY,
    {_CODED},
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP
)""",
        # No key index on claims: they are written and deleted only together with their record, in one
        # transaction, and claim_id ("<record_key>#<n>") is unique by construction; an index cost more than
        # the rest of an import. Lookups go by record_key, which DuckDB scans fast.
        """CREATE TABLE claims (
    claim_id VARCHAR NOT NULL,
    record_key VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    value VARCHAR,
    source_kind VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    source_column VARCHAR,
    quote VARCHAR,
    confidence DOUBLE,
    reported_at VARCHAR
)""",
        """CREATE TABLE event_history (
    event_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    action VARCHAR NOT NULL,
    detail VARCHAR
)""",
        "CREATE INDEX records_event ON records (event_id)",
        "CREATE VIEW links AS SELECT event_id, dataset, record_id FROM records",
    ),
    # 2: the review workbench — users, browser sessions, API tokens, reviewers' claims and the audit trail.
    # Secrets are stored only as hashes (passwords: argon2; session ids and tokens: SHA-256 of 32 random bytes,
    # which cannot be guessed, so a slow hash would add nothing). Review claims are keyed by event: they are
    # what a person said about the event as a whole, and outrank every record's claims (tacitus.resolve.derive).
    (
        """CREATE TABLE users (
    name VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL,
    password_hash VARCHAR,
    created_at TIMESTAMP NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE
)""",
        """CREATE TABLE sessions (
    session_hash VARCHAR PRIMARY KEY,
    user_name VARCHAR NOT NULL,
    csrf_token VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
)""",
        """CREATE TABLE api_tokens (
    token_hash VARCHAR PRIMARY KEY,
    user_name VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
)""",
        """CREATE TABLE review_claims (
    claim_id VARCHAR PRIMARY KEY,
    event_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    value VARCHAR,
    source_kind VARCHAR NOT NULL,
    author VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
)""",
        "CREATE INDEX review_claims_event ON review_claims (event_id)",
        """CREATE TABLE audit (
    event_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    user_name VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    action VARCHAR NOT NULL,
    field VARCHAR,
    before_value VARCHAR,
    after_value VARCHAR,
    reason VARCHAR
)""",
        "CREATE INDEX audit_event ON audit (event_id)",
    ),
    # 3: document versions. A changed text under a known doc_id becomes the document's next version; the claims
    # read from the old text move, unchanged, to superseded_claims beside the old text in superseded_documents,
    # so every span keeps pointing into the text it was read from (tacitus.store.documents).
    (
        "ALTER TABLE documents ADD COLUMN version INTEGER DEFAULT 1",
        "ALTER TABLE claims ADD COLUMN doc_version INTEGER",
        "UPDATE claims SET doc_version = 1 WHERE source_kind = 'document'",
        """CREATE TABLE superseded_documents (
    doc_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    published DATE,
    text VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    added_at TIMESTAMP,
    superseded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (doc_id, version)
)""",
        """CREATE TABLE superseded_claims (
    claim_id VARCHAR NOT NULL,
    record_key VARCHAR NOT NULL,
    event_id VARCHAR,
    field VARCHAR NOT NULL,
    value VARCHAR,
    source_kind VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    doc_version INTEGER,
    span_start INTEGER,
    span_end INTEGER,
    source_column VARCHAR,
    quote VARCHAR,
    confidence DOUBLE,
    reported_at VARCHAR,
    superseded_at TIMESTAMP NOT NULL
)""",
    ),
    # 4: reviewers' decisions on record pairs (tacitus.store.link_labels); append-only, the latest row of a
    # pair is in force, so a change of mind is another row and the history stays.
    (
        """CREATE TABLE link_labels (
    record_a VARCHAR NOT NULL,
    record_b VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    author VARCHAR,
    reason VARCHAR,
    labelled_at TIMESTAMP NOT NULL
)""",
    ),
    # 5: `success` (GTD: false for failed and defused attacks). Migration 1 builds its tables from the codebook's
    # current columns, so a store created by this version has the column already: hence IF NOT EXISTS.
    (
        "ALTER TABLE records ADD COLUMN IF NOT EXISTS success BOOLEAN",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS success BOOLEAN",
    ),
    # 6: dataset claims are derived from the raw row and the layout when asked for, not stored (issue 11);
    # records keep the report time their claims carried, which the derivation rule orders by.
    (
        "ALTER TABLE records ADD COLUMN IF NOT EXISTS reported_at VARCHAR",
        """UPDATE records SET reported_at = (
    SELECT max(c.reported_at) FROM claims c WHERE c.record_key = records.record_key)""",
        f"""DELETE FROM claims WHERE source_kind = 'dataset' AND record_key IN (
    SELECT record_key FROM records WHERE raw IS NOT NULL AND dataset IN ({_DERIVED}))""",
    ),
    # 7: double coding (tacitus.store.coding). A sample records how it was drawn (seed, request, filters as
    # JSON, fields under test, coders); each sampled event is an item, assigned to two coders; each coder's
    # values are coding claims, apart from review_claims so that they are never an event's value until a
    # reviewer adjudicates (which writes review claims and closes the item). Plain types only: PostgreSQL too.
    (
        """CREATE TABLE coding_samples (
    sample_id VARCHAR PRIMARY KEY,
    created_by VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    seed BIGINT NOT NULL,
    requested VARCHAR NOT NULL,
    population INTEGER NOT NULL,
    queue_status VARCHAR NOT NULL,
    filters VARCHAR NOT NULL,
    fields VARCHAR NOT NULL,
    coders VARCHAR NOT NULL,
    closed_at TIMESTAMP
)""",
        """CREATE TABLE coding_items (
    sample_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    adjudicated_by VARCHAR,
    adjudicated_at TIMESTAMP,
    PRIMARY KEY (sample_id, event_id)
)""",
        """CREATE TABLE coding_assignments (
    sample_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    coder VARCHAR NOT NULL,
    slot INTEGER NOT NULL,
    assigned_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP,
    PRIMARY KEY (sample_id, event_id, coder)
)""",
        """CREATE TABLE coding_claims (
    sample_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    coder VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    value VARCHAR,
    coded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (sample_id, event_id, coder, field)
)""",
    ),
    # 8: Gleditsch–Ward code, PRIO-GRID cell and UCDP conflict and dyad ids (tacitus.model). Existing events get
    # the two locators the derivation rule computes (tacitus.resolve.derive, LOCATORS), so they stay what their
    # records derive; existing GED records get UCDP's own values when their file is imported again.
    (
        *(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {name} INTEGER"
          for table in ("records", "events") for name in _LOCATORS),
        f"""UPDATE events SET gwcode = (SELECT gw.gwcode FROM {gw_table()} WHERE gw.iso3 = events.country_code)
    WHERE gwcode IS NULL""",
        f"UPDATE events SET priogrid_gid = {priogrid_sql('latitude', 'longitude')} WHERE priogrid_gid IS NULL",
    ),
)

LATEST: Final = len(MIGRATIONS)
