"""Shares of a whole as people read them: rounded so that the shown shares add up.

Rounding each share on its own can show 33.4 % + 66.7 % = 100.1 % (or 99 % in a legend);
an executive adds them up. The largest-remainder method (Hamilton's) gives each share its
rounded-down value, then one more last place to the shares that lost the most, until the
shown shares make exactly 100.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal


def rounded_shares(values: Sequence[Decimal | int], places: int) -> list[Decimal] | None:
    """Each value as a percentage of their sum with ``places`` decimals, summing to
    exactly 100; None when the sum is nothing (or a value is negative: no share then)."""
    total = sum((Decimal(v) for v in values), Decimal(0))
    if total <= 0 or any(v < 0 for v in values):
        return None
    step = Decimal(1).scaleb(-places)  # 0.1 for one decimal
    exact = [Decimal(v) * 100 / total for v in values]
    shown = [e.quantize(step, rounding=ROUND_FLOOR) for e in exact]
    missing = int((Decimal(100) - sum(shown, Decimal(0))) / step)
    # The largest remainders first; on a tie the larger share, then the earlier one.
    order = sorted(range(len(values)), key=lambda i: (-(exact[i] - shown[i]), -exact[i], i))
    for i in order[:missing]:
        shown[i] += step
    return shown
