"""The services' objections in the user's language.

``app/`` has no Qt and words its FieldErrors in English. Here each known wording is matched
(exactly, or by a pattern for the ones that quote a value) and re-worded through
``QCoreApplication.translate`` with a literal, so lupdate collects it for the .ts file. A
wording not listed here is shown as the service wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def _exact() -> dict[str, str]:
    # Literal strings in translate() calls, so that lupdate finds every one.
    return {
        "an agreement needs a title": translate("ServiceMessage", "an agreement needs a title"),
        "at most 40 characters": translate("ServiceMessage", "at most 40 characters"),
        "at most 200 characters": translate("ServiceMessage", "at most 200 characters"),
        "at most 300 characters": translate("ServiceMessage", "at most 300 characters"),
        "a brand agreement needs its operating model: direct or platform": translate(
            "ServiceMessage", "a brand agreement needs its operating model: direct or platform"
        ),
        "the contract value must be an exact decimal number": translate(
            "ServiceMessage", "the contract value must be an exact decimal number"
        ),
        "the contract value is too large": translate(
            "ServiceMessage", "the contract value is too large"
        ),
        "signed after the agreement ends": translate(
            "ServiceMessage", "signed after the agreement ends"
        ),
        "the notice period must be 0 to 3650 days": translate(
            "ServiceMessage", "the notice period must be 0 to 3650 days"
        ),
        "an auto-renewing agreement needs its renewal term": translate(
            "ServiceMessage", "an auto-renewing agreement needs its renewal term"
        ),
        "the renewal term must be 1 to 120 months": translate(
            "ServiceMessage", "the renewal term must be 1 to 120 months"
        ),
        "an active agreement needs its signed date": translate(
            "ServiceMessage", "an active agreement needs its signed date"
        ),
        "the campaign ends before it starts": translate(
            "ServiceMessage", "the campaign ends before it starts"
        ),
        "must not be negative": translate("ServiceMessage", "must not be negative"),
        "is too large": translate("ServiceMessage", "is too large"),
        "must be an exact decimal number": translate(
            "ServiceMessage", "must be an exact decimal number"
        ),
        "a partner needs its legal name": translate(
            "ServiceMessage", "a partner needs its legal name"
        ),
        "a milestone needs a title": translate("ServiceMessage", "a milestone needs a title"),
        "an amount needs an ISO 4217 currency": translate(
            "ServiceMessage", "an amount needs an ISO 4217 currency"
        ),
        "a done milestone needs its completion date": translate(
            "ServiceMessage", "a done milestone needs its completion date"
        ),
        "a KPI needs a name": translate("ServiceMessage", "a KPI needs a name"),
        "the document needs a file name": translate(
            "ServiceMessage", "the document needs a file name"
        ),
    }


def _patterns() -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]:
    return [
        (
            re.compile(r"^ends (\S+), before it starts (\S+)$"),
            lambda m: translate("ServiceMessage", "ends {end}, before it starts {start}").format(
                end=m[1], start=m[2]
            ),
        ),
        (
            re.compile(r"^(\S+)% is outside 0–100 %$"),
            lambda m: translate("ServiceMessage", "{value}% is outside 0–100 %").format(value=m[1]),
        ),
        (
            re.compile(r"^(.+) is not a number$"),
            lambda m: translate("ServiceMessage", "{value} is not a number").format(value=m[1]),
        ),
        (
            re.compile(r"^(.+) is not a whole number$"),
            lambda m: translate("ServiceMessage", "{value} is not a whole number").format(
                value=m[1]
            ),
        ),
        (
            re.compile(r"^(.+) is not an ISO 4217 currency code$"),
            lambda m: translate(
                "ServiceMessage", "{value} is not an ISO 4217 currency code"
            ).format(value=m[1]),
        ),
        (
            re.compile(r"^(.+) is not an ISO 3166 country code \(e\.g\. CN, US\)$"),
            lambda m: translate(
                "ServiceMessage", "{value} is not an ISO 3166 country code (e.g. CN, US)"
            ).format(value=m[1]),
        ),
        (
            re.compile(r"^(.+) is already used by another agreement$"),
            lambda m: translate(
                "ServiceMessage", "{ref} is already used by another agreement"
            ).format(ref=m[1]),
        ),
        (
            re.compile(r"^contact (\d+) has no name$"),
            lambda m: translate("ServiceMessage", "contact {n} has no name").format(n=m[1]),
        ),
        (
            re.compile(r"^contact (\d+): (.+) is not an e-mail address$"),
            lambda m: translate(
                "ServiceMessage", "contact {n}: {email} is not an e-mail address"
            ).format(n=m[1], email=m[2]),
        ),
        (
            # The text policy (app/domain/text.py) naming a character that is not text.
            re.compile(
                r"^contains U\+([0-9A-F]+) \(([^)]*)\) at character (\d+), which is not "
                r"text; remove it$"
            ),
            lambda m: translate(
                "ServiceMessage",
                "contains U+{code} ({what}) at character {at}, which is not text; remove it",
            ).format(code=m[1], what=_character_kinds().get(m[2], m[2]), at=m[3]),
        ),
        (
            re.compile(r"^the same file is already attached as (.+)$"),
            lambda m: translate(
                "ServiceMessage", "the same file is already attached as {names}"
            ).format(names=m[1]),
        ),
        (
            re.compile(r"^a partner named (.+) in (\S+) exists$"),
            lambda m: translate(
                "ServiceMessage", "a partner named {name} in {country} exists"
            ).format(name=m[1], country=m[2]),
        ),
    ]


def _character_kinds() -> dict[str, str]:
    return {
        "NUL, a null byte": translate("ServiceMessage", "NUL, a null byte"),
        "half of a surrogate pair": translate("ServiceMessage", "half of a surrogate pair"),
        "a Unicode noncharacter": translate("ServiceMessage", "a Unicode noncharacter"),
    }


def translate_message(text: str) -> str:
    """The service's sentence in the current language (unchanged when not known)."""
    exact = _exact().get(text)
    if exact is not None:
        return exact
    for pattern, render in _patterns():
        match = pattern.match(text)
        if match is not None:
            return render(match)
    return text
