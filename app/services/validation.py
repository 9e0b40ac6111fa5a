"""What a person types to describe an agreement (``AgreementInput``), and the rules it must
follow that need no database: every check of ``validate_agreement`` but "does the partner
exist" and "is the reference taken", which the caller answers (one query each in the
editor, one set lookup per row in the importer).

No SQLAlchemy here: these rules need no database, which is what lets the importer check
rows on a second core (``importing.second_core``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from typing import Any

from app.domain.enums import AgreementStatus, AgreementType, OperatingModel
from app.domain.money import is_currency
from app.domain.terms import DIRECT_ONLY, TERMS, TermKind, TermSpec
from app.domain.text import clean_text, is_plain, is_visible, refused_character
from app.errors import FieldError


@dataclass(frozen=True, slots=True)
class AgreementInput:
    """Everything a person types to describe an agreement.

    ``terms`` holds the type's own terms by name (see ``app.domain.terms.TERMS``); values may
    be typed already or be the strings a form or a spreadsheet gives.
    """

    title: str
    type: AgreementType
    partner_id: int
    status: AgreementStatus
    currency: str
    value: Decimal
    start_date: date
    end_date: date
    reference: str | None = None  # None or "": generated
    owner: str = ""
    signed_date: date | None = None
    auto_renew: bool = False
    renewal_term_months: int | None = None
    notice_days: int = 0
    governing_law: str = ""
    territories: tuple[str, ...] = ()
    description: str = ""
    terms: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The text policy's removals happen here, so every way in (editor, import, a
        # script) stores the same text; what it refuses is named by check_agreement.
        _clean_fields(self)


MAX_VALUE = Decimal("1e15")
MAX_TERM_TEXT = 200  # the width of every free-text term column
EARLIEST_DATE = date(1950, 1, 1)
LATEST_DATE = date(2200, 12, 31)


# --- the text policy (app.domain.text) --------------------------------------------------

_ONE_LINE_FIELDS = ("title", "reference", "owner", "governing_law")


def _plain(data: AgreementInput) -> bool:
    """Nothing in ``data`` for the policy to act on: two C-level tests for most rows."""
    try:
        one_line = "".join((data.title, data.reference or "", data.owner, data.governing_law))
        one_line += "".join(data.territories)
    except TypeError:  # a value that is not text: the field checks name it
        return False
    description = data.description
    return is_plain(one_line) and (
        description.__class__ is not str or is_plain(description, multiline=True)
    )


def _clean_fields(data: AgreementInput) -> None:
    if _plain(data):
        return
    for name in _ONE_LINE_FIELDS:
        value = getattr(data, name)
        if value.__class__ is str and (cleaned := clean_text(value)) is not value:
            object.__setattr__(data, name, cleaned)
    if data.description.__class__ is str:
        cleaned = clean_text(data.description, multiline=True)
        if cleaned is not data.description:
            object.__setattr__(data, "description", cleaned)
    if any(clean_text(t) is not t for t in data.territories if t.__class__ is str):
        territories = tuple(clean_text(t) if t.__class__ is str else t for t in data.territories)
        object.__setattr__(data, "territories", territories)


def _text_problems(data: AgreementInput) -> list[FieldError]:
    """The characters the text policy refuses, one problem per field."""
    errors: list[FieldError] = []
    if _plain(data):
        return errors
    for name in (*_ONE_LINE_FIELDS, "description"):
        value = getattr(data, name)
        if value.__class__ is str and (why := refused_character(value)):
            errors.append(FieldError(name, why))
    for territory in data.territories:
        if territory.__class__ is str and (why := refused_character(territory)):
            errors.append(FieldError("territories", why))
            break
    return errors


def _refused_in(value: Any) -> str | None:
    if value.__class__ is str:
        return refused_character(value)
    if isinstance(value, list | tuple | set | frozenset):
        for item in value:
            if item.__class__ is str and (why := refused_character(item)):
                return why
    return None


# --- terms -----------------------------------------------------------------------------


def _coerce_term(spec: TermSpec, raw: Any) -> Any:
    """A term value from a form or a file to its typed value; raises ValueError(reason)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if spec.kind in (TermKind.LINES, TermKind.CHOICES, TermKind.CURRENCIES):
            return ()
        if spec.kind is TermKind.BOOL:
            return False
        if spec.kind is TermKind.TEXT:
            return ""
        return None
    kind = spec.kind
    if kind is TermKind.TEXT:
        text = clean_text(str(raw)).strip()
        if len(text) > MAX_TERM_TEXT:
            raise ValueError(f"at most {MAX_TERM_TEXT} characters")
        return text
    if kind is TermKind.CURRENCY:
        code = str(raw).strip().upper()
        if not is_currency(code):
            raise ValueError(f"{raw!r} is not an ISO 4217 currency code")
        return code
    if kind in (TermKind.LINES, TermKind.CHOICES, TermKind.CURRENCIES):
        items = _split(raw)
        if kind is TermKind.CHOICES:
            assert spec.choices is not None
            allowed = _allowed(spec.choices)
            bad = [i for i in items if i not in allowed]
            if bad:
                raise ValueError(f"{bad[0]!r} is not one of: {', '.join(sorted(allowed))}")
        if kind is TermKind.CURRENCIES:
            items = tuple(i.upper() for i in items)
            bad = [i for i in items if not is_currency(i)]
            if bad:
                raise ValueError(f"{bad[0]!r} is not an ISO 4217 currency code")
        return items
    if kind is TermKind.CHOICE:
        assert spec.choices is not None
        try:
            return spec.choices(str(raw).strip())
        except ValueError:
            names = ", ".join(m.value for m in spec.choices)
            raise ValueError(f"{raw!r} is not one of: {names}") from None
    if kind is TermKind.BOOL:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"yes", "y", "true", "1", "是"}:
            return True
        if text in {"no", "n", "false", "0", "否"}:
            return False
        raise ValueError(f"{raw!r} is not yes or no")
    if kind is TermKind.DATE:
        if isinstance(raw, date):
            return raw
        try:
            return date.fromisoformat(str(raw).strip())
        except ValueError:
            raise ValueError(f"{raw!r} is not a date (YYYY-MM-DD)") from None
    if kind is TermKind.INT:
        try:
            number = int(str(raw).strip().replace(",", ""))
        except ValueError:
            raise ValueError(f"{raw!r} is not a whole number") from None
        if number < 0:
            raise ValueError("must not be negative")
        return number
    # MONEY, PERCENT, DECIMAL
    try:
        number_d = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{raw!r} is not a number") from None
    if isinstance(raw, float):
        raise ValueError("amounts must be exact decimals, not floating point")
    if not number_d.is_finite():
        raise ValueError(f"{raw!r} is not a number")
    if number_d < 0:
        raise ValueError("must not be negative")
    if kind is TermKind.PERCENT and number_d > 100:
        raise ValueError(f"{number_d}% is outside 0–100 %")
    if number_d >= MAX_VALUE:
        raise ValueError("is too large")
    return number_d


