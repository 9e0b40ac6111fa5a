"""Which agreements a search can match, found through the database's text index.

The list's own predicate (``contains_text`` on reference, title, owner, description and
partner names, in ``listing_filters.filtered``) decides what matches, exactly as a LIKE would.
This module only narrows the rows that predicate has to look at:

- a rare term (at most ``DENSE`` candidate rows) gives its candidates' ids: the list reads
  those rows alone and sorts them;
- a common term gives no ids for a first screen: the list walks its sort order's index and
  stops at the first screen, which comes soon because such a term matches densely. For the
  whole list it gives the index's subquery.

SQLite: an FTS5 trigram index over one text per agreement (migration 0014), without
positions, so a query is the AND of its trigrams; a one- or two-character query takes the
trigrams that begin with it from the index's vocabulary. PostgreSQL: pg_trgm GIN indexes
on agreements and partners for three characters or more, GIN indexes of each row's
characters and character pairs for fewer (migration 0019); one query per table joined by
UNION ALL (``app.db.search_terms.pg_candidates``, which the driver-level list reuses).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ARRAY, Integer, any_, bindparam, column, func, or_, select, text
from sqlalchemy.orm import Session

from app.db.search_terms import (
    CANDIDATES_SQL,
    DENSE,
    VOCABULARY_SQL,
    fts_match,
    is_gram,
    pg_candidates,
)
from app.db.sql import contains_text, may_hold_gram
from app.domain.models import Agreement


def _sqlite_match(session: Session, needle: str) -> str | None:
    """The FTS5 query for ``needle``; "" when nothing can match; None when too common."""
    return fts_match(needle, lambda low_high: list(session.scalars(text(VOCABULARY_SQL), low_high)))


def _pg_matching(needle: str) -> Any:
    """Ids of agreements whose own fields or partner's names may contain ``needle``."""
    sql, params = pg_candidates(needle)
    return text(sql).bindparams(**params).columns(column("id", Integer))


__all__ = ["DENSE", "pg_candidates_read", "search_restriction"]


def search_restriction(
    session: Session, needle: str, *, first_screen: bool, most: int | None = None
) -> Any | None:
    """A WHERE clause on agreements' ids that keeps every match of ``needle``, or None.

    None means: no narrowing worth having (a term with more than ``most`` candidates,
    DENSE unless given, for a first screen; or no index).
    """
    most = DENSE if most is None else most
    if not needle:
        return None
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:
        match = _sqlite_match(session, needle)
        if match is None:
            return None
        if match == "":
            return Agreement.id.in_([])
        candidates: Any = (
            text(CANDIDATES_SQL).bindparams(match=match).columns(column("id", Integer))
        )
    else:
        # Through an index whatever the length (without pg_trgm, three characters or more
        # scan the tables once, stopping at DENSE + 1 rows).
        candidates = _pg_matching(needle)
    ids = candidates.subquery()
    if not sqlite:
        # The ids themselves, as one array: given the UNION as a subquery, PostgreSQL's
        # estimate of it led to a scan of every agreement (0.9 s at 100,000 for one row).
        found = session.scalars(select(ids.c.id).limit(most + 1)).all()
        if len(found) <= most:
            # One parameter, the whole array: not one bound parameter per id.
            ids_array = bindparam("candidate_ids", list(found), type_=ARRAY(Integer))
            return Agreement.id == any_(ids_array)
        return None if first_screen else Agreement.id.in_(select(ids.c.id))
    if first_screen:
        probe = select(ids.c.id).limit(most + 1).subquery()
        if (session.scalar(select(func.count()).select_from(probe)) or 0) > most:
            return None
    # A subquery, not the ids: SQLite then reads each candidate by its rowid and sorts.
    return Agreement.id.in_(select(ids.c.id))


def pg_candidates_read(session: Session, needle: str, most: int) -> Any | None:
    """PostgreSQL: a WHERE clause that reads, through the text indexes, the agreements whose
    own fields may hold ``needle``, when the term has at most ``most`` candidates (these and
    its partners' agreements); None when more.

    For a first screen read in two halves (``listing.first_screens._pg_halves_first``):
    this one, and the agreements of the partners whose names hold the term. The candidates
    are counted first, without reading a row (``pg_candidates``' column "1": the partners'
    half from the partner index alone), each at most twice (once per half).
    """
    sql, params = pg_candidates(needle, column="1")
    counted = text(f"SELECT count(*) FROM ({sql} LIMIT {most + 1}) AS c").bindparams(**params)
    if (session.scalar(counted) or 0) > most:
        return None
    own_columns = (Agreement.reference, Agreement.title, Agreement.owner, Agreement.description)
    if is_gram(needle):
        # The gram indexes' own expressions (migration 0019): never computed per row, the
        # function's COST keeps the planner on the index.
        return may_hold_gram(needle, *own_columns)
    # pg_trgm's indexes answer these (migration 0014).
    return or_(*(contains_text(c, needle) for c in own_columns))
