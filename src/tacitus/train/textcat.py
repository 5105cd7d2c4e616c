"""One learned field as a spaCy text classifier: exclusive classes, bag-of-words + CNN ensemble, on CPU.

The architecture is spaCy's `TextCatEnsemble.v2` (a `TextCatBOW.v3` linear model over hashed unigrams and bigrams
beside a small hashed-embedding CNN) on a blank English pipeline: no vectors, no download, seconds per
thousand short texts on one core. Labels are the codebook's own values ("Peaceful protest", "police").
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import spacy
from spacy.language import Language
from spacy.training import Example as SpacyExample
from spacy.util import minibatch
from thinc.api import Adam

_COMPONENT: Final = "textcat"
# Adam at five times spaCy's default rate: on a few hundred examples the default barely moves off uniform
# probabilities in ten epochs (measured on bench/labels/acled_snippets_dev.jsonl halves: accuracy 0.09 → 0.29).
LEARN_RATE: Final = 0.005
BATCH_SIZE: Final = 16
_INIT_SAMPLE: Final = 1000  # examples shown to `initialize` (labels are added beforehand, so any sample will do)
ARCHITECTURE: Final[dict[str, Any]] = {
    "@architectures": "spacy.TextCatEnsemble.v2",
    "nO": None,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": 64,
            "rows": [2000, 2000, 500, 1000, 500],
            "attrs": ["NORM", "LOWER", "PREFIX", "SUFFIX", "SHAPE"],
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": 64,
            "window_size": 1,
            "maxout_pieces": 3,
            "depth": 2,
        },
    },
    "linear_model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 65536,
        "nO": None,
    },
}


def train_classifier(
    texts: Sequence[str], labels: Sequence[str], *, epochs: int, seed: int, dropout: float = 0.2
) -> Language:
    """A pipeline whose `doc.cats` gives a probability per label (summing to 1), trained on (text, label) pairs.

    Docs are made per batch rather than all at once: tokenising again each epoch costs little beside the
    update, and holding 50,000 training Docs took more memory than the model itself."""
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat: Any = nlp.add_pipe(_COMPONENT, config={"model": ARCHITECTURE})
    classes = sorted(set(labels))
    for label in classes:
        textcat.add_label(label)

    def examples(pairs: Sequence[tuple[str, str]]) -> list[SpacyExample]:
        return [
            SpacyExample.from_dict(nlp.make_doc(text), {"cats": {c: float(c == label) for c in classes}})
            for text, label in pairs
        ]

    pairs = list(zip(texts, labels, strict=True))
    nlp.initialize(lambda: examples(pairs[:_INIT_SAMPLE]))
    optimizer = Adam(LEARN_RATE)
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(pairs)
        for batch in minibatch(pairs, size=BATCH_SIZE):
            nlp.update(examples(batch), drop=dropout, sgd=optimizer)
    return nlp


def predict(nlp: Language, texts: Sequence[str], batch_size: int = 256) -> list[tuple[str, float]]:
    """The most probable label of each text and its probability."""
    out = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        label, prob = max(doc.cats.items(), key=lambda kv: kv[1])
        out.append((label, float(prob)))
    return out


def save(nlp: Language, path: Path) -> None:
    nlp.to_disk(path)


def load(path: Path) -> Language:
    return spacy.load(path)
