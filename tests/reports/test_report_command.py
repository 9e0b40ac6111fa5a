"""``partnerdesk report ...``: files written, and the exit-status contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.db import Database
from tests.reports.conftest import read_pdf


def _db_path(db: Database) -> str:
    return str(db.engine.url.database)


def test_each_kind_writes_a_pdf(demo_db: Database, tmp_path: Path) -> None:
    db = _db_path(demo_db)
    with demo_db.session() as s:
        from app.services.listing import list_agreements

        row = list_agreements(s, limit=1)[0]
    runs = {
        "agreement": ["report", "agreement", row.reference],
        "portfolio": ["report", "portfolio", "--type", "brand,payment", "--as-of", "2026-11-26"],
        "renewals": ["report", "renewals", "--within", "90", "--lang", "zh"],
        "partner": ["report", "partner", row.partner_name],
    }
    for name, argv in runs.items():
        out = tmp_path / f"{name}.pdf"
        assert main(["--db", db, *argv, "--out", str(out)]) == 0, name
        pdf = read_pdf(out.read_bytes())
        assert pdf.pages, name
    assert row.reference in read_pdf((tmp_path / "agreement.pdf").read_bytes()).text
    assert "续约展望" in read_pdf((tmp_path / "renewals.pdf").read_bytes()).text


def test_unknown_reference_exits_1_with_one_line(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    code = main(
        ["--db", _db_path(demo_db), "report", "agreement", "XX-1999-0001", "--out", str(out)]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().count("\n") == 0 and "XX-1999-0001" in err
    assert not out.exists()


def test_unknown_partner_exits_1(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "--db",
            _db_path(demo_db),
            "report",
            "partner",
            "Nobody At All",
            "--out",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code == 1
    assert "no partner named 'Nobody At All'" in capsys.readouterr().err


def test_wrong_usage_exits_2(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "--db",
                _db_path(demo_db),
                "report",
                "renewals",
                "--within",
                "soon",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "--db",
                _db_path(demo_db),
                "report",
                "portfolio",
                "--lang",
                "fr",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
    assert exc.value.code == 2


def test_missing_output_folder_exits_1(demo_db: Database, tmp_path: Path) -> None:
    code = main(
        [
            "--db",
            _db_path(demo_db),
            "report",
            "portfolio",
            "--out",
            str(tmp_path / "nowhere" / "x.pdf"),
        ]
    )
    assert code == 1


def test_portfolio_appendix_option_and_xlsx(demo_db: Database, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from app.services.listing import count_agreements

    db = _db_path(demo_db)
    pages = {}
    for choice in ("none", "top", "full"):
        out = tmp_path / f"{choice}.pdf"
        argv = ["--db", db, "report", "portfolio", "--appendix", choice, "--out", str(out)]
        assert main(argv) == 0
        pdf = read_pdf(out.read_bytes())
        pages[choice] = len(pdf.pages)
        appendix = [t for t in pdf.outline_titles() if t.startswith("Appendix")]
        assert bool(appendix) == (choice != "none"), choice
    assert pages["none"] < pages["top"] < pages["full"]
    default = tmp_path / "default.pdf"
    xlsx = tmp_path / "all.xlsx"
    assert (
        main(["--db", db, "report", "portfolio", "--out", str(default), "--xlsx", str(xlsx)]) == 0
    )
    assert len(read_pdf(default.read_bytes()).pages) == pages["none"]
    with demo_db.session() as s:
        every = count_agreements(s)
    book = load_workbook(xlsx, read_only=True)
    try:
        rows = sum(1 for _ in book.worksheets[0].iter_rows())
    finally:
        book.close()
    assert rows == every + 1  # a header row, then every agreement
    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "report", "portfolio", "--appendix", "all", "--out", "x.pdf"])
    assert exc.value.code == 2
