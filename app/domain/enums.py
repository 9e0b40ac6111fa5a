"""The closed vocabularies of the domain.

Values are the stable strings stored in the database and used by the command line,
CSV files and JSON; labels for people live in the UI and report layers.
"""

from __future__ import annotations

from enum import StrEnum


class AgreementType(StrEnum):
    BRAND = "brand"
    LOGISTICS = "logistics"
    MARKETING = "marketing"
    PAYMENT = "payment"
    PLATFORM = "platform"

    @property
    def prefix(self) -> str:
        """Two letters that start a generated reference (``BR-2026-0042``)."""
        return _PREFIXES[self]


_PREFIXES = {
    AgreementType.BRAND: "BR",
    AgreementType.LOGISTICS: "LG",
    AgreementType.MARKETING: "MK",
    AgreementType.PAYMENT: "PY",
    AgreementType.PLATFORM: "PF",
}


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    NEGOTIATION = "negotiation"
    PENDING_APPROVAL = "pending_approval"
    ACTIVE = "active"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    RENEWED = "renewed"


class OperatingModel(StrEnum):
    """How a brand's goods reach consumers (brand agreements only)."""

    DIRECT = "direct"  # we buy, warehouse and ship
    PLATFORM = "platform"  # a third-party seller buys and ships; we provide the channel


class PartnerRole(StrEnum):
    BRAND_OWNER = "brand_owner"
    LOGISTICS_PROVIDER = "logistics_provider"
    MARKETING_CHANNEL = "marketing_channel"
    PAYMENT_INSTITUTION = "payment_institution"
    ECOMMERCE_PLATFORM = "ecommerce_platform"


class PartnerStatus(StrEnum):
    PROSPECT = "prospect"
    ACTIVE = "active"
    INACTIVE = "inactive"


class KpiDirection(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class Attainment(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_DATA = "no_data"


class MilestoneStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    WAIVED = "waived"


class DocumentKind(StrEnum):
    SIGNED_CONTRACT = "signed_contract"
    AMENDMENT = "amendment"
    BRAND_AUTHORISATION = "brand_authorisation"
    TRADEMARK_CERTIFICATE = "trademark_certificate"
    PAYMENT_LICENCE = "payment_licence"
    CUSTOMS_LICENCE = "customs_licence"
    OTHER = "other"


class AuthorisationLevel(StrEnum):
    EXCLUSIVE_DISTRIBUTOR = "exclusive_distributor"
    AUTHORISED_DISTRIBUTOR = "authorised_distributor"
    AUTHORISED_RESELLER = "authorised_reseller"
    FLAGSHIP_STORE = "flagship_store"


class LogisticsService(StrEnum):
    FIRST_MILE = "first_mile"
    INTERNATIONAL_FREIGHT = "international_freight"
    CUSTOMS_CLEARANCE = "customs_clearance"
    BONDED_WAREHOUSE = "bonded_warehouse"
    LAST_MILE = "last_mile"


class RateBasis(StrEnum):
    PER_KG = "per_kg"
    PER_PARCEL = "per_parcel"
    PER_CBM = "per_cbm"
    PER_CONTAINER = "per_container"
    PERCENT_OF_VALUE = "percent_of_value"


class MarketingChannel(StrEnum):
    ONLINE_ADS = "online_ads"
    OFFLINE_PROMOTION = "offline_promotion"
    LIVESTREAM = "livestream"
    SOCIAL_KOL = "social_kol"
    SEARCH = "search"


class PaymentMethod(StrEnum):
    CARD = "card"
    ALIPAY = "alipay"
    WECHAT_PAY = "wechat_pay"
    UNIONPAY = "unionpay"
    BANK_TRANSFER = "bank_transfer"
    WALLET = "wallet"


class ChargebackLiability(StrEnum):
    PARTNER = "partner"
    PLATFORM = "platform"
    MERCHANT = "merchant"
    SHARED = "shared"


class SharedResource(StrEnum):
    USERS = "users"
    TRAFFIC = "traffic"
    INVENTORY = "inventory"
    DATA = "data"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class PaymentTerms(StrEnum):
    """When a direct-sales purchase is paid (brand agreements, direct sales)."""

    PREPAYMENT = "prepayment"
    NET_30 = "net_30"
    NET_60 = "net_60"
    LETTER_OF_CREDIT = "letter_of_credit"


class InventoryHolder(StrEnum):
    """Who holds the stock bought under a direct-sales agreement."""

    PLATFORM = "platform"
    BRAND = "brand"
    THIRD_PARTY_WAREHOUSE = "third_party_warehouse"


class ImportMode(StrEnum):
    """How cross-border goods enter the market (logistics agreements)."""

    BONDED_IMPORT = "bonded_import"  # stocked in a bonded warehouse, cleared per order
    DIRECT_MAIL = "direct_mail"  # shipped per parcel from abroad
    GENERAL_TRADE = "general_trade"  # cleared in bulk, duty paid at the border


class DutyPayer(StrEnum):
    """Who pays import duty and VAT."""

    PLATFORM = "platform"
    PARTNER = "partner"
    CONSUMER = "consumer"
    SHARED = "shared"


class Festival(StrEnum):
    """The shopping festival or occasion a marketing campaign is built around."""

    DOUBLE_11 = "double_11"
    FESTIVAL_618 = "618"
    BLACK_FRIDAY = "black_friday"
    CHINESE_NEW_YEAR = "chinese_new_year"
    BRAND_DAY = "brand_day"
    OTHER = "other"
