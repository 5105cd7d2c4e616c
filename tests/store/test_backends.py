"""Opening a store behaves the same on a DuckDB file and on PostgreSQL: the schema is made and checked, someone
else's database is refused, a read-only store takes no writes, and a password never reaches a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import pytest

from tacitus.errors import StoreError
from tacitus.store import open_store
from tacitus.store.connection import connect
from tacitus.store.schema import LATEST


def test_schema_made_checked_and_foreign_databases_refused(new_store: Callable[..., str]) -> None:
    fresh = new_store()
    with open_store(fresh) as store:
        assert store.counts() == {"documents": 0, "records": 0, "events": 0, "claims": 0, "imports": 0}
        store.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(LATEST + 1)])
    with pytest.raises(StoreError, match="newer than this Tacitus"):
        open_store(fresh)

    foreign = new_store()
    with connect(foreign, read_only=False) as con:
        con.execute("CREATE TABLE invoices (number INTEGER)")
    with pytest.raises(StoreError, match=r"not a Tacitus store \(it holds other tables: invoices\)"):
        open_store(foreign)
    with open_store(foreign, force=True) as store:
        assert store.counts()["events"] == 0


def test_read_only_store_takes_no_writes(new_store: Callable[..., str]) -> None:
    target = new_store()
    open_store(target).close()
    with open_store(target, read_only=True) as store, pytest.raises(duckdb.Error):
        store.execute("INSERT INTO meta VALUES ('written', 'yes')")
    with open_store(target, read_only=True) as store:
        assert not store.execute("SELECT * FROM meta WHERE key = 'written'")


def test_a_password_in_the_url_is_never_shown(postgres_cluster: Any) -> None:
    url = postgres_cluster.create_database("shown").replace("tacitus@", "tacitus:hunter2@")
    missing = url.replace("/shown?", "/missing?")
    with pytest.raises(StoreError) as refused:
        open_store(missing)
    assert "hunter2" not in str(refused.value) and "tacitus:***@" in str(refused.value)
    with open_store(url) as store:  # trust authentication ignores the password; the store names itself without it
        assert "hunter2" not in store.path and store.path.startswith("postgresql://tacitus:***@")
