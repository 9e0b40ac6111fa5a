"""Render every tab of the editors with demo data, for docs/screenshots.

    xvfb-run -a python -m ui.editors.screenshots docs/screenshots [--lang zh_CN]

A private demo database is built in a temporary folder; the user's own is never touched.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.db import Database, open_database
from app.domain.enums import AgreementType, DocumentKind
from app.services.agreements import AgreementView, get_agreement
from app.services.attachments import add_attachment
from app.services.demo import load_demo
from app.services.listing import AgreementFilter, agreement_ids
from ui.editors.agreement.editor import AgreementEditor
from ui.editors.partner_editor import PartnerEditor

SIZE = (980, 700)
TODAY = date(2026, 11, 26)


def _richest_brand(db: Database) -> AgreementView:
    """A brand agreement with milestones, KPI actuals and documents: every tab has rows."""
    with db.session() as s:
        ids = agreement_ids(s, AgreementFilter(types=frozenset({AgreementType.BRAND})))
        views = [get_agreement(s, i) for i in ids[:200]]
    return max(
        views,
        key=lambda v: (
            v.status.value == "active",
            len(v.milestones) > 0,
            sum(len(k.actuals) for k in v.kpis) > 0,
            len(v.attachments),
            len(v.milestones),
        ),
    )


def _grab(app: QApplication, widget: QWidget, path: Path) -> Path:
    app.processEvents()
    widget.grab().save(str(path))
    return path


def save_editor_screenshots(db: Database, out_dir: Path, suffix: str = "") -> list[Path]:
    """One PNG per editor tab, a refused save, and the partner editor's two tabs."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    out_dir.mkdir(parents=True, exist_ok=True)
    view = _richest_brand(db)
    if not view.attachments:
        with db.session() as s:
            add_attachment(s, view.id, "brand-authorisation.pdf", b"%PDF-1.4 demo",
                           kind=DocumentKind.BRAND_AUTHORISATION, expires_on=TODAY)  # fmt: skip
    shots: list[Path] = []
    editor = AgreementEditor(db, view.id)
    editor.resize(*SIZE)
    editor.show()
    names = ("general", "terms", "milestones", "kpis", "attachments", "history")
    for index, name in enumerate(names):
        editor.tabs.setCurrentIndex(index)
        shots.append(_grab(app, editor, out_dir / f"editor-{name}{suffix}.png"))
    editor.hide()
    editor.deleteLater()

    # What a refused save looks like: the reasons sit under the fields concerned.
    new = AgreementEditor(db, agreement_type=AgreementType.BRAND, partner_id=view.partner_id)
    new.resize(*SIZE)
    new.show()
    # Not new.tr(): lupdate would file it under the variable's name, Qt under AgreementEditor.
    new.title_edit.setText(QCoreApplication.translate("Screenshots", "Flagship store 2027"))
    new.value_edit.setText("2,500,000")
    new.end_edit.set_value(date(2025, 12, 31))
    new.start_edit.set_value(date(2026, 1, 1))
    new.save()
    shots.append(_grab(app, new, out_dir / f"editor-validation{suffix}.png"))
    assert new.terms_form is not None
    new.end_edit.set_value(date(2027, 12, 31))
    commission = new.terms_form.widgets["commission_rate_pct"]
    assert isinstance(commission, QLineEdit)
    commission.setText("150")
    new.save()  # now only the terms are wrong: the editor turns to that page
    shots.append(_grab(app, new, out_dir / f"editor-validation-terms{suffix}.png"))
    new.hide()
    new._baseline = new._form_state()  # nothing to ask on the way out
    new.deleteLater()

    partner = PartnerEditor(db, view.partner_id)
    partner.resize(SIZE[0], 640)
    partner.show()
    shots.append(_grab(app, partner, out_dir / f"editor-partner{suffix}.png"))
    partner.tabs.setCurrentIndex(1)
    shots.append(_grab(app, partner, out_dir / f"editor-partner-agreements{suffix}.png"))
    partner.hide()
    partner.deleteLater()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--lang", default="en", choices=["en", "zh_CN"])
    parser.add_argument("--theme", default="light", choices=["light", "dark"])
    args = parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    if args.lang != "en":
        from ui.i18n import install

        if not install(app, args.lang):
            print(f"no compiled translation for {args.lang}", file=sys.stderr)
            return 1
    from ui.theme import apply

    apply(app, args.theme)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "screens.db")
        with db.session() as s:
            load_demo(s, 400, seed=7, today=TODAY)
        suffix = "" if args.lang == "en" else f"-{args.lang.split('_')[0]}"
        suffix += "" if args.theme == "light" else "-dark"
        for path in save_editor_screenshots(db, args.out_dir, suffix):
            print(path)
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
