"""The house look of every report: colours, type sizes and paragraph styles."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from app.reports.fonts import FontSet

INK = colors.HexColor("#1B2434")
NAVY = colors.HexColor("#17324D")
ACCENT = colors.HexColor("#D9480F")
MUTED = colors.HexColor("#5C6B7A")
RULE = colors.HexColor("#CED4DA")
ZEBRA = colors.HexColor("#F3F5F8")
PANEL = colors.HexColor("#EEF2F6")
WHITE = colors.white

GREEN = colors.HexColor("#2F9E44")
AMBER = colors.HexColor("#F59F00")
RED = colors.HexColor("#E03131")
# Light enough to read the page through, dark enough to survive a photocopier.
WATERMARK = colors.Color(0.85, 0.2, 0.2, alpha=0.13)
GREY = colors.HexColor("#ADB5BD")
TRAFFIC = {"green": GREEN, "amber": AMBER, "red": RED, "no_data": GREY}

# One hue per category so a chart reads at a glance; order matches the enums.
SERIES = [
    colors.HexColor(c)
    for c in ("#17324D", "#D9480F", "#2B8A9E", "#8C6BB1", "#E8A33D", "#6C8EAD", "#B5475C")
]

BODY_SIZE = 9
TABLE_SIZE = 8


@dataclass(frozen=True)
class Styles:
    fonts: FontSet
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    figure: ParagraphStyle
    figure_label: ParagraphStyle
    label: ParagraphStyle
    warning: ParagraphStyle


def make_styles(fonts: FontSet, lang: str) -> Styles:
    # Chinese wraps between any two characters; Western text only at spaces.
    wrap = "CJK" if lang == "zh" else None
    leading = 1.45 if lang == "zh" else 1.3

    def style(name: str, size: float, font: str | None = None, **kw: object) -> ParagraphStyle:
        kw.setdefault("leading", size * leading)
        kw.setdefault("textColor", INK)
        return ParagraphStyle(
            name,
            fontName=font or fonts.body,
            fontSize=size,
            wordWrap=wrap,
            splitLongWords=1,
            **kw,
        )

    return Styles(
        fonts=fonts,
        body=style("body", BODY_SIZE, spaceAfter=4),
        small=style("small", 7.5),
        muted=style("muted", 7.5, textColor=MUTED),
        title=style("title", 22, fonts.bold, textColor=NAVY, spaceAfter=2, leading=27),
        subtitle=style("subtitle", 11, textColor=MUTED, spaceAfter=2),
        h1=style("h1", 13, fonts.bold, textColor=NAVY, spaceBefore=12, spaceAfter=6),
        h2=style("h2", 10, fonts.bold, textColor=NAVY, spaceBefore=8, spaceAfter=4),
        cell=style("cell", TABLE_SIZE, leading=TABLE_SIZE * 1.25, alignment=TA_LEFT),
        cell_right=style("cell_right", TABLE_SIZE, leading=TABLE_SIZE * 1.25, alignment=TA_RIGHT),
        figure=style("figure", 12.5, fonts.bold, textColor=NAVY, leading=16),
        figure_label=style("figure_label", 7.5, textColor=MUTED),
        label=style("label", 8, fonts.bold, textColor=MUTED),
        warning=style("warning", 8.5, textColor=RED, spaceAfter=2),
    )
