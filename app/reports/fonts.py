"""Fonts for the reports: the TrueType faces shipped in ``resources/fonts``, and any text
drawn with them.

Only the bundled fonts are used, never the machine's own: the same report looks the same
wherever it is made (DejaVu Sans Condensed for Western text, Hebrew, Arabic and symbols;
WenQuanYi Micro Hei for Chinese). If the CJK file is missing (a damaged install), the
built-in CID font STSong-Light stands in, which viewers must supply, with a warning.

ReportLab does no glyph fallback of its own, so ``FontSet.markup`` splits text into runs,
each in the first font that has its characters; a character no font has is printed as
``[U+XXXX]``, visible and extractable, never an empty box.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

CID_FALLBACK = "STSong-Light"
CJK_NAME = "PDCJK"
LATIN_TTF = "PDSans"
LATIN_TTF_BOLD = "PDSans-Bold"

FONT_DIR = Path(str(files("resources") / "fonts"))
LATIN_FILES = ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf")
CJK_FILE = "wqy-microhei.ttc"


def _try_ttf(name: str, path: Path) -> TTFont | None:
    try:
        # A .ttc holds several faces; the first is the regular one.
        return (
            TTFont(name, str(path), subfontIndex=0)
            if path.suffix.lower() == ".ttc"
            else TTFont(name, str(path))
        )
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        log.debug("font %s cannot be embedded: %s", path, exc)
        return None


def find_cjk_font(dirs: Sequence[Path] | None = None) -> TTFont | None:
    """The bundled CJK font (or the first in ``dirs`` that draws Chinese), loaded."""
    for folder in dirs if dirs is not None else [FONT_DIR]:
        for path in sorted(folder.glob("*.tt[cf]")) if dirs is not None else [folder / CJK_FILE]:
            font = _try_ttf(CJK_NAME, path)
            # A "CJK" font must at least draw the commonest characters of a contract.
            if font is not None and all(ord(c) in font.face.charToGlyph for c in "合同中国"):
                return font
    return None


def find_latin_fonts(folder: Path = FONT_DIR) -> tuple[TTFont, TTFont] | None:
    """The bundled regular and bold pair for Western text, loaded, or None."""
    regular = _try_ttf(LATIN_TTF, folder / LATIN_FILES[0])
    bold = _try_ttf(LATIN_TTF_BOLD, folder / LATIN_FILES[1])
    return None if regular is None or bold is None else (regular, bold)


# --- right-to-left text and characters beyond the BMP -------------------------------------

_RTL = re.compile(
    r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]"
    r"(?:[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\s\d.,:;!?'\"()\[\]\-]*"
    r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])?"
)
_MIRROR = str.maketrans("()[]{}<>", ")(][}{><")


def _reverse_run(match: re.Match[str]) -> str:
    # Digits keep their left-to-right order inside right-to-left text.
    tokens = re.findall(r"\d+|.", match.group(0), re.DOTALL)
    return "".join(reversed(tokens)).translate(_MIRROR)


def visual(text: str) -> str:
    """Hebrew and Arabic runs in the order they are drawn (PDF text runs left to right).

    ReportLab has no bidi algorithm of its own; this covers right-to-left words and
    phrases inside left-to-right text, which is what partner names and notes contain.
    (Arabic letters are not joined: that needs a shaping engine ReportLab lacks.)
    """
    if text.isascii() or not _RTL.search(text):
        return text
    return _RTL.sub(_reverse_run, text)


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode CMap, with characters beyond U+FFFF as UTF-16 pairs.

    ReportLab writes them as five hex digits (``<1F600>``), which text extractors reject,
    losing every character of that font; an emoji in a name must not cost the rest.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ]  # fmt: skip
    for i, code in enumerate(subset):
        lines.append(f"<{i:02X}> <{chr(code).encode('utf-16-be').hex().upper()}>")
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end",
              "end"]  # fmt: skip
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


# --- coverage ------------------------------------------------------------------------------


# The standard 14 fonts are drawn in WinAnsi (cp1252): these are the characters they have.
_CP1252 = frozenset(bytes(range(32, 256)).decode("cp1252", errors="ignore")) | {"\t", "\n"}
_latin_covers = _CP1252.__contains__


def _cid_covers(ch: str) -> bool:
    o = ord(ch)
    return (
        o < 0x7F
        or 0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF
        or o in (0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2103, 0x2116)
    )


def _ttf_covers(font: TTFont) -> Callable[[str], bool]:
    cmap = font.face.charToGlyph
    return lambda ch: ord(ch) in cmap


@dataclass(frozen=True)
class FontSet:
    """The fonts one report uses and how to put any text into them."""

    body: str
    bold: str
    cjk: str
    cjk_embedded: bool  # False: STSong-Light, which is not embedded
    # (font name, coverage test) in the order a character looks for a font that has it.
    chain: tuple[tuple[str, Callable[[str], bool]], ...] = field(default=())
    ascii_body: bool = False  # the body font draws all of printable ASCII

    def shown(self, text: str) -> str:
        """``text`` as drawn: right-to-left runs in visual order, and each character that
        no bundled font has as ``[U+XXXX]`` (visible and searchable, not an empty box)."""
        text = visual(text)
        if self.ascii_body and text.isascii():
            return text
        if all(any(covers(ch) for _, covers in self.chain) or ch in "\r\n\t" for ch in text):
            return text
        return "".join(
            ch if ch in "\r\n\t" or any(covers(ch) for _, covers in self.chain)
            else f"[U+{ord(ch):04X}]"
            for ch in text
        )  # fmt: skip

    def font_for(self, ch: str) -> str:
        for name, covers in self.chain:
            if covers(ch):
                return name
        return self.body

    def single_font(self, text: str) -> str | None:
        """The one font that draws all of ``text`` (plain table cells), or None."""
        first = self.chain[0]
        if (self.ascii_body and text.isascii()) or all(first[1](c) for c in text):
            return first[0]
        # Mixed Latin and Chinese (a partner's names) fits the CJK face, which has both.
        for name, covers in self.chain[1:]:
            if all(covers(c) or c.isspace() for c in text):
                return name
        return None

    def markup(self, text: str, *, newlines: bool = False) -> str:
        """``text`` escaped for a Paragraph, with a font switch wherever one is needed."""
        text = self.shown(text)
        body = self.chain[0][0]
        covers = self.chain[0][1]
        if (self.ascii_body and text.isascii()) or all(covers(c) for c in text):
            out = escape(text)
        else:
            parts: list[str] = []
            run: list[str] = []
            run_font = body
            for ch in text:
                font = run_font if ch.isspace() else (body if covers(ch) else self.font_for(ch))
                if font != run_font and run:
                    parts.append(self._run("".join(run), run_font, body))
                    run = []
                run_font = font
                run.append(ch)
            if run:
                parts.append(self._run("".join(run), run_font, body))
            out = "".join(parts)
        if newlines:
            out = out.replace("\r\n", "\n").replace("\n", "<br/>")
        return out

    @staticmethod
    def _run(text: str, font: str, body: str) -> str:
        if font == body:
            return escape(text)
        return f'<font face="{font}">{escape(text)}</font>'


Chain = tuple[tuple[str, Callable[[str], bool]], ...]


@lru_cache(maxsize=1)
def _latin() -> tuple[str, str, Callable[[str], bool]]:
    """(regular, bold, coverage) for Western text: the bundled TrueType pair."""
    pair = find_latin_fonts()
    if pair is None:  # a damaged install: the PDF's standard fonts, not embedded
        log.warning("the bundled report fonts are missing from %s; using Helvetica", FONT_DIR)
        return "Helvetica", "Helvetica-Bold", _latin_covers
    regular, bold = pair
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    pdfmetrics.registerFontFamily(
        LATIN_TTF,
        normal=LATIN_TTF,
        bold=LATIN_TTF_BOLD,
        italic=LATIN_TTF,
        boldItalic=LATIN_TTF_BOLD,
    )
    return LATIN_TTF, LATIN_TTF_BOLD, _ttf_covers(regular)


@lru_cache(maxsize=1)
def _registered() -> tuple[str, bool, Chain]:
    """Register the fonts once per process: (cjk name, embedded?, extra fonts)."""
    cjk = find_cjk_font()
    if cjk is not None:
        pdfmetrics.registerFont(cjk)
        pdfmetrics.registerFontFamily(
            CJK_NAME, normal=CJK_NAME, bold=CJK_NAME, italic=CJK_NAME, boldItalic=CJK_NAME
        )
        log.debug("embedding CJK font %s", cjk.face.filename)
        cjk_entry: tuple[str, Callable[[str], bool]] = (CJK_NAME, _ttf_covers(cjk))
        embedded = True
    else:
        log.warning(
            "no embeddable Chinese TrueType font found in %s; using the built-in %s, which is "
            "not embedded (reinstall PartnerDesk)",
            FONT_DIR,
            CID_FALLBACK,
        )
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        cjk_entry = (CID_FALLBACK, _cid_covers)
        embedded = False
    return cjk_entry[0], embedded, (cjk_entry,)


def font_set(lang: str) -> FontSet:
    """Chinese reports set everything in the CJK face; English ones in a Western face."""
    cjk, embedded, cjk_chain = _registered()
    regular, bold, covers = _latin()
    latin = (regular, covers)
    if lang == "zh":
        chain = (*cjk_chain[:1], latin, *cjk_chain[1:])
        return FontSet(cjk, cjk, cjk, embedded, chain, _covers_ascii(cjk_chain[0][1]))
    return FontSet(regular, bold, cjk, embedded, (latin, *cjk_chain), _covers_ascii(covers))


def _covers_ascii(covers: Callable[[str], bool]) -> bool:
    return all(covers(chr(c)) for c in range(32, 127))
