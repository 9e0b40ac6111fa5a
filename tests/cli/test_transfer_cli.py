"""``partnerdesk import / export / backup / restore`` as a scheduled job or a user runs them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.cli import main

HEADER = (
    "title,type,partner,partner_country,status,currency,value,start_date,end_date,operating_model"
)
GOOD = "保税仓储协议,brand,花王株式会社,JP,draft,JPY,￥12000000,2026/3/1,2027年2月28日,direct"
BAD = "Broken,brand,Kao,JP,active,JPY,lots,2026-03-01,2025-01-01,direct"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def csv_gbk(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_bytes(f"{HEADER}\r\n{GOOD}\r\n".encode("gbk"))
    return path


def test_import_dry_run_then_import_then_export(
    db_path: Path, csv_gbk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    code, out, _ = run(capsys, "--db", db, "import", str(csv_gbk), "--dry-run")
    assert code == 0
    assert "dry run" in out and "1 new agreement(s)" in out and "1 new partner(s)" in out
    code, out, _ = run(capsys, "--db", db, "list", "agreements", "--format", "csv")
    assert "保税仓储协议" not in out
    code, out, _ = run(capsys, "--db", db, "import", str(csv_gbk))
    assert (code, out.strip()) == (
        0, "imported 1 row(s): 1 new agreement(s), 0 update(s), 1 new partner(s)",
    )  # fmt: skip
    code, out, _ = run(capsys, "--db", db, "export", str(tmp_path / "out.xlsx"))
    assert code == 0 and "exported 1 agreements" in out
    code, out, _ = run(capsys, "--db", db, "export", str(tmp_path / "p.csv"), "--what", "partners")
    assert code == 0
    assert "花王株式会社" in (tmp_path / "p.csv").read_text(encoding="utf-8-sig")


def test_importing_the_same_file_twice_warns_and_still_imports(
    db_path: Path, csv_gbk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    code, _, err = run(capsys, "--db", db, "import", str(csv_gbk))
    assert code == 0 and "looks like" not in err
    code, out, err = run(capsys, "--db", db, "import", str(csv_gbk))
    assert code == 0
    assert err == (
        "note: row 2: looks like BR-2026-0001 already in the database (same partner, title, "
        "type and start date); it will be created again — give its reference to update it "
        "instead\n"
    )
    assert out.strip() == "imported 1 row(s): 1 new agreement(s), 0 update(s), 0 new partner(s)"


def test_import_with_bad_rows_lists_them_and_exits_1(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n{BAD}\n", encoding="utf-8-sig")
    code, out, err = run(capsys, "--db", str(db_path), "import", str(path))
    assert code == 1
    assert "bad.csv: row 3, value: 'lots' is not an amount" in err
    assert "bad.csv: row 3, end_date: ends 2025-01-01, before it starts 2026-03-01" in err
    assert "bad.csv: row 3, signed_date: an active agreement needs its signed date" in err
    assert "nothing was imported" in out
    code, out, _ = run(capsys, "--db", str(db_path), "list", "agreements", "--format", "csv")
    assert out.count("\n") <= 1


def test_import_encoding_override_and_unreadable_files(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(f"{HEADER}\n{GOOD.replace('花王株式会社', '花王')}\n".encode("gb18030"))
    code, _, err = run(capsys, "--db", str(db_path), "import", str(path), "--encoding", "utf-8")
    assert code == 1 and "is not utf-8 text" in err and "Traceback" not in err
    code, _, _ = run(capsys, "--db", str(db_path), "import", str(path), "--encoding", "gbk")
    assert code == 0
    code, _, err = run(capsys, "--db", str(db_path), "import", str(tmp_path / "none.csv"))
    assert code == 1 and "no file at" in err


def test_unknown_columns_are_named(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(f"{HEADER},Internal memo\n{GOOD},x\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db_path), "import", str(path))
    assert code == 0
    assert "column 'Internal memo' is not recognised and was ignored" in err


def test_backup_and_restore_commands(
    db_path: Path, csv_gbk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    assert run(capsys, "--db", db, "import", str(csv_gbk))[0] == 0
    code, out, _ = run(capsys, "--db", db, "backup", str(tmp_path / "b.db"))
    assert code == 0 and "1 agreements, 1 partners" in out
    code, _, err = run(capsys, "--db", db, "restore", str(tmp_path / "b.db"))
    assert code == 1 and "use --force" in err
    code, out, _ = run(capsys, "--db", db, "restore", str(tmp_path / "b.db"), "--force")
    assert code == 0 and "previous contents were saved" in out
    fresh = tmp_path / "fresh.db"
    code, out, _ = run(capsys, "--db", str(fresh), "restore", str(tmp_path / "b.db"))
    assert code == 0
    code, out, _ = run(capsys, "--db", str(fresh), "check")
    assert code == 0 and "1 agreements" in out
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(tmp_path / "b.db", damaged)
    with damaged.open("r+b") as f:
        f.truncate(3000)
    code, _, err = run(capsys, "--db", str(tmp_path / "other.db"), "restore", str(damaged))
    assert code == 1 and "damaged" in err


def test_backup_refuses_to_replace_an_existing_file_without_force(
    db_path: Path, csv_gbk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    assert run(capsys, "--db", db, "import", str(csv_gbk))[0] == 0
    sheet = tmp_path / "budget.csv"
    sheet.write_text("quarter,amount\nQ1,100\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "backup", str(sheet))
    assert (code, out) == (1, "")
    refusal = f"{sheet} already exists; choose another name or use --force"
    assert err == f"partnerdesk: error: {refusal}\n"
    assert sheet.read_text(encoding="utf-8") == "quarter,amount\nQ1,100\n"
    code, out, _ = run(capsys, "--db", db, "backup", str(sheet), "--force")
    assert code == 0 and "1 agreements, 1 partners" in out
    assert sheet.read_bytes().startswith(b"SQLite format 3\0")
    code, _, err = run(capsys, "--db", db, "backup", db, "--force")
    assert code == 1 and "cannot overwrite the database it copies" in err


def test_export_into_a_missing_folder_is_one_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "out.csv"
    code, out, err = run(capsys, "--db", str(db_path), "export", str(target))
    assert (code, out) == (1, "")
    assert err == f"partnerdesk: error: folder {target.parent} does not exist\n"
    assert not target.parent.exists()


def test_an_unknown_encoding_is_a_usage_error(
    db_path: Path, csv_gbk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(db_path), "import", str(csv_gbk), "--encoding", "foo"])
    _, err = capsys.readouterr()
    assert exit_.value.code == 2
    assert err == (
        "partnerdesk import: usage error: argument --encoding: "
        "unknown encoding 'foo' (e.g. gbk, utf-8, big5) (see --help)\n"
    )


def test_a_header_only_file_says_it_has_no_rows(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(f"{HEADER}\r\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db_path), "import", str(path))
    assert code == 1
    assert err == "empty.csv: the file has no data rows below its header\n"
    assert out == "the file has no data rows below its header; nothing was imported\n"
    path.write_text("title,type\r\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db_path), "import", str(path))
    assert code == 1 and "of 0 row(s)" not in out
    assert "empty.csv: row 1, currency: this required column is missing from the file" in err
    assert out == (
        "7 problem(s) in the header row, and the file has no data rows below it; "
        "nothing was imported\n"
    )


def test_dry_run_against_a_database_that_does_not_exist_yet(
    csv_gbk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new" / "partnerdesk.db"
    code, out, err = run(capsys, "--db", str(db), "import", str(csv_gbk), "--dry-run")
    assert (code, err) == (0, "")
    assert out == (
        "checked 1 row(s), no problems; dry run, would make 1 new agreement(s), 0 update(s), "
        "1 new partner(s)\n"
    )
    assert not db.exists() and not db.parent.exists()
    code, out, _ = run(capsys, "--db", str(db), "import", str(csv_gbk))
    assert code == 0 and db.exists()
