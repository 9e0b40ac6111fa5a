"""The agreement editor, driven the way a manager drives it: typing and clicking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTranslator
from PySide6.QtGui import QInputMethodEvent, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType, MilestoneStatus
from app.services.agreements import (
    AgreementView,
    get_agreement,
    renew_agreement,
    update_agreement,
)
from app.services.editing import partner_choices
from app.services.listing import AgreementFilter, agreement_ids, count_agreements
from app.services.partners import PartnerInput, create_partner
from ui.editors.agreement.attachments import AttachmentDialog
from ui.editors.agreement.editor import AgreementEditor
from ui.editors.agreement.kpis import ActualDialog, KpiDialog
from ui.editors.agreement.milestones import MilestoneDialog
from ui.editors.fields import CheckGroup, DecimalEdit, LinesEdit, OptionalSpin

Button = QMessageBox.StandardButton
# Completer popups ask the offscreen platform for what only a real screen has.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def type_keys(qtbot: QtBot, widget: QWidget, text: str) -> None:
    qtbot.keyClicks(widget, text)  # type: ignore[no-untyped-call]


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    qtbot.keyClick(widget, key)  # type: ignore[no-untyped-call]


def click(
    qtbot: QtBot, widget: QWidget, button: Qt.MouseButton = Qt.MouseButton.LeftButton,
    pos: QPoint | None = None,
) -> None:  # fmt: skip
    if pos is None:
        qtbot.mouseClick(widget, button)  # type: ignore[no-untyped-call]
    else:
        qtbot.mouseClick(widget, button, pos=pos)  # type: ignore[no-untyped-call]


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def answer_questions(monkeypatch: pytest.MonkeyPatch, answer: Button) -> list[str]:
    """Every QMessageBox.question gets ``answer``; returns the texts the user was asked."""
    asked: list[str] = []

    def question(_parent: QWidget | None, _title: str, text: str, *_args: Any) -> Button:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.fixture(autouse=True)
def _never_block_on_a_question(monkeypatch: pytest.MonkeyPatch) -> None:
    # A real QMessageBox would wait forever offscreen (e.g. a dirty editor closed by
    # qtbot at teardown); tests that care about the answer patch it again.
    answer_questions(monkeypatch, Button.Discard)


def open_editor(
    qtbot: QtBot, db: Database, agreement_id: int | None = None, **kw: Any
) -> AgreementEditor:
    editor = AgreementEditor(db, agreement_id, **kw)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    type_keys(qtbot, edit, text)


def save(qtbot: QtBot, editor: AgreementEditor) -> list[int]:
    saved: list[int] = []
    editor.saved.connect(saved.append)
    click(qtbot, editor.apply_button, Qt.MouseButton.LeftButton)
    return saved


def stored(db: Database, agreement_id: int) -> AgreementView:
    with db.session() as s:
        return get_agreement(s, agreement_id)


def type_via_input_method(widget: QWidget, text: str) -> None:
    """How Chinese arrives: committed by the input method (QTest types ASCII only)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def a_partner(db: Database) -> tuple[int, str]:
    with db.session() as s:
        choice = next(p for p in partner_choices(s) if p.local_name)
    assert choice.local_name is not None
    return choice.id, choice.local_name


def term(editor: AgreementEditor, name: str) -> QWidget:
    assert editor.terms_form is not None
    return editor.terms_form.widgets[name]


def fill_common(qtbot: QtBot, editor: AgreementEditor, db: Database, title: str) -> int:
    partner_id, local_name = a_partner(db)
    type_keys(qtbot, editor.title_edit, title)
    line = editor.partner_combo.lineEdit()
    assert line is not None
    type_via_input_method(line, local_name)  # the Chinese name finds the partner
    type_keys(qtbot, editor.owner_edit, "Zhang Min")
    retype(qtbot, editor.value_edit, "1250000.50")
    editor.currency_combo.setEditText("")
    currency = editor.currency_combo.lineEdit()
    assert currency is not None
    type_keys(qtbot, currency, "USD")
    return partner_id


