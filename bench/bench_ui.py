"""How the desktop window answers on a big database: elapsed time and the event loop's stalls.

    python -m bench.bench_ui /tmp/big.db            (or a postgresql+psycopg:// URL)
    (build it once: partnerdesk --db /tmp/big.db demo --agreements 100000)

A heartbeat timer ticks every 5 ms on the GUI thread; the longest gap between two ticks
while an action runs and settles is the longest the window was frozen ("stall"). Each
query-backed action names its floor: the same SQL, captured from the service call, run
straight through the driver. ``measure(target, size, engine)`` is what ``bench/run`` calls;
run as a script it prints one line per measurement.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QObject,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
)
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from app.db import Database, Session, open_database
from bench.measure import Measurement

if TYPE_CHECKING:
    from ui.main_window import MainWindow

STALL_TARGET = 0.050  # issue #15.2: no action blocks the GUI thread longer than this
TARGETS = {  # issue #15's targets for the elapsed time
    "search": 0.100,
    "sort (first screen)": 0.300,
    "dashboard figures in the window": 1.0,
    "renewals page (GUI thread)": 1.0,
}
SCREEN = 100  # ids of a first screen (LazyIdModel.FIRST_SCREEN)


class Heartbeat(QObject):
    """The largest gap between two ticks of a 5 ms timer on the GUI thread since ``reset``."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = 0
        self.worst = 0
        self.timer = QTimer(self, interval=5, timerType=Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.last = self.clock.elapsed()
        self.worst = 0

    def stall(self) -> float:
        self._tick()  # the gap still open counts too
        return max(0, self.worst - 5) / 1000  # a tick is due every 5 ms: that much is no stall


class Watchdog:
    """``BENCH_WHY=1``: what the GUI thread was doing while it stalled over 50 ms.

    A thread samples the GUI thread's stack every 2 ms while a gap is open; after each
    action whose stall passed the target, ``report`` prints the places seen most often
    (the innermost frame of ours, and the one that called it from the event loop).
    A stack that ends in ``processEvents`` is Qt's own work (layout, painting) or a wait
    for the GIL a worker holds; those samples also name where the workers were.
    """

    def __init__(self, heart: Heartbeat) -> None:
        self.heart = heart
        self.main = threading.main_thread().ident
        self.samples: dict[str, int] = {}
        self.lock = threading.Lock()
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        while True:
            time.sleep(0.002)
            if self.heart.clock.elapsed() - self.heart.last <= 20:
                continue
            frames = sys._current_frames()
            frame = frames.get(self.main or 0)
            if frame is None:
                continue
            place = self._place(traceback.extract_stack(frame))
            if place.endswith(self.QT):
                # No Python of ours on the GUI thread: Qt's C++, or a wait for the GIL. Say
                # where the workers were then: a hint only, as a worker in a query may be
                # waiting for the database with the GIL let go.
                mine = threading.get_ident()
                busy = [self._where(f) for t, f in frames.items() if t not in (mine, self.main)]
                place += "; workers in " + (", ".join(sorted(busy)) or "nothing")
            with self.lock:
                self.samples[place] = self.samples.get(place, 0) + 1

    QT = "(Qt's own work in the event loop)"

    @staticmethod
    def _where(frame: Any) -> str:
        """A worker's innermost frame of ours (app/, ui/), else its innermost."""
        stack = traceback.extract_stack(frame)
        ours = [f for f in stack if "/app/" in f.filename or "/ui/" in f.filename]
        if not (ours or stack):
            return "?"
        f = (ours or stack)[-1]
        return f"{Path(f.filename).name}:{f.lineno} {f.name}"

    @classmethod
    def _place(cls, stack: traceback.StackSummary) -> str:
        ours = [f for f in stack if "/site-packages/" not in f.filename and "<" not in f.filename]
        # The outermost frame the event loop called (below the bench's processEvents) …
        entry = next((f for f in ours if "/bench/" not in f.filename), None)
        inner = stack[-1]  # … and where the thread is now (a library's frame too).
        where = f"{Path(inner.filename).name}:{inner.lineno} {inner.name}"
        if entry is None:
            return f"{where}  {cls.QT}"
        return f"{where}  <- {Path(entry.filename).name}:{entry.lineno} {entry.name}"

    def report(self, action: str) -> None:
        with self.lock:
            samples, self.samples = self.samples, {}
        if not samples:
            return
        total = sum(samples.values())
        print(f"--- {action}: GUI thread stalled, {total} samples of 2 ms:", file=sys.stderr)
        for place, n in sorted(samples.items(), key=lambda kv: -kv[1])[:8]:
            print(f"  {n:4}  {place}", file=sys.stderr)
        sys.stderr.flush()

    def forget(self) -> None:
        with self.lock:
            self.samples = {}


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def _captured(db: Database) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)


