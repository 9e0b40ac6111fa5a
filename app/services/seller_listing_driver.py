"""The sellers list through the database's driver (``sqlite3``, ``psycopg``): no SQLAlchemy.

``partnerdesk list sellers`` answers as ``list agreements`` does (see
``app.services.listing_driver``, whose connection it reads through): the same facts as
``app.services.sellers.supervision.seller_rows`` reads, with the same SQL written out here,
turned into lines by the same ``app.services.sellers.rows.seller_lines``;
``tests/services/test_listing_driver.py`` holds the two together on both engines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.domain.sellers import COUNTED_VIOLATIONS, DepositStatus, SellerStatus
from app.services.listing_driver import Params, is_server
from app.services.sellers.rows import SellerRow, seller_lines

if TYPE_CHECKING:
    from app.services.listing_driver import Connection

# How the seller models store what this module reads (the test compares them): money is
# ScaledDecimal(18, 2), a percentage ScaledDecimal(9, 4), the rating ScaledDecimal(4, 2);
# on SQLite each an integer count of its unit, on PostgreSQL a NUMERIC of that scale.
MONEY_SCALE = 2
PERCENT_SCALE = 4
RATING_SCALE = 2

_SELLERS = (
    "SELECT id, legal_name, local_name, country, status, deposit_currency, deposit_amount, "
    "deposit_status, on_time_shipment_pct, dispute_rate_pct, rating FROM sellers "
    "ORDER BY legal_name, country, id"
)
_STORES = "SELECT seller_id, count(*) FROM seller_stores GROUP BY seller_id"
_BRANDS = "SELECT seller_id, brand FROM seller_brands"


@dataclass(frozen=True, slots=True)
class _Seller:
    """A seller as ``seller_lines`` reads it (``rows.SellerFacts``)."""

    id: int
    legal_name: str
    local_name: str | None
    country: str
    status: SellerStatus
    deposit_currency: str
    deposit_amount: Decimal
    deposit_status: DepositStatus
    on_time_shipment_pct: Decimal | None
    dispute_rate_pct: Decimal | None
    rating: Decimal | None


def _decimal(server: bool, value: Any, scale: int) -> Decimal | None:
    """As ``ScaledDecimal`` reads a column: integer units on SQLite, NUMERIC on a server."""
    if value is None:
        return None
    unit = Decimal(1).scaleb(-scale)
    exact = Decimal(value) if server else Decimal(int(value)) * unit
    return exact.quantize(unit)


def _money(server: bool, value: Any) -> Decimal:
    amount = _decimal(server, value, MONEY_SCALE)
    assert amount is not None  # the money columns read here are NOT NULL
    return amount


def list_sellers(conn: Connection, as_of: date | None = None) -> list[SellerRow]:
    """``app.services.sellers.register.list_sellers``, read through the driver."""
    server = is_server(conn)
    sellers = []
    for r in conn.execute(_SELLERS):
        sellers.append(_Seller(
            r[0], r[1], r[2], r[3], SellerStatus(r[4]), r[5], _money(server, r[6]),
            DepositStatus(r[7]), _decimal(server, r[8], PERCENT_SCALE),
            _decimal(server, r[9], PERCENT_SCALE), _decimal(server, r[10], RATING_SCALE),
        ))  # fmt: skip
    bind = Params(server=server)
    counted = ", ".join(bind(v.value) for v in sorted(COUNTED_VIOLATIONS))
    violations = conn.execute(
        "SELECT seller_id, occurred_on, deduction FROM seller_violations "
        f"WHERE status IN ({counted})",
        bind,
    ).fetchall()

    def facts() -> Iterator[tuple[int, date, Decimal]]:
        for seller_id, occurred, deduction in violations:
            day = occurred if server else date.fromisoformat(occurred)
            yield seller_id, day, _money(server, deduction)

    stores = {r[0]: int(r[1]) for r in conn.execute(_STORES)}
    brands = [(r[0], r[1]) for r in conn.execute(_BRANDS)]
    return seller_lines(sellers, facts(), stores, brands, as_of or date.today())
