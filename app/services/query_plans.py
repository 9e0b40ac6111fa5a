"""What SQLite says it will do with a statement, read before running it.

SQLite keeps no statistics here, so ``app.services.listing`` cannot leave a wide filter's
first screen to its planner: walking the sort column's index may pass hundreds of
thousands of rows the filter rejects, when they cluster (the active agreements all end
late). Its plan says which work a statement costs, without running it:

- a walk of rows in list order that only reads rows of the filter (an index whose first
  columns the filter fixes, the rest in the sort order) stops at the first screen;
- a sort that reads indexes alone (covering) costs a tenth of a microsecond a row: all of
  a million agreements' index entries in about 70 ms, where visiting the rows themselves
  costs two to three microseconds each.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from app.services.listing import AnySelect

# A read of a table's own rows: through a non-covering index, by rowid, or a full scan.
_ROW_READ = re.compile(
    r"USING INDEX |USING INTEGER PRIMARY KEY|USING PRIMARY KEY"
    r"|^SCAN (agreements|partners|brand_terms)\b(?!.*COVERING)"
)
_ACCESS = re.compile(r"^(SCAN|SEARCH) (\w+)")


def sqlite_plan(session: Session, stmt: AnySelect) -> list[str]:
    """The lines of ``EXPLAIN QUERY PLAN`` for ``stmt`` (SQLite only)."""
    connection = session.connection()
    compiled = stmt.compile(connection, compile_kwargs={"render_postcompile": True})
    params = tuple(compiled.params[name] for name in compiled.positiontup or ())
    rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), params)
    return [str(r[-1]) for r in rows]


def walks_in_order(plan: list[str]) -> bool:
    """The statement reads agreements in its ORDER BY through an index the filter seeks.

    Its outermost loop is a SEARCH of agreements (the filter fixes the index's first
    columns) and nothing is sorted afterwards: the walk stops at the LIMIT.
    """
    accesses = [line for line in plan if _ACCESS.match(line)]
    if not accesses or any("TEMP B-TREE" in line for line in plan):
        return False
    return accesses[0].startswith("SEARCH agreements ")


def reads_indexes_alone(plan: list[str]) -> bool:
    """The statement reads no table row: each table is read from a covering index."""
    return not any(_ROW_READ.search(line) for line in plan)


def pg_plan(session: Session, stmt: AnySelect) -> dict[str, Any]:
    """The top node of PostgreSQL's ``EXPLAIN (FORMAT JSON)`` for ``stmt``."""
    connection = session.connection()
    compiled = stmt.compile(connection, compile_kwargs={"render_postcompile": True})
    rows = connection.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params)
    found: Any = rows.scalar_one()
    plan = json.loads(found) if isinstance(found, str) else found
    return dict(plan[0]["Plan"])


def walks_past_rejected(plan: dict[str, Any]) -> bool:
    """PostgreSQL walks an index of agreements in list order and checks the filter on each
    row it reads (a Filter, not the index's condition): how far it walks before a screen
    of rows passes is what its statistics cannot tell.

    A plan that sorts (a Sort node, not an Incremental one, which orders a group the walk
    reached), or whose walk's index holds the filter, stops where it says.
    """
    node = plan
    while node.get("Node Type") in ("Limit", "Incremental Sort", "Result"):
        children = node.get("Plans") or []
        if len(children) != 1:
            return False
        node = children[0]
    return (
        node.get("Node Type") in ("Index Scan", "Index Only Scan")
        and node.get("Relation Name") == "agreements"
        and "Filter" in node
    )
