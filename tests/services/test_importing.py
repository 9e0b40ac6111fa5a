"""Importing agreements and partners from CSV and XLSX files as people really have them."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType, PartnerRole
from app.domain.models import Agreement, AuditEntry, KpiDefinition, Partner
from app.errors import FieldError
from app.services.agreements import create_agreement, get_agreement_by_reference
from app.services.audit import history
from app.services.import_format import map_columns
from app.services.importing import ImportOptions, ImportReport, import_file
from app.services.partners import PartnerView, find_partner
from app.services.tabular import (
    FileFormatError,
    header_unit,
    parse_amount,
    parse_bool,
    parse_date,
    parse_decimal,
)
from tests.conftest import agreement_input

HEADER = [
    "reference", "title", "type", "partner", "partner_country", "status", "currency",
    "value", "start_date", "end_date", "signed_date", "notice_days", "operating_model",
]  # fmt: skip


def row(**changes: str) -> list[str]:
    values = {
        "reference": "",
        "title": "Lumière skincare distribution",
        "type": "brand",
        "partner": "Lumière Paris SAS",
        "partner_country": "FR",
        "status": "draft",
        "currency": "EUR",
        "value": "1,250,000.00",
        "start_date": "2026-01-01",
        "end_date": "2027-12-31",
        "signed_date": "",
        "notice_days": "90",
        "operating_model": "direct",
    }
    values.update(changes)
    return [values[h] for h in HEADER]


def write_csv(
    path: Path,
    rows: list[list[str]],
    *,
    header: list[str] = HEADER,
    encoding: str = "utf-8",
    delimiter: str = ",",
    newline: str = "\r\n",
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def problems(report: ImportReport) -> list[str]:
    return [str(p) for p in report.problems]


def count(session: Session, model: type[object]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


# --- encodings, delimiters, quoting ---------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_each_encoding_keeps_the_chinese_name(
    session: Session, tmp_path: Path, encoding: str
) -> None:
    path = write_csv(
        tmp_path / "in.csv",
        [row(partner="北京国际物流有限公司", partner_country="CN", title="保税仓储服务协议")],
        encoding=encoding,
    )
    report = import_file(session, path)
    assert report.ok, problems(report)
    assert report.creates == 1
    partner = find_partner(session, "北京国际物流有限公司")
    assert partner.country == "CN"
    assert session.scalar(select(Agreement.title)) == "保税仓储服务协议"


def test_encoding_override_reads_what_detection_cannot(session: Session, tmp_path: Path) -> None:
    # Big5 bytes happen to decode as GB18030 too (as the wrong characters): only the user
    # knows, so --encoding wins over detection.
    path = write_csv(
        tmp_path / "in.csv",
        [row(title="台灣代理協議", partner="Formosa Ltd", partner_country="TW")],
        encoding="big5",
    )
    report = import_file(session, path, ImportOptions(encoding="big5"))
    assert report.ok, problems(report)
    assert session.scalar(select(Agreement.title)) == "台灣代理協議"


def test_unknown_encoding_name_is_refused_clearly(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [row()])
    with pytest.raises(FileFormatError, match="unknown encoding 'klingon'"):
        import_file(session, path, ImportOptions(encoding="klingon"))


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_delimiters_and_line_ends(
    session: Session, tmp_path: Path, delimiter: str, newline: str
) -> None:
    path = write_csv(
        tmp_path / "in.csv",
        [row(title="First"), row(title="Second, with a comma; and a semicolon")],
        delimiter=delimiter,
        newline=newline,
    )
    report = import_file(session, path)
    assert report.ok, problems(report)
    titles = set(session.scalars(select(Agreement.title)))
    assert titles == {"First", "Second, with a comma; and a semicolon"}


def test_quoted_fields_with_newlines_keep_row_numbers_of_records(
    session: Session, tmp_path: Path
) -> None:
    header = [*HEADER, "description"]
    path = write_csv(
        tmp_path / "in.csv",
        [[*row(), 'Line one,\r\nline two "quoted"'], [*row(value="lots"), ""]],
        header=header,
    )
    report = import_file(session, path)
    assert problems(report) == ["row 3, value: 'lots' is not an amount"]
    path = write_csv(tmp_path / "ok.csv", [[*row(), 'Line one,\nline two "quoted"']],
                     header=header)  # fmt: skip
    assert import_file(session, path).ok
    assert session.scalar(select(Agreement.description)) == 'Line one,\nline two "quoted"'


def test_chinese_headers_are_understood(session: Session, tmp_path: Path) -> None:
    header = ["合同名称", "合作类型", "合作方", "国家", "状态", "币种", "合同金额", "开始日期",
              "结束日期", "经营模式", "自动续约", "续约月数", "佣金比例 %"]  # fmt: skip
    values = ["天猫国际品牌入驻协议", "品牌", "花王株式会社", "JP", "谈判中", "JPY",
              "￥12,000,000", "2026年3月1日", "2027/2/28", "平台", "是", "12", "5.5%"]  # fmt: skip
    path = write_csv(tmp_path / "in.csv", [values], header=header, encoding="gbk")
    report = import_file(session, path)
    assert report.ok, problems(report)
    view = get_agreement_by_reference(session, session.scalar(select(Agreement.reference)) or "")
    assert view.type is AgreementType.BRAND
    assert view.status is AgreementStatus.NEGOTIATION
    assert (view.value, view.currency) == (Decimal("12000000.00"), "JPY")
    assert (view.start_date, view.end_date) == (date(2026, 3, 1), date(2027, 2, 28))
    assert view.auto_renew and view.renewal_term_months == 12
    assert view.terms["operating_model"] == "platform"
    assert view.terms["commission_rate_pct"] == Decimal("5.5")


def test_headers_are_case_and_space_insensitive() -> None:
    mapping = map_columns([" Start Date ", "END_DATE", "Title", "TYPE", "Partner", "status",
                           "Currency", "Value", "Mystery"])  # fmt: skip
    assert mapping.kind == "agreements"
    assert mapping.fields[:2] == ("start_date", "end_date")
    assert mapping.unknown == ("Mystery",)
    assert mapping.missing == ()


def test_no_two_columns_share_a_header_name() -> None:
    from app.services.import_format import AGREEMENT_ALIASES, PARTNER_ALIASES, TERM_SPECS
    from app.services.tabular import header_key

    for kind, aliases in (("agreements", AGREEMENT_ALIASES), ("partners", PARTNER_ALIASES)):
        owner: dict[str, str] = {}
        names = [(c, n) for c, ns in aliases.items() for n in (c, *ns)]
        if kind == "agreements":
            names += [(t, n) for t, spec in TERM_SPECS.items()
                      for n in (t, spec.label, spec.label_zh)]  # fmt: skip
        for column, name in names:
            key = header_key(name)
            assert owner.setdefault(key, column) == column, (name, owner[key], column)


def test_units_in_brackets_and_other_spellings() -> None:
    headers = ["合同金额（元）", "Notice period (days)", "Effective Date", "签订日期",
               "合作伙伴名称", "合同标题", "币别", "合作方式", "状态", "到期日期"]  # fmt: skip
    mapping = map_columns(headers)
    assert mapping.fields == ("value", "notice_days", "start_date", "signed_date", "partner",
                              "title", "currency", "type", "status", "end_date")  # fmt: skip


@pytest.mark.parametrize(
    ("header", "unit"),
    [("合同金额（万元）", (Decimal(10_000), "CNY")), ("合同金额（元）", (Decimal(1), "CNY")),
     ("Value (USD thousands)", (Decimal(1000), "USD")), ("Value (EUR m)", (Decimal(10**6), "EUR")),
     ("金额(亿日元)", (Decimal(10**8), "JPY")), ("value", (Decimal(1), None))],
)  # fmt: skip
def test_units_in_amount_headers(header: str, unit: tuple[Decimal, str | None]) -> None:
    assert header_unit(header) == unit


def test_an_amount_in_ten_thousands_is_not_imported_ten_thousand_times_too_small(
    session: Session, tmp_path: Path
) -> None:
    header = [h if h != "value" else "合同金额（万元）" for h in HEADER]
    path = write_csv(tmp_path / "in.csv", [row(value="125", currency="CNY"),
                                           row(value="125")], header=header)  # fmt: skip
    assert problems(import_file(session, path)) == [
        "row 3, 合同金额（万元）: is in CNY, but the currency column says EUR"
    ]
    path = write_csv(tmp_path / "in.csv", [row(value="125.5", currency="CNY")], header=header)
    assert import_file(session, path).ok
    assert session.scalar(select(Agreement.value)) == Decimal("1255000.00")


def test_missing_required_columns_are_named(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [["x", "brand"]], header=["title", "type"])
    report = import_file(session, path)
    assert not report.ok
    assert "row 1, currency: this required column is missing from the file" in problems(report)
    assert count(session, Agreement) == 0


# --- values as people type them -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("2026/3/1", date(2026, 3, 1)),
        ("2026.3.1", date(2026, 3, 1)),
        ("2026年3月1日", date(2026, 3, 1)),
        ("2026 年 3 月 1 日", date(2026, 3, 1)),
        ("2026-03-01 00:00:00", date(2026, 3, 1)),
        (datetime(2026, 3, 1), date(2026, 3, 1)),
    ],
)
def test_date_forms(text: object, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3/1/2026", "ambiguous"),
        ("2026-02-30", "not a real date"),
        ("next Tuesday", "not a date"),
    ],
)
def test_bad_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("1,234,567.89", Decimal("1234567.89"), None),
        ("¥1,000", Decimal("1000"), "CNY/JPY"),
        ("￥1,000", Decimal("1000"), "CNY/JPY"),
        ("RMB 1,000", Decimal("1000"), "CNY"),
        ("USD 2,500", Decimal("2500"), "USD"),
        ("2,500 EUR", Decimal("2500"), "EUR"),
        ("US$99.5", Decimal("99.5"), "USD"),
        ("120万", Decimal("1200000"), None),
        ("1.5亿元", Decimal("150000000"), "CNY"),
        (Decimal("1234.5"), Decimal("1234.5"), None),
        (1234.56, Decimal("1234.56"), None),
    ],
)
def test_amount_forms(text: object, amount: Decimal, currency: str | None) -> None:
    assert parse_amount(text) == (amount, currency)


@pytest.mark.parametrize("text", ["lots", "1,2x", "USD", "12 apples"])
def test_bad_amounts(text: str) -> None:
    with pytest.raises(ValueError, match="is not an amount"):
        parse_amount(text)


@pytest.mark.parametrize("text", ["1234,56", "1.234.567,89", "12,34", "1,2345"])
def test_a_decimal_comma_is_refused_not_read_a_hundred_times_too_big(text: str) -> None:
    with pytest.raises(ValueError, match="a comma may only group thousands"):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yes", True), ("Y", True), ("TRUE", True), ("是", True), ("1", True), (True, True),
     ("no", False), ("false", False), ("否", False), ("0", False), ("", False)],
)  # fmt: skip
def test_yes_no_forms(text: object, expected: bool) -> None:
    assert parse_bool(text) is expected


def test_percent_forms() -> None:
    assert parse_decimal("12.5%") == Decimal("12.5")
    assert parse_decimal("12.5 ％") == Decimal("12.5")


# --- every kind of row error ----------------------------------------------------------------


def test_every_problem_of_every_row_is_reported_and_nothing_written(
    session: Session, tmp_path: Path
) -> None:
    rows = [
        row(title="Good one"),
        row(title="", type="franchise"),  # 3
        row(status="signed", currency="EURO"),  # 4
        row(value="-5", start_date="2026/13/1"),  # 5
        row(end_date="2025-01-01"),  # 6
        row(value="USD 100"),  # 7
        row(partner="Nobody Ltd", partner_country=""),  # 8
        row(partner_country="XX"),  # 9
        row(operating_model="", notice_days="ninety"),  # 10
        row(status="active"),  # 11: active without a signed date
        row(type="logistics"),  # 12: a brand term on a logistics agreement
    ]
    path = write_csv(tmp_path / "in.csv", rows)
    report = import_file(session, path)
    got = problems(report)
    expected = [
        "row 3, title: is required",
        "row 3, type: 'franchise' is not one of: brand, logistics, marketing, payment, platform",
        "row 4, status: 'signed' is not one of: draft, negotiation, pending_approval, active, "
        "expired, terminated, renewed",
        "row 4, currency: 'EURO' is not an ISO 4217 currency code",
        "row 5, start_date: '2026/13/1' is not a real date",
        "row 6, end_date: ends 2025-01-01, before it starts 2026-01-01",
        "row 7, value: is in USD, but the currency column says EUR",
        "row 8, partner: no partner named 'Nobody Ltd', and its country cannot be told from "
        "its name or the currency; add a partner_country column so that it can be created",
        "row 9, partner_country: 'XX' is not an ISO 3166 country code (e.g. CN, US)",
        "row 10, notice_days: 'ninety' is not a whole number",
        "row 11, signed_date: an active agreement needs its signed date",
    ]
    for message in expected:
        assert message in got
    assert any(p.startswith("row 5, value:") and "negative" in p for p in got)
    assert "row 12, operating_model: is not a term of a logistics agreement" in got
    assert not any(p.startswith("row 2,") for p in got)
    assert not report.written
    assert count(session, Agreement) == 0
    assert count(session, Partner) == 0  # the partner the good row made is gone too
    assert count(session, AuditEntry) == 0


def test_problems_name_the_column_as_the_file_does(session: Session, tmp_path: Path) -> None:
    header = ["合同名称", "合作类型", "合作方", "国家", "状态", "币种", "合同金额", "开始日期",
              "结束日期", "经营模式"]  # fmt: skip
    values = ["协议", "品牌", "花王", "JP", "草稿", "JPY", "很多", "2026-01-01", "2026-12-31",
              "直营"]  # fmt: skip
    report = import_file(session, write_csv(tmp_path / "in.csv", [values], header=header))
    assert problems(report) == ["row 2, 合同金额: '很多' is not an amount"]


def test_minimal_files_create_partners_in_the_country_their_name_or_currency_tells(
    session: Session, tmp_path: Path
) -> None:
    header = ["title", "type", "partner", "status", "currency", "value", "start_date",
              "end_date", "operating_model"]  # fmt: skip
    rows = [
        ["A", "brand", "杭州星选文化传媒有限公司", "draft", "CNY", "1", "2026-01-01", "2026-12-31",
         "direct"],
        ["B", "brand", "Alpen Freight GmbH", "draft", "EUR", "1", "2026-01-01", "2026-12-31",
         "direct"],
        ["C", "brand", "Acme Trading", "draft", "USD", "1", "2026-01-01", "2026-12-31", "direct"],
        ["D", "brand", "Acme Trading", "draft", "USD", "2", "2026-01-01", "2026-12-31", "direct"],
        ["E", "brand", "Euro Mystery Ltd", "draft", "EUR", "1", "2026-01-01", "2026-12-31",
         "direct"],
    ]  # fmt: skip
    report = import_file(session, write_csv(tmp_path / "in.csv", rows, header=header))
    assert [str(p) for p in report.problems] == [
        "row 6, partner: no partner named 'Euro Mystery Ltd', and its country cannot be told "
        "from its name or the currency; add a partner_country column so that it can be created"
    ]
    report = import_file(session, write_csv(tmp_path / "in.csv", rows[:4], header=header))
    assert report.ok and report.partners_created == 3
    assert find_partner(session, "杭州星选文化传媒有限公司").country == "CN"
    assert find_partner(session, "Alpen Freight GmbH").country == "DE"
    assert find_partner(session, "Acme Trading").country == "US"
    assert report.notes == (
        "row 2: partner '杭州星选文化传媒有限公司' is new and the file gives no partner_country; "
        "it is created in CN (from the Chinese script of its name)",
        "row 3: partner 'Alpen Freight GmbH' is new and the file gives no partner_country; "
        "it is created in DE (from its legal form)",
        "row 4: partner 'Acme Trading' is new and the file gives no partner_country; "
        "it is created in US (from the agreement's currency USD)",
    )


def test_a_reference_twice_in_one_file(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [row(reference="X-1"), row(reference="X-1")])
    report = import_file(session, path)
    assert problems(report) == [
        "row 3, reference: X-1 is also in row 2; a reference may appear once in a file"
    ]


def test_importing_a_file_again_notes_each_row_and_still_creates_it(
    session: Session, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "in.csv", [row(), row(type="logistics", title="Freight",
                                                   operating_model="")])  # fmt: skip
    first = import_file(session, path)
    assert first.ok and first.creates == 2 and first.notes == ()
    same = "(same partner, title, type and start date)"
    expected = (
        f"row 2: looks like BR-2026-0001 already in the database {same}; it will be created "
        "again — give its reference to update it instead",
        f"row 3: looks like LG-2026-0001 already in the database {same}; it will be created "
        "again — give its reference to update it instead",
    )
    checked = import_file(session, path, ImportOptions(dry_run=True))
    assert checked.notes == expected and checked.creates == 2
    again = import_file(session, path)
    assert again.ok and again.written and again.creates == 2
    assert again.notes == expected
    assert count(session, Agreement) == 4


def test_a_row_like_an_earlier_row_of_the_file_gets_a_note(
    session: Session, tmp_path: Path
) -> None:
    rows = [
        row(),
        row(start_date="2026-02-01"),  # another start: another agreement
        row(title="  LUMIÈRE skincare   distribution "),
        row(reference="LUM-2"),  # its own reference says which agreement it is
    ]
    report = import_file(session, write_csv(tmp_path / "in.csv", rows))
    assert report.ok and report.creates == 4
    assert report.notes == (
        "row 4: looks like row 2 of this file (same partner, title, type and start date); "
        "both will be created — remove one if they are the same agreement",
    )


def test_many_rows_alike_are_counted_not_all_listed(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.services.importing.duplicates.DUPLICATE_NOTES", 1)
    report = import_file(session, write_csv(tmp_path / "in.csv", [row(), row(), row()]))
    assert report.ok and report.creates == 3
    assert report.notes == (
        "2 rows look like an agreement already in the database or in an earlier row (same "
        "partner, title, type and start date) and will be created again; the first 1 are listed",
        "row 3: looks like row 2 of this file (same partner, title, type and start date); "
        "both will be created — remove one if they are the same agreement",
    )


def test_a_term_that_the_type_does_not_have(session: Session, tmp_path: Path) -> None:
    header = [*HEADER, "routes"]
    path = write_csv(tmp_path / "in.csv", [[*row(), "Shanghai - Paris"]], header=header)
    assert problems(import_file(session, path)) == [
        "row 2, routes: is not a term of a brand agreement"
    ]


# --- all or nothing, dry run ------------------------------------------------------------------


def test_dry_run_counts_and_writes_nothing(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [row(title=f"A{i}") for i in range(5)])
    report = import_file(session, path, ImportOptions(dry_run=True))
    assert report.ok and not report.written
    assert (report.rows, report.creates, report.updates, report.partners_created) == (5, 5, 0, 1)
    assert "dry run" in report.summary()
    assert count(session, Agreement) == 0
    assert count(session, Partner) == 0


def test_new_agreements_are_complete(session: Session, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "in.csv",
        [row(title="One"), row(title="Two", partner="lumière paris sas", partner_country="")],
    )
    report = import_file(session, path, ImportOptions(actor="importer"))
    assert report.ok and report.written
    assert (report.creates, report.partners_created) == (2, 1)
    refs = sorted(session.scalars(select(Agreement.reference)))
    assert refs == ["BR-2026-0001", "BR-2026-0002"]
    view = get_agreement_by_reference(session, "BR-2026-0001")
    assert view.decision_date == date(2027, 10, 2)
    assert [k.metric for k in view.kpis] == ["GMV"]  # default KPIs, as in the editor
    partner = find_partner(session, "Lumière Paris SAS")
    assert partner.roles == (PartnerRole.BRAND_OWNER,)
    trail = history(session, "agreement", view.id)
    assert [(e.actor, e.action.value, e.new_value) for e in trail] == [
        ("importer", "create", "BR-2026-0001 One")
    ]


def test_generated_references_never_take_one_the_file_gives_later(
    session: Session, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "in.csv", [row(title="Blank"), row(reference="BR-2026-0001")])
    assert import_file(session, path).ok
    assert sorted(session.scalars(select(Agreement.reference))) == ["BR-2026-0001",
                                                                    "BR-2026-0002"]  # fmt: skip
    # The sequence moved on: the editor's next reference does not clash either.
    view = create_agreement(session, agreement_input(find_partner(session, "Lumière Paris SAS").id))
    assert view.reference == "BR-2026-0003"


def test_update_by_reference_with_audit_entries(
    session: Session, tmp_path: Path, partner: PartnerView
) -> None:
    existing = create_agreement(session, agreement_input(partner.id), actor="tester")
    path = write_csv(
        tmp_path / "in.csv",
        [row(reference=existing.reference, partner=partner.legal_name, partner_country="FR",
             value="EUR 1,500,000", status="negotiation", title="Renamed")],
    )  # fmt: skip
    report = import_file(session, path, ImportOptions(actor="importer"))
    assert report.ok, problems(report)
    assert (report.creates, report.updates) == (0, 1)
    view = get_agreement_by_reference(session, existing.reference)
    assert (view.title, view.value, view.status) == (
        "Renamed", Decimal("1500000.00"), AgreementStatus.NEGOTIATION,
    )  # fmt: skip
    assert view.version == existing.version + 1
    changes = {
        e.field: (e.old_value, e.new_value)
        for e in history(session, "agreement", view.id)
        if e.actor == "importer"
    }
    assert changes["value"] == ("1250000.00", "1500000.00")
    assert changes["status"] == ("draft", "negotiation")
    assert changes["title"] == ("Lumière skincare distribution", "Renamed")


def test_update_refuses_an_illegal_transition_or_a_type_change(
    session: Session, tmp_path: Path, partner: PartnerView
) -> None:
    existing = create_agreement(session, agreement_input(partner.id))
    path = write_csv(
        tmp_path / "in.csv",
        [row(reference=existing.reference, partner=partner.legal_name, status="expired"),
         row(title="New and fine")],
    )  # fmt: skip
    report = import_file(session, path)
    assert problems(report) == [
        f"row 2, status: {existing.reference}: a draft agreement cannot become expired "
        "(allowed: negotiation, terminated)"
    ]
    path = write_csv(
        tmp_path / "in2.csv",
        [row(reference=existing.reference, partner=partner.legal_name, type="payment",
             operating_model="")],
    )  # fmt: skip
    assert any("cannot change" in p for p in problems(import_file(session, path)))
    assert get_agreement_by_reference(session, existing.reference).version == existing.version
    assert count(session, Agreement) == 1


# --- XLSX -------------------------------------------------------------------------------------


def write_xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER,
               sheet: str | None = None) -> Path:  # fmt: skip
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    if sheet:
        ws.title = "Cover"
        ws.append(["This sheet is a cover page"])
        ws = book.create_sheet(sheet)
    ws.append(header)
    for values in rows:
        ws.append(values)
    book.save(path)
    return path


def test_xlsx_typed_cells(session: Session, tmp_path: Path) -> None:
    values: list[object] = list(row())
    values[HEADER.index("value")] = 1250000.5  # a number cell
    values[HEADER.index("start_date")] = datetime(2026, 1, 1)  # a date cell
    values[HEADER.index("end_date")] = "2027年12月31日"  # a text cell
    values[HEADER.index("notice_days")] = 90
    path = write_xlsx(tmp_path / "in.xlsx", [values])
    report = import_file(session, path)
    assert report.ok, problems(report)
    view = get_agreement_by_reference(session, "BR-2026-0001")
    assert view.value == Decimal("1250000.50")
    assert (view.start_date, view.end_date, view.notice_days) == (
        date(2026, 1, 1), date(2027, 12, 31), 90,
    )  # fmt: skip


def test_xlsx_named_sheet_and_percent_cells(session: Session, tmp_path: Path) -> None:
    header = [*HEADER, "commission_rate_pct"]
    path = write_xlsx(tmp_path / "in.xlsx", [[*row(operating_model="platform"), 0.125]],
                      header=header, sheet="合同")  # fmt: skip
    book = openpyxl.load_workbook(path)
    book["合同"].cell(row=2, column=len(header)).number_format = "0.0%"
    book.save(path)
    with pytest.raises(FileFormatError, match="no sheet 'Nope'"):
        import_file(session, path, ImportOptions(sheet="Nope"))
    report = import_file(session, path, ImportOptions(sheet="合同"))
    assert report.ok, problems(report)
    view = get_agreement_by_reference(session, "BR-2026-0001")
    assert view.terms["commission_rate_pct"] == Decimal("12.5")


def test_a_file_that_is_not_a_workbook(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "in.xlsx"
    path.write_text("not a zip")
    with pytest.raises(FileFormatError, match="not a readable XLSX workbook"):
        import_file(session, path)


# --- partners files ---------------------------------------------------------------------------


def test_partners_file_creates_and_updates(
    session: Session, tmp_path: Path, partner: PartnerView
) -> None:
    header = ["legal_name", "local_name", "country", "roles", "contacts"]
    path = write_csv(
        tmp_path / "p.csv",
        [[partner.legal_name, "新名字", "FR", "brand_owner", "Anna | Sales | anna@x.example |"],
         ["Kao Corporation", "花王株式会社", "JP", "brand_owner; marketing_channel", ""],
         ["Bad Co", "", "ZZ", "", ""]],
        header=header,
    )  # fmt: skip
    report = import_file(session, path)
    assert problems(report) == [
        "row 4, country: 'ZZ' is not an ISO 3166 country code (e.g. CN, US)"
    ]
    assert count(session, Partner) == 1
    path.write_text(path.read_text().replace("Bad Co,,ZZ", "Bad Co,,DE"))
    report = import_file(session, path)
    assert report.ok, problems(report)
    assert (report.kind, report.creates, report.updates) == ("partners", 2, 1)
    again = import_file(session, path)
    assert (again.creates, again.updates, again.unchanged) == (0, 0, 3)
    assert find_partner(session, partner.legal_name).local_name == "新名字"
    kao = find_partner(session, "花王株式会社")
    assert set(kao.roles) == {PartnerRole.BRAND_OWNER, PartnerRole.MARKETING_CHANNEL}
    anna = find_partner(session, partner.legal_name).contacts[0]
    assert (anna.name, anna.role, anna.email) == ("Anna", "Sales", "anna@x.example")


def test_partner_identity_goes_out_and_comes_back_unchanged(
    session: Session, tmp_path: Path
) -> None:
    from app.services.exporting import export_file

    path = write_csv(
        tmp_path / "p.csv",
        [["Yue Trading Ltd", "CN", "1 Century Ave\nPudong, Shanghai", "91310000MA1FL8XQ2K",
          "Lin Yue | Signatory | lin@yue.example | +86 21 5555 0000 | General Manager"]],
        header=["legal_name", "country", "注册地址", "统一社会信用代码", "contacts"],
    )  # fmt: skip
    report = import_file(session, path)
    assert report.ok, problems(report)
    p = find_partner(session, "Yue Trading Ltd")
    assert p.address == "1 Century Ave\nPudong, Shanghai"
    assert p.registration_number == "91310000MA1FL8XQ2K"
    assert (p.contacts[0].name, p.contacts[0].role, p.contacts[0].title) == (
        "Lin Yue", "Signatory", "General Manager",
    )  # fmt: skip
    out = tmp_path / "partners.xlsx"
    export_file(session, out, "partners")
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert "address" in header and "registration_number" in header
    again = import_file(session, out)
    assert again.ok, problems(again)
    assert (again.creates, again.updates, again.unchanged) == (0, 0, 1)  # nothing lost


def test_field_errors_carry_the_row() -> None:
    assert str(FieldError("value", "is required", 7)) == "row 7, value: is required"


def test_kpis_come_with_new_agreements(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [row(title=f"T{i}") for i in range(3)])
    assert import_file(session, path).ok
    assert count(session, KpiDefinition) == 3


# --- the documented examples --------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.mark.parametrize(
    ("name", "creates", "partners"),
    [("agreements.csv", 5, 5), ("agreements.xlsx", 5, 5), ("partners.csv", 2, 0)],
)
def test_the_documented_examples_import_cleanly(
    session: Session, name: str, creates: int, partners: int
) -> None:
    report = import_file(session, EXAMPLES / name)
    assert report.ok, problems(report)
    assert (report.creates, report.partners_created) == (creates, partners)


def test_the_gbk_example_is_really_gbk_with_chinese_headers(session: Session) -> None:
    raw = (EXAMPLES / "agreements.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.decode("gbk").startswith("合同编号,合同名称,合作类型")
    assert import_file(session, EXAMPLES / "agreements.csv").ok
    kao = find_partner(session, "花王株式会社")
    assert kao.legal_name == "Kao Corporation" and kao.country == "JP"


def test_a_generated_reference_a_later_batch_asks_for_moves_on(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.services.importing.rows.BATCH", 1)  # every row its own batch
    rows = [row(title="A"), row(title="B"), row(title="Asked", reference="BR-2026-0001")]
    report = import_file(session, write_csv(tmp_path / "in.csv", rows), ImportOptions(actor="me"))
    assert report.ok and (report.creates, report.updates) == (3, 0)
    by_title = {a.title: a for a in session.scalars(select(Agreement))}
    assert by_title["Asked"].reference == "BR-2026-0001"
    assert by_title["A"].reference == "BR-2026-0003"
    assert by_title["B"].reference == "BR-2026-0002"
    trail = history(session, "agreement", by_title["A"].id)
    assert [(e.action.value, e.new_value) for e in trail] == [("create", "BR-2026-0003 A")]
    view = create_agreement(session, agreement_input(find_partner(session, "Lumière Paris SAS").id))
    assert view.reference == "BR-2026-0004"


def test_generated_references_skip_those_the_database_holds(
    session: Session, tmp_path: Path
) -> None:
    assert import_file(session, write_csv(tmp_path / "a.csv", [row(reference="BR-2026-0002")])).ok
    assert import_file(session, write_csv(tmp_path / "b.csv", [row(), row()])).ok
    assert sorted(session.scalars(select(Agreement.reference))) == [
        "BR-2026-0001", "BR-2026-0002", "BR-2026-0003"
    ]  # fmt: skip


# --- every problem of a row, even after one value failed to parse -------------------------


def test_a_row_with_an_unknown_type_still_has_its_common_fields_checked(
    session: Session, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "in.csv", [row(type="spaceship", value="-5", notice_days="-1")])
    assert problems(import_file(session, path)) == [
        "row 2, type: 'spaceship' is not one of: brand, logistics, marketing, payment, platform",
        "row 2, value: the contract value -5.00 is negative",
        "row 2, notice_days: the notice period must be 0 to 3650 days",
    ]


def test_an_unknown_type_on_an_update_does_not_claim_the_type_changed(
    session: Session, tmp_path: Path, partner: PartnerView
) -> None:
    existing = create_agreement(
        session,
        agreement_input(partner.id, type=AgreementType.PAYMENT, terms={},
                        status=AgreementStatus.ACTIVE, signed_date=date(2025, 12, 1)),
    )  # fmt: skip
    path = write_csv(
        tmp_path / "in.csv",
        [row(reference=existing.reference, partner=partner.legal_name, type="spaceship",
             status="signed")],
    )  # fmt: skip
    assert problems(import_file(session, path)) == [
        "row 2, type: 'spaceship' is not one of: brand, logistics, marketing, payment, platform",
        "row 2, status: 'signed' is not one of: draft, negotiation, pending_approval, active, "
        "expired, terminated, renewed",
    ]


def test_a_bad_date_does_not_hide_the_signed_date_rule(session: Session, tmp_path: Path) -> None:
    rows = [
        row(status="active", start_date="2026-13-01"),  # 2
        row(end_date="2026-13-01", signed_date="2026-02-01"),  # 3: no signed-after-end claim
        row(start_date="2026-13-01", end_date="2026-06-30", signed_date="2026-07-01"),  # 4
    ]
    assert problems(import_file(session, write_csv(tmp_path / "in.csv", rows))) == [
        "row 2, start_date: '2026-13-01' is not a real date",
        "row 2, signed_date: an active agreement needs its signed date",
        "row 3, end_date: '2026-13-01' is not a real date",
        "row 4, start_date: '2026-13-01' is not a real date",
        "row 4, signed_date: signed after the agreement ends",
    ]


def test_a_partner_that_cannot_be_created_is_not_reported_by_its_internal_id(
    session: Session, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "in.csv", [row(partner="Nouveau SARL", partner_country="XX")])
    got = problems(import_file(session, path))
    assert got == ["row 2, partner_country: 'XX' is not an ISO 3166 country code (e.g. CN, US)"]
    assert not any("id 0" in p for p in got)


def test_a_file_with_only_its_header_says_so(session: Session, tmp_path: Path) -> None:
    report = import_file(session, write_csv(tmp_path / "in.csv", []))
    assert not report.ok and not report.written
    assert [(p.row, p.field, p.message) for p in report.problems] == [
        (None, "", "the file has no data rows below its header")
    ]
    assert report.summary() == "the file has no data rows below its header; nothing was imported"


def test_header_problems_are_not_counted_as_a_row(session: Session, tmp_path: Path) -> None:
    header = ["title", "type", "partner", "partner_country"]
    report = import_file(session, write_csv(tmp_path / "in.csv", [], header=header))
    assert report.summary() == (
        "6 problem(s) in the header row, and the file has no data rows below it; "
        "nothing was imported"
    )
    assert report.problems[-1].message == "the file has no data rows below its header"
    rows = [row(title="A"), row(title="B", type="spaceship")]
    report = import_file(session, write_csv(tmp_path / "in.csv", rows, header=[*HEADER, "value"]))
    assert report.summary() == (
        "2 problem(s) in the header row and 1 of 2 row(s); nothing was imported"
    )


def test_a_formula_without_a_calculated_value_says_so(session: Session, tmp_path: Path) -> None:
    # openpyxl, like many programs, writes formulas without their result: only a
    # spreadsheet application calculates them.
    values: list[object] = list(row())
    values[HEADER.index("value")] = "=1000*2"
    values[HEADER.index("notice_days")] = "=SUM(30,60)"
    plain: list[object] = list(row(title="Plain"))
    path = write_xlsx(tmp_path / "in.xlsx", [values, plain])
    report = import_file(session, path)
    assert problems(report) == [
        "row 2, value: the cell holds a formula (=1000*2) without a calculated value; "
        "open and save the file in Excel first",
        "row 2, notice_days: the cell holds a formula (=SUM(30,60)) without a calculated "
        "value; open and save the file in Excel first",
    ]
    assert count(session, Agreement) == 0


def test_a_formula_with_its_calculated_value_counts_as_that_value(
    session: Session, tmp_path: Path
) -> None:
    values: list[object] = list(row())
    values[HEADER.index("value")] = "=1000*2"
    path = write_xlsx(tmp_path / "in.xlsx", [values])
    # As a spreadsheet application saves it: the formula and, beside it, its result.
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(saved, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<f>1000*2</f><v />" in data
                data = data.replace(b"<f>1000*2</f><v />", b"<f>1000*2</f><v>2000</v>")
            dst.writestr(item, data)
    report = import_file(session, saved)
    assert report.ok, problems(report)
    assert get_agreement_by_reference(session, "BR-2026-0001").value == Decimal("2000.00")
