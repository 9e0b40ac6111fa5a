"""A KPI's readings drawn small inside a list cell: the line, the target dotted across,
the last reading as a dot in its traffic-light colour."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.domain.enums import Attainment
from app.services.kpi_series import KpiTrend
from ui.models.lazy import Roles

LIGHTS = {
    Attainment.GREEN: "#2e7d32",
    Attainment.AMBER: "#f9a825",
    Attainment.RED: "#c62828",
    Attainment.NO_DATA: "#9e9e9e",
}
MARGIN = 4


def trend_of(index: QModelIndex | QPersistentModelIndex) -> KpiTrend | None:
    record: Any = index.data(Roles.RECORD)
    trend = getattr(record, "kpi_trend", None)
    return trend if isinstance(trend, KpiTrend) else None


class SparklineDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)  # background, selection, focus
        trend = trend_of(index)
        if trend is None or not trend.points:
            return
        rect = option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        if rect.width() < 8 or rect.height() < 6:
            return
        values = [float(v) for _, v in trend.points]  # drawing only
        target = float(trend.target)
        low, high = min([*values, target]), max([*values, target])
        span = (high - low) or 1.0

        def y(v: float) -> float:
            return rect.bottom() - (v - low) / span * rect.height()

        step = rect.width() / max(1, len(values) - 1)
        points = [QPointF(rect.left() + i * step, y(v)) for i, v in enumerate(values)]
        if len(points) == 1:
            points = [QPointF(rect.left(), points[0].y()), QPointF(rect.right(), points[0].y())]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ink = (
            option.palette.highlightedText().color() if selected else option.palette.text().color()
        )
        dotted = QPen(QColor(ink), 1, Qt.PenStyle.DotLine)
        painter.setPen(dotted)
        painter.drawLine(QPointF(rect.left(), y(target)), QPointF(rect.right(), y(target)))
        painter.setPen(QPen(QColor(ink), 1.3))
        painter.drawPolyline(QPolygonF(points))
        light = QColor(LIGHTS[trend.attainment])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(light)
        painter.drawEllipse(points[-1], 2.6, 2.6)
        painter.restore()
