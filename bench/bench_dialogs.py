"""The window's small dialogs on a big database: the event loop's longest stall.

    python -m bench.bench_dialogs /tmp/big.db        (or a postgresql+psycopg:// URL)
    BENCH_OTHER_DB=URL python -m bench.bench_dialogs /tmp/big.db    (and switching to URL)

The settings dialog (opened, a rate saved, rates imported, OK), the small imports (KPI
actuals, sellers, violations: each once accepted and once refused) and the language
switch's reading of who is connected, each measured as ``bench_ui`` measures the window's
actions: a 5 ms heartbeat on the GUI thread, the longest gap while the action runs and
settles. It writes (rates, settings, actuals, sellers, violations): run it on a copy.
BENCH_OTHER_DB names a database OK switches to (the process's first connection to it).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.db import Database
from bench.bench_ui import Bench, as_the_application
from bench.measure import Measurement


def measure(target: str, size: int, engine: str, *, echo: bool = False) -> list[Measurement]:
    with as_the_application(target, size, engine, echo) as (bench, db):
        _use_the_dialogs(bench, db)
    return bench.rows


def _idle() -> bool:
    from ui import background
    from ui.worker import jobs_running

    return jobs_running() == 0 and not background.writing()


def _use_the_dialogs(bench: Bench, db: Database) -> None:
    from app.services.agreements import get_agreement
    from app.services.listing import AgreementFilter, agreement_ids
    from app.services.sellers.register import list_sellers
    from ui.access import read_access
    from ui.dialogs import kpi_actuals_import, seller_import
    from ui.dialogs.settings_dialog import SettingsDialog

    said: list[str] = []

    def tell(_parent: QWidget, _title: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
        said.append(text)
        return QMessageBox.StandardButton.Ok

    QMessageBox.information = tell  # type: ignore[assignment,method-assign]
    QMessageBox.warning = tell  # type: ignore[assignment,method-assign]
    read_access(db)  # the mappers configured, as in a window already open
    tmp = Path(tempfile.mkdtemp())
    with db.session() as s:
        lines = []
        for agreement_id in agreement_ids(s, AgreementFilter(), limit=1600)[::8]:
            view = get_agreement(s, agreement_id)
            if view.kpis:
                lines.append((view.reference, view.kpis[0].metric))
        sellers = list_sellers(s)[:10]

    def heard(n: int) -> Callable[[], bool]:
        return lambda: len(said) > n

    def settled() -> bool:
        return _idle()

    # --- who is connected (the language switch and another database read it) ----------
    bench.act("read who is connected (language switch)", lambda: read_access(db), lambda: True)

    # --- settings ----------------------------------------------------------------------
    holder: list[SettingsDialog] = []

    def open_settings() -> None:
        holder.append(SettingsDialog(db))
        holder[-1].show()

    def opened() -> bool:
        return bool(holder) and getattr(holder[-1], "loaded", lambda: True)()

    for _ in range(3):
        holder.clear()
        bench.act("open settings", open_settings, opened, settle=settled)
        holder[-1].close()
    dialog = SettingsDialog(db)
    dialog.show()
    bench.act("", lambda: None, opened, settle=settled)
    bench.rows.pop()
    tab = dialog.fx_tab
    for i in range(3):
        tab.rate_currency.setText("USD")
        tab.rate_value.setText(f"7.1{i}")
        bench.act("settings: save a rate", tab.add_rate, settled)
    rates = tmp / "rates.csv"
    rates.write_text(
        "currency,rate,date,source\n"
        + "".join(f"EUR,7.{i:02d},2020-01-{i + 1:02d},ECB\n" for i in range(20)),
        encoding="utf-8",
    )
    bench.act("settings: import 20 rates", lambda: tab.import_file(rates), settled)
    dialog.company_edit.setText("Bench Trading Ltd")
    bench.act("settings: OK", dialog.save,
              lambda: dialog.result() == QDialog.DialogCode.Accepted, settle=settled)  # fmt: skip
    dialog.close()

    other = os.environ.get("BENCH_OTHER_DB")  # a database to switch to: its own connection
    if other:
        chosen: list[Database] = []
        dialog = SettingsDialog(db)
        dialog.show()
        dialog.database_chosen.connect(chosen.append)
        dialog.db_edit.setText(other)

        def answered() -> bool:  # chosen, or no keyring said (OK again goes on without)
            return bool(chosen) or "keyring" in dialog.db_error.text()

        bench.act("settings: OK to another database", dialog.save, answered, settle=settled)
        if not chosen:
            bench.act("settings: OK again (no keyring)", dialog.save, lambda: bool(chosen),
                      settle=settled)  # fmt: skip
        dialog.close()
        chosen[0].dispose()

    # --- the small imports --------------------------------------------------------------
    parent = QWidget()
    year = 2100 + int(time.time()) % 700  # periods no earlier run imported
    for count in (25, len(lines)):
        for _run in range(2):
            year += 1
            path = tmp / f"actuals-{year}.csv"
            path.write_text("reference,kpi,period,value\n" + "".join(
                f"{ref},{metric},{year}-Q{q},{q * 10}\n"
                for ref, metric in lines[:count] for q in (1, 2)), encoding="utf-8")  # fmt: skip
            n = len(said)
            bench.act(f"import {count * 2} KPI actuals",
                      partial(kpi_actuals_import.import_actuals, parent, db, path),
                      heard(n), settle=settled)  # fmt: skip
    bad = tmp / "actuals-bad.csv"
    bad.write_text("reference,kpi,period,value\n" + "".join(
        f"{'XX-1999-0001' if i == len(lines) - 1 else ref},{metric},{year + 9}-Q1,1\n"
        for i, (ref, metric) in enumerate(lines)), encoding="utf-8")  # fmt: skip
    n = len(said)
    bench.act(f"import {len(lines)} KPI actuals, last refused",
              lambda: kpi_actuals_import.import_actuals(parent, db, bad), heard(n),
              settle=settled)  # fmt: skip
    assert said[-1].startswith("Nothing was imported"), said[-1]
    vio = tmp / "violations.csv"
    for run in range(2):
        vio.write_text("seller,country,date,kind,severity\n" + "".join(
            f"\"{v.legal_name}\",{v.country},2026-0{run + 1}-1{i % 9},customs,minor\n"
            for i, v in enumerate(sellers)), encoding="utf-8")  # fmt: skip
        n = len(said)
        bench.act(f"import {len(sellers)} violations",
                  lambda: seller_import.import_file(parent, db, vio, "violations"), heard(n),
                  settle=settled)  # fmt: skip
    sel = tmp / "sellers.csv"
    for run in range(2):
        sel.write_text("legal_name,country,deposit_currency,notes\n" + "".join(
            f"\"{v.legal_name}\",{v.country},{v.deposit_currency},bench {run}\n"
            for v in sellers), encoding="utf-8")  # fmt: skip
        n = len(said)
        bench.act(f"import {len(sellers)} sellers",
                  lambda: seller_import.import_file(parent, db, sel, "sellers"), heard(n),
                  settle=settled)  # fmt: skip
    if bench.echo:
        print("said:", *[s.splitlines()[0] for s in said], sep="\n  ")


def main(argv: list[str]) -> None:
    target = argv[1] if len(argv) > 1 else "/tmp/big.db"
    engine = "postgresql" if target.startswith("postgresql") else "sqlite"
    print(f"load {Path('/proc/loadavg').read_text().split()[0]}; target {target}")
    measure(target, 0, engine, echo=True)
    print(f"load {Path('/proc/loadavg').read_text().split()[0]}")


if __name__ == "__main__":
    main(sys.argv)
