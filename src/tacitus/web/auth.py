"""Who is asking: bearer tokens for scripts, session cookies for browsers, CSRF for the latter, login throttling.

A browser's session cookie is HttpOnly and SameSite=Strict; every state-changing request that a cookie
authenticates must also carry the session's CSRF token (a form field, or the X-CSRF-Token header for the
pages' API calls), so another site cannot make a logged-in reviewer's browser change events. Bearer tokens are
not sent by browsers on their own, so token requests need no CSRF token.
"""

from __future__ import annotations

import hmac
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from starlette.requests import Request

from tacitus.store.base import Store
from tacitus.store.users import User, session_user, token_user

SESSION_COOKIE: Final = "tacitus_session"
LOGIN_CSRF_COOKIE: Final = "tacitus_login_csrf"
MAX_FAILURES: Final = 5
FAILURE_WINDOW_S: Final = 600.0
CREDENTIAL_MEMORY_S: Final = 60
"""How long a server may remember who a token or session belongs to without asking the store again."""
Remember = Callable[[tuple[Any, ...], Callable[[], Any]], Any]


@dataclass(frozen=True)
class Auth:
    user: User
    via: str  # "token" | "session"
    csrf: str | None = None  # the session's CSRF token (sessions only)

    def csrf_ok(self, given: str | None) -> bool:
        """Token requests need none; session requests must echo the session's token."""
        if self.via == "token":
            return True
        return bool(given) and self.csrf is not None and hmac.compare_digest(self.csrf, given or "")


def _ask(store: Store, remember: Remember | None, kind: str, secret: str, look_up: Callable[[Store, str], Any]) -> Any:
    """The store's answer for a credential, through the server's read memory when given.

    A store look-up costs a query on every request, which at twenty clients is a good part of a cached page. The
    key carries the current minute, so a remembered answer lives at most CREDENTIAL_MEMORY_S seconds (an expired
    session or a disabled user stops working within that time) and every write through the server forgets it.
    """
    if remember is None:
        return look_up(store, secret)
    window = int(time.monotonic() // CREDENTIAL_MEMORY_S)
    return remember(("credential", kind, secret, window), lambda: look_up(store, secret))


def authenticate(store: Store, request: Request, remember: Remember | None = None) -> Auth | None:
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        user = _ask(store, remember, "token", token.strip(), token_user)
        return Auth(user, "token") if user else None
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        found = _ask(store, remember, "session", session_id, session_user)
        if found:
            return Auth(found[0], "session", found[1])
    return None


class LoginThrottle:
    """At most MAX_FAILURES failed logins per (client address, user name) in FAILURE_WINDOW_S seconds.

    Kept in memory: a restart forgets it, which costs an attacker a restart per five guesses — acceptable for a
    workbench behind a team's own server; a success clears the count.
    """

    def __init__(self) -> None:
        self._failures: dict[tuple[str, str], deque[float]] = {}

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] < time.monotonic() - FAILURE_WINDOW_S:
            times.popleft()
        return times

    def blocked(self, client: str, name: str) -> bool:
        return len(self._recent((client, name.lower()))) >= MAX_FAILURES

    def failed(self, client: str, name: str) -> None:
        self._recent((client, name.lower())).append(time.monotonic())

    def succeeded(self, client: str, name: str) -> None:
        self._failures.pop((client, name.lower()), None)
