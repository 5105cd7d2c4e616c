"""Errors users see. Bad input must read as one line naming file, line and field, never as a traceback."""

from __future__ import annotations


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
