"""Actions on records: open, create, edit and renew them, and report on them.

Functions of the main window, bound as its methods in ``ui.main_window``. Deleting stays a
method there: its texts have plural forms, which lupdate files only from ``self.tr``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.db import Session
from app.errors import PartnerDeskError
from app.services.agreements import AgreementView, get_agreement, renew_agreement
from app.services.editing import AgreementSnapshot, delete_with_snapshot
from app.services.partners import PartnerView, get_partner
from ui import background
from ui.access import Deed, refusal
from ui.changes import AGREEMENT, PARTNER, Changes
from ui.dialogs.renew import confirm_renewal
from ui.editors.agreement.editor import AgreementEditor
from ui.editors.partner_editor import PartnerEditor
from ui.undo import DeleteAgreementCommand

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
log = logging.getLogger(__name__)
T = TypeVar("T")


def show_editor(window: MainWindow, editor: QWidget, *, shows_itself: bool = False) -> None:
    """``shows_itself``: the editor shows itself once filled in (see ``_open_editor``)."""
    window.open_editors.append(editor)
    editor.destroyed.connect(lambda _o=None, e=editor: _forget_editor(window, e))
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    if not shows_itself:
        editor.show()
        editor.raise_()
        editor.activateWindow()


def _forget_editor(window: MainWindow, editor: QWidget) -> None:
    if editor in window.open_editors:
        window.open_editors.remove(editor)


def open_agreement(window: MainWindow, agreement_id: int) -> AgreementEditor | None:
    """Open the agreement's editor; with reads in workers it opens when the agreement is read
    (None is returned then: the editor appears in ``window.open_editors``)."""
    if background.in_workers:
        window.editor_reader.read(
            lambda s: get_agreement(s, agreement_id),
            lambda view: _open_editor(window, agreement_id, view),
            lambda exc: _cannot_open(window, agreement_id, exc),
        )
        return None
    return _open_editor(window, agreement_id, None)


def _open_editor(
    window: MainWindow, agreement_id: int, view: AgreementView | None
) -> AgreementEditor | None:
    try:
        editor = AgreementEditor(
            window.db, agreement_id, undo_stack=window.undo_stack, parent=window,
            access=window.access, view=view,
        )  # fmt: skip
    except PartnerDeskError as exc:
        _cannot_open(window, agreement_id, exc)
        return None
    _connect_agreement_editor(window, editor)
    # Read in a worker: made in this turn, filled in the next (hidden: laid out once),
    # shown in the one after (see AgreementEditor._show_in_turns).
    show_editor(window, editor, shows_itself=editor.filling())
    return editor


def _cannot_open(window: MainWindow, agreement_id: int, exc: BaseException) -> None:
    if not isinstance(exc, PartnerDeskError):
        raise exc
    QMessageBox.warning(window, translate("MainWindow", "Cannot open the agreement"), str(exc))
    window.announce(Changes.of(AGREEMENT, [agreement_id]))  # gone: the lists follow


def new_agreement(window: MainWindow, partner_id: int | None = None) -> AgreementEditor | None:
    if not _may(window, Deed.CHANGE_AGREEMENTS):
        return None
    editor = AgreementEditor(
        window.db, None, partner_id=partner_id, undo_stack=window.undo_stack, parent=window,
        access=window.access,
    )  # fmt: skip
    _connect_agreement_editor(window, editor)
    show_editor(window, editor)
    return editor


def _may(window: MainWindow, deed: Deed) -> bool:
    """A way in that is not switched off (a page's menu) still says why, and stops."""
    why = refusal(window.access, deed)
    if why is not None:
        QMessageBox.information(window, translate("MainWindow", "Not allowed"), why)
    return why is None


def _connect_agreement_editor(window: MainWindow, editor: AgreementEditor) -> None:
    for signal in (editor.saved, editor.deleted):
        signal.connect(lambda i: window.announce(Changes.of(AGREEMENT, [i])))
    editor.saved.connect(lambda _i: _say_saved(window, editor))
    editor.decided.connect(window.show_status)  # after "Saved": says what
    editor.open_requested.connect(window.open_agreement)


def _say_saved(window: MainWindow, editor: AgreementEditor | PartnerEditor) -> None:
    """A save says so where people look for it, naming what was saved."""
    if isinstance(editor, AgreementEditor):
        name = editor.view.reference if editor.view is not None else ""
    else:
        name = editor.view.legal_name if editor.view is not None else ""
    window.show_status(translate("MainWindow", "Saved %1").replace("%1", name))


def edit_partner(window: MainWindow, partner_id: int | None) -> PartnerEditor | None:
    """Open the partner's editor (a new partner's for None); with reads in workers it opens
    when the partner is read (None is returned then: it appears in ``window.open_editors``)."""
    if partner_id is None and not _may(window, Deed.CHANGE_PARTNERS):
        return None
    if partner_id is not None and background.in_workers:
        window.editor_reader.read(
            lambda s: get_partner(s, partner_id),
            lambda view: _open_partner_editor(window, partner_id, view),
            lambda exc: _cannot_open_partner(window, partner_id, exc),
        )
        return None
    return _open_partner_editor(window, partner_id, None)


def _open_partner_editor(
    window: MainWindow, partner_id: int | None, view: PartnerView | None
) -> PartnerEditor | None:
    try:
        editor = PartnerEditor(window.db, partner_id, undo_stack=window.undo_stack,
                               parent=window, access=window.access, view=view)  # fmt: skip
    except PartnerDeskError as exc:
        _cannot_open_partner(window, partner_id or 0, exc)
        return None
    editor.saved.connect(lambda i: window.announce(Changes.of(PARTNER, [i])))
    editor.saved.connect(lambda _i: _say_saved(window, editor))
    show_editor(window, editor)
    return editor


def _cannot_open_partner(window: MainWindow, partner_id: int, exc: BaseException) -> None:
    if not isinstance(exc, PartnerDeskError):
        raise exc
    QMessageBox.warning(window, translate("MainWindow", "Cannot open the partner"), str(exc))
    window.announce(Changes.of(PARTNER, [partner_id]))  # gone: the lists follow


def new_partner(window: MainWindow) -> PartnerEditor | None:
    return edit_partner(window, None)


def renew(window: MainWindow, agreement_id: int) -> None:
    """Ask, then renew: the agreement is read and the successor written in workers (a read
    and a write on the GUI thread froze the window for each at a million agreements)."""
    if not _may(window, Deed.CHANGE_AGREEMENTS):
        return

    def refused(exc: BaseException) -> None:
        if not isinstance(exc, PartnerDeskError):
            raise exc
        QMessageBox.warning(window, translate("MainWindow", "Cannot renew"), str(exc))

    def read(current: AgreementView) -> None:
        if not confirm_renewal(window, current):
            return

        def renewed(successor: AgreementView) -> None:
            window.apply_changes(Changes.of(AGREEMENT, [agreement_id, successor.id]))
            window.statusBar().showMessage(
                translate("MainWindow", "%1 renewed as %2").replace("%1", current.reference)
                .replace("%2", successor.reference), 8000,
            )  # fmt: skip
            window.open_agreement(successor.id)

        background.write(
            window.db, lambda s: renew_agreement(s, agreement_id, current.version),
            renewed, refused,
        )  # fmt: skip

    _read_once(window, lambda s: get_agreement(s, agreement_id), read, refused)


def _read_once(
    window: MainWindow, query: Callable[[Session], T], show: Callable[[T], object],
    failed: Callable[[BaseException], None],
) -> None:  # fmt: skip
    """One read in a worker for one action (a Reader of its own, gone once answered)."""
    reader = background.Reader(window.db, window, quick=True)

    def answered(answer: T) -> None:
        reader.deleteLater()
        show(answer)

    def refused(exc: BaseException) -> None:
        reader.deleteLater()
        failed(exc)

    reader.read(query, answered, refused)


def report_for_agreement(window: MainWindow, reference: str) -> None:
    window.show_page("reports")
    page = window.reports.page()
    from ui.pages.reports_page import ReportsPage  # loaded with the page, not at start-up

    if isinstance(page, ReportsPage):
        page.open_for_agreement(reference)


def report_for_partner(window: MainWindow, partner_id: int) -> None:
    window.show_page("reports")
    page = window.reports.page()
    from ui.pages.reports_page import ReportsPage

    if isinstance(page, ReportsPage):
        page.open_for_partner(partner_id)


def delete_in_workers(
    window: MainWindow, ids: list[int], step_text: Callable[[int], str],
    not_deleted: Callable[[], str],
) -> None:  # fmt: skip
    """Delete the agreements (confirmed), each in one transaction in a worker, one after
    another (``background.write``): at a million agreements each takes a while, and the
    window must not freeze. Then one undo step for all, and one message for refusals.
    ``step_text(n)`` names the step; the texts have plural forms, said by the window."""
    snapshots: list[AgreementSnapshot] = []
    errors: list[str] = []
    waiting = [len(ids)]

    def finished() -> None:
        waiting[0] -= 1
        if waiting[0]:
            return
        stack = window.undo_stack
        if len(snapshots) > 1:
            stack.beginMacro(step_text(len(snapshots)))
        for snap in snapshots:
            stack.push(DeleteAgreementCommand(window.db, snap, parent=window))
        if len(snapshots) > 1:
            stack.endMacro()
        if errors:
            QMessageBox.warning(window, not_deleted(), "\n".join(errors[:10]))
        window.apply_changes(Changes.of(AGREEMENT, ids))

    def deleted(snap: AgreementSnapshot) -> None:
        snapshots.append(snap)
        finished()

    def refused(exc: BaseException) -> None:
        if not isinstance(exc, PartnerDeskError):
            log.error("deleting an agreement failed", exc_info=exc)
        errors.append(str(exc))
        finished()

    def deletion(agreement_id: int) -> Callable[[Session], AgreementSnapshot]:
        return lambda s: delete_with_snapshot(s, agreement_id)

    for agreement_id in ids:
        background.write(window.db, deletion(agreement_id), deleted, refused)
