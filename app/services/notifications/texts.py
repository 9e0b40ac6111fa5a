"""The reminders' wording in English and Chinese.

Like the reports (:mod:`app.reports.i18n`, whose enum names, metrics and dates this
reuses), a reminder is read outside the application: it carries its own catalogue rather
than Qt's translations. ``{n}`` counts; Chinese needs no plural forms, English gets them
from :func:`Texts.count`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.services.notifications.kinds import Kind
from app.services.notifications.occasions import Item

_TEXTS: dict[str, tuple[str, str]] = {
    "subject": ("PartnerDesk: {what} need you", "PartnerDesk：{what}需要您处理"),
    "subject_overdue": ("PartnerDesk: {what} need you, {overdue} overdue",
                        "PartnerDesk：{what}需要您处理，其中 {overdue} 项已逾期"),
    "subject_team": ("PartnerDesk: team {team}, {what}", "PartnerDesk：{team} 团队，{what}"),
    "greeting": ("Hello {name},", "{name}，您好："),
    "intro": ("As of {date}, these need your attention:", "截至{date}，以下事项需要您处理："),
    "intro_team": ("As of {date}, these need the attention of team {team}:",
                   "截至{date}，{team} 团队以下事项需要处理："),
    "team_part": ("Your team, {team}", "您的团队：{team}"),
    "member": ("{name}: {what}", "{name}：{what}"),
    "heading.decisions": ("Decisions to take", "续约 / 终止决策"),
    "heading.approvals": ("Waiting for your approval", "待您审批"),
    "heading.documents": ("Documents expiring", "即将到期的文件"),
    "heading.milestones": ("Milestones overdue", "逾期的里程碑"),
    "heading.kpis": ("KPIs in red", "未达标的 KPI"),
    "in_days": ("in {n} days", "还有 {n} 天"),
    "in_one_day": ("tomorrow", "明天"),
    "today": ("today", "就是今天"),
    "days_ago": ("{n} days overdue", "已逾期 {n} 天"),
    "one_day_ago": ("1 day overdue", "已逾期 1 天"),
    "decision": ("Decision by {date} ({when}).", "决策截止日为{date}（{when}）。"),
    "decision_missed": ("The decision date {date} has passed ({when}).",
                        "决策截止日{date}已过（{when}）。"),
    "renews": ("Renews automatically for {months} months unless cancelled by then.",
               "若不在此之前通知对方，将自动续约 {months} 个月。"),
    "ends": ("Ends on {date} unless renewed.", "若不续约，将于{date}到期。"),
    "document": ("{kind} “{file}” expires on {date} ({when}).",
                 "{kind}《{file}》将于{date}到期（{when}）。"),
    "document_expired": ("{kind} “{file}” expired on {date} ({when}).",
                         "{kind}《{file}》已于{date}过期（{when}）。"),
    "seller_document": ("Seller {seller}: {kind}{number} expires on {date} ({when}).",
                        "卖家{seller}的{kind}{number}将于{date}到期（{when}）。"),
    "seller_document_expired": ("Seller {seller}: {kind}{number} expired on {date} ({when}).",
                                "卖家{seller}的{kind}{number}已于{date}过期（{when}）。"),
    "seller_number": (" “{number}”", "（编号 {number}）"),
    "no_agreement": ("sells under no live agreement", "未在任何有效协议下经营"),
    "milestone": ("“{title}” was due on {date} ({when}).", "“{title}”应于{date}完成（{when}）。"),
    "kpi": ("{metric}: {actual}{unit} against a target of {target}{unit} (period ending {date}).",
            "{metric}：实际 {actual}{unit}，目标 {target}{unit}（截至{date}）。"),
    "approval": ("Needs {needs} approval{s}, has {has}; its terms are by {author}.",
                 "需要 {needs} 人审批，已有 {has} 人；条款由 {author} 拟定。"),
    "open": ("Open in PartnerDesk", "在 PartnerDesk 中打开"),
    "footer": ("You are told of each item once at each step (days before the date, then "
               "overdue). The links open the agreement in PartnerDesk on a computer where it "
               "is installed.",
               "每个事项在每个提醒阶段（到期前若干天、逾期后）只通知一次。在安装了 PartnerDesk "
               "的电脑上点击链接即可打开该协议。"),
    "attached": ("The renewal outlook for the next {days} days is attached.",
                 "附件为未来 {days} 天的续约展望报告。"),
}  # fmt: skip

_COUNTED = {"item": ("{n} item", "{n} items", "{n} 项事项")}


class Texts:
    def __init__(self, lang: str) -> None:
        from app.reports.i18n import Words

        self.lang = "zh" if lang == "zh" else "en"
        self.words = Words(self.lang)
        self._i = 1 if self.lang == "zh" else 0

    def __call__(self, key: str, **values: object) -> str:
        return _TEXTS[key][self._i].format(**values)

    def items(self, n: int) -> str:
        one, many, zh = _COUNTED["item"]
        return (zh if self.lang == "zh" else one if n == 1 else many).format(n=n)

    def sentences(self, *parts: str) -> str:
        """Sentences in a row: Chinese runs them on, English leaves a space."""
        return ("" if self.lang == "zh" else " ").join(parts)

    def heading(self, kind: Kind) -> str:
        return self(f"heading.{kind.value}")

    def partner(self, item: Item) -> str:
        if self.lang == "zh" and item.partner_local:
            return item.partner_local
        return item.partner

    def when(self, days_left: int) -> str:
        if days_left == 0:
            return self("today")
        if days_left == 1:
            return self("in_one_day")
        if days_left == -1:
            return self("one_day_ago")
        return self("in_days", n=days_left) if days_left > 0 else self("days_ago", n=-days_left)

    def line(self, item: Item) -> str:
        """What is due about ``item``, in one or two sentences."""
        w = self.words
        date = w.date(item.on)
        if item.kind is Kind.DECISIONS:
            assert item.days_left is not None
            key = "decision" if item.days_left >= 0 else "decision_missed"
            text = self(key, date=date, when=self.when(item.days_left))
            if item.get("renews_months"):
                return self.sentences(text, self("renews", months=item.get("renews_months")))
            end = w.date(_day(item.get("end_date")))
            return self.sentences(text, self("ends", date=end))
        if item.kind is Kind.DOCUMENTS and item.get("seller"):
            return self._seller_document(item)
        if item.kind is Kind.DOCUMENTS:
            assert item.days_left is not None
            key = "document" if item.days_left >= 0 else "document_expired"
            return self(key, kind=w.enum(item.get("document_kind")), file=item.subject,
                        date=date, when=self.when(item.days_left))  # fmt: skip
        if item.kind is Kind.MILESTONES:
            assert item.days_left is not None
            return self("milestone", title=item.subject, date=date, when=self.when(item.days_left))
        if item.kind is Kind.KPIS:
            actual, target = Decimal(item.get("actual")), Decimal(item.get("target"))
            unit = item.get("unit")
            if unit == "currency":  # the services' word for "in the agreement's currency"
                shown = (
                    w.money(actual, item.get("currency")),
                    w.money(target, item.get("currency")),
                )
                return self("kpi", metric=w.metric(item.subject), actual=shown[0],
                            target=shown[1], unit="", date=date)  # fmt: skip
            unit = f" {w.metric(unit)}" if unit else ""
            return self("kpi", metric=w.metric(item.subject), actual=f"{actual:,f}",
                        target=f"{target:,f}", unit=unit, date=date)  # fmt: skip
        needs = item.get("needs")
        return self("approval", needs=needs, has=item.get("has"), author=item.get("author"),
                    s="" if needs == "1" else "s")  # fmt: skip

    def _seller_document(self, item: Item) -> str:
        assert item.days_left is not None
        key = "seller_document" if item.days_left >= 0 else "seller_document_expired"
        seller = item.get("seller")
        if self.lang == "zh" and item.get("seller_local"):
            seller = item.get("seller_local")
        number = self("seller_number", number=item.subject) if item.subject else ""
        return self(key, seller=seller, kind=self.words.enum(item.get("document_kind")),
                    number=number, date=self.words.date(item.on),
                    when=self.when(item.days_left))  # fmt: skip

    def head(self, item: Item) -> str:
        """The item's first line: the agreement, its title (a seller's papers: the seller)
        and the partner."""
        if item.get("seller") and not item.reference:
            return f"{item.title} · {self('no_agreement')}"
        return f"{item.reference} · {item.title} · {self.partner(item)}"


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
