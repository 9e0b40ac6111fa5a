"""The Reports page: options, preview, Save as, and errors said in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCompleter, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementType
from app.services.listing import list_agreements
from app.services.partners import list_partners
from tests.reports.conftest import read_pdf
from tests.ui.conftest import UI_TODAY
from ui.pages.reports_page import ReportsPage

TIMEOUT = 20_000
# The offscreen platform cannot raise or grab for the completion popup, and says so.
OFFSCREEN = pytest.mark.qt_log_ignore("This plugin does not support")


def _page(qtbot: QtBot, db: Database) -> ReportsPage:
    page = ReportsPage(db, today=UI_TODAY)
    qtbot.addWidget(page)
    return page


def test_agreement_report_from_the_context_menu_entry(
    qtbot: QtBot, ui_db: Database, tmp_path: Path
) -> None:
    with ui_db.session() as s:
        row = list_agreements(s, limit=1)[0]
    page = _page(qtbot, ui_db)
    with qtbot.waitSignal(page.rendered, timeout=TIMEOUT):
        page.open_for_agreement(row.reference)
    assert page.kind() == "agreement"
    assert page.pdf is not None and row.reference in read_pdf(page.pdf).text

    target = tmp_path / "contract.pdf"
    page.save_to(target)
    assert target.read_bytes() == page.pdf
    assert str(target) in page.status.text()


def test_partner_dossier_in_chinese(qtbot: QtBot, ui_db: Database) -> None:
    with ui_db.session() as s:
        partner = list_partners(s, limit=1)[0]
    page = _page(qtbot, ui_db)
    page.form.lang_box.setCurrentIndex(page.form.lang_box.findData("zh"))
    with qtbot.waitSignal(page.rendered, timeout=TIMEOUT):
        page.open_for_partner(partner.id)
    assert page.pdf is not None
    text = read_pdf(page.pdf).text
    assert "合作伙伴档案" in text and partner.legal_name in text


def test_portfolio_with_filters_shows_a_preview(qtbot: QtBot, ui_db: Database) -> None:
    page = _page(qtbot, ui_db)
    page.set_kind("portfolio")
    page.form.type_box.setCurrentIndex(page.form.type_box.findData("brand"))
    with qtbot.waitSignal(page.rendered, timeout=TIMEOUT):
        page.preview_button.click()
    assert page.pdf is not None
    assert "Filters: Type: Brand" in read_pdf(page.pdf).text
    assert "Ready" in page.status.text()


def test_unknown_reference_is_one_clear_line(qtbot: QtBot, ui_db: Database) -> None:
    page = _page(qtbot, ui_db)
    page.set_kind("agreement")
    page.form.reference_edit.setText("XX-1999-0001")
    page.preview_button.click()  # the reference is looked up with the drawing, in a worker
    qtbot.waitUntil(lambda: page.status.text() == "no agreement with reference 'XX-1999-0001'")
    assert page.pdf is None
    assert page.preview_button.isEnabled() and page.save_button.isEnabled()


def test_empty_partner_name_is_asked_for(qtbot: QtBot, ui_db: Database) -> None:
    page = _page(qtbot, ui_db)
    page.set_kind("partner")
    page.preview_button.click()
    assert page.status.text() == "Type the name of a partner."


def test_cancel_keeps_the_previous_state(qtbot: QtBot, ui_db: Database) -> None:
    page = _page(qtbot, ui_db)
    page.set_kind("portfolio")
    page.generate()
    assert page.job is not None
    page.job.cancel()
    qtbot.waitUntil(lambda: page.preview_button.isEnabled(), timeout=TIMEOUT)
    assert page.status.text() == "Cancelled."
    assert page.pdf is None and page.save_button.isEnabled()


def _type(edit: QLineEdit, text: str) -> None:
    """Typed as a keyboard (or an input method) would: QTest only types Latin-1 keys."""
    edit.setFocus()
    for char in text:
        event = QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char
        )
        QApplication.sendEvent(edit, event)


def _completions(completer: QCompleter) -> list[str]:
    model = completer.completionModel()
    return [model.index(i, 0).data() for i in range(model.rowCount())]


@OFFSCREEN
def test_reference_box_suggests_matching_references(qtbot: QtBot, ui_db: Database) -> None:
    with ui_db.session() as s:
        rows = list_agreements(s, limit=100)
    wanted = rows[-1].reference
    page = _page(qtbot, ui_db)
    page.show()
    page.set_kind("agreement")
    prefix = wanted[:-1]
    qtbot.keyClicks(page.form.reference_edit, prefix)  # type: ignore[no-untyped-call]
    offered = _completions(page.form.reference_completer)
    assert wanted in offered
    assert offered == sorted(r.reference for r in rows if prefix in r.reference)
    popup = page.form.reference_completer.popup()
    assert popup is not None and popup.isVisible()


@OFFSCREEN
def test_partner_box_suggests_names_in_either_script(qtbot: QtBot, ui_db: Database) -> None:
    with ui_db.session() as s:
        partner = next(p for p in list_partners(s, limit=100) if p.local_name)
    assert partner.local_name is not None
    page = _page(qtbot, ui_db)
    page.show()
    page.set_kind("partner")
    _type(page.form.partner_edit, partner.local_name[:2])
    assert partner.local_name in _completions(page.form.partner_completer)
    # Choosing a suggestion picks that very partner for the dossier.
    page.form.partner_edit.setText(partner.local_name)
    page.form.partner_chosen(partner.local_name)
    assert page.form.partner_id == partner.id
    page.form.partner_edit.clear()
    qtbot.keyClicks(page.form.partner_edit, partner.legal_name[:4])  # type: ignore[no-untyped-call]
    assert partner.legal_name in _completions(page.form.partner_completer)


@OFFSCREEN
def test_an_empty_preview_says_what_to_do(qtbot: QtBot, ui_db: Database) -> None:
    page = _page(qtbot, ui_db)
    page.show()
    assert page.preview_stack.currentWidget() is page.hint
    assert page.hint.isVisible()
    assert page.hint.text() == "Choose a report and press Preview"
    page.set_kind("portfolio")
    with qtbot.waitSignal(page.rendered, timeout=TIMEOUT):
        page.preview_button.click()
    assert page.preview_stack.currentWidget() is page.preview
    assert not page.hint.isVisible()


def _answer_save_dialog(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """The file dialog answers ``target``; returns the (folder/name) each dialog offered."""
    offered: list[str] = []

    def answer(_parent: object, _title: str, proposed: str, _filters: str) -> tuple[str, str]:
        offered.append(proposed)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return offered


def test_save_as_after_changing_the_kind_writes_the_report_the_form_describes(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ui_db.session() as s:
        row = list_agreements(s, limit=1)[0]
    page = _page(qtbot, ui_db)
    with qtbot.waitSignal(page.rendered, timeout=TIMEOUT):
        page.open_for_agreement(row.reference)
    assert page.preview_stack.showing_pdf()

    page.set_kind("portfolio")
    # The agreement's preview is not left on screen as if it were the portfolio.
    assert not page.preview_stack.showing_pdf()
    assert "options changed" in page.hint.text()

    target = tmp_path / "chosen.pdf"
    offered = _answer_save_dialog(monkeypatch, target)
    with qtbot.waitSignal(page.saved, timeout=TIMEOUT):
        page.save_button.click()
    assert Path(offered[0]).name == f"portfolio-{UI_TODAY.isoformat()}.pdf"
    text = read_pdf(target.read_bytes()).text
    assert "Portfolio" in text and "Agreement contract report" not in text
    assert page.preview_stack.showing_pdf()


def test_save_as_without_a_preview_draws_the_report_first(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, ui_db)
    page.set_kind("renewals")
    page.form.within_spin.setValue(60)
    target = tmp_path / "outlook.pdf"
    offered = _answer_save_dialog(monkeypatch, target)
    with qtbot.waitSignal(page.saved, timeout=TIMEOUT) as saved:
        page.save_button.click()
    assert Path(offered[0]).name == f"renewals-60d-{UI_TODAY.isoformat()}.pdf"
    assert str(target) in saved.args[0]
    assert target.read_bytes() == page.pdf


def test_report_file_names_say_what_they_are_about(qtbot: QtBot, ui_db: Database) -> None:
    page = _page(qtbot, ui_db)
    page.set_kind("agreement")
    page.form.reference_edit.setText("BR-2026-0042")
    assert page.suggested_name() == f"agreement-BR-2026-0042-{UI_TODAY.isoformat()}.pdf"
    page.set_kind("partner")
    page.form.partner_edit.setText("A/B: 爱彼 Co.")
    assert page.suggested_name() == f"partner-A-B-爱彼-Co-{UI_TODAY.isoformat()}.pdf"


def test_a_saved_report_is_announced_in_the_status_bar(
    qtbot: QtBot, ui_db: Database, tmp_path: Path
) -> None:
    from ui.main_window import MainWindow

    with ui_db.session() as s:
        row = list_agreements(s, limit=1)[0]
    window = MainWindow(ui_db, UI_TODAY)
    qtbot.addWidget(window)
    window.show()
    page = window.reports.page()
    assert isinstance(page, ReportsPage)
    with qtbot.waitSignal(page.rendered, timeout=TIMEOUT):
        window.report_for_agreement(row.reference)
    target = tmp_path / "contract.pdf"
    page.save_to(target)
    assert window.statusBar().currentMessage() == f"Saved {target}"


def test_the_portfolio_summary_has_no_agreement_list_unless_asked_for(
    qtbot: QtBot, ui_db: Database
) -> None:
    page = _page(qtbot, ui_db)
    page.set_kind("portfolio")
    box = page.form.appendix_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "None (the summary only)", "Top 50 agreements in force", "Every agreement",
    ]  # fmt: skip
    assert box.currentText() == "None (the summary only)"
    with qtbot.waitSignal(page.rendered, timeout=TIMEOUT):
        page.preview_button.click()
    assert page.pdf is not None
    assert not any(t.startswith("Appendix") for t in read_pdf(page.pdf).outline_titles())

    box.setCurrentIndex(box.findData("top"))
    assert not page.preview_stack.showing_pdf()  # the summary without a list is not this one
    with qtbot.waitSignal(page.rendered, timeout=TIMEOUT):
        page.preview_button.click()
    titles = read_pdf(page.pdf).outline_titles()
    assert any(t.startswith("Appendix: the ") and t.endswith("largest agreements in force")
               for t in titles)  # fmt: skip


def test_the_full_list_is_also_saved_as_xlsx_beside_the_pdf(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    from app.services.listing import AgreementFilter, count_agreements

    with ui_db.session() as s:
        brand = count_agreements(s, AgreementFilter(types=frozenset({AgreementType.BRAND})))
    page = _page(qtbot, ui_db)
    page.set_kind("portfolio")
    page.form.type_box.setCurrentIndex(page.form.type_box.findData("brand"))
    page.form.xlsx_check.setChecked(True)
    target = tmp_path / "board.pdf"
    offered = _answer_save_dialog(monkeypatch, target)
    with qtbot.waitSignal(page.saved, timeout=TIMEOUT) as saved:
        page.save_button.click()
    assert Path(offered[0]).name == f"portfolio-{UI_TODAY.isoformat()}.pdf"  # unchanged
    sheet = tmp_path / "board.xlsx"
    assert target.read_bytes() == page.pdf
    book = load_workbook(sheet, read_only=True)
    try:  # a read-only workbook keeps its file open until closed
        rows = list(book.active.iter_rows(values_only=True))
    finally:
        book.close()
    assert len(rows) - 1 == brand  # a header row, then every brand agreement of the report
    assert saved.args[0] == f"Saved {target} and the list of {brand:,} agreements in {sheet}"
    assert page.status.text() == saved.args[0]
    assert page.preview_button.isEnabled() and page.save_button.isEnabled()


def test_without_the_xlsx_option_only_the_pdf_is_saved(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, ui_db)
    page.set_kind("portfolio")
    assert not page.form.xlsx_check.isChecked()
    target = tmp_path / "board.pdf"
    _answer_save_dialog(monkeypatch, target)
    with qtbot.waitSignal(page.saved, timeout=TIMEOUT) as saved:
        page.save_button.click()
    assert saved.args[0] == f"Saved {target}"
    assert not list(tmp_path.glob("*.xlsx"))


@OFFSCREEN
def test_the_form_keeps_its_width_across_kinds_and_after_save_as(
    qtbot: QtBot, ui_db: Database, tmp_path: Path
) -> None:
    page = _page(qtbot, ui_db)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    before = page.form.width()
    # The walkthrough: an agreement report, then the portfolio summary (whose options are
    # wider), Save as…: the panel grew from 372 to 462 pixels and the preview shrank.
    for kind in ("portfolio", "renewals", "partner", "agreement", "portfolio"):
        page.set_kind(kind)
        qtbot.wait(10)
        assert page.form.width() == before, kind
    with qtbot.waitSignal(page.rendered, timeout=TIMEOUT):
        page.generate()
    # Where people keep reports: a folder name with no place to break the line.
    folder = tmp_path / "Quarterly_partnership_reviews_for_the_executive_committee_2026"
    folder.mkdir()
    target = folder / "portfolio_summary_for_the_board_2026_11_26.pdf"
    page.save_to(target)
    qtbot.wait(10)
    assert page.form.width() == before
    # The whole path stays readable where the line is cut: in the tooltip.
    assert str(target) in page.status.toolTip()
    page._fail("x" * 400)  # an error of one long word likewise
    qtbot.wait(10)
    assert page.form.width() == before
