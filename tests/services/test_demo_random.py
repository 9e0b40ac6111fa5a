"""The demo's quick draws are the random module's own: the same seed, the same demo."""

from __future__ import annotations

import random

from app.services.demo_random import choice, randint


def test_randint_and_choice_draw_what_the_random_module_draws() -> None:
    ours, theirs = random.Random(7), random.Random(7)
    bounds = [(0, 0), (1, 3), (-30, 200), (80, 112), (2_000_000, 80_000_000), (1, 2**70)]
    seqs: list[tuple[object, ...]] = [("a",), ("a", "b", "c"), tuple(range(1000))]
    for n in range(3000):
        a, b = bounds[n % len(bounds)]
        assert randint(ours, a, b) == theirs.randint(a, b)
        seq = seqs[n % len(seqs)]
        assert choice(ours, seq) == theirs.choice(seq)
        assert ours.random() == theirs.random()
