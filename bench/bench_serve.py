"""Workbench latency: p50/p95 of the review queue, the event page and PATCH, with 1–20 concurrent clients.

The store holds 100,000 GED-shaped events (rows resampled from the real UCDP GED Pakistan file, as in
bench_import.py, imported by the real `tacitus import`), plus one reviewer. The real `tacitus serve` runs on a free
port of 127.0.0.1 in its own process; clients are threads in this process, each sending requests one after
another for a fixed time, so the run stops by itself. PATCH clients each correct an event of their own (no
conflicts), following the ETag each answer returns. The server remembers reads until its next write, so
"queue" and "queue, filtered" (the same page asked again and again) mostly measure that, while "queue, uncached"
(a different end date each time) and "event page" (1,000 events in turn, the clients taking turns so that no
event is asked for twice within 1,000 requests, more than the server remembers) are computed every time.

Baseline, measured in the same run: the same requests from one client. The table gives each latency and its ratio
to that one-client figure, which is comparable across machines where milliseconds are not.

Run: .venv/bin/python bench/bench_serve.py [--rows N] [--seconds S] [--clients 1,5,10,20] [--backend postgres].
Outputs go to bench/out/ (git-ignored; the 100k store is kept there and reused). With `--backend postgres` the
server runs on a copy of that store in a throwaway PostgreSQL cluster (scripts/pg_throwaway.py, as the tests use).
Prints numbers; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import import write_resampled_ged  # bench/ is not a package: found through sys.path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def _tacitus() -> list[str]:
    script = Path(sys.executable).with_name("tacitus")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tacitus.cli"]


def build_store(rows: int) -> tuple[Path, str]:
    """The bench store (built once, then reused) and a fresh reviewer token for it."""
    from tacitus.store import open_store
    from tacitus.store.users import add_user, get_user, new_token

    db = OUT / f"serve_{rows}.duckdb"
    if not db.exists():
        csv_path = write_resampled_ged(OUT / f"serve_ged_{rows}.csv", rows)
        partial = db.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        done = subprocess.run([*_tacitus(), "import", "ucdp-ged", str(csv_path), "--db", str(partial)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"import failed: {done.stderr.strip()}")
        partial.rename(db)
    with open_store(str(db)) as store:
        if get_user(store, "bench") is None:
            add_user(store, "bench", "reviewer", "bench pass phrase")
        return db, new_token(store, "bench")


def copy_to_postgres(db: Path, url: str) -> str:
    """The bench store's rows copied into the empty PostgreSQL database at `url` (its tables made by Tacitus)."""
    from tacitus.store import open_store
    from tacitus.store.connection import native

    with open_store(url) as store:
        con = store.con  # type: ignore[attr-defined]
        con.execute(f"ATTACH '{db}' AS bench (READ_ONLY)")
        tables = [t for (t,) in con.execute("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_catalog = 'bench' AND table_type = 'BASE TABLE'").fetchall()]
        con.execute("DELETE FROM meta")
        for table in tables:
            con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM bench."{table}"')
        native(con, "ANALYZE")
    return url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Client:
    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.headers = {"Authorization": f"Bearer {token}"}

    def send(self, method: str, path: str, body: object = None, etag: str | None = None) -> tuple[int, str | None]:
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if etag:
            headers["If-Match"] = etag
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
                return response.status, response.headers.get("etag")
        except urllib.error.HTTPError as error:
            error.read()
            return error.code, None


