"""The canvas every report draws on: pages held until the end so that each can say
"Page X of Y", bookmarks bound to the page their heading landed on, and one line of text
in whichever bundled font has its glyphs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.reports.fonts import FontSet

PageNumber = Callable[[Canvas, int, int], None]  # (canvas, page, pages)


def numbered_canvas(initial_font: str, page_number: PageNumber) -> type[Canvas]:
    """A canvas class that numbers its pages at save time.

    ReportLab binds a bookmark to the page the document is writing when ``bookmarkPage``
    is called; since pages are only written at save time here, every bookmark would point
    at page 1. Bookmarks are therefore recorded with the page they were made on and bound
    when that page is written.
    """

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Every page starts in the report's font, not ReportLab's Helvetica, so the PDF
            # names no font it does not embed.
            kwargs["initialFontName"] = initial_font
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._marks: list[tuple[str, dict[str, Any]]] = []

        def bookmarkPage(self, key: str, **kw: Any) -> None:
            self._marks.append((key, kw))

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._marks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                for key, kw in state["_marks"]:
                    Canvas.bookmarkPage(self, key, **kw)
                page_number(self, self._pageNumber, total)
                super().showPage()
            self.showOutline()
            super().save()

    return NumberedCanvas


def draw_text(
    canv: Canvas,
    fonts: FontSet,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    align: str = "left",
) -> None:
    """One line of any text on the canvas, each run in a font that has its glyphs."""
    runs: list[tuple[str, str]] = []
    for ch in fonts.shown(text):
        font = fonts.font_for(ch)
        if bold and font == fonts.body:
            font = fonts.bold
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    width = sum(stringWidth(t, f, size) for f, t in runs)
    if align == "right":
        x -= width
    elif align == "center":
        x -= width / 2
    for font, part in runs:
        canv.setFont(font, size)
        canv.drawString(x, y, part)
        x += stringWidth(part, font, size)


def initials(company: str) -> str:
    words = [w for w in company.replace("&", " ").split() if w[:1].isalnum()]
    if not words:
        return "PD"
    if not words[0][0].isascii():
        return words[0][:2]
    return "".join(w[0] for w in words[:2]).upper()
