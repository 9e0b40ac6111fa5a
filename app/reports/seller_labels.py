"""Wording of the sellers' report sections (platform model), English and Chinese."""

from __future__ import annotations

SELLER_LABELS: dict[str, tuple[str, str]] = {
    "seller_supervision": ("Seller supervision", "卖家监管"),
    "seller_intro": (
        "{n} third-party sellers on the register (terminated ones left out), {selling} of them "
        "selling under a platform-model brand agreement in force: {red} red, {amber} amber, "
        "{green} green on their scorecard.",
        "登记在册的第三方卖家共 {n} 家（不含已终止合作的卖家），其中 {selling} 家依据有效的"
        "平台模式品牌协议经营：考核红色 {red} 家、黄色 {amber} 家、绿色 {green} 家。",
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
        "What is left of each deposit not forfeited (paid in, or frozen while a case is open) "
        "after the deductions of violations not dismissed, of the sellers above; in {base} at "
        "the rates in force on {date} (their dates and sources: Exchange rates used, page 1).",
        "上述卖家未没收的保证金（已缴纳或因案件冻结）扣除未撤销违规的扣款后的余额；按{date}"
        "有效汇率折算为 {base}（汇率日期与来源见第 1 页“所用汇率”）。",
    ),
    "violations_quarter": ("Violations this quarter (since {date})", "本季度违规（{date} 起）"),
    "deducted_quarter": (
        "Deducted from deposits this quarter, by the violations above not dismissed, in {base} "
        "at the rates in force on {date}: {value}.",
        "本季度上述未撤销违规从保证金扣除的金额（按{date}有效汇率折算为 {base}）：{value}。",
    ),
    "total": ("Total", "合计"),
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
        "Third-party sellers authorised today under this brand owner's platform-model "
        "agreements in force (Under: those agreements); deposit left after the deductions of "
        "violations not dismissed, in the deposit's own currency.",
        "目前依据该品牌方有效的平台模式协议获授权的第三方卖家（“依据协议”列出这些协议）；"
        "保证金余额为扣除未撤销违规扣款后的金额，以保证金原币种列示。",
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
