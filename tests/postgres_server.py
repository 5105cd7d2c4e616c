"""The storage backends for the store and workbench tests: a DuckDB file, and a real PostgreSQL server.

The server is a throwaway cluster started once per test session (per xdist worker) on a Unix socket in a temporary
directory, by scripts/pg_throwaway.py (shared with bench/bench_serve.py); it needs PostgreSQL's binaries, which
`.ci/run` installs from Debian's packages. Without them the PostgreSQL cases are skipped, saying why.

Tests ask for `new_store`: a fresh store target on the session's `backend` (a file path or a postgresql:// URL),
empty or a copy of another. Every test that uses it runs once per backend.
"""

from __future__ import annotations

import importlib.util
import itertools
import shutil
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BACKENDS = ("duckdb", "postgres")
# One numbering per test process: pytest re-creates a parametrised session fixture when the parameter comes round
# again, while the session's cluster (and its databases) lives on, so names must never restart.
_NAMES = itertools.count()
_THROWAWAY = Path(__file__).resolve().parents[1] / "scripts" / "pg_throwaway.py"


def throwaway_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pg_throwaway", _THROWAWAY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Any]:
    """The session's PostgreSQL cluster (skips the test when PostgreSQL is not installed)."""
    module = throwaway_module()
    if module.postgres_bin() is None:
        pytest.skip("PostgreSQL is not installed (no initdb/pg_ctl); .ci/run installs Debian's postgresql package")
    with module.Cluster() as cluster:
        yield cluster


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def new_store(backend: str, request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Callable[..., str]:
    """new_store(copy_of=None): a new store target on this backend, empty or a copy of the store `copy_of`."""
    names = _NAMES
    if backend == "postgres":
        cluster = request.getfixturevalue("postgres_cluster")

        def database(copy_of: str | None = None) -> str:
            template = urllib.parse.urlsplit(copy_of).path.lstrip("/") if copy_of else None
            return str(cluster.create_database(f"store{next(names)}", template=template))

        return database
    folder = tmp_path_factory.mktemp("stores")

    def file(copy_of: str | None = None) -> str:
        path = folder / f"store{next(names)}.duckdb"
        if copy_of:
            shutil.copyfile(copy_of, path)
        return str(path)

    return file
