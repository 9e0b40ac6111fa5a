"""Where the computer has no font for Chinese (or none at all), Qt gets the bundled ones."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from ui.bundled_fonts import add_missing_fonts


def test_a_computer_with_fonts_for_both_scripts_keeps_its_own(qapp: QApplication) -> None:
    assert add_missing_fonts(qapp, has_latin=True, has_chinese=True) == []


def test_a_computer_without_chinese_fonts_gets_the_bundled_one(qapp: QApplication) -> None:
    added = add_missing_fonts(qapp, has_latin=True, has_chinese=False)
    assert "WenQuanYi Micro Hei" in added
    assert "WenQuanYi Micro Hei" in QFontDatabase.families(
        QFontDatabase.WritingSystem.SimplifiedChinese
    )


def test_a_computer_without_any_font_draws_with_the_bundled_ones(qapp: QApplication) -> None:
    before = qapp.font()
    try:
        added = add_missing_fonts(qapp, has_latin=False, has_chinese=False)
        assert "DejaVu Sans" in added
        assert qapp.font().families()[0] == "DejaVu Sans"
    finally:
        qapp.setFont(before)
