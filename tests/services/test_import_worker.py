"""A large file's rows are parsed and checked on a second core (``importing.second_core``,
a ``ProcessPoolExecutor`` worker): the user must not be able to tell, by what the import
reports or stores, whether they were."""

from __future__ import annotations

import csv
import gc
import io
import multiprocessing
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from itertools import count
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from app.db import open_database
from app.domain.enums import AgreementStatus, AgreementType, PartnerRole
from app.domain.models import Agreement
from app.domain.terms import TERMS, TermKind
from app.errors import FieldError
from app.services.agreements import AgreementInput, create_agreement
from app.services.import_format import map_columns, term_places
from app.services.importing import ImportOptions, ImportReport, import_file, second_core
from app.services.importing.rows import AgreementRow, RowSource, parse_row
from app.services.importing.values import Values
from app.services.partners import PartnerInput, create_partner
from app.services.tabular import Table
from app.services.tabular.limits import FileTooBigError
from app.services.validation import check_agreement

ROOT = Path(__file__).resolve().parents[2]
NEVER = 10**9  # WORKER_MIN_ROWS that keeps every file in this process

# --- the files ------------------------------------------------------------------------------

COMMON = [
    "reference", "title", "type", "status", "partner", "partner_local_name", "partner_country",
    "owner", "currency", "value", "signed_date", "start_date", "end_date", "notice_days",
    "auto_renew", "renewal_months", "governing_law", "territories", "description",
]  # fmt: skip
TERM_NAMES = [spec.name for specs in TERMS.values() for spec in specs]
COLUMNS = COMMON + TERM_NAMES
# The same columns as a Chinese Excel user names them; the amount in ten thousands.
CHINESE = {
    "reference": "合同编号", "title": "合同名称", "type": "合作类型", "status": "状态",
    "partner": "合作方", "partner_local_name": "合作方中文名", "partner_country": "合作方国家",
    "owner": "负责人", "currency": "币种", "value": "合同金额（万）", "signed_date": "签署日期",
    "start_date": "开始日期", "end_date": "结束日期", "notice_days": "通知天数",
    "auto_renew": "自动续约", "renewal_months": "续约月数", "governing_law": "适用法律",
    "territories": "授权区域", "description": "备注",
} | {spec.name: spec.label_zh for specs in TERMS.values() for spec in specs}  # fmt: skip

Row = dict[str, str]

# Rows of one agreement each, every cooperation type with every one of its terms.
UPDATE_EXISTING: Row = {
    "reference": "BR-2026-0001", "title": "Lumière skincare distribution", "type": "brand",
    "status": "negotiation", "partner": "Lumière Paris SAS", "partner_country": "FR",
    "currency": "EUR", "value": "EUR 1,500,000", "start_date": "2026-01-01",
    "end_date": "2027-12-31", "notice_days": "90", "owner": "Li Wei",
    "operating_model": "direct", "brands": "Lumière; Lumière Homme", "commission_rate_pct": "8%",
}  # fmt: skip
BRAND: Row = {
    "title": "星选美妆旗舰店合作协议", "type": "品牌", "status": "生效",
    "partner": "杭州星选文化传媒有限公司", "currency": "人民币", "value": "120万",
    "signed_date": "2026年1月15日", "start_date": "2026/2/1", "end_date": "2028-01-31",
    "notice_days": "60", "auto_renew": "是", "renewal_months": "12", "owner": "王芳",
    "governing_law": "中华人民共和国法律", "territories": "Mainland China；Hong Kong SAR",
    "description": "第一行\n第二行, with a comma", "operating_model": "平台",
    "brands": "星选; 星选优品", "product_categories": "美妆\n个护", "exclusive": "是",
    "authorisation_level": "Flagship store", "annual_minimum_purchase": "￥5,000,000",
    "commission_rate_pct": "5.5%", "gmv_target": "1.5亿",
}  # fmt: skip
LOGISTICS: Row = {
    "title": "Hamburg sea-rail freight", "type": "logistics", "status": "Pending approval",
    "partner": "Alpen Freight GmbH", "partner_local_name": "阿尔卑斯货运", "currency": "EUR",
    "value": "250000.00", "start_date": "2026-03-01", "end_date": "2027-02-28",
    "notice_days": "30", "services": "First mile; customs-clearance; bonded_warehouse",
    "routes": "Shanghai - Hamburg; Ningbo - Rotterdam", "delivery_sla_days": "12",
    "on_time_target_pct": "95.5", "loss_damage_cap_pct": "0.25%", "rate_basis": "per kg",
    "rate": "3.8125", "liability_cap": "EUR 250,000",
}  # fmt: skip
MARKETING: Row = {
    "title": "双十一直播推广", "type": "marketing", "status": "谈判中",
    "partner": "北京星河传媒有限公司", "partner_local_name": "星河传媒", "partner_country": "CN",
    "currency": "CNY", "value": "800,000", "start_date": "2026-09-01", "end_date": "2026-12-31",
    "channels": "livestream; Social KOL; search", "budget": "￥800,000",
    "partner_cost_share_pct": "30", "campaign_start": "2026-10-20",
    "campaign_end": "2026-11-11", "target_impressions": "5,000,000",
    "target_conversion_rate_pct": "2.75", "target_roi": "3.5",
}  # fmt: skip
PAYMENT: Row = {
    "title": "Cross-border acquiring", "type": "payment", "status": "active",
    "partner": "Harbor Pay Inc.", "partner_country": "US", "currency": "USD",
    "value": "US$99,000.50", "signed_date": "2025-12-20", "start_date": "2026-01-01",
    "end_date": "2026-12-31", "auto_renew": "yes", "renewal_months": "12",
    "payment_methods": "alipay; WeChat Pay; card", "settlement_currencies": "usd; CNY; hkd",
    "fee_rate_pct": "0.6", "settlement_cycle_days": "2", "fx_markup_pct": "0.35",
    "chargeback_liability": "Shared", "pci_dss": "yes", "aml_kyc": "true",
}  # fmt: skip
PLATFORM: Row = {
    "reference": "PF-SHOPEE-1", "title": "Shopee SEA marketplace", "type": "platform",
    "status": "draft", "partner": "Shopee Pte. Ltd.", "currency": "SGD", "value": "1,000,000",
    "start_date": "2026-04-01", "end_date": "2028-03-31", "partner_platform": "Shopee",
    "markets": "SG; MY; TH", "shared_resources": "users; traffic; data",
    "revenue_share_pct": "12.5", "target_users": "1,000,000", "target_gmv": "SGD 20,000,000",
}  # fmt: skip
BLANK_TERMS: Row = {  # an existing partner found by its local name; no terms at all
    "title": "Spring teaser", "type": "marketing", "status": "draft", "partner": "花王株式会社",
    "currency": "JPY", "value": "3,000,000", "start_date": "2026-03-01",
    "end_date": "2026-03-31",
}  # fmt: skip
LIKE_EXISTING: Row = {  # BR-2026-0001 again, without its reference: a note
    "title": "lumière skincare  distribution", "type": "brand", "status": "draft",
    "partner": "Lumière Paris SAS", "partner_country": "FR", "currency": "EUR", "value": "10",
    "start_date": "2026-01-01", "end_date": "2026-12-31", "operating_model": "direct",
}  # fmt: skip
LIKE_BRAND_ROW: Row = {  # the BRAND row again: a note
    "title": "星选美妆旗舰店合作协议", "type": "brand", "status": "draft",
    "partner": "杭州星选文化传媒有限公司", "currency": "CNY", "value": "1",
    "start_date": "2026-02-01", "end_date": "2027-01-31", "operating_model": "direct",
}  # fmt: skip
LIKE_LOGISTICS_ROW: Row = LOGISTICS | {"value": "1", "notice_days": "", "services": ""}
JAPANESE: Row = {
    "title": "輸入代理", "type": "brand", "status": "draft", "partner": "東京物産株式会社",
    "currency": "EUR", "value": "5", "start_date": "2026-05-01", "end_date": "2026-06-30",
    "operating_model": "direct",
}  # fmt: skip

