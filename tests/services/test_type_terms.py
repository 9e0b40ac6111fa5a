"""The terms of issue #14: procurement on direct-sales brand agreements only, and the terms
that fit each type, through validation, storage, import/export and the demo."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from app.domain.enums import (
    AgreementType,
    DutyPayer,
    Festival,
    ImportMode,
    InventoryHolder,
    OperatingModel,
    PaymentTerms,
)
from app.domain.terms import DIRECT_ONLY, TERMS
from app.errors import ValidationError
from app.services.agreements import create_agreement, get_agreement
from app.services.demo import load_demo
from app.services.exporting import export_file
from app.services.importing import import_file
from app.services.listing import list_agreements
from app.services.partners import PartnerView
from tests.conftest import TODAY, agreement_input

PROCUREMENT: dict[str, Any] = {
    "purchase_currency": "usd",
    "payment_terms": "net_30",
    "payment_days": "30",
    "minimum_order": "250000",
    "lead_time_days": "45",
    "inventory_holder": "third_party_warehouse",
    "bonded_warehouse": "Ningbo Meishan bonded port",
    "min_shelf_life_days": "180",
    "near_expiry_returnable": True,
}


def _brand(model: str, **terms: Any) -> dict[str, Any]:
    return {"operating_model": model, "brands": ("Lumière",), **terms}


def test_every_procurement_term_is_declared_direct_only() -> None:
    assert set(PROCUREMENT) == DIRECT_ONLY
    assert all(
        not spec.direct_only for t in AgreementType if t is not AgreementType.BRAND
        for spec in TERMS[t]
    )  # fmt: skip


def test_a_direct_sales_agreement_keeps_its_procurement_terms(
    session: Session, partner: PartnerView
) -> None:
    view = create_agreement(
        session, agreement_input(partner.id, terms=_brand("direct", **PROCUREMENT))
    )
    terms = get_agreement(session, view.id).terms
    assert terms["purchase_currency"] == "USD"
    assert terms["payment_terms"] is PaymentTerms.NET_30
    assert terms["payment_days"] == 30
    assert terms["minimum_order"] == Decimal("250000.00")
    assert terms["inventory_holder"] is InventoryHolder.THIRD_PARTY_WAREHOUSE
    assert terms["bonded_warehouse"] == "Ningbo Meishan bonded port"
    assert terms["min_shelf_life_days"] == 180
    assert terms["near_expiry_returnable"] is True


@pytest.mark.parametrize("name", sorted(PROCUREMENT))
def test_a_platform_model_agreement_refuses_each_procurement_term(
    session: Session, partner: PartnerView, name: str
) -> None:
    data = agreement_input(partner.id, terms=_brand("platform", **{name: PROCUREMENT[name]}))
    with pytest.raises(ValidationError) as refused:
        create_agreement(session, data)
    assert refused.value.for_field(name) == [
        "only a direct-sales agreement has procurement terms; clear it or choose direct sales"
    ]
    assert len(refused.value.errors) == 1


def test_a_platform_model_agreement_with_blank_procurement_is_fine(
    session: Session, partner: PartnerView
) -> None:
    blanks = dict.fromkeys(PROCUREMENT, "") | {"near_expiry_returnable": False}
    view = create_agreement(
        session, agreement_input(partner.id, terms=_brand("platform", **blanks))
    )
    assert view.terms["purchase_currency"] is None
    assert view.terms["operating_model"] is OperatingModel.PLATFORM


@pytest.mark.parametrize(
    ("name", "value", "why"),
    [
        ("purchase_currency", "EURO", "'EURO' is not an ISO 4217 currency code"),
        ("payment_terms", "net_90", "'net_90' is not one of: prepayment, net_30, net_60, "
                                    "letter_of_credit"),
        ("minimum_order", "-5", "must not be negative"),
        ("lead_time_days", "two weeks", "'two weeks' is not a whole number"),
        ("bonded_warehouse", "x" * 201, "at most 200 characters"),
    ],
)  # fmt: skip
def test_bad_procurement_values_are_named(
    session: Session, partner: PartnerView, name: str, value: str, why: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        create_agreement(
            session, agreement_input(partner.id, terms=_brand("direct", **{name: value}))
        )
    assert refused.value.for_field(name) == [why]


TYPE_TERMS: list[tuple[AgreementType, dict[str, Any], dict[str, Any]]] = [
    (
        AgreementType.LOGISTICS,
        {"import_mode": "bonded_import", "duty_payer": "consumer",
         "warehouse_locations": "Hangzhou Xiasha\nNingbo Meishan"},
        {"import_mode": ImportMode.BONDED_IMPORT, "duty_payer": DutyPayer.CONSUMER,
         "warehouse_locations": ("Hangzhou Xiasha", "Ningbo Meishan")},
    ),
    (
        AgreementType.MARKETING,
        {"festival": "618", "budget": "100000", "actual_spend": "96500.50",
         "target_impressions": "2000000", "actual_impressions": "2100000",
         "target_conversion_rate_pct": "3", "actual_conversion_rate_pct": "2.5",
         "target_roi": "4", "actual_roi": "3.2"},
        {"festival": Festival.FESTIVAL_618, "actual_spend": Decimal("96500.50"),
         "actual_impressions": 2_100_000, "actual_conversion_rate_pct": Decimal("2.5000"),
         "actual_roi": Decimal("3.2000")},
    ),
    (
        AgreementType.PAYMENT,
        {"payment_licence_no": "HK-SVF-0012", "licence_jurisdiction": "Hong Kong SAR (HKMA)",
         "reserve_deposit": "500000"},
        {"payment_licence_no": "HK-SVF-0012", "licence_jurisdiction": "Hong Kong SAR (HKMA)",
         "reserve_deposit": Decimal("500000.00")},
    ),
    (
        AgreementType.BRAND,
        {"operating_model": "platform", "trademark_numbers": "CN 12345678; EUTM 018000001",
         "trademark_holder": "Lumière SAS"},
        {"trademark_numbers": ("CN 12345678", "EUTM 018000001"),
         "trademark_holder": "Lumière SAS"},
    ),
    (
        AgreementType.PLATFORM,
        {"committed_monthly_uv": "1,500,000", "placement_slots": "Homepage banner\nSearch top"},
        {"committed_monthly_uv": 1_500_000, "placement_slots": ("Homepage banner", "Search top")},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("agreement_type", "given", "stored"), TYPE_TERMS)
def test_each_types_new_terms_are_stored_typed(
    session: Session,
    partner: PartnerView,
    agreement_type: AgreementType,
    given: dict[str, Any],
    stored: dict[str, Any],
) -> None:
    view = create_agreement(session, agreement_input(partner.id, type=agreement_type, terms=given))
    terms = get_agreement(session, view.id).terms
    assert {name: terms[name] for name in stored} == stored


@pytest.mark.parametrize(
    ("agreement_type", "name", "value", "why"),
    [
        (AgreementType.LOGISTICS, "import_mode", "by sea",
         "'by sea' is not one of: bonded_import, direct_mail, general_trade"),
        (AgreementType.LOGISTICS, "duty_payer", "nobody",
         "'nobody' is not one of: platform, partner, consumer, shared"),
        (AgreementType.MARKETING, "festival", "Easter",
         "'Easter' is not one of: double_11, 618, black_friday, chinese_new_year, brand_day, "
         "other"),
        (AgreementType.MARKETING, "actual_conversion_rate_pct", "120", "120% is outside 0–100 %"),
        (AgreementType.MARKETING, "actual_spend", "-1", "must not be negative"),
        (AgreementType.PAYMENT, "reserve_deposit", "lots", "'lots' is not a number"),
        (AgreementType.PLATFORM, "committed_monthly_uv", "-3", "must not be negative"),
    ],
)  # fmt: skip
def test_each_types_bad_values_get_one_line(
    session: Session,
    partner: PartnerView,
    agreement_type: AgreementType,
    name: str,
    value: str,
    why: str,
) -> None:
    data = agreement_input(partner.id, type=agreement_type, terms={name: value})
    with pytest.raises(ValidationError) as refused:
        create_agreement(session, data)
    assert refused.value.for_field(name) == [why]


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_import_takes_chinese_headers_and_values_and_exports_them_back(
    session: Session, partner: PartnerView, tmp_path: Path
) -> None:
    common = {"title": "Lumière import", "partner": partner.legal_name, "currency": "EUR",
              "value": "1000000", "start_date": "2026-01-01", "end_date": "2027-12-31",
              "status": "draft"}  # fmt: skip
    rows = [
        common | {"type": "brand", "经营模式": "直营", "采购币种": "eur", "付款条件": "信用证",
                  "付款天数": "90", "库存持有方": "第三方仓库", "临期商品可退货": "是",
                  "商标注册号": "CN 1; CN 2", "活动 / 购物节": "", "进口模式": ""},
        common | {"type": "marketing", "title": "双11 直播", "经营模式": "", "采购币种": "",
                  "付款条件": "", "付款天数": "", "库存持有方": "", "临期商品可退货": "",
                  "商标注册号": "", "活动 / 购物节": "双11", "进口模式": ""},
        common | {"type": "logistics", "经营模式": "", "采购币种": "", "付款条件": "",
                  "付款天数": "", "库存持有方": "", "临期商品可退货": "", "商标注册号": "",
                  "活动 / 购物节": "", "进口模式": "保税进口"},
    ]  # fmt: skip
    source = tmp_path / "zh.csv"
    _write_csv(source, rows)
    report = import_file(session, source)
    assert report.ok, [str(p) for p in report.problems]
    out = tmp_path / "out.csv"
    export_file(session, out, "agreements")
    with out.open(encoding="utf-8-sig", newline="") as f:
        exported = {r["type"]: r for r in csv.DictReader(f)}
    brand = exported["brand"]
    assert (brand["purchase_currency"], brand["payment_terms"], brand["payment_days"]) == (
        "EUR", "letter_of_credit", "90",
    )  # fmt: skip
    assert brand["inventory_holder"] == "third_party_warehouse"
    assert brand["near_expiry_returnable"] == "yes"
    assert brand["trademark_numbers"] == "CN 1; CN 2"
    assert exported["marketing"]["festival"] == "double_11"
    assert exported["logistics"]["import_mode"] == "bonded_import"


def test_import_refuses_procurement_on_a_platform_row_by_row_and_field(
    session: Session, partner: PartnerView, tmp_path: Path
) -> None:
    source = tmp_path / "bad.csv"
    _write_csv(source, [{
        "title": "Listing", "type": "brand", "partner": partner.legal_name, "currency": "EUR",
        "value": "1000", "start_date": "2026-01-01", "end_date": "2026-12-31",
        "status": "draft", "operating_model": "platform", "minimum_order": "5000",
    }])  # fmt: skip
    report = import_file(session, source)
    assert not report.ok
    assert [str(p) for p in report.problems] == [
        "row 2, minimum_order: only a direct-sales agreement has procurement terms; "
        "clear it or choose direct sales"
    ]


def test_demo_terms_are_consistent(session: Session) -> None:
    load_demo(session, 400, seed=5, today=TODAY)
    rows = list_agreements(session, limit=1000)
    seen_618 = 0
    for row in rows:
        terms = get_agreement(session, row.id).terms
        if row.type is AgreementType.BRAND:
            direct = terms["operating_model"] is OperatingModel.DIRECT
            assert (terms["purchase_currency"] is not None) is direct, row.reference
            assert (terms["payment_terms"] is not None) is direct, row.reference
            if not direct:
                assert all(terms[n] in (None, "", False) for n in DIRECT_ONLY), row.reference
        if row.type is AgreementType.MARKETING:
            start = terms["campaign_start"]
            if row.title.startswith("618"):
                seen_618 += 1
                assert terms["festival"] is Festival.FESTIVAL_618
                assert start.month in (5, 6), row.reference
            if terms["campaign_end"] < TODAY and terms["budget"]:
                ratio = terms["actual_spend"] / terms["budget"]
                assert Decimal("0.8") <= ratio <= Decimal("1.1"), row.reference
            if start > TODAY:
                assert terms["actual_spend"] is None, row.reference
    assert seen_618 > 0
