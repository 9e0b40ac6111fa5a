"""The agreement editor: the common fields, the type's own terms, milestones, KPIs,
documents and history of one agreement.

The form only collects; the services decide. A refusal comes back as ``FieldError``s that are
shown under the fields they concern, and nothing is written until the services accept.

Undo means one thing per place: in this window Ctrl+Z is the focused field's undo of typing
(a save resets every field, so it never reaches back past the save); a saved change is undone
with Edit ▸ Undo in the main window, and the open editor is reloaded with what it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, Session
from app.domain.enums import AgreementType
from app.errors import (
    ConflictError,
    DatabaseError,
    FieldError,
    NotFoundError,
    PartnerDeskError,
    TransitionError,
    ValidationError,
)
from app.services.abilities import Access
from app.services.agreements import (
    AgreementView,
    create_agreement,
    get_agreement,
    update_agreement,
    validate_agreement,
)
from ui import background
from ui.access import Deed, read_access, refusal
from ui.background import Reader
from ui.changes import AGREEMENT, Changes
from ui.editors.agreement.approvals import ApprovalsTab
from ui.editors.agreement.attachments import AttachmentsTab
from ui.editors.agreement.form import AgreementForm
from ui.editors.agreement.history import HistoryTab
from ui.editors.agreement.kpis import KpisTab
from ui.editors.agreement.milestones import MilestonesTab
from ui.editors.agreement.partner_picker import find_choice
from ui.editors.agreement.tab_base import RecordsTab
from ui.editors.fields import error_colour
from ui.editors.read_only import lock_buttons, lock_fields
from ui.undo import (
    ChangeStatusCommand,
    CreateAgreementCommand,
    EditAgreementCommand,
    delete_agreement_undoable,
    undo_events,
)

T = TypeVar("T", bound=RecordsTab)
_TAB_KINDS: dict[str, Callable[[Database, QWidget], RecordsTab]] = {
    "milestones": MilestonesTab, "kpis": KpisTab, "attachments": AttachmentsTab,
    "approvals": ApprovalsTab, "history": HistoryTab,
}  # fmt: skip


class AgreementEditor(AgreementForm):
    """Opens one agreement (or a new one); saves through the services; undoable saves."""

    saved = Signal(int)
    deleted = Signal(int)
    decided = Signal(str)  # an approval decided in the Approvals tab, in words

    def __init__(
        self,
        db: Database,
        agreement_id: int | None = None,
        *,
        agreement_type: AgreementType | None = None,
        partner_id: int | None = None,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
        access: Access | None = None,
        view: AgreementView | None = None,  # already read (in a worker): shown as it is
    ) -> None:
        super().__init__(db, parent)
        access = access or read_access(db)
        # Why the connected person may not change or delete it (None: they may).
        self.refusal = refusal(access, Deed.CHANGE_AGREEMENTS)
        self.delete_refusal = refusal(access, Deed.DELETE)
        self.agreement_id = agreement_id
        self.undo_stack = undo_stack
        # Reads of this agreement by key (after an undo, a conflict, a tab's change).
        self.reader = Reader(db, self, quick=True)
        self.setObjectName("AgreementEditor")
        self.board.recheck_later = self._recheck
        self.checker = Reader(db, self, quick=True)  # the recheck of errors shown
        self.board.all_clear = self._clear_errors
        self.setMinimumSize(860, 640)
        self.setSizeGripEnabled(True)
        self.approve_refusal = refusal(access, Deed.APPROVE)
        self.tabs.addTab(self.general_scroll, self.tr("General"))
        self.tabs.addTab(self.terms_scroll, self.tr("Terms"))
        # The record tabs are built when first chosen (or asked for): opening an editor
        # built five tables and read five lists at once, 60-70 ms of widgets on the GUI
        # thread and five workers competing with it for the GIL (#15.2).
        self._holders: dict[str, QWidget] = {}
        self._built: dict[str, RecordsTab] = {}
        for key, title in (
            ("milestones", self.tr("Milestones")), ("kpis", self.tr("KPIs")),
            ("attachments", self.tr("Attachments")), ("approvals", self.tr("Approvals")),
            ("history", self.tr("History")),
        ):  # fmt: skip
            holder = QWidget(self)  # the page until the tab is built
            self._holders[key] = holder
            self.tabs.addTab(holder, title)
        self.tabs.currentChanged.connect(self._page_chosen)
        self.pages_by_keyboard(self.tabs)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button = self.buttons.addButton(
            self.tr("Apply"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.describe_buttons(self.save_button, self.apply_button, self.cancel_button)
        delete_tip = self.tr("Delete this agreement; Edit ▸ Undo in the main window brings it back")
        self.delete_button.setToolTip(delete_tip)
        self.delete_button.setAccessibleDescription(delete_tip)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_and_close)
        self.apply_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.delete_button.clicked.connect(self.delete_agreement)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        # A bound method: Qt drops the connection when this editor is destroyed.
        undo_events().changed.connect(self._record_changed)

        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self._filled = 0  # the newest _show; a fill in turns of an older one stops
        if agreement_id is None or view is None or not background.in_workers:
            self._load_choices()  # else once the form is filled (see _show_in_turns)
        if agreement_id is None:
            self._start_new(agreement_type or AgreementType.BRAND, partner_id)
            self.delete_button.hide()
            self._update_title()
            self._baseline = self._form_state()
            if agreement_type is not None:
                self.type_combo.setEnabled(False)
        elif view is not None and background.in_workers:
            # Made and shown now, filled in the event loop's next turns: building the
            # widgets and then the type's terms with their values in one go kept the window
            # from painting for longer than a frame or two (#15.2).
            self.view = view  # filling() until the terms are in
            QTimer.singleShot(0, self, lambda: self._show_in_turns(view))
        elif view is not None:
            self._show(view)
        else:
            self.load(agreement_id)

    def load(self, agreement_id: int) -> None:
        """Read the agreement afresh (also after a conflict or an undo) and show it."""
        self.reader.read(lambda s: get_agreement(s, agreement_id), self._reloaded, self._gone)

    def _reloaded(self, view: AgreementView) -> None:
        self._show(view)
        self.save_button.setEnabled(True)
        self.apply_button.setEnabled(True)
        self.delete_button.setEnabled(True)
        self._lock()

    def _gone(self, exc: BaseException) -> None:
        if not isinstance(exc, NotFoundError):
            raise exc
        self.board.show_banner(self.tr("Undo/redo removed this agreement."))
        self.save_button.setEnabled(False)
        self.apply_button.setEnabled(False)
        self.delete_button.setEnabled(False)

    def _show(self, view: AgreementView) -> None:
        self._filled += 1
        self.view = view
        self.agreement_id = view.id
        self._clear_errors()
        self._fill(view)
        self._shown(view)

    def _show_in_turns(self, view: AgreementView) -> None:
        """Fill an editor just made a turn at a time: the General page (hidden, so laid
        out once), then show it (unless shown already), then the type's terms (their form
        made then) and read the choices. Making, filling and painting it in one or two
        turns stalled the window 56-75 ms at a million agreements (load 2.5-3, where a
        turn takes two to three times its CPU time), the partner list's answer landing in
        the same turn more than once (#15.2). Saving waits for the whole form."""
        self._filled += 1
        filled = self._filled
        self.view = view
        self.agreement_id = view.id
        self._clear_errors()
        self._fill_general(view)
        self._update_title()
        self._baseline = self._form_state()

        def show() -> None:
            self.show()
            self.raise_()
            self.activateWindow()
            QTimer.singleShot(0, self, terms)

        def terms() -> None:
            if filled != self._filled:
                self._load_choices()
                return  # a newer _show (a reload) filled it meanwhile
            self._fill_terms(view)
            self._shown(view)
            self._load_choices()

        QTimer.singleShot(0, self, terms if self.isVisible() else show)

    def filling(self) -> bool:
        """True while an editor just opened is being filled in (see _show_in_turns)."""
        return self.view is not None and self.terms_form is None

    def _shown(self, view: AgreementView) -> None:
        self.delete_button.show()
        for tab in self._record_tabs():
            tab.set_agreement(view)
        self._update_title()
        self._baseline = self._form_state()
        self._lock()

    def _lock(self) -> None:
        """What the role may not change is read only, saying why."""
        if self.delete_refusal is not None:
            lock_buttons([self.delete_button], self.delete_refusal)
        if self.refusal is None:
            return
        lock_fields([self.general_scroll, self.terms_scroll], self.refusal)
        lock_buttons([self.save_button, self.apply_button], self.refusal)
        for tab in self._record_tabs():
            tab.refuse(self.refusal)

    def _update_title(self) -> None:
        if self.view is None:
            self.setWindowTitle(self.tr("New agreement"))
        else:
            self.setWindowTitle(
                self.tr("Agreement {ref} — {title}").format(
                    ref=self.view.reference, title=self.view.title
                )
            )
        if self.refusal is not None:
            self.setWindowTitle(self.tr("%1 (read only)").replace("%1", self.windowTitle()))

    def _record_changed(self, changes: Changes) -> None:
        """An undo or redo rewrote this agreement: show it, unless the user is mid-edit."""
        if not changes.touches(AGREEMENT, self.agreement_id) or not self.isVisible():
            return
        if self.is_dirty():
            self.board.show_banner(
                self.tr("Undo/redo changed this agreement; saving will offer to reload it.")
            )
            return
        assert self.agreement_id is not None
        self.load(self.agreement_id)

    def _child_changed(self) -> None:
        # Milestones, KPIs and documents save at once; the history and version move on.
        if self.agreement_id is None:
            return
        agreement_id = self.agreement_id
        self.reader.read(lambda s: get_agreement(s, agreement_id), self._child_saved)

    def _child_saved(self, fresh: AgreementView) -> None:
        if self.view is not None:
            self.view = replace(self.view, version=fresh.version)
        if "history" in self._built:
            self.history_tab.set_agreement(fresh)
        self.saved.emit(fresh.id)

    # --- saving ------------------------------------------------------------------------

    def save(self) -> bool:
        """Save; True once saved (at once in tests, where writes are synchronous)."""
        outcome: list[bool] = []
        self.save_then(lambda: outcome.append(True))
        return bool(outcome)

    def save_then(self, then: Callable[[], object] | None = None) -> None:
        """Save through the services in a worker, the form off meanwhile; ``then`` once
        saved. On refusal show why beside the fields and keep going."""
        if self.refusal is not None or self._writing or self.filling():
            return  # Ctrl+S read only, saving already, or the form is not filled in yet
        self._clear_errors()
        data, problems = self.collect()
        before = self.view
        agreement_id = self.agreement_id
        # Typed, but the look-up of the names containing it has not answered yet.
        unresolved = self.partner_combo.currentText() if data.partner_id == -1 else ""

        def work(s: Session) -> AgreementView:
            nonlocal data, problems
            if unresolved.strip() and (found := find_choice(s, unresolved)) is not None:
                data = replace(data, partner_id=found)
                problems = [p for p in problems if p.field != "partner"]
            if problems:
                # Ask the service too, so every problem shows at once; then write nothing.
                _, errors = validate_agreement(s, data, agreement_id)
                seen = {p.field for p in problems}
                raise ValidationError(
                    problems + [e for e in errors if e.field not in seen and e.field != "partner"]
                )
            if before is None:
                return create_agreement(s, data)
            return update_agreement(s, before.id, data, before.version)

        def saved(view: AgreementView) -> None:
            self.set_writing(False)
            self._push_undo(before, view)
            self._show(view)
            self.saved.emit(view.id)
            if then is not None:
                then()

        self.set_writing(True)
        background.write(self.db, work, saved, self._not_saved)

    def locked_while_writing(self) -> list[QWidget]:
        return [*super().locked_while_writing(), self.delete_button]

    def _not_saved(self, exc: BaseException) -> None:
        self.set_writing(False)
        if isinstance(exc, ValidationError):
            self._show_errors(exc.errors)
        elif isinstance(exc, TransitionError):
            self._show_errors([FieldError("status", str(exc))])
        elif isinstance(exc, ConflictError):
            self.offer_reload(str(exc))
        elif isinstance(exc, NotFoundError):
            self.board.show_banner(
                self.tr("This agreement no longer exists (deleted on another desk?): {e}").format(
                    e=exc
                )
            )
        elif isinstance(exc, DatabaseError):
            # The server refused (the role, row security) or failed: its one sentence.
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
        elif isinstance(exc, PartnerDeskError):
            self.board.show_banner(self.tr("Not saved: {reason}").format(reason=exc))
        else:
            raise exc

    def _recheck(self, answer: Callable[[list[FieldError]], None]) -> None:
        """What is still wrong with the form, asked of the service without writing, in a
        worker (a newer recheck overtakes an older); ``answer`` gets it."""
        data, problems = self.collect()
        agreement_id = self.agreement_id
        keep_all = [FieldError(name, "") for name in self.board.rows]

        def query(s: Session) -> list[FieldError]:
            _, errors = validate_agreement(s, data, agreement_id)
            return errors

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, PartnerDeskError):
                raise exc
            answer(problems + keep_all)  # the service could not tell: every note stays

        self.checker.read(query, lambda errors: answer(problems + errors), refused)

    def _push_undo(self, before: AgreementView | None, after: AgreementView) -> None:
        if self.undo_stack is None:
            return
        if before is None:
            self.undo_stack.push(CreateAgreementCommand(self.db, after, parent=self.parentWidget()))
            return
        old, new = before.to_input(), after.to_input()
        if old == new:
            return
        status_only = replace(old, status=new.status, signed_date=new.signed_date) == new
        if status_only:
            command: EditAgreementCommand | ChangeStatusCommand = ChangeStatusCommand(
                self.db, after.id, after.reference,
                (before.status, before.signed_date), (after.status, after.signed_date),
                parent=self.parentWidget(),
            )  # fmt: skip
        else:
            command = EditAgreementCommand(self.db, after.id, old, new, parent=self.parentWidget())
        self.undo_stack.push(command)

    def _show_errors(self, errors: list[FieldError]) -> None:
        rows = self.board.show(errors)
        pages: list[int] = []
        for row in rows:
            for i in range(self.tabs.count()):
                page = self.tabs.widget(i)
                if page is not None and page.isAncestorOf(row) and i not in pages:
                    pages.append(i)
        bar = self.tabs.tabBar()
        for i in pages:
            bar.setTabTextColor(i, QColor(error_colour(self)))
        if len(pages) > 1:
            # The user sees one page at a time: say where the other objections are.
            names = ", ".join(bar.tabText(i) for i in pages)
            summary = self.tr("Not saved: {n} fields need attention on these pages: {pages}")
            extra = self.banner.text() if self.banner.isVisible() else ""
            self.board.show_banner("\n".join(
                t for t in (summary.format(n=len(rows), pages=names), extra) if t))  # fmt: skip
        if rows:
            self.tabs.setCurrentIndex(pages[0])
            rows[0].field.setFocus()

    def _clear_errors(self) -> None:
        self.board.clear()
        bar = self.tabs.tabBar()
        for i in range(self.tabs.count()):
            bar.setTabTextColor(i, self.palette().color(QPalette.ColorRole.WindowText))

    def reload_question(self) -> str:
        return self.tr(
            "Reload the agreement as it is now? Your unsaved edits in this window will be lost."
        )

    def reload(self) -> None:
        if self.agreement_id is not None:
            self.load(self.agreement_id)

    def delete_agreement(self) -> None:
        if self.view is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete agreement"),
            self.tr(
                "Delete {ref} “{title}” with its milestones, KPIs and documents?\n"
                "You can undo this with Edit ▸ Undo."
            ).format(ref=self.view.reference, title=self.view.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        view = self.view

        def deleted(_snap: object) -> None:
            self.set_writing(False)
            self._baseline = self._form_state()
            self.deleted.emit(view.id)
            self.accept()

        def refused(exc: BaseException) -> None:
            self.set_writing(False)
            if isinstance(exc, ConflictError):
                self.offer_reload(str(exc))
            elif isinstance(exc, PartnerDeskError):
                self.board.show_banner(self.tr("Not deleted: {reason}").format(reason=exc))
            else:
                raise exc

        self.set_writing(True)
        delete_agreement_undoable(
            self.db, self.undo_stack, view.id, view.version, parent=self.parentWidget(),
            done=deleted, failed=refused,
        )  # fmt: skip

    # --- the record tabs, built when first needed -----------------------------------------

    @property
    def milestones_tab(self) -> MilestonesTab:
        return self._record_tab("milestones", MilestonesTab)

    @property
    def kpis_tab(self) -> KpisTab:
        return self._record_tab("kpis", KpisTab)

    @property
    def attachments_tab(self) -> AttachmentsTab:
        return self._record_tab("attachments", AttachmentsTab)

    @property
    def approvals_tab(self) -> ApprovalsTab:
        return self._record_tab("approvals", ApprovalsTab)

    @property
    def history_tab(self) -> HistoryTab:
        return self._record_tab("history", HistoryTab)

    def _record_tab(self, key: str, kind: type[T]) -> T:
        tab = self._built.get(key)
        if tab is None:
            tab = self._build_tab(key)
        assert isinstance(tab, kind)
        return tab

    def _page_chosen(self, index: int) -> None:
        page = self.tabs.widget(index)
        for key, holder in self._holders.items():
            if page is holder and key not in self._built:
                self._build_tab(key)

    def _build_tab(self, key: str) -> RecordsTab:
        """The tab in place of its placeholder page, filled with what the editor shows."""
        holder = self._holders[key]
        tab = _TAB_KINDS[key](self.db, self)
        self._built[key] = tab
        index, current = self.tabs.indexOf(holder), self.tabs.currentIndex()
        title = self.tabs.tabText(index)
        blocked = self.tabs.blockSignals(True)  # the same page stays chosen: no news
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, tab, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(blocked)
        # The placeholder stays, hidden, until the editor goes: deleting it at once took
        # the wrappers of other widgets with it (PySide 6.11: the Save button's).
        self._holders[key] = tab
        tab.table.setAccessibleName(title)
        if isinstance(tab, ApprovalsTab):
            tab.role_refusal = self.approve_refusal
            tab.decided.connect(self.decided)
        if not isinstance(tab, HistoryTab):
            tab.changed.connect(self._child_changed)
        self._tab_order_after_bar(tab)
        if self.view is not None or self.agreement_id is None:
            tab.set_agreement(self.view)  # else the agreement is on its way: _show sets it
        if self.refusal is not None:
            tab.refuse(self.refusal)
        return tab

    def _tab_order_after_bar(self, page: QWidget) -> None:
        """Tab walks a page built late as it walked the pages built with the editor: from
        the tab bar into the page, then on to Save (a widget made late joins the end of
        the window's chain, after the buttons)."""
        stops: list[QWidget] = []  # the page's Tab stops, a table with its parts as one
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if (
                page.isAncestorOf(widget)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not any(stop.isAncestorOf(widget) for stop in stops)
            ):
                stops.append(widget)
            widget = widget.nextInFocusChain()
        before: QWidget = self.tabs.tabBar()
        for widget in stops:
            QWidget.setTabOrder(before, widget)
            before = widget

    def _record_tabs(self) -> tuple[RecordsTab, ...]:
        """The record tabs built so far, in the order of the pages."""
        return tuple(self._built[key] for key in self._holders if key in self._built)

    def first_field(self) -> QWidget:
        return self.title_edit  # the reference is generated; the title is what one types

    # --- leaving -----------------------------------------------------------------------

    def unsaved_question(self) -> str:
        return self.tr("This agreement has changes that are not saved. Save them?")