GOOD = [UPDATE_EXISTING, BRAND, LOGISTICS, MARKETING, PAYMENT, PLATFORM, BLANK_TERMS,
        LIKE_EXISTING, LIKE_BRAND_ROW]  # fmt: skip
GOOD_TAIL = [LIKE_LOGISTICS_ROW, JAPANESE]  # after the padding: beyond the first batch

# Rows with several problems each.
BAD: list[Row] = [
    {"title": "", "type": "franchise", "status": "draft", "partner": "Nobody Ltd",
     "currency": "EUR", "value": "lots", "start_date": "2026-01-01", "end_date": "2026-12-31"},
    {"title": "Bad status", "type": "platform", "status": "signed", "partner": "Harbor Pay Inc.",
     "partner_country": "US", "currency": "EURO", "value": "1", "start_date": "2026/13/1",
     "end_date": "2026-12-31", "notice_days": "ninety"},
    {"title": "Brand with a route", "type": "brand", "status": "draft",
     "partner": "Lumière Paris SAS", "partner_country": "FR", "currency": "EUR", "value": "1",
     "start_date": "2026-01-01", "end_date": "2026-12-31", "routes": "Shanghai - Paris",
     "commission_rate_pct": "120"},
    PLATFORM | {"title": "The same reference twice"},
    {"reference": "MK-2026-0001", "title": "Retyped", "type": "payment", "status": "expired",
     "partner": "Kao Corporation", "currency": "JPY", "value": "1",
     "start_date": "2026-01-01", "end_date": "2026-12-31"},
    {"title": "Unknown country", "type": "platform", "status": "draft",
     "partner": "Nouveau SARL", "partner_country": "XX", "currency": "EUR", "value": "1",
     "start_date": "2026-01-01", "end_date": "2026-12-31"},
    MARKETING | {"title": "Backwards campaign", "campaign_end": "2026-10-01",
                 "partner_cost_share_pct": "-5", "target_impressions": "many"},
    PAYMENT | {"title": "Odd payment", "settlement_currencies": "ABC; usd",
               "payment_methods": "cash; card", "chargeback_liability": "nobody",
               "fee_rate_pct": "1.2.3"},
    {"title": "Active, unsigned", "type": "platform", "status": "active",
     "partner": "Harbor Pay Inc.", "partner_country": "US", "currency": "EUR",
     "value": "USD 100", "start_date": "2026-06-01", "end_date": "2026-01-01",
     "auto_renew": "yes"},
]  # fmt: skip
BAD_TAIL: list[Row] = [
    {"title": "Spaceship", "type": "spaceship", "status": "draft", "partner": "Harbor Pay Inc.",
     "partner_country": "US", "currency": "USD", "value": "-5", "start_date": "2026-01-01",
     "end_date": "2026-12-31", "notice_days": "-1"},
    PLATFORM | {"title": "The same reference a third time"},
    # In XLSX, formulas that no spreadsheet application calculated.
    BLANK_TERMS | {"title": "Formulas", "value": "=1000*2", "notice_days": "=SUM(30,60)"},
]  # fmt: skip

