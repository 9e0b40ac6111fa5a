"""The rows to move when a list's order read again differs only in the written records."""

from array import array

from ui.models.order_edits import OrderEdits, order_edits


def apply(old: list[int], new: list[int], edits: OrderEdits) -> list[int]:
    rows = list(old)
    for row in edits.removed:
        del rows[row]
    for row in edits.inserted:
        rows.insert(row, new[row])
    return rows


def test_a_new_a_deleted_and_a_moved_record_are_rows_to_take_out_and_put_in() -> None:
    old = [5, 3, 9, 1, 256, 7]
    for new, changed in (
        ([5, 3, 9, 1, 42, 256, 7], {42}),  # new
        ([5, 9, 1, 256, 7], {3}),  # deleted
        ([5, 9, 1, 256, 3, 7], {3}),  # moved down
        ([7, 5, 3, 9, 1, 256], {7, 11}),  # moved up; 11 in neither
    ):
        edits = order_edits(array("q", old), array("q", new), changed)
        assert edits is not None
        assert apply(old, new, edits) == new


def test_any_other_difference_means_reading_the_order_whole() -> None:
    old = array("q", [5, 3, 9, 1])
    assert order_edits(old, array("q", [3, 5, 9, 1]), {9}) is None  # 5 and 3 swapped
    assert order_edits(old, array("q", [5, 3, 9, 1, 8, 4]), {8}) is None  # 4 came too


def test_an_id_is_found_only_where_an_id_begins() -> None:
    # 256 then 0 is 00 01 00 00 00 00 00 00 00 …: from its second byte it reads as 1.
    old = array("q", [256, 0])
    new = array("q", [256, 0, 1])
    assert order_edits(old, new, {1}) == OrderEdits([], [2])
