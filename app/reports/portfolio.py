"""The portfolio summary: headline figures, the mix in charts, top partners, what is at
risk, and every agreement in an appendix that stays linear at 10,000 rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.reports import charts
from app.reports.base import Report
from app.reports.data import CurrencyLine, PortfolioReportData
from app.reports.fonts import FontSet
from app.reports.fx import currency_table, fx_notes
from app.reports.styles import RED

CHART_HEIGHT = 58 * mm


class PortfolioReport(Report[PortfolioReportData]):
    title_key = "portfolio_report"

    def _work(self, data: PortfolioReportData) -> int:
        return len(data.rows) if data.include_appendix else 0

    def _subtitle(self, data: PortfolioReportData) -> str:
        w, f = self.words, data.filters
        parts = []
        if f.types:
            parts.append(f"{w('type')}: {', '.join(w.enum(t) for t in f.types)}")
        if f.statuses:
            parts.append(f"{w('status')}: {', '.join(w.enum(s) for s in f.statuses)}")
        if f.owner:
            parts.append(f"{w('owner')}: {f.owner}")
        return f"{w('filters')}: " + (" · ".join(parts) if parts else w("all"))

    def _story(self, data: PortfolioReportData) -> list[Flowable]:
        story = [
            *self._headline(data),
            *self._charts(data),
            *self._currencies(data),
            *self._top_partners(data),
            *self._at_risk(data),
        ]
        if data.include_appendix:
            story += self._appendix(data)
        return story

    def _headline(self, data: PortfolioReportData) -> list[Flowable]:
        w, fig = self.words, data.figures
        due = len(data.decisions)
        return [
            self.heading(w("headline")),
            self.figures(
                [
                    (w("active_value"), w.money(data.active_value_base, fig.base_currency)),
                    (w("active_of_all", n=f"{fig.agreement_count:,}"), f"{data.active_count:,}"),
                    (w("all_value"), w.money(fig.total_value_base, fig.base_currency)),
                    (w("decisions_90"), f"{due:,}"),
                ]
            ),
            Spacer(1, 1.5 * mm),
            *fx_notes(self, fig.base_currency, fig.rates, fig.missing_rates, fig.as_of),
        ]

    def _charts(self, data: PortfolioReportData) -> list[Flowable]:
        w, fig = self.words, data.figures
        half = self.frame_width / 2 - 4 * mm
        base = fig.base_currency
        by_type = {b.key: b for b in fig.by_type}
        type_data = [
            charts.Datum(
                w.enum(t), by_type[t.value].value_base, w.compact(by_type[t.value].value_base)
            )
            for t in AgreementType
            if t.value in by_type
        ]
        by_status = {b.key: b for b in fig.by_status}
        status_data = [
            charts.Datum(
                w.enum(s), Decimal(by_status[s.value].count), f"{by_status[s.value].count:,}"
            )
            for s in AgreementStatus
            if s.value in by_status
        ]
        by_model = {b.key: b for b in fig.by_operating_model}
        model_data = [
            charts.Datum(
                w.enum(m, brand_model=True),
                by_model[m.value].value_base,
                f"{w.compact(by_model[m.value].value_base)} {base} · {by_model[m.value].count:,}",
            )
            for m in OperatingModel
            if m.value in by_model
        ]
        quarter_data = [
            charts.Datum(w.quarter(b.key), Decimal(b.count), f"{b.count:,}")
            for b in fig.expiries_by_quarter
        ]
        grid = Table(
            [
                [
                    self._chart(charts.hbar, f"{w('chart_by_type')} ({base})", type_data, half),
                    self._chart(charts.hbar, w("chart_by_status"), status_data, half),
                ],
                [
                    self._chart(charts.donut, w("chart_model"), model_data, half),
                    self._chart(charts.vbar, w("chart_expiries"), quarter_data, half),
                ],
            ],
            colWidths=[self.frame_width / 2] * 2,
            hAlign="LEFT",
        )
        grid.setStyle(
            TableStyle(
                [
                    self._font_cmd,
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return [self.keep(self.heading(w("charts")), grid)]

    def _chart(
        self,
        draw: Callable[[FontSet, str, Sequence[charts.Datum], float, float], Drawing],
        title: str,
        data: Sequence[charts.Datum],
        width: float,
    ) -> Drawing:
        if not charts.has_data(data):
            return charts.empty(self.fonts, title, self.words("no_rows"), width, CHART_HEIGHT)
        return draw(self.fonts, title, data, width, CHART_HEIGHT)

    def _currencies(self, data: PortfolioReportData) -> list[Flowable]:
        fig = data.figures
        lines = [
            CurrencyLine(c.currency, c.count, c.value, c.rate, c.value_base)
            for c in fig.by_currency
        ]
        return [
            self.heading(self.words("by_currency")),
            currency_table(
                self, fig.base_currency, lines, fig.total_value_base, fig.agreement_count
            ),
        ]

    def _top_partners(self, data: PortfolioReportData) -> list[Flowable]:
        w, fig = self.words, data.figures
        out: list[Flowable] = [self.heading(w("top_partners"))]
        if not fig.top_partners:
            return [*out, self.note(w("no_rows"))]
        out.append(self.note(w("top_n", n=len(fig.top_partners), base=fig.base_currency)))
        cols = self.columns(
            ("partner", 32, False),
            ("local_name", 22, False),
            ("country", 9, False),
            ("count", 13, True),
            ("value_base", 24, True),
        )
        cols[-1] = type(cols[-1])(w("value_base", base=fig.base_currency), cols[-1].width, True)
        records = [
            [
                p.name,
                p.local_name or "—",
                p.country,
                f"{p.count:,}",
                w.money(p.value_base, fig.base_currency),
            ]
            for p in fig.top_partners
        ]
        return [*out, self.table(cols, records)]

    def _at_risk(self, data: PortfolioReportData) -> list[Flowable]:
        w = self.words
        limit = 25
        out: list[Flowable] = [self.heading(w("at_risk"))]

        out.append(self.heading(w("decisions_due"), level=1))
        if data.decisions:
            cols = self.columns(
                ("reference", 14, False),
                ("partner", 28, False),
                ("decision_date", 15, False),
                ("days_left", 10, True),
                ("auto_renew", 13, False),
                ("value", 20, True),
            )
            shown = data.decisions[:limit]
            out.append(
                self.table(
                    cols,
                    [
                        [
                            d.reference,
                            d.partner_name,
                            w.date(d.decision_date),
                            f"{d.days_left:,}",
                            w.yes_no(d.auto_renew),
                            w.money(d.value, d.currency),
                        ]
                        for d in shown
                    ],
                    row_styles=[
                        [("TEXTCOLOR", (3, 0), (3, 0), RED)] if d.days_left <= 30 else []
                        for d in shown
                    ],
                )
            )
            if len(data.decisions) > limit:
                out.append(self.note(w("more_rows", n=len(data.decisions) - limit)))
        else:
            out.append(self.note(w("no_rows")))

        out.append(self.heading(w("red_kpis"), level=1))
        if data.red_kpis:
            cols = self.columns(
                ("reference", 14, False),
                ("metric", 30, False),
                ("target", 16, True),
                ("actual", 16, True),
                ("period", 16, False),
            )
            shown_k = data.red_kpis[:limit]
            out.append(
                self.table(
                    cols,
                    [
                        [
                            k.reference,
                            f"{w.metric(k.metric)} ({w.metric(k.unit)})",
                            w.number(k.target),
                            w.number(k.latest_value),
                            w.date(k.period_end),
                        ]
                        for k in shown_k
                    ],
                    extra_style=[("TEXTCOLOR", (3, 1), (3, -1), RED)],
                )
            )
            if len(data.red_kpis) > limit:
                out.append(self.note(w("more_rows", n=len(data.red_kpis) - limit)))
        else:
            out.append(self.note(w("no_rows")))

        out.append(self.heading(w("overdue_milestones"), level=1))
        if data.overdue_milestones:
            cols = self.columns(
                ("reference", 14, False),
                ("title", 38, False),
                ("due_date", 16, False),
                ("overdue_by", 12, True),
                ("owner", 16, False),
            )
            shown_m = data.overdue_milestones[:limit]
            out.append(
                self.table(
                    cols,
                    [
                        [
                            m.reference,
                            m.title,
                            w.date(m.due_date),
                            w("days_overdue", n=m.days_overdue),
                            m.owner or "—",
                        ]
                        for m in shown_m
                    ],
                    extra_style=[("TEXTCOLOR", (3, 1), (3, -1), RED)],
                )
            )
            if len(data.overdue_milestones) > limit:
                out.append(self.note(w("more_rows", n=len(data.overdue_milestones) - limit)))
        else:
            out.append(self.note(w("no_rows")))
        return out

    def _appendix(self, data: PortfolioReportData) -> list[Flowable]:
        w = self.words
        cols = self.columns(
            ("reference", 10, False),
            ("title", 21, False),
            ("partner", 27, False),
            ("type", 8, False),
            ("status", 10, False),
            ("owner", 10, False),
            ("decision_date", 11, False),
            ("value", 15, True),
            wide=True,
        )
        records = [
            [
                r.reference,
                r.title,
                r.partner_display,
                w.enum(r.type),
                w.enum(r.status),
                r.owner,
                w.date(r.decision_date),
                w.money(r.value, r.currency),
            ]
            for r in data.rows
        ]
        return [
            *self.wide_pages(),
            self.heading(w("appendix")),
            self.note(w("appendix_note", n=f"{len(data.rows):,}")),
            Spacer(1, 1.5 * mm),
            self.table(cols, records, count=True),
        ]
