"""``random.Random``'s ``randint`` and ``choice`` as the demo draws them, millions of times:
the same draws without the argument checks of ``randrange`` (two Python calls fewer each;
they were a fifth of the drawing). tests/services/test_demo_random.py holds them to the
module's own on this Python."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def randint(rng: random.Random, a: int, b: int) -> int:
    """``rng.randint(a, b)`` (``a <= b``): what ``randrange`` does for a step of 1."""
    return a + rng._randbelow(b - a + 1)  # type: ignore[attr-defined,no-any-return]


def choice(rng: random.Random, seq: Sequence[T]) -> T:
    """``rng.choice(seq)`` of a sequence that is not empty."""
    return seq[rng._randbelow(len(seq))]  # type: ignore[attr-defined]
