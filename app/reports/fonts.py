"""Fonts for the reports: find a CJK TrueType font to embed, and draw any text with it.

ReportLab only embeds TrueType outlines (``.ttf``/``.ttc``); OpenType/CFF fonts such as
Debian's Noto CJK raise on load and are skipped. Without an embeddable CJK font the
reports fall back to the built-in CID font STSong-Light, which viewers must supply.

ReportLab does no glyph fallback of its own, so ``FontSet.markup`` splits text into runs,
each in the first font that has its characters: Helvetica for Western text, the CJK font
for Chinese, a wide-coverage font (DejaVu Sans, Arial Unicode...) for Hebrew, Arabic and
symbols when one is installed.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
CID_FALLBACK = "STSong-Light"
CJK_NAME = "PDCJK"

# File names by preference: good-looking sans-serif CJK faces with TrueType outlines.
CJK_CANDIDATES = (
    "msyh.ttc", "msyh.ttf", "msyhl.ttc", "simhei.ttf", "simsun.ttc", "Deng.ttf",  # Windows
    "PingFang.ttc", "STHeiti Light.ttc", "STHeiti Medium.ttc", "Hiragino Sans GB.ttc",
    "Songti.ttc", "Arial Unicode.ttf",  # macOS
    "wqy-microhei.ttc", "wqy-zenhei.ttc", "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf", "uming.ttc", "ukai.ttc", "NotoSansSC-Regular.ttf",
    "NotoSansCJKsc-Regular.ttf", "SourceHanSansSC-Regular.ttf",  # Linux and friends
)  # fmt: skip
# Western faces with a bold, embedded so every viewer draws the same letters (a
# non-embedded Helvetica is replaced by whatever the viewer's system has).
LATIN_CANDIDATES = (
    ("arial.ttf", "arialbd.ttf"),  # Windows
    ("Arial.ttf", "Arial Bold.ttf"),  # macOS
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("FreeSans.ttf", "FreeSansBold.ttf"),
)
LATIN_TTF = "PDSans"
LATIN_TTF_BOLD = "PDSans-Bold"

# Wide-coverage faces for scripts neither Helvetica nor the CJK font draw.
EXTRA_CANDIDATES = (
    "DejaVuSans.ttf", "arialuni.ttf", "Arial Unicode.ttf", "segoeui.ttf", "seguisym.ttf",
    "FreeSans.ttf", "NotoSans-Regular.ttf", "seguiemj.ttf", "Symbola.ttf",
    "NotoEmoji-Regular.ttf",
)  # fmt: skip


def font_dirs() -> list[Path]:
    """Where Windows, macOS and Linux keep fonts, system-wide and per user."""
    home = Path.home()
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs.append(windir / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    else:
        data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
        dirs += [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            data_home / "fonts",
            home / ".fonts",
        ]
    return [d for d in dirs if d.is_dir()]


def _fontconfig_files() -> list[Path]:
    """Files fontconfig knows for Chinese; empty where fc-list is not installed."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [Path(line.split(":", 1)[0].strip()) for line in out.splitlines() if line.strip()]


def _index(dirs: Iterable[Path], wanted: set[str]) -> dict[str, Path]:
    """Lower-cased file name -> first path found, walking each folder once."""
    found: dict[str, Path] = {}
    for root in dirs:
        for dirpath, _dirnames, filenames in os.walk(root):
            for name in filenames:
                key = name.lower()
                if key in wanted and key not in found:
                    found[key] = Path(dirpath) / name
    return found


def _try_ttf(name: str, path: Path) -> TTFont | None:
    try:
        # A .ttc holds several faces; the first is the regular one of the families above.
        return (
            TTFont(name, str(path), subfontIndex=0)
            if path.suffix.lower() == ".ttc"
            else TTFont(name, str(path))
        )
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        log.debug("font %s cannot be embedded: %s", path, exc)
        return None


def find_cjk_font(
    dirs: Sequence[Path] | None = None, *, use_fontconfig: bool = True
) -> TTFont | None:
    """The first embeddable CJK TrueType font on this machine, loaded, or None."""
    search = list(dirs) if dirs is not None else font_dirs()
    by_name = _index(search, {c.lower() for c in CJK_CANDIDATES})
    paths = [by_name[c.lower()] for c in CJK_CANDIDATES if c.lower() in by_name]
    if use_fontconfig:
        paths += [p for p in _fontconfig_files() if p.suffix.lower() in {".ttf", ".ttc"}]
    for path in paths:
        font = _try_ttf(CJK_NAME, path)
        # A "CJK" font must at least draw the commonest characters of a contract.
        if font is not None and all(ord(c) in font.face.charToGlyph for c in "合同中国"):
            return font
    return None


def find_latin_fonts(dirs: Sequence[Path] | None = None) -> tuple[TTFont, TTFont] | None:
    """A regular and bold TrueType pair for Western text, loaded, or None."""
    search = list(dirs) if dirs is not None else font_dirs()
    by_name = _index(search, {n.lower() for pair in LATIN_CANDIDATES for n in pair})
    for regular, bold in LATIN_CANDIDATES:
        if regular.lower() in by_name and bold.lower() in by_name:
            r = _try_ttf(LATIN_TTF, by_name[regular.lower()])
            b = _try_ttf(LATIN_TTF_BOLD, by_name[bold.lower()])
            if r is not None and b is not None:
                return r, b
    return None


def find_extra_fonts(dirs: Sequence[Path] | None = None) -> list[TTFont]:
    search = list(dirs) if dirs is not None else font_dirs()
    by_name = _index(search, {c.lower() for c in EXTRA_CANDIDATES})
    fonts = []
    for i, candidate in enumerate(c for c in EXTRA_CANDIDATES if c.lower() in by_name):
        font = _try_ttf(f"PDExtra{i}", by_name[candidate.lower()])
        if font is not None:
            fonts.append(font)
    return fonts


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
        text = visual(text)
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
    """(regular, bold, coverage) for Western text: an embedded TrueType pair if any."""
    pair = find_latin_fonts()
    if pair is None:
        return LATIN, LATIN_BOLD, _latin_covers
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
            "no embeddable Chinese TrueType font found; using the built-in %s, which is "
            "not embedded (install e.g. fonts-wqy-microhei)",
            CID_FALLBACK,
        )
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        cjk_entry = (CID_FALLBACK, _cid_covers)
        embedded = False
    extras = []
    for font in find_extra_fonts():
        pdfmetrics.registerFont(font)
        extras.append((font.fontName, _ttf_covers(font)))
    return cjk_entry[0], embedded, (cjk_entry, *extras)


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
