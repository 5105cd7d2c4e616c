"""The extraction pipeline as spaCy components, and the `Extractor` that runs it over documents.

    sentencizer → tacitus_gazetteer → ner → tacitus_dates → tacitus_casualties → tacitus_actors → tacitus_events

`tacitus_gazetteer` sets place and actor names as entities *before* the statistical NER, which then labels
only the rest (the small English model calls Miranshah a person and Bajaur an organisation). The model's
tagger, parser and lemmatizer are not loaded: sentences come from the rule-based sentencizer, and the
shared tok2vec is excluded because the small model's NER has its own. Each component can be listed
(`Extractor().nlp.pipe_names`), timed and swapped like any spaCy pipe.

    >>> from tacitus.extract import Extractor
    >>> records = Extractor().extract_text("On 3 May 2012 a bomb killed two soldiers in Miranshah.")
    >>> records[0].values["killed_best"], records[0].values["admin2"]
    (2, 'North Waziristan')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from tacitus.extract.assemble import Analysis, build_records
from tacitus.extract.casualties import sentence_statements, sentence_totals
from tacitus.extract.config import DEFAULT_MODELS, ExtractConfig
from tacitus.extract.dates import find_dates
from tacitus.extract.perpetrators import attributions, find_actor_mentions
from tacitus.extract.places import PlaceMention, place_mentions
from tacitus.extract.segment import segments
from tacitus.model import Record
from tacitus.store.base import Document

log = logging.getLogger(__name__)

_EXTENSIONS = ("tc_doc_id", "tc_published", "tc_analysis", "tc_records")
for _name in _EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def document_id(text: str) -> str:
    """Content-derived id for a document without one: the same text always gets the same id."""
    return "doc_" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _geocoder() -> Any:
    """The shared geocoder, or None when `tacitus.geo` cannot load (places then stay empty, events do not)."""
    try:
        from tacitus.geo import get_geocoder

        return get_geocoder()
    except Exception as exc:
        log.warning("geocoder unavailable, places will be empty: %s", exc)
        return None


def _sentence_spans(doc: Doc, length: int) -> list[tuple[int, int]]:
    """(start, end) characters of each sentence, read from token arrays (iterating `doc.sents` builds a Span and
    a Token object per token, which costs as much as all of our rules together on short texts)."""
    if not len(doc):
        return []
    table = doc.to_array(["IDX", "SENT_START"])
    starts = [int(idx) for idx, flag in table.tolist() if flag == 1] or [0]
    starts[0] = 0
    return list(zip(starts, [*starts[1:], length], strict=True))


def _analysis(doc: Doc) -> Analysis:
    if doc._.tc_analysis is None:
        text = doc.text  # joined from the tokens on every access: read it once, use `Analysis.text` after
        doc._.tc_analysis = Analysis(
            doc_id=doc._.tc_doc_id or document_id(text),
            text=text,
            published=doc._.tc_published,
            sentences=_sentence_spans(doc, len(text)),
        )
    analysis: Analysis = doc._.tc_analysis
    return analysis


@Language.factory("tacitus_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Any:
    """Actor and place names from the dictionaries, fixed as entities ahead of the statistical NER."""
    geocoder = _geocoder()

    def gazetteer(doc: Doc) -> Doc:
        a = _analysis(doc)
        a.actors = find_actor_mentions(a.text)
        actor_spans = [(m.start, m.end) for m in a.actors]
        a.places = place_mentions(a.text, geocoder, actor_spans)
        spans: list[Span] = []
        for start, end, label in [
            *((m.start, m.end, "ORG") for m in a.actors),
            *((p.start, p.end, "GPE") for p in a.places),
        ]:
            span = doc.char_span(start, end, label=label, alignment_mode="contract")
            if span is not None and len(span):
                spans.append(span)
        doc.set_ents(spacy.util.filter_spans(spans))
        return doc

    return gazetteer


@Language.factory("tacitus_dates")
def make_dates(nlp: Language, name: str) -> Any:
    """Date mentions, resolved against the document's publication date."""

    def dates(doc: Doc) -> Doc:
        a = _analysis(doc)
        a.dates = find_dates(a.text, a.published)
        return doc

    return dates


@Language.factory("tacitus_casualties")
def make_casualties(nlp: Language, name: str) -> Any:
    """Killed/wounded/attacker counts per sentence."""

    def casualties(doc: Doc) -> Doc:
        a = _analysis(doc)
        dates = [(d.start, d.end) for d in a.dates]
        statements = [st for i, (s, e) in enumerate(a.sentences) for st in sentence_statements(a.text, s, e, i, dates)]
        a.tolls = sentence_totals(statements)
        return doc

    return casualties