def _split(raw: Any) -> tuple[str, ...]:
    if isinstance(raw, list | tuple | set | frozenset):
        items = raw
    else:
        text = str(raw)
        items = text.split("\n" if "\n" in text else (";" if ";" in text else ","))
    # map() and filter() rather than a comprehension: the importer calls this for every
    # list on every row.
    return tuple(filter(None, map(str.strip, map(clean_text, map(str, items)))))


def coerce_terms(
    agreement_type: AgreementType, raw: Mapping[str, Any]
) -> tuple[dict[str, Any], list[FieldError]]:
    errors: list[FieldError] = []
    typed: dict[str, Any] = {}
    known = _KNOWN[agreement_type]
    for name in raw:
        if name not in known:
            errors.append(FieldError(name, f"is not a term of a {agreement_type.value} agreement"))
    get = raw.get
    for spec in TERMS[agreement_type]:
        value = get(spec.name)
        if value is None:
            # What _coerce_term gives for a blank, without the call: most terms are blank.
            value = _BLANK[spec.kind]
        else:
            if why := _refused_in(value):
                errors.append(FieldError(spec.name, why))
                continue
            try:
                value = _coerce_term(spec, value)
            except ValueError as exc:
                errors.append(FieldError(spec.name, str(exc)))
                continue
        typed[spec.name] = value
        if spec.required and value in (None, "", ()):
            errors.append(FieldError(spec.name, _required_message(agreement_type, spec)))
    if agreement_type is AgreementType.BRAND:
        errors.extend(_procurement_problems(typed))
    return typed, errors


def _procurement_problems(typed: Mapping[str, Any]) -> list[FieldError]:
    """Procurement terms on a platform-model agreement: refused, not silently dropped.

    On the platform model a third-party seller buys the stock, so "we pay net 30" or "we
    hold the inventory" would be a contradiction the reports would then count (minimum
    purchases committed). A manager switching an agreement to the platform model is told
    which term still says otherwise, and clears it; dropping it quietly would lose what
    was typed if the switch was a slip.
    """
    model = typed.get("operating_model")
    if model is None or str(model) != OperatingModel.PLATFORM.value:
        return []
    return [
        FieldError(name, "only a direct-sales agreement has procurement terms; "
                   "clear it or choose direct sales")
        for name in sorted(DIRECT_ONLY, key=_BRAND_ORDER.__getitem__)
        if typed.get(name) not in (None, "", (), False)
    ]  # fmt: skip


