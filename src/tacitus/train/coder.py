"""A trained coder on disk: one spaCy text classifier per learned field, and a meta file saying what it is.

    MODEL_DIR/tacitus-coder.json   version, what it was trained on, thresholds of the combining rule, CV scores
    MODEL_DIR/<field>/             a spaCy pipeline (blank English + textcat) per learned field

The version is derived from the saved weights ("coder-" + 12 hex digits of their sha256): the same training
data, settings and seed give the same version, and any change to the weights gives a new one.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from spacy.language import Language

from tacitus.errors import InputError
from tacitus.train import textcat
from tacitus.train.combine import Thresholds

META_FILE: Final = "tacitus-coder.json"
FORMAT: Final = 1


@dataclass
class Head:
    """One learned field: its classifier and the thresholds of the combining rule."""

    field: str
    nlp: Language
    thresholds: Thresholds


def is_coder_dir(path: str | Path) -> bool:
    return (Path(path) / META_FILE).is_file()


def _weights_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(p for p in root.rglob("*") if p.is_file() and p.name != META_FILE):
        digest.update(file.relative_to(root).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def save_coder(path: str | Path, heads: Sequence[Head], meta: dict[str, Any]) -> str:
    """Write the coder to `path` (replacing an older coder there, never other files) and return its version."""
    target = Path(path)
    if target.exists() and not (target.is_dir() and (is_coder_dir(target) or not any(target.iterdir()))):
        raise InputError(str(target), "exists and is not a Tacitus coder directory; choose another -o")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".coder-", dir=target.parent))
    try:
        for head in heads:
            textcat.save(head.nlp, staging / head.field)
        version = "coder-" + _weights_digest(staging)[:12]
        meta = {"format": FORMAT, "model_version": version, **meta}
        meta["fields"] = {
            h.field: {
                **meta.get("fields", {}).get(h.field, {}),
                "labels": list(h.nlp.get_pipe("textcat").labels),  # type: ignore[attr-defined]
                "fill_threshold": h.thresholds.fill,
                "override_threshold": h.thresholds.override,
            }
            for h in heads
        }
        (staging / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return version


class Coder:
    """A loaded coder: `predict` gives each field's most probable label and its probability."""

    def __init__(self, path: str | Path) -> None:
        root = Path(path)
        meta_path = root / META_FILE
        try:
            self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(str(meta_path), f"cannot read the coder's meta file ({exc})") from None
        if self.meta.get("format") != FORMAT:
            raise InputError(
                str(meta_path), f"coder format {self.meta.get('format')!r} is not {FORMAT}", field="format"
            )
        self.heads: list[Head] = []
        for name, spec in self.meta.get("fields", {}).items():
            try:
                nlp = textcat.load(root / name)
            except (OSError, ValueError) as exc:
                raise InputError(str(root / name), f"cannot load the classifier ({exc})") from None
            self.heads.append(Head(name, nlp, Thresholds(spec["fill_threshold"], spec["override_threshold"])))

    @property
    def version(self) -> str:
        return str(self.meta["model_version"])

    def predict(self, texts: Sequence[str]) -> list[dict[str, tuple[str, float]]]:
        out: list[dict[str, tuple[str, float]]] = [{} for _ in texts]
        for head in self.heads:
            for row, guess in zip(out, textcat.predict(head.nlp, texts), strict=True):
                row[head.field] = guess
        return out
