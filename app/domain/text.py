"""The one text policy: what happens to every character a person or a file gives us.

Every text field (editor, services, import) goes through the same three answers:

* **refused**, with a message naming the field and the character: NUL (U+0000), lone
  surrogates (U+D800–U+DFFF) and the 66 Unicode noncharacters (U+FDD0–U+FDEF, and U+FFFE /
  U+FFFF in every plane). None of them is text: NUL and U+FFFE mean a binary file or the
  wrong encoding, a lone surrogate cannot even be written to the database. Removing them
  quietly would hide a wrong file, so the input is refused and nothing is written.
* **removed**: the other C0 and C1 control characters (U+0001–U+001F but tab and line
  feed, U+007F–U+009F) and the byte order mark U+FEFF. They arrive invisibly by copy and
  paste (Excel's vertical tab for a line break inside a cell, an ANSI colour code from a
  terminal, a BOM at the start of a cell) and no one means them. In fields of several
  lines (descriptions, notes) a vertical tab, form feed or NEL becomes a line feed and
  tab, CR and LF are kept; in one-line fields (titles, names) every line break (CR, LF,
  vertical tab, form feed, NEL, U+2028, U+2029) and a tab become a space.
* **kept**: everything else: every script, emoji, combining marks, the zero-width joiners
  that Indic scripts, Persian and emoji sequences need, right-to-left marks. Text is kept
  in Unicode's composed form (NFC), as the import has always read it: ``e`` + U+0301 is
  stored as ``é``, so the same name typed two ways is one name, and an export imported
  back is byte for byte the same.

A name or title made only of invisible characters (spaces of any kind, format characters
such as U+200B, lone combining marks, Hangul fillers) is refused like an empty one.

No SQLAlchemy here, nothing slow: the import's worker process runs this for every cell.
"""

from __future__ import annotations

import re
import unicodedata

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)
)
# Characters that are not text at all.
_REFUSED = re.compile(f"[\x00\ud800-\udfff{_NONCHARACTERS}]")
# Line breaks: one-line fields turn all into a space; the vertical tab (Excel's line break
# inside a cell), form feed and NEL are line feeds in fields of several lines.
_ALL_BREAKS = re.compile("\r\n|[\r\n\t\x0b\x0c\x85\u2028\u2029]")
_CONTROL_BREAKS = re.compile("[\x0b\x0c\x85]")
# Controls nobody types on purpose; tab and line feed are decided per field.
_INVISIBLE_CONTROLS = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")
# One search decides whether anything above applies: most text has none of these.
_SUSPECT = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff{_NONCHARACTERS}]")

# The same for text of several lines, where tab, CR and LF are kept.
_MULTILINE_SUSPECT = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff{_NONCHARACTERS}]"
)

# Letters that draw nothing (Hangul fillers, the blank Braille pattern).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})


def is_plain(text: str, *, multiline: bool = False) -> bool:
    """Does the policy leave ``text`` as it is (nothing to remove, refuse or compose)?

    The quick test for the common case: str.isprintable() is a C loop, false for every
    character the policy acts on.
    """
    if not (text.isprintable() or (multiline and _MULTILINE_SUSPECT.search(text) is None)):
        return False
    return text.isascii() or unicodedata.is_normalized("NFC", text)


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` with the removed characters gone and line breaks made plain (see the module
    docstring, composed to NFC); refused characters stay, for ``refused_character``."""
    if is_plain(text, multiline=multiline):  # the importer calls this for every text cell
        return text
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _SUSPECT.search(text) is None:
        return text
    text = (_CONTROL_BREAKS if multiline else _ALL_BREAKS).sub("\n" if multiline else " ", text)
    return _INVISIBLE_CONTROLS.sub("", text)


def refused_character(text: str) -> str | None:
    """Why ``text`` cannot be stored, as the end of a sentence, or None when it can.

    ``"contains U+FFFE (a Unicode noncharacter) at character 7, ..."``: the field's name
    goes before it.
    """
    if text.isprintable():  # refused characters are all unprintable (Cc, Cs, Cn)
        return None
    m = _REFUSED.search(text)
    if m is None:
        return None
    code = ord(m.group())
    if code == 0:
        what = "NUL, a null byte"
    elif 0xD800 <= code <= 0xDFFF:
        what = "half of a surrogate pair"
    else:
        what = "a Unicode noncharacter"
    return (
        f"contains U+{code:04X} ({what}) at character {m.start() + 1}, which is not text; remove it"
    )


def refused_fields(**fields: str | None) -> list[tuple[str, str]]:
    """(field, why) for each of ``fields`` holding a refused character."""
    return [
        (name, why)
        for name, value in fields.items()
        if value.__class__ is str and (why := refused_character(value))
    ]


def is_visible(text: str) -> bool:
    """Does ``text`` draw anything? ``"\\u200b \\u3000"`` does not."""
    if text.isascii():
        return any(" " < c < "\x7f" for c in text)
    return any(
        c not in _BLANK_LETTERS and unicodedata.category(c) not in _INVISIBLE_CATEGORIES
        for c in text
    )


# --- spreadsheets: XML 1.0 cannot hold every character ---------------------------------

# Characters XML 1.0 forbids (C0 controls but tab, LF, CR; surrogates; U+FFFE, U+FFFF).
# A CR is escaped too: XML turns it into a line feed.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# OOXML's escape, ``_x000B_``; a literal one in the text is itself escaped (``_x005F_``).
_OOXML_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_OOXML_UNESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def ooxml_escape(text: str) -> str:
    """Text for an XLSX cell: every character XML forbids as ``_xHHHH_`` (the convention
    Excel, LibreOffice and ``ooxml_unescape`` read back), so nothing stored is lost."""
    if "_x" in text:
        text = _OOXML_ESCAPE.sub(r"_x005F_\1", text)
    if _XML_UNSAFE.search(text) is None:
        return text
    return _XML_UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def ooxml_unescape(text: str) -> str:
    """The inverse of ``ooxml_escape``: an XLSX cell's text as it was written."""
    if "_x" not in text:
        return text
    return _OOXML_UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


# --- terminals -------------------------------------------------------------------------

# C0, DEL, C1 and the bidirectional overrides that can reorder what a terminal shows.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def for_terminal(text: str) -> str:
    """``text`` safe to print in a terminal: every control character shown as ``\\x1b``
    or ``\\u202e`` instead of being obeyed (an ANSI escape cannot recolour or clear)."""
    if _TERMINAL_UNSAFE.search(text) is None:
        return text
    return _TERMINAL_UNSAFE.sub(lambda m: ascii(m.group())[1:-1], text)
