"""Chat robots (WeCom, DingTalk, Feishu) and a generic JSON webhook, posted to a real
HTTP server on this machine that checks their signatures as the services do."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

import pytest

from app.cli import main
from app.db import Database
from app.services.notifications.webhooks import parse_target
from tests.conftest import TODAY
from tests.services.notifications.conftest import Desk, settle
from tests.services.notifications.servers import Receiver

SECRET = "SEC0123456789abcdef"


@pytest.fixture
def hooks(db: Database, receiver: Receiver, monkeypatch: pytest.MonkeyPatch) -> Receiver:
    u = receiver.url
    settle(db, **{
        "notify.webhook.brand-wecom": f"wecom {u}/cgi-bin/webhook/send?key=K1 team=Brand lang=zh",
        "notify.webhook.ding": f"dingtalk {u}/robot/send?access_token=T1 person=li.wei",
        "notify.webhook.feishu": f"feishu {u}/open-apis/bot/v2/hook/abc person=zhang.min",
        "notify.webhook.hook": f"json {u}/hook team=Brand",
    })  # fmt: skip
    monkeypatch.setenv("PARTNERDESK_WEBHOOK_SECRET_DING", SECRET)
    monkeypatch.setenv("PARTNERDESK_WEBHOOK_SECRET_FEISHU", SECRET)
    receiver.answers["/open-apis/bot/v2/hook/abc"] = {"code": 0, "msg": "success"}
    receiver.answers["/hook"] = {}
    return receiver


def notify(capsys: pytest.CaptureFixture[str], desk: Desk) -> tuple[int, str, str]:
    code = main(["--db", str(desk.path), "notify", "--as-of", str(TODAY)])
    out, err = capsys.readouterr()
    return code, out, err


def test_each_robot_gets_its_format_and_signature(
    desk: Desk, hooks: Receiver, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = notify(capsys, desk)
    assert (code, err) == (0, "")
    assert "e-mail is off" in out and "4 message(s) sent" in out

    # WeCom: the team's group, in Chinese markdown, every member's items.
    [wecom] = hooks.on("/cgi-bin/webhook/send")
    assert wecom.query["key"] == ["K1"]
    assert wecom.json["msgtype"] == "markdown"
    content = wecom.json["markdown"]["content"]
    assert content.startswith("### PartnerDesk：Brand 团队，")
    assert "**Li Wei：3 项事项**" in content and "**张敏：2 项事项**" in content
    assert f"[{desk.decision_ref}](partnerdesk://agreement/{desk.decision_ref})" in content
    assert "爱彼贸易有限公司" in content  # in Chinese, the partner's local name
    assert len(content.encode()) <= 4096

    # DingTalk: signed as its "加签" asks: HMAC-SHA256 of "timestamp\nsecret", base64.
    [ding] = hooks.on("/robot/send")
    ts = int(ding.query["timestamp"][0])
    assert abs(ts / 1000 - time.time()) < 3600
    expected = base64.b64encode(hmac.new(SECRET.encode(), f"{ts}\n{SECRET}".encode(),
                                         hashlib.sha256).digest()).decode()  # fmt: skip
    assert ding.query["sign"] == [expected]
    assert ding.json["msgtype"] == "markdown"
    assert ding.json["markdown"]["title"] == "PartnerDesk: 3 items need you, 1 overdue"
    assert desk.decision_ref in ding.json["markdown"]["text"]
    assert desk.overdue_ref not in ding.json["markdown"]["text"]  # Li Wei's only

    # Feishu: the signature in the body, keyed by "timestamp\nsecret" over nothing.
    [feishu] = hooks.on("/open-apis/bot/v2/hook/abc")
    ts = int(feishu.json["timestamp"])
    key = f"{ts}\n{SECRET}".encode()
    assert (
        feishu.json["sign"]
        == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    )
    assert feishu.json["msg_type"] == "text"
    text = feishu.json["content"]["text"]
    assert text.startswith("PartnerDesk：2 项事项需要您处理") and desk.kpi_ref in text

    # Generic JSON: data a script can use.
    [hook] = hooks.on("/hook")
    data = hook.json
    assert data["source"] == "partnerdesk" and data["team"] == "Brand"
    refs = {(i["owner"], i["reference"], i["kind"]) for i in data["items"]}
    assert ("li.wei", desk.decision_ref, "decisions") in refs
    assert ("zhang.min", desk.overdue_ref, "decisions") in refs
    assert all(i["link"] == f"partnerdesk://agreement/{i['reference']}" for i in data["items"])


def test_webhooks_are_idempotent_and_a_refusal_is_retried(
    desk: Desk, hooks: Receiver, capsys: pytest.CaptureFixture[str]
) -> None:
    hooks.answers["/robot/send"] = {"errcode": 310000, "errmsg": "sign not match"}
    code, out, err = notify(capsys, desk)
    assert code == 1
    assert err.splitlines() == [
        "partnerdesk: warning: webhook ding for li.wei not sent: 127.0.0.1:"
        f"{hooks.server.server_address[1]} refused the message: 310000 sign not match; "
        "it is tried again next run"
    ]
    assert "3 message(s) sent, 1 failed" in out
    hooks.posted.clear()
    del hooks.answers["/robot/send"]
    code, out, err = notify(capsys, desk)
    assert (code, err) == (0, "")
    assert [p.path for p in hooks.posted] == ["/robot/send"]  # only what was refused
    hooks.posted.clear()
    assert notify(capsys, desk)[0] == 0
    assert hooks.posted == []


def test_an_http_error_is_a_failure(
    desk: Desk, hooks: Receiver, capsys: pytest.CaptureFixture[str]
) -> None:
    hooks.status["/hook"] = 503
    code, _out, err = notify(capsys, desk)
    assert code == 1 and "webhook hook for team Brand not sent" in err and "HTTP 503" in err


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("slack https://x.example/hook team=A", "not a webhook kind"),
        ("wecom ftp://x.example/hook team=A", "not an http(s) URL"),
        ("wecom https://x.example/hook", "either team=TEAM or person=LOGIN"),
        ("json https://x.example/hook team=A lang=fr", "lang is en or zh"),
    ],
)
def test_a_wrong_webhook_setting_says_why(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why.replace("(", r"\(").replace(")", r"\)")):
        parse_target("x", text)
