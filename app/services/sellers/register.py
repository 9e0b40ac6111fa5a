"""A seller's company, stores, deposit and scorecard measures: create, change, read, list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.countries import is_country
from app.domain.enums import AuditAction
from app.domain.money import is_currency, minor_units, quantize
from app.domain.seller_models import Seller, SellerStore
from app.domain.sellers import DepositStatus, SellerStatus
from app.domain.text import clean_text, is_visible, refused_fields
from app.errors import ConflictError, FieldError, NotFoundError, ValidationError
from app.services.audit import current_actor, record_changes, record_event
from app.services.sellers.rows import SellerRow

ENTITY = "seller"


@dataclass(frozen=True, slots=True)
class StoreInput:
    name: str
    url: str = ""
    shop_id: str = ""


@dataclass(frozen=True, slots=True)
class SellerInput:
    legal_name: str
    country: str
    deposit_currency: str
    local_name: str | None = None
    status: SellerStatus = SellerStatus.ONBOARDING
    deposit_amount: Decimal = Decimal("0")
    deposit_status: DepositStatus = DepositStatus.PAID
    on_time_shipment_pct: Decimal | None = None
    dispute_rate_pct: Decimal | None = None
    rating: Decimal | None = None
    notes: str = ""
    stores: tuple[StoreInput, ...] = ()

    def __post_init__(self) -> None:
        for name in ("legal_name", "country", "deposit_currency"):
            object.__setattr__(self, name, clean_text(getattr(self, name)))
        object.__setattr__(self, "country", self.country.upper())
        object.__setattr__(self, "deposit_currency", self.deposit_currency.upper())
        if self.local_name is not None:
            object.__setattr__(self, "local_name", clean_text(self.local_name) or None)
        object.__setattr__(self, "notes", clean_text(self.notes, multiline=True))


def _exact(errors: list[FieldError], name: str, value: Decimal | None, top: Decimal) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite():
        errors.append(FieldError(name, "must be an exact decimal number"))
    elif not Decimal(0) <= value <= top:
        errors.append(FieldError(name, f"must be between 0 and {top}"))


def check_seller(data: SellerInput) -> None:
    errors: list[FieldError] = []
    if not is_visible(data.legal_name):
        errors.append(FieldError("legal_name", "a seller needs its legal name"))
    if not is_country(data.country):
        errors.append(FieldError("country", f"{data.country!r} is not an ISO 3166 country code"))
    if not is_currency(data.deposit_currency):
        errors.append(
            FieldError("deposit_currency", f"{data.deposit_currency!r} is not an ISO 4217 code")
        )
    _exact(errors, "deposit_amount", data.deposit_amount, Decimal("1e15"))
    if is_currency(data.deposit_currency) and isinstance(data.deposit_amount, Decimal):
        places = minor_units(data.deposit_currency)
        exponent = data.deposit_amount.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            errors.append(
                FieldError(
                    "deposit_amount",
                    f"{data.deposit_currency} has {places} decimal places; "
                    f"{data.deposit_amount} has more",
                )
            )
    _exact(errors, "on_time_shipment_pct", data.on_time_shipment_pct, Decimal(100))
    _exact(errors, "dispute_rate_pct", data.dispute_rate_pct, Decimal(100))
    _exact(errors, "rating", data.rating, Decimal(5))
    errors += [
        FieldError(f, why)
        for f, why in refused_fields(legal_name=data.legal_name, local_name=data.local_name)
    ]
    errors += store_problems(data.stores)
    if errors:
        raise ValidationError(errors)


# The store columns' widths (seller_models.SellerStore).
STORE_LIMITS = {"name": 200, "url": 300, "shop_id": 64}


def store_problems(stores: tuple[StoreInput, ...]) -> list[FieldError]:
    """Each store's problem as one line: which store, which part, why."""
    errors: list[FieldError] = []
    names: set[str] = set()
    shops: set[str] = set()
    for i, store in enumerate(stores, 1):
        name, url, shop = (clean_text(v) for v in (store.name, store.url, store.shop_id))
        if not is_visible(name):
            errors.append(FieldError("stores", f"store {i} needs a name"))
        elif name.casefold() in names:
            errors.append(FieldError("stores", f"store {i}: {name} is listed twice"))
        names.add(name.casefold())
        if url and not url.lower().startswith(("https://", "http://")):
            errors.append(
                FieldError("stores", f"store {i}: {url!r} is not a web address (https://…)")
            )
        if shop and shop in shops:
            errors.append(FieldError("stores", f"store {i}: shop id {shop} is listed twice"))
        shops.add(shop)
        for part, value in (("name", name), ("url", url), ("shop_id", shop)):
            if len(value) > STORE_LIMITS[part]:
                errors.append(
                    FieldError(
                        "stores",
                        f"store {i}: the {part.replace('_', ' ')} is longer than "
                        f"{STORE_LIMITS[part]} characters",
                    )
                )
    return errors


@dataclass(frozen=True, slots=True)
class StoreView:
    name: str
    url: str
    shop_id: str


@dataclass(frozen=True, slots=True)
class SellerView:
    id: int
    legal_name: str
    local_name: str | None
    country: str
    status: SellerStatus
    deposit_amount: Decimal
    deposit_currency: str
    deposit_status: DepositStatus
    on_time_shipment_pct: Decimal | None
    dispute_rate_pct: Decimal | None
    rating: Decimal | None
    notes: str
    version: int
    stores: tuple[StoreView, ...] = field(default=())

    @property
    def display_name(self) -> str:
        if self.local_name and self.local_name != self.legal_name:
            return f"{self.legal_name} ({self.local_name})"
        return self.legal_name


