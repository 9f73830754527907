"""Segments: the stretches of a text that sentences never cross (paragraphs, list items, the headline).

>>> t = "Headline\\nFacts\\n\\n  • One fact.\\n  • Another."
>>> [t[a:b] for a, b in blocks(t)]
['Headline', 'Facts', 'One fact.', 'Another.']
>>> [t[a:b] for a, b in blocks(t, headline=False)]
['Headline\\nFacts', 'One fact.', 'Another.']
"""
from __future__ import annotations

import re

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_BULLET = re.compile(r"[ \t]*(?:[•·▪◦‣*–—-]|\d{1,2}[.)])[ \t]+")
_LINE = re.compile(r"[^\n]*")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph ranges: runs of non-blank lines, split at blank lines.

    >>> paragraphs("One.\\nTwo.\\n\\nThree.")
    [(0, 9), (11, 17)]
    """
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def blocks(text: str, *, headline: bool = True) -> list[tuple[int, int]]:
    """Ranges that sentences never cross: paragraphs, list items and, with ``headline`` (the first line of
    an article is its headline), the first line. A bullet ("• ", "- ", "1. ") starts a new block and is
    left out of it. Ranges are trimmed of surrounding white space.
    """
    out = []
    first_line_end = text.find("\n")
    for p0, p1 in paragraphs(text):
        cursor = p0
        for line in _LINE.finditer(text, p0, p1):
            l0, l1 = line.start(), line.end()
            bullet = _BULLET.match(text, l0, l1)
            if bullet and l0 > cursor:
                out.append((cursor, l0))
                cursor = l0
            if bullet:
                cursor = bullet.end()
            if headline and l0 == 0 and first_line_end != -1:
                out.append((cursor, l1))
                cursor = l1
        if cursor < p1:
            out.append((cursor, p1))
    trimmed = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed


def headline_end(text: str, *, headline: bool = True) -> int:
    """Where the headline (the first line) ends, or 0 when the text has no headline.

    >>> headline_end("Title\\n\\nBody."), headline_end("Title\\n\\nBody.", headline=False), headline_end("One line.")
    (5, 0, 0)
    """
    end = text.find("\n")
    return end if headline and end != -1 else 0


def shorten(text: str, width: int, *, quoted: bool = False) -> str:
    """``text`` on one line, cut at a word boundary to at most ``width`` characters, with "…" when cut (and
    a closing quote mark when ``quoted`` and the text opens one).

    >>> shorten("“The war must stop now,” he said.", 20, quoted=True)
    '“The war must stop…”'
    """
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width - 1].rsplit(" ", 1)[0] if " " in text[:width - 1] else text[:width - 1]
    return cut.rstrip(" ,;:") + "…" + ("”" if quoted and text[0] in "“\"" else "")
