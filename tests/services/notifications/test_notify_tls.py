"""STARTTLS and TLS (SMTPS) against a real server with a certificate made for the test."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from app.cli import main
from app.db import Database
from tests.conftest import TODAY
from tests.services.notifications.conftest import LI, Desk, settle
from tests.services.notifications.servers import Mailbox, free_port


@pytest.fixture
def certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 that this process's TLS clients trust."""
    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # what ssl.create_default_context trusts
    return cert, key


def _context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


@pytest.fixture
def starttls_box(certificate: tuple[Path, Path]) -> Iterator[tuple[Mailbox, int]]:
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port(),
                            tls_context=_context(*certificate), require_starttls=True)  # fmt: skip
    controller.start()
    try:
        yield box, controller.port
    finally:
        controller.stop()


@pytest.fixture
def smtps_box(certificate: tuple[Path, Path]) -> Iterator[tuple[Mailbox, int]]:
    box = Mailbox()
    context = _context(*certificate)
    controller = Controller(box, hostname="127.0.0.1", port=free_port(), ssl_context=context)
    controller.start()
    try:
        yield box, controller.port
    finally:
        controller.stop()


def _notify(desk: Desk) -> int:
    return main(["--db", str(desk.path), "notify", "--as-of", str(TODAY)])


def test_starttls(
    desk: Desk, db: Database, starttls_box: tuple[Mailbox, int], capsys: pytest.CaptureFixture[str]
) -> None:
    box, port = starttls_box
    # A server that requires STARTTLS refuses a plain session's mail...
    settle(db, **{"notify.smtp.host": "127.0.0.1", "notify.smtp.port": str(port),
                  "notify.smtp.security": "none"})  # fmt: skip
    assert _notify(desk) == 1 and box.messages == []
    assert "not sent" in capsys.readouterr().err
    # ...and takes it once the session is encrypted.
    settle(db, **{"notify.smtp.security": "starttls"})
    assert _notify(desk) == 0
    assert len(box.to(LI)) == 1


def test_tls_from_the_first_byte(
    desk: Desk, db: Database, smtps_box: tuple[Mailbox, int], capsys: pytest.CaptureFixture[str]
) -> None:
    box, port = smtps_box
    settle(db, **{"notify.smtp.host": "127.0.0.1", "notify.smtp.port": str(port),
                  "notify.smtp.security": "tls"})  # fmt: skip
    assert _notify(desk) == 0, capsys.readouterr().err
    assert len(box.to(LI)) == 1
