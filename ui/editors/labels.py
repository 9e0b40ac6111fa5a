"""People's names for the stored enum values, translated through Qt."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication


def _labels() -> dict[str, str]:
    # Literal strings in translate() calls, so that lupdate finds every one.
    return {
        "draft": QCoreApplication.translate("EnumLabel", "Draft"),
        "negotiation": QCoreApplication.translate("EnumLabel", "Negotiation"),
        "pending_approval": QCoreApplication.translate("EnumLabel", "Pending approval"),
        "active": QCoreApplication.translate("EnumLabel", "Active"),
        "expired": QCoreApplication.translate("EnumLabel", "Expired"),
        "terminated": QCoreApplication.translate("EnumLabel", "Terminated"),
        "renewed": QCoreApplication.translate("EnumLabel", "Renewed"),
        "brand": QCoreApplication.translate("EnumLabel", "Brand"),
        "logistics": QCoreApplication.translate("EnumLabel", "Logistics"),
        "marketing": QCoreApplication.translate("EnumLabel", "Marketing"),
        "payment": QCoreApplication.translate("EnumLabel", "Payment"),
        "platform": QCoreApplication.translate("EnumLabel", "Platform"),
        "green": QCoreApplication.translate("EnumLabel", "Green"),
        "amber": QCoreApplication.translate("EnumLabel", "Amber"),
        "red": QCoreApplication.translate("EnumLabel", "Red"),
        "no_data": QCoreApplication.translate("EnumLabel", "No data"),
        "create": QCoreApplication.translate("EnumLabel", "Create"),
        "update": QCoreApplication.translate("EnumLabel", "Update"),
        "delete": QCoreApplication.translate("EnumLabel", "Delete"),
        "exclusive_distributor": QCoreApplication.translate("EnumLabel", "Exclusive distributor"),
        "authorised_distributor": QCoreApplication.translate("EnumLabel", "Authorised distributor"),
        "authorised_reseller": QCoreApplication.translate("EnumLabel", "Authorised reseller"),
        "flagship_store": QCoreApplication.translate("EnumLabel", "Flagship store"),
        "partner": QCoreApplication.translate("EnumLabel", "Partner"),
        "merchant": QCoreApplication.translate("EnumLabel", "Merchant"),
        "shared": QCoreApplication.translate("EnumLabel", "Shared"),
        "signed_contract": QCoreApplication.translate("EnumLabel", "Signed contract"),
        "amendment": QCoreApplication.translate("EnumLabel", "Amendment"),
        "brand_authorisation": QCoreApplication.translate("EnumLabel", "Brand authorisation"),
        "trademark_certificate": QCoreApplication.translate("EnumLabel", "Trademark certificate"),
        "payment_licence": QCoreApplication.translate("EnumLabel", "Payment licence"),
        "customs_licence": QCoreApplication.translate("EnumLabel", "Customs licence"),
        "business_licence": QCoreApplication.translate("EnumLabel", "Business licence"),
        "import_permit": QCoreApplication.translate("EnumLabel", "Import permit"),
        "other": QCoreApplication.translate("EnumLabel", "Other"),
        "higher": QCoreApplication.translate("EnumLabel", "Higher is better"),
        "lower": QCoreApplication.translate("EnumLabel", "Lower is better"),
        "first_mile": QCoreApplication.translate("EnumLabel", "First mile"),
        "international_freight": QCoreApplication.translate("EnumLabel", "International freight"),
        "customs_clearance": QCoreApplication.translate("EnumLabel", "Customs clearance"),
        "bonded_warehouse": QCoreApplication.translate("EnumLabel", "Bonded warehouse"),
        "last_mile": QCoreApplication.translate("EnumLabel", "Last mile"),
        "online_ads": QCoreApplication.translate("EnumLabel", "Online ads"),
        "offline_promotion": QCoreApplication.translate("EnumLabel", "Offline promotion"),
        "livestream": QCoreApplication.translate("EnumLabel", "Livestream"),
        "social_kol": QCoreApplication.translate("EnumLabel", "Social / KOL"),
        "search": QCoreApplication.translate("EnumLabel", "Search"),
        "open": QCoreApplication.translate("EnumLabel", "Open"),
        "done": QCoreApplication.translate("EnumLabel", "Done"),
        "waived": QCoreApplication.translate("EnumLabel", "Waived"),
        "direct": QCoreApplication.translate("EnumLabel", "Direct sales"),
        "brand_owner": QCoreApplication.translate("EnumLabel", "Brand owner"),
        "logistics_provider": QCoreApplication.translate("EnumLabel", "Logistics provider"),
        "marketing_channel": QCoreApplication.translate("EnumLabel", "Marketing channel"),
        "payment_institution": QCoreApplication.translate("EnumLabel", "Payment institution"),
        "ecommerce_platform": QCoreApplication.translate("EnumLabel", "E-commerce platform"),
        "prospect": QCoreApplication.translate("EnumLabel", "Prospect"),
        "inactive": QCoreApplication.translate("EnumLabel", "Inactive"),
        "card": QCoreApplication.translate("EnumLabel", "Card"),
        "alipay": QCoreApplication.translate("EnumLabel", "Alipay"),
        "wechat_pay": QCoreApplication.translate("EnumLabel", "WeChat Pay"),
        "unionpay": QCoreApplication.translate("EnumLabel", "UnionPay"),
        "bank_transfer": QCoreApplication.translate("EnumLabel", "Bank transfer"),
        "wallet": QCoreApplication.translate("EnumLabel", "Wallet"),
        "per_kg": QCoreApplication.translate("EnumLabel", "Per kg"),
        "per_parcel": QCoreApplication.translate("EnumLabel", "Per parcel"),
        "per_cbm": QCoreApplication.translate("EnumLabel", "Per CBM"),
        "per_container": QCoreApplication.translate("EnumLabel", "Per container"),
        "percent_of_value": QCoreApplication.translate("EnumLabel", "Percent of value"),
        "users": QCoreApplication.translate("EnumLabel", "Users"),
        "traffic": QCoreApplication.translate("EnumLabel", "Traffic"),
        "inventory": QCoreApplication.translate("EnumLabel", "Inventory"),
        "data": QCoreApplication.translate("EnumLabel", "Data"),
    }


def enum_label(value: StrEnum | str) -> str:
    key = value.value if isinstance(value, StrEnum) else value
    return _labels().get(key) or key.replace("_", " ").capitalize()
