"""What every report shares: the page, the header and footer, page X of Y, bookmarks,
metadata and progress.

A renderer subclasses ``Report`` and writes ``_story(data)``; ``render(data)`` returns the
PDF bytes. Page totals come from a canvas that holds its pages until the end (one layout
pass, not two), so "Page 3 of 250" costs nothing extra for a long appendix.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.reports.canvas import draw_text, initials, numbered_canvas
from app.reports.data import ReportContext
from app.reports.fonts import font_set
from app.reports.i18n import Words
from app.reports.money import stale_warning
from app.reports.styles import (
    ACCENT,
    MUTED,
    NAVY,
    PANEL,
    RULE,
    WATERMARK,
    WHITE,
    Styles,
    make_styles,
)
from app.reports.tables import Column, RowsTable, Tick, rows_table
from app.reports.wrap import break_long_words

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


class HasContext(Protocol):
    @property
    def context(self) -> ReportContext: ...


D = TypeVar("D", bound=HasContext)


class Heading(Paragraph):  # type: ignore[misc]
    """A section title that also becomes a PDF bookmark."""

    def __init__(self, text: str, markup: str, style: Any, level: int, key: str) -> None:
        super().__init__(markup, style)
        self.outline_text = text
        self.outline_level = level
        self.outline_key = key


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, buffer: io.BytesIO, report: Report[Any], **kw: Any) -> None:
        super().__init__(buffer, **kw)
        self.report = report

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            key = flowable.outline_key
            # The canvas holds its pages until the end (page X of Y): it binds the
            # destination to the page the heading landed on when that page is written.
            self.canv.bookmarkPage(key, fit="XYZ", top=self.frame._y + flowable.height + 12)
            self.canv.addOutlineEntry(
                flowable.outline_text, key, level=flowable.outline_level, closed=False
            )


class Report(Generic[D]):
    """Base renderer: A4 portrait, 18 mm side margins, a running header and footer."""

    pagesize: ClassVar[tuple[float, float]] = A4
    margin_left: ClassVar[float] = 18 * mm
    margin_right: ClassVar[float] = 18 * mm
    margin_top: ClassVar[float] = 22 * mm
    margin_bottom: ClassVar[float] = 18 * mm
    title_key: ClassVar[str] = ""

    def __init__(self) -> None:
        self.words = Words("en")
        self.fonts = font_set("en")
        self.styles = make_styles(self.fonts, "en")
        self.context: ReportContext | None = None
        self._progress: Progress | None = None
        self._done = 0
        self._total = 0
        self._keys = 0
        self._watermark_text = ""

    # --- to override --------------------------------------------------------------------

    def _story(self, data: D) -> list[Flowable]:
        raise NotImplementedError

    def _subtitle(self, data: D) -> str:
        return ""

    def _subject(self, data: D) -> str:
        return self._subtitle(data)

    def _work(self, data: D) -> int:
        """Rows the progress callback counts (0: the report is short)."""
        return 0

    def _styles(self) -> Styles:
        return make_styles(self.fonts, self.words.lang)

    # --- rendering ----------------------------------------------------------------------

    @property
    def _font_cmd(self) -> tuple[Any, ...]:
        # Layout grids set their font too: an empty cell would otherwise pull in Helvetica,
        # a font the PDF then names without embedding.
        return ("FONT", (0, 0), (-1, -1), self.fonts.body, 9)

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.margin_left - self.margin_right

    def title(self, data: D) -> str:
        return self.words(self.title_key)

    def render(self, data: D, progress: Progress | None = None) -> bytes:
        ctx = data.context
        self.context = ctx
        self.words = Words(ctx.lang)
        self.fonts = font_set(ctx.lang)
        self.styles = self._styles()
        self._progress = progress
        self._done = 0
        self._total = self._work(data)
        self._keys = 0
        self._watermark_text = self._watermark(data)
        self._report(0)
        story = self._orphan_guard([*self._title_block(data), *self._story(data)])
        buffer = io.BytesIO()
        title = self.title(data)
        subtitle = self._subtitle(data)
        doc = _Doc(
            buffer,
            self,
            pagesize=self.pagesize,
            leftMargin=self.margin_left,
            rightMargin=self.margin_right,
            topMargin=self.margin_top,
            bottomMargin=self.margin_bottom,
            title=f"{title}: {subtitle}" if subtitle else title,
            author=ctx.author or ctx.company,
            subject=self._subject(data) or title,
            creator="PartnerDesk",
            producer="PartnerDesk (ReportLab)",
            keywords=[k for k in (ctx.company, title, ctx.as_of.isoformat()) if k],
            lang="zh-CN" if ctx.lang == "zh" else "en",
            displayDocTitle=True,
        )
        doc.addPageTemplates(
            [
                self._template("page", self.pagesize),
                self._template("wide", landscape(self.pagesize)),
            ]
        )
        doc.build(story, canvasmaker=self._canvas_class())
        self._report(self._total)
        return buffer.getvalue()

    @staticmethod
    def _orphan_guard(story: list[Flowable]) -> list[Flowable]:
        """A heading never ends a page: it moves on unless a few lines fit below it.

        (``keepWithNext`` would move a whole long table to the next page instead.)
        """
        guarded: list[Flowable] = []
        for flowable in story:
            if isinstance(flowable, Heading):
                guarded.append(CondPageBreak(45 * mm if flowable.outline_level == 0 else 26 * mm))
            guarded.append(flowable)
        return guarded

    def _template(self, name: str, size: tuple[float, float]) -> PageTemplate:
        frame = Frame(
            self.margin_left,
            self.margin_bottom,
            size[0] - self.margin_left - self.margin_right,
            size[1] - self.margin_top - self.margin_bottom,
            id=name,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        return PageTemplate(name, [frame], onPage=self._decorate, pagesize=size)

    def wide_pages(self) -> list[Flowable]:
        """Landscape from the next page on: long lists get room for their columns."""
        return [NextPageTemplate("wide"), PageBreak()]

    @property
    def wide_width(self) -> float:
        width: float = landscape(self.pagesize)[0]
        return width - self.margin_left - self.margin_right

    def _report(self, done: int) -> None:
        if self._progress is not None and not self._progress(done, max(self._total, done, 1)):
            raise InterruptedError("report cancelled")

    def tick(self, rows: int) -> None:
        self._done += rows
        self._report(min(self._done, self._total))

    # --- building blocks ----------------------------------------------------------------

    def p(self, text: str, style: Any = None) -> Paragraph:
        """User or label text as a paragraph, escaped: never markup."""
        return Paragraph(self.fonts.markup(text, newlines=True), style or self.styles.body)

    def long_text(self, text: str, style: Any = None) -> list[Flowable]:
        """Free text of any length: one paragraph per line, so pages break between them."""
        lines = text.replace("\r\n", "\n").split("\n")
        return [self.p(line, style) if line.strip() else Spacer(1, 4) for line in lines]

    def heading(self, text: str, level: int = 0) -> Heading:
        self._keys += 1
        style = self.styles.h1 if level == 0 else self.styles.h2
        return Heading(text, self.fonts.markup(text), style, level, f"s{self._keys}")

    def table(
        self,
        columns: Sequence[Column],
        records: Sequence[Sequence[str]],
        *,
        bold_first: bool = False,
        count: bool = False,
        row_styles: Sequence[Sequence[tuple[Any, ...]]] | None = None,
        extra_style: Sequence[tuple[Any, ...]] = (),
    ) -> RowsTable:
        tick: Tick | None = self.tick if count else None
        return rows_table(
            self.styles,
            columns,
            records,
            bold_first=bold_first,
            tick=tick,
            row_styles=row_styles,
            extra_style=extra_style,
        )

    def columns(self, *spec: tuple[str, float, bool], wide: bool = False) -> list[Column]:
        """Columns from (label key, share of the frame width, right-aligned)."""
        total = sum(share for _k, share, _r in spec)
        width = self.wide_width if wide else self.frame_width
        return [Column(self.words(k), width * share / total, right) for k, share, right in spec]

    def fields(self, pairs: Sequence[tuple[str, str]], columns: int = 2) -> Table:
        """Label/value pairs in a grid: the top of a contract."""
        label_w = self.frame_width / columns * 0.36
        value_w = self.frame_width / columns - label_w
        cells: list[list[Any]] = []
        row: list[Any] = []
        body = self.styles.body
        for label, value in pairs:
            # URLs and identifiers wrap at their seams, never mid-word.
            value = break_long_words(
                value, lambda t: stringWidth(t, body.fontName, body.fontSize), value_w - 6
            )
            row += [self.p(label, self.styles.label), self.p(value, body)]
            if len(row) == 2 * columns:
                cells.append(row)
                row = []
        if row:
            cells.append(row + [""] * (2 * columns - len(row)))
        table = Table(cells, colWidths=[label_w, value_w] * columns, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    self._font_cmd,
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    # Labels are set a size smaller: this lines their baselines up.
                    *(("TOPPADDING", (c, 0), (c, -1), 1.7) for c in range(0, 2 * columns, 2)),
                ]
            )
        )
        return table

    def figures(self, items: Sequence[tuple[str, str]]) -> Table:
        """Headline numbers in panels across the page."""
        width = self.frame_width / len(items)
        cells = [
            [
                [
                    self.p(value, self._figure_style(value, width - 14)),
                    self.p(label, self.styles.figure_label),
                ]
                for label, value in items
            ]
        ]
        table = Table(cells, colWidths=[width] * len(items), hAlign="LEFT")
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ("BACKGROUND", (0, 0), (-1, -1), PANEL),
            ("LINEABOVE", (0, 0), (-1, 0), 2, NAVY),
        ]
        for i in range(1, len(items)):
            style.append(("LINEBEFORE", (i, 0), (i, 0), 3, WHITE))
        table.setStyle(TableStyle([self._font_cmd, *style]))
        return table

    def _figure_style(self, value: str, room: float) -> ParagraphStyle:
        """The figure's style, its size shrunk until a long amount fits on one line."""
        style: ParagraphStyle = self.styles.figure
        size = style.fontSize
        font = self.fonts.single_font(value)
        if font is None or font == self.fonts.body:
            font = style.fontName  # the bold face, wider than the body font measured
        while size > 8 and stringWidth(value, font, size) > room:
            size -= 0.5
        if size == style.fontSize:
            return style
        return ParagraphStyle(f"figure{size}", parent=style, fontSize=size, leading=size * 1.25)

    def note(self, text: str) -> Paragraph:
        return self.p(text, self.styles.muted)

    def keep(self, *flowables: Flowable) -> KeepTogether:
        return KeepTogether(list(flowables))

    # --- page furniture -----------------------------------------------------------------

    def _title_block(self, data: D) -> list[Flowable]:
        ctx = data.context
        w = self.words
        meta = (
            f"{w('as_of')} {w.long_date(ctx.as_of)}   ·   "
            f"{w('generated')} {w.timestamp(ctx.generated_at)}"
        )
        block: list[Flowable] = [Paragraph(self.fonts.markup(self.title(data)), self.styles.title)]
        subtitle = self._subtitle(data)
        if subtitle:
            block.append(self.p(subtitle, self.styles.subtitle))
        block += [
            self.p(meta, self.styles.muted),
            Spacer(1, 3 * mm),
            _Rule(ACCENT, 1.2),
            Spacer(1, 3 * mm),
            *stale_warning(self),  # page 1 of every report that converts money
        ]
        return block

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        ctx = self.context
        assert ctx is not None
        self._draw_watermark(canv)
        w, h = canv._pagesize
        top = h - 12 * mm
        left = self.margin_left
        right = w - self.margin_right
        canv.saveState()
        x = left
        if ctx.logo:
            try:
                image = ImageReader(io.BytesIO(ctx.logo))
                iw, ih = image.getSize()
                height = 7 * mm
                width = min(iw * height / ih, 40 * mm)
                canv.drawImage(
                    image,
                    left,
                    top - 1.5 * mm,
                    width,
                    height,
                    mask="auto",
                    preserveAspectRatio=True,
                )
                x = left + width + 2.5 * mm
            except Exception:  # an unreadable logo must not cost the report
                x = self._badge(canv, ctx.company, left, top)
        elif ctx.company:
            x = self._badge(canv, ctx.company, left, top)
        canv.setFillColor(NAVY)
        if ctx.company:  # no company set: a neutral header, the report's title alone
            draw_text(canv, self.fonts, x, top + 0.6 * mm, ctx.company, 9.5, bold=True)
        canv.setFillColor(MUTED)
        draw_text(
            canv, self.fonts, right, top + 0.6 * mm, self.words(self.title_key), 8, align="right"
        )
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(left, top - 3 * mm, right, top - 3 * mm)
        # Footer: the page number goes in at save time, when the total is known.
        foot = 10 * mm
        canv.line(left, foot + 4 * mm, right, foot + 4 * mm)
        canv.setFillColor(MUTED)
        w_ = self.words
        draw_text(
            canv,
            self.fonts,
            left,
            foot,
            f"{w_('generated')} {w_.timestamp(ctx.generated_at)}  ·  "
            f"{w_('as_of')} {w_.date(ctx.as_of)}  ·  {w_('confidential')}",
            7,
        )
        canv.restoreState()

    def _draw_watermark(self, canv: Canvas) -> None:
        """A large pale word across the page, e.g. DRAFT on an agreement not yet active."""
        if not self._watermark_text:
            return
        w, h = canv._pagesize
        canv.saveState()
        canv.setFillColor(WATERMARK)
        canv.translate(w / 2, h / 2)
        canv.rotate(35)
        draw_text(canv, self.fonts, 0, 0, self._watermark_text, 72, bold=True, align="center")
        canv.restoreState()

    def _watermark(self, data: D) -> str:
        """The word printed across every page ("" for none)."""
        return ""

    def _badge(self, canv: Canvas, company: str, left: float, top: float) -> float:
        size = 7 * mm
        canv.setFillColor(NAVY)
        canv.roundRect(left, top - 1.5 * mm, size, size, 1.2 * mm, stroke=0, fill=1)
        canv.setFillColor(WHITE)
        draw_text(
            canv,
            self.fonts,
            left + size / 2,
            top + 0.6 * mm,
            initials(company),
            8,
            bold=True,
            align="center",
        )
        return float(left + size + 2.5 * mm)

    def _canvas_class(self) -> type[Canvas]:
        return numbered_canvas(self.fonts.body, self._page_number)

    def _page_number(self, canv: Canvas, page: int, total: int) -> None:
        canv.saveState()
        canv.setFillColor(NAVY)
        draw_text(
            canv,
            self.fonts,
            canv._pagesize[0] - self.margin_right,
            10 * mm,
            self.words("page_of", page=page, pages=total),
            7.5,
            bold=True,
            align="right",
        )
        canv.restoreState()


class _Rule(Flowable):  # type: ignore[misc]
    def __init__(self, color: Any, thickness: float) -> None:
        super().__init__()
        self.color = color
        self.thickness = thickness

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.thickness

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, 0, 40 * mm, 0)
