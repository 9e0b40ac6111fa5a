"""``partnerdesk notify`` against a real SMTP server: what each owner receives, once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.cli import main
from app.db import Database
from app.services.notifications.log import sent_count
from tests.conftest import TODAY
from tests.services.notifications.conftest import LI, WANG, ZHANG, Desk, settle
from tests.services.notifications.servers import Mailbox, body, start_smtp


def notify(capsys: pytest.CaptureFixture[str], desk: Desk, *args: str,
           on: object = TODAY) -> tuple[int, str, str]:  # fmt: skip
    code = main(["--db", str(desk.path), "notify", "--as-of", str(on), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_each_owner_gets_their_own_digest_in_their_language(
    desk: Desk, mailbox: Mailbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = notify(capsys, desk)
    assert (code, err) == (0, "")
    assert "3 message(s) sent, 0 failed" in out

    [li] = mailbox.to(LI)
    assert li["Subject"] == "PartnerDesk: 3 items need you, 1 overdue"
    assert li["From"] == "PartnerDesk <pd@example.com>"
    text = body(li, "plain")
    assert text.startswith("Hello Li Wei,\nAs of 2026-11-26, these need your attention:")
    assert f"* {desk.decision_ref} · Lumière skincare · A&B <Trading> Co., Ltd." in text
    assert ("Decision by 2026-12-16 (in 20 days). Renews automatically for 12 months "
            "unless cancelled by then.") in text  # fmt: skip
    assert f"partnerdesk://agreement/{desk.decision_ref}" in text
    assert ("Brand authorisation “authorisation.pdf” expires on 2026-12-01 (in 5 days)."
            in text)  # fmt: skip
    assert "“Launch flagship store” was due on 2026-11-23 (3 days overdue)." in text
    # Only Li Wei's: Zhang Min's agreements are not in his mail.
    assert desk.overdue_ref not in text and desk.kpi_ref not in text
    html = body(li, "html")
    assert f'<a href="partnerdesk://agreement/{desk.decision_ref}"' in html
    assert "A&amp;B &lt;Trading&gt; Co., Ltd." in html and "<Trading>" not in html

    [zhang] = mailbox.to(ZHANG)
    assert zhang["Subject"] == "PartnerDesk：2 项事项需要您处理，其中 1 项已逾期"
    text = body(zhang, "plain")
    assert text.startswith("张敏，您好：\n截至2026年11月26日，以下事项需要您处理：")
    assert f"* {desk.overdue_ref} · Bonded warehouse Ningbo · 爱彼贸易有限公司" in text
    assert "决策截止日2026年11月20日已过（已逾期 6 天）。若不续约，将于2027年2月18日到期。" in text
    assert "准时交付率：实际 71.5 %，目标 98 %（截至2026年10月31日）。" in text
    assert desk.decision_ref not in text

    # The approver is told what waits for her, and as Brand's lead, what her team has due.
    [wang] = mailbox.to(WANG)
    text = body(wang, "plain")
    own, team = text.split("== Your team, Brand ==")
    assert desk.pending_ref in own and "Needs 1 approval, has 0; its terms are by tester." in own
    assert "-- Li Wei: 3 items --" in team and "-- Zhang Min: 2 items --" in team
    assert desk.decision_ref in team and desk.kpi_ref in team


def test_a_second_run_sends_nothing_new(
    desk: Desk, mailbox: Mailbox, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert notify(capsys, desk)[0] == 0
    with db.session() as s:
        logged = sent_count(s)
    code, out, _ = notify(capsys, desk)
    assert code == 0
    assert "0 message(s) sent, 0 failed" in out
    assert len(mailbox.messages) == 3
    with db.session() as s:
        assert sent_count(s) == logged


def test_a_later_escalation_step_is_a_new_occasion(
    desk: Desk, mailbox: Mailbox, capsys: pytest.CaptureFixture[str]
) -> None:
    notify(capsys, desk)
    # 20 days out was the 30-day step; 7 days out is the next, then 1, then overdue.
    for days_later, step_text in ((13, "(in 7 days)"), (19, "(tomorrow)"),
                                  (21, "(1 day overdue)")):  # fmt: skip
        mailbox.messages.clear()
        code, _out, _err = notify(capsys, desk, on=TODAY + timedelta(days=days_later))
        assert code == 0
        [li] = mailbox.to(LI)
        text = body(li, "plain")
        assert desk.decision_ref in text and step_text in text
        # Already told at this step: the document (5 days → still the 7-day step) and the
        # milestone (overdue) are not repeated.
        assert "Launch flagship store" not in text
    # A day within the same step: nothing.
    mailbox.messages.clear()
    notify(capsys, desk, on=TODAY + timedelta(days=14))
    assert mailbox.to(LI) == []


def test_a_refused_mail_is_reported_in_one_line_and_sent_on_the_next_run(
    desk: Desk, mailbox: Mailbox, capsys: pytest.CaptureFixture[str]
) -> None:
    mailbox.refuse.add(ZHANG)
    code, out, err = notify(capsys, desk)
    assert code == 1
    assert err == (f"partnerdesk: warning: e-mail to zhang.min <{ZHANG}> not sent: "
                   f"refused {ZHANG}: 550 5.1.1 mailbox unavailable; it is tried again "
                   "next run\n")  # fmt: skip
    assert "2 message(s) sent, 1 failed" in out
    assert mailbox.to(ZHANG) == [] and len(mailbox.to(LI)) == 1

    mailbox.refuse.clear()
    code, out, err = notify(capsys, desk)
    assert (code, err) == (0, "")
    [zhang] = mailbox.to(ZHANG)
    assert desk.overdue_ref in body(zhang, "plain")
    assert len(mailbox.to(LI)) == 1  # Li Wei's was accepted the first time: not again


def test_an_unreachable_server_marks_nothing_sent(
    desk: Desk, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    box = Mailbox()
    controller = start_smtp(box)
    port = controller.port
    controller.stop()  # nobody listens there now
    settle(db, **{"notify.smtp.host": "127.0.0.1", "notify.smtp.port": str(port),
                  "notify.smtp.security": "none"})  # fmt: skip
    code, _out, err = notify(capsys, desk)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 3
    assert "could not be reached" in lines[0] and "tried again next run" in lines[0]
    with db.session() as s:
        assert sent_count(s) == 0


# aiosmtpd's own warning about a server that takes a login without TLS: this one is ours.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_server_login_takes_the_password_from_the_environment(
    desk: Desk, db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    box = Mailbox()
    controller = start_smtp(box, login=("notifier", "s3cret"))
    try:
        settle(db, **{"notify.smtp.host": "127.0.0.1", "notify.smtp.port": str(controller.port),
                      "notify.smtp.security": "none", "notify.smtp.user": "notifier"})  # fmt: skip
        monkeypatch.setenv("PARTNERDESK_SMTP_PASSWORD", "wrong")
        code, _out, err = notify(capsys, desk)
        assert code == 1 and "refused the login of notifier" in err and box.messages == []
        monkeypatch.setenv("PARTNERDESK_SMTP_PASSWORD", "s3cret")
        assert notify(capsys, desk)[0] == 0
        assert len(box.messages) == 3 and box.logins == ["notifier"]
    finally:
        controller.stop()
    with db.session() as s:
        from app.services.settings import get_setting

        assert get_setting(s, "notify.smtp.password", "") == ""  # never stored there


def test_dry_run_prints_each_message_and_sends_nothing(
    desk: Desk, mailbox: Mailbox, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = notify(capsys, desk, "--dry-run")
    assert code == 0
    assert f"=== e-mail to li.wei <{LI}> (en): PartnerDesk: 3 items need you, 1 overdue" in out
    assert f"=== e-mail to zhang.min <{ZHANG}> (zh)" in out
    assert "dry run: 3 message(s) would be sent, none was" in out
    assert mailbox.messages == []
    with db.session() as s:
        assert sent_count(s) == 0


def test_only_some_kinds_and_quiet_days(
    desk: Desk, mailbox: Mailbox, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    notify(capsys, desk, "--only", "kpis")
    assert [m["To"] for m in mailbox.messages] == ["Wang Fang <wang.fang@example.com>",
                                                   "张敏 <zhang.min@example.com>"]  # fmt: skip
    assert "On-time delivery" in body(mailbox.to(WANG)[0], "plain")
    with pytest.raises(SystemExit) as wrong:
        notify(capsys, desk, "--only", "renewals")
    assert wrong.value.code == 2
    assert "'renewals': choose from decisions, documents" in capsys.readouterr().err
    settle(db, **{"notify.quiet_days": "thu"})  # 26 Nov 2026 is a Thursday
    mailbox.messages.clear()
    code, out, _ = notify(capsys, desk)
    assert code == 0 and "quiet day" in out and mailbox.messages == []


def test_an_owner_outside_the_register_is_reported(
    desk: Desk, mailbox: Mailbox, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.services.people import deactivate

    with db.session() as s:
        deactivate(s, "li.wei")
    code, out, _ = notify(capsys, desk)
    assert code == 0
    assert "no one to tell about 3 item(s) owned by 'Li Wei'" in out
    assert mailbox.to(LI) == []


def test_the_renewal_outlook_can_be_attached(
    desk: Desk, mailbox: Mailbox, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    settle(db, **{"notify.attach_outlook": "yes", "notify.outlook_days": "60"})
    assert notify(capsys, desk)[0] == 0
    [zhang] = mailbox.to(ZHANG)
    [pdf] = list(zhang.iter_attachments())
    assert pdf.get_filename() == "renewal-outlook-2026-11-26-zh.pdf"
    data = pdf.get_content()
    assert isinstance(data, bytes) and data.startswith(b"%PDF")
    assert "附件为未来 60 天的续约展望报告。" in body(zhang, "plain")


@pytest.mark.usefixtures("mailbox")
def test_dry_run_keeps_the_lines_of_each_message(
    desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    _code, out, _err = notify(capsys, desk, "--dry-run")
    assert "\nHello Li Wei,\nAs of 2026-11-26, these need your attention:\n" in out
    assert "\\n" not in out
