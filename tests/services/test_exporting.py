"""Exporting in the import format: the round trip, Excel's view of it, formulas kept inert."""

from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy.orm import Session

from app.db import Database, open_database
from app.domain.enums import AgreementStatus, AgreementType, PartnerRole
from app.services.agreements import create_agreement
from app.services.demo import load_demo
from app.services.exporting import export_file
from app.services.import_format import AGREEMENT_COLUMNS
from app.services.importing import import_file
from app.services.listing import AgreementFilter
from app.services.partners import (
    ContactInput,
    PartnerFilter,
    PartnerInput,
    count_partners,
    create_partner,
    list_partners,
)
from app.services.tabular import guard_formula
from tests.conftest import TODAY, agreement_input

EVIL = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "'=quoted", "ok"]


@pytest.fixture
def filled(session: Session) -> Session:
    load_demo(session, 150, seed=3, today=TODAY)
    partner = create_partner(
        session,
        PartnerInput(
            legal_name="=cmd|' /C calc'!A0", local_name="北京=测试", country="CN",
            roles=frozenset({PartnerRole.PAYMENT_INSTITUTION}), notes="-notes",
            contacts=(ContactInput("@Anna", "+Sales", "anna@x.example", "+86 10 1234"),),
        ),
    )  # fmt: skip
    for i, text in enumerate(EVIL):
        create_agreement(
            session,
            agreement_input(
                partner.id, title=text, owner=text, description=f"{text}\nsecond line",
                reference=f"ZZ-{i}", type=AgreementType.PAYMENT,
                terms={"payment_methods": ("alipay", "card"), "fee_rate_pct": "0.35",
                       "settlement_currencies": ("CNY", "USD"), "pci_dss": True},
            ),
        )  # fmt: skip
    session.flush()
    return session


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def round_trip(session: Session, tmp_path: Path, suffix: str, what: str) -> tuple[Path, Path]:
    first = tmp_path / f"first{suffix}"
    export_file(session, first, what)
    empty = open_database(tmp_path / "empty.db")
    try:
        with empty.session() as s:
            report = import_file(s, first)
            assert report.ok, [str(p) for p in report.problems[:5]]
        second = tmp_path / f"second{suffix}"
        with empty.session() as s:
            export_file(s, second, what)
    finally:
        empty.dispose()
    return first, second


@pytest.mark.parametrize("what", ["agreements", "partners"])
def test_csv_round_trip_gives_the_same_bytes(filled: Session, tmp_path: Path, what: str) -> None:
    first, second = round_trip(filled, tmp_path, ".csv", what)
    assert first.read_bytes() == second.read_bytes()
    assert len(read_csv(first)) == (158 if what == "agreements" else 18)


@pytest.mark.parametrize("what", ["agreements", "partners"])
def test_xlsx_round_trip_gives_the_same_cells(filled: Session, tmp_path: Path, what: str) -> None:
    first, second = round_trip(filled, tmp_path, ".xlsx", what)

    def cells(path: Path) -> list[tuple[object, ...]]:
        return list(openpyxl.load_workbook(path).active.values)

    assert cells(first) == cells(second)
    assert len(cells(first)) > 10


