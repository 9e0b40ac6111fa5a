"""Sellers: the register with scorecards, one seller seen whole, and supervising a seller
through a violation and a deposit deduction from the window."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services.sellers.register import get_seller, list_sellers
from app.services.sellers.supervision import deposit_balance
from ui.dialogs.seller_dialogs import SellerDialog, ViolationDialog
from ui.dialogs.seller_stores import StoresEditor
from ui.pages.sellers import SellersPage

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_register_lists_every_seller_with_its_scorecard(
    qtbot: QtBot, qtmodeltester: object, ui_db: Database
) -> None:
    page = SellersPage(ui_db, TODAY)
    qtbot.addWidget(page)
    page.activate()
    with ui_db.session() as s:
        rows = list_sellers(s, TODAY)
    assert page.model.rowCount() == len(rows) > 0
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    red = sum(1 for r in rows if r.scorecard.value == "red")
    assert page.summary.text() == f"{len(rows)} sellers, {red} in red"
    page.view.selectRow(0)
    assert page.detail is not None and page.detail.seller.id == rows[0].id
    assert page.brands_model.rowCount() == len(page.detail.brands) > 0
    assert page.documents_model.rowCount() == len(page.detail.documents) > 0


def test_a_violation_recorded_in_the_window_takes_its_deduction_from_the_deposit(
    qtbot: QtBot, ui_db: Database
) -> None:
    page = SellersPage(ui_db, TODAY)
    qtbot.addWidget(page)
    page.activate()
    page.view.selectRow(0)
    assert page.detail is not None
    seller = page.detail.seller
    before = page.detail.deposit_balance
    dialog = ViolationDialog(ui_db, seller, TODAY, page)
    qtbot.addWidget(dialog)
    dialog.penalty.setText("150.50")
    dialog.penalty_currency.setText(seller.deposit_currency)
    dialog.deduction.setText(f"{before + 1}")  # more than is left: refused, in the dialog
    dialog._accept()
    assert dialog.error.isVisibleTo(dialog)
    assert "left of the deposit" in dialog.error.text()
    dialog.deduction.setText("150.50")
    dialog._accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with ui_db.session() as s:
        assert deposit_balance(s, seller.id) == before - Decimal("150.50")


def test_a_new_seller_is_refused_with_the_field_then_saved(qtbot: QtBot, ui_db: Database) -> None:
    dialog = SellerDialog(ui_db)
    qtbot.addWidget(dialog)
    dialog.legal_name.setText("Lotus Import Ltd")
    dialog.country.setText("XX")
    dialog._accept()
    assert dialog.error.text().startswith("country:")
    dialog.country.setText("SG")
    dialog.deposit.setText("12,000.00")
    dialog._accept()
    assert dialog.saved_id is not None
    with ui_db.session() as s:
        names = [r.legal_name for r in list_sellers(s, TODAY)]
    assert "Lotus Import Ltd" in names


def test_a_brand_is_authorised_only_along_the_chain_and_papers_are_added(
    qtbot: QtBot, ui_db: Database
) -> None:
    from ui.dialogs.seller_dialogs import BrandDialog, DocumentDialog

    page = SellersPage(ui_db, TODAY)
    qtbot.addWidget(page)
    page.activate()
    page.view.selectRow(0)
    assert page.detail is not None
    seller, link = page.detail.seller, page.detail.brands[0]
    dialog = BrandDialog(ui_db, seller, TODAY, page)
    qtbot.addWidget(dialog)
    dialog.reference.setText(link.reference.lower())
    dialog.brand.setText("No Such Brand")
    dialog._accept()
    assert "is not among" in dialog.error.text()
    documents = len(page.detail.documents)
    papers = DocumentDialog(ui_db, seller, TODAY, page)
    qtbot.addWidget(papers)
    papers.number.setText("IP-1")
    papers._accept()
    assert papers.result() == papers.DialogCode.Accepted
    page.refresh()
    assert page.detail is not None and len(page.detail.documents) == documents + 1


def cell(editor: StoresEditor, column: int) -> QTableWidgetItem:
    """The last store's cell in ``column``."""
    item = editor.table.item(editor.table.rowCount() - 1, column)
    assert item is not None
    return item


def test_stores_are_added_changed_and_removed_in_the_seller_editor(
    qtbot: QtBot, ui_db: Database
) -> None:
    with ui_db.session() as s:
        rows = list_sellers(s, TODAY)
        first, other = get_seller(s, rows[0].id), get_seller(s, rows[1].id)
    taken = next(st.shop_id for st in other.stores if st.shop_id)
    dialog = SellerDialog(ui_db, first)
    qtbot.addWidget(dialog)
    editor = dialog.stores
    assert editor.table.rowCount() == len(first.stores) > 0
    editor.add()
    cell(editor, 0).setText("Second Store")
    cell(editor, 1).setText("shop.example.com")
    dialog._accept()
    # Refused in the dialog, which store and why; nothing written.
    assert dialog.error.text() == (
        f"stores: store {len(first.stores) + 1}: 'shop.example.com' is not a web address "
        "(https://…)"
    )
    cell(editor, 1).setText("https://second.example.com")
    cell(editor, 2).setText(taken)
    dialog._accept()
    assert dialog.error.text() == f"stores: shop id {taken} is a store of {other.legal_name}"
    cell(editor, 2).setText("SHOP-NEW")
    editor.table.selectRow(0)
    editor.remove()  # the first store goes
    dialog._accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with ui_db.session() as s:
        stores = get_seller(s, first.id).stores
    assert [st.name for st in stores] == [
        *(st.name for st in first.stores[1:]),
        "Second Store",
    ]
    assert stores[-1].url == "https://second.example.com" and stores[-1].shop_id == "SHOP-NEW"