def floor_of(db: Database, work: Callable[[Session], object], runs: int = 3) -> float:
    """The SQL ``work`` runs, replayed straight through the driver: the best of ``runs``."""
    with _captured(db) as statements, db.session() as s:
        work(s)
    reads = [
        (sql, p) for sql, p in statements if sql.lstrip().upper().startswith(("SELECT", "WITH"))
    ]
    best = float("inf")
    for _ in range(runs):
        raw = db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            started = time.perf_counter()
            for sql, parameters in reads:
                cursor.execute(sql, parameters)
                cursor.fetchall()
            best = min(best, time.perf_counter() - started)
        finally:
            raw.close()
    return best


class Bench:
    def __init__(self, app: QApplication, size: int, engine: str, echo: bool) -> None:
        self.app, self.size, self.engine, self.echo = app, size, engine, echo
        self.heart = Heartbeat()
        self.why = Watchdog(self.heart) if os.environ.get("BENCH_WHY") else None
        self.rows: list[Measurement] = []

    def act(
        self,
        action: str,
        do: Callable[[], object],
        until: Callable[[], bool],
        *,
        floor: float | None = None,
        settle: Callable[[], bool] | None = None,
        timeout: float = 300.0,
    ) -> Measurement:
        """Do, then run the event loop until ``until()`` (elapsed) and ``settle()`` (stall)."""
        from ui.worker import jobs_running

        settle = settle or (lambda: jobs_running() == 0)
        self.heart.reset()
        if self.why is not None:
            self.why.forget()
        started = time.perf_counter()
        asked = do()  # an action that types first returns when its last key went in
        if isinstance(asked, float):
            started = asked
        elapsed: float | None = None
        while time.perf_counter() - started < timeout:
            if elapsed is None and until():
                elapsed = time.perf_counter() - started
            if elapsed is not None and settle():
                break
            self.app.processEvents()
            time.sleep(0.001)
        # What arrived is painted in the next few ticks: they count towards the stall.
        end = time.perf_counter() + 0.05
        while time.perf_counter() < end:
            self.app.processEvents()
            time.sleep(0.001)
        stall = self.heart.stall()
        if self.why is not None and stall > STALL_TARGET:
            self.why.report(action)
        row = Measurement(
            action, self.size, self.engine,
            elapsed if elapsed is not None else timeout, floor, TARGETS.get(action), stall,
        )  # fmt: skip
        self.rows.append(row)
        if self.echo:
            floor_text = f"floor {floor * 1000:7.1f} ms" if floor is not None else " " * 16
            print(f"{action:<44} {row.seconds * 1000:8.0f} ms  {floor_text}"
                  f"  stall {stall * 1000:5.0f} ms", flush=True)  # fmt: skip
        return row

    def idle(self, seconds: float = 0.2) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents()
            time.sleep(0.002)


def _application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
        app = QApplication([])
        QCoreApplication.setOrganizationName("PartnerDeskBench")
    return app


@contextmanager
def as_the_application(
    target: str, size: int, engine: str, echo: bool
) -> Iterator[tuple[Bench, Database]]:
    """A ``Bench`` and the database, the window's classes set as ``ui.application.run()``
    sets them (nothing waits for SQL on the GUI thread); every job done before closing."""
    app = _application()
    from ui import background
    from ui.models.lazy import LazyIdModel
    from ui.worker import quick_pool

    LazyIdModel.assume_slow = LazyIdModel.rows_in_background = True
    background.in_workers = True
    background.share_the_gil()
    db = open_database(target)
    try:
        yield Bench(app, size, engine, echo), db
    finally:
        QThreadPool.globalInstance().waitForDone()
        quick_pool().waitForDone()
        db.dispose()


def measure(target: str, size: int, engine: str, *, echo: bool = False) -> list[Measurement]:
    """Use the window on ``target`` as a person does; every action's time, floor and stall."""
    with as_the_application(target, size, engine, echo) as (bench, db):
        from ui.main_window import MainWindow  # after the QApplication: pages build widgets

        rss_before = _rss_mb()
        _use_the_window(bench, db, MainWindow)
        rss = _rss_mb()
    # The worst of the actions on a window already built (building it is its own row).
    worst = max(bench.rows[1:], key=lambda r: r.stall_seconds or 0)
    rows = bench.rows
    rows.append(Measurement("GUI thread blocked by one action, worst", size, engine,
                            worst.stall_seconds or 0, None, STALL_TARGET,
                            worst.stall_seconds))  # fmt: skip
    rows.append(Measurement("memory with the window open (RSS)", size, engine, 0.0,
                            memory_mb=round(rss, 1)))  # fmt: skip
    if echo:
        print(f"{'worst stall: ' + worst.action:<44} {(worst.stall_seconds or 0) * 1000:8.0f} ms")
        memory = "memory with the window open"
        print(f"{memory:<44} {rss:8.0f} MB  (before the window {rss_before:.0f} MB)")
    return rows


