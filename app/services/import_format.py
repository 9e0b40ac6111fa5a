"""The import/export format: which columns there are, the names people give them, and
how a file's headers map to them. Documented in docs/import-format.md.

Shared by ``importing`` (reading) and ``exporting`` (writing the same columns).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.enums import AgreementType, PartnerRole
from app.domain.terms import TERMS, TermKind, TermSpec, all_term_names
from app.errors import FieldError
from app.services.tabular import header_key

# --- the format -------------------------------------------------------------------------

AGREEMENT_REQUIRED = (
    "title", "type", "partner", "status", "currency", "value", "start_date", "end_date",
)  # fmt: skip
AGREEMENT_COMMON = (
    "reference", "title", "type", "status", "partner", "partner_local_name", "partner_country",
    "owner", "currency", "value", "signed_date", "start_date", "end_date", "notice_days",
    "auto_renew", "renewal_months", "governing_law", "territories", "description",
)  # fmt: skip
AGREEMENT_COLUMNS: tuple[str, ...] = AGREEMENT_COMMON + tuple(all_term_names())

PARTNER_REQUIRED = ("legal_name", "country")
PARTNER_COLUMNS = (
    "legal_name", "local_name", "country", "roles", "status", "website", "notes", "contacts",
    "address", "registration_number",
)  # fmt: skip

# Documented in docs/import-format.md; header_key() makes them case/space/width-insensitive.
AGREEMENT_ALIASES: dict[str, tuple[str, ...]] = {
    "reference": (
        "ref",
        "agreement_reference",
        "contract_no",
        "agreement_no",
        "编号",
        "合同编号",
        "协议编号",
        "合同号",
    ),
    "title": (
        "agreement_title",
        "contract_title",
        "agreement",
        "标题",
        "合同名称",
        "协议名称",
        "合同标题",
    ),
    "type": (
        "agreement_type",
        "cooperation_type",
        "contract_type",
        "类型",
        "合作类型",
        "合同类型",
        "合作方式",
    ),
    "status": ("agreement_status", "状态", "合同状态"),
    "partner": (
        "partner_name",
        "counterparty",
        "partner_legal_name",
        "合作方",
        "合作伙伴",
        "合作方名称",
        "合作伙伴名称",
        "对方名称",
        "签约方",
    ),
    "partner_local_name": ("partner_chinese_name", "合作方中文名", "合作方本地名称"),
    "partner_country": (
        "country",
        "partner_country_code",
        "国家",
        "合作方国家",
        "国家/地区",
        "国家地区",
    ),
    "owner": ("internal_owner", "负责人", "经办人"),
    "currency": ("ccy", "币种", "货币", "币别", "合同币种"),
    "value": (
        "amount",
        "contract_value",
        "contract_amount",
        "total_value",
        "金额",
        "合同金额",
        "合同总额",
    ),
    "signed_date": (
        "signed",
        "signed_on",
        "signing_date",
        "date_signed",
        "签署日期",
        "签约日期",
        "签订日期",
    ),
    "start_date": (
        "start",
        "effective_date",
        "commencement_date",
        "开始日期",
        "生效日期",
        "开始时间",
        "起始日期",
        "合同开始日期",
    ),
    "end_date": (
        "end",
        "expiry_date",
        "expiration_date",
        "结束日期",
        "到期日期",
        "终止日期",
        "结束时间",
        "截止日期",
        "合同结束日期",
    ),
    "notice_days": ("notice", "notice_period", "通知期", "通知天数", "提前通知天数"),
    "auto_renew": ("auto_renewal", "renews_automatically", "自动续约", "自动续期"),
    "renewal_months": ("renewal_term_months", "renewal_term", "续约月数", "续约期限"),
    "governing_law": ("law", "适用法律"),
    "territories": ("territory", "区域", "地区", "授权区域"),
    "description": ("notes", "描述", "说明", "备注"),
}
PARTNER_ALIASES: dict[str, tuple[str, ...]] = {
    "legal_name": ("name", "partner", "法定名称", "公司名称", "名称", "合作方"),
    "local_name": ("chinese_name", "中文名", "中文名称", "本地名称"),
    "country": ("国家", "国家/地区"),
    "roles": ("role", "角色"),
    "status": ("状态",),
    "website": ("web", "url", "网站", "官网"),
    "notes": ("备注",),
    "contacts": ("contact", "联系人"),
    "address": ("registered_address", "地址", "注册地址"),
    "registration_number": (
        "registration_no", "company_number", "uscc", "legal_identifier",
        "统一社会信用代码", "注册号", "信用代码",
    ),
}  # fmt: skip

TYPE_ALIASES = {"品牌": "brand", "物流": "logistics", "营销": "marketing", "市场营销": "marketing",
                "支付": "payment", "平台": "platform", "品牌合作": "brand", "物流合作": "logistics",
                "营销合作": "marketing", "支付合作": "payment", "平台合作": "platform"}  # fmt: skip
STATUS_ALIASES = {
    "草稿": "draft", "谈判": "negotiation", "谈判中": "negotiation", "洽谈中": "negotiation",
    "待审批": "pending_approval", "审批中": "pending_approval", "pending": "pending_approval",
    "negotiating": "negotiation", "in_negotiation": "negotiation",
    "生效": "active", "有效": "active", "执行中": "active", "已生效": "active",
    "到期": "expired", "已到期": "expired", "已过期": "expired",
    "终止": "terminated", "已终止": "terminated", "续约": "renewed", "已续约": "renewed",
}  # fmt: skip
CHOICE_ALIASES = {
    "直营": "direct",
    "自营": "direct",
    "直销": "direct",
    "平台": "platform",
    "直营模式": "direct",
    "平台模式": "platform",
    "direct_sales": "direct",
    # The terms of #14, as a Chinese team writes them (English folds by itself: "Net 30",
    # "Double 11", "Bonded import").
    "预付款": "prepayment", "预付": "prepayment", "信用证": "letter_of_credit",
    "third_party": "third_party_warehouse", "第三方仓库": "third_party_warehouse",
    "保税进口": "bonded_import", "直邮": "direct_mail", "一般贸易": "general_trade",
    "消费者": "consumer", "双11": "double_11", "双十一": "double_11", "11.11": "double_11",
    "黑五": "black_friday", "黑色星期五": "black_friday", "春节": "chinese_new_year",
    "品牌日": "brand_day", "其他": "other",
}  # fmt: skip
PARTNER_STATUS_ALIASES = {"潜在": "prospect", "合作中": "active", "停用": "inactive"}

ROLE_FOR_TYPE = {
    AgreementType.BRAND: PartnerRole.BRAND_OWNER,
    AgreementType.LOGISTICS: PartnerRole.LOGISTICS_PROVIDER,
    AgreementType.MARKETING: PartnerRole.MARKETING_CHANNEL,
    AgreementType.PAYMENT: PartnerRole.PAYMENT_INSTITUTION,
    AgreementType.PLATFORM: PartnerRole.ECOMMERCE_PLATFORM,
}
TERM_SPECS: dict[str, TermSpec] = {}
for _specs in TERMS.values():
    for _spec in _specs:
        TERM_SPECS.setdefault(_spec.name, _spec)

VALUE_PLACES = 2  # the contract value's decimal places; the terms' are in term_places()

MONEY_COLUMNS = {"value"} | {n for n, s in TERM_SPECS.items() if s.kind is TermKind.MONEY}

# validate_agreement's field names -> the column that holds the value.
FIELD_TO_COLUMN = {"renewal_term_months": "renewal_months", "partner_id": "partner"}


def _alias_table(kind: str) -> dict[str, str]:
    table: dict[str, str] = {}
    if kind == "agreements":
        for column in AGREEMENT_COLUMNS:
            table[header_key(column)] = column
        for spec in TERM_SPECS.values():
            table.setdefault(header_key(spec.label), spec.name)
            table.setdefault(header_key(spec.label_zh), spec.name)
        aliases = AGREEMENT_ALIASES
    else:
        for column in PARTNER_COLUMNS:
            table[header_key(column)] = column
        aliases = PARTNER_ALIASES
    for column, names in aliases.items():
        for name in names:
            table.setdefault(header_key(name), column)
    return table


def columns_for(kind: str) -> tuple[str, ...]:
    return AGREEMENT_COLUMNS if kind == "agreements" else PARTNER_COLUMNS


def required_for(kind: str) -> tuple[str, ...]:
    return AGREEMENT_REQUIRED if kind == "agreements" else PARTNER_REQUIRED


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    kind: str
    headers: tuple[str, ...]
    fields: tuple[str | None, ...]  # per header: the column it holds, or None (ignored)
    unknown: tuple[str, ...]  # headers neither recognised nor mapped by hand
    missing: tuple[str, ...]  # required columns that no header holds
    problems: tuple[FieldError, ...]  # duplicate columns and the like (row 1)


def map_columns(
    headers: list[str], kind: str | None = None, overrides: Mapping[str, str | None] = {}
) -> ColumnMapping:
    """Which column each header holds: by name or alias, or as the user mapped it."""
    keys = {header_key(h) for h in headers}
    if kind is None:
        agreements, partners = _alias_table("agreements"), _alias_table("partners")
        a_hits = sum(1 for k in keys if agreements.get(k) in AGREEMENT_REQUIRED)
        p_hits = sum(1 for k in keys if partners.get(k) in PARTNER_REQUIRED)
        has_title = any(agreements.get(k) == "title" for k in keys)
        kind = "agreements" if has_title or a_hits >= p_hits else "partners"
    table = _alias_table(kind)
    allowed = set(columns_for(kind))
    fields: list[str | None] = []
    unknown: list[str] = []
    problems: list[FieldError] = []
    taken: dict[str, str] = {}
    for header in headers:
        if header in overrides:
            target = overrides[header]
            if target is not None and target not in allowed:
                problems.append(FieldError(header, f"{target!r} is not a column we import", 1))
                target = None
        elif not header.strip():
            target = None
        else:
            target = table.get(header_key(header))
            if target is None:
                unknown.append(header)
        if target is not None and target in taken:
            problems.append(
                FieldError(header, f"holds {target} as column {taken[target]!r} already does", 1)
            )
            target = None
        if target is not None:
            taken[target] = header
        fields.append(target)
    missing = tuple(c for c in required_for(kind) if c not in taken)
    for column in missing:
        problems.append(FieldError(column, "this required column is missing from the file", 1))
    return ColumnMapping(kind, tuple(headers), tuple(fields), tuple(unknown), missing,
                         tuple(problems))  # fmt: skip


def term_places() -> dict[str, int]:
    """Decimal places each numeric term is stored with: more would be rounded away silently.
    Read off the schema, here rather than at import: the import's worker process loads
    this module, and does without SQLAlchemy."""
    from app.domain.models import AGREEMENT_CLASSES

    places: dict[str, int] = {}
    for cls in AGREEMENT_CLASSES.values():
        for column in cls.__table__.columns:
            scale = getattr(column.type, "scale", None)
            if column.name in TERM_SPECS and isinstance(scale, int):
                places[column.name] = scale
    return places
