"""Small charts drawn with ``reportlab.graphics``: bars and a donut that read at a glance.

Drawn by hand rather than with ReportLab's chart classes, which place labels and axes by
their own rules: here every bar carries its exact label and value, and nothing else.
Geometry needs floats; the amounts shown are always formatted from the Decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String, Wedge
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.domain.shares import rounded_shares
from app.reports.fonts import FontSet
from app.reports.styles import INK, MUTED, NAVY, RULE, SERIES, WHITE

TITLE_SIZE = 8.5
LABEL_SIZE = 7


@dataclass(frozen=True, slots=True)
class Datum:
    label: str
    value: Decimal  # what sets the bar's length
    text: str  # what is printed beside it


def _fit(text: str, font: str, size: float, room: float) -> str:
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…"


def _drawing(fonts: FontSet, width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    # Otherwise the renderer starts in Helvetica, which the PDF would name unembedded.
    d.initialFontName = fonts.body
    return d


def _title(d: Drawing, fonts: FontSet, title: str, height: float) -> None:
    d.add(
        String(
            0, height - TITLE_SIZE, title, fontName=fonts.bold, fontSize=TITLE_SIZE, fillColor=NAVY
        )
    )


def _scale(data: Sequence[Datum]) -> float:
    top = max((d.value for d in data), default=Decimal(0))
    return float(top) if top > 0 else 1.0


def hbar(fonts: FontSet, title: str, data: Sequence[Datum], width: float, height: float) -> Drawing:
    """One bar per category, longest value full width, value printed at the bar's end."""
    d = _drawing(fonts, width, height)
    _title(d, fonts, title, height)
    if not data:
        return d
    label_w = max(stringWidth(x.label, fonts.body, LABEL_SIZE) for x in data) + 6
    label_w = min(label_w, width * 0.38)
    value_w = max(stringWidth(x.text, fonts.body, LABEL_SIZE) for x in data) + 4
    bar_room = max(width - label_w - value_w, 10)
    top = height - TITLE_SIZE - 8
    step = min(top / len(data), 18)
    bar_h = step * 0.62
    top_value = _scale(data)
    for i, x in enumerate(data):
        y = top - (i + 1) * step + (step - bar_h) / 2
        d.add(
            String(
                label_w - 6,
                y + bar_h / 2 - LABEL_SIZE / 3,
                _fit(x.label, fonts.body, LABEL_SIZE, label_w - 6),
                fontName=fonts.body,
                fontSize=LABEL_SIZE,
                fillColor=INK,
                textAnchor="end",
            )
        )
        length = bar_room * float(x.value) / top_value
        d.add(
            Rect(
                label_w,
                y,
                max(length, 0.8),
                bar_h,
                fillColor=SERIES[i % len(SERIES)],
                strokeColor=None,
            )
        )
        d.add(
            String(
                label_w + length + 3,
                y + bar_h / 2 - LABEL_SIZE / 3,
                x.text,
                fontName=fonts.body,
                fontSize=LABEL_SIZE,
                fillColor=MUTED,
            )
        )
    d.add(Line(label_w, top, label_w, top - len(data) * step, strokeColor=RULE, strokeWidth=0.6))
    return d


def vbar(fonts: FontSet, title: str, data: Sequence[Datum], width: float, height: float) -> Drawing:
    """Columns along a time axis (quarters), the count printed above each."""
    d = _drawing(fonts, width, height)
    _title(d, fonts, title, height)
    if not data:
        return d
    base = LABEL_SIZE + 6
    top = height - TITLE_SIZE - 10 - LABEL_SIZE
    step = width / len(data)
    bar_w = step * 0.58
    top_value = _scale(data)
    for i, x in enumerate(data):
        cx = step * i + step / 2
        length = (top - base) * float(x.value) / top_value
        d.add(Rect(cx - bar_w / 2, base, bar_w, max(length, 0.8), fillColor=NAVY, strokeColor=None))
        d.add(
            String(
                cx,
                base + length + 2,
                x.text,
                fontName=fonts.body,
                fontSize=LABEL_SIZE,
                fillColor=INK,
                textAnchor="middle",
            )
        )
        d.add(
            String(
                cx,
                2,
                _fit(x.label, fonts.body, LABEL_SIZE - 0.5, step - 2),
                fontName=fonts.body,
                fontSize=LABEL_SIZE - 0.5,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    d.add(Line(0, base, width, base, strokeColor=RULE, strokeWidth=0.6))
    return d


def donut(
    fonts: FontSet,
    title: str,
    data: Sequence[Datum],
    width: float,
    height: float,
    centre_text: str = "",
) -> Drawing:
    """Shares of a whole, with a legend giving each share as a percentage and a value."""
    d = _drawing(fonts, width, height)
    _title(d, fonts, title, height)
    total = sum((x.value for x in data), Decimal(0))
    radius = min((height - TITLE_SIZE - 12) / 2, width * 0.22)
    cx, cy = radius + 4, (height - TITLE_SIZE - 6) / 2
    if total <= 0:
        d.add(Circle(cx, cy, radius, fillColor=RULE, strokeColor=None))
    else:
        angle = 90.0
        for i, x in enumerate(data):
            sweep = 360.0 * float(x.value / total)
            if sweep <= 0:
                continue
            if sweep >= 359.99:
                d.add(Circle(cx, cy, radius, fillColor=SERIES[i % len(SERIES)], strokeColor=None))
            else:
                d.add(
                    Wedge(
                        cx,
                        cy,
                        radius,
                        angle - sweep,
                        angle,
                        fillColor=SERIES[i % len(SERIES)],
                        strokeColor=WHITE,
                        strokeWidth=1,
                    )
                )
            angle -= sweep
    d.add(Circle(cx, cy, radius * 0.58, fillColor=WHITE, strokeColor=None))
    if centre_text:
        d.add(
            String(
                cx,
                cy - 3,
                centre_text,
                fontName=fonts.bold,
                fontSize=8,
                fillColor=NAVY,
                textAnchor="middle",
            )
        )
    legend_x = cx + radius + 12
    y = cy + len(data) * 11 / 2 - 8
    # Whole percentages that add up to 100 (largest remainder), not 33 + 33 + 33.
    shares = rounded_shares([x.value for x in data], 0) or [Decimal(0)] * len(data)
    for i, x in enumerate(data):
        share = shares[i]
        d.add(Rect(legend_x, y, 7, 7, fillColor=SERIES[i % len(SERIES)], strokeColor=None))
        d.add(
            String(
                legend_x + 11,
                y + 0.5,
                f"{x.label}  {share:.0f}%",
                fontName=fonts.body,
                fontSize=LABEL_SIZE + 0.5,
                fillColor=INK,
            )
        )
        d.add(
            String(
                legend_x + 11,
                y - 8,
                x.text,
                fontName=fonts.body,
                fontSize=LABEL_SIZE - 0.5,
                fillColor=MUTED,
            )
        )
        y -= 20
    return d


def empty(fonts: FontSet, title: str, text: str, width: float, height: float) -> Drawing:
    """A chart with nothing to show says so, rather than leaving a blank."""
    d = _drawing(fonts, width, height)
    _title(d, fonts, title, height)
    d.add(
        String(
            width / 2,
            height / 2,
            text,
            fontName=fonts.body,
            fontSize=LABEL_SIZE + 1,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    return d


def has_data(data: Sequence[Datum]) -> bool:
    return any(x.value > 0 for x in data)
