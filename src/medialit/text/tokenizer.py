"""Words, numbers and punctuation marks with character offsets: the pattern an NLTK ``RegexpTokenizer``
would run, run by ``re`` itself so that counting words never has to load NLTK.

>>> [(t.text, t.label) for t in tokens("Russia’s 2023 sabre-rattling…")]
[('Russia’s', 'word'), ('2023', 'number'), ('sabre-rattling', 'word'), ('…', 'punct')]
"""
from __future__ import annotations

import re

from ..span import Span, require_text

_TOKEN_PATTERN = (
    r"(?:[A-Za-z]\.){2,}"                               # U.S., U.K., e.g.
    r"|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s|%)?"            # 2023, 1,000, 3.5%, 1990s
    r"|[^\W\d_]+(?:[’'][^\W\d_]+)*(?:-[^\W\d_]+(?:[’'][^\W\d_]+)*)*"  # words, won’t, sabre-rattling
    r"|\.\.\.|[^\w\s]"                                   # ellipsis, any other mark
)


_TOKEN = re.compile(_TOKEN_PATTERN)  # linear: no nested quantifiers


def tokens(text: str) -> list[Span]:
    """Words, numbers and punctuation marks with offsets (``kind="token"``); ``label`` is "word",
    "number" or "punct"."""
    require_text(text)
    out = []
    for start, end in (m.span() for m in _TOKEN.finditer(text)):
        piece = text[start:end]
        label = "number" if piece[0].isdigit() else ("word" if piece[0].isalpha() else "punct")
        out.append(Span(start, end, "token", label=label, text=piece))
    return out


def words(text: str) -> list[Span]:
    """Only the word and number tokens (no punctuation).

    >>> [w.text for w in words("He said: “No.”")]
    ['He', 'said', 'No']
    """
    return [t for t in tokens(text) if t.label != "punct"]


def found_with_offsets(pattern: re.Pattern, text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(match, start, end) of every match of ``pattern`` in ``text[start:end]``, found with one
    ``findall`` and placed with ``str.find`` (no match object per word). Only for a pattern that skips
    nothing but white space and underscores, neither of which starts a match.

    >>> found_with_offsets(re.compile(r"\\w+|[^\\w\\s]"), "He said: no.", 0, 12)
    [('He', 0, 2), ('said', 3, 7), (':', 7, 8), ('no', 9, 11), ('.', 11, 12)]
    """
    out, at = [], start
    for found in pattern.findall(text, start, end):
        at = text.find(found, at)
        out.append((found, at, at + len(found)))
        at += len(found)
    return out
