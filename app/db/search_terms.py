"""How a search text becomes SQL, without SQLAlchemy.

One definition for both readers of the agreements list: ``app.services.search`` (through
the ORM) and ``app.services.listing_driver`` (through ``sqlite3`` or ``psycopg``, for the
command line). SQLite: the FTS5 index's query; PostgreSQL: :func:`pg_candidates`.
"""

from __future__ import annotations

from collections.abc import Callable

# Candidate rows beyond which a term counts as common. Reading and sorting candidates
# costs about 2 µs each (80 ms at 40,000 on a million agreements); walking the sort order
# instead finds a first screen of a term this common within a few thousand rows, unless
# its matches all sort last.
DENSE = 40_000
# Vocabulary terms a short query may expand to before it counts as common: merging the
# rows of a hundred terms ("a" followed by any character) costs more than the walk of the
# sort order that finds such a query's first screen at once.
MOST_TERMS = 30
_MOST_TRIGRAMS = 4
_LAST_CHARACTER = "\U0010ffff"

# The index's vocabulary for a one- or two-character query: terms >= :low and < :high.
VOCABULARY_SQL = (
    "SELECT term FROM agreement_search_terms WHERE term >= :low AND term < :high"
    f" LIMIT {MOST_TERMS + 1}"
)
CANDIDATES_SQL = "SELECT rowid AS id FROM agreement_search WHERE agreement_search MATCH :match"


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_pattern(text: str) -> str:
    """The LIKE pattern (with ``ESCAPE '\\'``) for "contains ``text`` literally"."""
    return f"%{escape_like(text)}%"


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_match(needle: str, vocabulary: Callable[[dict[str, str]], list[str]]) -> str | None:
    """The FTS5 query for ``needle``; "" when nothing can match; None when too common.

    ``vocabulary`` runs :data:`VOCABULARY_SQL` with the parameters given.
    """
    # The trigram tokenizer folds case: its terms are lower case.
    folded = needle.lower()
    if len(folded) >= 3:
        return " AND ".join(map(_quoted, _some_trigrams(folded)))
    terms = vocabulary({"low": folded, "high": folded + _LAST_CHARACTER})
    if len(terms) > MOST_TERMS:
        return None
    return " OR ".join(map(_quoted, terms))


def _some_trigrams(folded: str) -> list[str]:
    """A few trigrams of the query that cover it end to end.

    Without positions every trigram's whole row list is read and intersected: at a million
    agreements a common one ("ion", "ltd") costs tens of milliseconds. Trigrams side by
    side (not overlapping) and without spaces narrow as well; the LIKE check does the rest.
    """
    side_by_side = [folded[i : i + 3] for i in range(0, len(folded) - 2, 3)]
    side_by_side.append(folded[-3:])
    unique = list(dict.fromkeys(side_by_side))
    words = [t for t in unique if not any(c.isspace() for c in t)]
    return (words or unique)[:_MOST_TRIGRAMS]


# PostgreSQL. pg_trgm answers a query of three characters or more from its GIN indexes
# (migration 0014), but extracts no trigram from a shorter one: '乐优' or 'ku' scanned every
# agreement (3 s at a million). Migration 0019 adds GIN indexes over each row's grams, every
# character and every pair of neighbouring characters of its searched fields in lower case,
# so a one- or two-character query is one key of the index. Plain GIN over text[] (no
# extension): PostgreSQL keeps the indexes in step on every write, as it does pg_trgm's.
#
# Exact: ILIKE on a multi-byte database compares lower() of both sides (the same lower(),
# the database's collation), and a field that contains the query contains its lower-case
# form as one gram. Pairs holding an ASCII space are left out (and the space itself): the
# list strips its query, so a one- or two-character query never holds one at its ends,
# which are all its characters (pg_candidates checks). Fields are joined by a space, so no
# pair spans two fields. The function costs about 20-40 µs a row: COST tells the planner
# never to run it over a table's rows when the index can answer.
PG_GRAMS = "partnerdesk_search_grams"
PG_GRAMS_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {PG_GRAMS}(VARIADIC parts text[]) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
DECLARE
    chars text[] := regexp_split_to_array(lower(array_to_string(parts, ' ')), '');
    -- (An empty text splits into one empty string: no gram.)
    grams text[] := array_remove(array_remove(chars, ' '), '');
    n int := cardinality(grams);
    previous text;
    this text := chars[1];
