"""The agreements list's filter as SQL: which agreements a filter keeps.

Written once for the window, the exports and the calendar; the command line's driver
path (``listing_driver``) writes the same clauses as text, held to these by its parity
test.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import Select, bindparam, func, or_, select

from app.db.sql import contains_text, may_hold_gram
from app.domain.models import Agreement, BrandAgreement, Partner
from app.services.listing_rows import AgreementFilter

__all__ = ["filtered", "owner_names", "owners_in_use", "partners_named"]

if TYPE_CHECKING:
    AnySelect: TypeAlias = Select[*tuple[Any, ...]]


def partners_named(text: str) -> AnySelect:
    named = select(Partner.id).where(
        or_(contains_text(Partner.legal_name, text), contains_text(Partner.local_name, text))
    )
    # One or two characters: pg_trgm cannot narrow them; the gram index can (a scan of the
    # partners took 10-18 ms at a million agreements, once per statement of a search).
    grams = may_hold_gram(text, Partner.legal_name, Partner.local_name)
    return named if grams is None else named.where(grams)


def owners_in_use() -> AnySelect:
    """Every owner name in use (column ``v``), from a walk of the owner index that skips
    from each name to the next: a dozen seeks for a dozen people. ``DISTINCT owner`` read
    every entry (80 ms at a million on PostgreSQL, its parallel workers taking both cores
    from the window after each save)."""
    names = Agreement.__table__.alias("named")
    used = select(func.min(Agreement.__table__.c.owner).label("v")).cte(
        "owners_used", recursive=True
    )
    later = select(func.min(names.c.owner)).where(names.c.owner > used.c.v).scalar_subquery()
    used = used.union_all(select(later).where(used.c.v.is_not(None)))
    return select(used.c.v).where(used.c.v.is_not(None))


def owner_names(owner: str) -> AnySelect:
    """The owner names in use that read ``owner`` in any case, one index seek per name.

    ``lower(owner) = :owner`` is what they match, but written on the column no index
    answers it: an owner's agreements were found by reading every row (0.35-0.84 s at a
    million). The names come from ``owners_in_use``; their rows then from the owner index.
    """
    used = owners_in_use().subquery()
    return select(used.c.v).where(func.lower(used.c.v) == owner.lower())


def filtered(stmt: AnySelect, f: AgreementFilter) -> AnySelect:
    """``stmt`` (over agreements joined to partners and brand terms, see
    ``listing.joined_select``) keeping the agreements ``f`` asks for: what matches, exactly.
    How fast the rows are found is the first screen's business
    (``listing.first_screens.first_ids``).
    """
    if f.ids is not None:
        # Written into the SQL, not bound one parameter per id: a selection of 50,000 rows
        # would pass SQLite's limit on bound parameters.
        chosen: Any = bindparam("chosen_ids", sorted(f.ids), expanding=True, literal_execute=True)
        stmt = stmt.where(Agreement.id.in_(chosen))
    if f.types:
        stmt = stmt.where(Agreement.type.in_(sorted(f.types)))
    if f.statuses:
        stmt = stmt.where(Agreement.status.in_(sorted(f.statuses)))
    if f.owner:
        # By name as the lists show it, or by login as the CLI and scripts name people.
        owner = f.owner.strip()
        stmt = stmt.where(
            or_(Agreement.owner.in_(owner_names(owner)), Agreement.owner_login == owner)
        )
    if f.owner_login:
        stmt = stmt.where(Agreement.owner_login == f.owner_login.strip())
    if f.partner_id is not None:
        stmt = stmt.where(Agreement.partner_id == f.partner_id)
    if f.partner:
        stmt = stmt.where(Agreement.partner_id.in_(partners_named(f.partner.strip())))
    if f.search:
        text = f.search.strip()
        # What matches, exactly. It reads only the rows the text index leaves (see
        # _narrowed and app.services.search), or walks the sort order for a common term.
        # Partner names through a subquery on the small partners table: no join of a
        # million agreements is needed to search them.
        stmt = stmt.where(
            or_(
                contains_text(Agreement.reference, text),
                contains_text(Agreement.title, text),
                contains_text(Agreement.owner, text),
                contains_text(Agreement.description, text),
                Agreement.partner_id.in_(partners_named(text)),
            )
        )
    if f.operating_model is not None:
        stmt = stmt.where(BrandAgreement.operating_model == f.operating_model)
    if f.expiring_within is not None:
        today = f.today or date.today()
        stmt = stmt.where(
            Agreement.decision_date >= today,
            Agreement.decision_date <= today + timedelta(days=f.expiring_within),
        )
    if f.decision_from is not None:
        stmt = stmt.where(Agreement.decision_date >= f.decision_from)
    if f.decision_to is not None:
        stmt = stmt.where(Agreement.decision_date <= f.decision_to)
    if f.start_from is not None:
        stmt = stmt.where(Agreement.start_date >= f.start_from)
    if f.end_to is not None:
        stmt = stmt.where(Agreement.end_date <= f.end_to)
    return stmt
