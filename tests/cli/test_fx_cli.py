"""``partnerdesk fx list|set|import`` as a scheduled job would run them."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse's usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_set_then_list_shows_rate_date_source_and_staleness(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    old = (date.today() - timedelta(days=52)).isoformat()
    code, out, _ = run(capsys, "--db", db, "fx", "set", "eur", "7.9100", "--date", old,
                       "--source", "ECB")  # fmt: skip
    assert (code, out) == (0, f"added: 1 EUR = 7.91 CNY from {old} (ECB)\n")
    assert (
        run(capsys, "--db", db, "fx", "set", "USD", "7.12", "--date", date.today().isoformat())[0]
        == 0
    )
    code, out, _ = run(capsys, "--db", db, "fx", "list", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"currency": "EUR", "base": "CNY", "rate": "7.91", "date": old, "source": "ECB",
         "age_days": 52, "status": "stale"},
        {"currency": "USD", "base": "CNY", "rate": "7.12", "date": date.today().isoformat(),
         "source": "manual", "age_days": 0, "status": "in force"},
    ]  # fmt: skip
    code, out, _ = run(capsys, "--db", db, "fx", "list", "--currency", "USD")
    assert code == 0
    assert out.splitlines()[0].split() == [
        "currency",
        "rate",
        "date",
        "source",
        "age_days",
        "status",
    ]
    assert out.splitlines()[2].split()[:2] == ["USD", "7.12"]
    code, out, _ = run(capsys, "--db", db, "fx", "list", "--format", "csv")
    assert out.splitlines()[0] == "currency,base,rate,date,source,age_days,status"


def test_list_says_which_rate_is_in_force_stale_superseded_or_scheduled(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    today = date.today()
    for currency, days_ago in (("EUR", 93), ("EUR", 63), ("USD", 44), ("USD", 3), ("USD", -17)):
        on = (today - timedelta(days=days_ago)).isoformat()
        assert run(capsys, "--db", db, "fx", "set", currency, "7.5", "--date", on)[0] == 0
    code, out, _ = run(capsys, "--db", db, "fx", "list", "--format", "csv")
    assert code == 0
    assert [(line.split(",")[0], line.split(",")[-2:]) for line in out.splitlines()[1:]] == [
        ("EUR", ["63", "stale"]),  # in force, but older than the warning age (35 days)
        ("EUR", ["93", "superseded"]),  # history, however old
        ("USD", ["-17", "scheduled"]),  # not yet in force
        ("USD", ["3", "in force"]),
        ("USD", ["44", "superseded"]),
    ]


def test_set_refusals_and_usage_errors(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    code, _, err = run(capsys, "--db", db, "fx", "set", "EUR", "abc", "--date", "2026-10-12")
    assert code == 2 and "'abc' is not a number" in err
    code, _, err = run(capsys, "--db", db, "fx", "set", "EUR", "7.9", "--date", "12/10/2026")
    assert code == 2 and "is not a date" in err
    code, _, err = run(capsys, "--db", db, "fx", "set", "CNY", "1", "--date", "2026-10-12")
    assert (code, err) == (1, "partnerdesk: error: currency: a currency has no rate to itself\n")


def test_import_is_all_or_nothing_and_idempotent(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("currency,rate,date,source\nEUR,7.8,2026-11-02,ECB\nUSD,,2026-11-02,PBOC\n")
    code, out, err = run(capsys, "--db", db, "fx", "import", str(bad))
    assert code == 1
    assert err == "bad.csv: row 3, rate: blank\nnothing was imported\n"
    assert json.loads(run(capsys, "--db", db, "fx", "list", "--format", "json")[1]) == []
    good = tmp_path / "good.csv"
    good.write_text("currency,rate,date\nEUR,7.8,2026-11-02\nUSD,7.1,2026-11-02\n")
    code, out, _ = run(capsys, "--db", db, "fx", "import", str(good), "--source", "PBOC")
    assert (code, out) == (0, "2 rate(s) read: 2 added, 0 changed, 0 already there\n")
    code, out, _ = run(capsys, "--db", db, "fx", "import", str(good), "--source", "PBOC")
    assert (code, out) == (0, "2 rate(s) read: 0 added, 0 changed, 2 already there\n")
    listed = json.loads(run(capsys, "--db", db, "fx", "list", "--format", "json")[1])
    assert {(r["currency"], r["source"]) for r in listed} == {("EUR", "PBOC"), ("USD", "PBOC")}
    code, _, err = run(capsys, "--db", db, "fx", "import", str(tmp_path / "none.csv"))
    assert code == 1 and err.startswith("partnerdesk: error: no file at")
