"""The report fonts, lent to Qt where the computer has none for a script.

A computer without a Chinese font (or, in a bare container, without any font) would draw
the Chinese window, or every label, as empty boxes. The fonts the reports embed ship with
PartnerDesk (``resources/fonts``); Qt gets them only when the system lacks such a font, so
that everywhere else the window keeps the desktop's own fonts.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.reports.fonts import CJK_FILE, FONT_DIR, LATIN_FILES

WS = QFontDatabase.WritingSystem


def add_missing_fonts(
    app: QApplication, has_latin: bool | None = None, has_chinese: bool | None = None
) -> list[str]:
    """Add the bundled fonts for the scripts the system cannot draw; the families added."""
    if has_latin is None:
        has_latin = bool(QFontDatabase.families(WS.Latin))
    if has_chinese is None:
        has_chinese = bool(QFontDatabase.families(WS.SimplifiedChinese))
    files = ([] if has_latin else list(LATIN_FILES)) + ([] if has_chinese else [CJK_FILE])
    added: list[str] = []
    for name in files:
        font_id = QFontDatabase.addApplicationFont(str(FONT_DIR / name))
        if font_id >= 0:
            added.extend(QFontDatabase.applicationFontFamilies(font_id))
    if not has_latin and added:
        # With no font at all Qt has no default family to fall back from: name ours.
        font = QFont(app.font())
        font.setFamilies(list(dict.fromkeys(added)))
        app.setFont(font)
    return added
