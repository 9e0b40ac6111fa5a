"""Wording of the scopes, money lists, decisions, KPIs and first-page sentences (English,
Chinese), kept apart from the general catalogue in ``app.reports.i18n``."""

from __future__ import annotations

SUMMARY_LABELS: dict[str, tuple[str, str]] = {
    # scopes: what each figure covers (app.services.scope)
    "by_scope": ("What the figures cover", "数据口径"),
    "scope": ("Scope", "口径"),
    "covers": ("Covers", "包括"),
    "scope_in_force": ("In force", "生效中"),
    "scope_pipeline": ("Pipeline", "筹备中"),
    "scope_history": ("History (ended)", "历史（已结束）"),
    "covers_in_force": (
        "Active, and renewed until their end date",
        "生效协议，以及到期日前的已续约协议",
    ),
    "covers_pipeline": ("Draft, negotiation, pending approval", "草稿、谈判中、待审批"),
    "covers_history": (
        "Expired, terminated, renewed past their end date",
        "已到期、已终止，以及已过到期日的已续约协议",
    ),
    "in_force_card": ("In force · {n} agreements", "生效中 · {n} 份协议"),
    "pipeline_card": ("Pipeline · {n} agreements", "筹备中 · {n} 份协议"),
    "overdue_card": ("Decisions overdue · {n}", "已逾期决策 · {n} 项"),
    "coming_card": ("Decisions in 90 days · {n}", "90 天内待决策 · {n} 项"),
    "total_in_force": ("Value in force", "生效协议金额"),
    "active_agreements": ("In force", "生效协议"),
    "pipeline_value": ("Pipeline", "筹备中协议金额"),
    "history_value": ("History (ended)", "历史协议金额（已结束）"),
    "decision_alert_passed": (
        "Decision date passed {n} days ago ({date}): renew or give notice now.",
        "决策日期已过 {n} 天（{date}）：请立即决定续约或发出通知。",
    ),
    "decision_alert_near": (
        "Decision due in {n} days ({date}): renew or give notice by then.",
        "距决策日期还有 {n} 天（{date}）：须在此之前决定续约或发出通知。",
    ),
    "partner_in_force": ("In force · {n} agreements", "生效中 · {n} 份协议"),
    "partner_pipeline": ("Pipeline · {n} agreements", "筹备中 · {n} 份协议"),
    "partner_history": ("History (ended) · {n} agreements", "历史（已结束）· {n} 份协议"),
    "partner_groups_note": (
        "Agreements by scope. Red decision date: a live agreement whose decision is overdue "
        "or due within 30 days.",
        "协议按口径分组。决策日期为红色：生效协议的决策已逾期或将于 30 天内到期。",
    ),
    "renewals_grand": (
        "Overdue and upcoming together: {n} decisions, value at stake {value}.",
        "已逾期与即将到期合计：{n} 项决策，涉及金额 {value}。",
    ),
    "attainment_pct": ("Attained", "达成率"),
    "red_kpis_note": (
        "Latest actual of live agreements' KPIs that miss their target by more than 10 %, "
        "largest agreement value first. Attained: actual as a share of the target (target "
        "over actual when lower is better).",
        "生效协议中最新实际值偏离目标超过 10 % 的指标，按协议金额从大到小排列。"
        "达成率：实际值占目标的比例（越低越好的指标为目标值除以实际值）。",
    ),
    "red_kpis_total": (
        "Agreements with a KPI in red: {n}, worth {value} together.",
        "存在未达标指标的协议：{n} 份，金额 {value}。",
    ),
    "rate_with_basis": ("{amount} {basis}", "{amount} / {basis}"),
    "rate_pct_of_value": ("{rate} of the goods' value", "货值的 {rate}"),
    "basis_per_kg": ("per kg", "公斤"),
    "basis_per_parcel": ("per parcel", "件"),
    "basis_per_cbm": ("per cubic metre", "立方米"),
    "basis_per_container": ("per container", "柜"),
    "red_more": (
        "The {shown} with the largest value at stake of {n} are shown.",
        "仅列出涉及金额最大的 {shown} 项（共 {n} 项）。",
    ),
    "in_brief": ("In brief", "要点"),
    "brief_worth": (
        "The portfolio in force is worth {value} across {n} agreements; the pipeline adds "
        "{pipeline} in {m} agreements still to be signed.",
        "生效中的合作组合价值 {value}，共 {n} 份协议；筹备中的 {m} 份协议另有 {pipeline}。",
    ),
    "brief_change": (
        "Counting each contract from its start to its end date, the value under contract "
        "{q_dir} {q_pct} since the end of the previous quarter and {y_dir} {y_pct} on a year "
        "earlier.",
        "按合同起止日期计算，运行中的合同金额较上季度末{q_dir} {q_pct}，"
        "较去年同期{y_dir} {y_pct}。",
    ),
    "up": ("rose", "增长"),
    "down": ("fell", "下降"),
    "flat": ("changed by", "变化"),
    "brief_decisions": (
        "{overdue} decisions are overdue, with {overdue_value} at stake; {coming} more fall "
        "due within 90 days ({coming_value}), {soon} of them within 30 days.",
        "已逾期决策 {overdue} 项，涉及金额 {overdue_value}；另有 {coming} 项将于 90 天内到期"
        "（{coming_value}），其中 {soon} 项在 30 天内。",
    ),
    "brief_risk": (
        "At risk: {red} KPIs in red on {red_agreements} live agreements, {milestones} "
        "overdue milestones, and {documents} authorisations and licences expired or "
        "expiring within 60 days.",
        "风险：{red_agreements} 份生效协议共有 {red} 项指标未达标，{milestones} 个里程碑逾期，"
        "{documents} 份授权书及资质文件已过期或将于 60 天内到期。",
    ),
    "brief_concentration": (
        "The {n} largest partners hold {share} of the value in force; the largest, {name}, "
        "holds {top_share}.",
        "前 {n} 大合作伙伴占生效金额的 {share}；最大的合作伙伴{name}占 {top_share}。",
    ),
    "trend_value": ("Value running by quarter ({base})", "各季度运行中合同金额（{base}）"),
    "trend_red": ("KPI readings in red by quarter", "各季度未达标指标读数"),
    "trend_note": (
        "Trend: agreements signed and running on each quarter's last day (start to end "
        "date), at that day's rates; the current quarter as of today.",
        "趋势：各季度最后一天已签署且在有效期内的协议，按当日汇率折算；本季度截至今日。",
    ),
    "watermark_draft": ("DRAFT", "草稿"),
    "kpis_short": ("KPIs", "关键绩效指标"),
    "milestones_short": ("Milestones", "里程碑"),
    "subtotal_n": ("Subtotal · {n}", "小计 · {n} 项"),
    "top_total": ("Top {n} together", "前 {n} 名合计"),
    "ranked_more": (
        "The {shown} largest of {n} shown; the subtotal covers all {n}.",
        "仅列出金额最大的 {shown} 项（共 {n} 项）；小计涵盖全部 {n} 项。",
    ),
    "decisions_total": (
        "All open decisions, overdue and within 90 days: {n}, value at stake {value}.",
        "已逾期及 90 天内的全部待决策事项：{n} 项，涉及金额 {value}。",
    ),
    "decisions_intro": (
        "Live agreements (active or pending approval) by decision date, the last day to renew "
        "or give notice. Overdue decisions first; in each group the largest value at stake "
        "first. Red: overdue or within 30 days.",
        "按决策日期（续约或发出终止通知的最后一天）列出生效及待审批协议。已逾期的列于最前；"
        "各组内按涉及金额从大到小排列。红色：已逾期或 30 天内到期。",
    ),
    "dgroup_overdue": ("Overdue: decision date passed", "已逾期：决策日期已过"),
    "dgroup_30": ("Within 30 days", "30 天内"),
    "dgroup_60": ("In 31 to 60 days", "31 至 60 天"),
    "dgroup_90": ("In 61 to 90 days", "61 至 90 天"),
    "charts_note": (
        "Agreements in force, except the pipeline chart.",
        "除筹备中图表外，均为生效中协议。",
    ),
    "chart_pipeline": ("Pipeline by status ({base})", "筹备中协议按状态（{base}）"),
    "by_currency_in_force": ("Value in force by currency", "生效协议按币种金额"),
    "appendix_top": (
        "Appendix: the {n} largest agreements in force",
        "附录：金额最大的 {n} 份生效协议",
    ),
    "appendix_top_note": (
        "The {n} agreements in force with the largest value in {base}. The full list is "
        "available as a spreadsheet (report portfolio --appendix full --xlsx FILE.xlsx).",
        "按 {base} 金额排名前 {n} 的生效协议。完整清单可导出为电子表格"
        "（report portfolio --appendix full --xlsx FILE.xlsx）。",
    ),
    "rate_per": ("{base} per unit", "每单位折合 {base}"),
    "source": ("Source", "来源"),
    "kpi_trend": ("Trend", "走势"),
    "kpi_readings": (
        "{metric}, the last {n} of {total} readings: {readings}.",
        "{metric}，最近 {n} 次读数（共 {total} 次）：{readings}。",
    ),
    "fx_manual": ("entered by hand", "手动录入"),
    "fx_stale": (
        "{currency} rate is {days} days old ({date}, {source})",
        "{currency} 汇率已有 {days} 天未更新（{date}，{source}）",
    ),
    "fx_stale_lead": (
        "Exchange rates older than {limit} days on the as-of date: ",
        "截至报告日期超过 {limit} 天未更新的汇率：",
    ),
    "fx_table_note": (
        "Amounts in {base} use the rate in force on {date}.",
        "{base} 金额按 {date} 有效汇率折算。",
    ),
}