def run_clients(clients: int, seconds: float, work: Callable[[int], Callable[[], int]]) -> tuple[list[float], int]:
    """`clients` threads each repeat their request for `seconds`; (latencies in ms, non-2xx answers)."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def loop(number: int) -> None:
        nonlocal failures
        request = work(number)
        start.wait()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            began = time.perf_counter()
            status = request()
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                latencies.append(elapsed)
                failures += status >= 300

    threads = [threading.Thread(target=loop, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=8.0, help="Per measurement (kind x clients).")
    parser.add_argument("--clients", default="1,5,10,20")
    parser.add_argument("--backend", choices=("duckdb", "postgres"), default="duckdb")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    file, token = build_store(args.rows)
    with contextlib.ExitStack() as cleanup:
        db = str(file)
        if args.backend == "postgres":
            sys.path.insert(0, str(ROOT / "scripts"))
            from pg_throwaway import Cluster  # scripts/ is not a package either

            db = copy_to_postgres(file, cleanup.enter_context(Cluster()).create_database("bench"))
        measure(args, db, token)


def measure(args: argparse.Namespace, db: str, token: str) -> None:
    """Start the server on `db` and print the latency table."""
    port = free_port()
    log = (OUT / "bench_serve_server.log").open("wb")
    server = subprocess.Popen([*_tacitus(), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        client = Client(base, token)
        for _ in range(600):
            try:
                if client.send("GET", "/api/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        queue = "/api/events?status=unreviewed&limit=50"
        ids = [e["event_id"] for e in json.loads(urllib.request.urlopen(urllib.request.Request(
            base + "/api/events?status=all&limit=1000", headers=client.headers), timeout=120).read())["events"]]
        total = json.loads(urllib.request.urlopen(urllib.request.Request(
            base + queue, headers=client.headers), timeout=120).read())["total"]
        print(f"store: {db} ({total:,} unreviewed events); server pid {server.pid}; {args.seconds:.0f} s per cell")

        def queue_work(_n: int) -> Callable[[], int]:
            return lambda: client.send("GET", queue)[0]

        def filtered_work(_n: int) -> Callable[[], int]:
            return lambda: client.send("GET", queue + "&actor=TTP&start=2010&end=2014")[0]

        def fresh_work(n: int) -> Callable[[], int]:
            counter = iter(range(10**9))

            def fresh() -> int:  # a different last day each time: never a page the server remembers
                day = dt.date(2000, 1, 1) + dt.timedelta(days=(n * 7919 + next(counter)) % 8000)
                return client.send("GET", f"{queue}&end={day.isoformat()}")[0]

            return fresh

        def page_work(n: int) -> Callable[[], int]:
            # Client n takes events n, n + c, n + 2c, ... (c clients): no two requests ask for the same event
            # until all 1,000 have been asked for, more than the server remembers, so every page is computed.
            counter = iter(range(10**9))
            return lambda: client.send("GET", f"/events/{ids[(n + clients_now[0] * next(counter)) % len(ids)]}")[0]

        def patch_work(n: int) -> Callable[[], int]:
            event = ids[-1 - n]
            etag = [client.send("GET", f"/api/events/{event}")[1]]
            value = iter(range(10**9))

            def patch() -> int:
                status, new = client.send("PATCH", f"/api/events/{event}", etag=etag[0],
                                          body={"fields": {"wounded_best": next(value)}, "reason": "bench"})
                etag[0] = new or etag[0]
                return status

            return patch

        clients_now = [1]
        kinds = {"queue": queue_work, "queue, filtered": filtered_work, "queue, uncached": fresh_work,
                 "event page": page_work, "PATCH": patch_work}
        levels = [int(c) for c in args.clients.split(",")]
        print(f"{'request':<16} {'clients':>7} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p95/base':>9} {'req/s':>7}")
        for kind, work in kinds.items():
            base_p95 = None
            for clients in levels:
                clients_now[0] = clients
                latencies, failures = run_clients(clients, args.seconds, work)
                p50, p95 = statistics.median(latencies), percentile(latencies, 0.95)
                base_p95 = base_p95 or p95
                print(f"{kind:<16} {clients:>7} {len(latencies):>6} {p50:>8.1f} {p95:>8.1f} {p95 / base_p95:>9.1f}"
                      f" {len(latencies) / args.seconds:>7.1f}" + (f"  ({failures} failed)" if failures else ""))
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:  # never leave a server behind: the run must end by itself
            server.kill()
            server.wait()
        log.close()


if __name__ == "__main__":
    main()
