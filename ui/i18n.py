"""Language: the Qt translator, and the words people see for the domain's vocabularies.

Every label goes through ``QCoreApplication.translate`` with a literal, so ``pyside6-lupdate``
finds it; the functions are called at display time, so a language switch takes effect on
the next repaint.
"""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)
from PySide6.QtWidgets import QApplication

from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    OperatingModel,
    PartnerRole,
    PartnerStatus,
)
from app.domain.money import compact_amount

# Through the package, not the module's own path: works from a wheel and from a frozen bundle.
I18N_DIR = Path(str(files("resources") / "i18n"))
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_installed: list[QTranslator] = []
# Qt 6's own file dialog labels its boxes "&Look in:" and "Files of &type:", and names
# file types under QAbstractFileIconProvider; the qtbase_zh_CN that PySide6 ships only knows
# the Qt 5 texts, so these stayed English. Our catalogue carries them (searched before Qt's).
QT_WORDS_MISSING_FROM_QTBASE = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Shortcut"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
)
_language = "en"


def system_language() -> str:
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def current_language() -> str:
    return _language


def _load(app: QApplication, name: str, folder: str | Path) -> bool:
    translator = QTranslator(app)
    if not translator.load(name, str(folder)):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def install(app: QApplication, language: str) -> bool:
    """Switch the application to ``language`` ("en", "zh_CN"); True if it took effect.

    Installing or removing a translator sends every widget a LanguageChange event.
    English has a catalogue too: the plural forms of "%n agreement(s)" ("1 agreement",
    "2 agreements"), which Qt only takes from a translation.
    """
    global _language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language in ("", "system"):
        language = system_language()
    if language != "en" and not (I18N_DIR / f"partnerdesk_{language}.qm").exists():
        return False
    # Qt's own words (OK, Cancel, the file dialog's "Look in:") from Qt's catalogue, which
    # PySide6-Essentials ships; installed first, so PartnerDesk's words win where both have one.
    if language != "en":
        _load(
            app, f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        )
    if not _load(app, f"partnerdesk_{language}.qm", I18N_DIR) and language != "en":
        return False
    _language = language
    QLocale.setDefault(_number_locale(language))
    return True


def _number_locale(language: str) -> QLocale:
    """The locale numbers are written in (%Ln: "1,000,000 agreements"): the system's when
    it speaks the chosen language, else the language's own. Under the C locale (a bare
    Linux session) Qt groups no digits at all."""
    system = QLocale.system()
    wanted = QLocale.Language.Chinese if language == "zh_CN" else QLocale.Language.English
    if system.language() == wanted:
        return system
    return QLocale("zh_CN" if wanted == QLocale.Language.Chinese else "en_US")


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
    """Short figure for a tile, in the reader's units: 12.3 M, or 1,230.0 万 in Chinese."""
    return compact_amount(value, _language)
