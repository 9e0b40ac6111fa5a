"""The cycle collector kept off the rows in flight while an import runs, and only then.

An import holds a few batches of rows at a time (tens of thousands of tuples, dataclasses
and dicts), and a writing batch makes as many again. CPython's cycle collector walks every
tracked container at each pass: with its defaults (a young pass every 700 allocations, a
full pass whenever the survivors grow by a quarter) it walked the rows in flight and
everything the process held before the import (modules, the ORM's mappers, the window's
objects) again and again: 7 s of an import of 100,000 rows, measured with ``gc.callbacks``.
The rows make no reference cycles; they are freed by reference counting when a batch is
written.

``fewer_collections`` puts two things back exactly as they were, whatever happens inside:
- ``gc.freeze()``: what is alive when the import starts is left out of every pass until
  it ends (it is still there after; nothing is collected that would not have been);
- a young-generation threshold of ``YOUNG_THRESHOLD`` allocations instead of 700: a batch
  is allocated and freed between two passes, instead of being walked by a dozen.
Cycles made meanwhile are still found, by the rarer passes and by the first ones after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 100_000  # allocations between young passes while an import runs


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect less while the block runs; the collector's settings restored after it."""
    threshold = gc.get_threshold()
    # Someone else froze objects (an application may, after start-up): unfreezing here
    # would thaw theirs too, so leave the permanent generation to them.
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    # A threshold of 0 means no automatic passes at all: keep that.
    gc.set_threshold(threshold[0] and max(threshold[0], YOUNG_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if freeze:
            gc.unfreeze()
