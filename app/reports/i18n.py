"""Report wording in English and Chinese: labels, enum values, dates and amounts.

Reports are read outside the application, so they carry their own small catalogue rather
than Qt's translations (``app/`` never imports Qt).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from app.domain.money import compact_amount, format_amount, minor_units
from app.reports.labels import SUMMARY_LABELS
from app.reports.seller_labels import SELLER_ENUMS, SELLER_ENUMS_EN, SELLER_LABELS
from app.reports.terms_labels import TERMS_ENUMS, TERMS_ENUMS_EN, TERMS_LABELS

LANGS = ("en", "zh")

_LABELS: dict[str, tuple[str, str]] = {
    # titles
    "agreement_report": ("Agreement contract report", "合作协议合同报告"),
    "portfolio_report": ("Portfolio summary", "合作组合概览"),
    "renewal_report": ("Renewal outlook", "续约展望"),
    "partner_report": ("Partner dossier", "合作伙伴档案"),
    # meta
    "generated": ("Generated", "生成时间"),
    "as_of": ("As of", "数据截至"),
    "page_of": ("Page {page} of {pages}", "第 {page} 页，共 {pages} 页"),
    "confidential": ("Confidential", "机密"),
    "filters": ("Filters", "筛选条件"),
    "all": ("All", "全部"),
    "none": ("None", "无"),
    "yes": ("Yes", "是"),
    "no": ("No", "否"),
    "days": ("{n} days", "{n} 天"),
    "days_ahead": ("in {n} days", "还有 {n} 天"),
    "days_ago": ("{n} days ago", "已过 {n} 天"),
    "months": ("{n} months", "{n} 个月"),
    # sections
    "summary": ("Summary", "摘要"),
    "parties": ("Parties", "合作双方"),
    "key_dates": ("Key dates", "关键日期"),
    "financial_terms": ("Financial terms", "财务条款"),
    "type_terms": ("{type} terms", "{type}条款"),
    "kpis": ("KPIs: target vs actual", "关键绩效指标：目标与实际"),
    "milestones": ("Milestones and obligations", "里程碑与义务"),
    "history": ("Amendments and history", "变更与历史记录"),
    "attachments": ("Attachments", "附件"),
    "description": ("Description", "说明"),
    "signatures": ("Signatures", "签署"),
    "headline": ("Headline figures", "核心数据"),
    "charts": ("Portfolio mix", "组合构成"),
    "by_currency": ("Value by currency", "按币种金额"),
    "top_partners": ("Top partners", "主要合作伙伴"),
    "at_risk": ("At risk", "风险事项"),
    "decisions_due": ("Decisions due", "待决策事项"),
    "red_kpis": ("KPIs in red", "未达标指标"),
    "overdue_milestones": ("Overdue milestones", "逾期里程碑"),
    "appendix": ("Appendix: all agreements", "附录：全部协议"),
    "fx_rates": ("Exchange rates used", "所用汇率"),
    "contacts": ("Contacts", "联系人"),
    "partner_agreements": ("Agreements", "合作协议"),
    "partner_profile": ("Partner profile", "合作伙伴概况"),
    "renewals_within": ("Decisions due within {n} days", "{n} 天内需决策的协议"),
    "decision_passed": ("Decision date passed", "已过决策日期"),
    # fields
    "reference": ("Reference", "编号"),
    "title": ("Title", "标题"),
    "type": ("Type", "类型"),
    "partner": ("Partner", "合作伙伴"),
    "our_company": ("Our company", "我方"),
    "counterparty": ("Counterparty", "合作方"),
    "local_name": ("Local name", "本地名称"),
    "country": ("Country", "国家/地区"),
    "roles": ("Roles", "角色"),
    "website": ("Website", "网站"),
    "address": ("Registered address", "注册地址"),
    "registration_number": ("Registration number", "注册号码"),
    "notes": ("Notes", "备注"),
    "owner": ("Owner", "负责人"),
    "status": ("Status", "状态"),
    "signed_date": ("Signed", "签署日期"),
    "start_date": ("Start", "开始日期"),
    "end_date": ("End", "结束日期"),
    "decision_date": ("Decision date", "决策日期"),
    "decide_by": ("Decide by", "决策截止"),
    "days_left": ("Days left", "剩余天数"),
    "notice_days": ("Notice period", "通知期"),
    "auto_renew": ("Auto-renewal", "自动续约"),
    "renewal_term": ("Renewal term", "续约期限"),
    "value": ("Contract value", "合同金额"),
    "amount": ("Amount", "金额"),
    "currency": ("Currency", "币种"),
    "governing_law": ("Governing law", "适用法律"),
    "territories": ("Territories", "地域范围"),
    "predecessor": ("Renews", "续约自"),
    "successor": ("Renewed by", "续约为"),
    "metric": ("Metric", "指标"),
    "target": ("Target", "目标"),
    "actual": ("Latest actual", "最新实际"),
    "period": ("Period", "期间"),
    "attainment": ("Attainment", "达成情况"),
    "due_date": ("Due", "到期日"),
    "completed_on": ("Completed", "完成日期"),
    "when": ("When (UTC)", "时间 (UTC)"),
    "who": ("Who", "操作人"),
    "what": ("Change", "变更"),
    "field": ("Field", "字段"),
    "old_value": ("From", "原值"),
    "new_value": ("To", "新值"),
    "filename": ("File", "文件"),
    "kind": ("Kind", "类别"),
    "size": ("Size", "大小"),
    "expires_on": ("Expires", "有效期至"),
    "uploaded": ("Uploaded", "上传"),
    "name": ("Name", "姓名"),
    "role": ("Role", "职务"),
    "email": ("Email", "电子邮件"),
    "phone": ("Phone", "电话"),
    "count": ("Agreements", "协议数"),
    "total_value": ("Total value", "总金额"),
    "value_base": ("Value ({base})", "金额（{base}）"),
    "rate": ("Rate", "汇率"),
    "effective": ("In force from", "生效日期"),
    "share": ("Share", "占比"),
    "action": ("What to decide", "待决事项"),
    "value_at_stake": ("Value at stake", "涉及金额"),
    "overdue_by": ("Overdue", "逾期"),
    "signature_for": ("For and on behalf of", "代表"),
    "sig_name": ("Name", "姓名"),
    "sig_title": ("Title", "职务"),
    "sig_date": ("Date", "日期"),
    "sig_signature": ("Signature", "签字"),
    "approvals": ("Approvals", "审批记录"),
    "approval": ("Approval", "审批"),  # a history line's field
    "approval_policy": ("The approval policy asks for {need}.", "审批政策要求：{need}。"),
    "approval_need": ("{n} approvals by different people", "{n} 位不同人员批准"),
    "approval_need_one": ("one approval", "1 位人员批准"),
    "approval_need_admin": (", one of them by an admin", "，其中一位须为管理员"),
    "no_approvals": ("No approval recorded.", "暂无审批记录。"),
    "decision": ("Decision", "决定"),
    "approved": ("Approved", "批准"),
    "rejected": ("Rejected", "驳回"),
    "by": ("By", "审批人"),
    "comment": ("Comment", "意见"),
    "still_current": ("Still current", "是否有效"),
    "current_yes": ("Yes", "有效"),
    "current_no": ("No: terms changed since", "否：此后条款已变更"),
    # figures and charts
    "agreements": ("Agreements", "协议总数"),
    "active": ("Active", "生效中"),
    "urgent": ("Due within {n} days", "{n} 天内到期"),
    "decisions_90": ("Decisions in 90 days", "90 天内待决策"),
    "chart_by_type": ("Value by type ({base})", "按类型金额（{base}）"),
    "chart_by_status": ("Agreements by status", "按状态协议数"),
    "chart_model": ("Brand operating model (value)", "品牌经营模式（金额）"),
    "chart_expiries": ("Expiries by quarter (count)", "各季度到期协议数"),
    # sentences
    "no_rows": ("Nothing to report.", "暂无内容。"),
    "fx_note": (
        "Converted totals use the rate in force on {date}: {rates}.",
        "折算合计采用 {date} 有效汇率：{rates}。",
    ),
    "fx_identity": ("All amounts are in {base}; no conversion.", "全部金额均为 {base}，无需折算。"),
    "fx_missing": (
        "No rate for {currencies}: left out of converted totals.",
        "缺少 {currencies} 汇率，未计入折算合计。",
    ),
    "rate_line": (
        "1 {currency} = {rate} {base} (from {date})",
        "1 {currency} = {rate} {base}（{date} 起）",
    ),
    "decide_auto": (
        "Renews automatically for {term} unless notice is given by {date}.",
        "除非在 {date} 前发出通知，将自动续约 {term}。",
    ),
    "decide_auto_noterm": (
        "Renews automatically unless notice is given by {date}.",
        "除非在 {date} 前发出通知，将自动续约。",
    ),
    "missed_auto": (
        "Notice date {date} passed: renews automatically unless the partner agrees otherwise.",
        "通知截止日 {date} 已过，将自动续约。",
    ),
    "missed_manual": (
        "Decision date {date} passed: expires {end} unless renewed now.",
        "决策日期 {date} 已过，如不续约将于 {end} 到期。",
    ),
    "decide_manual": (
        "Expires {end}: renew or let lapse, decide by {date}.",
        "将于 {end} 到期：须在 {date} 前决定续约或终止。",
    ),
    "days_overdue": ("{n} days", "{n} 天"),
    "overdue_by_days": ("overdue by {n} days", "逾期 {n} 天"),
    "overdue_by_day": ("overdue by 1 day", "逾期 1 天"),
    "missed_intro": (
        "{n} live agreements are past their decision date ({value}): each renews or lapses on "
        "its own terms unless someone acts now. They are listed first.",
        "{n} 份生效协议已过决策日期（涉及金额 {value}）：如不立即处理，将按原条款自动续约或到期。"
        "这些协议列于最前。",
    ),
    "history_more": (
        "Showing the {shown} most recent of {total} changes.",
        "仅显示最近 {shown} 条变更，共 {total} 条。",
    ),
    "appendix_note": (
        "{n} agreements by scope, each group sorted by reference.",
        "共 {n} 份协议，按口径分组，组内按编号排序。",
    ),
    "more_rows": ("…and {n} more.", "……另有 {n} 项。"),
    "top_n": ("Top {n} by value in {base}", "按 {base} 金额排名前 {n}"),
    "renewal_intro": (
        "{n} agreements have a decision date between {start} and {end}. Value at stake: {value}.",
        "{n} 份协议的决策日期在 {start} 至 {end} 之间，涉及金额 {value}。",
    ),
    "partner_intro": ("{n} agreements with this partner.", "与该合作伙伴共有 {n} 份协议。"),
    "truncated": ("(list truncated)", "（列表已截断）"),
}

_LABELS.update(SUMMARY_LABELS)
_LABELS.update(SELLER_LABELS)
_LABELS.update(TERMS_LABELS)

_ENUMS: dict[str, str] = {
    # agreement types
    "brand": "品牌", "logistics": "物流", "marketing": "营销", "payment": "支付",
    "platform": "平台",
    # statuses
    "draft": "草稿", "negotiation": "谈判中", "pending_approval": "待审批", "active": "生效中",
    "expired": "已到期", "terminated": "已终止", "renewed": "已续约",
    # operating model (brand)
    "direct": "直营", "platform_model": "平台模式",
    # attainment
    "green": "达标", "amber": "接近", "red": "未达标", "no_data": "无数据",
    # milestones
    "open": "待完成", "done": "已完成", "waived": "已豁免",
    # documents
    "signed_contract": "已签合同", "amendment": "补充协议", "brand_authorisation": "品牌授权书",
    "trademark_certificate": "商标证书", "payment_licence": "支付牌照",
    "customs_licence": "报关资质", "other": "其他",
    # audit
    "create": "创建", "update": "修改", "delete": "删除",
    # partner roles and statuses
    "brand_owner": "品牌方", "logistics_provider": "物流服务商", "marketing_channel": "营销渠道",
    "payment_institution": "支付机构", "ecommerce_platform": "电商平台", "prospect": "潜在",
    "inactive": "停用",
    # term choices
    "exclusive_distributor": "独家经销商", "authorised_distributor": "授权经销商",
    "authorised_reseller": "授权零售商", "flagship_store": "旗舰店",
    "first_mile": "头程", "international_freight": "国际运输", "customs_clearance": "清关",
    "bonded_warehouse": "保税仓", "last_mile": "尾程配送",
    "per_kg": "按公斤", "per_parcel": "按件", "per_cbm": "按立方米", "per_container": "按柜",
    "percent_of_value": "按货值百分比",
    "online_ads": "线上广告", "offline_promotion": "线下推广", "livestream": "直播",
    "social_kol": "社交/达人", "search": "搜索",
    "card": "银行卡", "alipay": "支付宝", "wechat_pay": "微信支付", "unionpay": "银联",
    "bank_transfer": "银行转账", "wallet": "电子钱包",
    "partner": "合作方", "merchant": "商户", "shared": "共同承担",
    "users": "用户", "traffic": "流量", "inventory": "库存", "data": "数据",
}  # fmt: skip
_ENUMS.update(SELLER_ENUMS)
_ENUMS.update(TERMS_ENUMS)

# English wording where the stored value is not already readable.
_ENUMS_EN: dict[str, str] = {
    "pending_approval": "Pending approval", "no_data": "No data", "platform_model": "Platform",
    "direct": "Direct sales", "social_kol": "Social / KOL", "per_cbm": "Per CBM",
    "wechat_pay": "WeChat Pay", "unionpay": "UnionPay", "alipay": "Alipay",
    "ecommerce_platform": "E-commerce platform", "percent_of_value": "% of value",
}  # fmt: skip
_ENUMS_EN.update(SELLER_ENUMS_EN)
_ENUMS_EN.update(TERMS_ENUMS_EN)

# The default KPI names the services create, so a Chinese report reads Chinese.
_METRICS_ZH = {
    "On-time delivery": "准时交付率", "Customs clearance time": "清关时长",
    "Damage rate": "破损率", "Payment success rate": "支付成功率",
    "Settlement time": "结算时长", "Conversion rate": "转化率", "ROI": "投资回报率",
    "GMV": "GMV", "hours": "小时", "days": "天", "x": "倍",
}  # fmt: skip

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Words:
    """Everything language-dependent one report needs."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGS:
            raise ValueError(f"unknown report language {lang!r}: choose en or zh")
        self.lang = lang
        self._i = 1 if lang == "zh" else 0

    def __call__(self, key: str, **values: object) -> str:
        text = _LABELS[key][self._i]
        return text.format(**values) if values else text

    def enum(self, value: Enum | str | None, *, brand_model: bool = False) -> str:
        if value is None:
            return "—"
        raw = str(value.value if isinstance(value, Enum) else value)
        # "platform" is both an agreement type and a brand operating model.
        key = "platform_model" if brand_model and raw == "platform" else raw
        if self.lang == "zh":
            return _ENUMS.get(key, raw)
        return _ENUMS_EN.get(key, raw.replace("_", " ").capitalize())

    def metric(self, text: str) -> str:
        return _METRICS_ZH.get(text, text) if self.lang == "zh" else text

    def date(self, day: dt.date | None) -> str:
        if day is None:
            return "—"
        if self.lang == "zh":
            return f"{day.year}年{day.month}月{day.day}日"
        return day.isoformat()

    def long_date(self, day: dt.date) -> str:
        if self.lang == "zh":
            return self.date(day)
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"

    def timestamp(self, moment: dt.datetime) -> str:
        if self.lang == "zh":
            return f"{self.date(moment.date())} {moment:%H:%M} UTC"
        return f"{moment:%Y-%m-%d %H:%M} UTC"

    def yes_no(self, flag: bool) -> str:
        return self("yes") if flag else self("no")

    def quarter(self, key: str) -> str:
        """``2027-Q1`` as the axis shows it."""
        year, q = key.split("-Q")
        return f"{year[2:]}年Q{q}" if self.lang == "zh" else f"Q{q} {year}"

    def money(self, amount: Decimal | None, currency: str) -> str:
        if amount is None:
            return "—"
        return f"{currency} {format_amount(amount, minor_units(currency))}"

    def has(self, key: str) -> bool:
        return key in _LABELS

    def amount(self, amount: Decimal | None, currency: str) -> str:
        """An amount in a column whose header names its currency."""
        if amount is None:
            return "—"
        return format_amount(amount, minor_units(currency))

    def join(self, items: Iterable[object]) -> str:
        """A list in running text: Chinese lists take the enumeration comma 、."""
        parts = [str(i) for i in items]
        return ("、" if self.lang == "zh" else ", ").join(parts)

    def percent(self, value: Decimal, places: int = 2) -> str:
        """A percentage, its sign printed once: "8.35 %" (halves rounded up, as people do)."""
        exact = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return f"{exact:,.{places}f} %"

    def compact_money(self, amount: Decimal, currency: str) -> str:
        """Headline money: "CNY 25.8 B" / "CNY 258.2 亿"; tables print the exact figure."""
        return f"{currency} {self.compact(amount)}"

    def number(self, value: Decimal) -> str:
        """A measured figure as written: grouped thousands, no trailing zeros."""
        return f"{Decimal(value).normalize():,f}"

    def compact(self, amount: Decimal) -> str:
        """Chart labels: 12.3 M / 1.2 亿; tables always show the exact figure."""
        return compact_amount(amount, self.lang)
