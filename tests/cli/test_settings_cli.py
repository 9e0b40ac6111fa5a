"""``partnerdesk settings``: the shared settings from a terminal; secrets in the keyring."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.cli import main
from tests.fake_keyring import MemoryKeyring, memory_keyring  # noqa: F401 (a fixture)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_set_get_and_list(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    assert run(capsys, "--db", db, "settings", "get", "notify.decision_steps") == (
        0, "30,7,1\n", "")  # fmt: skip
    assert run(capsys, "--db", db, "settings", "set", "notify.decision_steps", "1, 14,60") == (
        0, "notify.decision_steps = 60,14,1\n", "")  # fmt: skip
    assert run(capsys, "--db", db, "settings", "set", "notify.quiet_days", "Sun,sat")[1] == (
        "notify.quiet_days = sat,sun\n"
    )
    assert run(capsys, "--db", db, "settings", "set", "base_currency", "usd")[1] == (
        "base_currency = USD\n"
    )
    hook = "notify.webhook.brand"
    url = "https://oapi.dingtalk.com/robot/send?access_token=T"
    assert run(capsys, "--db", db, "settings", "set", hook, f"dingtalk {url} team=Brand")[0] == 0
    code, out, _ = run(capsys, "--db", db, "settings", "list")
    assert code == 0
    assert "notify.decision_steps = 60,14,1    # days before a decision date" in out
    assert "notify.smtp.port = 587 (default)" in out
    assert f"{hook} = dingtalk {url} team=Brand" in out
    assert run(capsys, "--db", db, "settings", "set", "notify.decision_steps", "")[1] == (
        "notify.decision_steps: back to its default\n"
    )


@pytest.mark.parametrize(
    ("key", "value", "why"),
    [
        ("notify.smtp.port", "99999", "'99999': a port is a number from 1 to 65535"),
        ("notify.smtp.security", "ssl", "'ssl': choose starttls, tls, none"),
        ("notify.quiet_days", "weekend", "'weekend' is not a weekday"),
        ("notify.webhook.x", "slack https://h.example/x team=A", "'slack' is not a webhook kind"),
        ("notify.team_leads", "Brand", "write TEAM=LOGIN pairs"),
    ],
)
def test_a_wrong_value_is_refused_in_one_line(
    db_path: Path, capsys: pytest.CaptureFixture[str], key: str, value: str, why: str
) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "settings", "set", key, value)
    assert (code, out) == (1, "")
    assert err.startswith("partnerdesk: error: ") and why in err and err.count("\n") == 1


def test_an_unknown_key(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", str(db_path), "settings", "set", "notify.smpt.host", "x") == (
        1, "", "partnerdesk: error: 'notify.smpt.host' is not a setting (see partnerdesk "
        "settings list)\n")  # fmt: skip


def test_the_smtp_password_goes_to_the_keyring_not_the_database(
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,  # noqa: F811
) -> None:
    db = str(db_path)
    run(capsys, "--db", db, "settings", "set", "notify.smtp.host", "mail.example.com")
    run(capsys, "--db", db, "settings", "set", "notify.smtp.user", "pd")
    monkeypatch.setattr("sys.stdin", io.StringIO("hunter2\n"))
    code, out, _ = run(capsys, "--db", db, "settings", "secret", "smtp")
    assert (code, out) == (0, "smtp://pd@mail.example.com: kept in the system keyring\n")
    assert memory_keyring.entries == {("PartnerDesk", "smtp://pd@mail.example.com"): "hunter2"}
    assert "hunter2" not in db_path.read_bytes().decode("latin-1")

    from app.services.notifications.secrets import smtp_password

    monkeypatch.delenv("PARTNERDESK_SMTP_PASSWORD", raising=False)
    assert smtp_password("mail.example.com", "pd") == "hunter2"
    monkeypatch.setenv("PARTNERDESK_SMTP_PASSWORD", "from-env")
    assert smtp_password("mail.example.com", "pd") == "from-env"
