"""The hostile-text corpus of the reliability suite (docs/reliability.md, "Hostile input").

Each entry is what a person, a spreadsheet or another system may hand us, and what the text
policy (app/domain/text.py) must make of it in a one-line field: ``KEPT`` exactly,
``CLEANED`` to the text given, ``REFUSED`` with the field named. ``LEGACY`` is what a
database made before the policy may hold, which every way out must still handle.
"""

from __future__ import annotations

KEPT: dict[str, str] = {
    "rtl marks": "شركة\u200f النور\u200e Ltd",
    "rtl override": "invoice\u202egnp.exe",
    "bidi isolate": "\u2067עברית\u2069 and English",
    "zero width": "Zero\u200bWidth\u200cNon\u200dJoin\u2060",
    "emoji": "👩\u200d💻 Studio 🇨🇳 ❤\ufe0f",
    "markup": "A&B <Trading> Co., Ltd. &amp; <b>bold</b>",
    "formula": '=HYPERLINK("http://evil.example","click")',
    "formula plus": "+86 10 1234; -2+3; @SUM(A1)",
    "quotes": "He said \"yes\", 'no'; then \\ and `ticks`",
    "format strings": "100% %s %(x)s {0} {title} $HOME ${PATH}",
    "sql": "'; DROP TABLE agreements; --",
    "path": "../../etc/passwd C:\\Windows",
    "cjk": "上海爱彼贸易有限公司 合同",
    "cjk extension b": "𠀀𠀁𪚥",
    "fullwidth": "ＡＢＣ１２３（株）",
    "nbsp and ideographic space": "Acme\u00a0Ltd\u3000Co",
    "escape lookalike": "_x000B_ _x005F_ _xZZZZ_",
    "long": "Long " + "y" * 290,
    "private use": "\ue000\uf8ff mark",
}

CLEANED: dict[str, tuple[str, str]] = {
    "combining": ("Cafe\u0301 Ame\u0301lie Z\u0351\u0300\u0301", "Café Amélie Z\u0351\u0300\u0301"),
    "ansi colour": ("\x1b[31mRed\x1b[0m alert", "[31mRed[0m alert"),
    "terminal title": ("\x1b]0;owned\x07Title", "]0;ownedTitle"),
    "vertical tab": ("Line\x0bbreak", "Line break"),
    "form feed": ("Page\x0cbreak", "Page break"),
    "crlf": ("Two\r\nlines", "Two lines"),
    "tab": ("Tab\tseparated", "Tab separated"),
    "bom": ("\ufeffBOM first", "BOM first"),
    "c1 controls": ("C1\x85next\x9bcsi", "C1 nextcsi"),
    "backspace and bell": ("Back\x08space\x07", "Backspace"),
    "line separators": ("Para\u2028graph\u2029end", "Para graph end"),
}

REFUSED: dict[str, tuple[str, str]] = {
    "nul": ("Null\x00byte", "U+0000"),
    "fffe": ("Byte\ufffeswapped", "U+FFFE"),
    "ffff": ("\uffffEnd", "U+FFFF"),
    "fdd0": ("Non\ufdd0char", "U+FDD0"),
    "plane 16 nonchar": ("Last\U0010ffff", "U+10FFFF"),
    "lone surrogate": ("Half\ud800pair", "U+D800"),
}

INVISIBLE = ["\u200b", "\u200b\u200c\u200d", " \u3000\u00a0", "\u2060\ufeff", "\u0301", "\u3164"]

# Stored before the policy (SQLite holds them; lone surrogates cannot be stored at all).
LEGACY = [
    "Vertical\x0btab",
    "Non\ufffecharacter",
    "\x1b[2J\x1b]0;x\x07clear screen",
    "Null\x00byte",
    "\uffffFFFF and \ufdd0",
    "Carriage\rreturn",
    "_x000B_ literal escape",
    "\x01\x02\x03\x1f controls",
]
