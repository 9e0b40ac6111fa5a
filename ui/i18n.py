"""Language: the Qt translator, and the words people see for the domain's vocabularies.

Every label goes through ``QCoreApplication.translate`` with a literal, so ``pyside6-lupdate``
finds it; the functions are called at display time, so a language switch takes effect on
the next repaint.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    OperatingModel,
    PartnerRole,
    PartnerStatus,
)

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_installed: list[QTranslator] = []


def system_language() -> str:
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def current_language() -> str:
    return "zh_CN" if _installed else "en"


def install(app: QApplication, language: str) -> bool:
    """Switch the application to ``language`` ("en", "zh_CN"); True if it took effect.

    Installing or removing a translator sends every widget a LanguageChange event.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language in ("", "system"):
        language = system_language()
    if language == "en":
        return True
    translator = QTranslator(app)
    if not translator.load(str(I18N_DIR / f"partnerdesk_{language}.qm")):
        return False
    # Qt's own words (OK, Cancel, Yes, the context menu of a line edit) from Qt's catalogue.
    qt_words = QTranslator(app)
    if qt_words.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_words)
        _installed.append(qt_words)
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def type_label(value: AgreementType) -> str:
    return {
        AgreementType.BRAND: QCoreApplication.translate("Labels", "Brand"),
        AgreementType.LOGISTICS: QCoreApplication.translate("Labels", "Logistics"),
        AgreementType.MARKETING: QCoreApplication.translate("Labels", "Marketing"),
        AgreementType.PAYMENT: QCoreApplication.translate("Labels", "Payment"),
        AgreementType.PLATFORM: QCoreApplication.translate("Labels", "Platform"),
    }[value]


def status_label(value: AgreementStatus) -> str:
    return {
        AgreementStatus.DRAFT: QCoreApplication.translate("Labels", "Draft"),
        AgreementStatus.NEGOTIATION: QCoreApplication.translate("Labels", "Negotiation"),
        AgreementStatus.PENDING_APPROVAL: QCoreApplication.translate("Labels", "Pending approval"),
        AgreementStatus.ACTIVE: QCoreApplication.translate("Labels", "Active"),
        AgreementStatus.EXPIRED: QCoreApplication.translate("Labels", "Expired"),
        AgreementStatus.TERMINATED: QCoreApplication.translate("Labels", "Terminated"),
        AgreementStatus.RENEWED: QCoreApplication.translate("Labels", "Renewed"),
    }[value]


def operating_model_label(value: OperatingModel | str | None) -> str:
    if value is None or value == "":
        return ""
    return {
        OperatingModel.DIRECT: QCoreApplication.translate("Labels", "Direct sales"),
        OperatingModel.PLATFORM: QCoreApplication.translate("Labels", "Platform (third-party)"),
    }[OperatingModel(value)]


def role_label(value: PartnerRole) -> str:
    return {
        PartnerRole.BRAND_OWNER: QCoreApplication.translate("Labels", "Brand owner"),
        PartnerRole.LOGISTICS_PROVIDER: QCoreApplication.translate("Labels", "Logistics provider"),
        PartnerRole.MARKETING_CHANNEL: QCoreApplication.translate("Labels", "Marketing channel"),
        PartnerRole.PAYMENT_INSTITUTION: QCoreApplication.translate(
            "Labels", "Payment institution"
        ),
        PartnerRole.ECOMMERCE_PLATFORM: QCoreApplication.translate("Labels", "E-commerce platform"),
    }[value]


def partner_status_label(value: PartnerStatus) -> str:
    return {
        PartnerStatus.PROSPECT: QCoreApplication.translate("Labels", "Prospect"),
        PartnerStatus.ACTIVE: QCoreApplication.translate("Labels", "Active"),
        PartnerStatus.INACTIVE: QCoreApplication.translate("Labels", "Inactive"),
    }[value]


def money(value: Decimal, currency: str | None = None) -> str:
    """Grouped thousands, two decimals; Decimal all the way (no float rounding)."""
    text = f"{value:,.2f}"
    return f"{text} {currency}" if currency else text


def compact_money(value: Decimal) -> str:
    """Short figure for a KPI tile: 12.3M, 4.5K (display only)."""
    for limit, suffix in ((Decimal("1e9"), "B"), (Decimal("1e6"), "M"), (Decimal("1e3"), "K")):
        if abs(value) >= limit:
            return f"{(value / limit).quantize(Decimal('0.1'))}{suffix}"
    return f"{value.quantize(Decimal('1'))}"
