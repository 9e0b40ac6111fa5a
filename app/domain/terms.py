"""What each cooperation type's own terms are: one declaration that drives validation,
the editors, import/export columns and the reports.

The database keeps these as typed columns (see ``models``); this table only describes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.enums import (
    AgreementType,
    AuthorisationLevel,
    ChargebackLiability,
    DutyPayer,
    Festival,
    ImportMode,
    InventoryHolder,
    LogisticsService,
    MarketingChannel,
    OperatingModel,
    PaymentMethod,
    PaymentTerms,
    RateBasis,
    SharedResource,
)


class TermKind(StrEnum):
    TEXT = "text"  # one line of free text
    LINES = "lines"  # a list of free-text items (brands, routes)
    CHOICE = "choice"  # one value of an enum
    CHOICES = "choices"  # several values of an enum
    CURRENCY = "currency"  # one ISO 4217 code
    CURRENCIES = "currencies"  # several ISO 4217 codes
    MONEY = "money"  # Decimal >= 0 in the agreement's currency
    PERCENT = "percent"  # Decimal in 0..100
    DECIMAL = "decimal"  # Decimal >= 0 (a rate, a ratio)
    INT = "int"  # whole number >= 0
    BOOL = "bool"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class TermSpec:
    name: str  # the model attribute and the import/export column
    label: str
    label_zh: str
    kind: TermKind
    choices: type[StrEnum] | None = None
    required: bool = False
    # A procurement term: only a direct-sales brand agreement buys stock, so only it may
    # carry one (validation refuses it on a platform-model agreement; see DIRECT_ONLY).
    direct_only: bool = False

    def label_for(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label


T = TermSpec
K = TermKind

TERMS: dict[AgreementType, tuple[TermSpec, ...]] = {
    AgreementType.BRAND: (
        T("operating_model", "Operating model", "经营模式", K.CHOICE, OperatingModel, True),
        T("brands", "Brands", "品牌", K.LINES),
        T("product_categories", "Product categories", "商品类目", K.LINES),
        T("exclusive", "Exclusive", "独家", K.BOOL),
        T("authorisation_level", "Authorisation level", "授权级别", K.CHOICE, AuthorisationLevel),
        T("annual_minimum_purchase", "Annual minimum purchase", "年度最低采购额", K.MONEY),
        T("commission_rate_pct", "Commission rate %", "佣金比例 %", K.PERCENT),
        T("gmv_target", "GMV target", "GMV 目标", K.MONEY),
        T("trademark_numbers", "Trademark registration numbers", "商标注册号", K.LINES),
        T("trademark_holder", "Trademark holder", "商标持有人", K.TEXT),
        # Procurement (direct sales). Amounts are in the agreement's currency like every
        # amount of an agreement; the purchase currency is what the supplier invoices in.
        T("purchase_currency", "Purchase currency", "采购币种", K.CURRENCY, direct_only=True),
        T("payment_terms", "Payment terms", "付款条件", K.CHOICE, PaymentTerms,
          direct_only=True),
        T("payment_days", "Payment days", "付款天数", K.INT, direct_only=True),
        T("minimum_order", "Minimum order", "最低订货额", K.MONEY, direct_only=True),
        T("lead_time_days", "Lead time (days)", "交货周期（天）", K.INT, direct_only=True),
        T("inventory_holder", "Inventory held by", "库存持有方", K.CHOICE, InventoryHolder,
          direct_only=True),
        T("bonded_warehouse", "Bonded warehouse", "保税仓", K.TEXT, direct_only=True),
        T("min_shelf_life_days", "Minimum shelf life at receipt (days)",
          "到货最短剩余保质期（天）", K.INT, direct_only=True),
        T("near_expiry_returnable", "Near-expiry stock returnable", "临期商品可退货",
          K.BOOL, direct_only=True),
    ),
    AgreementType.LOGISTICS: (
        T("services", "Services", "服务", K.CHOICES, LogisticsService),
        T("routes", "Routes", "线路", K.LINES),
        T("delivery_sla_days", "Delivery SLA (days)", "时效承诺（天）", K.INT),
        T("on_time_target_pct", "On-time target %", "准时率目标 %", K.PERCENT),
        T("loss_damage_cap_pct", "Loss/damage cap %", "丢损率上限 %", K.PERCENT),
        T("rate_basis", "Rate basis", "计费方式", K.CHOICE, RateBasis),
        T("rate", "Rate", "费率", K.DECIMAL),
        T("liability_cap", "Liability cap", "赔偿上限", K.MONEY),
        T("import_mode", "Import mode", "进口模式", K.CHOICE, ImportMode),
        T("duty_payer", "Duty and VAT paid by", "关税及增值税承担方", K.CHOICE, DutyPayer),
        T("warehouse_locations", "Warehouse locations", "仓库地点", K.LINES),
    ),
    AgreementType.MARKETING: (
        T("channels", "Channels", "渠道", K.CHOICES, MarketingChannel),
        T("budget", "Budget", "预算", K.MONEY),
        T("partner_cost_share_pct", "Partner cost share %", "合作方分摊 %", K.PERCENT),
        T("campaign_start", "Campaign start", "活动开始", K.DATE),
        T("campaign_end", "Campaign end", "活动结束", K.DATE),
        T("festival", "Campaign / festival", "活动 / 购物节", K.CHOICE, Festival),
        T("target_impressions", "Target impressions", "目标曝光量", K.INT),
        T("target_conversion_rate_pct", "Target conversion rate %", "目标转化率 %", K.PERCENT),
        T("target_roi", "Target ROI", "目标 ROI", K.DECIMAL),
        T("actual_spend", "Actual spend", "实际花费", K.MONEY),
        T("actual_impressions", "Actual impressions", "实际曝光量", K.INT),
        T("actual_conversion_rate_pct", "Actual conversion rate %", "实际转化率 %", K.PERCENT),
        T("actual_roi", "Actual ROI", "实际 ROI", K.DECIMAL),
    ),
    AgreementType.PAYMENT: (
        T("payment_methods", "Payment methods", "支付方式", K.CHOICES, PaymentMethod),
        T("settlement_currencies", "Settlement currencies", "结算币种", K.CURRENCIES),
        T("fee_rate_pct", "Fee rate %", "费率 %", K.PERCENT),
        T("settlement_cycle_days", "Settlement cycle (T+N days)", "结算周期（T+N 天）", K.INT),
        T("fx_markup_pct", "FX markup %", "汇率加价 %", K.PERCENT),
        T("chargeback_liability", "Chargeback liability", "拒付责任方", K.CHOICE,
          ChargebackLiability),
        T("pci_dss", "PCI DSS compliant", "PCI DSS 合规", K.BOOL),
        T("aml_kyc", "AML/KYC in place", "反洗钱/KYC", K.BOOL),
        T("payment_licence_no", "Payment licence number", "支付牌照编号", K.TEXT),
        T("licence_jurisdiction", "Licence jurisdiction", "牌照司法辖区", K.TEXT),
        T("reserve_deposit", "Reserve / deposit", "风险准备金 / 保证金", K.MONEY),
    ),
    AgreementType.PLATFORM: (
        T("partner_platform", "Partner platform", "合作平台", K.TEXT),
        T("markets", "Markets", "市场", K.LINES),
        T("shared_resources", "Shared resources", "共享资源", K.CHOICES, SharedResource),
        T("revenue_share_pct", "Revenue share %", "收入分成 %", K.PERCENT),
        T("target_users", "Target users", "目标用户数", K.INT),
        T("target_gmv", "Target GMV", "目标 GMV", K.MONEY),
        T("committed_monthly_uv", "Committed monthly visits (UV)", "承诺月访问量（UV）",
          K.INT),
        T("placement_slots", "Placement slots", "资源位", K.LINES),
    ),
}  # fmt: skip


# The marketing targets and the actuals the agreement report sets beside them.
TARGET_ACTUAL: tuple[tuple[str, str], ...] = (
    ("budget", "actual_spend"),
    ("target_impressions", "actual_impressions"),
    ("target_conversion_rate_pct", "actual_conversion_rate_pct"),
    ("target_roi", "actual_roi"),
)

DIRECT_ONLY: frozenset[str] = frozenset(
    spec.name for spec in TERMS[AgreementType.BRAND] if spec.direct_only
)


def term_spec(agreement_type: AgreementType, name: str) -> TermSpec:
    for spec in TERMS[agreement_type]:
        if spec.name == name:
            return spec
    raise KeyError(f"{agreement_type} has no term {name!r}")


def all_term_names() -> list[str]:
    """Every term column across the five types, in declaration order, without repeats."""
    seen: dict[str, None] = {}
    for specs in TERMS.values():
        for spec in specs:
            seen.setdefault(spec.name, None)
    return list(seen)
