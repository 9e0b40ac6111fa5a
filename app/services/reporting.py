"""Builds the frozen data the PDF reports are drawn from: the only place reports query.

Each builder takes the caller's session and returns a dataclass from ``app.reports.data``;
the renderer then runs without a session (in a worker thread if need be).
"""

from __future__ import annotations

import getpass
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType
from app.domain.types import utcnow
from app.errors import FieldError, NotFoundError, ValidationError
from app.reports.data import (
    AgreementReportData,
    ConvertedTotal,
    CurrencyLine,
    DecisionGroup,
    DecisionLine,
    PartnerReportData,
    PortfolioFilters,
    PortfolioReportData,
    RenewalReportData,
    ReportContext,
    ScopedRows,
)
from app.reports.i18n import LANGS
from app.services.agreements import get_agreement, get_agreement_by_reference
from app.services.approvals import approval_trail
from app.services.audit import history
from app.services.dashboard import DecisionDue, decisions_due, red_kpis
from app.services.fx import RateInForce, convert, rate_in_force, stale_among, stale_days
from app.services.listing import AgreementFilter, AgreementRow, iter_agreements
from app.services.milestones import overdue_milestones
from app.services.overview import attention_counts
from app.services.partners import find_partner, get_partner
from app.services.portfolio import allocate_cents, portfolio_figures
from app.services.scope import SCOPE_STATUSES, Scope, scope_of
from app.services.sellers.report_data import partner_sellers, seller_supervision
from app.services.settings import (
    COMPANY_ADDRESS,
    COMPANY_NAME,
    COMPANY_REGISTRATION,
    base_currency,
    get_setting,
)
from app.services.trend import trend

HISTORY_LIMIT = 60
AT_RISK_LIMIT = 25
RISK_WINDOW_DAYS = 90
MAX_RENEWAL_DAYS = 3660
# A file path to a PNG/JPEG logo, set from Settings; absent: a monogram is drawn instead.
COMPANY_LOGO = "company_logo"
ZERO = Decimal("0.00")


def report_context(
    session: Session,
    lang: str = "en",
    as_of: date | None = None,
    generated_at: datetime | None = None,
) -> ReportContext:
    if lang not in LANGS:
        raise ValidationError([FieldError("lang", f"{lang!r} is not a report language (en, zh)")])
    now = generated_at or utcnow()
    # Only a company the user set heads the report: never the product's own name.
    company = get_setting(session, COMPANY_NAME, "").strip()
    return ReportContext(
        company=company,
        generated_at=now,
        as_of=as_of or now.date(),
        lang=lang,
        base_currency=base_currency(session),
        logo=_logo(get_setting(session, COMPANY_LOGO, "")),
        author=company or _user(),
        company_address=get_setting(session, COMPANY_ADDRESS, "").strip(),
        company_registration=get_setting(session, COMPANY_REGISTRATION, "").strip(),
        stale_days=stale_days(session),
    )


def _with_stale(ctx: ReportContext, rates: Iterable[RateInForce | None]) -> ReportContext:
    """The context once the report's rates are known: those too old to trust."""
    return replace(ctx, stale_rates=stale_among(rates, ctx.as_of, ctx.stale_days))


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment
        return ""


def _logo(path: str) -> bytes | None:
    if not path:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None  # a moved logo file costs the header its logo, not the report
    return data if len(data) < 5_000_000 else None


class _Converter:
    def __init__(self, session: Session, base: str, on: date) -> None:
        self.session, self.base, self.on = session, base, on
        self.rates: dict[str, RateInForce | None] = {}

    def rate(self, currency: str) -> RateInForce | None:
        if currency not in self.rates:
            try:
                self.rates[currency] = rate_in_force(self.session, currency, self.base, self.on)
            except NotFoundError:
                self.rates[currency] = None
        return self.rates[currency]

    def listed(
        self, amounts: Sequence[tuple[str, Decimal]]
    ) -> tuple[ConvertedTotal, tuple[Decimal | None, ...]]:
        """The total of a list and each line in the base currency, the lines rounded so
        that they add up to the printed total to the cent (a reader adds them up)."""
        total = self.total(amounts)
        exact: dict[int, Decimal] = {}
        for i, (currency, value) in enumerate(amounts):
            rate = self.rate(currency)
            if rate is not None:
                exact[i] = value * rate.rate
        cents = allocate_cents(exact, total.total_base)
        return total, tuple(cents.get(i) for i in range(len(amounts)))

    def total(self, amounts: Iterable[tuple[str, Decimal]]) -> ConvertedTotal:
        counts: dict[str, int] = defaultdict(int)
        values: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for currency, value in amounts:
            counts[currency] += 1
            values[currency] += value
        total = ZERO
        missing = []
        lines = []
        for currency, value in values.items():
            rate = self.rate(currency)
            converted = None if rate is None else convert(value, rate)
            if converted is None:
                missing.append(currency)
            else:
                total += converted
            lines.append(CurrencyLine(currency, counts[currency], value, rate, converted))
        used = tuple(
            sorted(
                (
                    r
                    for c, r in self.rates.items()
                    if r is not None and c in values and c != self.base
                ),
                key=lambda r: r.currency,
            )
        )
        lines.sort(key=lambda c: (-(c.value_base or ZERO), c.currency))
        return ConvertedTotal(self.base, tuple(lines), total, used, tuple(sorted(missing)))


