"""Formula cells: neutralised on the way out, recognised on the way in."""

from __future__ import annotations

# Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class UncalculatedFormula(str):
    """An XLSX formula cell that holds no calculated value, as its formula text.

    Programs that write XLSX (openpyxl, many exports) store formulas without a result;
    only a spreadsheet application calculates them. We never evaluate a formula, so such
    a cell has no value here, and saying why beats "is required".
    """

    __slots__ = ()

    @property
    def problem(self) -> str:
        return (
            f"the cell holds a formula ({self}) without a calculated value; "
            "open and save the file in Excel first"
        )


# --- formula neutralisation -----------------------------------------------------------


def _needs_guard(text: str) -> bool:
    if text.startswith(FORMULA_STARTS):
        return True
    return text.startswith("'") and _needs_guard(text[1:])


def guard_formula(text: str) -> str:
    """``=SUM(A1)`` -> ``'=SUM(A1)``: shown literally, never evaluated; see ``unguard``."""
    return "'" + text if _needs_guard(text) else text


def unguard_formula(text: str) -> str:
    """The inverse of ``guard_formula``, so an exported file imports back unchanged."""
    if text.startswith("'") and _needs_guard(text[1:]):
        return text[1:]
    return text