PADDING = 2100  # rows between the head and the tail: more than one batch (BATCH = 2000)


def padding(n: int) -> list[Row]:
    return [
        {"title": f"Padding {i}", "type": "platform", "status": "draft",
         "partner": "Shopee Pte. Ltd.", "currency": "SGD", "value": f"{1000 + i}",
         "start_date": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", "end_date": "2029-12-31",
         "markets": "SG; MY"}
        for i in range(n)
    ]  # fmt: skip


def cells(rows: list[Row]) -> list[list[str]]:
    return [[r.get(c, "") for c in COLUMNS] for r in rows]


def write_csv(
    path: Path, rows: list[Row], *, chinese: bool = False, renamed: Mapping[str, str] | None = None,
    extra: str | None = None,
) -> Path:  # fmt: skip
    """``rows`` as CSV: UTF-8 with the English headers, or GBK with the Chinese ones;
    ``renamed`` headers a user maps by hand, an ``extra`` column nobody imports."""
    renamed = renamed or {}
    header = [CHINESE[c] if chinese else renamed.get(c, c) for c in COLUMNS]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header + ([extra] if extra else []))
    writer.writerows(values + (["internal"] if extra else []) for values in cells(rows))
    path.write_bytes(buffer.getvalue().encode("gbk" if chinese else "utf-8"))
    return path


DATES = {"signed_date", "start_date", "end_date", "campaign_start", "campaign_end"}


def typed_cell(column: str, text: str) -> object:
    """What Excel would hold: date cells, number cells, TRUE/FALSE."""
    if column in DATES and len(text) == 10 and text[4] == "-":
        return datetime.fromisoformat(text)
    if column in {"notice_days", "renewal_months", "delivery_sla_days"} and text.isdigit():
        return int(text)
    if column in {"value", "rate", "fee_rate_pct"} and text.replace(".", "", 1).isdigit():
        return float(text)
    if column in {"exclusive", "pci_dss", "aml_kyc", "auto_renew"} and text in {"yes", "true"}:
        return True
    return text or None


def write_xlsx(path: Path, rows: list[Row]) -> Path:
    """``rows`` on the second sheet, 合同, with typed cells; a cover sheet first."""
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Cover"
    cover.append(["Agreements, exported for the quarterly review"])
    sheet = book.create_sheet("合同")
    sheet.append(COLUMNS)
    for r in rows:
        sheet.append([typed_cell(c, r.get(c, "")) for c in COLUMNS])
    book.save(path)
    return path


# --- databases and what they hold ---------------------------------------------------------

TABLES = {  # table -> ORDER BY
    "partners": "id", "partner_roles": "partner_id, role", "agreements": "id",
    "brand_terms": "id", "logistics_terms": "id", "marketing_terms": "id",
    "payment_terms": "id", "platform_terms": "id", "kpi_definitions": "id",
    "reference_sequences": "prefix, year",
    # Each entity's history in its order; the ids interleave by batch (partners, then
    # agreements, then updates), which no user sees.
    "audit_log": "entity, entity_id, id",
}  # fmt: skip
NOT_COMPARED = {"created_at", "updated_at", "at"}  # timestamps


