"""Renewals: the pipeline of decision dates, month by month, and the renew action."""

from __future__ import annotations

import time
from datetime import date

from PySide6.QtCore import QLocale, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, Session
from app.domain.enums import AgreementStatus, AgreementType
from app.services.abilities import Access
from app.services.dashboard import DecisionDue
from app.services.listing import AgreementFilter
from app.services.overview import RenewalPipeline, renewal_pipeline
from ui import background, i18n
from ui.access import Deed, explain_in_menu, refusal, switch
from ui.background import Reader
from ui.models.agreements import NEAR_COLOUR, PAST_COLOUR
from ui.pages.base import Page
from ui.widgets.context_menu import open_by_keyboard

LIMIT = 2000  # a pipeline longer than this is read in the agreements list instead
ROWS_PER_TURN = 500
# A turn of the event loop adds rows for this long at most: 500 rows were 50-80 ms of the
# GUI thread under load (PostgreSQL 100,000, load 2.5-3 on 2 cores, where a turn's CPU time
# takes two to four times as long on the clock), more than the frame or two #15.2 allows.
TURN_SECONDS = 0.010
RIGHT = Qt.AlignmentFlag.AlignRight
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RenewalsPage(Page):
    open_requested = Signal(int)
    renew_requested = Signal(int)

    def __init__(self, db: Database, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.reader = Reader(db, self)
        self.today = today or date.today()
        self.items: list[DecisionDue] = []
        self.due = self.missed = 0  # all of them; the items stop at LIMIT of each
        self._filling = 0  # the newest fill (an older one's rows still to add are dropped)

        self.horizon_box = QComboBox()
        for days in (30, 60, 90, 180, 365):
            self.horizon_box.addItem(self.tr("Next %1 days").replace("%1", str(days)), days)
        self.horizon_box.setCurrentIndex(2)
        self.type_box = QComboBox()
        self.type_box.addItem(self.tr("All types"), None)
        for t in AgreementType:
            self.type_box.addItem(i18n.type_label(t), t.value)
        self.renew_button = QPushButton(self.tr("Renew…"))
        self.renew_button.setEnabled(False)
        self.renew_button.clicked.connect(self._renew_current)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_current)
        self.summary = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Decision dates in the")))
        bar.addWidget(self.horizon_box)
        bar.addWidget(self.type_box)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        bar.addWidget(self.open_button)
        bar.addWidget(self.renew_button)

        self.tree = QTreeWidget()
        self.tree.setObjectName("renewalsTree")
        self.tree.setAccessibleName(self.tr("Decisions due, by month"))
        self.horizon_box.setAccessibleName(self.tr("Decision dates in the next"))
        self.type_box.setAccessibleName(self.tr("Cooperation type"))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels([
            self.tr("Decision date"), self.tr("Days left"), self.tr("Reference"),
            self.tr("Title"), self.tr("Partner"), self.tr("Type"), self.tr("Owner"),
            self.tr("Auto-renew"), self.tr("Value"),
        ])  # fmt: skip
        for column, width in enumerate((130, 150, 110, 230, 250, 80, 100, 80, 130)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self._open_item(item))
        self.tree.currentItemChanged.connect(lambda _c, _p: self._update_buttons())
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        open_by_keyboard(self.tree)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        self.horizon_box.currentIndexChanged.connect(self.load)
        self.type_box.currentIndexChanged.connect(self.load)
        self.loaded = False

    def activate(self) -> None:
        """Shown: read the pipeline now (2,000 rows cost half a second at 100,000)."""
        if not self.loaded:
            self.load()

    def refresh(self) -> None:
        """After an edit: re-read only if it has been read; else the next showing reads it."""
        if self.loaded:
            self.load()

    def load(self) -> None:
        self.loaded = True
        days = int(self.horizon_box.currentData())
        type_value = self.type_box.currentData()
        f = AgreementFilter(types=frozenset({AgreementType(type_value)}) if type_value else
                            frozenset())  # fmt: skip
        today = self.today

        def read(s: Session) -> RenewalPipeline:
            # Missed decision dates first, each part at most LIMIT, and how many in all.
            return renewal_pipeline(s, today, days, f, limit=LIMIT)

        self.reader.read(read, self._arrived)

    def _arrived(self, pipeline: RenewalPipeline) -> None:
        self.items = list(pipeline.decisions)
        self.due, self.missed = pipeline.due, pipeline.missed
        self._fill()

    def _fill(self) -> None:
        started = time.perf_counter()
        self._filling += 1
        self.tree.clear()
        missed = [d for d in self.items if d.days_left < 0]
        upcoming = [d for d in self.items if d.days_left >= 0]
        shown_missed, shown = missed[:LIMIT], upcoming[:LIMIT]
        groups: dict[tuple[int, int], list[DecisionDue]] = {}
        if shown_missed:
            groups[(0, 0)] = shown_missed  # the "Overdue" group, at the top
        for d in shown:
            groups.setdefault((d.decision_date.year, d.decision_date.month), []).append(d)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        past = QBrush(QColor(PAST_COLOUR))
        rows: list[tuple[QTreeWidgetItem, DecisionDue]] = []
        for (year, month), entries in groups.items():
            title = (
                self.tr("Overdue")
                if year == 0
                else self.tr("%1-%2").replace("%1", str(year)).replace("%2", f"{month:02d}")
            )
            head = QTreeWidgetItem([title, "", "", self.tr("%Ln agreement(s)", "", len(entries))])
            head.setFirstColumnSpanned(False)
            for column in range(4):
                head.setFont(column, bold)
            if year == 0:
                head.setForeground(0, past)
                head.setToolTip(
                    0, self.tr("Live agreements whose decision date has already passed")
                )
            self.tree.addTopLevelItem(head)
            rows += [(head, d) for d in entries]
        self._add_rows(self._filling, rows, 0, started)
        # The counts are of all the decisions, not of the rows shown (capped at LIMIT each).
        more = self.due > len(shown) or self.missed > len(shown_missed)
        text = self.tr("%Ln decision(s) due", "", self.due)
        if self.missed:
            text += ", " + self.tr("%1 overdue").replace("%1", QLocale().toString(self.missed))
        if more:
            text += " " + self.tr("(first %1 shown)").replace("%1", QLocale().toString(LIMIT))
        self.summary.setText(text)
        self._update_buttons()

    def _add_rows(
        self, filling: int, rows: list[tuple[QTreeWidgetItem, DecisionDue]], start: int,
        started: float | None = None,
        held: dict[int, tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] | None = None,
    ) -> None:  # fmt: skip
        """Put ``rows`` in the tree, in the application at most ``ROWS_PER_TURN`` and
        ``TURN_SECONDS`` (from ``started``) per turn of the event loop: 4,000 rows at
        100,000 agreements took 50-90 ms of the GUI thread in one go (#15.2). The first
        turn's rows go in at once (the first screen); the others are made a turn at a time
        and go in together with the last: rows added to the tree at each turn had it lay
        out every open group again, more each turn. A newer fill drops an older one."""
        if filling != self._filling:
            return
        in_turns = background.in_workers
        deadline = (started or time.perf_counter()) + TURN_SECONDS
        last = min(start + ROWS_PER_TURN, len(rows)) if in_turns else len(rows)
        children = {} if held is None else held
        end = start
        while end < last:
            head, d = rows[end]
            children.setdefault(id(head), (head, []))[1].append(self._row(d))
            end += 1
            if in_turns and end % 20 == 0 and time.perf_counter() > deadline:
                break
        if start == 0 or end == len(rows):
            for head, items in children.values():
                head.addChildren(items)
                head.setExpanded(True)
            children = {}
        if end < len(rows):
            QTimer.singleShot(0, self, lambda: self._add_rows(filling, rows, end, None, children))

    def _row(self, d: DecisionDue) -> QTreeWidgetItem:
        partner = d.partner_name
        if d.partner_local_name and d.partner_local_name != d.partner_name:
            partner += f" ({d.partner_local_name})"
        item = QTreeWidgetItem([
            d.decision_date.isoformat(), self._days_text(d.days_left), d.reference, d.title,
            partner, i18n.type_label(d.type), d.owner, self.tr("Yes") if d.auto_renew else "",
            i18n.money(d.value, d.currency),
        ])  # fmt: skip
        item.setData(0, ID_ROLE, d.agreement_id)
        item.setTextAlignment(1, RIGHT)
        item.setTextAlignment(8, RIGHT)
        if d.days_left <= 14:
            colour = QBrush(QColor(PAST_COLOUR if d.days_left <= 7 else NEAR_COLOUR))
            for column in range(2):
                item.setForeground(column, colour)
        return item

    def _days_text(self, days_left: int) -> str:
        if days_left == -1:
            return self.tr("overdue by 1 day")
        if days_left < 0:
            return self.tr("overdue by %1 days").replace("%1", f"{-days_left:,}")
        return str(days_left)

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def current_due(self) -> DecisionDue | None:
        agreement_id = self.current_id()
        return next((d for d in self.items if d.agreement_id == agreement_id), None)

    def set_access(self, access: Access) -> None:
        super().set_access(access)
        self._update_buttons()

    def _update_buttons(self) -> None:
        due = self.current_due()
        self.open_button.setEnabled(due is not None)
        self.renew_button.setEnabled(due is not None and due.status == AgreementStatus.ACTIVE)
        if (why := refusal(self.access, Deed.CHANGE_AGREEMENTS)) is not None:
            switch(self.renew_button, why)

    def _open_item(self, item: QTreeWidgetItem) -> None:
        value = item.data(0, ID_ROLE)
        if value is not None:
            self.open_requested.emit(int(value))

    def _open_current(self) -> None:
        agreement_id = self.current_id()
        if agreement_id is not None:
            self.open_requested.emit(agreement_id)

    def _renew_current(self) -> None:
        agreement_id = self.current_id()
        if agreement_id is not None:
            self.renew_requested.emit(agreement_id)

    def select_agreement(self, agreement_id: int) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            children = [head.child(j) for j in range(head.childCount())] if head else []
            for child in children:
                if child is not None and child.data(0, ID_ROLE) == agreement_id:
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def _context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None or item.data(0, ID_ROLE) is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), self._open_current)
        renew = menu.addAction(self.tr("Renew…"), self._renew_current)
        renew.setEnabled(self.renew_button.isEnabled())
        renew.setToolTip(self.renew_button.toolTip())
        explain_in_menu(menu)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
