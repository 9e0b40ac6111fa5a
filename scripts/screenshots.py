"""Render every page of the application with demo data, in English and Chinese.

    xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshots.py [OUT_DIR]

Writes OUT_DIR/<lang>-<page>.png (default docs/screenshots). The demo database and the
window settings are temporary; the date is fixed so the pictures are reproducible.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.db import open_database
from app.services.demo import load_demo
from app.services.listing import AgreementFilter, agreement_ids
from app.services.partners import partner_ids

TODAY = date(2026, 11, 26)
SIZE = (1500, 920)


def settle(app: QApplication, ms: int = 300) -> None:
    """Let queued work (workers, repaints) finish before a picture is taken."""
    QThreadPool.globalInstance().waitForDone(10000)
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def save(widget: QWidget, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("PartnerDeskScreenshots")
    from ui import i18n, theme
    from ui.dialogs.settings_dialog import SettingsDialog
    from ui.editors.agreement.editor import AgreementEditor
    from ui.editors.partner_editor import PartnerEditor
    from ui.main_window import MainWindow

    theme.apply(app, "light")
    db = open_database(Path(tempfile.mkdtemp()) / "demo.db")
    with db.session() as s:
        load_demo(s, 3000, seed=7, today=TODAY)
        active = agreement_ids(s, AgreementFilter(types=frozenset()), sort="decision_date")
        partner = partner_ids(s, sort="agreement_count", descending=True)[0]

    for lang in ("en", "zh_CN"):
        i18n.install(app, lang)
        tag = "zh" if lang == "zh_CN" else "en"
        window = MainWindow(db, TODAY)
        window.resize(*SIZE)
        window.show()
        window.dashboard.load_now()
        settle(app)
        for name in ("dashboard", "agreements", "partners", "renewals", "reports"):
            window.show_page(name)
            if name == "partners":
                window.partners.select_partner(partner)  # its 360° view filled in
            if name == "reports":
                # A previewed portfolio summary, not an empty viewer.
                reports: Any = window.reports.page()
                if hasattr(reports, "set_kind"):
                    reports.set_kind("portfolio")
                    reports.generate()
                    for _ in range(120):
                        settle(app, 250)
                        if reports.save_button.isEnabled():
                            break
            settle(app)
            save(window, out, f"{tag}-{name}")

        dialog = SettingsDialog(db, window)
        dialog.show()
        settle(app)
        save(dialog, out, f"{tag}-settings")
        dialog.close()

        editor = AgreementEditor(db, active[len(active) // 2], undo_stack=window.undo_stack,
                                 parent=window)  # fmt: skip
        editor.show()
        settle(app)
        save(editor, out, f"{tag}-agreement-editor")
        editor.hide()
        partner_editor = PartnerEditor(db, partner, undo_stack=window.undo_stack, parent=window)
        partner_editor.show()
        settle(app)
        save(partner_editor, out, f"{tag}-partner-editor")
        partner_editor.hide()
        window.hide()
        window.deleteLater()
        settle(app, 100)

    theme.apply(app, "dark")
    i18n.install(app, "en")
    window = MainWindow(db, TODAY)
    window.resize(*SIZE)
    window.show()
    window.show_page("dashboard")
    window.dashboard.load_now()
    settle(app)
    save(window, out, "en-dashboard-dark")
    window.hide()
    QThreadPool.globalInstance().waitForDone(10000)
    db.dispose()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
