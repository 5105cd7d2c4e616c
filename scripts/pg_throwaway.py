"""A throwaway PostgreSQL cluster on a Unix socket, for the tests and benchmarks of the PostgreSQL store.

No system service and no root-owned state: `initdb` into a temporary directory (trust authentication, a superuser
named `tacitus`), `pg_ctl start` listening only on a socket in that directory, `pg_ctl stop` and the directory
removed at the end. Run as root (as CI does), the server runs as the `postgres` system user, since PostgreSQL
refuses to run as root. The binaries are found under /usr/lib/postgresql/*/bin (Debian's layout) or on PATH.

    python scripts/pg_throwaway.py   # starts a cluster, prints a database URL, stops on Ctrl-C
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

SUPERUSER = "tacitus"


def postgres_bin() -> Path | None:
    """The directory holding initdb and pg_ctl (the newest Debian version first), or None when not installed."""
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name)
                            if p.parent.name.isdigit() else 0, reverse=True):
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb and shutil.which("pg_ctl") else None


class Cluster:
    """One temporary cluster; `url(name)` after `create_database(name)` is what `--db` takes."""

    def __init__(self) -> None:
        found = postgres_bin()
        if found is None:
            raise FileNotFoundError("PostgreSQL is not installed (no initdb or pg_ctl in /usr/lib/postgresql or PATH)")
        self.bin = found
        self.dir = Path(tempfile.mkdtemp(prefix="tacitus-pg-"))
        self.data = self.dir / "data"
        self.socket = self.dir  # short: a socket path must stay under ~100 characters
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self._as, *args], capture_output=True, text=True, check=False)
        if result.returncode:
            raise RuntimeError(f"{Path(args[0]).name} failed: {(result.stderr or result.stdout).strip()}")

    def start(self) -> Cluster:
        if self._as:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8",
                  "--no-sync", "--locale=C")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "log"), "-w", "-s",
                  "-o", f"-k {self.socket} -c listen_addresses='' -c fsync=off -c max_connections=100", "start")
        return self

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database, empty or a copy of the database `template` (a name; nobody may be connected to it);
        returns its URL."""
        copy = ["-T", template] if template else []
        self._run(str(self.bin / "createdb"), "-h", str(self.socket), "-U", SUPERUSER, *copy, name)
        return self.url(name)

    def url(self, name: str) -> str:
        return f"postgresql://{SUPERUSER}@/{name}?host={self.socket}"

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run([*self._as, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-s", "stop"],
                           capture_output=True, check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


if __name__ == "__main__":
    with Cluster() as cluster:
        print(cluster.create_database("tacitus"), flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
