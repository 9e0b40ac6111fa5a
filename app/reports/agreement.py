"""The agreement contract report: one agreement, everything an executive signs off on."""

from __future__ import annotations

from decimal import Decimal
from itertools import zip_longest
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.domain.enums import AgreementStatus, Attainment, MilestoneStatus, OperatingModel
from app.domain.terms import DIRECT_ONLY, TARGET_ACTUAL, TERMS, TermKind, TermSpec
from app.reports.base import Report
from app.reports.data import AgreementReportData
from app.reports.kpi import Sparkline, attainment_pct, kpi_value, readings_notes
from app.reports.money import LIVE, decision_flag, fx_table
from app.reports.styles import INK, NAVY, RED, RULE, TRAFFIC
from app.reports.target_actual import MARKETING, target_vs_actual

HISTORY_VALUE_CHARS = 160
# Audit field names whose label key differs from the name.
FIELD_KEYS = {
    "renewal_term_months": "renewal_term", "renewal_months": "renewal_term",
    "notice_days": "notice_days", "value": "value", "predecessor": "predecessor",
    "kpis": "kpis_short", "milestones": "milestones_short", "partner_id": "partner",
    "legal_name": "counterparty", "attachments": "attachments",
}  # fmt: skip
TERMS_BY_NAME = {spec.name: (spec,) for specs in TERMS.values() for spec in specs}


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:,} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n = n / 1024  # type: ignore[assignment]
    return str(n)


def _clip(text: str | None, limit: int = HISTORY_VALUE_CHARS) -> str:
    if text is None:
        return "—"
    return text if len(text) <= limit else text[: limit - 1] + "…"


class TrafficLight(Drawing):  # type: ignore[misc]
    """A coloured dot and its word: green/amber/red read at a glance, also in greyscale."""

    def __init__(self, attainment: Attainment, label: str, font: str, width: float) -> None:
        super().__init__(width, 10)
        self.initialFontName = font
        self.add(Circle(4, 4, 3.6, fillColor=TRAFFIC[attainment.value], strokeColor=None))
        self.add(String(11, 1.3, label, fontName=font, fontSize=7.5, fillColor=INK))


