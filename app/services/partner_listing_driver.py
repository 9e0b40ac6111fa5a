"""The partners list through the database's driver (``sqlite3``, ``psycopg``): no SQLAlchemy.

``partnerdesk list partners`` answers as ``list agreements`` does (see
``app.services.listing_driver``, whose connection it reads through): the same rows as
``app.services.partner_listing.list_partners`` with the same SQL, written out here;
``tests/services/test_listing_driver.py`` holds the two together on both engines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.enums import PartnerRole, PartnerStatus
from app.services.listing_driver import Params, contains, is_server
from app.services.listing_rows import PartnerFilter, PartnerRow

if TYPE_CHECKING:
    from app.services.listing_driver import Connection

# partner_listing.partner_query's order: the column, then the id (ascending either way).
SORT_COLUMNS = {
    "legal_name": "p.legal_name",
    "local_name": "p.local_name",
    "country": "p.country",
    "status": "p.status",
    "agreement_count": "agreement_count",
}
_COUNTED = (
    "SELECT p.id, p.legal_name, p.local_name, p.country, p.status, "
    "coalesce(c.n, 0) AS agreement_count FROM partners AS p LEFT OUTER JOIN "
    "(SELECT agreements.partner_id AS partner_id, count(*) AS n FROM agreements "
    "GROUP BY agreements.partner_id) AS c ON c.partner_id = p.id"
)


def _conditions(f: PartnerFilter, bind: Params) -> list[str]:
    """``partner_listing.partner_query``'s filter, clause by clause."""
    where = []
    if f.ids is not None:
        chosen = sorted(f.ids)
        listed = ", ".join(str(int(i)) for i in chosen)
        where.append(f"p.id IN ({listed})" if chosen else "p.id IN (NULL) AND (1 != 1)")
    if f.search:
        names = [contains(c, f.search, bind) for c in ("p.legal_name", "p.local_name")]
        where.append(f"({' OR '.join(names)})")
    if f.country:
        where.append(f"p.country = {bind(f.country.upper())}")
    if f.status:
        where.append(f"p.status = {bind(f.status.value)}")
    roles = set(f.roles_any) | ({f.role} if f.role else set())
    if roles:
        chosen_roles = ", ".join(bind(r.value) for r in sorted(roles))
        where.append(
            "p.id IN (SELECT partner_roles.partner_id FROM partner_roles "
            f"WHERE partner_roles.role IN ({chosen_roles}))"
        )
    return where


def list_partners(
    conn: Connection,
    f: PartnerFilter | None = None,
    *,
    sort: str = "legal_name",
    descending: bool = False,
    offset: int = 0,
    limit: int | None = None,
) -> list[PartnerRow]:
    """``partner_listing.list_partners``, read through the driver."""
    bind = Params(server=is_server(conn))
    where = _conditions(f or PartnerFilter(), bind)
    filtered = f" WHERE {' AND '.join(where)}" if where else ""
    column = SORT_COLUMNS.get(sort, SORT_COLUMNS["legal_name"])
    sql = f"{_COUNTED}{filtered} ORDER BY {column} {'DESC' if descending else 'ASC'}, p.id ASC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    elif offset and not bind.server:
        sql += " LIMIT -1"  # SQLite has no OFFSET without a LIMIT
    if offset:
        sql += f" OFFSET {int(offset)}"
    found = conn.execute(sql, bind).fetchall()
    # Each partner's roles in the relationship's order (by role), for every partner the
    # filter keeps: a page of them is a few hundred rows at most.
    roles: dict[int, list[PartnerRole]] = {}
    of_kept = (
        "SELECT r.partner_id, r.role FROM partner_roles AS r "
        f"WHERE r.partner_id IN (SELECT p.id FROM partners AS p{filtered}) ORDER BY r.role"
    )
    for partner_id, role in conn.execute(of_kept, bind):
        roles.setdefault(partner_id, []).append(PartnerRole(role))
    return [
        PartnerRow(
            r[0], r[1], r[2], r[3], PartnerStatus(r[4]), tuple(roles.get(r[0], ())), int(r[5])
        )
        for r in found
    ]