def stored(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the import's tables as SQLite holds it, without timestamps."""
    db = open_database(db_path, create=False)
    try:
        tables = {}
        with db.engine.connect() as conn:
            for table, order in TABLES.items():
                result = conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY {order}")
                drop = NOT_COMPARED | ({"id"} if table == "audit_log" else set())
                keep = [i for i, name in enumerate(result.keys()) if name not in drop]
                tables[table] = [tuple(r[i] for i in keep) for r in result]
        return tables
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def seeded(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database that already holds two agreements, for updates and look-alikes."""
    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    shutil.copyfile(template_db, path)
    db = open_database(path)
    with db.session() as s:
        lumiere = create_partner(s, PartnerInput(
            legal_name="Lumière Paris SAS", local_name="卢米埃巴黎", country="FR",
            roles=frozenset({PartnerRole.BRAND_OWNER})), actor="seed")  # fmt: skip
        kao = create_partner(s, PartnerInput(
            legal_name="Kao Corporation", local_name="花王株式会社", country="JP",
            roles=frozenset({PartnerRole.MARKETING_CHANNEL})), actor="seed")  # fmt: skip
        create_agreement(s, AgreementInput(
            title="Lumière skincare distribution", type=AgreementType.BRAND,
            partner_id=lumiere.id, status=AgreementStatus.DRAFT, currency="EUR",
            value=Decimal("1250000.00"), start_date=date(2026, 1, 1), end_date=date(2027, 12, 31),
            notice_days=90, owner="Li Wei",
            terms={"operating_model": "direct", "brands": ("Lumière",)}), actor="seed")  # fmt: skip
        create_agreement(s, AgreementInput(
            title="Kao spring campaign", type=AgreementType.MARKETING, partner_id=kao.id,
            status=AgreementStatus.DRAFT, currency="JPY", value=Decimal("2000000"),
            start_date=date(2026, 3, 1), end_date=date(2026, 5, 31)), actor="seed")  # fmt: skip
    db.dispose()
    return path


@dataclass
class Outcome:
    report: ImportReport | None
    error: tuple[type[BaseException], str] | None
    tables: dict[str, list[tuple[Any, ...]]]
    pools: int = 0  # worker pools started
    here: int = 0  # batches parsed in this process
    left: list[BaseProcess] = field(default_factory=list)  # workers still alive


class Spy:
    """Counts the worker pools started and the batches parsed in this process."""

    def __init__(self) -> None:
        self.pools = 0
        self.here = 0
        self.real_pool = ProcessPoolExecutor
        self.real_here = second_core._here

    def pool(self, *args: Any, **kwargs: Any) -> Any:
        self.pools += 1
        return self.real_pool(*args, **kwargs)

    def parse_here(self, src: RowSource, batch: list[Any]) -> list[AgreementRow]:
        self.here += 1
        return self.real_here(src, batch)


_numbers = count()


ACTOR = ImportOptions(actor="importer")


def run_import(
    seeded: Path, work: Path, path: Path, *, worker: bool, everything_there: bool = True,
    min_rows: int = 0, options: ImportOptions = ACTOR,
    progress: Callable[[int, int], bool] | None = None,
) -> Outcome:  # fmt: skip
    """Import ``path`` into a copy of ``seeded``, in this process or with the worker (for
    files of ``min_rows`` data rows or more), which gets every batch if
    ``everything_there``."""
    db_path = work / f"import-{next(_numbers)}.db"
    shutil.copyfile(seeded, db_path)
    db = open_database(db_path)
    spy = Spy()
    report: ImportReport | None = None
    error: tuple[type[BaseException], str] | None = None
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(second_core, "WORKER_MIN_ROWS", min_rows if worker else NEVER)
            mp.setattr(second_core, "PARSE_HERE_TOO", not everything_there)
            mp.setattr(second_core, "ProcessPoolExecutor", spy.pool)
            mp.setattr(second_core, "_here", spy.parse_here)
            try:
                with db.session() as s:
                    report = import_file(s, path, options, progress)
            except Exception as exc:
                error = (type(exc), str(exc))
    finally:
        db.dispose()
    assert spy.pools == (1 if worker else 0)
    return Outcome(report, error, stored(db_path), spy.pools, spy.here,
                   multiprocessing.active_children())  # fmt: skip


# --- the same outcome either way ----------------------------------------------------------


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]  # writes the file into a folder
    options: ImportOptions = ACTOR


SHEET = ImportOptions(actor="importer", sheet="合同")
MAPPED = ImportOptions(actor="importer", mapping={"Vertrag": "title", "Intern": None})
CASES: dict[str, Case] = {
    "good.csv": Case(lambda d: write_csv(d / "good.csv", GOOD + padding(PADDING) + GOOD_TAIL)),
    "good.csv, dry run": Case(lambda d: write_csv(d / "dry.csv", GOOD + GOOD_TAIL),
                              ImportOptions(actor="importer", dry_run=True)),
    "good-gbk.csv": Case(lambda d: write_csv(d / "good-gbk.csv", GOOD + GOOD_TAIL, chinese=True)),
    "good.xlsx": Case(lambda d: write_xlsx(d / "good.xlsx", GOOD + GOOD_TAIL), SHEET),
    "mixed.csv": Case(
        lambda d: write_csv(d / "mixed.csv", GOOD + BAD + padding(PADDING) + BAD_TAIL)),
    "mixed-gbk.csv": Case(lambda d: write_csv(d / "mixed-gbk.csv", GOOD + BAD, chinese=True)),
    "mixed.xlsx": Case(lambda d: write_xlsx(d / "mixed.xlsx", GOOD + BAD + BAD_TAIL), SHEET),
    "all-bad.csv": Case(lambda d: write_csv(d / "all-bad.csv", BAD[:3] + BAD_TAIL[:1],
                                            renamed={"title": "Vertrag"}, extra="Intern"),
                        MAPPED),
}  # fmt: skip
MODES = {"every batch in the worker": True, "batches here while it starts": False}


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("import-worker")


@pytest.fixture(scope="module")
def files(work: Path) -> dict[str, Path]:
    return {name: case.make(work) for name, case in CASES.items()}


@pytest.fixture(scope="module")
def in_process(seeded: Path, work: Path, files: dict[str, Path]) -> dict[str, Outcome]:
    return {name: run_import(seeded, work, files[name], worker=False, options=case.options)
            for name, case in CASES.items()}  # fmt: skip


@pytest.fixture(scope="module")
def original(seeded: Path) -> dict[str, list[tuple[Any, ...]]]:
    return stored(seeded)


def problems(report: ImportReport | None) -> list[str]:
    assert report is not None
    return [str(p) for p in report.problems]


def test_the_files_exercise_what_they_should(
    in_process: dict[str, Outcome], original: dict[str, list[tuple[Any, ...]]]
) -> None:
    """The in-process outcomes the worker must match are the interesting ones."""
    for name in ("good.csv", "good-gbk.csv", "good.xlsx"):
        report = in_process[name].report
        assert report is not None and report.ok, (name, problems(report))
        assert report.written
        assert (report.creates, report.updates, report.partners_created) == (
            len(GOOD) + len(GOOD_TAIL) - 1 + (PADDING if name == "good.csv" else 0), 1, 6,
        ), name  # fmt: skip
        notes = "\n".join(report.notes)
        assert "row 3: partner '杭州星选文化传媒有限公司' is new" in notes, name
        assert "row 4: partner 'Alpen Freight GmbH' is new" in notes, name
        assert "looks like BR-2026-0001 already in the database" in notes, name
        assert "row 10: looks like row 3 of this file" in notes, name
        assert "looks like row 4 of this file" in notes, name
        tables = in_process[name].tables
        assert len(tables["agreements"]) == len(original["agreements"]) + report.creates
        assert all(tables[t] for t in ("brand_terms", "logistics_terms", "marketing_terms",
                                       "payment_terms", "platform_terms"))  # fmt: skip
    for name in ("mixed.csv", "mixed-gbk.csv", "mixed.xlsx", "all-bad.csv"):
        outcome = in_process[name]
        assert outcome.report is not None and not outcome.report.written
        assert outcome.report.rows_with_problems >= 4, name
        assert outcome.tables == original, name
    mixed = problems(in_process["mixed.csv"].report)
    assert "row 11, title: is required" in mixed
    assert "row 11, type: 'franchise' is not one of: brand, logistics, marketing, payment, " \
           "platform" in mixed  # fmt: skip
    gbk = problems(in_process["mixed-gbk.csv"].report)
    assert "row 11, 合作类型: 'franchise' is not one of: brand, logistics, marketing, payment, " \
           "platform" in gbk  # fmt: skip
    tail = len(GOOD) + len(BAD) + PADDING + 2
    assert f"row {tail}, type: 'spaceship' is not one of: brand, logistics, marketing, " \
           "payment, platform" in mixed  # fmt: skip
    assert f"row {tail + 1}, reference: PF-SHOPEE-1 is also in row 7; a reference may " \
           "appear once in a file" in mixed  # fmt: skip
    all_bad = in_process["all-bad.csv"].report
    assert all_bad is not None and all_bad.rows_with_problems == all_bad.rows == 4
    assert "row 2, Vertrag: is required" in problems(all_bad)  # a column mapped by hand
    dry = in_process["good.csv, dry run"]
    assert dry.report is not None and dry.report.ok and not dry.report.written
    assert dry.report.creates == len(GOOD) + len(GOOD_TAIL) - 1
    assert "looks like BR-2026-0001 already in the database" in "\n".join(dry.report.notes)
    assert dry.tables == original
    formulas = [p for p in problems(in_process["mixed.xlsx"].report) if "formula" in p]
    assert formulas == [
        f"row {len(GOOD) + len(BAD) + 4}, value: the cell holds a formula (=1000*2) without a "
        "calculated value; open and save the file in Excel first",
        f"row {len(GOOD) + len(BAD) + 4}, notice_days: the cell holds a formula (=SUM(30,60)) "
        "without a calculated value; open and save the file in Excel first",
    ]


@pytest.mark.parametrize("there", MODES.values(), ids=MODES.keys())
@pytest.mark.parametrize("name", CASES)
def test_the_worker_gives_the_same_report_and_the_same_data(
    seeded: Path, work: Path, files: dict[str, Path], in_process: dict[str, Outcome],
    name: str, there: bool,
) -> None:  # fmt: skip
    expected = in_process[name]
    got = run_import(seeded, work, files[name], worker=True, everything_there=there,
                     options=CASES[name].options)  # fmt: skip
    assert got.error == expected.error
    assert got.report == expected.report
    for table in TABLES:
        assert got.tables[table] == expected.tables[table], table
    if there:
        assert got.here == 0  # every row was parsed by the worker
    assert got.left == []  # the worker has ended


# Where the importer's batches split a file must change nothing a user sees either: the
# split between the two processes falls on a batch boundary of BATCH = 2,000 rows, which
# every large file has anyway.

ACME: list[Row] = [
    {"title": "Acme A", "type": "platform", "status": "draft", "partner": "Acme Trading",
     "partner_country": "FR", "currency": "EUR", "value": "1", "start_date": "2026-01-01",
     "end_date": "2026-12-31"},
    # The same partner, named without its country; its currency alone would say US.
    {"title": "Acme B", "type": "platform", "status": "draft", "partner": "Acme Trading",
     "currency": "USD", "value": "2", "start_date": "2026-01-01", "end_date": "2026-12-31"},
]  # fmt: skip


@pytest.mark.parametrize("rows", [ACME, ACME[::-1]], ids=["named first", "named later"])
def test_a_partner_named_again_without_its_country_is_the_same_whatever_the_split(
    seeded: Path, work: Path, rows: list[Row]
) -> None:
    """With its country, a row creates the partner; without, a row means that partner
    only when it comes after the row that creates it."""
    path = write_csv(work / "acme.csv", rows)
    here = run_import(seeded, work, path, worker=False)
    split = run_import(seeded, work, path, worker=True)
    assert split.error == here.error
    assert split.report == here.report
    assert split.tables == here.tables


def test_a_row_like_an_agreement_the_file_renames_gets_the_same_note_whatever_the_split(
    seeded: Path, work: Path
) -> None:
    path = write_csv(
        work / "renamed.csv", [UPDATE_EXISTING | {"title": "Renamed distribution"}, LIKE_EXISTING]
    )
    here = run_import(seeded, work, path, worker=False)
    split = run_import(seeded, work, path, worker=True)
    assert here.report is not None and len(here.report.notes) == 1
    assert split.report == here.report


# --- the transport form --------------------------------------------------------------------

# Every term, as the importer reads it from a file (choices as their text).
TERMS_AS_READ: dict[AgreementType, dict[str, Any]] = {
    AgreementType.BRAND: {
        "operating_model": "direct", "brands": ("星选", "Lumière, Paris"),
        "product_categories": ("美妆", "个护"), "exclusive": True,
        "authorisation_level": "flagship_store", "annual_minimum_purchase": Decimal("5000000.00"),
        "commission_rate_pct": Decimal("5.5000"), "gmv_target": Decimal("1.5E+8"),
        "trademark_numbers": ("第12345678号", "EUTM 018000001"), "trademark_holder": "Lumière SAS",
        "purchase_currency": "EUR", "payment_terms": "net_30", "payment_days": 30,
        "minimum_order": Decimal("250000.00"), "lead_time_days": 45,
        "inventory_holder": "third_party_warehouse", "bonded_warehouse": "宁波梅山保税港区",
        "min_shelf_life_days": 180, "near_expiry_returnable": True,
    },
    AgreementType.LOGISTICS: {
        "services": ("first_mile", "customs_clearance"), "routes": ("Shanghai - Hamburg",),
        "delivery_sla_days": 12, "on_time_target_pct": Decimal("95.5"),
        "loss_damage_cap_pct": Decimal("0.2500"), "rate_basis": "per_kg",
        "rate": Decimal("3.812500"), "liability_cap": Decimal("250000.00"),
        "import_mode": "bonded_import", "duty_payer": "consumer",
        "warehouse_locations": ("杭州下沙", "Ningbo"),
    },
    AgreementType.MARKETING: {
        "channels": ("livestream", "social_kol"), "budget": Decimal("800000.00"),
        "partner_cost_share_pct": Decimal("30"), "campaign_start": date(2026, 10, 20),
        "campaign_end": date(2026, 11, 11), "target_impressions": 5_000_000,
        "target_conversion_rate_pct": Decimal("2.75"), "target_roi": Decimal("3.5"),
        "festival": "double_11", "actual_spend": Decimal("760000.00"),
        "actual_impressions": 5_200_000, "actual_conversion_rate_pct": Decimal("2.5"),
        "actual_roi": Decimal("3.1"),
    },
    AgreementType.PAYMENT: {
        "payment_methods": ("alipay", "wechat_pay"), "settlement_currencies": ("USD", "CNY"),
        "fee_rate_pct": Decimal("0.6"), "settlement_cycle_days": 0,
        "fx_markup_pct": Decimal("0"), "chargeback_liability": "shared", "pci_dss": True,
        "aml_kyc": False, "payment_licence_no": "Z2000133000019",
        "licence_jurisdiction": "中国人民银行", "reserve_deposit": Decimal("1000000.00"),
    },
    AgreementType.PLATFORM: {
        "partner_platform": "Shopee 虾皮", "markets": ("SG", "MY"),
        "shared_resources": ("users", "data"), "revenue_share_pct": Decimal("12.5"),
        "target_users": 1_000_000, "target_gmv": Decimal("20000000.00"),
        "committed_monthly_uv": 3_000_000, "placement_slots": ("首页焦点图", "Search top"),
    },
}  # fmt: skip


def test_the_example_terms_cover_every_term_and_kind() -> None:
    for a_type, specs in TERMS.items():
        assert set(TERMS_AS_READ[a_type]) == {s.name for s in specs}
    kinds = {s.kind for specs in TERMS.values() for s in specs}
    assert kinds == set(TermKind)


def full_input(a_type: AgreementType) -> AgreementInput:
    return AgreementInput(
        title="全部条款 — every term", type=a_type, partner_id=0,
        status=AgreementStatus.ACTIVE, currency="CNY", value=Decimal("1250000.50"),
        start_date=date(2026, 1, 1), end_date=date(2027, 12, 31), reference=None,
        owner="王芳", signed_date=date(2025, 12, 20), auto_renew=True, renewal_term_months=12,
        notice_days=90, governing_law="PRC law", territories=("Mainland China", "香港"),
        description="Line one,\nline two\t", terms=dict(TERMS_AS_READ[a_type]),
    )  # fmt: skip


def blank_input(a_type: AgreementType) -> AgreementInput:
    return AgreementInput(
        title="Blank", type=a_type, partner_id=0, status=AgreementStatus.DRAFT, currency="EUR",
        value=Decimal("0"), start_date=date(2026, 1, 1), end_date=date(2026, 1, 1),
        terms={"operating_model": "direct"} if a_type is AgreementType.BRAND else {},
    )  # fmt: skip


def plain(value: object) -> bool:
    """Only what pickles in a few microseconds: str, int, bool, None, tuples of those."""
    if isinstance(value, tuple):
        return all(map(plain, value))
    return type(value) in (str, int, bool, type(None))


def shapes(terms: dict[str, Any] | Any) -> list[tuple[str, type, str]]:
    """Each term's type and exact text: 12.50 is not 12.5, an enum member not its text."""
    return [(name, type(value), repr(value)) for name, value in terms.items()]


@pytest.mark.parametrize("make", [full_input, blank_input], ids=["every term", "blanks"])
@pytest.mark.parametrize("a_type", list(AgreementType), ids=lambda t: t.value)
def test_values_round_trip_exactly(
    a_type: AgreementType, make: Callable[[AgreementType], AgreementInput]
) -> None:
    data = make(a_type)
    typed, problems = check_agreement(data, partner_known=True)
    assert problems == []
    values = Values.of(data, typed)
    assert plain(tuple(values))
    assert pickle.loads(pickle.dumps(values)) == values
    back = values.to_input(7)
    assert back.partner_id == 7
    data = AgreementInput(
        **{f.name: getattr(data, f.name) for f in fields(data)} | {"partner_id": 7}
    )
    assert back == data
    assert repr(back) == repr(data)
    assert shapes(back.terms) == shapes(data.terms)
    assert values.typed_terms() == typed
    assert shapes(values.typed_terms()) == shapes(typed)


@pytest.mark.parametrize(
    ("name", "value_column"), [("rows-gbk.csv", "合同金额（万）"), ("rows.xlsx", "value")]
)
def test_a_parsed_row_crosses_from_the_worker_unchanged(
    tmp_path: Path, name: str, value_column: str
) -> None:
    """What the worker sends (pickled by the pool) is what the importer gets back: values,
    problems with the file's column names, the partner it names."""
    rows_in = GOOD + BAD + BAD_TAIL
    if name.endswith(".xlsx"):
        path = write_xlsx(tmp_path / name, rows_in)
        sheet: str | None = "合同"
    else:
        path = write_csv(tmp_path / name, rows_in, chinese=True)
        sheet = None
    with Table(path, sheet=sheet) as table:
        mapping = map_columns(table.headers)
        labels = {f: h for h, f in zip(mapping.headers, mapping.fields, strict=True) if f}
        src = RowSource(
            fields=mapping.fields, labels=labels,
            units={"value": (Decimal(10_000), None)} if sheet is None else {},
            term_columns=tuple(f for f in mapping.fields if f in TERM_NAMES),
            places=term_places(), formulas=table.has_formulas, text_only=not table.is_xlsx,
        )  # fmt: skip
        rows = [parse_row(src, number, values) for number, values in table.rows()]
    assert len(rows) == len(rows_in)
    assert any(r.errors.items for r in rows) and any(not r.errors.items for r in rows)

    def seen(r: AgreementRow) -> tuple[Any, ...]:
        return (r.row, r.errors.row, r.errors.items, r.errors.failed, r.values, r.checks,
                r.reference, r.partner_name, r.partner_local_name, r.partner_country,
                r.partner_id)  # fmt: skip

    assert all(plain(tuple(r.values)) for r in rows)  # no dataclass, enum, date or Decimal
    for r, crossed in zip(rows, pickle.loads(pickle.dumps(rows)), strict=True):
        assert seen(crossed) == seen(r)
        # The importer goes on adding problems to the row it got: named as the file does.
        crossed.errors.add("value", "another problem")
        assert crossed.errors.items[-1] == FieldError(value_column, "another problem", r.row)


# --- cancelling, and a worker that dies -------------------------------------------------------

BIG_ROWS = 24_000  # twelve of the worker's batches: far more than it may run ahead (AHEAD)


def big_rows(n: int, *, start: int = 0) -> Iterator[list[str]]:
    for i in range(start, start + n):
        yield [f"Agreement {i}", ["brand", "logistics", "platform"][i % 3],
               f"Partner {i % 50} Co., Ltd.", "CN", "draft", "CNY", f"{i}.00",
               "2026-01-01", "2026-12-31", "direct" if i % 3 == 0 else ""]  # fmt: skip


BIG_HEADER = ["title", "type", "partner", "partner_country", "status", "currency", "value",
              "start_date", "end_date", "operating_model"]  # fmt: skip


def write_big(path: Path, rows: Iterator[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(BIG_HEADER)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def big(work: Path) -> Path:
    return write_big(work / "big.csv", big_rows(BIG_ROWS))


@pytest.mark.parametrize("at_tick", [1, 3], ids=["at the first batch", "at a later batch"])
def test_cancelling_stops_the_worker_and_writes_nothing(
    seeded: Path, work: Path, big: Path, original: dict[str, list[tuple[Any, ...]]],
    at_tick: int,
) -> None:  # fmt: skip
    ticks: list[int] = []

    def progress(done: int, _total: int) -> bool:
        ticks.append(done)
        return len(ticks) < at_tick

    got = run_import(seeded, work, big, worker=True, progress=progress)
    assert got.error == (InterruptedError, "import cancelled; nothing was imported")
    assert len(ticks) == at_tick and ticks[-1] < BIG_ROWS
    assert got.tables == original
    assert got.left == []  # the worker has ended


def test_a_worker_that_dies_leaves_the_rows_to_this_process(
    seeded: Path, work: Path, big: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Killed (out of memory, a task manager): the rows it had are parsed here instead, and
    the import is what it would have been."""
    expected = run_import(seeded, work, big, worker=False)
    killed: list[int] = []

    def progress(_done: int, _total: int) -> bool:
        if not killed:
            for process in multiprocessing.active_children():
                assert process.pid is not None
                os.kill(process.pid, 9)
                process.join()
                killed.append(process.pid)
        return True

    with caplog.at_level("WARNING", logger=second_core.__name__):
        got = run_import(seeded, work, big, worker=True, progress=progress)
    assert killed
    assert got.error is None and got.report is not None
    assert got.report == expected.report
    assert got.tables == expected.tables
    assert "worker process stopped" in caplog.text
    assert got.here > 0 and got.left == []


# --- a user's script without a __main__ guard -----------------------------------------------

SCRIPT = """\
import sys
from app.db import open_database
from app.services.importing import import_file

database = open_database(sys.argv[1])
with database.session() as session:
    report = import_file(session, sys.argv[2])
database.dispose()
print(report.summary())
"""


def test_a_script_without_a_main_guard_imports_a_large_file(tmp_path: Path, seeded: Path) -> None:
    """The worker runs such a script again before it can work (spawn): the import it would
    start there is refused at once, and this process parses the rows itself."""
    rows = second_core.WORKER_MIN_ROWS + 500
    path = write_big(tmp_path / "big.csv", big_rows(rows))
    db_path = tmp_path / "script.db"
    shutil.copyfile(seeded, db_path)
    script = tmp_path / "load.py"
    script.write_text(SCRIPT)
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(script), str(db_path), str(path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"imported {rows} row(s): {rows} new agreement(s)")
    db = open_database(db_path, create=False)
    try:
        with db.session() as s:
            titles = set(s.scalars(select(Agreement.title)))
            assert {f"Agreement {i}" for i in range(rows)} <= titles
            assert s.scalar(select(func.count()).select_from(Agreement)) == rows + 2
    finally:
        db.dispose()


# --- a problem with the file, found by the worker ---------------------------------------------


def test_a_problem_the_worker_finds_in_the_file_reaches_the_caller_as_it_would(
    seeded: Path, work: Path, original: dict[str, list[tuple[Any, ...]]]
) -> None:
    """An encoding named by the user that the file breaks only after row 9,000, with the
    worker parsing the rows: the caller gets what reading it without one gives."""
    path = work / "ascii-then-not.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(BIG_HEADER)
        writer.writerows(big_rows(9_050))
        writer.writerows([["合同 9050", *row[1:]] for row in big_rows(50, start=9_050)])
    options = ImportOptions(encoding="ascii")
    here = run_import(seeded, work, path, worker=False, options=options)
    # As a user would run it: the file is large enough for the worker on its own.
    there = run_import(seeded, work, path, worker=True, options=options,
                       min_rows=second_core.WORKER_MIN_ROWS)  # fmt: skip
    assert here.error is not None
    # What reading the file here gives: the codec's own error, as raised by the csv reader.
    assert here.error[0] is UnicodeDecodeError
    assert "'ascii' codec can't decode byte 0xe5" in here.error[1]
    assert there.error == here.error
    assert here.tables == there.tables == original


def test_a_field_too_large_for_the_csv_reader_is_reported_as_it_would_be(
    seeded: Path, work: Path, original: dict[str, list[tuple[Any, ...]]]
) -> None:
    path = write_big(work / "huge-cell.csv", iter([
        *big_rows(30), ["x" * 1_000_001, *next(big_rows(1))[1:]], *big_rows(5, start=31)
    ]))  # fmt: skip
    here = run_import(seeded, work, path, worker=False)
    there = run_import(seeded, work, path, worker=True)
    assert here.error == (
        FileTooBigError,
        "huge-cell.csv, row 32: a cell is longer than 1,000,000 characters",
    )
    assert there.error == here.error
    assert here.tables == there.tables == original


# --- the cycle collector ----------------------------------------------------------------------


def test_the_cycle_collector_runs_again_after_an_import(
    seeded: Path, work: Path, files: dict[str, Path]
) -> None:
    assert gc.isenabled()
    ok = run_import(seeded, work, files["good-gbk.csv"], worker=True)
    assert ok.report is not None and ok.report.written
    assert gc.isenabled()
    refused = run_import(seeded, work, files["all-bad.csv"], worker=True, options=MAPPED)
    assert refused.report is not None and not refused.report.ok
    assert gc.isenabled()
    broken = work / "broken.xlsx"
    broken.write_text("not a workbook")
    failed = run_import(seeded, work, broken, worker=False)
    assert failed.error is not None
    assert gc.isenabled()


def test_a_caller_that_paused_the_cycle_collector_finds_it_paused(
    seeded: Path, work: Path, files: dict[str, Path]
) -> None:
    gc.disable()
    try:
        got = run_import(seeded, work, files["good-gbk.csv"], worker=True)
        assert got.report is not None and got.report.written
        assert not gc.isenabled()
    finally:
        gc.enable()
