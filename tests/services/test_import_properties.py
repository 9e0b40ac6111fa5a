"""Round trips an import relies on, over many generated values (Hypothesis): a value
written the ways people write it is read back as itself, and a parsed row's values cross
between processes and come back as the same input."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.domain.enums import AgreementStatus, AgreementType
from app.domain.terms import TERMS, TermKind, TermSpec
from app.services.agreement_store import given_columns
from app.services.importing.values import Values, input_columns
from app.services.tabular import parse_amount, parse_date, parse_decimal, parse_int
from app.services.validation import EARLIEST_DATE, LATEST_DATE, AgreementInput, check_agreement

# No deadline: how long an example takes is for bench/, not for a test.
examples = settings(deadline=None, max_examples=200)

amounts = st.decimals(min_value=0, max_value=Decimal("1e12") - 1, places=2)
days = st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE)


@examples
@given(amounts)
def test_amounts_as_people_write_them_read_back_as_themselves(amount: Decimal) -> None:
    for written in (f"{amount:,.2f}", f"{amount:.2f}", f"{amount:,}", f" {amount:,.2f} "):
        assert parse_amount(written) == (amount, None), written
    assert parse_amount(f"¥{amount:,.2f}")[0] == amount
    assert parse_amount(f"USD {amount:,.2f}") == (amount, "USD")


@examples
@given(st.decimals(min_value=0, max_value=100, places=4))
def test_rates_read_back_with_or_without_a_percent_sign(rate: Decimal) -> None:
    assert parse_decimal(f"{rate}") == rate
    assert parse_decimal(f"{rate}%") == rate
    assert parse_decimal(f"{rate} %") == rate


@examples
@given(st.integers(min_value=0, max_value=10**12))
def test_whole_numbers_read_back_grouped_or_not(number: int) -> None:
    assert parse_int(str(number)) == number
    assert parse_int(f"{number:,}") == number


@examples
@given(days)
def test_dates_as_people_write_them_read_back_as_the_same_day(day: date) -> None:
    y, m, d = day.year, day.month, day.day
    for written in (day.isoformat(), f"{y}/{m}/{d}", f"{y}.{m}.{d}", f"{y}年{m}月{d}日"):
        assert parse_date(written) == day, written


# --- a parsed row's values ---------------------------------------------------------------

texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
words = st.text("abcdefghijklmnopqrstuvwxyz 星选美妆", min_size=1, max_size=12).map(str.strip)


def term_value(spec: TermSpec) -> st.SearchStrategy[Any]:
    """A value of ``spec`` as a form or a file may give it (``check_agreement`` types it)."""
    kind = spec.kind
    if kind in (TermKind.LINES,):
        return st.lists(words.filter(bool), max_size=3).map(tuple)
    if kind is TermKind.CURRENCIES:
        return st.lists(st.sampled_from(["CNY", "USD", "EUR", "JPY"]), max_size=3).map(tuple)
    if kind is TermKind.CHOICES:
        assert spec.choices is not None
        return st.lists(st.sampled_from([m.value for m in spec.choices]), max_size=3).map(tuple)
    if kind is TermKind.CHOICE:
        assert spec.choices is not None
        return st.sampled_from([m.value for m in spec.choices])
    if kind is TermKind.BOOL:
        return st.booleans()
    if kind is TermKind.DATE:
        return days
    if kind is TermKind.INT:
        return st.integers(min_value=0, max_value=10**9)
    if kind is TermKind.PERCENT:
        return st.decimals(min_value=0, max_value=100, places=4)
    if kind in (TermKind.MONEY, TermKind.DECIMAL):
        return amounts
    return words


@st.composite
def agreement_inputs(draw: st.DrawFn) -> AgreementInput:
    a_type = draw(st.sampled_from(list(AgreementType)))
    start = draw(days)
    end = draw(st.dates(min_value=start, max_value=LATEST_DATE))
    auto_renew = draw(st.booleans())
    terms = {spec.name: draw(term_value(spec)) for spec in TERMS[a_type]
             if spec.required or draw(st.booleans())}  # fmt: skip
    return AgreementInput(
        title=draw(words.filter(bool)), type=a_type, partner_id=0,
        status=draw(st.sampled_from(list(AgreementStatus))),
        currency=draw(st.sampled_from(["CNY", "USD", "EUR", "JPY"])), value=draw(amounts),
        start_date=start, end_date=end, owner=draw(texts.map(str.strip)),
        signed_date=draw(st.none() | st.dates(min_value=EARLIEST_DATE, max_value=end)),
        auto_renew=auto_renew,
        renewal_term_months=draw(st.integers(1, 120)) if auto_renew else draw(
            st.none() | st.integers(1, 120)),
        notice_days=draw(st.integers(0, 3650)), governing_law=draw(texts.map(str.strip)),
        territories=tuple(draw(st.lists(words.filter(bool), max_size=3))),
        description=draw(texts), terms=terms,
    )  # fmt: skip


@examples
@given(agreement_inputs())
def test_a_parsed_rows_values_come_back_as_the_same_input(data: AgreementInput) -> None:
    """What crosses from the worker (``Values``, plain values only) is the input itself:
    the rows it writes are those a row parsed here would write."""
    typed, problems = check_agreement(data, partner_known=True)
    assume(not problems)
    values = Values.of(data, typed)
    back = values.to_input(7)
    assert back == replace(data, partner_id=7)
    assert values.typed_terms() == typed
    assert [type(v) for v in values.typed_terms().values()] == [type(v) for v in typed.values()]
    # Many rows at once, as the importer stores them: the input's fields, column by column.
    columns = input_columns([values, values], [7, 7])
    expected = given_columns([back, back])
    assert columns == expected
    assert {n: list(map(type, c)) for n, c in columns.items()} == {
        n: list(map(type, c)) for n, c in expected.items()
    }
