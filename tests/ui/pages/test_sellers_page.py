"""Sellers: the register with scorecards, one seller seen whole, and supervising a seller
through a violation and a deposit deduction from the window."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services.sellers.register import list_sellers
from app.services.sellers.supervision import deposit_balance
from ui.dialogs.seller_dialogs import SellerDialog, ViolationDialog
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
