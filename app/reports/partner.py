"""The partner dossier: one partner, its contacts and every agreement with it, in force,
pipeline and history kept apart, each with its total in the base currency."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.reports.base import Report
from app.reports.data import PartnerReportData
from app.reports.money import agreement_rows_table, fx_table
from app.reports.sellers import seller_table


class PartnerReport(Report[PartnerReportData]):
    title_key = "partner_report"

    def _work(self, data: PartnerReportData) -> int:
        return len(data.agreements)

    def _subtitle(self, data: PartnerReportData) -> str:
        p = data.partner
        if p.local_name and p.local_name != p.legal_name:
            return f"{p.legal_name} · {p.local_name}"
        return p.legal_name

    def _story(self, data: PartnerReportData) -> list[Flowable]:
        w, p = self.words, data.partner
        base = data.total.base_currency
        story: list[Flowable] = [
            self.figures(
                [
                    (
                        w(f"partner_{g.scope}", n=f"{len(g.rows):,}"),
                        w.compact_money(g.total.total_base, base),
                    )
                    for g in data.groups
                ]
            ),
            Spacer(1, 2 * mm),
            self.heading(w("partner_profile")),
            self.fields(
                [
                    (w("counterparty"), p.legal_name),
                    (w("local_name"), p.local_name or "—"),
                    (w("country"), p.country),
                    (w("status"), w.enum(p.status)),
                    (w("roles"), w.join(w.enum(r) for r in p.roles) or "—"),
                    (w("website"), p.website or "—"),
                ]
            ),
        ]
        if p.notes.strip():
            story += [self.heading(w("notes"), level=1), *self.long_text(p.notes)]
        story.append(self.heading(w("contacts")))
        if p.contacts:
            cols = self.columns(
                ("name", 24, False),
                ("role", 24, False),
                ("email", 30, False),
                ("phone", 22, False),
            )
            story.append(
                self.table(
                    cols,
                    [[c.name, c.role or "—", c.email or "—", c.phone or "—"] for c in p.contacts],
                )
            )
        else:
            story.append(self.note(w("no_rows")))
        story += [self.heading(w("partner_agreements")), self.note(w("partner_groups_note"))]
        for g in data.groups:
            story.append(self.heading(f"{w(f'scope_{g.scope}')} ({len(g.rows):,})", level=1))
            if not g.rows:
                story.append(self.note(w("no_rows")))
                continue
            story += agreement_rows_table(
                self, g, base, data.context.as_of, partner=False, count=True
            )
        if data.sellers:
            story += [
                self.heading(w("partner_sellers")),
                self.note(w("partner_sellers_note")),
                seller_table(self, data.sellers, under=True),
            ]
        rates = {r.currency: r for g in data.groups for r in g.total.rates}
        missing = sorted({c for g in data.groups for c in g.total.missing_rates})
        story += [
            self.heading(w("fx_rates")),
            *fx_table(self, base, list(rates.values()), missing, data.context.as_of),
        ]
        return story
