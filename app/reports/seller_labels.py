"""Wording of the sellers' report sections (platform model), English and Chinese."""

from __future__ import annotations

SELLER_LABELS: dict[str, tuple[str, str]] = {
    "seller_supervision": ("Seller supervision", "卖家监管"),
    "seller_intro": (
        "{n} third-party sellers sell under platform-model brand agreements: {red} red, "
        "{amber} amber, {green} green on their scorecard.",
        "共 {n} 家第三方卖家在平台模式品牌协议下经营：考核红色 {red} 家、黄色 {amber} 家、"
        "绿色 {green} 家。",
    ),
    "scorecard_note": (
        "Scorecard: on-time shipment ≥ 95 % green, ≥ 90 % amber; dispute rate ≤ 1 % green, "
        "≤ 3 % amber; rating ≥ 4.5 green, ≥ 4.0 amber; violations in 12 months 0 green, ≤ 2 "
        "amber. A seller is as red as its worst measure.",
        "考核标准：准时发货率 ≥ 95% 为绿、≥ 90% 为黄；纠纷率 ≤ 1% 为绿、≤ 3% 为黄；评分 ≥ 4.5 "
        "为绿、≥ 4.0 为黄；12 个月内违规 0 次为绿、≤ 2 次为黄。卖家评级取其最差一项。",
    ),
    "sellers_in_red": ("Sellers in red", "红色预警卖家"),
    "deposits_held": ("Deposits held", "在押保证金"),
    "deposits_note": (
        "What is left of each deposit not forfeited, after the deductions of violations not "
        "dismissed.",
        "未没收的保证金扣除未撤销违规的扣款后的余额。",
    ),
    "violations_quarter": ("Violations this quarter (since {date})", "本季度违规（{date} 起）"),
    "deducted_quarter": (
        "Deducted from deposits this quarter: {value}.",
        "本季度已从保证金扣除：{value}。",
    ),
    "seller": ("Seller", "卖家"),
    "sellers_count": ("Sellers", "卖家数"),
    "scorecard": ("Scorecard", "考核评级"),
    "red_measures": ("In red", "未达标项"),
    "violations_12m": ("Violations (12 mo.)", "违规（12月）"),
    "deposit_left": ("Deposit left", "保证金余额"),
    "deposit_status": ("Deposit", "保证金状态"),
    "brands": ("Brands", "品牌"),
    "severity": ("Severity", "严重程度"),
    "penalty": ("Penalty", "罚款"),
    "deduction": ("Deducted", "扣除保证金"),
    "violation": ("Violation", "违规类型"),
    "under_agreements": ("Under", "依据协议"),
    "partner_sellers": ("Sellers of its brands", "其品牌的授权卖家"),
    "partner_sellers_note": (
        "Third-party sellers authorised under this brand owner's platform-model agreements.",
        "依据该品牌方平台模式协议获授权的第三方卖家。",
    ),
    "on_time_shipment_pct": ("On-time shipment", "准时发货率"),
    "dispute_rate_pct": ("Dispute rate", "纠纷率"),
    "rating": ("Rating", "评分"),
}

SELLER_ENUMS: dict[str, str] = {
    "counterfeit": "假冒商品", "late_shipment": "延迟发货", "false_advertising": "虚假宣传",
    "customs": "海关违规", "minor": "轻微", "major": "较重", "critical": "严重",
    "upheld": "已确认", "appealed": "申诉中", "dismissed": "已撤销", "onboarding": "入驻中",
    "suspended": "已暂停", "paid": "已缴纳", "held": "冻结中", "forfeited": "已没收",
    "violation_open": "待处理", "business_licence": "营业执照", "import_permit": "进口许可证",
}  # fmt: skip
# English where the stored value does not read well alone (an open violation is not a
# milestone's "open": its own key keeps the Chinese apart).
SELLER_ENUMS_EN: dict[str, str] = {"violation_open": "Open"}