BEGIN
    FOR i IN 2 .. coalesce(cardinality(chars), 0) LOOP
        previous := this;
        this := chars[i];
        IF previous <> ' ' AND this <> ' ' THEN
            n := n + 1;
            grams[n] := previous || this;
        END IF;
    END LOOP;
    RETURN grams;
END
$$
"""


def pg_grams_of(columns: str) -> str:
    """The indexed expression over ``columns`` (SQL, comma-separated), as a query must
    write it for the index to answer.

    Its keys compare in the "C" collation, byte by byte: the database's own (C.UTF-8 here)
    made GIN compare every key with strcoll, which cost an import of 100,000 agreements
    21 s of index upkeep instead of 11 s. Only the order of the index's keys changes;
    equality of texts is the same in every deterministic collation.
    """
    return f'({PG_GRAMS}({columns}) COLLATE "C")'


PG_GRAM_INDEXES = {
    "ix_agreements_search_grams": "agreements USING gin "
    f"({pg_grams_of('reference, title, owner, description')})",
    "ix_partners_search_grams": f"partners USING gin ({pg_grams_of('legal_name, local_name')})",
}


def is_gram(needle: str) -> bool:
    """Whether ``needle`` is one key of the gram indexes (see PG_GRAMS_FUNCTION)."""
    return 0 < len(needle) < 3 and " " not in needle


def pg_candidates(
    needle: str, *, pyformat: bool = False, column: str = "id"
) -> tuple[str, dict[str, str]]:
    """SQL giving the ids of the agreements whose own fields or partner's names may contain
    ``needle`` (each at least once; the list's ILIKE check decides), and its parameters.

    Named parameters (``:name``, for SQLAlchemy's ``text()``), or ``%(name)s`` for the
    bare psycopg driver. Own fields and partners are two queries joined by UNION ALL: an
    ``OR partner_id IN`` keeps the planner from either index, and UNION ALL streams, so a
    LIMIT around it stops early (UNION would gather every match first). The partners' ids
    as an array computed first: given ``IN (SELECT …)`` PostgreSQL hash-joined them to a
    scan of every agreement (25 ms at 100,000 for 62 partners) rather than look each one's
    agreements up by partner.

    ``column="1"`` selects no column of a row: counted, the partners' half is then read from
    the partner index alone (38,860 candidates of '物流' at a million: 25 ms, against 150 ms
    visiting their rows).
    """
    mark = "%({})s" if pyformat else ":{}"
    if is_gram(needle):
        gram = mark.format("search_gram")
        key = f"ARRAY[lower(CAST({gram} AS text))]"
        own = pg_grams_of("reference, title, owner, description")
        theirs = pg_grams_of("legal_name, local_name")
        sql = (
            f"SELECT {column} FROM agreements WHERE {own} @> {key} UNION ALL SELECT {column}"
            " FROM agreements WHERE partner_id = ANY (ARRAY(SELECT id FROM partners WHERE"
            f" {theirs} @> {key}))"
        )
        return sql, {"search_gram": needle}
    # Three characters or more: pg_trgm's indexes answer these ILIKEs (without pg_trgm
    # they scan).
    pattern = mark.format("search_pattern")

    def contains(column: str) -> str:
        return f"{column} ILIKE {pattern} ESCAPE '\\'"

    own = " OR ".join(contains(c) for c in ("reference", "title", "owner", "description"))
    sql = (
        f"SELECT {column} FROM agreements WHERE {own} UNION ALL SELECT {column} FROM agreements"
        " WHERE partner_id = ANY (ARRAY(SELECT id FROM partners WHERE"
        f" {contains('legal_name')} OR {contains('local_name')}))"
    )
    return sql, {"search_pattern": like_pattern(needle)}