def agreement_report(
    session: Session,
    reference: str,
    lang: str = "en",
    as_of: date | None = None,
    *,
    agreement_id: int | None = None,
) -> AgreementReportData:
    """One agreement by reference (or id); NotFoundError names what is missing."""
    view = (
        get_agreement(session, agreement_id)
        if agreement_id is not None
        else get_agreement_by_reference(session, reference.strip())
    )
    ctx = report_context(session, lang, as_of)
    trail = history(session, "agreement", view.id, limit=10_000)
    converter = _Converter(session, ctx.base_currency, ctx.as_of)
    rate = converter.rate(view.currency)
    return AgreementReportData(
        context=_with_stale(ctx, [rate]),
        agreement=view,
        partner=get_partner(session, view.partner_id),
        history=tuple(trail[:HISTORY_LIMIT]),
        history_total=len(trail),
        value_base=None if rate is None else convert(view.value, rate),
        rate=rate if rate is not None and view.currency != ctx.base_currency else None,
        approvals=approval_trail(session, view.id, ctx.as_of),
    )


APPENDIX_CHOICES = ("none", "top", "full")
APPENDIX_TOP = 50  # the "top" appendix: the largest agreements in force
DECISION_WINDOWS = (30, 60, 90)
DECISIONS_PER_GROUP = 15  # rows printed per decision window; counts and totals cover all


def portfolio_report(
    session: Session,
    lang: str = "en",
    as_of: date | None = None,
    *,
    types: Iterable[AgreementType] = (),
    statuses: Iterable[AgreementStatus] = (),
    owner: str | None = None,
    appendix: bool | str = "none",
) -> PortfolioReportData:
    """The portfolio summary's data; ``appendix`` is "none", "top" or "full" (a bool is
    taken as "full"/"none", as the desktop's check box passes it)."""
    choice = ("full" if appendix else "none") if isinstance(appendix, bool) else appendix
    if choice not in APPENDIX_CHOICES:
        raise ValidationError([FieldError("appendix", f"{appendix!r}: choose none, top or full")])
    ctx = report_context(session, lang, as_of)
    filters = PortfolioFilters(
        tuple(sorted(set(types))),
        tuple(sorted(set(statuses))),
        owner.strip() if owner and owner.strip() else None,
    )
    f = AgreementFilter(
        types=frozenset(filters.types), statuses=frozenset(filters.statuses), owner=filters.owner
    )
    figures = portfolio_figures(session, ctx.as_of, f, ctx.base_currency, scope=Scope.IN_FORCE)
    converter = _Converter(session, ctx.base_currency, ctx.as_of)
    decisions = decisions_due(
        session,
        ctx.as_of,
        DECISION_WINDOWS[-1],
        replace(f, statuses=frozenset()),
        include_overdue=True,
    )
    # Red KPIs and overdue milestones come unfiltered from their services; keep those of
    # agreements inside the report's filter.
    in_scope = _scope(session, f) if (filters.types or filters.statuses or filters.owner) else None
    reds = [
        k for k in red_kpis(session, limit=2000) if in_scope is None or k.agreement_id in in_scope
    ]
    overdue = [
        m
        for m in overdue_milestones(session, ctx.as_of, limit=2000)
        if in_scope is None or m.agreement_id in in_scope
    ]
    by_agreement = {k.agreement_id: (k.currency, k.value) for k in reds}
    red_total, red_values = converter.listed(list(by_agreement.values()))
    red_base = dict(zip(by_agreement, red_values, strict=True))
    reds.sort(key=lambda k: (-(red_base[k.agreement_id] or ZERO), k.reference, k.metric))
    groups: tuple[ScopedRows, ...] = ()
    if choice == "full":
        groups = scoped_rows(iter_agreements(session, f), converter, ctx.as_of)
    elif choice == "top":
        in_force = replace(f, statuses=frozenset(SCOPE_STATUSES[Scope.IN_FORCE]))
        (largest,) = scoped_rows(
            iter_agreements(session, in_force), converter, ctx.as_of, only=Scope.IN_FORCE
        )
        order = sorted(
            range(len(largest.rows)),
            key=lambda i: (-(largest.values_base[i] or ZERO), largest.rows[i].reference),
        )[:APPENDIX_TOP]
        groups = (_group(Scope.IN_FORCE, [largest.rows[i] for i in order], converter),)
    # Before the context: the deposits' rates count among those the report used.
    sellers = seller_supervision(session, ctx.as_of, converter.total)
    return PortfolioReportData(
        context=_with_stale(ctx, [*figures.rates, *converter.rates.values()]),
        filters=filters,
        figures=figures,
        decision_groups=decision_groups(decisions, converter),
        red_kpis=tuple(reds),
        overdue_milestones=tuple(overdue),
        appendix_groups=groups,
        appendix=choice,
        red_kpi_values=tuple(red_base[k.agreement_id] for k in reds),
        red_kpi_total=red_total,
        trend=trend(session, ctx.as_of, ctx.base_currency, f),
        expiring_documents=attention_counts(session, ctx.as_of).expiring_documents,
        sellers=sellers,
    )


