"""Shares as a reader adds them up: the shown percentages make exactly 100."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.shares import rounded_shares


@pytest.mark.parametrize(
    ("values", "places", "shown"),
    [
        # Each rounded half up on its own: 6.3 + 93.8 = 100.1; 33 + 33 + 33 = 99.
        ([1, 15], 1, ["6.2", "93.8"]),
        ([1, 1, 1], 0, ["34", "33", "33"]),
        ([Decimal("667.00"), Decimal("1333.00")], 1, ["33.3", "66.7"]),
        ([2, 0, 3], 0, ["40", "0", "60"]),  # nothing stays nothing
        ([1, 1, 1, 1, 1, 1, 1], 1, ["14.3", "14.3", "14.3", "14.3", "14.3", "14.3", "14.2"]),
        ([5], 2, ["100.00"]),
    ],
)
def test_shown_shares_add_up_to_a_hundred(
    values: list[Decimal | int], places: int, shown: list[str]
) -> None:
    found = rounded_shares(values, places)
    assert found is not None
    assert [str(x) for x in found] == shown
    assert sum(found) == 100


def test_no_share_of_nothing() -> None:
    assert rounded_shares([0, 0], 1) is None
    assert rounded_shares([], 1) is None
