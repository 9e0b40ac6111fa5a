"""The notifier's secrets: from the environment or the system keyring, never the database.

The SMTP password and the chat robots' signing secrets follow the database passwords'
rule (:mod:`app.db.credentials`): a scheduled job sets an environment variable, a desk
keeps them in its keyring (``partnerdesk settings secret smtp`` or ``webhook.NAME``).
"""

from __future__ import annotations

import logging
import os
import re

from app.db.credentials import NO_KEYRING, SERVICE
from app.errors import DatabaseError

log = logging.getLogger(__name__)

SMTP_ENV = "PARTNERDESK_SMTP_PASSWORD"


def webhook_env(name: str) -> str:
    """``PARTNERDESK_WEBHOOK_SECRET_BRAND_GROUP`` for the webhook ``brand-group``."""
    return "PARTNERDESK_WEBHOOK_SECRET_" + re.sub(r"[^A-Z0-9]", "_", name.upper())


def smtp_entry(host: str, user: str) -> str:
    return f"smtp://{user}@{host}"


def webhook_entry(name: str) -> str:
    return f"webhook:{name}"


def _kept(entry: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, entry)
    except KeyringError:
        log.debug("no keyring to look up %s in", entry)
        return None


def smtp_password(host: str, user: str) -> str | None:
    return os.environ.get(SMTP_ENV) or _kept(smtp_entry(host, user))


def webhook_secret(name: str) -> str | None:
    return os.environ.get(webhook_env(name)) or _kept(webhook_entry(name))


def keep(entry: str, secret: str) -> None:
    """Keep ``secret`` in the keyring (empty: forget it); DatabaseError when there is none."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        if secret:
            keyring.set_password(SERVICE, entry, secret)
        else:
            keyring.delete_password(SERVICE, entry)
    except PasswordDeleteError:
        pass
    except KeyringError as exc:
        raise DatabaseError(
            NO_KEYRING.replace(
                "~/.pgpass or PGPASSWORD", "an environment variable (see docs/notifications.md)"
            )
        ) from exc
