"""Exchange rates: the rate in force by date, its source, the stale-rate rule, the import."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.domain.fx import DEFAULT_STALE_DAYS, is_stale
from app.errors import FieldError, ValidationError
from app.services.agreements import AgreementView
from app.services.fx import (
    list_rates,
    rate_in_force,
    set_rate,
    set_stale_days,
    stale_days,
    stale_rates_in_use,
)
from app.services.fx_import import import_rates
from app.services.tabular import FileFormatError


def test_the_rate_in_force_is_the_newest_dated_on_or_before_the_day_with_its_source(
    session: Session,
) -> None:
    set_rate(session, "EUR", "CNY", Decimal("7.80"), date(2026, 9, 1), "ECB")
    set_rate(session, "EUR", "CNY", Decimal("7.90"), date(2026, 10, 12), "PBOC")
    before = rate_in_force(session, "EUR", "CNY", date(2026, 10, 11))
    assert (before.rate, before.effective_date, before.source) == (
        Decimal("7.80"), date(2026, 9, 1), "ECB",
    )  # fmt: skip
    on = rate_in_force(session, "EUR", "CNY", date(2026, 10, 12))
    assert (on.rate, on.source) == (Decimal("7.90"), "PBOC")
    # Setting the same day again replaces rate and source: one rate per day.
    assert set_rate(session, "EUR", "CNY", Decimal("7.95"), date(2026, 10, 12)) == "changed"
    on = rate_in_force(session, "EUR", "CNY", date(2026, 12, 1))
    assert (on.rate, on.source) == (Decimal("7.95"), "manual")
    assert set_rate(session, "EUR", "CNY", Decimal("7.95"), date(2026, 10, 12)) == "unchanged"
    assert [r.source for r in list_rates(session, "CNY", "EUR")] == ["manual", "ECB"]


def test_a_rate_without_a_source_is_refused(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        set_rate(session, "EUR", "CNY", Decimal("7.8"), date(2026, 9, 1), "  ")
    assert caught.value.for_field("source")


@pytest.mark.parametrize(
    ("age", "stale"), [(0, False), (34, False), (35, False), (36, True), (400, True)]
)
def test_a_rate_is_stale_when_older_than_the_stale_age(age: int, stale: bool) -> None:
    on = date(2026, 12, 3)
    assert is_stale(date.fromordinal(on.toordinal() - age), on, DEFAULT_STALE_DAYS) is stale


def test_the_window_warns_of_stale_rates_the_agreements_use_only(
    session: Session, agreement: AgreementView
) -> None:
    assert agreement.currency == "EUR"
    set_rate(session, "EUR", "CNY", Decimal("7.9"), date(2026, 10, 12), "ECB")
    set_rate(session, "USD", "CNY", Decimal("7.1"), date(2026, 10, 12), "PBOC")  # unused
    set_rate(session, "EUR", "CNY", Decimal("8.9"), date(2026, 12, 20), "ECB")  # not yet
    session.flush()
    on = date(2026, 12, 3)  # 52 days after the rates in force
    (eur,) = stale_rates_in_use(session, on)
    assert (eur.currency, eur.effective_date, eur.source) == ("EUR", date(2026, 10, 12), "ECB")
    assert stale_rates_in_use(session, date(2026, 11, 16)) == ()  # 35 days old: not yet
    assert stale_days(session) == DEFAULT_STALE_DAYS
    set_stale_days(session, 52)
    assert stale_rates_in_use(session, on) == ()  # exactly 52 days old: not older than 52
    with pytest.raises(ValidationError):
        set_stale_days(session, -1)


def _csv(tmp_path: Path, text: str, name: str = "rates.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_refuses_the_whole_file_naming_each_bad_row_and_field(
    session: Session, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "currency,rate,date,source\n"
        "EUR,7.80,2026-11-02,ECB\n"
        "USD,-7.1,2026-11-02,PBOC\n"
        "JPY,0.048,2026-02-30,PBOC\n"
        "XX,1.5,2026-11-02,PBOC\n"
        "EUR,7.81,2026-11-02,ECB\n",
    )
    with pytest.raises(ValidationError) as caught:
        import_rates(session, path)
    assert caught.value.errors == [
        FieldError("rate", "the rate must be a positive number", row=3),
        FieldError("date", "'2026-02-30' is not a real date", row=4),
        FieldError("currency", "'XX' is not an ISO 4217 code", row=5),
        FieldError(
            "rate", "EUR on 2026-11-02 is already given in row 2 with another rate or source",
            row=6,
        ),
    ]  # fmt: skip
    assert list_rates(session, "CNY") == []  # all or nothing: not even row 2


def test_importing_the_same_file_again_changes_nothing(session: Session, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "币种,汇率,日期,来源,remark\nEUR,7.80,2026/11/2,ECB,x\nUSD,7.1234,2026年11月2日,,y\n",
    )
    first = import_rates(session, path, source="PBOC")
    assert (first.added, first.changed, first.unchanged) == (2, 0, 0)
    assert first.ignored_columns == ("remark",)
    again = import_rates(session, path, source="PBOC")
    assert (again.added, again.changed, again.unchanged) == (0, 0, 2)
    rates = {(r.currency, r.rate, r.effective_date, r.source) for r in list_rates(session, "CNY")}
    assert rates == {
        ("EUR", Decimal("7.80"), date(2026, 11, 2), "ECB"),
        ("USD", Decimal("7.1234"), date(2026, 11, 2), "PBOC"),
    }


def test_import_names_a_missing_column_and_reads_xlsx(session: Session, tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="no date column"):
        import_rates(session, _csv(tmp_path, "currency,rate\nEUR,7.8\n"))
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Currency", "Rate", "Date", "Source"])
    sheet.append(["GBP", Decimal("9.0512"), date(2026, 11, 30), "BoE"])
    book.save(tmp_path / "r.xlsx")
    assert import_rates(session, tmp_path / "r.xlsx").added == 1
    gbp = rate_in_force(session, "GBP", "CNY", date(2026, 12, 1))
    assert (gbp.rate, gbp.source) == (Decimal("9.0512"), "BoE")
