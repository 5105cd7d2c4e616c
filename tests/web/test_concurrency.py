"""Two reviewers race on one event with the same ETag: exactly one wins, the other is told (409), nothing is lost
silently, and the server log shows both attempts."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest


def race(server: Any, path: str, etag: str, values: dict[str, int], via: dict[str, Any] | None = None
         ) -> dict[str, Any]:
    """Each role PATCHes its value with the same ETag (through `server`, or its own in `via`), released together by
    a barrier; role → reply."""
    barrier = threading.Barrier(len(values))
    replies: dict[str, Any] = {}

    def patch(role: str, value: int) -> None:
        barrier.wait()
        replies[role] = (via or {}).get(role, server).as_role(role)(
            "PATCH", path, body={"fields": {"killed_best": value}, "reason": f"{role} recount"},
            headers={"If-Match": etag})

    threads = [threading.Thread(target=patch, args=(role, value)) for role, value in values.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return replies


def test_two_clients_one_etag(server: Any, events: dict[str, str]) -> None:
    path = f"/api/events/{events['peshawar']}"
    for round_number in range(5):
        etag = server.as_role("coder")("GET", path).headers["etag"]
        values = {"coder": 100 + round_number, "reviewer": 200 + round_number}
        replies = race(server, path, etag, values)
        statuses = sorted(reply.status for reply in replies.values())
        assert statuses == [200, 409], {role: (r.status, r.data) for role, r in replies.items()}
        winner = next(role for role, reply in replies.items() if reply.status == 200)
        loser = next(role for role in replies if role != winner)
        event = server.as_role("viewer")("GET", path)
        assert event.data["killed_best"] == values[winner]
        assert event.headers["etag"] == replies[winner].headers["etag"]
        assert replies[loser].data["version"] == event.data["version"]
        history = server.as_role("viewer")("GET", f"{path}/history").data["history"]
        assert history[-1]["user"] == winner and history[-1]["after"] == values[winner]
        assert not any(h["user"] == loser and h["after"] == values[loser] for h in history)

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            lines = [line for line in server.log.read_text().splitlines()
                     if f"PATCH {path} " in line and f"if-match={etag}" in line]
            if len(lines) == 2:
                break
            time.sleep(0.1)
        assert sorted((line.split("user=")[1].split()[0], line.split("-> ")[1].split()[0]) for line in lines) == \
            sorted([(winner, "200"), (loser, "409")])


def test_two_servers_on_one_postgres_store(server: Any, events: dict[str, str], backend: str,
                                           request: pytest.FixtureRequest) -> None:
    """Two server processes, two connections to PostgreSQL: the database, not a lock in one process, must let
    exactly one of two writers with the same ETag win, and each server must serve what the other wrote."""
    if backend != "postgres":
        pytest.skip("a DuckDB file is written by one process at a time")
    other = request.getfixturevalue("second_server")
    path = f"/api/events/{events['quetta']}"
    for round_number in range(4):
        # Both servers have read (and may remember) the event before the race.
        etag = server.as_role("viewer")("GET", path).headers["etag"]
        assert other.as_role("viewer")("GET", path).headers["etag"] == etag
        values = {"coder": 300 + round_number, "reviewer": 400 + round_number}
        replies = race(server, path, etag, values, via={"reviewer": other})
        assert sorted(r.status for r in replies.values()) == [200, 409], {k: r.data for k, r in replies.items()}
        winner = next(role for role, reply in replies.items() if reply.status == 200)
        for via in (server, other):
            seen = via.as_role("viewer")("GET", path)
            assert seen.data["killed_best"] == values[winner]
            assert seen.headers["etag"] == replies[winner].headers["etag"]
