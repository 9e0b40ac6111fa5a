"""A large file's rows parsed and checked on a second core while this process writes.

Parsing and checking a row (``rows.parse_row``) costs about as much as writing it and
needs no database, so from ``WORKER_MIN_ROWS`` rows on the batches go to one worker
process of a ``ProcessPoolExecutor`` (spawn: fork is unsafe beside Qt's threads), up to
``AHEAD`` batches ahead of the writing. The batches come back in file order; while the
worker starts, and whenever it cannot be had, a batch is parsed here instead: either way
the same rows.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from app.errors import PartnerDeskError
from app.services.importing.rows import AgreementRow, Row, RowSource, batched, parse_row

log = logging.getLogger(__name__)

WORKER_MIN_ROWS = 8000  # below this, starting a process costs more than it saves
AHEAD = 2  # batches sent ahead of the writing: memory stays flat, neither side waits
# Parse here what the worker has not started: while it starts (0.3 s, a few batches) and
# when it lags. Tests turn it off to send every batch to the worker: the same rows.
PARSE_HERE_TOO = True

_source: RowSource | None = None  # in the worker process: how its batches are parsed


def _start(src: RowSource) -> None:
    global _source
    _source = src
    # Ctrl-C reaches the whole process group: the importer stops the worker itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # This process only parses rows, which make no reference cycles: the collector's passes
    # over them were a third of its time. Its own process: nobody else's objects wait.
    gc.disable()


def _parse(batch: list[Row]) -> list[AgreementRow]:
    assert _source is not None, "the worker was started without its RowSource"
    return _here(_source, batch)


def _here(src: RowSource, batch: list[Row]) -> list[AgreementRow]:
    return [parse_row(src, number, values) for number, values in batch]


def refuse_in_a_starting_worker() -> None:
    """Spawn runs the caller's main script again in the worker before it works: a script
    without ``if __name__ == "__main__"`` would start its own import there (and wait for
    the database the first one holds). Stop it at once instead; the importer sees the
    worker fail and parses the rows itself."""
    # What multiprocessing itself checks before starting a process from such a script.
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise PartnerDeskError("an import cannot start while a worker process is starting")


def parsed_batches(
    src: RowSource, rows: Iterator[Row], total: int
) -> Generator[list[AgreementRow]]:
    """``rows`` parsed and checked a batch at a time, in order (``total``: about how many)."""
    if total < WORKER_MIN_ROWS or getattr(sys, "frozen", False):
        # A frozen build would start the application itself as the worker.
        for batch in batched(rows):
            yield _here(src, batch)
        return
    worker = _Worker(src)
    try:
        pending: deque[tuple[list[Row], Future[list[AgreementRow]] | None]] = deque()
        for batch in batched(rows):
            future = worker.send(batch)
            pending.append((batch, future))
            if len(pending) > (AHEAD if future else 0):
                yield worker.result(*pending.popleft())
        while pending:
            yield worker.result(*pending.popleft())
    finally:
        worker.pool.shutdown(wait=True, cancel_futures=True)


class _Worker:
    """The worker process, and whether it can still be used."""

    def __init__(self, src: RowSource) -> None:
        self.src = src
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(1, mp_context=context, initializer=_start,
                                        initargs=(src,))  # fmt: skip
        self.ready = self.pool.submit(int)  # done when the worker runs: until then, here
        # The worker holds its own copy of the results pipe's write end from its start (the
        # submit above started it); this process never writes there. With our copy closed, a
        # worker killed halfway through sending a result leaves an end of file, which the
        # pool reports as broken, instead of a read that waits forever for the rest.
        getattr(self.pool, "_result_queue")._writer.close()  # noqa: B009
        if not PARSE_HERE_TOO:
            wait([self.ready])
        self.broken = False

    def send(self, batch: list[Row]) -> Future[list[AgreementRow]] | None:
        """The batch on its way to the worker; None: parse it here."""
        if self.broken or not self.ready.done() or self.ready.exception() is not None:
            return None
        try:
            return self.pool.submit(_parse, batch)
        except BrokenProcessPool:
            self._stopped()
            return None

    def result(
        self, batch: list[Row], future: Future[list[AgreementRow]] | None
    ) -> list[AgreementRow]:
        if future is None or (PARSE_HERE_TOO and future.cancel()):  # not sent or not started
            return _here(self.src, batch)
        try:
            return future.result()
        except BrokenProcessPool:
            self._stopped()
            return _here(self.src, batch)

    def _stopped(self) -> None:
        if not self.broken:  # killed, out of memory: the rows are parsed here from now on
            log.warning("the import's worker process stopped; reading in this one")
        self.broken = True