_BRAND_ORDER = {spec.name: i for i, spec in enumerate(TERMS[AgreementType.BRAND])}


_KNOWN = {t: frozenset(spec.name for spec in specs) for t, specs in TERMS.items()}
_BLANK: dict[TermKind, Any] = {kind: _coerce_term(TermSpec("", "", "", kind), None)
                               for kind in TermKind}  # fmt: skip


@cache
def _allowed(choices: type[StrEnum]) -> frozenset[str]:
    return frozenset(m.value for m in choices)


def _required_message(agreement_type: AgreementType, spec: TermSpec) -> str:
    if spec.name == "operating_model":
        return "a brand agreement needs its operating model: direct or platform"
    return f"a {agreement_type.value} agreement needs {spec.label.lower()}"


# --- the whole agreement ---------------------------------------------------------------


def check_agreement(
    data: AgreementInput, *, partner_known: bool, reference_taken: bool = False
) -> tuple[dict[str, Any], list[FieldError]]:
    """Every problem with ``data`` (not only the first), and the typed terms; the same
    problems, in the same order, as ``validate_agreement``."""
    errors: list[FieldError] = []
    if not is_visible(data.title):  # "\u200b" is as empty as ""
        errors.append(FieldError("title", "an agreement needs a title"))
    elif len(data.title) > 300:
        errors.append(FieldError("title", "at most 300 characters"))
    errors.extend(_text_problems(data))
    # Members as they usually come, without the Enum call: the importer checks every row.
    agreement_type = data.type if data.type.__class__ is AgreementType else None
    if agreement_type is None:
        try:
            agreement_type = AgreementType(data.type)
        except ValueError:
            errors.append(FieldError("type", f"{data.type!r} is not a cooperation type"))
            return {}, errors
    if data.status.__class__ is not AgreementStatus:
        try:
            AgreementStatus(data.status)
        except ValueError:
            errors.append(FieldError("status", f"{data.status!r} is not a status"))
    if not partner_known:
        errors.append(FieldError("partner", f"no partner with id {data.partner_id}"))
    if not is_currency(data.currency):
        errors.append(FieldError("currency", f"{data.currency!r} is not an ISO 4217 currency code"))
    if not isinstance(data.value, Decimal) or not data.value.is_finite():
        errors.append(FieldError("value", "the contract value must be an exact decimal number"))
    elif data.value < 0:
        errors.append(FieldError("value", f"the contract value {data.value} is negative"))
    elif data.value >= MAX_VALUE:
        errors.append(FieldError("value", "the contract value is too large"))
    for name in ("signed_date", "start_date", "end_date"):
        day = getattr(data, name)
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            # 0001-01-01 or 9999-12-31 is a typing slip, not a contract date, and would
            # put decision dates thousands of years away in every report.
            errors.append(
                FieldError(
                    name,
                    f"{day.isoformat()} is not a plausible contract date "
                    f"({EARLIEST_DATE.year}–{LATEST_DATE.year})",
                )
            )
    if data.end_date < data.start_date:
        errors.append(
            FieldError(
                "end_date",
                f"ends {data.end_date.isoformat()}, before it starts {data.start_date.isoformat()}",
            )
        )
    if data.signed_date is not None and data.signed_date > data.end_date:
        errors.append(FieldError("signed_date", "signed after the agreement ends"))
    if not 0 <= data.notice_days <= 3650:
        errors.append(FieldError("notice_days", "the notice period must be 0 to 3650 days"))
    if data.auto_renew and not data.renewal_term_months:
        errors.append(
            FieldError("renewal_term_months", "an auto-renewing agreement needs its renewal term")
        )
    if data.renewal_term_months is not None and not 1 <= data.renewal_term_months <= 120:
        errors.append(FieldError("renewal_term_months", "the renewal term must be 1 to 120 months"))
    if data.status == AgreementStatus.ACTIVE and data.signed_date is None:
        errors.append(FieldError("signed_date", "an active agreement needs its signed date"))
    if data.reference:
        ref = data.reference.strip()
        if len(ref) > 40:
            errors.append(FieldError("reference", "at most 40 characters"))
        if reference_taken:
            errors.append(FieldError("reference", f"{ref} is already used by another agreement"))
    typed, term_errors = coerce_terms(agreement_type, data.terms)
    errors.extend(term_errors)
    if agreement_type is AgreementType.MARKETING:
        start, end = typed.get("campaign_start"), typed.get("campaign_end")
        if start and end and end < start:
            errors.append(FieldError("campaign_end", "the campaign ends before it starts"))
    return typed, errors
