"""Extraction on every core: batches of documents go to worker processes that each hold one loaded pipeline.

Why our own pool rather than `nlp.pipe(n_process=N)`: spaCy's multiprocessing sends finished Docs back through
msgpack, and the pipeline's results live in Python-object extensions (`doc._.tc_records`) that do not survive
it. Here each worker runs `nlp.pipe` over a whole batch and returns plain `DocResult`s (pickled records).

Why output order and content cannot depend on the number of workers: every batch is processed by the same
`Extractor._run_batch` as in one process, results are yielded in submission order, and every id is derived from
content (document text, record position), never from a worker or a clock.

Where the platform forks (Linux), workers inherit the pipeline the parent has already loaded (copy-on-write),
so starting N workers costs no N model loads; elsewhere (spawn) the initializer loads it once per worker.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from tacitus.extract.config import ExtractConfig
from tacitus.store.base import Document

if TYPE_CHECKING:
    from tacitus.extract.pipeline import DocResult, Extractor

# The pipeline of this process: set in the parent before forking (inherited), or by `_init_worker` (spawn).
_WORKER: Extractor | None = None


def available_cores() -> int:
    """Cores this process may run on (the CPU affinity mask, which containers and `taskset` narrow), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def _init_worker(config: ExtractConfig) -> None:
    """Load the pipeline once per worker, before the first batch arrives, unless it came with the fork."""
    global _WORKER
    if _WORKER is None or _WORKER.config != config:
        from tacitus.extract.pipeline import Extractor

        _WORKER = Extractor(config)
        _WORKER.nlp  # noqa: B018 - the load itself is the point


def _work(batch: list[Document]) -> list[DocResult]:
    assert _WORKER is not None, "worker used before its initializer ran"
    return list(_WORKER._run_batch(batch))


def pipe_parallel(extractor: Extractor, batches: Iterable[list[Document]], workers: int) -> Iterator[DocResult]:
    """Results of every batch, in input order, from `workers` processes; at most 2 batches per worker in flight
    so memory stays bounded on inputs of any length."""
    global _WORKER
    batches = iter(batches)
    head = list(itertools.islice(batches, 2))
    if len(head) < 2:  # one batch (a single report, a short feed): forking workers would only add their start-up
        for batch in head:
            yield from extractor._run_batch(batch)
        return
    batches = itertools.chain(head, batches)
    config = replace(extractor.config, n_process=1)
    forking = sys.platform != "darwin"  # macOS cannot fork safely once system frameworks are loaded
    context = multiprocessing.get_context("fork" if forking else "spawn")
    if forking:
        single = type(extractor)(config)
        if "nlp" in extractor.__dict__:  # share the loaded pipeline with the children instead of loading it again
            single.__dict__["nlp"] = extractor.__dict__["nlp"]
        single.nlp  # noqa: B018 - load before forking, once for all workers
        _WORKER = single
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(config,)) as pool:
            pending: deque[Future[list[DocResult]]] = deque()
            for batch in batches:
                pending.append(pool.submit(_work, batch))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        _WORKER = None
