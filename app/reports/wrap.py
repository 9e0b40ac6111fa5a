"""Long URLs, e-mail addresses and identifiers broken where a reader expects it.

ReportLab breaks a word wider than its column at whatever letter the edge falls on
("https://www.exam / ple.com"). Here a too-long word is cut after a slash, dot, hyphen,
underscore, @, ?, &, = or # instead, so each line ends at a natural seam; only a piece
with no seam at all is left for ReportLab to cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_PIECES = re.compile(r"[^/.\-_@?&=#]+[/.\-_@?&=#]*|[/.\-_@?&=#]+")


def break_long_words(text: str, width_of: Callable[[str], float], room: float) -> str:
    """``text`` with a newline at an allowed point inside every word wider than ``room``."""
    words = text.split(" ")
    if all(width_of(w) <= room for w in words):
        return text
    out = []
    for word in words:
        if width_of(word) <= room:
            out.append(word)
            continue
        lines: list[str] = []
        line = ""
        for piece in _PIECES.findall(word):
            if line and width_of(line + piece) > room:
                lines.append(line)
                line = piece
            else:
                line += piece
        lines.append(line)
        out.append("\n".join(lines))
    return " ".join(out)
