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
