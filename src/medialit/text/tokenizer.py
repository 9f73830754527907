"""Words, numbers and punctuation marks with character offsets (NLTK's ``RegexpTokenizer``).

>>> [(t.text, t.label) for t in tokens("Russia’s 2023 sabre-rattling…")]
[('Russia’s', 'word'), ('2023', 'number'), ('sabre-rattling', 'word'), ('…', 'punct')]
"""
from __future__ import annotations

import re

from nltk.tokenize import RegexpTokenizer

from ..span import Span, require_text

_TOKEN_PATTERN = (
    r"(?:[A-Za-z]\.){2,}"                               # U.S., U.K., e.g.
    r"|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s|%)?"            # 2023, 1,000, 3.5%, 1990s
    r"|[^\W\d_]+(?:[’'][^\W\d_]+)*(?:-[^\W\d_]+(?:[’'][^\W\d_]+)*)*"  # words, won’t, sabre-rattling
    r"|\.\.\.|[^\w\s]"                                   # ellipsis, any other mark
)


class _TrustedRegexpTokenizer(RegexpTokenizer):
    """NLTK's ``RegexpTokenizer`` with our own linear pattern compiled by ``re``.

    NLTK 3.10 runs caller patterns through its ReDoS guard, which stops any ``finditer`` after 5 s in
    total; a 5 MB text needs longer. The kit's pattern has no nested quantifiers, so it is safe to run
    without that wall-clock limit.
    """

    def _check_regexp(self):
        if self._regexp is None:
            self._regexp = re.compile(self._pattern, self._flags)


_TOKENIZER = _TrustedRegexpTokenizer(_TOKEN_PATTERN)


def tokens(text: str) -> list[Span]:
    """Words, numbers and punctuation marks with offsets (``kind="token"``); ``label`` is "word",
    "number" or "punct"."""
    require_text(text)
    out = []
    for start, end in _TOKENIZER.span_tokenize(text):
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
