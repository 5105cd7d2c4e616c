"""Errors users see. Bad input must read as one line naming file, line and field, never as a traceback."""

from __future__ import annotations

import errno


class TacitusError(Exception):
    """Base for errors the CLI reports as a single line with a non-zero exit."""


class InputError(TacitusError):
    """Bad input: a file, the line in it (1-based, physical), and the field where things went wrong."""

    def __init__(self, path: str, message: str, line: int | None = None, field: str | None = None) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f" field {self.field!r}:" if self.field else ""
        return f"{where}:{what} {self.message}"


class StoreError(TacitusError):
    """The store cannot be opened or is of a newer schema than this version of Tacitus understands."""


class WriteConflict(StoreError):
    """Another writer changed the same rows during this transaction (PostgreSQL): nothing was written."""

    def __init__(self) -> None:
        super().__init__("another writer changed the same rows at the same time; nothing was written, try again")


# Phrases DuckDB uses when a store file is truncated, overwritten or not a database at all. They arrive as
# IOException, SerializationException or plain duckdb.Error depending on where the read failed, so the message is
# the only reliable sign.
_DAMAGED_STORE = (
    "corrupt database file",
    "could not read enough bytes",
    "not a valid duckdb database file",
    "failed to deserialize",
)
_NO_SPACE = "no space left on device"


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and everything it was raised from or during, oldest cause last (a failed ROLLBACK after a
    full disk hides the disk error in its context)."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def explain(exc: BaseException) -> tuple[str, bool]:
    """One line saying what failed, where, and what to do; and whether the failure is a known one.

    Known failures are the user's to fix (bad input, a full disk, a damaged store, a path that cannot be written);
    anything else is a bug in Tacitus, reported in one line with a pointer to `--debug` for the traceback.
    """
    chain = _chain(exc)
    for item in chain:
        if (isinstance(item, OSError) and item.errno == errno.ENOSPC) or _NO_SPACE in str(item).lower():
            where = f" writing {item.filename}" if isinstance(item, OSError) and item.filename else ""
            return (
                f"no space left on device{where}: free some space and run again "
                "(the store was left as it was before this command)",
                True,
            )
    if isinstance(exc, TacitusError):
        return _first_line(exc), True
    text = str(exc).lower()
    if type(exc).__module__.split(".")[0] in ("duckdb", "_duckdb") and any(p in text for p in _DAMAGED_STORE):
        return (
            f"the store file is damaged or truncated ({_first_line(exc)}): restore it from a backup, "
            "then check it with `tacitus doctor`",
            True,
        )
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        reason = (exc.strerror or _first_line(exc)).lower()
        return f"{where}{reason}", True
    if isinstance(exc, ValueError):
        return _first_line(exc), True
    return f"unexpected {type(exc).__name__}: {_first_line(exc)} (run with --debug for the traceback)", False
