"""Extraction: report texts → coded events, every value tied to the span of text it came from.

    >>> from tacitus.extract import Extractor, read_documents, records_frame
    >>> ex = Extractor()
    >>> results = list(ex.pipe(read_documents(["reports.jsonl"])))
    >>> frame = records_frame(r for res in results for r in res.records)

See docs/extraction.md for the pipeline, the rules behind each field and the measured accuracy.
"""

from tacitus.extract.config import ExtractConfig
from tacitus.extract.output import event_row, records_frame
from tacitus.extract.pipeline import DocResult, Extractor, build_nlp, document_id
from tacitus.extract.reader import read_documents

__all__ = [
    "DocResult",
    "ExtractConfig",
    "Extractor",
    "build_nlp",
    "document_id",
    "event_row",
    "read_documents",
    "records_frame",
]