def fill_brand(qtbot: QtBot, editor: AgreementEditor) -> dict[str, object]:
    combo = term(editor, "operating_model")
    assert isinstance(combo, QComboBox)
    type_keys(qtbot, combo, "D")  # "Direct sales"
    brands = term(editor, "brands")
    assert isinstance(brands, LinesEdit)
    type_via_input_method(brands, "Lumière")
    gmv = term(editor, "gmv_target")
    assert isinstance(gmv, DecimalEdit)
    type_keys(qtbot, gmv, "3000000")
    return {"operating_model": "direct", "brands": ("Lumière",), "gmv_target": Decimal(3000000)}


def fill_logistics(qtbot: QtBot, editor: AgreementEditor) -> dict[str, object]:
    services = term(editor, "services")
    assert isinstance(services, CheckGroup)
    click(qtbot, services.boxes["customs_clearance"], Qt.MouseButton.LeftButton)
    click(qtbot, services.boxes["last_mile"], Qt.MouseButton.LeftButton)
    sla = term(editor, "delivery_sla_days")
    assert isinstance(sla, OptionalSpin)
    sla.lineEdit().selectAll()
    type_keys(qtbot, sla, "5")
    on_time = term(editor, "on_time_target_pct")
    assert isinstance(on_time, DecimalEdit)
    type_keys(qtbot, on_time, "97.5")
    return {
        "services": ("customs_clearance", "last_mile"),
        "delivery_sla_days": 5,
        "on_time_target_pct": Decimal("97.5"),
    }


def fill_marketing(qtbot: QtBot, editor: AgreementEditor) -> dict[str, object]:
    channels = term(editor, "channels")
    assert isinstance(channels, CheckGroup)
    click(qtbot, channels.boxes["livestream"], Qt.MouseButton.LeftButton)
    budget = term(editor, "budget")
    assert isinstance(budget, DecimalEdit)
    type_keys(qtbot, budget, "800000")
    share = term(editor, "partner_cost_share_pct")
    assert isinstance(share, DecimalEdit)
    type_keys(qtbot, share, "30")
    return {"channels": ("livestream",), "budget": Decimal(800000),
            "partner_cost_share_pct": Decimal(30)}  # fmt: skip


