"""Where output goes: a file written atomically, or standard output when the path is `-`.

An interrupted write never leaves half a file where a previous good one stood: text is written to a temporary
file beside the target and renamed into place only when writing succeeded.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

STDOUT = "-"


@contextmanager
def write_atomically(path: str, mode: str = "w") -> Iterator[IO[Any]]:
    """Write to a temporary file beside `path` and rename it into place only when writing succeeded."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(f"{path}: is a directory; give a file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    # mkstemp makes the file owner-only; outputs are ordinary files, so give them the usual umask-based mode.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        handle: IO[Any] = (
            os.fdopen(fd, mode) if "b" in mode else os.fdopen(fd, mode, encoding="utf-8", newline="")
        )
        with handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def open_output(path: str, binary: bool = False) -> Iterator[IO[Any]]:
    """A handle on `path`, or on standard output for `-` (text only: binary formats need a file)."""
    if path == STDOUT:
        if binary:
            raise ValueError("-o -: this format is binary; give a file name")
        try:
            yield sys.stdout
            sys.stdout.flush()
        except BrokenPipeError:  # the reader stopped early (`| head`): its choice, not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(0) from None
        return
    with write_atomically(path, "wb" if binary else "w") as handle:
        yield handle