def _use_the_window(bench: Bench, db: Database, window_class: type[MainWindow]) -> None:
    from app.services.dashboard import decisions_due
    from app.services.listing import AgreementFilter, agreement_ids

    # Building the window's widgets is the same work at any size (about 0.3-0.7 s of CPU,
    # more under load): its own row, apart from what the data costs once it is shown.
    from ui.access import read_access

    # Who is connected is read before the build, as ui.application.open_window does in a
    # worker (that first ORM query configures SQLAlchemy's mappers, ~60 ms).
    access = read_access(db)
    bench.heart.reset()
    built = time.perf_counter()
    window = window_class(db, access=access)
    window.resize(1366, 768)
    built = time.perf_counter() - built
    bench.rows.append(Measurement("build the window (widgets, before showing)", bench.size,
                                  bench.engine, built, None, None, built))  # fmt: skip
    if bench.echo:
        print(f"{'build the window (widgets)':<44} {built * 1000:8.0f} ms", flush=True)
    first_screen = window.agreements.model.shows_first_screen
    bench.act("open the window (first screen)", window.show, first_screen,
              floor=floor_of(db, lambda s: agreement_ids(s, limit=SCREEN)))  # fmt: skip
    page = window.agreements
    model, view = page.model, page.view
    bench.act("agreements list filled", lambda: None, model.is_current,
              floor=floor_of(db, lambda s: agreement_ids(s)))  # fmt: skip
    bench.act("scroll the list to the end", view.scrollToBottom, lambda: not model.rows_pending())
    bench.act("scroll back to the top", view.scrollToTop, lambda: not model.rows_pending())
    # Ctrl+A: Qt's header asked flags() of every selected cell at each paint (30 s at 1M).
    bench.act("select all (Ctrl+A)", view.selectAll, lambda: True)
    bench.act("clear the selection", view.clearSelection, lambda: True)

    header = view.horizontalHeader()
    keys = [c.key for c in model.columns]
    first_screens: list[Measurement] = []
    for key in ("value", "partner", "decision_date", "title", "owner", "status", "reference"):
        column, descending = keys.index(key), key == "value"
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        floor = floor_of(db, lambda s, k=key, d=descending: agreement_ids(  # type: ignore[misc]
            s, sort=k, descending=d, limit=SCREEN))  # fmt: skip
        first_screens.append(bench.act(
            f"sort by {key} (first screen)",
            lambda c=column, o=order: header.setSortIndicator(c, o),  # type: ignore[misc]
            lambda: model.shows_first_screen() and not model.rows_pending(), floor=floor,
        ))  # fmt: skip
    slowest = max(first_screens, key=lambda r: r.seconds)
    bench.rows.append(Measurement("sort (first screen)", bench.size, bench.engine,
                                  slowest.seconds, slowest.floor_seconds,
                                  TARGETS["sort (first screen)"],
                                  max(r.stall_seconds or 0 for r in first_screens)))  # fmt: skip

    searches: list[Measurement] = []
    for text in ("Lumi", "物流", "BR-2026-00012", ""):
        f = AgreementFilter(search=text or None)
        floor = floor_of(db, lambda s, f=f: agreement_ids(s, f, sort="reference", limit=SCREEN))  # type: ignore[misc]

        def typing(text: str = text) -> float:
            page.search_edit.setFocus()
            page.search_edit.selectAll()
            page.search_edit.clear()
            for character in text:  # as typed, a key at a time: the debounce must hold
                page.search_edit.insert(character)  # (QTest.keyClicks knows no Chinese)
                bench.idle(0.03)
            last_key = time.perf_counter()
            page.apply_filter()  # the debounce would fire 250 ms later: no waiting for it
            return last_key

        searches.append(bench.act(f"search {text!r} (first screen)", typing,
                                  lambda: model.shows_first_screen() and not model.rows_pending(),
                                  floor=floor))  # fmt: skip
    slowest = max(searches[:-1], key=lambda r: r.seconds)
    bench.rows.append(Measurement("search", bench.size, bench.engine, slowest.seconds,
                                  slowest.floor_seconds, TARGETS["search"],
                                  max(r.stall_seconds or 0 for r in searches)))  # fmt: skip

    bench.act("filter: type = logistics",
              lambda: page.type_box.setCurrentIndex(page.type_box.findData("logistics")),
              model.shows_first_screen)  # fmt: skip
    bench.act("filter: status = active",
              lambda: page.status_box.setCurrentIndex(page.status_box.findData("active")),
              model.shows_first_screen)  # fmt: skip

    def all_again() -> None:
        page.type_box.setCurrentIndex(0)
        page.status_box.setCurrentIndex(0)

    bench.act("filter: back to all", all_again, model.is_current)

    dashboard = window.dashboard
    arrived: list[bool] = []
    dashboard.loaded.connect(lambda: arrived.append(True))
    today = date.today()

    def open_dashboard() -> None:
        window.show_page("dashboard")
        dashboard.refresh()

    bench.act("dashboard figures in the window", open_dashboard, lambda: bool(arrived),
              floor=floor_of(db, lambda s: load_dashboard_in(s, today), runs=1))  # fmt: skip

    from ui.worker import jobs_running

    def settled() -> bool:
        # A write's changes reach the pages one turn of the event loop after it (announce's
        # timer): until then the list's refresh has not started, and its stall would count
        # for the next action.
        return jobs_running() == 0 and not window._refresh_timer.isActive()

    renewals = window.renewals
    bench.act("renewals page (GUI thread)", lambda: window.show_page("renewals"), settled,
              floor=floor_of(db, lambda s: decisions_due(
                  s, today, int(renewals.horizon_box.currentData()), AgreementFilter(),
                  limit=201, include_overdue=True)))  # fmt: skip
    for key in ("partners", "sellers", "reports", "agreements"):
        bench.act(f"switch to the {key} page", lambda k=key: window.show_page(k), settled)  # type: ignore[misc]

    from ui.window.records import open_agreement

    target_id = model.id_at(0)
    if target_id is not None:
        bench.act("open an editor", lambda: open_agreement(window, target_id), settled)
    editor: Any = window.open_editors[0] if window.open_editors else None
    if editor is not None:
        editor.title_edit.setText(editor.title_edit.text() + " ·")
        bench.act("save", editor.save, settled)
        bench.act("undo the save", window.undo_stack.undo, settled)
        editor.close()
    bench.idle()
    if target_id is not None:
        _use_a_partner_editor(bench, db, window, target_id, settled)
    doomed = [i for i in (model.id_at(0),) if i is not None]
    if doomed:
        from PySide6.QtWidgets import QMessageBox

        from ui import background

        asked, yes = QMessageBox.question, QMessageBox.StandardButton.Yes
        QMessageBox.question = lambda *_a, **_k: yes  # type: ignore[method-assign]
        try:

            def written() -> bool:
                return settled() and not background.writing()

            bench.act("delete from the list", lambda: window.delete_agreements(doomed), written)
            bench.act("undo the delete", window.undo_stack.undo, written)
        finally:
            QMessageBox.question = asked  # type: ignore[method-assign]
    bench.idle()
    window.close()
    bench.idle()


