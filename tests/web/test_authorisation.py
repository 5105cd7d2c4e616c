"""Every route against every role (and no login): the authorisation matrix of issue 9.

Writes are sent with a stale If-Match, so a role that may make them gets 409 (past the role check, nothing
changed) and one that may not gets 403; the users route is sent an invalid role (422) for the same reason.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

READ, EDIT, REVIEW, ADMIN = "read", "edit", "review", "admin"
ALLOWED = {"viewer": {READ}, "coder": {READ, EDIT}, "reviewer": {READ, EDIT, REVIEW},
           "admin": {READ, EDIT, REVIEW, ADMIN}}
STALE = {"If-Match": '"0"'}


def routes(events: dict[str, str]) -> list[tuple[str, str, str, Any, dict[str, str], int]]:
    """(action needed, method, path, body, headers, status when allowed)."""
    event = f"/api/events/{events['peshawar']}"
    return [
        (READ, "GET", "/api/events?limit=5", None, {}, 200),
        (READ, "GET", event, None, {}, 200),
        (READ, "GET", f"{event}/history", None, {}, 200),
        (READ, "GET", f"/events/{events['peshawar']}", None, {}, 200),
        (READ, "GET", "/?status=all", None, {}, 200),
        (READ, "GET", "/boundaries.geojson", None, {}, 200),
        (EDIT, "PATCH", event, {"fields": {"killed_best": 1}, "reason": "r"}, STALE, 409),
        (REVIEW, "POST", f"{event}/review", {"status": "accepted"}, STALE, 409),
        (REVIEW, "POST", f"{event}/merge", {"other": events["quetta"], "reason": "r"}, STALE, 409),
        (REVIEW, "POST", f"{event}/split", {"records": ["synthetic:p1"], "reason": "r"}, STALE, 409),
        (REVIEW, "POST", f"{event}/wrong-link", {"record_key": "synthetic:p1", "reason": "r"}, STALE, 409),
        (REVIEW, "GET", "/api/stats/reviewers", None, {}, 200),
        (REVIEW, "GET", "/api/stats/agreement", None, {}, 200),
        (REVIEW, "GET", "/stats", None, {}, 200),
        # Double coding: drawing with a viewer among the coders is refused (422) once past the role check.
        (REVIEW, "POST", "/api/coding/samples", {"coders": ["viewer", "coder"], "size": 1, "seed": 1}, {}, 422),
        (REVIEW, "GET", "/api/coding/samples", None, {}, 200),
        (REVIEW, "GET", "/api/coding/samples/nosuch", None, {}, 404),
        (EDIT, "GET", "/api/coding/assignments", None, {}, 200),
        (EDIT, "GET", "/api/coding/samples/nosuch/events/x", None, {}, 404),
        (EDIT, "PUT", "/api/coding/samples/nosuch/events/x", {"values": {}}, {}, 404),
        (REVIEW, "GET", "/api/coding/samples/nosuch/events/x/comparison", None, {}, 404),
        (REVIEW, "POST", "/api/coding/samples/nosuch/events/x/adjudicate", {"values": {}}, STALE, 404),
        (EDIT, "GET", "/coding", None, {}, 200),
        (REVIEW, "POST", "/coding/samples", None, {}, 422),
        (REVIEW, "GET", "/coding/nosuch", None, {}, 404),
        (EDIT, "GET", "/coding/nosuch/x", None, {}, 404),
        (EDIT, "POST", "/coding/nosuch/x", None, {}, 404),
        (REVIEW, "GET", "/coding/nosuch/x/adjudicate", None, {}, 404),
        (REVIEW, "POST", "/coding/nosuch/x/adjudicate", None, {}, 404),
        (ADMIN, "GET", "/api/users", None, {}, 200),
        (ADMIN, "POST", "/api/users", {"name": "x", "role": "nobody", "password": "p"}, {}, 422),
    ]


@pytest.mark.parametrize("role", ["viewer", "coder", "reviewer", "admin"])
def test_each_role_on_each_route(server: Any, events: dict[str, str], role: str) -> None:
    for action, method, path, body, headers, allowed_status in routes(events):
        reply = server.as_role(role)(method, path, body=body, headers=headers)
        expected = allowed_status if action in ALLOWED[role] else 403
        assert reply.status == expected, (role, method, path, reply.data)


def test_no_login_on_each_route(server: Any, events: dict[str, str]) -> None:
    for _action, method, path, body, headers, _status in routes(events):
        reply = server.request(method, path, body=body, headers=headers)
        if path.startswith("/api/") or path.endswith(".geojson"):
            assert reply.status == 401, (method, path)
            assert reply.headers["www-authenticate"] == "Bearer"
        else:  # pages send a browser to the login form
            assert reply.status == 303, (method, path)
            assert reply.headers["location"].startswith("/login?next=")
    assert server.request("GET", "/api/health").status == 200


def test_session_writes_need_the_csrf_token(server: Any, events: dict[str, str]) -> None:
    """A logged-in browser's cookie alone cannot change anything: the session's CSRF token must come too."""
    login = server.log_in("coder")
    assert login.status == 303
    session_cookie = next(c for c in login.cookies if c.startswith("tacitus_session="))
    assert "HttpOnly" in session_cookie and "samesite=strict" in session_cookie.lower()
    session = session_cookie.split(";")[0]
    path = f"/api/events/{events['peshawar']}"
    page = server.request("GET", f"/events/{events['peshawar']}", headers={"Cookie": session})
    csrf = re.search(r'<meta name="csrf-token" content="([^"]+)">', page.data).group(1)
    body = {"fields": {"killed_best": 1}, "reason": "r"}
    without = server.request("PATCH", path, body=body, headers={"Cookie": session, "If-Match": '"0"'})
    assert without.status == 403 and "CSRF" in without.data["error"]
    wrong = server.request("PATCH", path, body=body,
                           headers={"Cookie": session, "If-Match": '"0"', "X-CSRF-Token": csrf + "x"})
    assert wrong.status == 403
    right = server.request("PATCH", path, body=body,
                           headers={"Cookie": session, "If-Match": '"0"', "X-CSRF-Token": csrf})
    assert right.status == 409  # past the CSRF check; the stale version stops it
    # The login form itself refuses a post without its token.
    assert server.request("POST", "/login", form={"name": "coder", "password": "x"}).status == 403


def test_failed_logins_are_throttled(server: Any) -> None:
    statuses = [server.log_in("viewer", "wrong").status for _ in range(7)]
    assert statuses == [401] * 5 + [429] * 2
    assert server.log_in("admin").status == 303  # another user is not locked out
