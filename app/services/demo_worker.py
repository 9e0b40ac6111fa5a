"""The demo's agreements drawn on a second core while this process writes them.

Drawing a demo agreement in Python costs about as much as the database's work to store it,
so from ``WORKER_MIN_AGREEMENTS`` on a worker process (spawn: fork is unsafe beside Qt's
threads) runs ``demo_agreements.draw`` on the pickled ``Plan`` and sends each chunk back
through a pipe. A pipe holds one message: the worker draws the next chunk while this
process writes one, and waits after that, so at most two chunks are in memory.

Whatever happens to the worker, the rows are the same: if it cannot start or dies, the
chunks it did not send are drawn here from the same plan (the ones it sent skipped).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import pickle
import signal
import sys
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from app.services.demo_agreements import Chunk, Plan, draw

log = logging.getLogger(__name__)

WORKER_MIN_AGREEMENTS = 20_000  # below this, starting a process costs more than it saves
# Tests set it to send every load, however small, through the worker.
ALWAYS = False


def chunks(plan: Plan) -> Iterator[Chunk]:
    """``draw(plan)``, in a worker process when it pays."""
    if getattr(sys, "frozen", False) or _in_a_starting_worker():
        # A frozen build would start the application itself as the worker; a script
        # without `if __name__ == "__main__"` runs again in a starting worker.
        yield from draw(plan)
        return
    if plan.agreements < WORKER_MIN_AGREEMENTS and not ALWAYS:
        yield from draw(plan)
        return
    sent = 0
    try:
        for chunk in _from_worker(plan):
            sent += 1
            yield chunk
        return
    except _WorkerLostError as lost:
        log.warning("demo worker lost (%s); drawing the rest here", lost)
    for n, chunk in enumerate(draw(plan)):
        if n >= sent:
            yield chunk


class _WorkerLostError(Exception):
    pass


def _in_a_starting_worker() -> bool:
    # What multiprocessing itself checks before starting a process from such a script.
    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))


def _from_worker(plan: Plan) -> Iterator[Chunk]:
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_work, args=(plan, sending), daemon=True)
    try:
        process.start()
    except (OSError, RuntimeError) as error:
        raise _WorkerLostError(f"not started: {error}") from error
    sending.close()
    try:
        while True:
            try:
                kind, payload = pickle.loads(receiving.recv_bytes())
            except (EOFError, OSError) as error:
                raise _WorkerLostError(f"exit code {process.exitcode}") from error
            if kind == "error":
                raise _WorkerLostError(payload)
            chunk: Chunk = payload
            yield chunk
            if chunk.last:
                return
    finally:
        receiving.close()
        if process.is_alive():
            # A cancelled or failed load: the worker draws for nobody.
            process.terminate()
        process.join()


def _work(plan: Plan, sending: Connection) -> None:
    """In the worker: every chunk of ``plan`` into the pipe."""
    # Ctrl-C reaches the whole process group: the loader stops the worker itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # It makes rows without reference cycles: the collector's passes over them are waste.
    gc.disable()
    try:
        for chunk in draw(plan):
            sending.send_bytes(_message("rows", chunk))
    except BrokenPipeError:
        return  # the loader stopped listening (cancelled)
    except Exception as error:  # told to the loader, which draws the rest itself
        sending.send_bytes(_message("error", f"{type(error).__name__}: {error}"))
    finally:
        sending.close()


def _message(kind: str, payload: Any) -> bytes:
    return pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)
