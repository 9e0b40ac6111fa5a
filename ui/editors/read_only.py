"""An editor opened by someone whose role may not change the record: read, never edit.

Fields stay readable, selectable and in the tab order (a screen reader still reads them),
but take no typing; choices and buttons that would write are off, each saying why.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from ui.access import switch


def lock_fields(roots: Iterable[QWidget], why: str) -> None:
    """Make every input under ``roots`` read-only, its tooltip saying ``why``."""
    for root in roots:
        for widget in root.findChildren(QWidget):
            if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
                if isinstance(widget.parent(), QComboBox | QAbstractSpinBox):
                    continue  # the box's own line: the box is handled itself
                widget.setReadOnly(True)
                widget.setToolTip(why)
            elif isinstance(widget, QComboBox):
                switch(widget, why)
            elif isinstance(widget, QAbstractItemView):
                widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            elif isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QTabBar):
                switch(widget, why)  # check boxes, "New partner…" and the like


def lock_buttons(buttons: Iterable[QAbstractButton], why: str) -> None:
    for button in buttons:
        switch(button, why)
