"""The import format's columns as people know them, in the language of the window.

The wizard's mapping offers these names ("Commission rate %", "佣金比例 %"), not the
identifiers of the file format (``commission_rate_pct``), which stay in the tooltip for
whoever writes files by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.services.import_format import TERM_SPECS
from ui import i18n

translate = QCoreApplication.translate

_COMMON: dict[str, Callable[[], str]] = {
    "reference": lambda: translate("ImportColumns", "Reference"),
    "title": lambda: translate("ImportColumns", "Title"),
    "type": lambda: translate("ImportColumns", "Cooperation type"),
    "status": lambda: translate("ImportColumns", "Status"),
    "partner": lambda: translate("ImportColumns", "Partner"),
    "partner_local_name": lambda: translate("ImportColumns", "Partner's local name"),
    "partner_country": lambda: translate("ImportColumns", "Partner's country"),
    "owner": lambda: translate("ImportColumns", "Owner"),
    "currency": lambda: translate("ImportColumns", "Currency"),
    "value": lambda: translate("ImportColumns", "Contract value"),
    "signed_date": lambda: translate("ImportColumns", "Signed"),
    "start_date": lambda: translate("ImportColumns", "Start date"),
    "end_date": lambda: translate("ImportColumns", "End date"),
    "notice_days": lambda: translate("ImportColumns", "Notice period (days)"),
    "auto_renew": lambda: translate("ImportColumns", "Auto-renewal"),
    "renewal_months": lambda: translate("ImportColumns", "Renewal term (months)"),
    "governing_law": lambda: translate("ImportColumns", "Governing law"),
    "territories": lambda: translate("ImportColumns", "Territories"),
    "description": lambda: translate("ImportColumns", "Description"),
}
_PARTNER: dict[str, Callable[[], str]] = {
    "legal_name": lambda: translate("ImportColumns", "Legal name"),
    "local_name": lambda: translate("ImportColumns", "Local-script name"),
    "country": lambda: translate("ImportColumns", "Country"),
    "roles": lambda: translate("ImportColumns", "Roles"),
    "status": lambda: translate("ImportColumns", "Status"),
    "website": lambda: translate("ImportColumns", "Website"),
    "notes": lambda: translate("ImportColumns", "Notes"),
    "contacts": lambda: translate("ImportColumns", "Contacts"),
    "address": lambda: translate("ImportColumns", "Registered address"),
    "registration_number": lambda: translate("ImportColumns", "Registration number"),
}


def column_label(kind: str, column: str) -> str:
    """What the column is called in the window's language; the identifier if unknown."""
    names = _PARTNER if kind == "partners" else _COMMON
    if column in names:
        return names[column]()
    spec = TERM_SPECS.get(column)
    if spec is not None:
        return spec.label_zh if i18n.current_language().startswith("zh") else spec.label
    return column
