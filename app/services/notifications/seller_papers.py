"""Sellers' qualification documents as reminders (platform model).

A seller's business licence, brand authorisation or import permit that is about to expire
is the worry of whoever owns the brand agreement(s) the seller sells under: each live
agreement's owner is told, once per escalation step like an agreement's own papers
(``notify.document_steps``). A seller that sells under no live agreement, or whose
agreements' owners are nobody in the register, is its team leads' worry (``fallback``).

The occasion names the document, its expiry and the step (not the agreement), so an owner
of two of the seller's agreements is told once, and a team lead reading the team's items
sees it once.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from app.services.notifications.kinds import Kind
from app.services.notifications.occasions import (
    LIMIT,
    Item,
    LiveAgreement,
    chunks,
    live_columns,
    step,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def agreements_of_sellers(
    session: Session, seller_ids: set[int]
) -> dict[int, list[tuple[int, LiveAgreement]]]:
    """Per seller, the live agreements (draft to active) it sells under, by reference:
    (agreement id, the agreement)."""
    from sqlalchemy import select

    from app.domain.models import Agreement, Partner
    from app.domain.seller_models import SellerBrand
    from app.services.scope import DECISION_STATUSES

    found: dict[int, list[tuple[int, LiveAgreement]]] = {}
    for chunk in chunks(seller_ids):
        rows = session.execute(
            select(SellerBrand.seller_id, Agreement.id, *live_columns())
            .join(Agreement, Agreement.id == SellerBrand.agreement_id)
            .join(Partner, Partner.id == Agreement.partner_id)
            .where(SellerBrand.seller_id.in_(chunk),
                   Agreement.status.in_(sorted(DECISION_STATUSES)))
            .distinct()
            .order_by(Agreement.reference)
        )  # fmt: skip
        for r in rows:
            found.setdefault(r[0], []).append((r[1], LiveAgreement(*r[2:])))
    return found


def seller_documents(
    session: Session, today: date, steps: tuple[int, ...], leads: tuple[str, ...]
) -> list[Item]:
    """The sellers' papers due at a step on ``today``: one item per owner to tell."""
    from app.services.sellers.chain import expiring_seller_documents

    found = expiring_seller_documents(session, today, max(steps), limit=LIMIT)
    under = agreements_of_sellers(session, {d.seller_id for d in found})
    items: list[Item] = []
    for d in found:
        at = step(d.days_left, steps)
        if at is None:
            continue
        seller = (
            d.seller
            if d.seller_local_name in (None, "", d.seller)
            else (f"{d.seller} ({d.seller_local_name})")
        )
        detail = (("document_kind", d.kind.value), ("seller", d.seller),
                  ("seller_local", d.seller_local_name or ""))  # fmt: skip
        occasion = f"seller-document:{d.document_id}:{d.expires_on}:{at}"
        agreements = under.get(d.seller_id, [])
        owners: set[str] = set()
        for agreement_id, a in agreements:
            # The same owner under another agreement: told once (by login; two people of
            # one name are two owners).
            who = a.owner_login or a.owner.casefold()
            if who in owners:
                continue
            owners.add(who)
            items.append(
                Item(Kind.DOCUMENTS, occasion, at, agreement_id, a.reference, seller,
                     a.partner, a.partner_local, a.owner, d.expires_on, d.days_left,
                     d.number, detail, fallback=leads, owner_login=a.owner_login)
            )  # fmt: skip
        if not agreements:
            items.append(
                Item(Kind.DOCUMENTS, occasion, at, 0, "", seller, "", None, "",
                     d.expires_on, d.days_left, d.number, detail, fallback=leads)
            )  # fmt: skip
    return items
