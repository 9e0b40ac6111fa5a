"""The portfolio summary: what it is worth in force, what needs a decision, the mix in
charts, top partners, what is at risk, and an optional appendix (a top list or every
agreement by scope) that stays linear at 10,000 rows."""

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
from app.reports.fx import currency_table
from app.reports.kpi import attainment_pct, kpi_value, money_unit
from app.reports.model_mix import model_mix_section
from app.reports.money import (
    agreement_rows_table,
    decision_tables,
    fx_table,
    total_style,
)
from app.reports.sellers import supervision_section
from app.reports.styles import RED
from app.reports.tables import Column

CHART_HEIGHT = 58 * mm
AT_RISK_LIMIT = 25
PIPELINE = (AgreementStatus.DRAFT, AgreementStatus.NEGOTIATION, AgreementStatus.PENDING_APPROVAL)


class PortfolioReport(Report[PortfolioReportData]):
    title_key = "portfolio_report"

    def _work(self, data: PortfolioReportData) -> int:
        return len(data.rows)

    def _subtitle(self, data: PortfolioReportData) -> str:
        w, f = self.words, data.filters
        parts = []
        if f.types:
            parts.append(f"{w('type')}: {w.join(w.enum(t) for t in f.types)}")
        if f.statuses:
            parts.append(f"{w('status')}: {w.join(w.enum(s) for s in f.statuses)}")
        if f.owner:
            parts.append(f"{w('owner')}: {f.owner}")
        return f"{w('filters')}: " + (" · ".join(parts) if parts else w("all"))

    def _story(self, data: PortfolioReportData) -> list[Flowable]:
        return [
            *self._headline(data),
            *self._decisions(data),
            *self._charts(data),
            *model_mix_section(self, data.figures),
            *self._currencies(data),
            *self._top_partners(data),
            *self._at_risk(data),
            *supervision_section(self, data.sellers, data.figures.base_currency),
            *self._appendix(data),
        ]

    def _headline(self, data: PortfolioReportData) -> list[Flowable]:
        w, fig = self.words, data.figures
        base = fig.base_currency
        scopes = {b.key: b for b in fig.by_scope}
        in_force, pipeline = scopes["in_force"], scopes["pipeline"]
        overdue = data.decision_groups[0]
        coming = data.decision_groups[1:]
        coming_n = sum(g.count for g in coming)
        coming_value = sum((g.total.total_base for g in coming), Decimal("0.00"))
        return [
            self.heading(w("headline")),
            self.figures(
                [
                    (
                        w("in_force_card", n=f"{in_force.count:,}"),
                        w.compact_money(in_force.value_base, base),
                    ),
                    (
                        w("pipeline_card", n=f"{pipeline.count:,}"),
                        w.compact_money(pipeline.value_base, base),
                    ),
                    (
                        w("overdue_card", n=f"{overdue.count:,}"),
                        w.compact_money(overdue.total.total_base, base),
                    ),
                    (w("coming_card", n=f"{coming_n:,}"), w.compact_money(coming_value, base)),
                ]
            ),
            Spacer(1, 2 * mm),
            *self._brief(data),
            self.heading(w("by_scope"), level=1),
            self._scope_table(data),
            self.heading(w("fx_rates"), level=1),
            *fx_table(self, base, fig.rates, fig.missing_rates, fig.as_of),
        ]

    def _brief(self, data: PortfolioReportData) -> list[Flowable]:
        """The executive's questions answered in sentences: worth, change, decisions,
        risk, concentration."""
        w, fig = self.words, data.figures
        base = fig.base_currency

        def money(value: Decimal) -> str:
            return w.compact_money(value, base)

        scopes = {b.key: b for b in fig.by_scope}
        lines = [
            w("brief_worth", value=money(scopes["in_force"].value_base),
              n=f"{scopes['in_force'].count:,}", pipeline=money(scopes["pipeline"].value_base),
              m=f"{scopes['pipeline'].count:,}"),
        ]  # fmt: skip
        if len(data.trend) >= 5 and data.trend[-2].value_base and data.trend[-5].value_base:
            now = data.trend[-1].value_base
            q = (now / data.trend[-2].value_base - 1) * 100
            y = (now / data.trend[-5].value_base - 1) * 100
            lines.append(
                w("brief_change", q_dir=self._direction(q), q_pct=w.percent(abs(q), 1),
                  y_dir=self._direction(y), y_pct=w.percent(abs(y), 1))
            )  # fmt: skip
        overdue, coming = data.decision_groups[0], data.decision_groups[1:]
        lines.append(
            w("brief_decisions", overdue=f"{overdue.count:,}",
              overdue_value=money(overdue.total.total_base),
              coming=f"{sum(g.count for g in coming):,}",
              coming_value=money(sum((g.total.total_base for g in coming), Decimal("0.00"))),
              soon=f"{coming[0].count:,}" if coming else "0")
        )  # fmt: skip
        lines.append(
            w("brief_risk", red=f"{len(data.red_kpis):,}",
              red_agreements=f"{len({k.agreement_id for k in data.red_kpis}):,}",
              milestones=f"{len(data.overdue_milestones):,}",
              documents=f"{data.expiring_documents:,}")
        )  # fmt: skip
        if fig.top_partners and fig.total_value_base:
            top_value = sum((p.value_base for p in fig.top_partners), Decimal("0.00"))
            first = fig.top_partners[0]
            name = first.local_name if w.lang == "zh" and first.local_name else first.name
            lines.append(
                w("brief_concentration", n=len(fig.top_partners),
                  share=w.percent(top_value * 100 / fig.total_value_base, 1), name=name,
                  top_share=w.percent(first.value_base * 100 / fig.total_value_base, 1))
            )  # fmt: skip
        return [self.heading(w("in_brief"), level=1), *(self.p(line) for line in lines)]

    def _direction(self, change: Decimal) -> str:
        return self.words("up" if change > 0 else "down" if change < 0 else "flat")

    def _scope_table(self, data: PortfolioReportData) -> Flowable:
        w, fig = self.words, data.figures
        base = fig.base_currency
        cols = self.columns(("scope", 20, False), ("covers", 46, False), ("count", 12, True),
                            ("value_base", 22, True))  # fmt: skip
        cols[-1] = type(cols[-1])(w("value_base", base=base), cols[-1].width, True)
        records = [
            [w(f"scope_{b.key}"), w(f"covers_{b.key}"), f"{b.count:,}", w.money(b.value_base, base)]
            for b in fig.by_scope
        ]
        return self.table(cols, records, bold_first=False)

    def _decisions(self, data: PortfolioReportData) -> list[Flowable]:
        w = self.words
        return [
            self.heading(w("decisions_due")),
            self.note(w("decisions_intro")),
            *decision_tables(self, data.decision_groups, data.figures.base_currency, self.heading),
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
                w.enum(s),
                by_status[s.value].value_base,
                f"{w.compact(by_status[s.value].value_base)} · {by_status[s.value].count:,}",
            )
            for s in PIPELINE
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
        trend_value = [
            charts.Datum(w.quarter(t.quarter), t.value_base, w.compact(t.value_base))
            for t in data.trend
        ]
        trend_red = [
            charts.Datum(w.quarter(t.quarter), Decimal(t.red_kpis), f"{t.red_kpis:,}")
            for t in data.trend
        ]
        grid = Table(
            [
                [
                    self._chart(charts.hbar, w("chart_by_type", base=base), type_data, half),
                    self._chart(charts.hbar, w("chart_pipeline", base=base), status_data, half),
                ],
                [
                    self._chart(charts.donut, w("chart_model"), model_data, half),
                    self._chart(charts.vbar, w("chart_expiries"), quarter_data, half),
                ],
                [
                    self._chart(charts.vbar, w("trend_value", base=base), trend_value, half),
                    self._chart(charts.vbar, w("trend_red"), trend_red, half),
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
        # The six charts fit one page: kept whole rather than stranding the heading.
        return [self.keep(self.heading(w("charts")), self.note(w("charts_note")), grid,
                          self.note(w("trend_note")))]  # fmt: skip

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
            self.heading(self.words("by_currency_in_force")),
            currency_table(
                self, fig.base_currency, lines, fig.total_value_base, fig.agreement_count
            ),
        ]

    def _top_partners(self, data: PortfolioReportData) -> list[Flowable]:
        w, fig = self.words, data.figures
        base = fig.base_currency
        out: list[Flowable] = [self.heading(w("top_partners"))]
        if not fig.top_partners:
            return [*out, self.note(w("no_rows"))]
        out.append(self.note(w("top_n", n=len(fig.top_partners), base=base)))
        cols = self.columns(
            ("partner", 26, False),
            ("local_name", 21, False),
            ("country", 9, False),
            ("count", 12, True),
            ("value_base", 22, True),
            ("share", 10, True),
        )
        cols[-2] = type(cols[-2])(w("value_base", base=base), cols[-2].width, True)
        total = fig.total_value_base
        records = [
            [
                p.name,
                p.local_name or "—",
                p.country,
                f"{p.count:,}",
                w.money(p.value_base, base),
                w.percent(p.value_base * 100 / total if total else Decimal(0), 1),
            ]
            for p in fig.top_partners
        ]
        top_value = sum((p.value_base for p in fig.top_partners), Decimal("0.00"))
        records.append(
            [w("top_total", n=len(fig.top_partners)), "", "",
             f"{sum(p.count for p in fig.top_partners):,}", w.money(top_value, base),
             w.percent(top_value * 100 / total if total else Decimal(0), 1)]
        )  # fmt: skip
        styles: list[list[tuple[object, ...]]] = [[] for _ in fig.top_partners]
        styles.append(total_style(self))
        return [*out, self.table(cols, records, row_styles=styles)]

    def _at_risk(self, data: PortfolioReportData) -> list[Flowable]:
        w = self.words
        limit = AT_RISK_LIMIT
        out: list[Flowable] = [self.heading(w("at_risk"))]

        out.append(self.heading(w("red_kpis"), level=1))
        out += self._red_kpis(data)

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

    def _red_kpis(self, data: PortfolioReportData) -> list[Flowable]:
        """Red KPIs of live agreements, largest value at stake first, each with its
        attainment; the total counts each agreement once."""
        w, base = self.words, data.figures.base_currency
        if not data.red_kpis:
            return [self.note(w("no_rows"))]
        cols = self.columns(
            ("reference", 64, False), ("metric", 82, False), ("target", 80, True),
            ("actual", 80, True), ("attainment_pct", 52, True), ("period", 72, False),
            ("value_base", 68, True),
        )  # fmt: skip
        cols[-1] = Column(w("value_base", base=base), cols[-1].width, True)
        shown = list(zip(data.red_kpis, data.red_kpi_values, strict=True))[:AT_RISK_LIMIT]
        records = []
        for k, value_base in shown:
            pct = attainment_pct(k.target, k.latest_value, k.direction)
            records.append(
                [
                    k.reference,
                    f"{w.metric(k.metric)} ({money_unit(k.unit, k.currency) or w.metric(k.unit)})",
                    kpi_value(w, k.target, k.unit, k.currency),
                    kpi_value(w, k.latest_value, k.unit, k.currency),
                    "—" if pct is None else w.percent(pct, 1),
                    w.date(k.period_end),
                    w.amount(value_base, base),
                ]
            )
        out: list[Flowable] = [
            self.note(w("red_kpis_note")),
            self.table(cols, records, extra_style=[("TEXTCOLOR", (3, 1), (4, -1), RED)]),
        ]
        if len(data.red_kpis) > AT_RISK_LIMIT:
            out.append(self.note(w("red_more", shown=AT_RISK_LIMIT, n=f"{len(data.red_kpis):,}")))
        total = data.red_kpi_total
        if total is not None:
            n = len({k.agreement_id for k in data.red_kpis})
            out.append(
                self.p(w("red_kpis_total", n=f"{n:,}", value=w.money(total.total_base, base)))
            )
        return out

    def _appendix(self, data: PortfolioReportData) -> list[Flowable]:
        if not data.include_appendix:
            return []
        w = self.words
        base = data.figures.base_currency
        if data.appendix == "top":
            (group,) = data.appendix_groups
            return [
                *self.wide_pages(),
                self.heading(w("appendix_top", n=len(group.rows))),
                self.note(w("appendix_top_note", n=len(group.rows), base=base)),
                *agreement_rows_table(self, group, base, data.context.as_of, count=True, wide=True),
            ]
        out: list[Flowable] = [
            *self.wide_pages(),
            self.heading(w("appendix")),
            self.note(w("appendix_note", n=f"{len(data.rows):,}")),
        ]
        for group in data.appendix_groups:
            out.append(self.heading(f"{w(f'scope_{group.scope}')} ({len(group.rows):,})", level=1))
            if not group.rows:
                out.append(self.note(w("no_rows")))
                continue
            out += agreement_rows_table(
                self, group, base, data.context.as_of, count=True, wide=True
            )
        return out
