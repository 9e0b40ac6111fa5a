"""Deterministic, realistic demo data, loaded in bulk.

Same seed and same ``today`` give the same database. 100,000 agreements load in well under a
minute because rows go in as Core ``executemany`` batches, not one ORM object at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.bulk import insert_rows
from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    Attainment,
    DocumentKind,
    KpiDirection,
    MilestoneStatus,
)
from app.domain.models import (
    Attachment,
    Contact,
    FxRate,
    KpiActual,
    Milestone,
    Partner,
    PartnerRoleLink,
    ReferenceSequence,
)
from app.domain.types import utcnow
from app.services.agreement_store import NewAgreements
from app.services.demo_data import (
    FX,
    MILESTONES,
    OWNERS,
    TYPE_FOR_ROLE,
    TYPE_WEIGHTS,
    Generator,
    ascii_name,
    tiny_pdf,
)
from app.services.kpis import attainment, default_kpis
from app.services.validation import AgreementInput

BATCH = 5000


# (country, currency, English stem, Chinese stem) — fictional companies, real places.
@dataclass(frozen=True, slots=True)
class DemoResult:
    partners: int
    agreements: int
    kpi_actuals: int
    milestones: int


Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


def load_demo(
    session: Session,
    agreements: int = 300,
    seed: int = 7,
    *,
    today: date | None = None,
    actor: str = "demo",
    progress: Progress | None = None,
) -> DemoResult:
    """Add ``agreements`` demo agreements (and their partners) in the caller's transaction."""
    if agreements < 0:
        raise ValueError("the number of agreements must not be negative")
    today = today or date.today()
    gen = Generator(seed, today)
    rng = gen.rng
    now = utcnow()
    partner_count = 0 if agreements == 0 else max(10, min(agreements // 20 + 10, 8000))
    first_partner = (session.scalar(select(func.max(Partner.id))) or 0) + 1
    existing = {tuple(r) for r in session.execute(select(Partner.legal_name, Partner.country))}

    partners = gen.partners(partner_count)
    partner_rows, role_rows, contact_rows = [], [], []
    for offset, p in enumerate(partners):
        pid = first_partner + offset
        p["id"] = pid
        if (p["legal_name"], p["country"]) in existing:
            p["legal_name"] = f"{p['legal_name']} #{seed}-{pid}"
        partner_rows.append(
            {k: v for k, v in p.items() if not k.startswith("_")}
            | {"version": 1, "created_at": now, "updated_at": now}
        )
        role_rows += [{"partner_id": pid, "role": r} for r in sorted(p["_roles"])]
        person = rng.choice(
            [
                "Anna Müller",
                "James Smith",
                "Sato Haruka",
                "Park Min-jun",
                "Chloé Martin",
                "Wang Xiaoming",
                "Lucas Rossi",
            ]
        )
        contact_rows.append(
            {
                "partner_id": pid,
                "name": person,
                "role": "Key account manager",
                "email": f"{ascii_name(person.split()[0]).lower()}.{pid}@partner.example",
                "phone": f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            }
        )
    insert_rows(session, Partner, partner_rows)
    insert_rows(session, PartnerRoleLink, role_rows)
    insert_rows(session, Contact, contact_rows)

    by_type: dict[AgreementType, list[dict[str, Any]]] = {t: [] for t in AgreementType}
    for p in partners:
        by_type[TYPE_FOR_ROLE[p["_role"]]].append(p)
    counters: dict[tuple[str, int], int] = {
        (s.prefix, s.year): s.last for s in session.scalars(select(ReferenceSequence))
    }
    # The agreements, their terms, KPIs and audit entries go in as the editor would store
    # them (agreement_store); the demo adds actuals, milestones and documents beside them.
    new = NewAgreements(session, actor, now)
    actual_rows: list[dict[str, Any]] = []
    milestone_rows: list[dict[str, Any]] = []
    attachment_rows: list[dict[str, Any]] = []
    types = [t for t, _ in TYPE_WEIGHTS]
    weights = [w for _, w in TYPE_WEIGHTS]
    for i in range(agreements):
        t = types[i % len(types)] if i < 10 else rng.choices(types, weights=weights)[0]
        partner = rng.choice(by_type[t] or partners)
        status, start, end, notice, signed = gen.status_and_dates(i)
        currency = partner["_currency"] if rng.random() < 0.7 else rng.choice(["CNY", "USD"])
        value = gen.value(t, currency)
        terms = gen.terms(t, partner, value, start)
        key = (t.prefix, start.year)
        counters[key] = counters.get(key, 0) + 1
        reference = f"{t.prefix}-{start.year}-{counters[key]:04d}"
        auto = rng.random() < 0.3
        data = AgreementInput(
            title=gen.title(t, partner, start, terms),
            type=t,
            partner_id=partner["id"],
            status=status,
            currency=currency,
            value=value,
            start_date=start,
            end_date=end,
            reference=reference,
            owner=rng.choice(OWNERS),
            signed_date=signed,
            auto_renew=auto,
            renewal_term_months=12 if auto else None,
            notice_days=notice,
            governing_law="PRC law" if rng.random() < 0.6 else "Hong Kong law",
            territories=("Mainland China",)
            if rng.random() < 0.8
            else ("Mainland China", "Hong Kong SAR", "Macao SAR"),
            terms=terms,
        )
        kpis = default_kpis(t, terms)
        latest: list[Attainment | None] = []
        actuals: list[tuple[int, date, Decimal]] = []  # (which KPI, period end, value)
        for index, spec in enumerate(kpis):
            latest.append(None)
            if status in (AgreementStatus.ACTIVE, AgreementStatus.EXPIRED, AgreementStatus.RENEWED):
                last_period = min(end, today.replace(day=1) - timedelta(days=1))
                for months_back in (2, 1, 0):
                    period = (
                        (last_period.replace(day=1) - timedelta(days=31 * months_back)).replace(
                            day=1
                        )
                        - timedelta(days=1)
                        if months_back
                        else last_period
                    )
                    if period < start:
                        continue
                    factor = Decimal(rng.randint(80, 112)) / 100
                    if spec.direction is KpiDirection.LOWER_IS_BETTER:
                        factor = Decimal(2) - factor
                    value_kpi = (spec.target * factor).quantize(Decimal("0.01"))
                    actuals.append((index, period, value_kpi))
                    latest[index] = attainment(spec.target, value_kpi, spec.direction)
        aid, kpi_ids = new.add(
            data, terms, reference, kpis, latest=latest, summary=f"{reference} (demo data)"
        )
        actual_rows += [
            {"kpi_id": kpi_ids[index], "period_end": period, "value": v, "note": "",
             "recorded_at": now}
            for index, period, v in actuals
        ]  # fmt: skip
        for _ in range(rng.randint(1, 3)):
            due = start + timedelta(days=rng.randint(20, max(21, (end - start).days)))
            # Ended agreements settled their obligations; live ones have a few slipping.
            ended = status in (
                AgreementStatus.EXPIRED,
                AgreementStatus.TERMINATED,
                AgreementStatus.RENEWED,
            )
            done = due < today and (ended or rng.random() < 0.85)
            milestone_rows.append(
                {
                    "agreement_id": aid,
                    "title": rng.choice(MILESTONES[t]),
                    "due_date": due,
                    "owner": rng.choice(OWNERS),
                    "status": MilestoneStatus.DONE if done else MilestoneStatus.OPEN,
                    "amount": None,
                    "currency": None,
                    "completed_on": due if done else None,
                }
            )
        if t in (AgreementType.BRAND, AgreementType.PAYMENT) and rng.random() < 0.04:
            kind = (
                DocumentKind.BRAND_AUTHORISATION
                if t is AgreementType.BRAND
                else DocumentKind.PAYMENT_LICENCE
            )
            content = tiny_pdf(f"{kind.value.replace('_', ' ').title()} - {reference}")
            attachment_rows.append(
                {
                    "agreement_id": aid,
                    "filename": f"{kind.value}-{reference}.pdf",
                    "mime_type": "application/pdf",
                    "size": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "kind": kind,
                    "expires_on": today + timedelta(days=rng.randint(-10, 120)),
                    "uploaded_at": now,
                    "uploaded_by": actor,
                    "content": content,
                }
            )
        if progress is not None and i % BATCH == 0 and not progress(i, agreements):
            raise InterruptedError("demo data cancelled")

    new.insert()
    insert_rows(session, KpiActual, actual_rows)
    insert_rows(session, Milestone, milestone_rows)
    insert_rows(session, Attachment, attachment_rows)
    for (prefix, year), last in counters.items():
        seq = session.get(ReferenceSequence, (prefix, year))
        if seq is None:
            session.add(ReferenceSequence(prefix=prefix, year=year, last=last))
        else:
            seq.last = last
    _load_fx(session, today)
    session.flush()
    # A few sellers under the platform-model brand agreements just added (#14.1).
    from app.services.sellers.demo import load_demo_sellers

    load_demo_sellers(session, today, seed, actor)
    if progress is not None:
        progress(agreements, agreements)
    return DemoResult(len(partners), agreements, len(actual_rows), len(milestone_rows))


def _load_fx(session: Session, today: date) -> None:
    have = {(r.currency, r.effective_date) for r in session.scalars(select(FxRate))}
    rows = []
    for months_back in range(0, 24, 3):
        day = (today.replace(day=1) - timedelta(days=30 * months_back)).replace(day=1)
        drift = Decimal(1) + Decimal(months_back - 12) / 1000
        for currency, rate in FX.items():
            if (currency, day) not in have:
                rows.append(
                    {
                        "currency": currency,
                        "base": "CNY",
                        "effective_date": day,
                        "rate": (Decimal(rate) * drift).quantize(Decimal("0.000001")),
                        # Made-up rates: they never pass for a bank's published ones.
                        "source": "demo",
                    }
                )
    if rows:
        insert_rows(session, FxRate, rows)