def _use_a_partner_editor(
    bench: Bench, db: Database, window: MainWindow, agreement_id: int,
    settled: Callable[[], bool],
) -> None:  # fmt: skip
    """Open the partner of the first agreement in the list, change its notes, save, undo."""
    from app.services.agreements import get_agreement
    from ui import background
    from ui.editors.partner_editor import PartnerEditor
    from ui.window.records import edit_partner

    with db.session() as s:  # the bench's own look-up, not the window's
        partner_id = get_agreement(s, agreement_id).partner_id

    def written() -> bool:
        return settled() and not background.writing()

    bench.act("open the partner editor", lambda: edit_partner(window, partner_id), written)
    editor = next((e for e in window.open_editors if isinstance(e, PartnerEditor)), None)
    if editor is None:
        return
    editor.notes_edit.setPlainText(editor.notes_edit.toPlainText() + " ·")
    bench.act("save a partner", editor.save, written)
    bench.act("undo the partner save", window.undo_stack.undo, written)
    from PySide6.QtWidgets import QMessageBox

    asked = QMessageBox.question  # a question would wait for a click that never comes
    QMessageBox.question = lambda *_a, **_k: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    try:
        editor.close()
    finally:
        QMessageBox.question = asked  # type: ignore[method-assign]
    bench.idle()


def load_dashboard_in(s: Session, today: date) -> object:
    from app.services.dashboard import attention
    from app.services.overview import attention_counts
    from app.services.portfolio import portfolio_figures
    from app.services.scope import Scope

    return (attention(s, today, 90), attention_counts(s, today),
            portfolio_figures(s, today, scope=Scope.IN_FORCE))  # fmt: skip


def main(argv: list[str]) -> None:
    target = argv[1] if len(argv) > 1 else "/tmp/big.db"
    engine = "postgresql" if target.startswith("postgresql") else "sqlite"
    print(f"load {Path('/proc/loadavg').read_text().split()[0]}; target {target}")
    db = open_database(target)
    from app.services.listing import count_agreements

    with db.session() as s:
        size = count_agreements(s)
    db.dispose()
    measure(target, size, engine, echo=True)


if __name__ == "__main__":
    main(sys.argv)
