"""Stored text is data: control characters are kept out of the store and never reach a terminal raw.

A claim, title or rationale can come from anywhere (a CSV row, a pasted page, a ClaimReview
feed). An ESC or BEL in it would drive the reviewer's terminal, and a NUL cuts SQLite's
length() short, so every text is cleaned on its way in and escaped on its way out.
"""

from __future__ import annotations

import re

_STORED_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 controls but tab, line feed and carriage return; DEL; C1 controls."""
_SHOWN_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""What a terminal would act on, line feed and tab aside."""


def strip_controls(text: str) -> str:
    """The text without control characters other than tab and line ends.

    C1 controls in real text are almost always Windows-1252 punctuation decoded as Latin-1
    (U+0093/U+0094 are curly quotes, U+0085 an ellipsis): ftfy turns them back, one character
    for one, before what is left is dropped.
    """
    from ftfy.fixes import fix_c1_controls

    return _STORED_CONTROLS.sub("", fix_c1_controls(text))


def printable(text: str) -> str:
    """The text as a terminal should show it: every control character spelled out (\\x1b), so
    stored text can never move the cursor, change colours or ring the bell."""
    return _SHOWN_CONTROLS.sub(lambda found: f"\\x{ord(found.group()):02x}", text)