def fill_payment(qtbot: QtBot, editor: AgreementEditor) -> dict[str, object]:
    currencies = term(editor, "settlement_currencies")
    assert isinstance(currencies, QLineEdit)
    type_keys(qtbot, currencies, "usd, cny")
    fee = term(editor, "fee_rate_pct")
    assert isinstance(fee, DecimalEdit)
    type_keys(qtbot, fee, "0.6")
    pci = term(editor, "pci_dss")
    assert isinstance(pci, QCheckBox)
    click(qtbot, pci, Qt.MouseButton.LeftButton, pos=QPoint(8, pci.height() // 2))
    return {"settlement_currencies": ("USD", "CNY"), "fee_rate_pct": Decimal("0.6"),
            "pci_dss": True}  # fmt: skip


def fill_platform(qtbot: QtBot, editor: AgreementEditor) -> dict[str, object]:
    platform = term(editor, "partner_platform")
    assert isinstance(platform, QLineEdit)
    type_keys(qtbot, platform, "Lazada")
    markets = term(editor, "markets")
    assert isinstance(markets, LinesEdit)
    type_keys(qtbot, markets, "TH")
    share = term(editor, "revenue_share_pct")
    assert isinstance(share, DecimalEdit)
    type_keys(qtbot, share, "12.5")
    return {"partner_platform": "Lazada", "markets": ("TH",),
            "revenue_share_pct": Decimal("12.5")}  # fmt: skip


FILLERS: dict[AgreementType, Callable[[QtBot, AgreementEditor], dict[str, object]]] = {
    AgreementType.BRAND: fill_brand,
    AgreementType.LOGISTICS: fill_logistics,
    AgreementType.MARKETING: fill_marketing,
    AgreementType.PAYMENT: fill_payment,
    AgreementType.PLATFORM: fill_platform,
}


@pytest.mark.parametrize("agreement_type", list(AgreementType))
def test_a_new_agreement_of_each_type_is_typed_in_and_saved(
    qtbot: QtBot, ui_db: Database, agreement_type: AgreementType
) -> None:
    editor = open_editor(qtbot, ui_db)
    # The type is chosen in the editor, and its terms page follows the choice.
    type_keys(qtbot, editor.type_combo, agreement_type.value[:3].capitalize())
    assert editor.type_combo.currentData() == agreement_type.value
    assert editor.terms_form is not None
    assert editor.terms_form.agreement_type is agreement_type
    partner_id = fill_common(qtbot, editor, ui_db, f"New {agreement_type.value} deal")
    editor.tabs.setCurrentWidget(editor.terms_scroll)
    expected_terms = FILLERS[agreement_type](qtbot, editor)

    saved = save(qtbot, editor)

    assert editor.board.banner.isHidden(), editor.board.banner.text()
    assert len(saved) == 1
    view = stored(ui_db, saved[0])
    assert view.type is agreement_type
    assert view.title == f"New {agreement_type.value} deal"
    assert view.partner_id == partner_id
    assert view.owner == "Zhang Min"
    assert (view.value, view.currency) == (Decimal("1250000.50"), "USD")
    assert view.reference.startswith(agreement_type.prefix + "-")
    for name, value in expected_terms.items():
        assert view.terms[name] == value, name
    # Once saved, the type is fixed and the window shows the generated reference.
    assert not editor.type_combo.isEnabled()
    assert editor.reference_edit.text() == view.reference
    assert not editor.is_dirty()


def test_editing_a_saved_agreement_stores_the_typed_changes(qtbot: QtBot, ui_db: Database) -> None:
    editor = open_editor(qtbot, ui_db, 1)
    before = stored(ui_db, 1)
    retype(qtbot, editor.title_edit, "Renegotiated distribution")
    editor.notice_spin.lineEdit().selectAll()
    type_keys(qtbot, editor.notice_spin, "60")
    # The decision date follows the notice period as it is typed.
    decision = date.fromordinal(before.end_date.toordinal() - 60)
    assert decision.isoformat() in editor.decision_label.text()
    assert editor.is_dirty()

    assert save(qtbot, editor) == [1]

    after = stored(ui_db, 1)
    assert after.title == "Renegotiated distribution"
    assert after.notice_days == 60
    assert after.decision_date == decision
    assert after.version == before.version + 1


def test_end_before_start_is_shown_beside_the_end_date_and_nothing_is_saved(
    qtbot: QtBot, ui_db: Database
) -> None:
    with ui_db.session() as s:
        count = count_agreements(s)
    editor = open_editor(qtbot, ui_db, agreement_type=AgreementType.PLATFORM)
    fill_common(qtbot, editor, ui_db, "Backwards dates")
    editor.end_edit.setFocus()
    editor.end_edit.setCurrentSection(editor.end_edit.Section.YearSection)
    press(qtbot, editor.end_edit, Qt.Key.Key_Down)  # two years back from the default:
    press(qtbot, editor.end_edit, Qt.Key.Key_Down)  # it now ends before it starts
    assert editor.end_edit.value() < editor.start_edit.value()

    assert save(qtbot, editor) == []

    assert "before it starts" in editor.board.text_for("end_date")
    assert editor.board.rows["end_date"].error_label.isVisible()
    assert editor.tabs.currentIndex() == 0
    assert editor.isVisible()
    with ui_db.session() as s:
        assert count_agreements(s) == count


def test_a_brand_without_operating_model_is_refused_beside_that_term(
    qtbot: QtBot, ui_db: Database
) -> None:
    editor = open_editor(qtbot, ui_db, agreement_type=AgreementType.BRAND)
    assert not editor.type_combo.isEnabled()  # the caller chose the type
    fill_common(qtbot, editor, ui_db, "No model yet")

    assert save(qtbot, editor) == []

    assert "operating model" in editor.board.text_for("operating_model")
    assert editor.tabs.currentWidget() is editor.terms_scroll  # the user is taken there
    assert editor.view is None


def test_a_percent_of_150_is_refused_and_the_stored_agreement_is_unchanged(
    qtbot: QtBot, ui_db: Database
) -> None:
    with ui_db.session() as s:
        brand = next(
            a for a in (get_agreement(s, i) for i in range(1, 61)) if a.type is AgreementType.BRAND
        )
    editor = open_editor(qtbot, ui_db, brand.id)
    commission = term(editor, "commission_rate_pct")
    assert isinstance(commission, DecimalEdit)
    retype(qtbot, commission, "150")
    retype(qtbot, editor.title_edit, "Should not be saved")

    assert save(qtbot, editor) == []

    assert "150% is outside 0–100 %" in editor.board.text_for("commission_rate_pct")
    assert stored(ui_db, brand.id) == brand


def test_letters_cannot_be_typed_into_an_amount(qtbot: QtBot, ui_db: Database) -> None:
    editor = open_editor(qtbot, ui_db)
    editor.value_edit.clear()
    type_keys(qtbot, editor.value_edit, "12a,000.5x")
    assert editor.value_edit.text() == "12,000.5"
    assert editor.value_edit.decimal() == Decimal("12000.5")


def test_an_unknown_partner_name_is_refused_beside_the_partner(
    qtbot: QtBot, ui_db: Database
) -> None:
    editor = open_editor(qtbot, ui_db, agreement_type=AgreementType.PLATFORM)
    type_keys(qtbot, editor.title_edit, "Nobody")
    line = editor.partner_combo.lineEdit()
    assert line is not None
    type_keys(qtbot, line, "No Such Company Ltd")
    assert save(qtbot, editor) == []
    assert "No Such Company Ltd" in editor.board.text_for("partner")
    # Every problem shows at once: the service's objections come with the form's own.
    assert editor.board.text_for("title") == ""


def test_only_legal_status_transitions_are_offered(qtbot: QtBot, ui_db: Database) -> None:
    with ui_db.session() as s:
        draft = next(
            a for a in (get_agreement(s, i) for i in range(1, 61))
            if a.status is AgreementStatus.DRAFT
        )  # fmt: skip
    editor = open_editor(qtbot, ui_db, draft.id)
    offered = {editor.status_combo.itemData(i) for i in range(editor.status_combo.count())}
    assert offered == {"draft", "negotiation", "terminated"}


def test_cancel_with_unsaved_edits_asks_and_discard_keeps_the_stored_agreement(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = stored(ui_db, 2)
    editor = open_editor(qtbot, ui_db, 2)
    retype(qtbot, editor.title_edit, "Edited then thrown away")
    asked = answer_questions(monkeypatch, Button.Discard)

    click(qtbot, editor.cancel_button, Qt.MouseButton.LeftButton)

    assert len(asked) == 1 and "not saved" in asked[0]
    assert not editor.isVisible()
    assert stored(ui_db, 2) == before


def test_cancelling_the_prompt_keeps_the_editor_open_with_the_edits(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor(qtbot, ui_db, 2)
    retype(qtbot, editor.title_edit, "Still working on it")
    answer_questions(monkeypatch, Button.Cancel)
    editor.close()  # the window's close button goes through the same question
    assert editor.isVisible()
    assert editor.title_edit.text() == "Still working on it"


def test_choosing_save_in_the_prompt_saves_and_closes(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor(qtbot, ui_db, 3)
    retype(qtbot, editor.title_edit, "Saved on the way out")
    answer_questions(monkeypatch, Button.Save)
    click(qtbot, editor.cancel_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert stored(ui_db, 3).title == "Saved on the way out"


def test_closing_without_edits_asks_nothing(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor(qtbot, ui_db, 4)
    asked = answer_questions(monkeypatch, Button.Cancel)
    click(qtbot, editor.cancel_button, Qt.MouseButton.LeftButton)
    assert asked == []
    assert not editor.isVisible()


def test_a_save_over_someone_elses_change_is_refused_and_offers_a_reload(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor(qtbot, ui_db, 5)
    with ui_db.session() as s:  # another desk saves first
        theirs = get_agreement(s, 5)
        update_agreement(s, 5, replace(theirs.to_input(), title="Their title"), theirs.version)
    retype(qtbot, editor.title_edit, "My title")
    asked = answer_questions(monkeypatch, Button.Yes)

    assert save(qtbot, editor) == []

    assert "changed by someone else" in asked[0]
    assert stored(ui_db, 5).title == "Their title"
    assert editor.title_edit.text() == "Their title"  # reloaded as it is now


def test_a_milestone_is_added_through_its_dialog_and_shown_overdue_in_red(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor(qtbot, ui_db, 6)
    rows_before = editor.milestones_tab.table.rowCount()

    def fill(dialog: MilestoneDialog) -> int:
        type_keys(qtbot, dialog.title_edit, "Send launch plan")
        dialog.due_edit.set_value(date(2020, 1, 31))
        click(qtbot, dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(MilestoneDialog, "exec", fill)
    editor.tabs.setCurrentWidget(editor.milestones_tab)
    editor.milestones_tab.add()

    table = editor.milestones_tab.table
    assert table.rowCount() == rows_before + 1
    titles = [cell(table, r, 0).text() for r in range(table.rowCount())]
    row = titles.index("Send launch plan")
    assert cell(table, row, 0).foreground().color().name() == "#c62828"
    view = stored(ui_db, 6)
    added = next(m for m in view.milestones if m.title == "Send launch plan")
    assert (added.due_date, added.status) == (date(2020, 1, 31), MilestoneStatus.OPEN)
    assert editor.history_tab.table.rowCount() > 0


def test_a_milestone_without_title_stays_in_its_dialog_with_the_reason(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor(qtbot, ui_db, 6)
    seen: list[str] = []

    def fill(dialog: MilestoneDialog) -> int:
        click(qtbot, dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        seen.append(dialog.board.text_for("title"))
        return dialog.result()

    monkeypatch.setattr(MilestoneDialog, "exec", fill)
    count = len(stored(ui_db, 6).milestones)
    editor.milestones_tab.add()
    assert seen == ["a milestone needs a title"]
    assert len(stored(ui_db, 6).milestones) == count


def test_an_actual_is_recorded_for_a_period_and_lights_the_kpi(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor(qtbot, ui_db, 7)
    table = editor.kpis_tab.table
    assert table.rowCount() >= 1
    kpi = stored(ui_db, 7).kpis[0]
    table.selectRow(0)
    # Far below a higher-is-better target (or far above a lower one): red either way.
    value = "0" if kpi.direction.value == "higher" else str(kpi.target * 10 + 10)

    def fill(dialog: ActualDialog) -> int:
        dialog.period_edit.set_value(date(2030, 1, 31))
        type_keys(qtbot, dialog.value_edit, value)
        click(qtbot, dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ActualDialog, "exec", fill)
    click(qtbot, editor.kpis_tab.actual_button, Qt.MouseButton.LeftButton)

    latest = stored(ui_db, 7).kpis[0].latest
    assert latest is not None
    assert (latest.period_end, latest.value) == (date(2030, 1, 31), Decimal(value))
    assert "Red" in cell(editor.kpis_tab.table, 0, 5).text()
    assert cell(editor.kpis_tab.table, 0, 4).text() == "2030-01-31"


def test_a_document_is_added_with_kind_and_expiry_and_saved_as_a_copy(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    source = tmp_path / "authorisation.pdf"
    source.write_bytes(b"%PDF-1.4 letter of authorisation")
    copy = tmp_path / "copy.pdf"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(copy), ""))

    def fill(dialog: AttachmentDialog) -> int:
        type_keys(qtbot, dialog.kind_combo, "Brand")
        dialog.expires_edit.set_value(date(2027, 3, 31))
        click(qtbot, dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(AttachmentDialog, "exec", fill)
    editor = open_editor(qtbot, ui_db, 8)
    count = len(stored(ui_db, 8).attachments)
    editor.attachments_tab.add()

    docs = stored(ui_db, 8).attachments
    assert len(docs) == count + 1
    doc = next(d for d in docs if d.filename == "authorisation.pdf")
    assert (doc.kind.value, doc.expires_on) == ("brand_authorisation", date(2027, 3, 31))
    table = editor.attachments_tab.table
    row = [cell(table, r, 0).text() for r in range(table.rowCount())].index("authorisation.pdf")
    table.selectRow(row)
    editor.attachments_tab.save_copy()
    assert copy.read_bytes() == source.read_bytes()


def test_the_tables_of_the_editor_are_sound_models(
    qtbot: QtBot, ui_db: Database, qtmodeltester: Any
) -> None:
    editor = open_editor(qtbot, ui_db, 1)
    for tab in (editor.milestones_tab, editor.kpis_tab, editor.attachments_tab,
                editor.history_tab):  # fmt: skip
        qtmodeltester.check(tab.table.model())


def test_a_new_agreement_cannot_take_milestones_until_saved(qtbot: QtBot, ui_db: Database) -> None:
    editor = open_editor(qtbot, ui_db)
    editor.tabs.setCurrentWidget(editor.milestones_tab)
    assert editor.milestones_tab.note.isVisible()
    assert not editor.milestones_tab.add_buttons[0].isEnabled()


def test_the_history_shows_a_saved_change_with_old_and_new_value(
    qtbot: QtBot, ui_db: Database
) -> None:
    before = stored(ui_db, 11)
    editor = open_editor(qtbot, ui_db, 11)
    retype(qtbot, editor.title_edit, "Title for the record")
    assert save(qtbot, editor) == [11]
    table = editor.history_tab.table
    rows = [tuple(cell(table, r, c).text() for c in (3, 4, 5)) for r in range(table.rowCount())]
    assert ("title", before.title, "Title for the record") in rows


def test_a_kpi_is_added_and_removed(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor(qtbot, ui_db, 12)
    count = len(stored(ui_db, 12).kpis)

    def fill(dialog: KpiDialog) -> int:
        type_keys(qtbot, dialog.metric_edit, "Return rate")
        type_keys(qtbot, dialog.unit_edit, "%")
        type_keys(qtbot, dialog.target_edit, "2.5")
        type_keys(qtbot, dialog.direction_combo, "L")  # lower is better
        click(qtbot, dialog.buttons.buttons()[0])
        return dialog.result()

    monkeypatch.setattr(KpiDialog, "exec", fill)
    editor.kpis_tab.add()
    kpis = stored(ui_db, 12).kpis
    assert len(kpis) == count + 1
    added = next(k for k in kpis if k.metric == "Return rate")
    assert (added.unit, added.target, added.direction.value) == ("%", Decimal("2.5"), "lower")

    table = editor.kpis_tab.table
    row = [cell(table, r, 0).text() for r in range(table.rowCount())].index("Return rate")
    table.selectRow(row)
    answer_questions(monkeypatch, Button.Yes)
    editor.kpis_tab.remove()
    assert [k.metric for k in stored(ui_db, 12).kpis].count("Return rate") == 0
    assert table.rowCount() == count


def test_opening_a_document_hands_a_copy_to_the_desktop(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from app.services.attachments import add_attachment

    with ui_db.session() as s:
        add_attachment(s, 13, "licence.pdf", b"%PDF licence")
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    editor = open_editor(qtbot, ui_db, 13)
    table = editor.attachments_tab.table
    row = [cell(table, r, 0).text() for r in range(table.rowCount())].index("licence.pdf")
    table.selectRow(row)
    editor.attachments_tab.activate()

    assert len(opened) == 1
    assert Path(opened[0].toLocalFile()).read_bytes() == b"%PDF licence"
    assert Path(opened[0].toLocalFile()).name == "licence.pdf"

    answer_questions(monkeypatch, Button.Yes)
    editor.attachments_tab.remove()
    assert "licence.pdf" not in [d.filename for d in stored(ui_db, 13).attachments]


def test_a_language_switch_tells_the_open_editor_when_it_applies(
    qtbot: QtBot, ui_db: Database
) -> None:
    from PySide6.QtCore import QEvent

    editor = open_editor(qtbot, ui_db, 14)
    retype(qtbot, editor.title_edit, "Half typed")
    QApplication.sendEvent(editor, QEvent(QEvent.Type.LanguageChange))
    assert editor.banner.isVisible()
    assert "opened again" in editor.banner.text()
    assert editor.title_edit.text() == "Half typed"  # nothing typed is lost


class _Bracketing(QTranslator):
    """Stands in for the zh_CN catalogue: marks every service message it translates."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        del disambiguation, n
        return f"«{source}»" if context == "ServiceMessage" else ""


def test_the_services_objections_are_shown_in_the_users_language(
    qtbot: QtBot, ui_db: Database
) -> None:
    translator = _Bracketing()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    editor = open_editor(qtbot, ui_db, agreement_type=AgreementType.PLATFORM)
    fill_common(qtbot, editor, ui_db, "")
    editor.start_edit.set_value(date(2027, 1, 1))
    editor.end_edit.set_value(date(2026, 1, 1))
    app.installTranslator(translator)
    try:
        assert save(qtbot, editor) == []
    finally:
        app.removeTranslator(translator)
    assert editor.board.text_for("title") == "«an agreement needs a title»"
    # A wording that quotes values is matched as a pattern; the values stay as they were.
    assert editor.board.text_for("end_date") == "«ends 2026-01-01, before it starts 2027-01-01»"


def test_a_milestone_marked_done_without_a_date_is_refused_then_accepted(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ui_db.session() as s:
        agreement = next(
            a for a in (get_agreement(s, i) for i in range(1, 61))
            if any(m.status is MilestoneStatus.OPEN for m in a.milestones)
        )  # fmt: skip
    target = next(m for m in agreement.milestones if m.status is MilestoneStatus.OPEN)
    editor = open_editor(qtbot, ui_db, agreement.id)
    table = editor.milestones_tab.table
    row = next(
        r
        for r in range(table.rowCount())
        if cell(table, r, 0).data(Qt.ItemDataRole.UserRole) == target
    )
    table.selectRow(row)
    objections: list[str] = []

    def fill(dialog: MilestoneDialog) -> int:
        type_keys(qtbot, dialog.status_combo, "Do")  # "Done", but no completion date
        click(qtbot, dialog.buttons.buttons()[0])
        objections.append(dialog.board.text_for("completed_on"))
        dialog.completed_edit.set_value(date(2026, 11, 20))
        click(qtbot, dialog.buttons.buttons()[0])
        return dialog.result()

    monkeypatch.setattr(MilestoneDialog, "exec", fill)
    editor.milestones_tab.activate()

    assert objections == ["a done milestone needs its completion date"]
    done = next(m for m in stored(ui_db, agreement.id).milestones if m.id == target.id)
    assert (done.status, done.completed_on) == (MilestoneStatus.DONE, date(2026, 11, 20))
    assert done.title == target.title  # what was not touched stays


def test_a_failed_save_keeps_the_form_inside_the_window(qtbot: QtBot, ui_db: Database) -> None:
    with ui_db.session() as s:  # partner names this long are common in the trade
        create_partner(s, PartnerInput(
            legal_name="Shenzhen Qianhai Cross-Border International Supply Chain Management "
            "Service Co., Ltd.", local_name="深圳前海跨境国际供应链管理服务有限公司", country="CN",
        ))  # fmt: skip
    editor = open_editor(qtbot, ui_db)
    editor.resize(editor.minimumSize())
    qtbot.waitExposed(editor)

    assert save(qtbot, editor) == []
    QApplication.processEvents()  # the layout requests the errors posted

    assert editor.board.text_for("partner") and editor.board.text_for("title")
    scroll = editor.general_scroll
    assert not scroll.horizontalScrollBar().isVisible()
    viewport = scroll.viewport()
    assert viewport is not None
    currency = editor.currency_combo
    right_edge = currency.mapTo(viewport, currency.rect().topRight()).x()
    assert right_edge < viewport.width()  # the currency box is whole, not cut off


def test_an_error_goes_as_soon_as_its_field_is_right_and_only_then(
    qtbot: QtBot, ui_db: Database
) -> None:
    editor = open_editor(qtbot, ui_db)
    assert save(qtbot, editor) == []
    assert editor.board.text_for("title") and editor.board.text_for("partner")

    type_keys(qtbot, editor.title_edit, "Spring campaign")
    type_keys(qtbot, editor.partner_combo, "no such partner")

    qtbot.waitUntil(lambda: editor.board.text_for("title") == "")
    assert not editor.board.rows["title"].error_label.isVisible()
    assert editor.board.text_for("partner")  # still wrong: still said
    assert editor.board.text_for("value")  # not touched: still said
    general = editor.tabs.tabBar().tabTextColor(0)

    editor.partner_combo.select(a_partner(ui_db)[0])
    type_keys(qtbot, editor.value_edit, "1000")
    assert editor.terms_form is not None
    model_box = editor.terms_form.widgets["operating_model"]
    assert isinstance(model_box, QComboBox)
    model_box.setCurrentIndex(model_box.findData("direct"))
    qtbot.waitUntil(lambda: not editor.banner.isVisible())  # all right now: no summary left
    assert editor.tabs.tabBar().tabTextColor(0) != general  # nor a page marked in red


def read(label: QLabel) -> str:
    """A rich-text label as the user reads it."""
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def test_the_renewal_chain_reads_renewed_by_and_links_both_ways(
    qtbot: QtBot, ui_db: Database
) -> None:
    with ui_db.session() as s:
        ids = agreement_ids(s, AgreementFilter(statuses=frozenset({AgreementStatus.ACTIVE})))
        old = next(a for a in (get_agreement(s, i) for i in ids) if a.end_date > date.today())
        new = renew_agreement(s, old.id, old.version)

    editor = open_editor(qtbot, ui_db, old.id)
    assert f"renewed by {new.reference}" in read(editor.chain_label)
    assert f"in force until {old.end_date.isoformat()}" in read(editor.decision_label)
    assert f"renewed by {new.reference}" in read(editor.decision_label)
    with qtbot.waitSignal(editor.open_requested) as opened:
        editor.chain_label.setFocus(Qt.FocusReason.TabFocusReason)  # by keyboard: Tab to
        press(qtbot, editor.chain_label, Qt.Key.Key_Tab)  # the link, Enter to follow it
        press(qtbot, editor.chain_label, Qt.Key.Key_Return)
    assert opened.args == [new.id]

    successor = open_editor(qtbot, ui_db, new.id)
    assert read(successor.chain_label) == f"renews {old.reference}"
    with qtbot.waitSignal(successor.open_requested) as back:
        successor.chain_label.setFocus(Qt.FocusReason.TabFocusReason)
        press(qtbot, successor.chain_label, Qt.Key.Key_Tab)
        press(qtbot, successor.chain_label, Qt.Key.Key_Return)
    assert back.args == [old.id]


def test_a_milestone_due_before_the_agreement_starts_is_warned_of_and_still_saved(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor(qtbot, ui_db, 6)
    starts = stored(ui_db, 6).start_date
    warnings: list[str] = []

    def fill(dialog: MilestoneDialog) -> int:
        type_keys(qtbot, dialog.title_edit, "Pre-launch audit")
        dialog.due_edit.set_value(starts + timedelta(days=3))
        warnings.append(dialog.board.rows["due_date"].warning_text)  # after the start: none
        dialog.due_edit.set_value(starts - timedelta(days=10))
        warnings.append(dialog.board.rows["due_date"].warning_text)
        click(qtbot, dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(MilestoneDialog, "exec", fill)
    editor.milestones_tab.add()

    assert warnings == ["", f"Before the agreement starts ({starts.isoformat()})."]
    added = [m for m in stored(ui_db, 6).milestones if m.title == "Pre-launch audit"]
    assert [m.due_date for m in added] == [starts - timedelta(days=10)]  # a warning, not a no


def test_an_actual_for_a_period_before_the_start_is_warned_of_and_still_recorded(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor(qtbot, ui_db, 7)
    starts = stored(ui_db, 7).start_date
    editor.kpis_tab.table.selectRow(0)
    warnings: list[str] = []

    def fill(dialog: ActualDialog) -> int:
        dialog.period_edit.set_value(starts - timedelta(days=1))
        warnings.append(dialog.board.rows["period_end"].warning_text)
        type_keys(qtbot, dialog.value_edit, "12")
        click(qtbot, dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ActualDialog, "exec", fill)
    click(qtbot, editor.kpis_tab.actual_button, Qt.MouseButton.LeftButton)

    assert warnings == [f"Before the agreement starts ({starts.isoformat()})."]
    periods = [a.period_end for a in stored(ui_db, 7).kpis[0].actuals]
    assert starts - timedelta(days=1) in periods  # a warning, not a refusal


def test_saving_the_title_leaves_ticked_choices_stored_in_another_order_alone(
    qtbot: QtBot, ui_db: Database
) -> None:
    from sqlalchemy import select

    from app.domain.models import PaymentAgreement
    from app.services.audit import agreement_history

    with ui_db.session() as s:
        payment = s.scalars(select(PaymentAgreement).order_by(PaymentAgreement.id)).first()
        assert payment is not None
        payment.payment_methods = ("wallet", "card")  # not the check boxes' order
        s.commit()
        pid = payment.id
    editor = open_editor(qtbot, ui_db, pid)
    retype(qtbot, editor.title_edit, "Wallet and card acceptance")
    assert save(qtbot, editor) == [pid]
    with ui_db.session() as s:
        latest = agreement_history(s, pid)[0].at
        fields = {e.field for e in agreement_history(s, pid) if e.at == latest}
    assert fields == {"title"}
