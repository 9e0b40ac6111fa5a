"""No user action reads the database on the GUI thread (issue #15.2: the window never freezes).

Not a timing: the test counts the sessions opened on the GUI thread while the window is used
as the application runs it (every read in a worker). A page that queries where the user
waits fails here with the place it did it from, however fast the query is on this small
database; at a million agreements the same query would freeze the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db import Database
from ui import background
from ui.access import who
from ui.editors.agreement.editor import AgreementEditor
from ui.main_window import MainWindow
from ui.window.records import open_agreement
from ui.worker import jobs_running

from .conftest import UI_TODAY
from .gui_thread import first_agreement, on_gui_thread, settle, settled_window

__all__ = ["on_gui_thread"]  # the fixture

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # raise() offscreen


def test_no_action_reads_the_database_on_the_gui_thread(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str]
) -> None:
    window = MainWindow(ui_db, today=UI_TODAY)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    settle(qtbot, window)  # building the window reads its settings (the base currency…)
    page = window.agreements
    header = page.view.horizontalHeader()
    keys = [c.key for c in page.model.columns]
    overview = window.partners.overview

    def search(text: str) -> Callable[[], None]:
        def typed() -> None:
            page.search_edit.clear()
            qtbot.keyClicks(page.search_edit, text)  # type: ignore[no-untyped-call]
            page.apply_filter()

        return typed

    actions: list[tuple[str, Callable[[], object]]] = [
        *[(f"show the {key} page", lambda k=key: window.show_page(k))
          for key in ("dashboard", "partners", "renewals", "sellers", "reports", "agreements")],
        ("sort by value", lambda: header.setSortIndicator(keys.index("value"),
                                                          Qt.SortOrder.DescendingOrder)),
        ("sort by partner", lambda: header.setSortIndicator(keys.index("partner"),
                                                            Qt.SortOrder.AscendingOrder)),
        ("search", search("BR")),
        ("filter by type", lambda: page.type_box.setCurrentIndex(1)),
        ("scroll to the end", page.view.scrollToBottom),
        ("refresh the dashboard", window.dashboard.refresh),
        ("pick a partner", lambda: overview.show_partner(window.partners.model.id_at(0))),
        ("refresh everything", window.refresh_all),
    ]  # fmt: skip
    for name, action in actions:
        on_gui_thread.clear()
        action()
        settle(qtbot, window)
        assert not on_gui_thread, f"{name} read on the GUI thread:\n" + on_gui_thread[0]
    assert page.model.rowCount() > 0  # the list did answer, from its workers


def test_an_editor_opens_without_reading_its_choices_on_the_gui_thread(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str]
) -> None:
    window = settled_window(qtbot, ui_db)
    first = first_agreement(window)
    on_gui_thread.clear()
    assert open_agreement(window, first) is None  # it opens once the agreement is read
    qtbot.waitUntil(lambda: bool(window.open_editors), timeout=10_000)
    settle(qtbot, window)
    editor = window.open_editors[0]
    assert isinstance(editor, AgreementEditor) and editor.agreement_id == first
    # Neither the agreement nor the choices (every partner, every owner) were read here.
    assert not any("get_agreement" in s or "_load_choices" in s for s in on_gui_thread), (
        on_gui_thread[0]
    )
    assert editor.partner_combo.count() > 1  # the whole list arrived from the worker
    assert not editor.is_dirty()  # and its arrival is no edit
    editor.close()


def test_the_start_up_reminder_is_read_in_a_worker(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str]
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui import settings
    from ui.application import greet_in_background

    settings.STARTUP_REMINDER.set(True)
    window = settled_window(qtbot, ui_db)
    on_gui_thread.clear()
    greet_in_background(window)
    assert not window.findChildren(QMessageBox)  # not yet: the window paints meanwhile
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)), timeout=10_000)
    box = window.findChildren(QMessageBox)[0]
    assert "decision" in box.text()
    assert not on_gui_thread, on_gui_thread[0]
    box.close()


def test_saving_undoing_deleting_and_the_editors_tabs_stay_off_the_gui_thread(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str]
) -> None:
    window = settled_window(qtbot, ui_db)
    first = first_agreement(window)
    open_agreement(window, first)
    qtbot.waitUntil(lambda: bool(window.open_editors), timeout=10_000)
    settle(qtbot, window)
    editor = window.open_editors[0]
    assert isinstance(editor, AgreementEditor)
    title = editor.title_edit.text()

    def edit_and_save() -> None:
        editor.title_edit.setText(title + " (renegotiated)")
        editor.save_then()
        assert not editor.tabs.isEnabled()  # off while the worker writes

    def wait_for_writes() -> None:
        qtbot.waitUntil(lambda: not background.writing() and jobs_running() == 0, timeout=10_000)
        settle(qtbot, window)

    tabs = {editor.tabs.tabText(i): i for i in range(editor.tabs.count())}
    actions: list[tuple[str, Callable[[], object]]] = [
        *[(f"show the {name} tab", lambda i=index: editor.tabs.setCurrentIndex(i))
          for name, index in tabs.items()],
        ("save", edit_and_save),
        ("undo the save", window.undo_stack.undo),
        ("redo it", window.undo_stack.redo),
        ("show the reports page", lambda: window.show_page("reports")),
    ]  # fmt: skip
    for name, action in actions:
        on_gui_thread.clear()
        action()
        wait_for_writes()
        assert not on_gui_thread, f"{name} read on the GUI thread:\n" + on_gui_thread[0]
    assert editor.tabs.isEnabled()
    assert editor.title_edit.text() == title + " (renegotiated)"  # the redo, reloaded
    assert editor.history_tab.table.rowCount() > 0  # the history did arrive

    on_gui_thread.clear()
    from PySide6.QtWidgets import QMessageBox

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
        editor.delete_agreement()
        wait_for_writes()
    assert not on_gui_thread, "delete read on the GUI thread:\n" + on_gui_thread[0]
    assert window.open_editors == []  # closed once deleted
    window.undo_stack.undo()  # brings it back, in a worker too
    wait_for_writes()
    assert not on_gui_thread, "undoing the delete read on the GUI thread:\n" + on_gui_thread[0]


@pytest.mark.usefixtures("on_gui_thread")  # the reads in workers, as in the application
def test_the_start_up_reminder_does_not_pop_up_over_an_editor_opened_meanwhile(
    qtbot: QtBot, ui_db: Database
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui import settings
    from ui.application import greet_in_background

    settings.STARTUP_REMINDER.set(True)
    window = settled_window(qtbot, ui_db)
    greet_in_background(window)  # the facts are read in a worker…
    window.new_agreement()  # …while the user opens an editor
    qtbot.waitUntil(lambda: "decision" in window.statusBar().currentMessage(), timeout=10_000)
    assert not window.findChildren(QMessageBox)  # said in the status bar, no box over it
    for editor in window.open_editors:
        editor.close()


def test_deleting_from_the_list_and_undoing_it_stay_off_the_gui_thread(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str]
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = MainWindow(ui_db, today=UI_TODAY)
    qtbot.addWidget(window)
    window.show()  # the list in view follows what changed
    settle(qtbot, window)
    model = window.agreements.model
    ids = [i for i in (model.id_at(0), model.id_at(1)) if i is not None]
    before = model.rowCount()

    def written() -> None:
        qtbot.waitUntil(lambda: not background.writing() and jobs_running() == 0, timeout=10_000)
        settle(qtbot, window)

    on_gui_thread.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
        window.delete_agreements(ids)
        written()
    assert not on_gui_thread, "delete from the list read on the GUI thread:\n" + on_gui_thread[0]
    assert window.undo_stack.count() == 1, window.undo_stack.count()
    window.show_page("agreements")
    settle(qtbot, window)
    assert model.rowCount() == before - 2
    assert window.undo_stack.count() == 1  # one step for both
    window.undo_stack.undo()
    written()
    assert not on_gui_thread, "undoing it read on the GUI thread:\n" + on_gui_thread[0]
    assert model.rowCount() == before


def test_an_editor_tab_removes_an_entry_off_the_gui_thread(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str]
) -> None:
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import select

    from app.domain.models import Milestone

    with ui_db.session() as s:
        agreement_id = s.scalars(select(Milestone.agreement_id).limit(1)).one()
    window = settled_window(qtbot, ui_db)
    open_agreement(window, agreement_id)
    qtbot.waitUntil(lambda: bool(window.open_editors), timeout=10_000)
    settle(qtbot, window)
    editor = window.open_editors[0]
    assert isinstance(editor, AgreementEditor)
    tab = editor.milestones_tab
    before = tab.table.rowCount()
    tab.table.selectRow(0)
    on_gui_thread.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
        tab.remove()
        qtbot.waitUntil(lambda: tab.table.rowCount() == before - 1, timeout=10_000)
        qtbot.waitUntil(lambda: not background.writing() and jobs_running() == 0, timeout=10_000)
    assert not on_gui_thread, "removing a milestone read on the GUI thread:\n" + on_gui_thread[0]
    editor.close()


def test_the_partner_editor_reads_and_saves_off_the_gui_thread(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QMessageBox

    from app.services.partners import get_partner, update_partner
    from ui.editors.partner_editor import PartnerEditor

    window = settled_window(qtbot, ui_db)
    partner_id = window.partners.model.id_at(0)
    other = window.partners.model.id_at(1)
    assert partner_id is not None and other is not None
    with ui_db.session() as s:
        wanted = get_partner(s, partner_id)

    def editors() -> list[PartnerEditor]:
        return [e for e in window.open_editors if isinstance(e, PartnerEditor)]

    def wait_for_writes() -> None:
        qtbot.waitUntil(lambda: not background.writing() and jobs_running() == 0, timeout=10_000)
        settle(qtbot, window)

    on_gui_thread.clear()
    assert window.edit_partner(other) is None  # opens once read; overtaken by the next one
    assert window.edit_partner(partner_id) is None
    qtbot.waitUntil(lambda: bool(editors()), timeout=10_000)
    wait_for_writes()
    assert not on_gui_thread, "opening the partner read on the GUI thread:\n" + on_gui_thread[0]
    [editor] = editors()  # the partner asked for first was dropped
    assert editor.legal_name_edit.text() == wanted.legal_name
    assert editor.legal_name_edit.isEnabled() and not editor.is_dirty()
    editor.tabs.setCurrentIndex(1)
    assert editor.agreements_table.rowCount() > 0  # its agreements arrived from a worker

    steps = window.undo_stack.count()
    editor.notes_edit.setPlainText("Met at the Canton Fair")
    editor.save_then()
    assert not editor.tabs.isEnabled()  # off while the worker writes
    wait_for_writes()
    assert not on_gui_thread, "saving the partner read on the GUI thread:\n" + on_gui_thread[0]
    assert editor.tabs.isEnabled() and not editor.is_dirty()
    assert window.undo_stack.count() == steps + 1
    with ui_db.session() as s:
        assert get_partner(s, partner_id).notes == "Met at the Canton Fair"

    on_gui_thread.clear()  # (the test's own reads above)
    window.undo_stack.undo()  # in a worker; the open editor reads the partner again
    wait_for_writes()
    assert not on_gui_thread, "undoing read on the GUI thread:\n" + on_gui_thread[0]
    assert editor.notes_edit.toPlainText() == wanted.notes
    assert window.undo_stack.count() == steps + 1 and window.undo_stack.index() == steps

    # Another desk saves first: this save is refused, says why, and changes nothing.
    with ui_db.session() as s:
        view = get_partner(s, partner_id)
        update_partner(s, partner_id, replace(view.to_input(), notes="Changed elsewhere"),
                       view.version)  # fmt: skip
    editor.notes_edit.setPlainText("Mine")
    asked: list[str] = []

    def keep_mine(*args: Any, **_k: Any) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))  # the title; "No": keep the edits (closing: discard them)
        return (
            QMessageBox.StandardButton.No if not asked[1:] else QMessageBox.StandardButton.Discard
        )

    monkeypatch.setattr(QMessageBox, "question", keep_mine)
    editor.save_then()
    wait_for_writes()
    assert asked == ["Changed by someone else"] and editor.banner.isVisible()  # said why
    assert editor.notes_edit.toPlainText() == "Mine"  # the edit is kept
    assert window.undo_stack.count() == steps + 1 and window.undo_stack.index() == steps
    with ui_db.session() as s:
        assert get_partner(s, partner_id).notes == "Changed elsewhere"


def test_the_window_opens_without_reading_on_the_gui_thread(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str]
) -> None:
    """Who is connected is read in a worker before the window is built (that first ORM
    query configures SQLAlchemy's mappers); the lists' base currency comes with their ids."""
    from ui.application import open_window

    windows: list[MainWindow] = []
    open_window(ui_db, windows.append)
    assert not windows  # not yet: the event loop runs meanwhile
    qtbot.waitUntil(lambda: bool(windows), timeout=10_000)
    window = windows[0]
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.person_label.text() == who(window.access)  # the status bar says who
    settle(qtbot, window)
    assert on_gui_thread == [], "\n---\n".join(on_gui_thread)
    model = window.agreements.model
    column = [c.key for c in model.columns].index("base_value")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Value (CNY)"


def test_renewing_asks_once_the_agreement_is_read_and_writes_in_a_worker(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.domain.enums import AgreementStatus
    from app.services.agreements import get_agreement
    from app.services.listing import AgreementFilter, agreement_ids

    window = settled_window(qtbot, ui_db)
    with ui_db.session() as s:
        active = agreement_ids(s, AgreementFilter(statuses=frozenset({AgreementStatus.ACTIVE})))[0]
        reference = get_agreement(s, active).reference
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    opened: list[int] = []
    monkeypatch.setattr(window, "open_agreement", opened.append)
    on_gui_thread.clear()
    window.renew(active)
    assert not asked  # the question comes with the agreement, read in a worker
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert f"Renew {reference}" in asked[0]
    assert f"{reference} renewed as" in window.statusBar().currentMessage()
    settle(qtbot, window)
    assert not on_gui_thread, "renewing read on the GUI thread:\n" + on_gui_thread[0]
    with ui_db.session() as s:
        assert get_agreement(s, active).successor_id == opened[0]  # the successor opens


def test_an_editor_read_in_a_worker_shows_its_agreement_once_filled_in(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str]
) -> None:
    """It appears with the agreement's fields, then its terms; a save asked before the
    terms are in waits (nothing half-filled is written)."""
    from app.services.agreements import get_agreement

    window = settled_window(qtbot, ui_db)
    first = first_agreement(window)
    with ui_db.session() as s:
        view = get_agreement(s, first)
    on_gui_thread.clear()
    # As open_agreement makes it once the agreement is read:
    early = AgreementEditor(ui_db, first, view=view, parent=window, access=window.access)
    assert not early.isVisible()  # shown once its General page is filled in
    assert not early.save()  # not filled in yet: Ctrl+S does nothing
    assert not background.writing()
    qtbot.waitUntil(lambda: early.isVisible() and early.terms_form is not None, timeout=10_000)
    early.close()
    open_agreement(window, first)
    qtbot.waitUntil(lambda: bool(window.open_editors), timeout=10_000)
    editor = window.open_editors[0]
    assert isinstance(editor, AgreementEditor)
    qtbot.waitUntil(lambda: editor.isVisible() and editor.terms_form is not None, timeout=10_000)
    assert editor.title_edit.text() == view.title
    assert view.reference in editor.windowTitle()
    assert editor.tabs.tabText(1).startswith("Terms")
    assert editor.terms_form is not None and editor.terms_form.agreement_type is view.type
    settle(qtbot, window)
    assert not editor.is_dirty()
    editor.title_edit.setText(view.title + " (signed)")
    editor.save()
    qtbot.waitUntil(lambda: not background.writing(), timeout=10_000)
    assert "Saved" in window.statusBar().currentMessage()
    settle(qtbot, window)
    assert not on_gui_thread, on_gui_thread[0]
    editor.close()


def test_the_owner_field_offers_names_once_entered(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str]
) -> None:
    """The owners' names are read when the owner field is first entered, in a worker."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QFocusEvent
    from PySide6.QtWidgets import QApplication

    window = settled_window(qtbot, ui_db)
    first = first_agreement(window)
    on_gui_thread.clear()
    open_agreement(window, first)
    qtbot.waitUntil(lambda: bool(window.open_editors), timeout=10_000)
    editor = window.open_editors[0]
    assert isinstance(editor, AgreementEditor)
    qtbot.waitUntil(lambda: editor.terms_form is not None, timeout=10_000)
    settle(qtbot, window)
    assert editor.owner_edit.completer() is None  # not read for an editor only looked at
    QApplication.sendEvent(editor.owner_edit, QFocusEvent(QEvent.Type.FocusIn))
    qtbot.waitUntil(lambda: editor.owner_edit.completer() is not None, timeout=10_000)
    completer = editor.owner_edit.completer()
    assert completer is not None
    model = completer.model()
    offered = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert editor.owner_edit.text() in offered  # the demo's owners, this one's among them
    assert offered == sorted(offered) and len(offered) > 1
    assert not on_gui_thread, on_gui_thread[0]
    editor.close()


def test_adding_a_document_twice_asks_and_writes_in_workers(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Any,
) -> None:  # fmt: skip
    """The dialog is off while its worker checks and writes; a file attached already is
    asked about with its name, and added only on yes; opening it reads it in a worker."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

    from ui.editors.agreement.attachments import AttachmentDialog

    source = tmp_path / "licence.pdf"
    source.write_bytes(b"%PDF licence")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(source), ""))
    window = settled_window(qtbot, ui_db)
    first = first_agreement(window)
    open_agreement(window, first)
    qtbot.waitUntil(lambda: bool(window.open_editors), timeout=10_000)
    editor = window.open_editors[0]
    assert isinstance(editor, AgreementEditor)
    qtbot.waitUntil(lambda: editor.terms_form is not None, timeout=10_000)
    tab = editor.attachments_tab
    settle(qtbot, window)
    before = tab.table.rowCount()
    on_gui_thread.clear()
    off_while_writing: list[bool] = []

    def click_ok(dialog: AttachmentDialog) -> int:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        off_while_writing.append(not dialog.isEnabled())
        qtbot.waitUntil(lambda: dialog.result() != 0 or dialog.isEnabled(), timeout=10_000)
        return dialog.result()

    monkeypatch.setattr(AttachmentDialog, "exec", click_ok)
    asked: list[str] = []
    reply = [QMessageBox.StandardButton.No]

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return reply[0]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    tab.add()
    qtbot.waitUntil(lambda: tab.table.rowCount() == before + 1, timeout=10_000)
    assert off_while_writing == [True] and asked == []
    tab.add()  # the same file again: asked, and No adds nothing
    settle(qtbot, window)
    assert asked == ["the same file is already attached as licence.pdf. Add it again?"]
    assert tab.table.rowCount() == before + 1
    reply[0] = QMessageBox.StandardButton.Yes
    tab.add()
    qtbot.waitUntil(lambda: tab.table.rowCount() == before + 2, timeout=10_000)
    opened: list[bytes] = []
    monkeypatch.setattr("ui.editors.agreement.attachments.open_with_desktop",
                        lambda _w, path, _none: opened.append(path.read_bytes()))  # fmt: skip
    names = [getattr(tab.table.item(row, 0), "text", str)() for row in range(tab.table.rowCount())]
    tab.table.selectRow(names.index("licence.pdf"))
    tab.activate()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    settle(qtbot, window)
    assert b"%PDF licence" in opened
    assert not on_gui_thread, "a document read on the GUI thread:\n" + on_gui_thread[0]
    editor.close()


def test_a_refused_save_says_which_field_and_why_and_the_note_goes_once_right(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str]
) -> None:
    """With the save and the recheck of shown errors in workers: the refusal is shown beside
    the field, and goes when the field is right again."""
    window = settled_window(qtbot, ui_db)
    first = first_agreement(window)
    on_gui_thread.clear()
    open_agreement(window, first)
    qtbot.waitUntil(lambda: bool(window.open_editors), timeout=10_000)
    editor = window.open_editors[0]
    assert isinstance(editor, AgreementEditor)
    qtbot.waitUntil(lambda: editor.terms_form is not None, timeout=10_000)
    settle(qtbot, window)
    title = editor.title_edit.text()
    end = editor.end_edit.value()
    editor.end_edit.set_value(editor.start_edit.value().replace(year=2000))
    editor.save_then()
    qtbot.waitUntil(lambda: not background.writing(), timeout=10_000)
    assert "before it starts" in editor.board.text_for("end_date")  # beside it, saying why
    editor.title_edit.setText(title + " ·")  # another field: the note stays
    qtbot.wait(editor.board.RECHECK_MS + 100)
    settle(qtbot, window)
    assert editor.board.text_for("end_date")
    editor.end_edit.set_value(end)  # right again: the note goes
    qtbot.waitUntil(lambda: not editor.board.text_for("end_date"), timeout=10_000)
    assert not on_gui_thread, on_gui_thread[0]
    editor.title_edit.setText(title)
    editor.close()


def test_a_report_is_read_and_drawn_in_a_worker(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str]
) -> None:
    """A portfolio summary and a partner's report (from the partner's menu) are read with
    their drawing; the preview arrives, and an unknown reference is still one clear line."""
    from app.services.partners import list_partners
    from ui.pages.reports_page import ReportsPage

    with ui_db.session() as s:
        partner = list_partners(s, limit=1)[0]
    page = ReportsPage(ui_db, today=UI_TODAY)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: jobs_running() == 0, timeout=10_000)
    on_gui_thread.clear()
    page.set_kind("portfolio")
    with qtbot.waitSignal(page.rendered, timeout=30_000):
        page.generate()
    assert page.pdf is not None
    with qtbot.waitSignal(page.rendered, timeout=30_000):
        page.open_for_partner(partner.id)
    assert page.form.partner_edit.text() == partner.legal_name
    page.set_kind("agreement")
    page.form.reference_edit.setText("XX-1999-0001")
    page.generate()
    qtbot.waitUntil(lambda: page.status.text() == "no agreement with reference 'XX-1999-0001'")
    qtbot.waitUntil(lambda: jobs_running() == 0, timeout=10_000)
    assert not on_gui_thread, "a report read on the GUI thread:\n" + on_gui_thread[0]