class AgreementReport(Report[AgreementReportData]):
    title_key = "agreement_report"

    def _watermark(self, data: AgreementReportData) -> str:
        """Not yet active: DRAFT (草稿); ended: the status, so nobody takes it for live."""
        status = data.agreement.status
        if status is AgreementStatus.ACTIVE:
            return ""
        if status in (AgreementStatus.DRAFT, AgreementStatus.NEGOTIATION,
                      AgreementStatus.PENDING_APPROVAL):  # fmt: skip
            return self.words("watermark_draft")
        return self.words.enum(status).upper()

    def _subtitle(self, data: AgreementReportData) -> str:
        a = data.agreement
        return f"{a.reference} · {a.title}"

    def _subject(self, data: AgreementReportData) -> str:
        a = data.agreement
        return f"{a.reference} — {a.title} — {a.partner_name}"

    def _story(self, data: AgreementReportData) -> list[Flowable]:
        return [
            *self._summary(data),
            *self._parties(data),
            *self._dates(data),
            *self._financial(data),
            *self._terms(data),
            *self._description(data),
            *self._kpis(data),
            *self._milestones(data),
            *self._history(data),
            *self._attachments(data),
            *self._signatures(data),
        ]

    def _summary(self, data: AgreementReportData) -> list[Flowable]:
        a, w = data.agreement, self.words
        days = (a.decision_date - data.context.as_of).days
        left = w("days_ahead", n=days) if days >= 0 else w("days_ago", n=-days)
        return [
            self.figures(
                [
                    (w("value"), w.money(a.value, a.currency)),
                    (w("status"), w.enum(a.status)),
                    (f"{w('decision_date')} ({left})", w.date(a.decision_date)),
                    (w("end_date"), w.date(a.end_date)),
                ]
            ),
            Spacer(1, 2 * mm),
            *self._decision_alert(data),
        ]

    def _decision_alert(self, data: AgreementReportData) -> list[Flowable]:
        """A live agreement whose decision date has passed or is near says so, in red."""
        a, w = data.agreement, self.words
        days = (a.decision_date - data.context.as_of).days
        if str(a.status) not in LIVE or not decision_flag(a.decision_date, data.context.as_of):
            return []
        key = "decision_alert_passed" if days < 0 else "decision_alert_near"
        style = ParagraphStyle(
            "alert", parent=self.styles.body, textColor=RED, fontName=self.fonts.bold
        )
        return [self.p(w(key, n=abs(days), date=w.date(a.decision_date)), style),
                Spacer(1, 2 * mm)]  # fmt: skip

    def _parties(self, data: AgreementReportData) -> list[Flowable]:
        a, p, w = data.agreement, data.partner, self.words
        partner_lines = [
            (w("counterparty"), p.legal_name),
            (w("local_name"), p.local_name or "—"),
            (w("country"), p.country),
            (w("roles"), w.join(w.enum(r) for r in p.roles) or "—"),
            (w("website"), p.website or "—"),
        ]
        # The party as the contract names it, when the partner record says so.
        if p.address:
            partner_lines.append((w("address"), ", ".join(p.address.splitlines())))
        if p.registration_number:
            partner_lines.append((w("registration_number"), p.registration_number))
        ours = [
            (w("our_company"), data.context.company or "—"),
            (w("owner"), a.owner or "—"),
            (w("type"), w.enum(a.type)),
            (w("reference"), a.reference),
            (w("title"), a.title),
        ]
        # Our party as the contract names it, when Settings say so.
        if data.context.company_address:
            ours.append((w("address"), ", ".join(data.context.company_address.splitlines())))
        if data.context.company_registration:
            ours.append((w("registration_number"), data.context.company_registration))
        pairs: list[tuple[str, str]] = []
        for left, right in zip_longest(ours, partner_lines, fillvalue=("", "")):
            pairs += [left, right]
        return [self.heading(w("parties")), self.fields(pairs)]

    def _dates(self, data: AgreementReportData) -> list[Flowable]:
        a, w = data.agreement, self.words
        pairs = [
            (w("signed_date"), w.date(a.signed_date)),
            (w("start_date"), w.date(a.start_date)),
            (w("end_date"), w.date(a.end_date)),
            (w("notice_days"), w("days", n=a.notice_days)),
            (w("decision_date"), w.date(a.decision_date)),
            (w("auto_renew"), w.yes_no(a.auto_renew)),
            (
                w("renewal_term"),
                w("months", n=a.renewal_term_months) if a.renewal_term_months else "—",
            ),
            (w("predecessor"), a.predecessor_reference or "—"),
            (w("successor"), a.successor_reference or "—"),
        ]
        return [self.heading(w("key_dates")), self.fields(pairs)]

    def _financial(self, data: AgreementReportData) -> list[Flowable]:
        a, w, ctx = data.agreement, self.words, data.context
        pairs = [
            (w("value"), w.money(a.value, a.currency)),
            (w("currency"), a.currency),
        ]
        if a.currency != ctx.base_currency:
            pairs.append(
                (
                    w("value_base", base=ctx.base_currency),
                    w.money(data.value_base, ctx.base_currency),
                )
            )
        pairs += [
            (w("governing_law"), a.governing_law or "—"),
            (w("territories"), w.join(a.territories) or "—"),
        ]
        out: list[Flowable] = [self.heading(w("financial_terms")), self.fields(pairs)]
        if a.currency != ctx.base_currency:
            rates = [data.rate] if data.rate is not None else []
            missing = [] if data.rate is not None else [a.currency]
            out += [
                Spacer(1, 2 * mm),
                *fx_table(self, ctx.base_currency, rates, missing, ctx.as_of),
            ]
        return out

    def _term_text(
        self, spec: TermSpec, value: Any, currency: str, terms: dict[str, Any] | None = None
    ) -> str:
        w = self.words
        if value is None or value == () or value == "":
            return "—"
        kind = spec.kind
        if spec.name == "rate":
            return self._rate_text(Decimal(value), (terms or {}).get("rate_basis"), currency)
        if kind is TermKind.BOOL:
            return w.yes_no(bool(value))
        if kind is TermKind.MONEY:
            return w.money(value, currency)
        if kind is TermKind.PERCENT:
            return w.percent(value, 2)
        if kind is TermKind.DECIMAL:
            return f"{Decimal(value):,.2f}"
        if kind is TermKind.INT:
            return f"{value:,}"
        if kind is TermKind.DATE:
            return w.date(value)
        if kind is TermKind.CHOICE:
            return w.enum(value, brand_model=spec.name == "operating_model")
        if kind is TermKind.CHOICES:
            return w.join(w.enum(v) for v in value)
        if kind in (TermKind.LINES, TermKind.CURRENCIES):
            return w.join(str(v) for v in value)
        return str(value)

    def _rate_text(self, rate: Decimal, basis: Any, currency: str) -> str:
        """A logistics rate with what it is charged per and in which currency."""
        w = self.words
        if basis is None:
            return f"{currency} {rate:,.2f}"
        raw = str(getattr(basis, "value", basis))
        if raw == "percent_of_value":
            return w("rate_pct_of_value", rate=w.percent(rate, 2))
        return w("rate_with_basis", amount=w.money(rate, currency), basis=w(f"basis_{raw}"))

    def _term_label(self, spec: TermSpec) -> str:
        """The term's label; a percentage's sign is printed once, with its value."""
        label = spec.label_for(self.words.lang)
        if spec.kind is TermKind.PERCENT:
            label = label.removesuffix(" %").removesuffix("%").rstrip()
        return label

    def _terms(self, data: AgreementReportData) -> list[Flowable]:
        a, w = data.agreement, self.words
        beside = {actual for _target, actual in TARGET_ACTUAL} if a.type is MARKETING else set()
        if str(a.terms.get("operating_model") or "") == OperatingModel.PLATFORM.value:
            beside |= DIRECT_ONLY  # blank by rule on the platform model: not worth a line each
        pairs = [
            (
                self._term_label(spec),
                self._term_text(spec, a.terms.get(spec.name), a.currency, dict(a.terms)),
            )
            for spec in TERMS[a.type]
            if spec.name not in beside
        ]
        out = [self.heading(w("type_terms", type=w.enum(a.type))), self.fields(pairs)]
        if a.type is MARKETING:
            out += target_vs_actual(self, a.terms, a.currency)
        return out

    def _description(self, data: AgreementReportData) -> list[Flowable]:
        text = data.agreement.description
        if not text.strip():
            return []
        return [self.heading(self.words("description")), *self.long_text(text)]

    def _kpis(self, data: AgreementReportData) -> list[Flowable]:
        w, a = self.words, data.agreement
        out: list[Flowable] = [self.heading(w("kpis"))]
        if not a.kpis:
            return [*out, self.note(w("no_rows"))]
        cols = self.columns(
            ("metric", 26, False),
            ("target", 14, True),
            ("actual", 14, True),
            ("period", 14, False),
            ("kpi_trend", 14, False),
            ("attainment", 18, False),
        )
        light_w, trend_w = cols[-1].width - 8, cols[-2].width - 8
        records: list[list[str | Flowable]] = [
            [
                self._metric(k.metric, k.unit, a.currency),
                kpi_value(w, k.target, k.unit, a.currency),
                kpi_value(w, k.latest.value, k.unit, a.currency) if k.latest else "—",
                w.date(k.latest.period_end) if k.latest else "—",
                Sparkline(k, trend_w) if k.actuals else "—",
                TrafficLight(k.attainment, self._attained(k), self.fonts.body, light_w),
            ]
            for k in a.kpis
        ]
        table = self.table(cols, records)
        return [*out, table, *(self.note(t) for t in readings_notes(w, a.kpis, a.currency))]

    def _attained(self, k: Any) -> str:
        """The traffic light's words and, when there is an actual, the share attained."""
        w = self.words
        if k.latest is None:
            return w.enum(k.attainment)
        pct = attainment_pct(k.target, k.latest.value, k.direction)
        return (
            w.enum(k.attainment) if pct is None else f"{w.enum(k.attainment)} · {w.percent(pct, 1)}"
        )

    def _metric(self, metric: str, unit: str, currency: str) -> str:
        w = self.words
        # "currency" is how the services spell "in the agreement's own currency".
        shown = currency if unit == "currency" else w.metric(unit)
        return f"{w.metric(metric)} ({shown})" if unit else w.metric(metric)

    def _milestones(self, data: AgreementReportData) -> list[Flowable]:
        w, a, today = self.words, data.agreement, data.context.as_of
        out: list[Flowable] = [self.heading(w("milestones"))]
        if not a.milestones:
            return [*out, self.note(w("no_rows"))]
        cols = self.columns(
            ("title", 34, False),
            ("due_date", 15, False),
            ("owner", 13, False),
            ("status", 10, False),
            ("amount", 13, True),
            ("completed_on", 15, False),
        )
        styles: list[list[tuple[Any, ...]]] = []
        for m in a.milestones:
            overdue = m.is_overdue(today)
            styles.append([("TEXTCOLOR", (1, 0), (1, 0), RED)] if overdue else [])
        records = [
            [
                m.title,
                w.date(m.due_date),
                m.owner or "—",
                w.enum(m.status),
                w.money(m.amount, m.currency or a.currency) if m.amount is not None else "—",
                w.date(m.completed_on) if m.status is MilestoneStatus.DONE else "—",
            ]
            for m in a.milestones
        ]
        return [*out, self.table(cols, records, row_styles=styles)]

    def _history(self, data: AgreementReportData) -> list[Flowable]:
        w = self.words
        out: list[Flowable] = [self.heading(w("history"))]
        if not data.history:
            return [*out, self.note(w("no_rows"))]
        cols = self.columns(
            ("when", 17, False),
            ("who", 12, False),
            ("what", 17, False),
            ("old_value", 27, False),
            ("new_value", 27, False),
        )
        records = [
            [
                w.timestamp(h.at).removesuffix(" UTC"),
                h.who or h.actor,  # the register's name for the login
                f"{w.enum(h.action)}{' · ' + self._field(h.field) if h.field else ''}",
                _clip(h.old_value),
                _clip(h.new_value),
            ]
            for h in data.history
        ]
        out.append(self.table(cols, records))
        if data.history_total > len(data.history):
            out.append(
                self.note(w("history_more", shown=len(data.history), total=data.history_total))
            )
        return out

    def _field(self, name: str) -> str:
        """A changed field in the words the editor shows, not its internal name."""
        w = self.words
        for spec in TERMS_BY_NAME.get(name, ()):
            return spec.label_for(w.lang)
        key = FIELD_KEYS.get(name, name)
        return w(key) if w.has(key) else name.replace("_", " ").capitalize()

    def _attachments(self, data: AgreementReportData) -> list[Flowable]:
        w, a = self.words, data.agreement
        out: list[Flowable] = [self.heading(w("attachments"))]
        if not a.attachments:
            return [*out, self.note(w("no_rows"))]
        cols = self.columns(
            ("filename", 38, False),
            ("kind", 20, False),
            ("size", 12, True),
            ("expires_on", 14, False),
            ("uploaded", 16, False),
        )
        styles = [
            [("TEXTCOLOR", (3, 0), (3, 0), RED)]
            if f.expires_on is not None and f.expires_on < data.context.as_of
            else []
            for f in a.attachments
        ]
        records = [
            [
                f.filename,
                w.enum(f.kind),
                _size(f.size),
                w.date(f.expires_on),
                w.date(f.uploaded_at.date()),
            ]
            for f in a.attachments
        ]
        return [*out, self.table(cols, records, row_styles=styles)]

    def _signatures(self, data: AgreementReportData) -> list[Flowable]:
        w = self.words
        half = self.frame_width / 2
        blocks = []
        # The partner's signatory is pre-filled from its contacts: the first with a job
        # title, else the first (its role standing in for the title); our side is left to
        # write in. No company set: a blank line for our party's name.
        contacts = data.partner.contacts
        contact = next((c for c in contacts if c.title), contacts[0] if contacts else None)
        signatory = {
            "sig_name": contact.name if contact else "",
            "sig_title": (contact.title or contact.role or "") if contact else "",
        }
        for party, filled in (
            (data.context.company or "\u00a0", {}),
            (data.partner.legal_name, signatory),
        ):
            rows: list[list[Any]] = [
                [self.p(w("signature_for"), self.styles.label)],
                [self.p(party, self.styles.h2)],
                [Spacer(1, 12 * mm)],
            ]
            for key in ("sig_signature", "sig_name", "sig_title", "sig_date"):
                value = filled.get(key, "")
                rows.append([self.p(f"{w(key)}: {value}" if value else w(key), self.styles.muted)])
            cell = Table(rows, colWidths=[half - 12 * mm], hAlign="LEFT")
            cell.setStyle(
                TableStyle(
                    [
                        self._font_cmd,
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 3), (-1, -1), 1),
                        ("BOTTOMPADDING", (0, 3), (-1, -1), 7),
                        ("LINEABOVE", (0, 3), (0, -1), 0.5, RULE),
                        ("LINEABOVE", (0, 3), (0, 3), 0.8, NAVY),
                    ]
                )
            )
            blocks.append(cell)
        grid = Table([blocks], colWidths=[half, half], hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    self._font_cmd,
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return [self.keep(self.heading(w("signatures")), Spacer(1, 2 * mm), grid),
                *self._approvals(data)]  # fmt: skip

    def _approvals(self, data: AgreementReportData) -> list[Flowable]:
        """The approval trail under the signatures: who approved or rejected, when, why,
        and whether that still holds for the terms printed above."""
        w, trail = self.words, data.approvals
        if trail is None:
            return []
        out: list[Flowable] = [Spacer(1, 4 * mm), self.p(w("approvals"), self.styles.h2)]
        need = trail.requirement
        if need is not None:
            one = need.approvals == 1
            text = w("approval_need_one") if one else w("approval_need", n=need.approvals)
            if need.admin_required:
                text += w("approval_need_admin")
            out.append(self.note(w("approval_policy", need=text)))
        if not trail.decisions:
            return [*out, self.note(w("no_approvals"))]
        cols = self.columns(
            ("decision", 12, False),
            ("by", 18, False),
            ("when", 17, False),
            ("comment", 33, False),
            ("still_current", 20, False),
        )
        records = [
            [
                w("approved" if d.approved else "rejected"),
                d.who,
                w.timestamp(d.at).removesuffix(" UTC"),
                d.comment or "—",
                w("current_yes" if d.current else "current_no"),
            ]
            for d in trail.decisions
        ]
        styles = [[("TEXTCOLOR", (0, 0), (0, 0), RED)] if not d.approved else []
                  for d in trail.decisions]  # fmt: skip
        out.append(self.table(cols, records, row_styles=styles))
        return [self.keep(*out)]