def decision_groups(
    decisions: Iterable[DecisionDue], converter: _Converter, limit: int = DECISIONS_PER_GROUP
) -> tuple[DecisionGroup, ...]:
    """Overdue first, then each window; inside each, the largest value at stake first."""
    keys = ("overdue", *(str(d) for d in DECISION_WINDOWS))
    found: dict[str, list[DecisionDue]] = {k: [] for k in keys}
    for d in decisions:
        if d.days_left < 0:
            key = "overdue"
        else:
            key = str(next((w for w in DECISION_WINDOWS if d.days_left <= w), DECISION_WINDOWS[-1]))
        found[key].append(d)
    out = []
    for key in keys:
        total, values = converter.listed([(d.currency, d.value) for d in found[key]])
        lines = sorted(
            (DecisionLine(d, v) for d, v in zip(found[key], values, strict=True)),
            key=lambda x: (-(x.value_base or ZERO), x.decision.decision_date, x.decision.reference),
        )
        out.append(DecisionGroup(key, tuple(lines[:limit]), len(lines), total))
    return tuple(out)


def scoped_rows(
    rows: Iterable[AgreementRow], converter: _Converter, as_of: date, only: Scope | None = None
) -> tuple[ScopedRows, ...]:
    """Rows split into in force, pipeline and history (or only ``only``), each converted."""
    split: dict[Scope, list[AgreementRow]] = {s: [] for s in Scope}
    for r in rows:
        split[scope_of(r.status, r.end_date, as_of)].append(r)
    wanted = [only] if only is not None else list(Scope)
    return tuple(_group(s, split[s], converter) for s in wanted)


def _group(scope: Scope, rows: list[AgreementRow], converter: _Converter) -> ScopedRows:
    total, values = converter.listed([(r.currency, r.value) for r in rows])
    return ScopedRows(scope.value, tuple(rows), values, total)


def _scope(session: Session, f: AgreementFilter) -> set[int]:
    return {r.id for r in iter_agreements(session, f)}


def renewal_report(
    session: Session,
    within_days: int,
    lang: str = "en",
    as_of: date | None = None,
) -> RenewalReportData:
    if not 0 <= within_days <= MAX_RENEWAL_DAYS:
        raise ValidationError(
            [FieldError("within", f"{within_days} days: choose between 0 and {MAX_RENEWAL_DAYS}")]
        )
    ctx = report_context(session, lang, as_of)
    listed = decisions_due(session, ctx.as_of, within_days, include_overdue=True)
    missed = tuple(d for d in listed if d.days_left < 0)
    decisions = tuple(d for d in listed if d.days_left >= 0)
    converter = _Converter(session, ctx.base_currency, ctx.as_of)
    total, values = converter.listed([(d.currency, d.value) for d in decisions])
    missed_total, missed_values = converter.listed([(d.currency, d.value) for d in missed])
    return RenewalReportData(
        _with_stale(ctx, converter.rates.values()),
        within_days,
        decisions,
        total,
        missed,
        missed_total,
        values,
        missed_values,
    )


def partner_report(
    session: Session,
    name: str = "",
    lang: str = "en",
    as_of: date | None = None,
    *,
    partner_id: int | None = None,
) -> PartnerReportData:
    partner = (
        get_partner(session, partner_id) if partner_id is not None else find_partner(session, name)
    )
    ctx = report_context(session, lang, as_of)
    rows = tuple(iter_agreements(session, AgreementFilter(partner_id=partner.id)))
    converter = _Converter(session, ctx.base_currency, ctx.as_of)
    groups = scoped_rows(rows, converter, ctx.as_of)
    ctx = _with_stale(ctx, converter.rates.values())
    sellers = partner_sellers(session, partner.id, ctx.as_of)
    return PartnerReportData(ctx, partner, rows, groups[0].total, groups, sellers)
