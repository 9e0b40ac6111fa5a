"""Wording for the type terms of issue #14 in the reports: their choices, the marketing
target-vs-actual table and the portfolio's direct/platform mix, English and Chinese."""

from __future__ import annotations

TERMS_ENUMS: dict[str, str] = {
    "prepayment": "预付款", "net_30": "月结 30 天", "net_60": "月结 60 天",
    "letter_of_credit": "信用证", "third_party_warehouse": "第三方仓库",
    "bonded_import": "保税进口", "direct_mail": "直邮", "general_trade": "一般贸易",
    "consumer": "消费者",
    "double_11": "双11", "618": "618", "black_friday": "黑色星期五",
    "chinese_new_year": "春节", "brand_day": "品牌日",
}  # fmt: skip

TERMS_ENUMS_EN: dict[str, str] = {
    "net_30": "Net 30", "net_60": "Net 60", "letter_of_credit": "Letter of credit",
    "third_party_warehouse": "Third-party warehouse", "double_11": "Double 11",
    "chinese_new_year": "Chinese New Year", "brand_day": "Brand day",
}  # fmt: skip

TERMS_LABELS: dict[str, tuple[str, str]] = {
    "target_vs_actual": ("Targets and results", "目标与实际"),
    "tva_actual": ("Actual", "实际"),
    "actual_vs_target": ("Actual / target", "实际 / 目标"),
    "tva_spend": ("Spend (budget)", "花费（预算）"),
    "tva_impressions": ("Impressions", "曝光量"),
    "tva_conversion": ("Conversion rate", "转化率"),
    "tva_roi": ("ROI", "ROI"),
    "model_mix": ("Direct sales and platform model", "直营与平台模式"),
    "model_mix_intro": (
        "Brand agreements by operating model ({scope}): by count and by contract value in "
        "{base}, converted at the rates in force on {date} listed under “{rates}” above.",
        "品牌协议按经营模式统计（{scope}）：按数量及按合同金额（折合 {base}，按{date}生效、"
        "列于上文“{rates}”的汇率换算）。",
    ),
    "mix_model": ("Operating model", "经营模式"),
    "mix_all_brand": ("all brand agreements", "全部品牌协议"),
    "mix_count": ("Agreements", "协议数"),
    "mix_count_share": ("% of count", "数量占比"),
    "mix_value": ("Value ({base})", "金额（{base}）"),
    "mix_value_share": ("% of value", "金额占比"),
    "min_purchase_committed": (
        "Cost side: annual minimum purchases committed by {n} direct-sales agreements in "
        "force: {value}.",
        "成本端：{n} 份生效中的直营协议承诺的年度最低采购额：{value}。",
    ),
    "min_purchase_none": (
        "No live direct-sales agreement commits an annual minimum purchase.",
        "没有生效中的直营协议承诺年度最低采购额。",
    ),
}
