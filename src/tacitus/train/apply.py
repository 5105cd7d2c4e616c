"""`tacitus extract --model MODEL_DIR`: a trained coder applied to the rules' records.

The extractor runs as always; then, per document, each record's learned fields (sub-event, attack and target
type) are combined with the model's prediction by the rule in `tacitus.train.combine`. The model reads the text
its record rests on: the whole document when the document yields one event, else the sentences its evidence
spans cover. A value the model sets gets a claim of `source_kind = "model"` with the model version as source
and the probability as confidence (no character span: evidence spans stay the rules'). Every record of a
document coded with a model carries `coder` = the model version. The model never removes an event; when the
rules find none in a document and the model's sub-event type reaches its fill threshold, it adds one
document-level event carrying only what the model coded (record id `<doc_id>@0`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

from tacitus.extract.pipeline import DocResult
from tacitus.model import REPORT_DATASET, UNKNOWN_ACTOR, Claim, Record
from tacitus.train.coder import Coder, is_coder_dir
from tacitus.train.combine import PARENT, Thresholds, combine

CODER_KEY: Final = "coder"
_SENTENCE_END: Final = re.compile(r"[.!?](?=\s)")


def split_model_option(model: str | None) -> tuple[str | None, Coder | None]:
    """extract's --model: a Tacitus coder directory (→ the coder, default spaCy pipeline) or a spaCy pipeline."""
    if model is not None and is_coder_dir(model):
        return None, Coder(model)
    return model, None


def _window(text: str, start: int, end: int) -> str:
    """text[start:end] widened to whole sentences."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.end() if after else len(text)].strip()


def _record_text(text: str, record: Record, alone: bool) -> str:
    spans = [(c.start, c.end) for c in record.claims if c.start is not None and c.end is not None]
    if alone or not spans:
        return text
    return _window(text, min(s for s, _ in spans), max(e for _, e in spans))


def _model_claim(field: str, value: Any, prob: float, version: str, result: DocResult) -> Claim:
    published = result.document.published
    return Claim(
        field=field,
        value=value,
        source_kind="model",
        source_id=version,
        confidence=round(prob, 4),
        reported_at=published.isoformat() if published else None,
    )


def code_record(
    record: Record,
    guesses: dict[str, tuple[str, float]],
    thresholds: dict[str, Thresholds],
    version: str,
    result: DocResult,
    found_event: bool = True,
) -> None:
    """Combine one record's values with the model's guesses (in place) and mark it as coded by `version`."""
    for field, (label, prob) in guesses.items():
        before = record.values.get(field)
        value = combine(field, before, label, prob, thresholds[field], found_event)
        if value == before:
            continue
        record.values[field] = value
        record.claims.append(_model_claim(field, value, prob, version, result))
        if field == "sub_event_type" and value is not None:
            record.values["event_type"] = PARENT[value]
            record.claims.append(_model_claim("event_type", PARENT[value], prob, version, result))
    record.values[CODER_KEY] = version


def _added_record(result: DocResult) -> Record:
    doc_id = result.document.doc_id
    return Record(REPORT_DATASET, f"{doc_id}@0", {"perpetrator": UNKNOWN_ACTOR, "background": False}, doc_id=doc_id)


def code_results(coder: Coder, results: Sequence[DocResult]) -> None:
    """Apply the coder to every successful document's records, in place (see the module docstring)."""
    thresholds = {h.field: h.thresholds for h in coder.heads}
    jobs: list[tuple[DocResult, Record | None, str]] = []
    for result in results:
        if result.error:
            continue
        text = result.document.text
        mains = sum(not r.values.get("background") for r in result.records)
        for found in result.records:
            alone = mains == 1 and not found.values.get("background")
            jobs.append((result, found, _record_text(text, found, alone)))
        if not result.records:
            jobs.append((result, None, text))
    guesses = coder.predict([text for _, _, text in jobs])
    for (result, record, _), guess in zip(jobs, guesses, strict=True):
        if record is not None:
            code_record(record, guess, thresholds, coder.version, result)
            continue
        sub = guess.get("sub_event_type")
        if sub is None or combine("sub_event_type", None, *sub, thresholds["sub_event_type"], False) is None:
            continue
        record = _added_record(result)
        code_record(record, guess, thresholds, coder.version, result, found_event=False)
        result.records.append(record)