def test_a_violation_is_dismissed_from_the_window_and_gives_its_deduction_back(
    qtbot: QtBot, ui_db: Database
) -> None:
    page = SellersPage(ui_db, TODAY)
    qtbot.addWidget(page)
    page.activate()
    page.view.selectRow(0)
    assert page.detail is not None
    seller, before = page.detail.seller, page.detail.deposit_balance
    record = ViolationDialog(ui_db, seller, TODAY, page)
    qtbot.addWidget(record)
    record.deduction.setText("100")
    record._accept()
    page.refresh()
    assert page.detail is not None and page.detail.deposit_balance == before - 100
    page.tabs.setCurrentIndex(2)
    assert page.tab_button.text() == "Edit violation…" and not page.tab_button.isEnabled()
    page.violations_view.selectRow(0)  # newest first: the one just recorded
    assert page.tab_button.isEnabled()
    violation = page.detail.violations[0]
    edit = ViolationDialog(ui_db, seller, TODAY, page, violation)
    qtbot.addWidget(edit)
    assert edit.deduction.text() == "100"
    edit.status.setCurrentIndex(edit.status.findData("dismissed"))
    edit._accept()
    assert edit.result() == edit.DialogCode.Accepted
    page.refresh()
    assert page.detail is not None and page.detail.deposit_balance == before


def test_a_brand_and_a_paper_are_removed_from_the_seller(qtbot: QtBot, ui_db: Database) -> None:
    page = SellersPage(ui_db, TODAY)
    qtbot.addWidget(page)
    page.activate()
    # Nothing selected yet: the tab's button says what it would do, and is off.
    assert page.tab_button.text() == "Remove brand…" and not page.tab_button.isEnabled()
    page.view.selectRow(0)
    assert page.detail is not None
    brands, papers = len(page.detail.brands), len(page.detail.documents)
    assert page.tab_button.text() == "Remove brand…"
    page.remove(0, page.detail.brands[0].id)
    page.remove(1, page.detail.documents[0].id)
    assert page.detail is not None
    assert (len(page.detail.brands), len(page.detail.documents)) == (brands - 1, papers - 1)


def test_the_page_imports_violations_and_tells_refusals_by_row(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from ui.dialogs import seller_import

    page = SellersPage(ui_db, TODAY)
    qtbot.addWidget(page)
    page.activate()
    page.view.selectRow(0)
    assert page.detail is not None
    seller, before = page.detail.seller, page.detail.deposit_balance
    said: list[str] = []

    def tell(_parent: QWidget, _title: str, text: str) -> QMessageBox.StandardButton:
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", tell)
    monkeypatch.setattr(QMessageBox, "information", tell)
    path = tmp_path / "violations.csv"
    head = "seller,country,date,kind,severity,deduction\n"
    path.write_text(
        head + f"{seller.legal_name},{seller.country},2026-11-20,customs,major,1\n"
        f"{seller.legal_name},{seller.country},2026-11-31,customs,major,1\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(seller_import, "open_path", lambda *_a: path)
    [sellers_action, violations_action] = page.import_button.menu().actions()
    violations_action.trigger()
    assert said[-1] == (
        "Nothing was imported from violations.csv:\n\nrow 3, date: '2026-11-31' is not a real date"
    )
    assert page.detail is not None and page.detail.deposit_balance == before
    path.write_text(
        head + f"{seller.legal_name},{seller.country},2026-11-20,customs,major,1\n",
        encoding="utf-8",
    )
    violations_action.trigger()
    assert said[-1] == "Rows read: 1; added: 1, changed: 0, already there: 0."
    assert page.detail is not None and page.detail.deposit_balance == before - 1
    assert sellers_action.text() == "Sellers…"


def test_the_seller_editor_saves_in_a_worker_and_still_says_which_field_and_why(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from ui import background

    monkeypatch.setattr(background, "in_workers", True)
    dialog = SellerDialog(ui_db)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    save = box.button(QDialogButtonBox.StandardButton.Save)
    dialog.legal_name.setText("Orchid Trading Ltd")
    dialog.country.setText("XX")
    save.click()
    assert not dialog.isEnabled()  # off while the worker writes: nothing typed is lost
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=10_000)
    assert dialog.isEnabled() and dialog.isVisible()
    assert dialog.error.text().startswith("country:")
    dialog.country.setText("SG")
    save.click()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.saved_id is not None and not dialog.error.isVisibleTo(dialog)
    with ui_db.session() as s:
        assert get_seller(s, dialog.saved_id).legal_name == "Orchid Trading Ltd"
