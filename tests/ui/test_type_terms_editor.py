"""The #14 terms on the editor's Terms tab: procurement typed in for direct sales, greyed
out and saved blank on the platform model; a campaign's festival and actual spend."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementType, Festival, OperatingModel, PaymentTerms
from app.domain.terms import DIRECT_ONLY
from tests.ui.test_agreement_editor import (
    _never_block_on_a_question,  # noqa: F401 - the autouse fixture, for these tests too
    fill_common,
    open_editor,
    press,
    save,
    stored,
    term,
    type_keys,
)
from ui.editors.fields import DecimalEdit

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    combo.setFocus()
    type_keys(qtbot, combo, text)  # a closed combo box jumps to the entry typed


def test_direct_sales_procurement_is_typed_in_and_saved(qtbot: QtBot, ui_db: Database) -> None:
    editor = open_editor(qtbot, ui_db)
    fill_common(qtbot, editor, ui_db, "Lumiere direct supply")
    editor.tabs.setCurrentWidget(editor.terms_scroll)
    model, currency, payment = (term(editor, n) for n in ("operating_model",
                                "purchase_currency", "payment_terms"))  # fmt: skip
    assert isinstance(model, QComboBox) and isinstance(currency, QComboBox)
    assert isinstance(payment, QComboBox)
    _choose(qtbot, model, "D")
    _choose(qtbot, currency, "EUR")
    _choose(qtbot, payment, "L")
    minimum = term(editor, "minimum_order")
    assert isinstance(minimum, DecimalEdit)
    type_keys(qtbot, minimum, "250000")

    saved = save(qtbot, editor)

    assert editor.board.banner.isHidden(), editor.board.banner.text()
    terms = stored(ui_db, saved[0]).terms
    assert terms["operating_model"] is OperatingModel.DIRECT
    assert terms["purchase_currency"] == "EUR"
    assert terms["payment_terms"] is PaymentTerms.LETTER_OF_CREDIT
    assert terms["minimum_order"] == Decimal(250000)


def test_the_platform_model_greys_out_procurement_and_saves_it_blank(
    qtbot: QtBot, ui_db: Database
) -> None:
    editor = open_editor(qtbot, ui_db)
    fill_common(qtbot, editor, ui_db, "Lumiere listing")
    editor.tabs.setCurrentWidget(editor.terms_scroll)
    assert editor.terms_form is not None
    heading = editor.terms_form.findChild(QLabel, "procurement_heading")
    assert heading is not None and heading.text() == "Procurement (direct sales only)"
    model, currency = term(editor, "operating_model"), term(editor, "purchase_currency")
    assert isinstance(model, QComboBox) and isinstance(currency, QComboBox)
    _choose(qtbot, model, "D")
    _choose(qtbot, currency, "USD")
    assert all(editor.terms_form.rows[n].isEnabled() for n in DIRECT_ONLY)
    model.setFocus()
    press(qtbot, model, Qt.Key.Key_Down)  # the manager settles on the platform model
    assert model.currentData() == OperatingModel.PLATFORM.value

    assert not any(editor.terms_form.rows[n].isEnabled() for n in DIRECT_ONLY)
    assert currency.currentText() == "USD"  # still shown: switching back restores it
    saved = save(qtbot, editor)

    assert editor.board.banner.isHidden(), editor.board.banner.text()
    terms = stored(ui_db, saved[0]).terms
    assert terms["operating_model"] is OperatingModel.PLATFORM
    assert terms["purchase_currency"] is None


def test_a_campaigns_festival_and_actual_spend_are_saved(qtbot: QtBot, ui_db: Database) -> None:
    editor = open_editor(qtbot, ui_db)
    _choose(qtbot, editor.type_combo, "Mar")
    assert editor.terms_form is not None
    assert editor.terms_form.agreement_type is AgreementType.MARKETING
    fill_common(qtbot, editor, ui_db, "618 livestream campaign")
    editor.tabs.setCurrentWidget(editor.terms_scroll)
    festival, spend = term(editor, "festival"), term(editor, "actual_spend")
    assert isinstance(festival, QComboBox) and isinstance(spend, DecimalEdit)
    _choose(qtbot, festival, "6")
    type_keys(qtbot, spend, "96500.5")

    saved = save(qtbot, editor)

    assert editor.board.banner.isHidden(), editor.board.banner.text()
    terms = stored(ui_db, saved[0]).terms
    assert terms["festival"] is Festival.FESTIVAL_618
    assert terms["actual_spend"] == Decimal("96500.50")
