"""Partner lists: the filter, the id query a list model pages through, rows on demand.

The agreements' counterpart is ``app.services.listing``. Re-exported by
``app.services.partners``, where callers have always found them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.db.sql import contains_text
from app.domain.models import Agreement, Partner, PartnerRoleLink
from app.services.listing_rows import PARTNER_SORT_KEYS, PartnerFilter, PartnerRow

__all__ = [
    "PARTNER_SORT_KEYS", "PartnerFilter", "PartnerRow", "count_partners", "list_partners",
    "name_matches", "partner_ids", "partner_query", "partner_rows",
]  # fmt: skip

if TYPE_CHECKING:
    from app.services.listing import AnySelect


def name_matches(stmt: AnySelect, text: str) -> AnySelect:
    """Partners whose legal or local name contains the text, in either script."""
    return stmt.where(
        or_(contains_text(Partner.legal_name, text), contains_text(Partner.local_name, text))
    )


def partner_query(
    f: PartnerFilter, sort: str = "legal_name", descending: bool = False
) -> AnySelect:
    counts = (
        select(Agreement.partner_id, func.count().label("n"))
        .group_by(Agreement.partner_id)
        .subquery()
    )
    n = func.coalesce(counts.c.n, 0).label("agreement_count")
    stmt = select(Partner.id, n).outerjoin(counts, counts.c.partner_id == Partner.id)
    if f.ids is not None:
        # Written into the SQL, as the agreements' selection is (listing_filters.filtered): a
        # selection of thousands would pass SQLite's limit on bound parameters.
        chosen: Any = bindparam("chosen_ids", sorted(f.ids), expanding=True, literal_execute=True)
        stmt = stmt.where(Partner.id.in_(chosen))
    if f.search:
        stmt = name_matches(stmt, f.search)
    if f.country:
        stmt = stmt.where(Partner.country == f.country.upper())
    if f.status:
        stmt = stmt.where(Partner.status == f.status)
    roles = set(f.roles_any) | ({f.role} if f.role else set())
    if roles:
        stmt = stmt.where(
            Partner.id.in_(
                select(PartnerRoleLink.partner_id).where(PartnerRoleLink.role.in_(roles))
            )
        )
    column = n if sort == "agreement_count" else getattr(Partner, sort, Partner.legal_name)
    order = column.desc() if descending else column.asc()
    return stmt.order_by(order, Partner.id)


def list_partners(
    session: Session,
    f: PartnerFilter | None = None,
    *,
    sort: str = "legal_name",
    descending: bool = False,
    offset: int = 0,
    limit: int | None = None,
) -> list[PartnerRow]:
    stmt = partner_query(f or PartnerFilter(), sort, descending).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    pairs = session.execute(stmt).all()
    return partner_rows(session, [p.id for p in pairs])


def partner_ids(
    session: Session,
    f: PartnerFilter | None = None,
    *,
    sort: str = "legal_name",
    descending: bool = False,
) -> list[int]:
    return [r.id for r in session.execute(partner_query(f or PartnerFilter(), sort, descending))]


def partner_rows(session: Session, ids: list[int]) -> list[PartnerRow]:
    """Rows for exactly these ids, in this order (what a list model asks for on demand)."""
    if not ids:
        return []
    partners = {
        p.id: p
        for p in session.scalars(
            select(Partner).where(Partner.id.in_(ids)).options(selectinload(Partner.roles))
        )
    }
    counts: dict[int, int] = dict(
        session.execute(
            select(Agreement.partner_id, func.count())
            .where(Agreement.partner_id.in_(ids))
            .group_by(Agreement.partner_id)
        ).all()
    )
    rows = []
    for pid in ids:
        p = partners.get(pid)
        if p is None:
            continue
        rows.append(
            PartnerRow(
                p.id,
                p.legal_name,
                p.local_name,
                p.country,
                p.status,
                tuple(link.role for link in p.roles),
                int(counts.get(pid, 0)),
            )
        )
    return rows


def count_partners(session: Session, f: PartnerFilter | None = None) -> int:
    sub = partner_query(f or PartnerFilter()).order_by(None).subquery()
    return session.scalar(select(func.count()).select_from(sub)) or 0
