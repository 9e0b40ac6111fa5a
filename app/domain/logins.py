"""Logins derived from names, for people the register gains from agreements' owners."""

from __future__ import annotations

import re


def login_for(name: str, taken: set[str]) -> str:
    """A login for an owner named only by name: ``Li Wei`` → ``li.wei``; a Chinese name
    stays as is; ``li.wei2`` when ``li.wei`` is taken. Adds the login to ``taken``."""
    base = re.sub(r"[^0-9a-z\u00c0-\uffff]+", ".", name.casefold()).strip(".")[:100] or "owner"
    login, n = base, 1
    while login in taken:
        n += 1
        login = f"{base}{n}"
    taken.add(login)
    return login
