"""Fixtures for the workbench: a real store (a DuckDB file, and a PostgreSQL database) written in our own words,
real users made by the real `tacitus users` command, and the real `tacitus serve` process on a free port of
127.0.0.1.

The store holds a handful of events: one in Bannu told by a report and by a dataset row that disagree on the
toll (so it tops the review queue), and others in Karachi, Quetta and Peshawar. The Bannu report contains a
<script> element, which every page must show as text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tacitus.model import Claim, Record
from tacitus.store import Document, open_store

ROLES = ("viewer", "coder", "reviewer", "admin")
PASSWORD = "correct horse battery staple"

BANNU_TEXT = (
    "Militants opened fire on a police patrol in Bannu on 3 May 2015, killing 7 officers and injuring 4 others. "
    "A note found at the scene read <script>alert('x')</script> and Tehrik-i-Taliban Pakistan later said it "
    "had carried out the attack."
)
BANNU = {"date": dt.date(2015, 5, 3), "date_precision": "day", "country": "Pakistan", "country_code": "PAK",
         "admin1": "Khyber Pakhtunkhwa", "admin2": "Bannu", "place": "Bannu", "latitude": 32.99,
         "longitude": 70.6, "geo_precision": 2, "event_type": "Battles", "attack_type": "armed_assault",
         "target_type": "police", "perpetrator": "TTP", "claimed": True}


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _report() -> tuple[Record, Document]:
    values = {**BANNU, "killed_low": 7, "killed_best": 7, "killed_high": 7, "wounded_best": 4}
    evidence = {"date": "3 May 2015", "place": "Bannu", "admin2": "Bannu", "killed_low": "killing 7 officers",
                "killed_best": "killing 7 officers", "killed_high": "killing 7 officers",
                "wounded_best": "injuring 4 others", "perpetrator": "Tehrik-i-Taliban Pakistan",
                "claimed": "said it had carried out the attack", "target_type": "police patrol"}
    claims = []
    for name, words in evidence.items():
        start, end = _span(BANNU_TEXT, words)
        claims.append(Claim(name, values[name], "document", "d-bannu", start=start, end=end, quote=words,
                            confidence=0.9, reported_at="2015-05-04"))
    record = Record("report", "d-bannu#1", values, claims, doc_id="d-bannu")
    document = Document("d-bannu", BANNU_TEXT, source="fixture-wire", title="Patrol attacked in Bannu",
                        published=dt.date(2015, 5, 4))
    return record, document


def _row(record_id: str, **values: Any) -> Record:
    claims = [Claim(name, value, "dataset", f"synthetic:{record_id}", column=name, quote=str(value))
              for name, value in values.items() if name in ("killed_best", "place", "perpetrator")]
    return Record("synthetic", record_id, values, claims)


def build_store(path: str) -> dict[str, str]:
    """Write the fixture store; returns the names of its events (bannu, karachi, quetta, peshawar) → ids."""
    report, document = _report()
    bannu_row = _row("b1", **{**BANNU, "killed_best": 9, "claimed": None})
    others = {
        "karachi": _row("k1", date=dt.date(2014, 6, 8), admin1="Sindh", admin2="Karachi", place="Karachi",
                        latitude=24.86, longitude=67.0, perpetrator="Lashkar-e-Jhangvi", killed_best=3,
                        event_type="Violence against civilians"),
        "quetta": _row("q1", date=dt.date(2016, 8, 8), admin1="Balochistan", admin2="Quetta", place="Quetta",
                       latitude=30.18, longitude=66.99, perpetrator="Unknown", killed_best=70,
                       event_type="Explosions/Remote violence"),
        "peshawar": _row("p1", date=dt.date(2013, 9, 22), admin1="Khyber Pakhtunkhwa", admin2="Peshawar",
                         place="Peshawar", latitude=34.0, longitude=71.57, perpetrator="TTP", killed_best=80,
                         event_type="Explosions/Remote violence"),
    }
    with open_store(str(path)) as store:
        store.add_records([report], dataset="report", documents=[document])
        store.add_records([bannu_row, *others.values()], dataset="synthetic")
        # The dataset row and the report tell one event: put the row into the report's event.
        store.assign({bannu_row.record_key: report.event_id}, weights={bannu_row.record_key: 0.5},
                     reasons={bannu_row.record_key: None})
    return {"bannu": report.event_id, **{name: record.event_id for name, record in others.items()}}


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    data: Any
    cookies: list[str] = field(default_factory=list)  # every Set-Cookie header, in order


@dataclass
class Server:
    """A running `tacitus serve` and a small HTTP client for it (urllib: no client library to trust)."""

    argv: list[str]
    db: str  # a DuckDB file or a postgresql:// URL
    log: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.port = free_port()
        handle = self.log.open("ab")
        self.process = subprocess.Popen(
            [*self.argv, "serve", "--db", str(self.db), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=handle, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited: {self.log.read_text()}")
            try:
                if self.request("GET", "/api/health").status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("server did not answer within 60 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def request(self, method: str, path: str, token: str | None = None, body: Any = None,
                headers: dict[str, str] | None = None, form: dict[str, str] | None = None) -> Reply:
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            sent.setdefault("Content-Type", "application/json")
        if form is not None:
            data = urllib.parse.urlencode(form).encode("utf-8")
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=sent)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                status, raw, got = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, raw, got = error.code, error.read(), error.headers
        text = raw.decode("utf-8")
        is_json = got.get("content-type", "").startswith("application/json")
        return Reply(status, {k.lower(): v for k, v in got.items()}, json.loads(text) if is_json else text,
                     got.get_all("set-cookie") or [])

    def log_in(self, name: str, password: str = PASSWORD) -> Reply:
        """Fill in the login form like a browser: fetch it (CSRF token and its cookie), then post it."""
        form = self.request("GET", "/login")
        token = re.search(r'name="csrf" value="([^"]+)"', form.data)
        assert token, form.data
        cookie = form.cookies[0].split(";")[0]
        return self.request("POST", "/login", headers={"Cookie": cookie},
                            form={"csrf": token.group(1), "name": name, "password": password, "next": "/"})

    def as_role(self, role: str) -> Callable[..., Reply]:
        def call(method: str, path: str, **kwargs: Any) -> Reply:
            return self.request(method, path, token=self.tokens[role], **kwargs)

        return call


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def add_users(argv: list[str], db: str) -> dict[str, str]:
    """One user per role, named after it; returns role → API token.

    The reviewer is made by the real `tacitus users add` / `users token` commands (the token is the last line
    printed); the others through the library, which is the same code without three more process start-ups.
    """
    from tacitus.store.users import add_user, new_token

    done = subprocess.run([*argv, "users", "add", "reviewer", "--role", "reviewer", "--password-stdin", "--db",
                           str(db)], input=PASSWORD + "\n", capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([*argv, "users", "token", "reviewer", "--db", str(db)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    tokens = {"reviewer": done.stdout.strip().splitlines()[-1]}
    with open_store(str(db)) as store:
        for role in ROLES:
            if role != "reviewer":
                add_user(store, role, role, PASSWORD)
                tokens[role] = new_token(store, role)
    return tokens


@pytest.fixture(scope="session")
def template_store(new_store: Callable[..., str], tacitus_argv: list[str]
                   ) -> tuple[str, dict[str, str], dict[str, str]]:
    """The fixture store with one user per role, built once per backend: (store, event ids, role → token). Copy it
    (`new_store(copy_of=…)`) to write."""
    db = new_store()
    events = build_store(db)
    return db, events, add_users(tacitus_argv, db)


@pytest.fixture(scope="module")
def events_and_server(tmp_path_factory: pytest.TempPathFactory, tacitus_argv: list[str], new_store: Callable[..., str],
                      template_store: tuple[str, dict[str, str], dict[str, str]]
                      ) -> Iterator[tuple[dict[str, str], Server]]:
    """A fresh copy of the store, and the server running on it (one per test module)."""
    template, events, tokens = template_store
    folder = tmp_path_factory.mktemp("workbench")
    server = Server(tacitus_argv, new_store(copy_of=template), folder / "server.log", tokens=tokens)
    server.start()
    yield events, server
    server.stop()


@pytest.fixture(scope="module")
def server(events_and_server: tuple[dict[str, str], Server]) -> Server:
    return events_and_server[1]


@pytest.fixture(scope="module")
def events(events_and_server: tuple[dict[str, str], Server]) -> dict[str, str]:
    return events_and_server[0]


@pytest.fixture
def second_server(server: Server, tmp_path: Path) -> Iterator[Server]:
    """Another `tacitus serve` on the same store, as a team runs on PostgreSQL (a DuckDB file takes only one)."""
    other = Server(server.argv, server.db, tmp_path / "second.log", tokens=server.tokens)
    other.start()
    yield other
    other.stop()
