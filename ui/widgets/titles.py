"""Window titles a window manager can show in full.

Qt gives the window manager "Title — PartnerDesk"; a small dialog (one question and a
number) was narrower than that and its title bar read "Demo … erDesk".
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QWidget

# A title bar's icon, three buttons and margins (openbox, GNOME, KDE and Windows all
# leave 110-140 pixels beside the text).
TITLE_BAR_CHROME = 140


def title_width(title: str) -> int:
    """The width a title bar needs for ``title`` as the window manager shows it."""
    app = QGuiApplication.applicationDisplayName()
    shown = title if not app or title == app else f"{title} — {app}"
    font = QFont(QApplication.font())
    font.setBold(True)  # title bars are usually bold, and wider for it
    return QFontMetrics(font).horizontalAdvance(shown) + TITLE_BAR_CHROME


def fit_title(window: QWidget) -> None:
    """Never narrower than its title bar needs."""
    window.setMinimumWidth(max(window.minimumWidth(), title_width(window.windowTitle())))


def fit_input_title(dialog: QInputDialog) -> None:
    """``fit_title`` for a QInputDialog: its layout sets the dialog's minimum size itself
    when it is shown, so the width goes to its label (there is room for margins in the
    chrome allowance)."""
    label = dialog.findChild(QLabel)
    if label is not None:
        label.setMinimumWidth(title_width(dialog.windowTitle()))


def number_dialog(
    parent: QWidget | None, title: str, label: str, value: int, low: int, high: int, step: int
) -> QInputDialog:
    """``QInputDialog.getInt``'s dialog, as wide as its title; show it with ``exec``."""
    dialog = QInputDialog(parent)
    dialog.setInputMode(QInputDialog.InputMode.IntInput)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setIntRange(low, high)
    dialog.setIntStep(step)
    dialog.setIntValue(value)
    fit_input_title(dialog)
    return dialog


def text_dialog(parent: QWidget | None, title: str, label: str, text: str) -> QInputDialog:
    """``QInputDialog.getText``'s dialog, as wide as its title; show it with ``exec``."""
    dialog = QInputDialog(parent)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    fit_input_title(dialog)
    return dialog
