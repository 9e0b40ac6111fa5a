"""The demo's values for the type terms of issue #14: procurement on direct-sales brand
agreements only, a campaign's festival from the month it starts in (as its title is),
actual spend near the budget once a campaign has run, and so on.

Drawn from a random stream of their own (``Generator.more``), so adding them changed
nothing else the demo draws for a seed.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.enums import (
    AgreementType,
    DutyPayer,
    Festival,
    ImportMode,
    InventoryHolder,
    LogisticsService,
    OperatingModel,
    PaymentTerms,
)
from app.domain.terms import TERMS, TermKind
from app.services.demo_random import choice, randint

# The month a campaign starts in -> the festival its title names (demo_data._FESTIVALS):
# "618" campaigns start in May or June, Double 11 ones in October or November; Golden
# Week and Double 12 are festivals the list has no name for; spring and summer are none.
_FESTIVAL_BY_MONTH = {
    1: Festival.CHINESE_NEW_YEAR, 2: Festival.CHINESE_NEW_YEAR, 5: Festival.FESTIVAL_618,
    6: Festival.FESTIVAL_618, 9: Festival.OTHER, 10: Festival.DOUBLE_11,
    11: Festival.DOUBLE_11, 12: Festival.OTHER,
}  # fmt: skip
_BONDED_ZONES = [
    "Hangzhou Xiasha bonded zone", "Ningbo Meishan bonded port", "Guangzhou Nansha bonded zone",
    "Zhengzhou airport bonded zone", "Shanghai Waigaoqiao FTZ", "Tianjin Dongjiang bonded port",
]  # fmt: skip
_OVERSEAS_WAREHOUSES = ["Los Angeles", "Frankfurt", "Tokyo", "Sydney", "Seoul", "Amsterdam"]
_PAYMENT_DAYS = {
    PaymentTerms.PREPAYMENT: 0,
    PaymentTerms.NET_30: 30,
    PaymentTerms.NET_60: 60,
    PaymentTerms.LETTER_OF_CREDIT: 90,
}
_REGULATORS = {
    "FR": "France (ACPR)", "DE": "Germany (BaFin)", "IT": "Italy (Banca d'Italia)",
    "JP": "Japan (FSA)", "KR": "Korea (FSC)", "US": "United States (FinCEN MSB)",
    "GB": "United Kingdom (FCA)", "AU": "Australia (AUSTRAC)", "NZ": "New Zealand (FMA)",
    "CH": "Switzerland (FINMA)", "NL": "Netherlands (DNB)", "SG": "Singapore (MAS)",
    "HK": "Hong Kong SAR (HKMA)", "CN": "China (PBOC)", "TH": "Thailand (BOT)",
    "SE": "Sweden (FI)", "CA": "Canada (FINTRAC)", "ES": "Spain (Banco de España)",
}  # fmt: skip
_PAYMENT_TERMS = tuple(PaymentTerms)  # draws from them are draws from list(PaymentTerms)
_INVENTORY_HOLDERS = tuple(InventoryHolder)
_SLOTS = ["Homepage banner", "Search top slot", "Category page feature",
          "Livestream channel slot", "Push notification", "Festival venue page"]  # fmt: skip


def type_terms(
    rng: random.Random,
    t: AgreementType,
    terms: dict[str, Any],
    partner: dict[str, Any],
    value: Decimal,
    today: date,
) -> dict[str, Any]:
    """The #14 terms of one demo agreement, consistent with its other ``terms``; every
    term of the type is there, blank where it does not apply (the demo's terms go in as
    typed terms, without the editor's coercion)."""
    blanks = {spec.name: _BLANK.get(spec.kind) for spec in TERMS[t] if spec.name not in terms}
    if t is AgreementType.BRAND:
        return blanks | _brand(rng, terms, partner)
    if t is AgreementType.LOGISTICS:
        return blanks | _logistics(rng, terms)
    if t is AgreementType.MARKETING:
        return blanks | _marketing(rng, terms, today)
    if t is AgreementType.PAYMENT:
        country = str(partner.get("country", ""))
        return {
            "payment_licence_no": f"{country or 'XX'}-PI-{randint(rng, 100_000, 999_999)}",
            "licence_jurisdiction": _REGULATORS.get(country, country),
            "reserve_deposit": (value * Decimal(randint(rng, 5, 20)) / 100).quantize(Decimal(1)),
        }
    users = int(terms.get("target_users") or 100_000)
    return {
        "committed_monthly_uv": users * randint(rng, 2, 8) // 12 // 1000 * 1000,
        "placement_slots": tuple(rng.sample(_SLOTS, randint(rng, 1, 3))),
    }


_BLANK: dict[TermKind, Any] = {TermKind.LINES: (), TermKind.TEXT: "", TermKind.BOOL: False}


def _brand(rng: random.Random, terms: dict[str, Any], partner: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "trademark_numbers": tuple(
            f"CN {randint(rng, 10_000_000, 59_999_999)}" for _ in range(randint(rng, 1, 3))
        ),
        "trademark_holder": partner["legal_name"],
    }
    if OperatingModel(terms["operating_model"]) is not OperatingModel.DIRECT:
        return out  # a platform-model agreement buys nothing: no procurement terms
    payment = rng.choices(_PAYMENT_TERMS, weights=[2, 5, 3, 1])[0]
    holder = rng.choices(_INVENTORY_HOLDERS, weights=[7, 1, 2])[0]
    annual = terms.get("annual_minimum_purchase") or Decimal(1_000_000)
    out |= {
        # The brand invoices in its home currency.
        "purchase_currency": partner["_currency"],
        "payment_terms": payment,
        "payment_days": _PAYMENT_DAYS[payment],
        "minimum_order": (annual / choice(rng, [6, 12, 24])).quantize(Decimal(1000)),
        "lead_time_days": choice(rng, [14, 21, 30, 45, 60]),
        "inventory_holder": holder,
        "bonded_warehouse": choice(rng, _BONDED_ZONES)
        if holder is not InventoryHolder.BRAND
        else "",
        "min_shelf_life_days": choice(rng, [90, 180, 270, 365]),
        "near_expiry_returnable": rng.random() < 0.4,
    }
    return out


def _logistics(rng: random.Random, terms: dict[str, Any]) -> dict[str, Any]:
    bonded = LogisticsService.BONDED_WAREHOUSE.value in terms.get("services", ())
    mode = (
        ImportMode.BONDED_IMPORT
        if bonded
        else choice(rng, [ImportMode.DIRECT_MAIL, ImportMode.GENERAL_TRADE])
    )
    # Cross-border e-commerce tax is the consumer's, collected at checkout; general
    # trade clears in bulk and the importer pays.
    payer = (
        rng.choices([DutyPayer.PARTNER, DutyPayer.SHARED], weights=[3, 1])[0]
        if mode is ImportMode.GENERAL_TRADE
        else rng.choices([DutyPayer.CONSUMER, DutyPayer.PLATFORM], weights=[4, 1])[0]
    )
    places = _BONDED_ZONES if bonded else _OVERSEAS_WAREHOUSES
    return {
        "import_mode": mode,
        "duty_payer": payer,
        "warehouse_locations": tuple(rng.sample(places, randint(rng, 1, 2))),
    }


def _marketing(rng: random.Random, terms: dict[str, Any], today: date) -> dict[str, Any]:
    start, end = terms.get("campaign_start"), terms.get("campaign_end")
    out: dict[str, Any] = {
        "festival": _FESTIVAL_BY_MONTH.get(start.month) if isinstance(start, date) else None
    }
    budget = terms.get("budget")
    if not isinstance(start, date) or not isinstance(end, date) or start > today or not budget:
        return out  # not started: nothing spent, no results yet
    # Spent so far: near the budget once the campaign has run, pro rata while it runs.
    ran = min(Decimal(1), Decimal((today - start).days + 1) / Decimal((end - start).days + 1))
    spend = budget * ran * Decimal(randint(rng, 85, 108)) / 100
    out["actual_spend"] = spend.quantize(Decimal("0.01"))
    target = terms.get("target_impressions") or 0
    out["actual_impressions"] = int(target * ran * Decimal(randint(rng, 70, 120)) / 100)
    if ran == 1:  # conversion and ROI are measured after the campaign
        conversion = terms.get("target_conversion_rate_pct") or Decimal(2)
        roi = terms.get("target_roi") or Decimal(2)
        out["actual_conversion_rate_pct"] = min(
            Decimal(100),
            (conversion * Decimal(randint(rng, 60, 130)) / 100).quantize(Decimal("0.01")),
        )
        out["actual_roi"] = (roi * Decimal(randint(rng, 50, 130)) / 100).quantize(Decimal("0.01"))
    return out