@Language.factory("tacitus_actors")
def make_actors(nlp: Language, name: str) -> Any:
    """Claims of responsibility, attributions and suspicions tying actors to the attack; NER places join
    the place candidates here, after the statistical model has run."""

    def actors(doc: Doc) -> Doc:
        a = _analysis(doc)
        a.attributions = attributions(a.text, a.sentences, a.actors)
        known = [(p.start, p.end) for p in a.places] + [(m.start, m.end) for m in a.actors]
        extra = [
            PlaceMention(e.start_char, e.end_char, e.text)
            for e in doc.ents
            if e.label_ in _PLACE_LABELS and not any(e.start_char < ke and ks < e.end_char for ks, ke in known)
        ]
        if extra:
            a.places = sorted([*a.places, *extra], key=lambda p: p.start)
        return doc

    return actors


@Language.factory("tacitus_events")
def make_events(nlp: Language, name: str) -> Any:
    """Segments the document into incidents and assembles one record per incident."""
    geocoder = _geocoder()

    def events(doc: Doc) -> Doc:
        a = _analysis(doc)
        a.segments = segments(a.text, a.sentences)
        doc._.tc_records = build_records(a, geocoder)
        return doc

    return events


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _model_name(config: ExtractConfig) -> str:
    if config.model:
        return config.model
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        f"no spaCy English model installed (tried {', '.join(DEFAULT_MODELS)}); see requirements-model.txt"
    )


def build_nlp(config: ExtractConfig | None = None) -> Language:
    """The extraction pipeline: the model's NER only (or a blank English pipeline with use_ner=False)."""
    config = config or ExtractConfig()
    if config.use_ner:
        nlp = spacy.load(
            _model_name(config), exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
        )
    else:
        nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("tacitus_gazetteer", before="ner" if "ner" in nlp.pipe_names else None)
    for component in ("tacitus_dates", "tacitus_casualties", "tacitus_actors", "tacitus_events"):
        nlp.add_pipe(component)
    nlp.max_length = max(nlp.max_length, config.max_chars + 1)
    return nlp


@dataclass
class DocResult:
    """One document's outcome: its records, or the error that stopped it, and any warnings."""

    document: Document
    records: list[Record] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


class Extractor:
    """Coded events from report texts. Loads the model once; `pipe` streams over any number of documents."""

    def __init__(self, config: ExtractConfig | None = None) -> None:
        self.config = config or ExtractConfig()

    @cached_property
    def nlp(self) -> Language:
        return build_nlp(self.config)

    def _doc(self, document: Document, warnings: list[str]) -> Doc:
        text = document.text
        if len(text) > self.config.max_chars:
            warnings.append(f"text cut to its first {self.config.max_chars} of {len(text)} characters")
            text = text[: self.config.max_chars]
        doc = self.nlp.make_doc(text)
        doc._.tc_doc_id = document.doc_id
        doc._.tc_published = document.published
        return doc

    def pipe(self, documents: Iterable[Document]) -> Iterator[DocResult]:
        """Results in input order. A document that fails is reported in its result; the rest go on.

        With `n_process` > 1, batches go to worker processes (`tacitus.extract.parallel`); the output is the same.
        """
        batches = _batches(documents, self.config.batch_size)
        if self.config.n_process <= 1:
            for batch in batches:
                yield from self._run_batch(batch)
            return
        from tacitus.extract.parallel import pipe_parallel

        yield from pipe_parallel(self, batches, self.config.n_process)

    def _run_batch(self, batch: list[Document]) -> Iterator[DocResult]:
        results = [DocResult(d) for d in batch]
        try:
            docs = [self._doc(r.document, r.warnings) for r in results]
            for result, doc in zip(results, self.nlp.pipe(docs, batch_size=self.config.batch_size), strict=True):
                result.records = doc._.tc_records or []
            yield from results
        except Exception:
            # Find the bad document one at a time so that the rest of the batch is still processed.
            for result in results:
                yield self._run_one(result.document)

    def _run_one(self, document: Document) -> DocResult:
        result = DocResult(document)
        try:
            doc = self.nlp(self._doc(document, result.warnings))
            result.records = doc._.tc_records or []
        except Exception as exc:  # one bad document must not stop a batch of thousands
            log.exception("extraction failed for %s", document.doc_id)
            result.error = f"{type(exc).__name__}: {exc}"
        return result

    def extract(self, document: Document) -> list[Record]:
        """Records for one document (raises on failure, unlike `pipe`)."""
        doc = self.nlp(self._doc(document, []))
        records: list[Record] = doc._.tc_records or []
        return records

    def extract_text(
        self, text: str, published: dt.date | str | None = None, doc_id: str | None = None
    ) -> list[Record]:
        """Records for a text; `published` (date or ISO string) resolves partial and relative dates."""
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        return self.extract(Document(doc_id or document_id(text), text, published=published))