# What the audit trail follows of a seller (stores as one line).
AUDITED = (
    "legal_name", "local_name", "country", "status", "deposit_amount", "deposit_currency",
    "deposit_status", "on_time_shipment_pct", "dispute_rate_pct", "rating", "notes",
)  # fmt: skip


def _audited(s: Seller) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(s, name) for name in AUDITED}
    values["stores"] = "; ".join(f"{st.name} {st.url} {st.shop_id}".strip() for st in s.stores)
    return values


def _apply(s: Seller, data: SellerInput) -> None:
    s.legal_name = data.legal_name
    s.local_name = data.local_name
    s.country = data.country
    s.status = data.status
    s.deposit_amount = quantize(data.deposit_amount)
    s.deposit_currency = data.deposit_currency
    s.deposit_status = data.deposit_status
    s.on_time_shipment_pct = data.on_time_shipment_pct
    s.dispute_rate_pct = data.dispute_rate_pct
    s.rating = data.rating
    s.notes = data.notes
    s.stores = [
        SellerStore(
            name=clean_text(st.name), url=clean_text(st.url), shop_id=clean_text(st.shop_id)
        )
        for st in data.stores
    ]


def _check_unique(session: Session, data: SellerInput, seller_id: int | None) -> None:
    found = session.scalar(
        select(Seller.id).where(
            Seller.legal_name == data.legal_name, Seller.country == data.country
        )
    )
    if found is not None and found != seller_id:
        raise ValidationError(
            [FieldError("legal_name", f"a seller {data.legal_name} in {data.country} exists")]
        )
    # A platform shop id is one store of one seller.
    shops = {clean_text(st.shop_id) for st in data.stores} - {""}
    if shops:
        query = (
            select(SellerStore.shop_id, Seller.legal_name)
            .join(Seller, Seller.id == SellerStore.seller_id)
            .where(SellerStore.shop_id.in_(sorted(shops)))
            .order_by(SellerStore.shop_id)
        )
        if seller_id is not None:
            query = query.where(Seller.id != seller_id)
        taken = session.execute(query).first()
        if taken is not None:
            raise ValidationError(
                [FieldError("stores", f"shop id {taken[0]} is a store of {taken[1]}")]
            )


def create_seller(session: Session, data: SellerInput, actor: str | None = None) -> SellerView:
    check_seller(data)
    _check_unique(session, data, None)
    seller = Seller()
    _apply(seller, data)
    session.add(seller)
    session.flush()
    record_event(
        session,
        actor=actor or current_actor(),
        entity=ENTITY,
        entity_id=seller.id,
        action=AuditAction.CREATE,
        summary=seller.legal_name,
    )
    return seller_view(seller)


def _load(session: Session, seller_id: int) -> Seller:
    seller = session.get(Seller, seller_id, options=[selectinload(Seller.stores)])
    if seller is None:
        raise NotFoundError(f"no seller with id {seller_id}")
    return seller


def update_seller(
    session: Session,
    seller_id: int,
    data: SellerInput,
    expected_version: int | None = None,
    actor: str | None = None,
) -> SellerView:
    check_seller(data)
    seller = _load(session, seller_id)
    if expected_version is not None and seller.version != expected_version:
        raise ConflictError(f"seller {seller.legal_name} was changed by someone else; reload it")
    _check_unique(session, data, seller_id)
    _check_deposit(session, seller, data)
    before = _audited(seller)
    _apply(seller, data)
    session.flush()
    record_changes(
        session,
        actor=actor or current_actor(),
        entity=ENTITY,
        entity_id=seller.id,
        before=before,
        after=_audited(seller),
    )
    return seller_view(seller)


def _check_deposit(session: Session, seller: Seller, data: SellerInput) -> None:
    """A deposit cannot shrink below what was already taken from it, nor change currency
    once something was taken (the deductions are amounts in the deposit's currency)."""
    from app.services.sellers.supervision import deducted

    taken = deducted(session, seller.id)
    if not taken:
        return
    currency = seller.deposit_currency
    if data.deposit_currency != currency:
        raise ValidationError([FieldError(
            "deposit_currency",
            f"{taken} {currency} was already deducted from the deposit; it stays in {currency}",
        )])  # fmt: skip
    if data.deposit_amount < taken:
        raise ValidationError([FieldError(
            "deposit_amount",
            f"{taken} {currency} was already deducted; the deposit cannot be less than that",
        )])  # fmt: skip


def seller_view(s: Seller) -> SellerView:
    return SellerView(
        s.id, s.legal_name, s.local_name, s.country, s.status, s.deposit_amount,
        s.deposit_currency, s.deposit_status, s.on_time_shipment_pct, s.dispute_rate_pct,
        s.rating, s.notes, s.version,
        tuple(StoreView(st.name, st.url, st.shop_id) for st in s.stores),
    )  # fmt: skip


def get_seller(session: Session, seller_id: int) -> SellerView:
    return seller_view(_load(session, seller_id))


def find_seller(session: Session, name: str) -> SellerView:
    """By legal or local name, as a person types it in a file."""
    name = clean_text(name)
    found = session.scalars(
        select(Seller)
        .where((Seller.legal_name == name) | (Seller.local_name == name))
        .options(selectinload(Seller.stores))
    ).all()
    if not found:
        raise NotFoundError(f"no seller named {name!r}")
    if len(found) > 1:
        raise NotFoundError(f"{len(found)} sellers are named {name!r}; name the country too")
    return seller_view(found[0])


def list_sellers(session: Session, as_of: date | None = None) -> list[SellerRow]:
    # The supervision module reads violations; imported here to keep the two one-way.
    from app.services.sellers.supervision import seller_rows

    return seller_rows(session, as_of or date.today())
