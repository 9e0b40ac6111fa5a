"""The partner dossier: one partner, its contacts and every agreement with it."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.domain.enums import AgreementStatus
from app.reports.base import Report
from app.reports.data import PartnerReportData
from app.reports.fx import currency_table, fx_notes


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
        w, p, total = self.words, data.partner, data.total
        active = sum(1 for a in data.agreements if a.status is AgreementStatus.ACTIVE)
        story: list[Flowable] = [
            self.figures(
                [
                    (w("partner_agreements"), f"{len(data.agreements):,}"),
                    (w("active"), f"{active:,}"),
                    (w("total_value"), w.money(total.total_base, total.base_currency)),
                ]
            ),
            Spacer(1, 2 * mm),
            *fx_notes(
                self, total.base_currency, total.rates, total.missing_rates, data.context.as_of
            ),
            self.heading(w("partner_profile")),
            self.fields(
                [
                    (w("counterparty"), p.legal_name),
                    (w("local_name"), p.local_name or "—"),
                    (w("country"), p.country),
                    (w("status"), w.enum(p.status)),
                    (w("roles"), ", ".join(w.enum(r) for r in p.roles) or "—"),
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
        if total.by_currency:
            story += [
                self.heading(w("by_currency")),
                currency_table(
                    self,
                    total.base_currency,
                    total.by_currency,
                    total.total_base,
                    len(data.agreements),
                ),
            ]
        story.append(self.heading(w("partner_agreements")))
        if not data.agreements:
            return [*story, self.note(w("no_rows"))]
        cols = self.columns(
            ("reference", 13, False),
            ("title", 20, False),
            ("type", 10, False),
            ("status", 12, False),
            ("end_date", 14, False),
            ("decision_date", 14, False),
            ("value", 18, True),
        )
        records = [
            [
                a.reference,
                a.title,
                w.enum(a.type),
                w.enum(a.status),
                w.date(a.end_date),
                w.date(a.decision_date),
                w.money(a.value, a.currency),
            ]
            for a in data.agreements
        ]
        story.append(self.table(cols, records, count=True))
        return story
