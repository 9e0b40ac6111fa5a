from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.db.migrate import head_revision


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    assert main(["--db", str(path), "demo", "--agreements", "2000", "--seed", "7"]) == 0
    return path


def test_demo_covers_every_type_model_and_status(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(demo_db), "list", "agreements", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 2000
    assert {r["type"] for r in rows} == {"brand", "logistics", "marketing", "payment", "platform"}
    assert {r["operating_model"] for r in rows if r["type"] == "brand"} == {"direct", "platform"}
    assert {r["operating_model"] for r in rows if r["type"] != "brand"} == {None}
    assert {r["status"] for r in rows} == {
        "draft",
        "negotiation",
        "pending_approval",
        "active",
        "expired",
        "terminated",
        "renewed",
    }
    assert len({r["reference"] for r in rows}) == 2000
    first = rows[0]
    assert set(first) >= {
        "reference",
        "title",
        "type",
        "partner",
        "status",
        "currency",
        "value",
        "start_date",
        "end_date",
        "decision_date",
        "operating_model",
    }
    assert isinstance(first["value"], str) and "." in first["value"]
    for r in rows:
        end = date.fromisoformat(r["end_date"])
        assert date.fromisoformat(r["decision_date"]) == end - timedelta(days=r["notice_days"])
    # Partner names come in both scripts.
    assert any(r["partner_local_name"] and r["partner_local_name"] != r["partner"] for r in rows)


def test_demo_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for name in ("a.db", "b.db"):
        path = str(tmp_path / name)
        assert run(capsys, "--db", path, "demo", "--agreements", "150", "--seed", "11")[0] == 0
        outputs.append(run(capsys, "--db", path, "list", "agreements", "--format", "csv")[1])
    assert outputs[0] == outputs[1] and outputs[0].count("\n") == 151


def test_expiring_within_returns_exactly_the_decisions_in_the_window(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--db", str(demo_db), "list", "agreements", "--format", "json")
    today = date.today()
    expected = {
        r["reference"]
        for r in json.loads(out)
        if today <= date.fromisoformat(r["decision_date"]) <= today + timedelta(days=90)
    }
    code, out, _ = run(
        capsys,
        "--db",
        str(demo_db),
        "list",
        "agreements",
        "--expiring-within",
        "90",
        "--format",
        "json",
    )
    assert code == 0
    assert expected and {r["reference"] for r in json.loads(out)} == expected


def test_filters_combine(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        str(demo_db),
        "list",
        "agreements",
        "--type",
        "brand,payment",
        "--status",
        "active",
        "--format",
        "json",
    )
    rows = json.loads(out)
    assert code == 0 and rows
    assert {r["type"] for r in rows} <= {"brand", "payment"}
    assert {r["status"] for r in rows} == {"active"}
    partner = rows[0]["partner_local_name"]
    code, out, _ = run(
        capsys, "--db", str(demo_db), "list", "agreements", "--search", partner, "--format", "json"
    )
    assert all(r["partner_local_name"] == partner for r in json.loads(out))


def test_table_and_partner_list(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(demo_db), "list", "agreements", "--owner", "Li Wei")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["reference", "type", "status"]
    assert lines[-1].startswith("(") and lines[-1].endswith(" rows)")
    code, out, _ = run(capsys, "--db", str(demo_db), "list", "partners", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("legal_name,local_name,country")


def test_check_reports_schema_and_counts(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(demo_db), "check")
    assert code == 0
    assert f"ok — schema {head_revision()}" in out and "2,000 agreements" in out


def test_check_on_a_text_file_exits_1_with_one_line_and_leaves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "contracts.db"
    path.write_bytes(b"this is not a database\r\n")
    code, out, err = run(capsys, "--db", str(path), "check")
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "not a PartnerDesk database" in err
    assert path.read_bytes() == b"this is not a database\r\n"


def test_reading_a_missing_database_does_not_create_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "list", "agreements")
    assert code == 1 and "no PartnerDesk database" in err
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "contracts"],
        ["list", "agreements", "--type", "franchise"],
        ["list", "agreements", "--expiring-within", "soon"],
        ["demo", "--agreements", "-3"],
        ["frobnicate"],
    ],
)
def test_wrong_usage_exits_2_with_one_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(tmp_path / "x.db"), *argv])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "usage error" in err


def test_environment_variable_selects_the_database(
    demo_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTNERDESK_DB", str(demo_db))
    code, out, _ = run(capsys, "check")
    assert code == 0 and str(demo_db) in out


def test_installed_entry_point_without_display_says_so(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    exe = Path(sys.executable).with_name("partnerdesk")
    result = subprocess.run(
        [str(exe), "--db", str(tmp_path / "g.db")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no display" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_kind_of_database_url_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", "foo://bar", "check")
    assert code == 1
    assert err.count("\n") == 1 and "not a database PartnerDesk knows" in err


def test_demo_goes_only_into_an_empty_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "d.db")
    code, out, _ = run(capsys, "--db", path, "demo", "--agreements", "0")
    assert code == 0 and "added 0 agreements with 0 partners" in out
    assert run(capsys, "--db", path, "demo", "--agreements", "5")[0] == 0
    code, _, err = run(capsys, "--db", path, "demo", "--agreements", "5")
    assert code == 1 and "already holds 5 agreements" in err
    _, out, _ = run(capsys, "--db", path, "list", "agreements", "--format", "json")
    assert len(json.loads(out)) == 5


def test_a_partnerdesk_link_opens_the_application(monkeypatch: pytest.MonkeyPatch) -> None:
    # What the desktop entry runs when a partnerdesk:// link is clicked: the window, not a
    # usage error about an unknown command.
    from app.commands import gui

    opened: list[object] = []

    def open_gui(args: argparse.Namespace) -> int:
        opened.append(args.command)
        return 0

    monkeypatch.setattr(gui, "open_gui", open_gui)
    assert main(["partnerdesk://agreement/BR-2024-0001"]) == 0
    assert opened == [None]
