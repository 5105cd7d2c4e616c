"""Shared material for the training tests: the development snippets split in two, and a coder trained on one half.

Only bench/labels/acled_snippets_dev.jsonl is read (own-words texts); the locked half is never opened here.
Sizes are small (146 examples, 2 folds, 3 epochs) so that the round trip stays in `make test`.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "bench" / "labels" / "acled_snippets_dev.jsonl"


def dev_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The dev set split in two by alternate lines: (training half, evaluation half) as JSONL files."""
    folder = tmp_path_factory.mktemp("halves")
    rows = dev_rows()
    paths = folder / "train.jsonl", folder / "evaluate.jsonl"
    for path, part in zip(paths, (rows[0::2], rows[1::2]), strict=True):
        path.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
    return paths


@pytest.fixture(scope="session")
def trained(
    halves: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory, tacitus_cli: Callable[..., Any]
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`tacitus train` on the training half through the real CLI: (model directory, the finished process)."""
    model = tmp_path_factory.mktemp("coder") / "model"
    done = tacitus_cli("train", "--from", halves[0], "-o", model, "--folds", "2", "--epochs", "3", "--seed", "7")
    assert done.returncode == 0, done.stderr
    return model, done
