"""The renewal outlook: agreements whose decision date falls within N days, what to decide
and by when, soonest first."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.reports.base import Report
from app.reports.data import RenewalReportData
from app.reports.fx import currency_table
from app.reports.money import fx_table, total_style
from app.reports.styles import AMBER, RED
from app.reports.tables import Column

URGENT_DAYS = 30


class RenewalReport(Report[RenewalReportData]):
    title_key = "renewal_report"

    def _work(self, data: RenewalReportData) -> int:
        return len(data.missed) + len(data.decisions)

    def _subtitle(self, data: RenewalReportData) -> str:
        return self.words("renewals_within", n=data.within_days)

    def _action(self, d: Any) -> str:
        w = self.words
        when = w.date(d.decision_date)
        if d.days_left < 0:
            # The notice date has passed: say what happens now, not what could have.
            if d.auto_renew:
                return w("missed_auto", date=when)
            return w("missed_manual", end=w.date(d.end_date), date=when)
        if d.auto_renew:
            if d.renewal_term_months:
                return w("decide_auto", term=w("months", n=d.renewal_term_months), date=when)
            return w("decide_auto_noterm", date=when)
        return w("decide_manual", end=w.date(d.end_date), date=when)

    def _story(self, data: RenewalReportData) -> list[Flowable]:
        w, ctx, total = self.words, data.context, data.total
        end = ctx.as_of + timedelta(days=data.within_days)
        value = w.money(total.total_base, total.base_currency)
        # The "soon" figure must say more than the window itself: half of it, at most 30
        # days (a 30-day outlook otherwise showed the same count twice).
        urgent_days = min(URGENT_DAYS, max(7, data.within_days // 2))
        urgent = sum(1 for d in data.decisions if d.days_left <= urgent_days)
        missed = data.missed_total
        story: list[Flowable] = [
            self.heading(w("summary")),
            self.figures(
                [
                    (w("decision_passed"), f"{len(data.missed):,}"),
                    (w("decisions_due"), f"{len(data.decisions):,}"),
                    (w("urgent", n=urgent_days), f"{urgent:,}"),
                    (w("value_at_stake"), value),
                ]
            ),
            Spacer(1, 2 * mm),
            self.p(
                w(
                    "renewal_intro",
                    n=f"{len(data.decisions):,}",
                    start=w.date(ctx.as_of),
                    end=w.date(end),
                    value=value,
                )
            ),
        ]
        if data.missed and missed is not None:
            story.append(
                self.p(
                    w(
                        "missed_intro",
                        n=f"{len(data.missed):,}",
                        value=w.money(missed.total_base, missed.base_currency),
                    )
                )
            )
        rates = {r.currency: r for r in total.rates}
        missing = set(total.missing_rates)
        if missed is not None:
            rates.update((r.currency, r) for r in missed.rates)
            missing.update(missed.missing_rates)
        story += [
            self.heading(w("fx_rates"), level=1),
            *fx_table(
                self, total.base_currency, [rates[c] for c in sorted(rates)], sorted(missing),
                ctx.as_of,
            ),
        ]  # fmt: skip
        if total.by_currency:
            story += [
                self.heading(w("by_currency"), level=1),
                currency_table(
                    self,
                    total.base_currency,
                    total.by_currency,
                    total.total_base,
                    len(data.decisions),
                ),
            ]
        if not data.decisions and not data.missed:
            return [*story, self.note(w("no_rows"))]
        story += self.wide_pages()
        base = total.base_currency
        if data.missed and missed is not None:
            story += [
                self.heading(w("decision_passed")),
                self._table(data.missed, data.missed_base, missed.total_base, base),
            ]
        story.append(self.heading(w("renewals_within", n=data.within_days)))
        if not data.decisions:
            return [*story, self.note(w("no_rows"))]
        story.append(self._table(data.decisions, data.decisions_base, total.total_base, base))
        if data.missed and missed is not None:
            grand = total.total_base + missed.total_base
            n = len(data.decisions) + len(data.missed)
            story.append(self.p(w("renewals_grand", n=f"{n:,}", value=w.money(grand, base))))
        return story

    def _days(self, days_left: int) -> str:
        if days_left == -1:
            return self.words("overdue_by_day")
        if days_left < 0:
            return self.words("overdue_by_days", n=f"{-days_left:,}")
        return f"{days_left:,}"

    def _table(
        self,
        decisions: tuple[Any, ...],
        values_base: tuple[Decimal | None, ...],
        subtotal: Decimal,
        base: str,
    ) -> Flowable:
        w = self.words
        cols = self.columns(
            ("decide_by", 11, False),
            ("days_left", 9, True),
            ("reference", 11, False),
            ("partner", 18, False),
            ("title", 16, False),
            ("owner", 8, False),
            ("value", 13, True),
            ("value_base", 13, True),
            ("action", 21, False),
            wide=True,
        )
        cols[7] = Column(w("value_base", base=base), cols[7].width, True)
        records = [
            [
                w.date(d.decision_date),
                self._days(d.days_left),
                d.reference,
                d.partner_name + (f" ({d.partner_local_name})" if d.partner_local_name else ""),
                d.title,
                d.owner or "—",
                w.money(d.value, d.currency),
                w.amount(v, base),
                self._action(d),
            ]
            for d, v in zip(decisions, values_base, strict=True)
        ]
        records.append(
            [w("subtotal_n", n=f"{len(decisions):,}"), "", "", "", "", "", "",
             w.amount(subtotal, base), ""]
        )  # fmt: skip
        styles = [
            [("TEXTCOLOR", (0, 0), (1, 0), RED if d.days_left <= URGENT_DAYS else AMBER)]
            if d.days_left <= 2 * URGENT_DAYS
            else []
            for d in decisions
        ]
        styles.append(total_style(self))
        return self.table(cols, records, row_styles=styles, count=True)
