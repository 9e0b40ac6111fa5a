"""Tables that split page by page in linear time, with the header row on every page.

One ReportLab ``Table`` holding thousands of rows re-measures what is left at every page
break (quadratic). ``RowsTable`` measures each row once, and at each page break builds a
plain ``Table`` of exactly the rows that fit under a fresh header row: a 10,000-row
appendix costs the same per row as a 100-row one, and no header shows up mid-page (which
fixed-size chunks of ``Table`` would do).

Cells are plain strings wherever the text fits on one line in one font (ReportLab draws
those fast); only text that must wrap or mix fonts becomes a ``Paragraph``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from app.reports.styles import NAVY, RULE, TABLE_SIZE, WHITE, ZEBRA, Styles
from app.reports.wrap import break_long_words

PAD_X = 4.0
PAD_Y = 2.6
LINE = TABLE_SIZE * 1.22
PLAIN_HEIGHT = LINE + 2 * PAD_Y
HEADER_HEIGHT = PLAIN_HEIGHT + 2

Cell: TypeAlias = str | Paragraph | Flowable
Tick = Callable[[int], None]


@dataclass(frozen=True)
class Column:
    label: str
    width: float  # points
    right: bool = False  # numbers and amounts


class CellMaker:
    """Turns text into the cheapest cell that shows all of it, literally."""

    def __init__(self, styles: Styles, size: float = TABLE_SIZE) -> None:
        self.styles = styles
        self.fonts = styles.fonts
        self.size = size
        self._body = self.fonts.body
        self._widths: dict[tuple[str, str], float] = {}

    def _width(self, text: str, font: str) -> float:
        key = (text, font)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = stringWidth(text, font, self.size)
        return width

    def __call__(
        self, text: str, width: float, *, right: bool = False, bold: bool = False
    ) -> tuple[Cell, str | None]:
        """(cell, font to set on it or None for the table's own font)."""
        room = width - 2 * PAD_X
        text = self.fonts.shown(text)
        if len(text) * self.size > room:  # something may be too wide: break at seams
            face = self.fonts.bold if bold else self._body
            text = break_long_words(text, lambda t: self._width(t, face), room)
        if "\n" not in text and "\r" not in text:
            font = self.fonts.single_font(text)
            if font is not None:
                if bold and font == self._body:
                    font = self.fonts.bold
                # No glyph is wider than 1 em: short text fits without being measured.
                if len(text) * self.size <= room or self._width(text, font) <= room:
                    return text, None if font == self._body else font
                # Wrapped at spaces into a multi-line plain cell: a tenth of a Paragraph's
                # cost, which matters in a 10,000-row appendix.
                lines = simpleSplit(text, font, self.size, room)
                if 1 < len(lines) <= 4 and all(self._width(ln, font) <= room for ln in lines):
                    return "\n".join(lines), None if font == self._body else font
        style = self.styles.cell_right if right else self.styles.cell
        markup = self.fonts.markup(text, newlines=True)
        if bold:
            markup = f"<b>{markup}</b>"
        return Paragraph(markup, style), None


class RowsTable(Flowable):  # type: ignore[misc]
    """A header and any number of rows, drawn as one page-sized ``Table`` per page."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        fonts: Sequence[Sequence[tuple[int, str]]] | None = None,
        *,
        header_font: str,
        body_font: str,
        extra_style: Sequence[tuple[Any, ...]] = (),
        row_styles: Sequence[Sequence[tuple[Any, ...]]] | None = None,
        tick: Tick | None = None,
        heights: list[float | None] | None = None,
        start: int = 0,
    ) -> None:
        super().__init__()
        self.columns = list(columns)
        self.rows = rows
        self.cell_fonts = fonts
        self.header_font = header_font
        self.body_font = body_font
        self.extra_style = list(extra_style)
        self.row_styles = row_styles
        self.tick = tick
        # Heights are shared with the remainders this table splits into: measured once.
        self.heights: list[float | None] = heights if heights is not None else [None] * len(rows)
        self.start = start
        self.width = sum(c.width for c in self.columns)

    # --- measuring ----------------------------------------------------------------------

    def _height(self, i: int) -> float:
        h = self.heights[i]
        if h is None:
            h = PLAIN_HEIGHT
            for cell, column in zip(self.rows[i], self.columns, strict=True):
                if isinstance(cell, str):
                    if "\n" in cell:
                        h = max(h, (cell.count("\n") + 1) * LINE + 2 * PAD_Y)
                else:
                    _w, ch = cell.wrap(column.width - 2 * PAD_X, 1e6)
                    h = max(h, ch + 2 * PAD_Y + 1)
            self.heights[i] = h
        return h

    def _fitting(self, avail: float) -> tuple[int, float]:
        """How many rows from ``start`` fit under a header in ``avail`` points."""
        used = HEADER_HEIGHT
        n = 0
        for i in range(self.start, len(self.rows)):
            h = self._height(i)
            if used + h > avail:
                break
            used += h
            n += 1
        return n, used

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        n, used = self._fitting(avail_height)
        if self.start + n < len(self.rows):
            # Not all of it fits: report more than there is room for, so platypus splits.
            return self.width, avail_height + 1
        return self.width, used

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        n, _used = self._fitting(avail_height)
        if n == 0:
            if self._height(self.start) + HEADER_HEIGHT <= 700:
                return []  # next frame
            n = 1  # a row taller than any page: let it overflow rather than loop
        parts: list[Flowable] = [self._table(self.start, self.start + n)]
        if self.start + n < len(self.rows):
            parts.append(self._rest(self.start + n))
        return parts

    def draw(self) -> None:
        table = self._table(self.start, len(self.rows))
        table.wrapOn(self.canv, self.width, 1e6)
        table.drawOn(self.canv, 0, 0)

    def _rest(self, start: int) -> RowsTable:
        return RowsTable(
            self.columns,
            self.rows,
            self.cell_fonts,
            header_font=self.header_font,
            body_font=self.body_font,
            extra_style=self.extra_style,
            row_styles=self.row_styles,
            tick=self.tick,
            heights=self.heights,
            start=start,
        )

    # --- building -----------------------------------------------------------------------

    def _table(self, start: int, end: int) -> Table:
        header: list[Cell] = [c.label for c in self.columns]
        data: list[Sequence[Cell]] = [header, *self.rows[start:end]]
        heights = [HEADER_HEIGHT, *(self._height(i) for i in range(start, end))]
        style: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), self.body_font, TABLE_SIZE, LINE),
            ("FONT", (0, 0), (-1, 0), self.header_font, TABLE_SIZE, LINE),
            ("TEXTCOLOR", (0, 0), (-1, 0), WHITE),
            ("BACKGROUND", (0, 0), (-1, 0), NAVY),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [WHITE, ZEBRA]),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ]
        for col, column in enumerate(self.columns):
            if column.right:
                style.append(("ALIGN", (col, 0), (col, -1), "RIGHT"))
        style += self.extra_style
        for r in range(start, end):
            local = r - start + 1
            if self.cell_fonts is not None:
                for col, font in self.cell_fonts[r]:
                    style.append(("FONTNAME", (col, local), (col, local), font))
            if self.row_styles is not None:
                for cmd in self.row_styles[r]:
                    name, (c0, _r0), (c1, _r1), *args = cmd
                    style.append((name, (c0, local), (c1, local), *args))
        table = Table(
            data,
            colWidths=[c.width for c in self.columns],
            rowHeights=heights,
            repeatRows=1,
            style=TableStyle(style),
            hAlign="LEFT",
        )
        if self.tick is not None:
            self.tick(end - start)
        return table


def rows_table(
    styles: Styles,
    columns: Sequence[Column],
    records: Sequence[Sequence[str | Flowable]],
    *,
    bold_first: bool = False,
    tick: Tick | None = None,
    row_styles: Sequence[Sequence[tuple[Any, ...]]] | None = None,
    extra_style: Sequence[tuple[Any, ...]] = (),
) -> RowsTable:
    """Text records to a ``RowsTable``, each cell the cheapest that shows it literally."""
    make = CellMaker(styles)
    rows: list[list[Cell]] = []
    fonts: list[list[tuple[int, str]]] = []
    for record in records:
        row: list[Cell] = []
        row_fonts: list[tuple[int, str]] = []
        for col, (text, column) in enumerate(zip(record, columns, strict=True)):
            if not isinstance(text, str):
                row.append(text)
                continue
            cell, font = make(text, column.width, right=column.right, bold=bold_first and col == 0)
            row.append(cell)
            if font is not None:
                row_fonts.append((col, font))
        rows.append(row)
        fonts.append(row_fonts)
    return RowsTable(
        columns,
        rows,
        fonts,
        header_font=styles.fonts.bold,
        body_font=styles.fonts.body,
        tick=tick,
        row_styles=row_styles,
        extra_style=extra_style,
    )
