"""Chat group robots: WeCom (企业微信), DingTalk (钉钉), Feishu (飞书), and generic JSON.

Formats followed (docs/notifications.md cites the pages):

- WeCom group robot: POST ``{"msgtype": "markdown", "markdown": {"content": …}}`` to the
  robot's ``…/cgi-bin/webhook/send?key=…`` URL; accepted when the answer's ``errcode`` is 0.
  Content is limited to 4,096 bytes.
- DingTalk custom robot: POST ``{"msgtype": "markdown", "markdown": {"title", "text"}}``
  to ``…/robot/send?access_token=…``; with "加签" signing, ``&timestamp=MS&sign=S`` where
  S = urlencode(base64(HMAC-SHA256(key=secret, msg=f"{MS}\\n{secret}"))), MS in
  milliseconds. Accepted when ``errcode`` is 0.
- Feishu custom bot: POST ``{"msg_type": "text", "content": {"text": …}}`` to
  ``…/open-apis/bot/v2/hook/…``; with signing, ``"timestamp"`` (seconds, a string) and
  ``"sign"`` = base64(HMAC-SHA256(key=f"{ts}\\n{secret}", msg=b"")). Accepted when
  ``code`` (or the older ``StatusCode``) is 0. A body may not exceed 20 KB.
- Generic JSON: POST the digest as data (subject, text, items with links); any 2xx is
  accepted; with a secret, header ``X-PartnerDesk-Signature: sha256=HEX`` of the body.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from app.services.notifications.digest import Delivery

KINDS = ("wecom", "dingtalk", "feishu", "json")
TIMEOUT = 20
WECOM_LIMIT = 4096
FEISHU_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    kind: str
    url: str
    team: str = ""
    login: str = ""
    language: str = ""


def parse_target(name: str, text: str) -> Target:
    """``KIND URL [team=TEAM|person=LOGIN] [lang=en|zh]``; ValueError saying what is wrong."""
    words = text.split()
    if len(words) < 2:
        raise ValueError("write KIND URL [team=TEAM|person=LOGIN] [lang=en|zh]")
    kind, url, *rest = words
    if kind not in KINDS:
        raise ValueError(f"{kind!r} is not a webhook kind; choose {', '.join(KINDS)}")
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"{url!r} is not an http(s) URL")
    options: dict[str, str] = {}
    for word in rest:
        key, eq, value = word.partition("=")
        if not eq or key not in ("team", "person", "lang") or not value:
            raise ValueError(f"{word!r}: write team=TEAM, person=LOGIN or lang=en|zh")
        options[key] = value
    if ("team" in options) == ("person" in options):
        raise ValueError("name either team=TEAM or person=LOGIN")
    if options.get("lang", "en") not in ("en", "zh"):
        raise ValueError("lang is en or zh")
    return Target(name, kind, url, options.get("team", ""), options.get("person", ""),
                  options.get("lang", ""))  # fmt: skip


class WebhookError(Exception):
    """The chat service did not accept the message (one line: why)."""


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def feishu_sign(secret: str, timestamp_s: int) -> str:
    mac = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def _clip(text: str, limit: int) -> str:
    """``text`` cut at a line so that its UTF-8 fits ``limit`` bytes, saying so."""
    data = text.encode()
    if len(data) <= limit:
        return text
    cut = data[: limit - 40].decode(errors="ignore").rsplit("\n", 1)[0]
    return cut + "\n…"


def request(target: Target, d: Delivery, secret: str | None, now: float | None = None
            ) -> tuple[str, bytes, dict[str, str]]:  # fmt: skip
    """The URL, JSON body and headers the chat service expects for ``d``."""
    from app.services.notifications import render

    now = time.time() if now is None else now
    url = target.url
    headers = {"Content-Type": "application/json; charset=utf-8"}
    body: dict[str, object]
    if target.kind == "wecom":
        body = {"msgtype": "markdown",
                "markdown": {"content": _clip(render.markdown(d), WECOM_LIMIT)}}  # fmt: skip
    elif target.kind == "dingtalk":
        body = {"msgtype": "markdown",
                "markdown": {"title": render.subject(d), "text": render.markdown(d)}}  # fmt: skip
        if secret:
            ms = int(now * 1000)
            sign = urllib.parse.quote_plus(dingtalk_sign(secret, ms))
            url += f"{'&' if '?' in url else '?'}timestamp={ms}&sign={sign}"
    elif target.kind == "feishu":
        text = _clip(f"{render.subject(d)}\n\n{render.plain(d)}", FEISHU_LIMIT - 500)
        body = {"msg_type": "text", "content": {"text": text}}
        if secret:
            body = {"timestamp": str(int(now)), "sign": feishu_sign(secret, int(now)), **body}
    else:
        reader = d.reader
        body = {
            "source": "partnerdesk", "channel": d.channel, "language": d.language,
            "date": d.today.isoformat(), "subject": render.subject(d),
            "to": {"login": reader.login, "name": reader.name, "email": reader.email}
            if reader else None,
            "team": d.team or None, "text": render.plain(d), "items": render.records(d),
        }  # fmt: skip
    data = json.dumps(body, ensure_ascii=False).encode()
    if target.kind == "json" and secret:
        digest = hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()
        headers["X-PartnerDesk-Signature"] = f"sha256={digest}"
    return url, data, headers


def send(target: Target, d: Delivery, secret: str | None) -> None:
    """Post ``d``; WebhookError unless the service says it took the message."""
    url, data, headers = request(target, d, secret)
    req = urllib.request.Request(url, data=data, headers=headers, method="POST")
    where = urllib.parse.urlsplit(url).netloc
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as answer:
            raw = answer.read(65536)
    except urllib.error.HTTPError as exc:
        raise WebhookError(f"{where} answered HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise WebhookError(f"{where} could not be reached ({reason})") from None
    if target.kind == "json":
        return
    try:
        reply = json.loads(raw or b"{}")
    except ValueError:
        raise WebhookError(f"{where} answered something that is not JSON") from None
    code = reply.get("errcode", reply.get("code", reply.get("StatusCode", 0)))
    if code not in (0, "0"):
        message = reply.get("errmsg") or reply.get("msg") or reply.get("StatusMessage") or ""
        raise WebhookError(f"{where} refused the message: {code} {message}".rstrip())