def test_csv_is_utf8_with_bom_crlf_and_every_import_column(filled: Session, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    result = export_file(filled, path)
    assert result.rows == 158
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfreference,title,type,")
    assert b"\r\n" in raw
    assert tuple(read_csv(path)[0]) == AGREEMENT_COLUMNS
    assert "北京=测试" in path.read_text(encoding="utf-8-sig")


def test_csv_formulas_are_neutralised(filled: Session, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    export_file(filled, path, agreement_filter=AgreementFilter(search="ZZ-"))
    rows = read_csv(path)
    # Titles are stripped by the editor's rules; descriptions keep a leading tab or CR.
    titles = sorted(r["title"] for r in rows)
    assert titles == sorted(["'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)", "Tab",
                             "CR", "''=quoted", "ok"])  # fmt: skip
    descriptions = {r["description"].split("\n")[0] for r in rows}
    assert {"'\tTab", "'\rCR", '\'=HYPERLINK("http://x")'} <= descriptions
    assert {r["partner"] for r in rows} == {"'=cmd|' /C calc'!A0"}
    # No cell starts with a formula character any more.
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_xlsx_cells_are_typed_and_never_formulas(filled: Session, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    export_file(filled, path, agreement_filter=AgreementFilter(search="ZZ-"))
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    assert ws.column_dimensions["B"].width and ws.column_dimensions["B"].width > 30
    titles = set()
    for r in range(2, ws.max_row + 1):
        title = ws.cell(r, col["title"])
        assert title.data_type == "s"  # text, never "f" (formula)
        titles.add(title.value)
        value = ws.cell(r, col["value"])
        assert value.data_type == "n" and value.value == 1250000
        assert value.number_format == "#,##0.00"
        assert ws.cell(r, col["currency"]).value == "EUR"
        assert col["currency"] == col["value"] - 1  # the currency beside the amount
        start = ws.cell(r, col["start_date"])
        assert start.is_date and start.value == datetime(2026, 1, 1)
        assert ws.cell(r, col["fee_rate_pct"]).value == Decimal("0.35") or ws.cell(
            r, col["fee_rate_pct"]
        ).value == pytest.approx(0.35)
    assert titles == {e.strip() for e in EVIL}


def test_export_of_the_current_filter_only(filled: Session, tmp_path: Path) -> None:
    path = tmp_path / "active.csv"
    result = export_file(
        filled, path, agreement_filter=AgreementFilter(statuses=frozenset({AgreementStatus.ACTIVE}))
    )
    rows = read_csv(path)
    assert len(rows) == result.rows > 0
    assert {r["status"] for r in rows} == {"active"}


def test_export_of_chosen_partners_only(filled: Session, tmp_path: Path) -> None:
    everyone = list_partners(filled)
    chosen = {everyone[1].id, everyone[4].id, everyone[-1].id}
    path = tmp_path / "chosen.csv"
    result = export_file(
        filled, path, "partners", partner_filter=PartnerFilter(ids=frozenset(chosen))
    )
    names = {p.legal_name for p in everyone if p.id in chosen}
    rows = read_csv(path)
    assert result.rows == len(rows) == 3
    assert {r["legal_name"] for r in rows} == {guard_formula(n) for n in names}
    # Thousands of ids are written into the SQL, not bound one parameter each.
    many = frozenset(range(1, 40_000)) | chosen
    assert count_partners(filled, PartnerFilter(ids=many)) == len(everyone)


def test_export_refuses_other_formats_and_leaves_no_half_file(
    filled: Session, tmp_path: Path
) -> None:
    from app.errors import PartnerDeskError

    with pytest.raises(PartnerDeskError, match=r"\.csv or \.xlsx"):
        export_file(filled, tmp_path / "out.pdf")

    def cancel(_done: int, _total: int) -> bool:
        return False

    for name in ("out.csv", "out.xlsx"):
        with pytest.raises(InterruptedError):
            export_file(filled, tmp_path / name, progress=cancel)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith((".out", "out"))] == []


def test_dates_export_as_iso(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        partner = create_partner(s, PartnerInput(legal_name="P", country="CN"))
        create_agreement(s, agreement_input(partner.id, signed_date=date(2025, 12, 1)))
        export_file(s, tmp_path / "o.csv")
    row = read_csv(tmp_path / "o.csv")[0]
    assert (row["signed_date"], row["start_date"], row["value"]) == (
        "2025-12-01", "2026-01-01", "1250000.00",
    )  # fmt: skip
    assert (row["brands"], row["operating_model"], row["exclusive"]) == ("Lumière", "direct", "no")


def test_reimporting_an_unchanged_export_changes_nothing(filled: Session, tmp_path: Path) -> None:
    from sqlalchemy import func, select

    from app.domain.models import Agreement, AuditEntry

    path = tmp_path / "all.xlsx"
    export_file(filled, path)
    versions = dict(filled.execute(select(Agreement.reference, Agreement.version)).all())
    audits = filled.scalar(select(func.count()).select_from(AuditEntry))
    report = import_file(filled, path)
    assert report.ok and (report.creates, report.updates, report.unchanged) == (0, 0, 158)
    assert "158 unchanged" in report.summary()
    assert dict(filled.execute(select(Agreement.reference, Agreement.version)).all()) == versions
    assert filled.scalar(select(func.count()).select_from(AuditEntry)) == audits
