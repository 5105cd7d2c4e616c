"""Dataset claims are derived from the raw row and the layout, and equal what Tacitus 0.1 stored.

The oracle is tests/fixtures/datasets/ged_claims_v0_1.parquet: every claim the 0.1 code (which stored ~20 claim
rows per dataset row) produced for the bundled GED file, rebuilt by scripts/snapshot_ged_claims.py from that
commit. The derived claims must match it claim for claim: id, field, value, columns, quote. Fields the codebook
gained since 0.1 (UCDP's ids, issue 12) add claims after 0.1's, so 0.1's claims keep their ids; they are checked
on their own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import tacitus
from tacitus.ingest import get_layout, import_file
from tacitus.model import canonical_json

ORACLE = Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "ged_claims_v0_1.parquet"
# Codebook fields added after 0.1 and the GED column each is read from.
NEW_FIELDS = {"gwcode": "country_id", "priogrid_gid": "priogrid_gid", "conflict_id": "conflict_new_id",
              "dyad_id": "dyad_new_id"}
_COMPARED = ["event_id", "claim_id", "record_key", "field", "value", "source_kind", "source_id", "source_column",
             "quote", "reported_at"]


def _normalised(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[_COMPARED].astype(object).where(frame[_COMPARED].notna(), "<missing>").astype(str)
    return out.sort_values("claim_id", kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def ged_claims_store(tmp_path_factory: pytest.TempPathFactory, bundled_ged: Path) -> Path:
    db = tmp_path_factory.mktemp("derived") / "ged.duckdb"
    with tacitus.open(str(db)) as store:
        import_file(store, get_layout("ucdp-ged"), str(bundled_ged))
    return db


def test_no_dataset_claim_is_stored(ged_claims_store: Path) -> None:
    with tacitus.open(str(ged_claims_store)) as store:
        assert store.counts()["claims"] == 0
        assert store.counts()["records"] == 6416


def test_derived_claims_equal_the_claims_0_1_stored(ged_claims_store: Path) -> None:
    oracle = pd.read_parquet(ORACLE)
    with tacitus.open(str(ged_claims_store)) as store:
        derived = store.claims()
    # 0.1 stored values as canonical JSON text; now they come back typed. Same value, same JSON.
    derived = derived.assign(value=[canonical_json(v) for v in derived["value"]])
    derived = derived[~derived["field"].isin(list(NEW_FIELDS))]
    assert len(derived) == len(oracle) == 130877
    expected, actual = _normalised(oracle), _normalised(derived)
    mismatch = (expected != actual).any(axis=1)
    assert not mismatch.any(), pd.concat([expected[mismatch].head(3), actual[mismatch].head(3)])


def test_ucdp_ids_are_claims_after_0_1s_quoting_their_ged_column(ged_claims_store: Path) -> None:
    oracle = pd.read_parquet(ORACLE)
    last_old = oracle.groupby("record_key")["claim_id"].agg(lambda ids: max(int(i.rsplit("#", 1)[1]) for i in ids))
    with tacitus.open(str(ged_claims_store)) as store:
        claims = store.claims()
        raw = dict(store.sql("SELECT record_key, raw FROM records").itertuples(index=False))
    new = claims[claims["field"].isin(list(NEW_FIELDS))]
    assert len(new) == 4 * 6416
    for row in new.sample(200, random_state=1).itertuples():
        column = NEW_FIELDS[row.field]
        assert row.source_column == column
        assert row.quote == json.loads(raw[row.record_key])[column] == str(row.value)
        assert int(row.claim_id.rsplit("#", 1)[1]) > last_old[row.record_key]


def test_one_events_claims_are_the_same_slice(ged_claims_store: Path) -> None:
    oracle = pd.read_parquet(ORACLE)
    event_id = str(oracle["event_id"].iloc[1000])
    with tacitus.open(str(ged_claims_store)) as store:
        one = store.claims(event_id)
    assert set(one["event_id"]) == {event_id}
    expected = oracle[oracle["event_id"] == event_id]
    assert sorted(one[~one["field"].isin(list(NEW_FIELDS))]["claim_id"]) == sorted(expected["claim_id"])
    typed = dict(zip(one["field"], one["value"], strict=True))
    assert type(typed["date"]).__name__ == "date" and isinstance(typed["killed_best"], int)
