"""A list's first screen of ids, found by whichever index plan finds it soonest.

A first screen (the first few hundred ids of a filtered, searched, sorted list) must come
in well under the 300 ms a sort may take at a million agreements, on two engines whose
planners see different things: SQLite chooses without statistics, PostgreSQL cannot tell
how many rows a LIKE keeps. Each plan here says which case it answers and what it measured.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ARRAY, Integer, any_, bindparam, func, select
from sqlalchemy.orm import Session

from app.domain.enums import AgreementType
from app.domain.models import Agreement
from app.services.listing.merges import (
    by_base_value,
    by_few_values,
    by_operating_model,
    by_value_of_types,
    without_jit,
)
from app.services.listing.statements import (
    SORT_COLUMNS,
    in_list_order,
    narrowed,
    select_agreements,
)
from app.services.listing_filters import owner_names, partners_named
from app.services.listing_rows import AgreementFilter
from app.services.query_plans import (
    pg_plan,
    reads_indexes_alone,
    sqlite_plan,
    walks_in_order,
    walks_past_rejected,
)
from app.services.search import DENSE, pg_candidates_read, search_restriction

__all__ = ["first_ids"]

if TYPE_CHECKING:
    from app.services.listing.statements import AnySelect

# Sorts by a column that is never NULL: the first rows of their order end at a value.
_WALKABLE = frozenset(SORT_COLUMNS) - {"base_value", "operating_model"}
# Sorts by a column of few values, whose rows in list order (a value's rows by id) no
# PostgreSQL index holds: the first rows of their order are the first value's by id.
_FEW_VALUED = frozenset({"type", "status", "currency", "owner"})
# A filter or search that keeps at most this many rows counts as narrow: its rows are
# read through its own index and sorted (30 ms at most); a wider one is looked for in
# this many first rows of the sort order.
_FEW = 20_000


def first_ids(
    session: Session, stmt: AnySelect, f: AgreementFilter, sort: str, descending: bool, limit: int
) -> list[int]:
    """A list's first screen of ids, by whichever of the index plans finds it soonest.

    SQLite chooses a plan without statistics: it would walk a sort column's index past
    every row a narrow filter rejects (1.4 s at a million for a date range whose rows sort
    last), or sort all the rows a wide filter keeps. Counting a filter's rows up to a bound
    tells which case this is.
    """
    needle = (f.search or "").strip()
    narrow = False
    if f.operating_model is not None and sort in ("reference", "type"):
        # Only brand agreements have one (a type never changes): said outright, the
        # type's rows are walked by reference or read as one type (at a million by
        # reference descending: SQLite 242 -> 14 ms of CPU, PostgreSQL 12 s -> 0.1 s
        # under load 14). Not for other sorts: SQLite would then read every brand
        # agreement's terms to sort them (1.2 s by value).
        stmt = stmt.where(Agreement.type == AgreementType.BRAND)
    if session.get_bind().dialect.name != "sqlite":
        # PostgreSQL keeps statistics and chooses between these plans itself, but not for
        # a search: it cannot tell how many rows a LIKE keeps.
        if needle:
            found, stmt = _pg_searched_first(session, stmt, f, sort, descending, limit)
            if found is not None:
                return found
        merged = sort in ("operating_model", "base_value")
        # By base value a filter of types, statuses or a model is its groups themselves
        # (merges._splits): none is walked past rows it rejects for another reason,
        # and a few thousand rows sorted cost more (a model's active agreements, 15,000:
        # counted 170 ms, then sorted with each row's rate looked up, 360 ms).
        split = sort == "base_value" and _split_by_value(f)
        if merged and not needle and not split and _filters(f) and _keeps_few(session, stmt):
            # PostgreSQL plans each group the merge below reads on its own: a group the
            # filter leaves empty was walked to its end (a partner name's agreements by
            # base value, none in euros: 0.4 s at a million; all its 11,000 rows sorted:
            # 70 ms). The estimate of an owner's rows is half the table's: past JIT's
            # threshold at 100,000.
            without_jit(session)
            return list(
                session.scalars(in_list_order(session, stmt, sort, descending, f).limit(limit))
            )
        if sort == "operating_model":
            return by_operating_model(session, stmt, descending, limit, f)
        if sort == "base_value":
            return by_base_value(session, stmt, descending, limit, f.today or date.today(), f)
        if sort == "status" and not needle and _dated(f):
            # The dates' and status's index holds the status and every date: the filter's
            # entries are read in status order and sorted by id within it (at most 30 ms at
            # a million). Each status's rows by id walked the primary key to its end for a
            # status the range holds none of (the active ones ending last year: 0.3 s).
            return list(
                session.scalars(in_list_order(session, stmt, sort, descending, f).limit(limit))
            )
        if sort in ("type", "status", "currency", "owner"):
            named = None
            if sort == "owner" and f.owner:
                # The names the filter keeps: those that read it, and those of the rows
                # its login owns (a person's own name, nearly always).
                owner = f.owner.strip()
                login = select(Agreement.owner).where(Agreement.owner_login == owner)
                named = set(session.scalars(owner_names(owner).union(login)))
            return by_few_values(session, stmt, sort, descending, limit, f, named)
        if sort == "value" and not needle and _typed(f):
            return by_value_of_types(session, stmt, descending, limit, f)
        if not needle and _dated(f) and sort in _IN_DATE_INDEXES:
            return _pg_dated_first(session, stmt, f, sort, descending, limit)
        return list(session.scalars(in_list_order(session, stmt, sort, descending, f).limit(limit)))
    if needle:
        restriction = search_restriction(session, needle, first_screen=True)
        if restriction is not None:  # a rare term: its candidates
            stmt, narrow = stmt.where(restriction), True
    elif _filters(f):
        # An owner is matched through the owner index (listing_filters.owner_names):
        # counted like the rest.
        narrow = _keeps_few(session, stmt)
    if narrow:
        # Whatever the sort: a partner's few hundred agreements sorted by operating model
        # took 0.96 s walking every brand agreement by model at a million.
        ordered = in_list_order(session, stmt, sort, descending, f, walk_index=False)
        return list(session.scalars(ordered.limit(limit)))
    if sort == "operating_model":
        return by_operating_model(session, stmt, descending, limit, f)
    if sort == "base_value":
        return by_base_value(session, stmt, descending, limit, f.today or date.today(), f)
    if needle:
        # A common term: its first screen lies in the first rows of the sort order,
        # unless its rows cluster at the far end (a word in one type's titles, that type
        # sorted last): then all its rows are sorted after all.
        found = _first_of_prefix(session, stmt, f, sort, descending, limit)
        if found is not None:
            return found
        stmt = narrowed(session, stmt, f, first_screen=False)
    elif _filters(f):
        return _wide_first(session, stmt, f, sort, descending, limit)
    return list(session.scalars(in_list_order(session, stmt, sort, descending, f).limit(limit)))


def _wide_first(
    session: Session, stmt: AnySelect, f: AgreementFilter, sort: str, descending: bool, limit: int
) -> list[int]:
    """The first screen of a filter that keeps more than ``_FEW`` rows, on SQLite.

    Cheapest first, as the plan tells (``query_plans``): a walk of the filter's own rows
    in list order (one type's rows by reference, one status's by decision date); all its
    rows sorted from an index that holds both the filter's and the sort's columns (at
    most a million index entries: 70 ms of CPU, whether its rows cluster or not); else
    the first rows of the sort order, where a filter that does not cluster has its first
    screen; else the walk.
    """
    walk = in_list_order(session, stmt, sort, descending, f).limit(limit)
    if walks_in_order(sqlite_plan(session, walk)):
        return list(session.scalars(walk))
    ordered = in_list_order(session, stmt, sort, descending, f, walk_index=False).limit(limit)
    if reads_indexes_alone(sqlite_plan(session, ordered)):
        # (A prefix of the sort order is no cheaper here: given the filter's index, SQLite
        # reads all of its entries to check each against the prefix.)
        return list(session.scalars(ordered))
    found = _first_of_prefix(session, stmt, f, sort, descending, limit)
    if found is not None:
        return found
    return list(session.scalars(walk))


# What the dates' indexes hold besides the id (migration 0020): a date range's rows
# sorted by any of them from index entries alone.
_IN_DATE_INDEXES = frozenset({"reference", "start_date", "end_date", "decision_date"})


def _pg_dated_first(
    session: Session, stmt: AnySelect, f: AgreementFilter, sort: str, descending: bool, limit: int
) -> list[int]:
    """A date range's first screen by reference or a date on PostgreSQL.

    Dates cluster with dates and the references (a reference names its year): the
    agreements starting from June have the later references, and walking the reference
    index passed 200,000 rows before them (0.2-0.4 s at a million), a cost PostgreSQL's
    statistics cannot foresee. A walk that checks the range on each row it reads is
    replaced by the range's entries sorted (the dates' indexes hold the reference and the
    other dates: 440,000 entries in 60-80 ms); a walk of the range's own index, or a plan
    that sorts, is run as it is.
    """
    walk = in_list_order(session, stmt, sort, descending, f).limit(limit)
    if not walks_past_rejected(pg_plan(session, walk)):
        return list(session.scalars(walk))
    ordered = in_list_order(session, stmt, sort, descending, f, walk_index=False).limit(limit)
    return list(session.scalars(ordered))


def _pg_searched_first(
    session: Session, stmt: AnySelect, f: AgreementFilter, sort: str, descending: bool, limit: int
) -> tuple[list[int] | None, AnySelect]:
    """A PostgreSQL search's first screen, or ``stmt`` narrowed to the term's candidates.

    PostgreSQL cannot tell how many rows a LIKE keeps, so the plans are tried cheapest
    first. A term that matches densely ("a", a common word) has its first screen among the
    first thousand rows of the sort order; a one- or two-character term that matched at
    least 1% of those rows walks the sort order (a screenful comes within about 10,000
    rows). A rare term's candidates (at most ``_PG_FEW``) are fetched by id and sorted.
    Otherwise they are counted from the term's indexes (trigrams, or one or two
    characters' grams, migration 0019; no row read): at most ``DENSE`` are read in
    one statement and sorted (each costs a visit of its row, about 5 µs: 0.2 s for
    '物流''s 38,860 at a million, whose matches all sort last by reference, type or
    title: the walk passed 450,000 rows, 0.9-2.3 s). More candidates than that match
    densely enough for the walk.
    """
    needle = (f.search or "").strip()
    short = len(needle) < 3
    if sort in _WALKABLE:
        counted: list[int] = []
        first = _FEW // 20
        found = _first_of_prefix(session, stmt, f, sort, descending, limit, (first,), counted)
        if found is not None:
            return found, stmt
        if short and first and counted[0] * 100 >= first:
            return None, stmt
    # A rare term: its few candidates' ids, then their rows by id, sorted (the text index
    # read once: counting, then reading the candidates, read it twice, 30 -> 60 ms for a
    # rare reference at a million).
    few = search_restriction(session, needle, first_screen=True, most=_PG_FEW)
    if few is not None:
        return None, stmt.where(few)
    own = pg_candidates_read(session, needle, DENSE)
    if own is None:
        return None, stmt
    without_jit(session)
    return _pg_halves_first(session, stmt.where(own), f, sort, descending, limit), stmt


def _pg_halves_first(
    session: Session, own: AnySelect, f: AgreementFilter, sort: str, descending: bool, limit: int
) -> list[int]:
    """A PostgreSQL search's first screen from its two halves, each read and sorted on its
    own: ``own``, the agreements whose own fields hold the term, and the agreements of the
    partners whose names hold it; then their two first screens sorted together.

    Read as one OR, each candidate's row was visited for its sort key: '物流' at a million
    is 38,860 agreements of 297 partners in 21,000 heap blocks, 120-160 ms at Debian's
    128 MB of shared buffers. The partners' half sorted by reference reads its keys from
    ix_agreements_partner_reference (migration 0025) alone: 7 ms. A partner's agreements
    need no check of their own text: their partner's name matched.
    """
    needle = (f.search or "").strip()
    column = SORT_COLUMNS.get(sort) or Agreement.reference
    unsearched = select_agreements([Agreement.id], replace(f, search=None), order_by=[column])
    named = func.array(partners_named(needle).correlate(None).scalar_subquery())
    halves = (own, unsearched.where(Agreement.partner_id == any_(named)))
    found = [
        list(
            session.scalars(
                in_list_order(session, half, sort, descending, f, walk_index=False).limit(limit)
            )
        )
        for half in halves
    ]
    if not (found[0] and found[1]):
        return found[0] or found[1]
    # One parameter, the whole array: not one bound parameter per id.
    ids = bindparam("first_ids", found[0] + found[1], type_=ARRAY(Integer))
    both = in_list_order(
        session, unsearched.where(Agreement.id == any_(ids)), sort, descending, f, walk_index=False
    )
    return list(session.scalars(both.limit(limit)))


# Candidates a PostgreSQL search's first screen fetches by id before counting them: each id
# fetched is a visit of its row, and another when its row is read to be sorted.
_PG_FEW = 1_000


def _filters(f: AgreementFilter) -> bool:
    return replace(f, search=None, today=None) != AgreementFilter()


def _keeps_few(session: Session, stmt: AnySelect) -> bool:
    """``stmt`` keeps at most ``_FEW`` rows: counted up to that bound."""
    kept = select(func.count()).select_from(stmt.limit(_FEW + 1).subquery())
    return (session.scalar(kept) or 0) <= _FEW


def _split_by_value(f: AgreementFilter) -> bool:
    """``f`` keeps agreements by type, status or operating model, and by nothing else."""
    kinds = replace(f, types=frozenset(), statuses=frozenset(), operating_model=None, today=None)
    return kinds == AgreementFilter()


def _typed(f: AgreementFilter) -> bool:
    """``f`` keeps agreements by their type or operating model, and by nothing else."""
    kinds = replace(f, types=frozenset(), operating_model=None, today=None)
    return kinds == AgreementFilter() and bool(f.types or f.operating_model)


def _dated(f: AgreementFilter) -> bool:
    """``f`` keeps agreements by their dates, and perhaps their status, and by nothing else."""
    dates = AgreementFilter(
        expiring_within=f.expiring_within, decision_from=f.decision_from,
        decision_to=f.decision_to, start_from=f.start_from, end_to=f.end_to,
    )  # fmt: skip
    return dates != AgreementFilter() and replace(f, statuses=frozenset(), today=None) == dates


def _first_of_prefix(
    session: Session,
    stmt: AnySelect,
    f: AgreementFilter,
    sort: str,
    descending: bool,
    limit: int,
    steps: tuple[int, ...] = (_FEW // 20, _FEW // 4, _FEW),
    counted: list[int] | None = None,
) -> list[int] | None:
    """The first ``limit`` matches among the first rows of the sort order, if all are there.

    The first rows come from the sort column's index alone; the filter then looks at
    those rows only, whichever index it would have chosen (40 ms at a million).
    ``counted`` is given the number of matches each step found.
    """
    everything = AgreementFilter()
    column = SORT_COLUMNS[sort]
    first = select_agreements([Agreement.id], everything, order_by=[column])
    first = in_list_order(session, first, sort, descending, everything)
    if sort in _FEW_VALUED and session.get_bind().dialect.name != "sqlite":
        # The first value's rows walked by id: ORDER BY currency, id sorted all the rows
        # of the first currency for a thousand of them (0.2 s at a million).
        by = Agreement.__table__.c[sort]
        value = session.scalar(select(func.max(by) if descending else func.min(by)))
        tie = Agreement.id.desc() if descending else Agreement.id.asc()
        first = select(Agreement.id).where(by == value).order_by(tie)
    # A twentieth first: a term or filter that keeps most rows is done in a few milliseconds;
    # then a quarter: one owner of twelve (8% of the rows) is found there, in a quarter of
    # the time the whole prefix takes (0.66 s at a million under load).
    for rows in steps:
        prefix = first.limit(rows).scalar_subquery()
        if session.get_bind().dialect.name == "sqlite":
            within = stmt.where(Agreement.id.in_(prefix))
        else:
            # An array computed first: given IN, PostgreSQL scanned every agreement to
            # hash-join them to the prefix (5 s at a million for a thousand rows).
            within = stmt.where(Agreement.id == any_(func.array(prefix)))
        ordered = in_list_order(session, within, sort, descending, f, walk_index=False)
        found = list(session.scalars(ordered.limit(limit)))
        if counted is not None:
            counted.append(len(found))
        if len(found) == limit:
            return found
    return None
