"""What the connected person's role allows, said in the window's words.

The server refuses what a role may not do (``app.db.grants``); the window switches those
actions off beforehand, each with a tooltip saying why, so nobody fills in a form only to
be refused on saving.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QProxyStyle, QStyle, QStyleOption, QWidget

from app.db import Database
from app.domain.roles import ROLES, Ability, Role
from app.errors import PartnerDeskError
from app.services.abilities import FULL, Access, connected_access
from ui import i18n

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
REFUSAL = "refusal"  # the property that holds why an action is off (its tooltip keeps it)


class Deed(Enum):
    """Something the window offers that a role may not be allowed to do."""

    CHANGE_AGREEMENTS = "change agreements"
    CHANGE_PARTNERS = "change partners"
    IMPORT = "import"
    DELETE = "delete"
    RESTORE = "restore"
    SETTINGS = "settings"
    APPROVE = "approve"


NEEDS = {
    Deed.CHANGE_AGREEMENTS: Ability.EDIT,
    Deed.CHANGE_PARTNERS: Ability.EDIT,
    Deed.IMPORT: Ability.EDIT,
    Deed.DELETE: Ability.ADMINISTER,
    Deed.RESTORE: Ability.ADMINISTER,
    Deed.SETTINGS: Ability.ADMINISTER,
    Deed.APPROVE: Ability.APPROVE,
}


def read_access(db: Database) -> Access:
    """Who is connected; a database that cannot answer leaves the server to refuse."""
    try:
        with db.session() as s:
            return connected_access(s, register=db.read_only_reason is None)
    except PartnerDeskError:
        return FULL


def read_access_then(db: Database, owner: QObject, use: Callable[[Access], object]) -> None:
    """``read_access`` in a worker (a one-off ``Reader`` that ``owner`` keeps), then
    ``use(access)`` on the GUI thread: on another database the read connects first (tens
    of milliseconds on PostgreSQL), and a window never waits for SQL (#15.2)."""
    from ui.background import Reader

    register = db.read_only_reason is None

    def unreadable(exc: BaseException) -> None:
        if not isinstance(exc, PartnerDeskError):
            raise exc
        use(FULL)  # as read_access: the server refuses what the role may not do

    Reader(db, owner).read(lambda s: connected_access(s, register=register), use, unreadable)


def role_name(role: Role | None) -> str:
    """The role as the status bar and the refusals name it: "editor", "编辑者"."""
    if role is None:
        return translate("Access", "no role")
    spec = ROLES[role]
    return spec.label_zh if i18n.current_language().startswith("zh") else role.value


def who(access: Access) -> str:
    """ "Li Wei · editor" (the name in the language's script)."""
    name = access.local_name if i18n.current_language().startswith("zh") else access.name
    role = translate("Access", "owner") if access.owner else role_name(access.role)
    return f"{name} · {role}"


def refusal(access: Access, deed: Deed) -> str | None:
    """Why ``access`` may not do ``deed``, in one sentence; None when it may."""
    if access.may(NEEDS[deed]):
        return None
    if access.role is None:
        return translate(
            "Access",
            "Your login, %1, has no PartnerDesk role in this database; ask an admin to add you",
        ).replace("%1", access.login)
    sentence = {
        Deed.CHANGE_AGREEMENTS: translate("Access", "Your role, %1, cannot change agreements"),
        Deed.CHANGE_PARTNERS: translate("Access", "Your role, %1, cannot change partners"),
        Deed.IMPORT: translate("Access", "Your role, %1, cannot import agreements or partners"),
        Deed.DELETE: translate("Access", "Your role, %1, cannot delete agreements"),
        Deed.RESTORE: translate("Access", "Your role, %1, cannot replace the database"),
        Deed.SETTINGS: translate(
            "Access", "Your role, %1, cannot change the company settings or FX rates"
        ),
        Deed.APPROVE: translate("Access", "Your role, %1, cannot approve or reject agreements"),
    }[deed]
    return sentence.replace("%1", role_name(access.role))


class _HoverDisabled(QProxyStyle):
    """Menus whose switched-off items can still be pointed at, so their tooltip shows."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        return_data: object = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_Menu_AllowActiveAndDisabled:
            return 1
        return super().styleHint(hint, option, widget, return_data)  # type: ignore[arg-type]


_menu_style: _HoverDisabled | None = None


def explain_in_menu(menu: QMenu) -> None:
    """A menu item that is off says why when pointed at (Qt skips off items otherwise)."""
    global _menu_style
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _menu_style is None or _menu_style.baseStyle().name() != app.style().name():
        _menu_style = _HoverDisabled(app.style().name())  # the theme's style underneath
        _menu_style.setParent(app)  # lives as long as the menus that use it
    menu.setStyle(_menu_style)
    menu.setToolTipsVisible(True)


def switch(target: QAction | QWidget, why: str | None, *, tip: str = "") -> None:
    """On when ``why`` is None, else off with ``why`` as its tooltip (``tip`` otherwise)."""
    target.setProperty(REFUSAL, why or "")
    target.setEnabled(why is None)
    target.setToolTip(why or tip)
    if isinstance(target, QAction):
        target.setStatusTip(why or tip)
    else:
        target.setAccessibleDescription(why or tip)
