"""The agreements list shows and sorts values in the base currency, beside the original."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services.agreements import create_agreement
from app.services.fx import rate_in_force
from app.services.listing import list_agreements
from tests.conftest import agreement_input
from ui.models.agreements import AgreementTableModel
from ui.pages.agreements import AgreementsPage

TODAY = date(2026, 11, 26)


def _without_rate(db: Database) -> int:
    """An Icelandic contract: the demo data has no ISK rate."""
    with db.session() as s:
        partner_id = list_agreements(s, limit=1)[0].partner_id
        view = create_agreement(
            s, agreement_input(partner_id, currency="ISK", value=Decimal("9" * 12), title="ISK")
        )
    return view.id


def test_value_column_in_the_base_currency_sorts_across_currencies(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    ui_db: Database,
    answered: Callable[[Any], None],
) -> None:
    lonely = _without_rate(ui_db)
    page = AgreementsPage(ui_db, TODAY)
    qtbot.addWidget(page)
    model = page.model
    keys = [c.key for c in model.columns]
    column = keys.index("base_value")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Value (CNY)"
    # The original amount and currency are still shown, beside it.
    assert not page.view.isColumnHidden(keys.index("value"))
    assert not page.view.isColumnHidden(keys.index("currency"))
    assert not page.view.isColumnHidden(column)

    page.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    answered(model)
    texts = [model.index(r, column).data() for r in range(model.rowCount())]
    amounts = [Decimal(t.replace(",", "")) for t in texts if t]
    assert amounts == sorted(amounts, reverse=True) and len(amounts) == len(texts) - 1
    currencies = {model.index(r, keys.index("currency")).data() for r in range(20)}
    assert len(currencies) > 1  # the order really mixes currencies
    # No rate: blank, last, and the tooltip says why.
    last = model.rowCount() - 1
    assert model.ids()[last] == lonely
    assert texts[-1] == ""
    tip = model.index(last, column).data(Qt.ItemDataRole.ToolTipRole)
    assert "No ISK → CNY exchange rate" in tip and "2026-11-26" in tip
    # A converted value says which rate made it: rate, date in force and source.
    currency_column = keys.index("currency")
    foreign = next(
        r for r in range(model.rowCount()) if model.index(r, currency_column).data() not in
        ("CNY", "ISK")
    )  # fmt: skip
    code = model.index(foreign, currency_column).data()
    with ui_db.session() as s:
        rate = rate_in_force(s, code, "CNY", TODAY)
    assert rate.effective_date is not None
    tip = model.index(foreign, column).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith(
        f"at 1 {code} = {rate.rate.normalize():f} CNY, in force from "
        f"{rate.effective_date.isoformat()} (demo)"  # the demo's rates say they are made up
    ), tip
    page.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    answered(model)
    assert model.ids()[-1] == lonely
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]


def test_header_follows_the_base_currency(ui_db: Database, answered: Callable[[Any], None]) -> None:
    from app.services.settings import set_base_currency

    model = AgreementTableModel(ui_db, today=TODAY)
    with ui_db.session() as s:
        set_base_currency(s, "USD")
    model.reload()  # the base currency is read with the ids, in the worker
    answered(model)
    column = [c.key for c in model.columns].index("base_value")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Value (USD)"
