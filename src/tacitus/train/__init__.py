"""The learning layer: coders trained on labelled texts the user holds, applied on top of the rules.

    tacitus train --from acled_export.csv -o models/coder     # or a GTD export, JSONL, or --from-store DB
    tacitus extract reports.jsonl --model models/coder

    >>> from tacitus.train import Coder, read_examples, train_coder
    >>> report = train_coder(read_examples("labels.jsonl"), "models/coder", folds=5, seed=0)
    >>> Coder("models/coder").predict(["Police fired tear gas at marchers in the capital."])

Rules keep the evidence spans; the combining rule is in `tacitus.train.combine`; nothing trained on ACLED or
GTD is ever committed to this repository (docs/extraction.md, "Training a coder on your own data").
"""

from tacitus.train.coder import Coder
from tacitus.train.examples import LabelledSet, from_store, read_examples
from tacitus.train.trainer import TrainReport, train_coder

__all__ = ["Coder", "LabelledSet", "TrainReport", "from_store", "read_examples", "train_coder"]
