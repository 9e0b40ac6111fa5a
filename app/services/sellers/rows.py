"""The sellers list's lines from plain facts: the arithmetic both ways of reading share.

The window and the ORM path read the facts with SQLAlchemy
(``app.services.sellers.supervision.seller_rows``), ``partnerdesk list sellers`` through
the driver (``app.services.seller_listing_driver``); both hand them here, so a balance or a
grade cannot differ between the two. Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from app.domain.enums import Attainment
from app.domain.sellers import VIOLATION_WINDOW_DAYS, DepositStatus, SellerStatus, scorecard

NOTHING_TAKEN = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class SellerRow:
    """One line of the sellers list: the register and the supervision at a glance."""

    id: int
    legal_name: str
    local_name: str | None
    country: str
    status: SellerStatus
    stores: int
    brands: tuple[str, ...]
    deposit_currency: str
    deposit_amount: Decimal
    deposit_balance: Decimal
    deposit_status: DepositStatus
    violations_12m: int
    scorecard: Attainment


class SellerFacts(Protocol):
    """What a line needs of a seller: the ORM's ``Seller`` has it, so has the driver's row."""

    @property
    def id(self) -> int: ...
    @property
    def legal_name(self) -> str: ...
    @property
    def local_name(self) -> str | None: ...
    @property
    def country(self) -> str: ...
    @property
    def status(self) -> SellerStatus: ...
    @property
    def deposit_currency(self) -> str: ...
    @property
    def deposit_amount(self) -> Decimal: ...
    @property
    def deposit_status(self) -> DepositStatus: ...
    @property
    def on_time_shipment_pct(self) -> Decimal | None: ...
    @property
    def dispute_rate_pct(self) -> Decimal | None: ...
    @property
    def rating(self) -> Decimal | None: ...


def window_start(as_of: date) -> date:
    """The day before the 12 months that "violations in the last 12 months" counts."""
    return as_of - timedelta(days=VIOLATION_WINDOW_DAYS)


def grade(seller: SellerFacts, violations_12m: int) -> tuple[Attainment, dict[str, Attainment]]:
    return scorecard(
        {
            "on_time_shipment_pct": seller.on_time_shipment_pct,
            "dispute_rate_pct": seller.dispute_rate_pct,
            "rating": seller.rating,
            "violations_12m": Decimal(violations_12m),
        }
    )


def violation_counts(
    counted: Iterable[tuple[int, date, Decimal]], as_of: date
) -> dict[int, tuple[int, Decimal]]:
    """Per seller, from its counted violations (seller, day, deduction): how many fell in
    the last 12 months, and all they deducted."""
    recent: dict[int, int] = defaultdict(int)
    taken: dict[int, Decimal] = defaultdict(lambda: NOTHING_TAKEN)
    start = window_start(as_of)
    for seller_id, occurred, deduction in counted:
        if start < occurred <= as_of:
            recent[seller_id] += 1
        taken[seller_id] += deduction
    return {k: (recent[k], taken[k]) for k in taken}


def seller_lines(
    sellers: Iterable[SellerFacts],
    counted: Iterable[tuple[int, date, Decimal]],
    stores: Mapping[int, int],
    brands: Iterable[tuple[int, str]],
    as_of: date,
) -> list[SellerRow]:
    """The list's lines, in the order ``sellers`` come (name, then country)."""
    counts = violation_counts(counted, as_of)
    sold: dict[int, set[str]] = defaultdict(set)
    for seller_id, brand in brands:
        sold[seller_id].add(brand)
    rows = []
    for s in sellers:
        recent, taken = counts.get(s.id, (0, NOTHING_TAKEN))
        # A forfeited deposit is ours: nothing of it is left, whatever was deducted.
        forfeited = s.deposit_status is DepositStatus.FORFEITED
        balance = NOTHING_TAKEN if forfeited else s.deposit_amount - taken
        rows.append(SellerRow(
            s.id, s.legal_name, s.local_name, s.country, s.status, stores.get(s.id, 0),
            tuple(sorted(sold[s.id])), s.deposit_currency, s.deposit_amount, balance,
            s.deposit_status, recent, grade(s, recent)[0],
        ))  # fmt: skip
    return rows
