"""A table model over a list of ids whose rows are fetched from SQL a page at a time.

The sorted, filtered id list is one indexed query; rows are read only for the pages the
view paints (Anki's browser table works the same way). A small LRU of pages keeps memory
flat however far the user scrolls.
"""

from __future__ import annotations

import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.db import Database, Session
from ui.background import give_back_memory
from ui.models.id_fetch import ids_through_driver
from ui.models.order_edits import OrderEdits, order_edits, rows_of
from ui.worker import run_job

R = TypeVar("R")
SLOW_QUERY_SECONDS = 0.12
Index = QModelIndex | QPersistentModelIndex


# Whole orders longer than this give the pages their rows took back (see give_back_memory).
TRIM_AFTER = 100_000


# The roles and flags as plain ints, read once: a view asks ``data`` for about ten roles of
# every cell it paints, and each look-up of a Qt enum member (and PySide's checkIndex) cost
# more than the answer itself (#15.2: 8,840 calls of data() in one delete and its refresh).
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
NO_FLAGS = Qt.ItemFlag.NoItemFlags


class Roles(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1  # the database id of the row's record
    RECORD = Qt.ItemDataRole.UserRole + 2  # the frozen row dataclass
    SORT_KEY = Qt.ItemDataRole.UserRole + 3  # the SQL sort key of the column (header role)
    STATE = Qt.ItemDataRole.UserRole + 4  # "past" / "near" / "" for date columns, or a status


_ID, _RECORD, _STATE = int(Roles.ID), int(Roles.RECORD), int(Roles.STATE)


@dataclass(frozen=True)
class Column(Generic[R]):
    key: str
    title: Callable[[], str]  # called at paint time so a language switch shows at once
    value: Callable[[R], str]
    sort_key: str | None = None  # None: the database cannot sort by it
    align_right: bool = False
    default_visible: bool = True
    tooltip: Callable[[R], str] | None = None  # None: the tooltip is the cell's text


class LazyIdModel(QAbstractTableModel, Generic[R]):
    busy = Signal(bool)  # an id query is running in the background
    screened = Signal()  # the newest query's first screen is on view; its count is on its way
    failed = Signal(str)
    filled = Signal()  # the whole id list of the newest query is in (after a first screen)

    PAGE_SIZE = 200
    MAX_PAGES = 40  # at most 8,000 rows held, however far the user scrolls
    FIRST_SCREEN = 100  # ids asked for first, so a list shows before its whole order
    # The application sets this: every id query runs in the background from the first.
    # Tests leave it off, so a small list answers synchronously until it proves slow.
    assume_slow = False
    # The application sets this too: a page of rows not yet read is read in a worker
    # while the cells show a placeholder (at a million agreements a page costs the GUI
    # thread tens of milliseconds). Tests read pages at once, to assert on the cells.
    rows_in_background = False
    # Set while a page sets its filter, sort and columns up: it reads once when done, not
    # once per setting (three reads of the agreements list at the window's build, each
    # a worker competing with the first paint for the GIL, two of them thrown away).
    held = False

    def __init__(self, db: Database, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.columns = list(columns)
        # array('q'): 8 bytes an id; a list of a million Python ints takes ~36 MB.
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, dict[int, R]] = OrderedDict()
        # Pages being read in a worker, each with its read's token: a reset forgets them.
        self._asked_pages: dict[int, object] = {}
        # Moved on by a write the rows were replaced after: a page asked before it may
        # carry the old values, and is asked again when it arrives.
        self._rows_epoch = 0
        self._gone: set[int] = set()  # ids a page read did not find (deleted since)
        # Rows a reload may show again without reading them (``reload(changed=…)``).
        self._reusable: dict[int, R] = {}
        self._reusable_pages: list[int] = []
        self.sort_key = self.columns[0].sort_key or ""
        self.descending = False
        self._generation = 0
        self._shown_generation = 0
        self._partial = False  # only the first screen of the newest query is shown
        self._slow = type(self).assume_slow

    # --- what subclasses provide --------------------------------------------------------

    def fetch_ids(self, session: Session) -> list[int]:
        raise NotImplementedError

    def fetch_rows(self, session: Session, ids: Sequence[int]) -> list[R]:
        raise NotImplementedError

    def row_id(self, row: R) -> int:
        return int(row.id)  # type: ignore[attr-defined]

    def cell_state(self, row: R, key: str) -> str:
        return ""

    def foreground(self, row: R, key: str) -> Any:
        return None

    # --- loading ------------------------------------------------------------------------

    def reload(self, *, wait: bool = False, changed: Collection[int] | None = None) -> None:
        """Ask the database for the sorted, filtered ids again.

        In the background (the application): first the ids of one screen, shown at once,
        then the whole order, added below them so the scroll position and the selection
        stay; an answer overtaken by a newer filter or sort is dropped. Small databases in
        tests stay synchronous until the query proves slow.

        ``changed``: a write changed only these records; the other rows in memory are shown
        again in the new order without reading them (a screen of rows with their KPI trends
        is a read of Python objects competing with the GUI thread for the GIL).
        """
        if self.held:
            return
        if changed is None:
            self._reusable, self._reusable_pages = {}, []
        else:
            self._reusable = {
                i: r for page in self._pages.values() for i, r in page.items() if i not in changed
            }
            self._reusable_pages = list(self._pages)
        self._generation += 1
        generation = self._generation
        whole_on_view = self._generation - 1 == self._shown_generation and not self._partial
        slow = (self._slow or self.assume_slow) and not wait
        if slow and changed is not None and self._ids and whole_on_view:
            # The whole order is on view: read it again and move only the rows that differ.
            self.busy.emit(True)
            self._ask_edits(generation, array("q", self._ids), frozenset(changed))
            return
        if (self._slow or self.assume_slow) and not wait:
            self.busy.emit(True)
            first = self.first_ids_query(self.FIRST_SCREEN)
            if first is None:
                self._ask_all(generation)
                return
            run_job(
                None, "", lambda _progress: self._timed(first, whole=False),
                lambda ids: self._first_arrived(generation, ids),
                lambda exc: self._failed(generation, exc),
                show_dialog=False, quick=True,
            )  # fmt: skip
            return
        self.set_ids(self._timed(self.ids_query()))

    def _ask_all(self, generation: int) -> None:
        query = self.ids_query()
        run_job(
            None, "", lambda _progress: self._timed(query),
            lambda ids: self._arrived(generation, ids),
            lambda exc: self._failed(generation, exc),
            show_dialog=False,
        )  # fmt: skip

    def _ask_edits(self, generation: int, old: array[int], changed: frozenset[int]) -> None:
        query = self.ids_query()

        def work(_progress: object) -> tuple[array[int], OrderEdits | None]:
            ids = self._timed(query)
            return ids, order_edits(old, ids, changed)

        def arrived(answer: tuple[array[int], OrderEdits | None]) -> None:
            ids, edits = answer
            if generation != self._generation:
                return
            if edits is None or self._ids != old:  # (rows taken out meanwhile)
                self._arrived(generation, ids)
                return
            self._apply_edits(ids, edits, changed)
            self._shown_generation = generation
            self._reusable, self._reusable_pages = {}, []
            self.busy.emit(False)
            self.filled.emit()

        run_job(None, "", work, arrived, lambda exc: self._failed(generation, exc),
                show_dialog=False)  # fmt: skip

    def _apply_edits(self, ids: array[int], edits: OrderEdits, changed: frozenset[int]) -> None:
        # The rows in memory the write did not change (some read while the order was).
        held = {i: r for page in self._pages.values() for i, r in page.items() if i not in changed}
        self._rows_epoch += 1
        for row in edits.removed:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self.endRemoveRows()
        for row in edits.inserted:
            self.beginInsertRows(QModelIndex(), row, row)
            self._ids.insert(row, ids[row])
            self.endInsertRows()
        self._repage(held)

    def _repage(self, held: dict[int, R]) -> None:
        """Each page in memory keeps the rows of ``held`` it spans now that rows moved; an
        id that moved into it from a page not in memory is read when painted."""
        for number in list(self._pages):
            page = {i: r for i in self._page_ids(number) if (r := held.get(i)) is not None}
            if page:
                self._pages[number] = page  # (an existing key: its place in the LRU stays)
            else:
                del self._pages[number]

    def ids_query(self) -> Callable[[Session], Sequence[int]]:
        """The id query with the current filter and sort frozen in, safe to run elsewhere."""
        return self.fetch_ids

    def first_ids_query(self, limit: int) -> Callable[[Session], Sequence[int]] | None:
        """The same query's first ``limit`` ids; None where the service cannot limit it."""
        return None

    def _timed(
        self, query: Callable[[Session], Sequence[int]], *, whole: bool = True
    ) -> array[int]:
        started = time.perf_counter()
        with self.db.session() as s:
            # The whole order from the driver's cursor (ui/models/id_fetch.py); a first
            # screen is a hundred ids, as the service reads them (its plans read more than
            # one statement: the currencies before the values, the search's index terms).
            ids = ids_through_driver(s, query) if whole else array("q", query(s))
        if whole and len(ids) > TRIM_AFTER:
            give_back_memory()  # the batches of driver rows it went through
        self._slow = self.assume_slow or time.perf_counter() - started > SLOW_QUERY_SECONDS
        return ids

    def _first_arrived(self, generation: int, ids: array[int]) -> None:
        if generation != self._generation:
            return
        if len(ids) < self.FIRST_SCREEN:  # that was all of it
            self._arrived(generation, ids)
            return
        self._reset_to(ids)
        self._partial = True
        self.screened.emit()
        self._ask_all(generation)

    def _arrived(self, generation: int, ids: array[int]) -> None:
        if generation != self._generation:
            return
        shown = len(self._ids)
        if self._partial and len(ids) >= shown and ids[:shown] == self._ids:
            # The whole order begins with the screen on view: add the rest below it, so
            # the scroll position, the current row and the selection stay where they are.
            self._shown_generation = self._generation
            self._partial = False
            if len(ids) > shown:
                self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
                self._ids = ids
                self.endInsertRows()
        else:
            self.set_ids(ids)
        self._reusable, self._reusable_pages = {}, []
        self.busy.emit(False)
        self.filled.emit()
        first_page_known = 0 in self._pages or 0 in self._asked_pages
        if self.rows_in_background and self._ids and not first_page_known:
            # The first rows, painted or not: a list on a hidden page (partners, or the
            # agreements under the dashboard) then shows them when first switched to,
            # instead of reading them while the page paints (#15.2). Once the whole order
            # is in, not with the first screen: at the window's first paint the workers
            # have enough to do. (A view in sight has asked for them as it painted.)
            self._ask_page(0)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.busy.emit(False)
            self.failed.emit(str(exc))

    def is_current(self) -> bool:
        """True when no answer to a newer filter or sort is still on its way."""
        return self._generation == self._shown_generation

    def shows_first_screen(self) -> bool:
        """True once the newest query's first screen (or all of it) is on view."""
        return self.is_current() or self._partial

    def rows_pending(self) -> bool:
        """True while a page of rows on view is being read (its cells show placeholders)."""
        return bool(self._asked_pages)

    def set_ids(self, ids: Sequence[int]) -> None:
        self._shown_generation = self._generation
        self._partial = False
        self._reset_to(ids if isinstance(ids, array) else array("q", ids))
        self.filled.emit()

    def _reset_to(self, ids: array[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._asked_pages.clear()
        self._gone.clear()
        for number in self._reusable_pages:  # rows a write did not change, in their new pages
            kept = {
                i: r for i in self._page_ids(number) if (r := self._reusable.get(i)) is not None
            }
            if kept:
                self._pages[number] = kept
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Forget cached rows (after an edit) but keep the id order and the selection."""
        self._pages.clear()
        self._asked_pages.clear()
        self._gone.clear()
        if self._ids:
            last = self.index(len(self._ids) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def cached(self, record_id: int) -> tuple[int, R] | None:
        """The row number and record of ``record_id`` if a page in memory holds it.

        Only the pages in memory are searched: finding an id in a million-long order takes
        the GUI thread tens of milliseconds, and a row not in memory cannot be compared.
        """
        for number, page in self._pages.items():
            record = page.get(record_id)
            if record is not None:
                start = number * self.PAGE_SIZE
                span = self._ids[start : start + self.PAGE_SIZE]
                try:
                    return start + span.index(record_id), record
                except ValueError:  # read for this page before rows above it were removed
                    continue
        return None

    def remove_rows(self, record_ids: Collection[int]) -> None:
        """Take these records' rows out (deleted, or out of the filter now): the others keep
        their order, so it is not read again. Only rows in memory are found (``cached``).

        The rows below move up: each page in memory keeps the rows it still spans, and one
        that came up from a page not in memory is read when painted."""
        rows = sorted((found[0] for i in record_ids if (found := self.cached(i))), reverse=True)
        if not rows:
            return
        self._rows_epoch += 1
        for row in rows:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self.endRemoveRows()
        self._repage({i: r for page in self._pages.values() for i, r in page.items()})

    def replace_rows(self, records: Sequence[R]) -> None:
        """Show these records, read after a write, in place of the ones in memory: the
        order stays (the caller checked that the write cannot move them), and only their
        rows are painted again. Records not in memory are left to be read when painted."""
        self._rows_epoch += 1
        last_column = len(self.columns) - 1
        for record in records:
            found = self.cached(self.row_id(record))
            if found is None:
                continue
            row = found[0]
            self._pages[row // self.PAGE_SIZE][self.row_id(record)] = record
            self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))

    def ids(self) -> list[int]:
        return self._ids.tolist()

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def ids_in(self, spans: Iterable[tuple[int, int]]) -> list[int]:
        """The ids of rows first..last of each span, sliced from the id array in C: a
        million selected rows read one ``id_at`` at a time took 0.5 s on the GUI thread."""
        return [i for first, last in spans for i in self._ids[max(first, 0) : last + 1].tolist()]

    def row_of_id(self, record_id: int) -> int:
        # The ids' bytes searched in C: array.index makes and compares a Python int per
        # id, ~30 ms at a million on the GUI thread (restoring the selection after a read).
        rows = rows_of(self._ids.tobytes(), (record_id,))
        return rows[0] if rows else -1

    def record(self, row: int) -> R | None:
        """The row's record, read now if its page is not in memory (a caller that needs it)."""
        if not 0 <= row < len(self._ids):
            return None
        number, record_id = row // self.PAGE_SIZE, self._ids[row]
        page = self._pages.get(number)
        if page is None or (record_id not in page and record_id not in self._gone):
            wanted = self._missing(number)
            with self.db.session() as s:
                read = {self.row_id(r): r for r in self.fetch_rows(s, wanted)}
            page = self._merge(number, wanted, read)
        else:
            self._pages.move_to_end(number)
        return page.get(record_id)  # None: deleted since the ids were read

    def _missing(self, number: int) -> list[int]:
        """The page's ids not in memory (all of them for a page not read; after rows above
        were removed, the few that moved up into it)."""
        page = self._pages.get(number)
        wanted = self._page_ids(number)
        return wanted if page is None else [i for i in wanted if i not in page]

    def _merge(self, number: int, wanted: list[int], read: dict[int, R]) -> dict[int, R]:
        self._gone.update(i for i in wanted if i not in read)
        page = {**self._pages.get(number, {}), **read}
        self._keep(number, page)
        return page

    def _page_ids(self, number: int) -> list[int]:
        start = number * self.PAGE_SIZE
        return self._ids[start : start + self.PAGE_SIZE].tolist()

    def _keep(self, number: int, page: dict[int, R]) -> None:
        self._pages[number] = page
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)

    def _painted_record(self, row: int) -> R | None:
        """What a cell shows: the cached record, else None while its page is read."""
        if not self.rows_in_background:
            return self.record(row)
        number, record_id = row // self.PAGE_SIZE, self._ids[row]
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            record = page.get(record_id)
            if record is not None or record_id in self._gone:
                return record
        if number not in self._asked_pages:
            self._ask_page(number)
        return None

    def _ask_page(self, number: int) -> None:
        token = self._asked_pages[number] = object()
        generation, wanted, epoch = self._generation, self._missing(number), self._rows_epoch
        fetch = self.fetch_rows

        def work(_progress: object) -> dict[int, R]:
            with self.db.session() as s:
                return {self.row_id(r): r for r in fetch(s, wanted)}

        def arrived(page: dict[int, R]) -> None:
            if self._asked_pages.get(number) is not token:
                return  # another order or an edit came meanwhile: the page is read again
            del self._asked_pages[number]
            if generation != self._generation or epoch != self._rows_epoch:
                # Read before a write whose rows were shown since, or before rows moved
                # (``_apply_edits``: the order changed without a reset).
                self._ask_page(number)
                return
            self._merge(number, wanted, page)
            first = number * self.PAGE_SIZE
            last = min(first + self.PAGE_SIZE, len(self._ids)) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

        def failed(exc: BaseException) -> None:
            # The page stays asked (placeholders) until the next query or refresh: asking
            # again at every paint would repeat the failure many times a second.
            self.failed.emit(str(exc))

        run_job(None, "", work, arrived, failed, show_dialog=False, quick=True)

    # --- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column_number = index.row(), index.column()
        if not (0 <= row < len(self._ids) and 0 <= column_number < len(self.columns)):
            return None  # an invalid index is row -1
        role = int(role)
        if role == _ID:
            return self._ids[row]
        record = self._painted_record(row)
        if record is None:
            return "…" if role == DISPLAY and column_number == 0 else None
        column = self.columns[column_number]
        if role == TOOLTIP and column.tooltip is not None:
            return column.tooltip(record)
        if role in (DISPLAY, TOOLTIP):
            return column.value(record)
        if role == ALIGNMENT:
            return RIGHT if column.align_right else LEFT
        if role == FOREGROUND:
            return self.foreground(record, column.key)
        if role == _RECORD:
            return record
        if role == _STATE:
            return self.cell_state(record, column.key)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title()
        if role == Roles.SORT_KEY:
            return column.sort_key
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else NO_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is an ORDER BY in the database, never a Python sort of the rows."""
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and self._ids:
            return
        self.sort_key, self.descending = key, descending
        self.reload()
