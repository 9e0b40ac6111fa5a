"""Real servers on this machine: an SMTP server (aiosmtpd) and an HTTP webhook receiver."""

from __future__ import annotations

import json
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session


@dataclass
class Mailbox:
    """What the SMTP server accepted, and whom it refuses (RCPT answered 550)."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    logins: list[str] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        msg = message_from_bytes(raw, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        self.messages.append(msg)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


class Authenticator:
    def __init__(self, box: Mailbox, user: str, password: str) -> None:
        self.box, self.user, self.password = box, user, password

    def __call__(self, server: Any, session: Session, envelope: Envelope, mechanism: str,
                 auth_data: Any) -> AuthResult:  # fmt: skip
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == self.user
              and auth_data.password.decode() == self.password)  # fmt: skip
        if ok:
            self.box.logins.append(self.user)
        return AuthResult(success=ok, handled=False)


def free_port() -> int:
    """A port nobody listens on (aiosmtpd's controller cannot be given port 0)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_smtp(box: Mailbox, login: tuple[str, str] | None = None) -> Controller:
    kwargs: dict[str, Any] = {}
    if login is not None:
        kwargs = {"authenticator": Authenticator(box, *login), "auth_required": True,
                  "auth_require_tls": False}  # fmt: skip
    controller = Controller(box, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return controller


def body(msg: EmailMessage, subtype: str) -> str:
    part = msg.get_body(preferencelist=(subtype,))
    assert part is not None
    content = part.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n")


@dataclass
class Posted:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    data: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.data)


class Receiver:
    """An HTTP server in a thread that records every POST and answers like a chat service.

    ``answers[path]`` is the JSON it answers on that path (default ``{"errcode": 0}``);
    ``status[path]`` an HTTP status other than 200.
    """

    def __init__(self) -> None:
        self.posted: list[Posted] = []
        self.answers: dict[str, dict[str, Any]] = {}
        self.status: dict[str, int] = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length", "0"))
                receiver.posted.append(Posted(parts.path, parse_qs(parts.query),
                                              dict(self.headers.items()),
                                              self.rfile.read(length)))  # fmt: skip
                answer = json.dumps(receiver.answers.get(parts.path, {"errcode": 0})).encode()
                self.send_response(receiver.status.get(parts.path, 200))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def on(self, path: str) -> list[Posted]:
        return [p for p in self.posted if p.path == path]

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
