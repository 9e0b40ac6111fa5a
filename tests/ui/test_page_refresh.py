"""Pages refresh what changed: the page in view at once, the hidden ones when next shown."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Database
from ui.changes import Changes
from ui.main_window import MainWindow
from ui.models.lazy import Roles

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def window(qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)
    w = MainWindow(ui_db, date(2026, 11, 26))
    qtbot.addWidget(w)
    w.show()
    w.show_page("agreements")
    return w


def count_refreshes(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    calls: Counter[str] = Counter()
    for key in ("dashboard", "agreements", "partners", "renewals"):
        page = getattr(window, key)
        original = page.refresh

        def counted(original: object = original, key: str = key) -> None:
            calls[key] += 1
            original()  # type: ignore[operator]

        monkeypatch.setattr(page, "refresh", counted)
    # The list in view follows a write's agreements instead of reading everything again.
    model, follow = window.agreements.model, window.agreements.model.follow

    def followed(*args: object, **kwargs: object) -> None:
        calls["agreements"] += 1
        follow(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(model, "follow", followed)
    return calls


def title_in_list(window: MainWindow, agreement_id: int) -> str:
    model = window.agreements.model
    row = model.row_of_id(agreement_id)
    return str(model.index(row, 1).data(Roles.RECORD).title) if row >= 0 else ""


def test_a_save_refreshes_the_list_in_view_and_leaves_hidden_pages_for_later(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_refreshes(window, monkeypatch)
    editor = window.open_agreement(7)
    assert editor is not None
    editor.title_edit.setText("Renamed while the list is in view")
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]

    qtbot.waitUntil(lambda: title_in_list(window, 7) == "Renamed while the list is in view")
    assert calls == Counter({"agreements": 1})  # the hidden pages were not read again

    window.show_page("renewals")
    assert calls == Counter({"agreements": 1, "renewals": 1})  # read on showing, once
    window.show_page("renewals")
    window.show_page("agreements")
    assert calls == Counter({"agreements": 1, "renewals": 1})  # nothing new: nothing read


def test_an_undo_announces_what_it_changed_and_the_list_follows(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = window.open_agreement(7)
    assert editor is not None
    before = editor.title_edit.text()
    editor.title_edit.setText("To be undone")
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    qtbot.waitUntil(lambda: title_in_list(window, 7) == "To be undone")
    calls = count_refreshes(window, monkeypatch)
    announced: list[Changes] = []
    real_apply = window.apply_changes

    def apply_changes(changes: Changes) -> None:
        announced.append(changes)
        real_apply(changes)

    monkeypatch.setattr(window, "apply_changes", apply_changes)

    window.undo_action.trigger()

    qtbot.waitUntil(lambda: title_in_list(window, 7) == before)
    assert announced == [Changes(agreements=frozenset({7}))]
    assert calls == Counter({"agreements": 1})
