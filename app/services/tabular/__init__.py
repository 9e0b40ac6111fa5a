"""Spreadsheets as people really have them: reading CSV and XLSX, and the values in them.

CSV files come from Chinese Excel (GB18030/GBK), from Excel's "CSV UTF-8" (a BOM), from
scripts (plain UTF-8) and from European locales (semicolons); XLSX cells are already typed.
Everything here streams: a 100,000-row file is never held in memory at once.

The parts: ``reading`` (files as tables), ``values`` (cells as people type them, and
headers), ``formulas`` (formula cells in and out), ``limits`` (the bounds that keep a
hostile file from taking the machine's memory or time).
"""

from app.services.tabular.formulas import (
    FORMULA_STARTS,
    UncalculatedFormula,
    guard_formula,
    unguard_formula,
)
from app.services.tabular.reading import (
    CHINESE_ENCODING,
    FileFormatError,
    Sniffed,
    Table,
    detect_encoding,
    sheet_names,
    sniff_delimiter,
)
from app.services.tabular.values import (
    choice_key,
    currency_matches,
    header_key,
    header_unit,
    is_blank,
    parse_amount,
    parse_bool,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_int,
    parse_list,
    plain_number,
    text_value,
)

__all__ = [
    "CHINESE_ENCODING",
    "FORMULA_STARTS",
    "FileFormatError",
    "Sniffed",
    "Table",
    "UncalculatedFormula",
    "choice_key",
    "currency_matches",
    "detect_encoding",
    "guard_formula",
    "header_key",
    "header_unit",
    "is_blank",
    "parse_amount",
    "parse_bool",
    "parse_choice",
    "parse_date",
    "parse_decimal",
    "parse_int",
    "parse_list",
    "plain_number",
    "sheet_names",
    "sniff_delimiter",
    "text_value",
    "unguard_formula",
]
