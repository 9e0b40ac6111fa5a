"""The status bar's small warning when an exchange rate the agreements use is too old.

A separate widget (the dashboard is busy): hidden while every rate in use is fresh,
"Old exchange rates: EUR, USD" otherwise, each rate's age, date and source in its tooltip.
A click opens Settings on the exchange rates.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from app.db import Database
from app.services.fx import RateInForce, stale_rates_in_use

STYLE = "color: #c0392b; padding: 0 6px;"


class StaleRatesLabel(QLabel):
    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staleRates")
        self.setStyleSheet(STYLE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.stale: tuple[RateInForce, ...] = ()
        self.hide()

    def refresh(self, db: Database, today: date) -> None:
        with db.session() as s:
            self.stale = stale_rates_in_use(s, today)
        self.show_rates(self.stale, today)

    def show_rates(self, stale: tuple[RateInForce, ...], today: date) -> None:
        if not stale:
            self.hide()
            return
        codes = ", ".join(r.currency for r in stale)
        self.setText(self.tr("Old exchange rates: %1").replace("%1", codes))
        lines = [
            self.tr("%1 rate is %2 days old (%3, %4)")
            .replace("%1", r.currency)
            .replace("%2", str((today - r.effective_date).days))
            .replace("%3", r.effective_date.isoformat())
            .replace("%4", r.source)
            for r in stale
            if r.effective_date is not None
        ]
        lines.append(self.tr("Click to bring the rates up to date in Settings."))
        self.setToolTip("\n".join(lines))
        self.setAccessibleName(self.text())
        self.show()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)
