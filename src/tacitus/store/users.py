"""Workbench users, roles, browser sessions and API tokens, kept in the store beside the events they review.

Passwords are hashed with argon2 (argon2-cffi, memory-hard, salted): a stolen store does not give them away.
Session ids and API tokens are 32 random bytes, stored only as their SHA-256: they cannot be guessed, so a slow
hash would add nothing but latency to every request, and the store never holds a usable credential.
Everything goes through `Store.execute`/`Store.transaction` in SQL both backends accept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tacitus.errors import TacitusError
from tacitus.store.base import Store

ROLES: Final = ("viewer", "coder", "reviewer", "admin")
"""Each role may do what the ones before it may, and more (docs/workbench.md, "Roles")."""

ROLE_ACTIONS: Final[dict[str, str]] = {
    "read": "viewer",  # see the queue, events, claims, history
    "edit": "coder",  # correct fields
    "review": "reviewer",  # accept/reject, merge, split, mark links wrong
    "admin": "admin",  # manage users
}
SESSION_HOURS: Final = 12
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_HASHER = PasswordHasher()


class UserError(TacitusError):
    """A user cannot be added or found (bad name, unknown role, duplicate, empty password)."""


@dataclass(frozen=True)
class User:
    name: str
    role: str

    def may(self, action: str) -> bool:
        """Whether this user's role reaches the one `action` needs (see ROLE_ACTIONS)."""
        return ROLES.index(self.role) >= ROLES.index(ROLE_ACTIONS[action])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def add_user(store: Store, name: str, role: str, password: str) -> User:
    """Create a user with a hashed password; refuses bad names, unknown roles, duplicates and empty passwords."""
    if not _NAME.match(name):
        raise UserError(f"user name {name!r}: use 1-64 letters, digits, '.', '_', '@' or '-'")
    if role not in ROLES:
        raise UserError(f"role {role!r}: must be one of {', '.join(ROLES)}")
    if not password:
        raise UserError("password: empty (give it on standard input)")
    with store.transaction():
        if store.execute("SELECT name FROM users WHERE name = ?", [name]):
            raise UserError(f"user {name!r} already exists")
        store.execute(
            "INSERT INTO users (name, role, password_hash, created_at, disabled) VALUES (?, ?, ?, ?, ?)",
            [name, role, _HASHER.hash(password), _now(), False],
        )
    return User(name, role)


def get_user(store: Store, name: str) -> User | None:
    rows = store.execute("SELECT name, role FROM users WHERE name = ? AND NOT disabled", [name])
    return User(rows[0][0], rows[0][1]) if rows else None


def list_users(store: Store) -> list[User]:
    return [User(n, r) for n, r in store.execute("SELECT name, role FROM users WHERE NOT disabled ORDER BY name")]


def check_password(store: Store, name: str, password: str) -> User | None:
    """The user if `password` is theirs; None otherwise (unknown users cost a hash too, so timing tells nothing)."""
    rows = store.execute("SELECT name, role, password_hash FROM users WHERE name = ? AND NOT disabled", [name])
    stored = rows[0][2] if rows and rows[0][2] else _HASHER.hash("no such user")
    try:
        _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(rows[0][0], rows[0][1]) if rows else None


def new_token(store: Store, name: str) -> str:
    """A new API token for `name`; only its hash is stored, so this is the one time it can be shown."""
    if get_user(store, name) is None:
        raise UserError(f"no user {name!r}")
    token = "tac_" + secrets.token_urlsafe(32)
    with store.transaction():
        store.execute("INSERT INTO api_tokens (token_hash, user_name, created_at) VALUES (?, ?, ?)",
                      [_digest(token), name, _now()])
    return token


def token_user(store: Store, token: str) -> User | None:
    rows = store.execute(
        """SELECT u.name, u.role FROM api_tokens t JOIN users u ON u.name = t.user_name
           WHERE t.token_hash = ? AND NOT u.disabled""",
        [_digest(token)],
    )
    return User(rows[0][0], rows[0][1]) if rows else None


def new_session(store: Store, user: User) -> tuple[str, str]:
    """Start a browser session: (session id for the cookie, CSRF token for the session's forms)."""
    session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = _now()
    with store.transaction():
        store.execute("DELETE FROM sessions WHERE expires_at < ?", [now])
        store.execute(
            "INSERT INTO sessions (session_hash, user_name, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            [_digest(session_id), user.name, csrf, now, now + dt.timedelta(hours=SESSION_HOURS)],
        )
    return session_id, csrf


def session_user(store: Store, session_id: str) -> tuple[User, str] | None:
    """The user and CSRF token of a live session, or None when it is unknown or expired."""
    rows = store.execute(
        """SELECT u.name, u.role, s.csrf_token FROM sessions s JOIN users u ON u.name = s.user_name
           WHERE s.session_hash = ? AND s.expires_at > ? AND NOT u.disabled""",
        [_digest(session_id), _now()],
    )
    return (User(rows[0][0], rows[0][1]), rows[0][2]) if rows else None


def end_session(store: Store, session_id: str) -> None:
    with store.transaction():
        store.execute("DELETE FROM sessions WHERE session_hash = ?", [_digest(session_id)])
