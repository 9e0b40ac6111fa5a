"""The list models: qtmodeltester, SQL sorting and filtering, rows paged on demand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType
from app.services.listing import AgreementFilter, agreement_ids
from app.services.partners import PartnerFilter, count_partners
from ui.models.agreements import AgreementTableModel
from ui.models.lazy import Roles
from ui.models.partners import PartnerTableModel
from ui.models.records import Record, RecordTableModel

TODAY = date(2026, 11, 26)
Answered = Callable[[Any], None]  # the fixture of tests/ui/conftest.py


def _column(model: AgreementTableModel, key: str) -> int:
    return [c.key for c in model.columns].index(key)


def _texts(model: AgreementTableModel, key: str) -> list[str]:
    col = _column(model, key)
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_agreement_model_passes_qtmodeltester(
    qtmodeltester: ModelTester, ui_db: Database, answered: Answered
) -> None:
    model = AgreementTableModel(ui_db, today=TODAY)
    model.reload()
    answered(model)
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    assert model.rowCount() == 60


def test_agreement_model_sorts_in_the_database(ui_db: Database, answered: Answered) -> None:
    model = AgreementTableModel(ui_db, today=TODAY)
    model.reload()
    answered(model)
    model.sort(_column(model, "value"), Qt.SortOrder.DescendingOrder)
    answered(model)
    with ui_db.session() as s:
        expected = agreement_ids(s, AgreementFilter(), sort="value", descending=True)
    assert model.ids() == expected
    first = model.index(0, 0).data(Roles.RECORD)
    last = model.index(59, 0).data(Roles.RECORD)
    assert first.value >= last.value


def test_agreement_model_filters_by_type_and_text(ui_db: Database, answered: Answered) -> None:
    model = AgreementTableModel(ui_db, today=TODAY)
    model.set_filter(AgreementFilter(types=frozenset({AgreementType.LOGISTICS})))
    answered(model)
    assert model.rowCount() > 0
    assert set(_texts(model, "type")) == {"Logistics"}
    reference = model.index(0, _column(model, "reference")).data()
    model.set_filter(AgreementFilter(search=reference.lower()))
    answered(model)
    assert _texts(model, "reference") == [reference]


def test_agreement_model_fetches_only_the_pages_it_shows(
    ui_db: Database, answered: Answered
) -> None:
    model = AgreementTableModel(ui_db, today=TODAY)
    model.PAGE_SIZE = 10
    model.reload()
    answered(model)
    model.index(55, 0).data()
    assert len(model._pages) == 1


def test_decision_dates_past_and_near_are_marked(ui_db: Database, answered: Answered) -> None:
    model = AgreementTableModel(ui_db, today=TODAY)
    model.set_filter(AgreementFilter(statuses=frozenset({AgreementStatus.ACTIVE})))
    answered(model)
    col = _column(model, "decision_date")
    states = {}
    for r in range(model.rowCount()):
        record = model.index(r, col).data(Roles.RECORD)
        states[(record.decision_date - TODAY).days] = model.index(r, col).data(Roles.STATE)
    assert states, "the demo has active agreements"
    for days, state in states.items():
        assert state == ("past" if days < 0 else "near" if days <= 30 else "")


def test_partner_model_passes_qtmodeltester(
    qtmodeltester: ModelTester, ui_db: Database, answered: Answered
) -> None:
    model = PartnerTableModel(ui_db)
    model.reload()
    answered(model)
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    with ui_db.session() as s:
        assert model.rowCount() == count_partners(s)
    model.set_filter(PartnerFilter(search="zzz-nobody"))
    answered(model)
    assert model.rowCount() == 0


def test_record_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = RecordTableModel([lambda: "A", lambda: "B"])
    model.set_records([Record(1, ("x", "y")), Record(2, ("z", "w"), colour="#ff0000")])
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    assert model.index(1, 0).data(Roles.ID) == 2
    assert model.headerData(1, Qt.Orientation.Horizontal) == "B"


def test_background_queries_show_only_the_latest_filter(qtbot: QtBot, ui_db: Database) -> None:
    model = AgreementTableModel(ui_db, today=TODAY)
    model.assume_slow = True  # as in the application
    busy: list[bool] = []
    model.busy.connect(busy.append)
    model.set_filter(AgreementFilter(types=frozenset({AgreementType.BRAND})))
    model.set_filter(AgreementFilter(types=frozenset({AgreementType.PAYMENT})))
    assert model.rowCount() == 0  # nothing shown before the answer arrives
    qtbot.waitUntil(model.is_current, timeout=5000)
    qtbot.wait(50)  # an overtaken answer arriving late must change nothing
    types = {model.index(r, 0).data(Roles.RECORD).type for r in range(model.rowCount())}
    assert types == {AgreementType.PAYMENT}
    assert busy[0] is True and busy[-1] is False
