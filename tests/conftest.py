"""Shared test fixtures: where the data is, how to run the real `tacitus` command, and GED-shaped files.

Kept small on purpose: each test module builds what it needs from these. Helpers are handed out as fixtures
because the tests directory is not a package (test modules cannot import from here).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest_plugins = ["tests.postgres_server"]
ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT / ".." / "shared" / "data"
GED_CSV = SHARED_DATA / "ucdp-ged-pakistan" / "ucdp_ged_22_1_pakistan.csv"
BUNDLED_GED = ROOT / "src" / "tacitus" / "data" / "ucdp_ged_22_1_pakistan.csv.gz"
DATASETS = ROOT / "tests" / "fixtures" / "datasets"
GTD_SAMPLE = DATASETS / "gtd_pakistan_sample.csv"
ACLED_SAMPLE = DATASETS / "acled_pakistan_sample.csv"
ACLED_OLD_LAYOUT = DATASETS / "acled_pakistan_old_layout.csv"


def tacitus_command() -> list[str]:
    """The installed `tacitus` entry point beside this Python, else the module (same code either way)."""
    script = Path(sys.executable).with_name("tacitus")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tacitus.cli"]


def run_tacitus(*args: str | Path, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `tacitus ARGS` as a real process and capture its output (exit codes are part of the contract)."""
    return subprocess.run(
        [*tacitus_command(), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def store_state(db: Path) -> tuple[dict[str, int], str]:
    """Table counts and a checksum over every event value: what "the store is unchanged" means in tests."""
    import tacitus

    with tacitus.open(str(db)) as store:
        counts = store.counts()
        events = store.events()
    digest = hashlib.sha256(events.to_csv(index=False).encode("utf-8")).hexdigest()
    return counts, digest


def _bench_module(name: str) -> ModuleType:
    """bench/NAME.py, whose data generators (GED resampler, noisy copies) the tests share rather than copy."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def bench_module() -> Callable[[str], ModuleType]:
    """bench_module(name): a benchmark script loaded as a module (the bench folder is not a package)."""
    return _bench_module


@pytest.fixture(scope="module")
def gtd_acled_store(tmp_path_factory: pytest.TempPathFactory, gtd_sample: Path, acled_sample: Path) -> Path:
    """A store holding the GTD and ACLED samples: events of two datasets, for filters and "unchanged" checks."""
    import tacitus
    from tacitus.ingest import get_layout, import_file

    db = tmp_path_factory.mktemp("gtd-acled") / "store.duckdb"
    with tacitus.open(str(db)) as store:
        import_file(store, get_layout("gtd"), str(gtd_sample))
        import_file(store, get_layout("acled"), str(acled_sample))
    return db


@pytest.fixture(scope="session")
def ged_csv() -> Path:
    return GED_CSV


@pytest.fixture(scope="session")
def bundled_ged() -> Path:
    return BUNDLED_GED


@pytest.fixture(scope="session")
def gtd_sample() -> Path:
    return GTD_SAMPLE


@pytest.fixture(scope="session")
def acled_sample() -> Path:
    return ACLED_SAMPLE


@pytest.fixture(scope="session")
def acled_old_layout() -> Path:
    return ACLED_OLD_LAYOUT


@pytest.fixture(scope="session")
def tacitus_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_tacitus


@pytest.fixture(scope="session")
def tacitus_argv() -> list[str]:
    """The command line that starts `tacitus` (for tests that manage the process themselves)."""
    return tacitus_command()


@pytest.fixture(scope="session")
def state_of() -> Callable[[Path], tuple[dict[str, int], str]]:
    return store_state


@pytest.fixture(scope="session")
def resampled_ged() -> Callable[..., Path]:
    """write_resampled_ged(path, rows, seed=2024): GED rows resampled from the real file, with new ids."""
    writer: Callable[..., Path] = _bench_module("bench_import").write_resampled_ged
    return writer


@pytest.fixture
def copy_fixture(tmp_path: Path) -> Callable[[Path], Path]:
    """Copy a fixture into tmp_path (tests edit copies, never the originals)."""

    def copy(source: Path) -> Path:
        target = tmp_path / source.name
        shutil.copyfile(source, target)
        return target

    return copy


@pytest.fixture(scope="session")
def ged_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the real GED Pakistan file imported once per session; copy it before writing to it."""
    import tacitus
    from tacitus.ingest import get_layout, import_file

    db = tmp_path_factory.mktemp("ged") / "ged.duckdb"
    with tacitus.open(str(db)) as store:
        import_file(store, get_layout("ucdp-ged"), str(GED_CSV))
    return db


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A real headless Chromium (Debian's chromium + chromium-driver) with its console log kept, per module."""
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _run_time(command: list[str]) -> float:
    """Seconds one uninterrupted run of `command` takes (it must succeed)."""
    started = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def _kill_after(command: list[str], delay: float) -> bool:
    """Start `command`, SIGKILL it after `delay` s; True if our signal ended it (it had not finished)."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode == -signal.SIGKILL


@pytest.fixture(scope="session")
def run_time() -> Callable[[list[str]], float]:
    return _run_time


@pytest.fixture(scope="session")
def kill_after() -> Callable[[list[str], float], bool]:
    """kill_after(command, delay): the kill -9 tests' way to interrupt a real process at a measured moment."""
    return _kill_after
