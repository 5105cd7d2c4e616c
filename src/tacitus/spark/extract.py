"""`tacitus extract --engine spark`: `mapInPandas` over partitions of the documents, one pipeline per worker.

Each partition's rows become `Document`s and go through the same `Extractor.pipe` (`nlp.pipe` in batches) as on
one machine, so the records are identical; the Python worker keeps its `Extractor` in a module global, and Spark
reuses Python workers between tasks, so the model loads once per executor process, not once per partition.

Results come back as pickled `DocResult`s with the input position, and the driver restores input order: the CLI
then writes JSONL/CSV and stores through the `Store` interface exactly as with the local engine. For inputs too
large to collect on one driver, `extract_frame` gives the Spark DataFrame of results to write where you like.
"""

from __future__ import annotations

import datetime as dt
import math
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

import pandas as pd

from tacitus.extract.config import ExtractConfig
from tacitus.extract.pipeline import DocResult, Extractor
from tacitus.spark.session import spark_session
from tacitus.store.base import Document

_FRAME_SCHEMA = "position long, doc_id string, text string, source string, url string, title string, published string"
RESULT_SCHEMA = "position long, doc_id string, result binary"
_DOCUMENT_FIELDS = ("doc_id", "text", "source", "url", "title")

_EXTRACTOR: Extractor | None = None  # this Python worker's pipeline, loaded on its first partition


def _worker_extractor(config: ExtractConfig) -> Extractor:
    global _EXTRACTOR
    if _EXTRACTOR is None or _EXTRACTOR.config != config:
        _EXTRACTOR = Extractor(config)
    return _EXTRACTOR


def documents_frame(documents: Iterable[Document]) -> pd.DataFrame:
    """Documents as a pandas frame with their input `position` (dates as ISO strings: Arrow-safe, exact)."""
    rows = [
        {"position": i, **{f: getattr(d, f) for f in _DOCUMENT_FIELDS},
         "published": d.published.isoformat() if d.published else None}
        for i, d in enumerate(documents)
    ]
    columns = ["position", *_DOCUMENT_FIELDS, "published"]
    return pd.DataFrame(rows, columns=columns).astype({"position": "int64"})


def _as_documents(frame: pd.DataFrame) -> list[Document]:
    def text_or_none(value: Any) -> str | None:
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)

    return [
        Document(
            str(row["doc_id"]), str(row["text"]), source=text_or_none(row["source"]), url=text_or_none(row["url"]),
            title=text_or_none(row["title"]),
            published=dt.date.fromisoformat(row["published"]) if text_or_none(row["published"]) else None,
        )
        for row in frame.to_dict("records")
    ]


def _partition_extractor(config: ExtractConfig) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """The function mapInPandas runs on each partition (pickled with `config`, nothing else)."""

    def run(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        extractor = _worker_extractor(config)
        for frame in frames:
            results = list(extractor.pipe(_as_documents(frame)))
            yield pd.DataFrame(
                {"position": frame["position"].to_numpy(), "doc_id": frame["doc_id"].to_numpy(),
                 "result": [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]}
            )

    return run


def extract_frame(documents: Any, config: ExtractConfig | None = None) -> Any:
    """A Spark DataFrame of documents (`position`, `doc_id`, `text`, `published` ISO date, `source`, `url`,
    `title`) → one row per document: `position`, `doc_id`, `result` (a pickled `DocResult`)."""
    config = replace(config or ExtractConfig(), n_process=1)  # Spark's tasks are the parallelism
    return documents.mapInPandas(_partition_extractor(config), RESULT_SCHEMA)


def pipe_spark(
    config: ExtractConfig, documents: Iterable[Document], *, master: str | None = None, session: Any = None
) -> Iterator[DocResult]:
    """Like `Extractor.pipe`, on Spark: results in input order, the same records as the local engine."""
    frame = documents_frame(documents)
    if frame.empty:
        return
    spark = session or spark_session(master)
    parallelism = int(spark.sparkContext.defaultParallelism)
    partitions = max(1, min(math.ceil(len(frame) / config.batch_size), 4 * parallelism))
    source = spark.createDataFrame(frame, schema=_FRAME_SCHEMA).repartition(partitions)
    done = extract_frame(source, config).select("position", "result").toPandas()
    for blob in done.sort_values("position", kind="stable")["result"]:
        result: DocResult = pickle.loads(blob)  # produced by our own executors from this same code
        yield result
