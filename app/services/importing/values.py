"""A parsed row's values in plain str, int, bool and tuples: what crosses from the
second core (pickling dataclasses, enums, dates and Decimals cost more than parsing them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from app.domain.enums import AgreementStatus, AgreementType
from app.domain.terms import TERMS, TermKind
from app.services.import_format import TERM_SPECS
from app.services.validation import AgreementInput

# Terms in transport form, Decimals and dates as text, a choice as its value: as read,
# (name, value) pairs; once typed, the type's terms in the order of TERMS.
Packed = tuple[tuple[str, Any], ...]

_PACK: dict[TermKind, Callable[[Any], Any]] = {
    TermKind.DATE: date.isoformat,
    TermKind.MONEY: str,
    TermKind.PERCENT: str,
    TermKind.DECIMAL: str,
    TermKind.CHOICE: str,  # as read, a choice is its text; once typed, a StrEnum member
}
_UNPACK: dict[TermKind, Callable[[Any], Any]] = {
    TermKind.DATE: date.fromisoformat,
    TermKind.MONEY: Decimal,
    TermKind.PERCENT: Decimal,
    TermKind.DECIMAL: Decimal,
}
_KINDS = {name: spec.kind for name, spec in TERM_SPECS.items()}
_PACKERS = {name: _PACK.get(kind) for name, kind in _KINDS.items()}


def _pack_terms(terms: Mapping[str, Any]) -> Packed:
    return tuple([
        (name, value if value is None or (pack := _PACKERS[name]) is None else pack(value))
        for name, value in terms.items()
    ])  # fmt: skip


_TERM_NAMES = {t.value: tuple(spec.name for spec in TERMS[t]) for t in AgreementType}


def _pack_typed(a_type: AgreementType, typed: Mapping[str, Any]) -> tuple[Any, ...]:
    """Values only (the names are the type's): a quarter of a row's bytes, and of pickling."""
    packed = []
    for name in _TERM_NAMES[a_type.value]:
        value = typed.get(name)
        if value is not None and (pack := _PACKERS[name]) is not None:
            value = pack(value)
        packed.append(value)
    return tuple(packed)


def _unpack_terms(packed: Packed, *, typed: bool) -> dict[str, Any]:
    terms = {}
    for name, value in packed:
        if value is not None:
            kind = _KINDS[name]
            if kind is TermKind.CHOICE and typed:
                choices = TERM_SPECS[name].choices
                assert choices is not None
                value = choices(value)
            elif (unpack := _UNPACK.get(kind)) is not None:
                value = unpack(value)
        terms[name] = value
    return terms


class Values(NamedTuple):
    """An agreement's values from one row, in plain str, int, bool and tuples.

    Rows cross from the worker process like this: dataclasses, enums, dates and Decimals
    cost more to pickle (50 µs a row) than parsing them did, a tuple of plain values 3 µs.
    ``of`` and ``to_input`` are exact inverses; the importer writes ``to_input()`` through
    ``agreement_store`` like any other input.
    """

    title: str
    type: str  # an AgreementType's value
    status: str  # an AgreementStatus's value
    currency: str
    value: str  # the Decimal, as text
    start_date: str  # ISO dates
    end_date: str
    signed_date: str | None
    owner: str
    auto_renew: bool
    renewal_term_months: int | None
    notice_days: int
    governing_law: str
    territories: tuple[str, ...]
    description: str
    # The terms as the file gives them, for to_input(): only for a row with a reference,
    # the one kind of row that can update a saved agreement (to_input's only use in an
    # import); the others go in with their typed terms.
    terms: Packed
    typed: tuple[Any, ...]  # as check_agreement typed them, in the order of TERMS[type]

    @classmethod
    def of(cls, data: AgreementInput, typed: Mapping[str, Any], *, terms: bool = True) -> Values:
        return cls(
            data.title, data.type.value, data.status.value, data.currency, str(data.value),
            data.start_date.isoformat(), data.end_date.isoformat(),
            None if data.signed_date is None else data.signed_date.isoformat(),
            data.owner, data.auto_renew, data.renewal_term_months, data.notice_days,
            data.governing_law, data.territories, data.description,
            _pack_terms(data.terms) if terms else (), _pack_typed(data.type, typed),
        )  # fmt: skip

    def to_input(self, partner_id: int = 0) -> AgreementInput:
        return AgreementInput(
            title=self.title,
            type=AgreementType(self.type),
            partner_id=partner_id,
            status=AgreementStatus(self.status),
            currency=self.currency,
            value=Decimal(self.value),
            start_date=date.fromisoformat(self.start_date),
            end_date=date.fromisoformat(self.end_date),
            reference=None,
            owner=self.owner,
            signed_date=None if self.signed_date is None else date.fromisoformat(self.signed_date),
            auto_renew=self.auto_renew,
            renewal_term_months=self.renewal_term_months,
            notice_days=self.notice_days,
            governing_law=self.governing_law,
            territories=self.territories,
            description=self.description,
            terms=_unpack_terms(self.terms, typed=False),
        )

    def typed_terms(self) -> dict[str, Any]:
        names = _TERM_NAMES[self.type]
        return _unpack_terms(tuple(zip(names, self.typed, strict=True)), typed=True)


_TYPES = {m.value: m for m in AgreementType}
_STATUSES = {m.value: m for m in AgreementStatus}


def _signed(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def input_columns(values: Sequence[Values], partner_ids: Sequence[int]) -> dict[str, list[Any]]:
    """``to_input(partner_id)`` of each of ``values`` as ``agreement_store.given_columns``
    would give it, without building the inputs: the columns of many rows at once, each
    converted by one ``map``. The text policy is not run again: ``of`` took the values
    from an ``AgreementInput``, which had applied it (the policy is idempotent)."""
    if not values:
        return {name: [] for name in (*Values._fields[:15], "partner_id")}
    given = dict(zip(Values._fields, map(list, zip(*values, strict=True)), strict=False))
    del given["terms"], given["typed"]
    given["type"] = list(map(_TYPES.__getitem__, given["type"]))
    given["status"] = list(map(_STATUSES.__getitem__, given["status"]))
    given["value"] = list(map(Decimal, given["value"]))
    for name in ("start_date", "end_date"):
        given[name] = list(map(date.fromisoformat, given[name]))
    given["signed_date"] = list(map(_signed, given["signed_date"]))
    given["partner_id"] = list(partner_ids)
    return given
