"""Themes: the system look, or Fusion with a light or a dark palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")

_system_style: str | None = None


def _dark_palette() -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    window, base, text = QColor("#2b2d30"), QColor("#1e1f22"), QColor("#dfe1e5")
    p.setColor(role.Window, window)
    p.setColor(role.WindowText, text)
    p.setColor(role.Base, base)
    p.setColor(role.AlternateBase, QColor("#26282b"))
    p.setColor(role.ToolTipBase, window)
    p.setColor(role.ToolTipText, text)
    p.setColor(role.Text, text)
    p.setColor(role.Button, window)
    p.setColor(role.ButtonText, text)
    p.setColor(role.BrightText, QColor("#ff6b68"))
    p.setColor(role.Link, QColor("#589df6"))
    p.setColor(role.Highlight, QColor("#2f65ca"))
    p.setColor(role.HighlightedText, QColor("#ffffff"))
    p.setColor(role.PlaceholderText, QColor("#8c8f94"))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.Text, role.ButtonText, role.WindowText):
        p.setColor(disabled, r, QColor("#6f737a"))
    return p


def apply(app: QApplication, theme: str) -> str:
    """Apply ``theme`` (system, light, dark); returns the theme actually applied."""
    global _system_style
    if _system_style is None:
        _system_style = app.style().name()
    if theme not in THEMES:
        theme = "system"
    if theme == "system":
        app.setStyle(QStyleFactory.create(_system_style) or QStyleFactory.create("Fusion"))
        app.setPalette(app.style().standardPalette())
    else:
        fusion = QStyleFactory.create("Fusion")
        app.setStyle(fusion)
        app.setPalette(_dark_palette() if theme == "dark" else fusion.standardPalette())
    return theme
