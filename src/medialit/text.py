"""The text layer: sentences, words and quotations, all with character offsets.

Every function takes a ``str`` and returns ``list[Span]`` whose offsets index that string,
so ``text[s.start:s.end] == s.text`` always holds. NLTK does the work offline: Punkt's
span tokenizer (with the kit's own parameters) splits sentences and a ``RegexpTokenizer``
splits words.

>>> text = "Belarusian Pres. Lukashenko spoke in the U.S. embassy. He said “I’m ready. Truly.” Then he left."
>>> [s.text for s in sentences(text)]
['Belarusian Pres. Lukashenko spoke in the U.S. embassy.', 'He said “I’m ready. Truly.”', 'Then he left.']
"""
from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize import RegexpTokenizer

from ._setup import configure_nltk
from .quotes import find_quotes, paragraphs, quote_at
from .span import Span, require_text

__all__ = ["Span", "sentences", "tokens", "words", "find_quotes", "quote_at", "paragraphs",
           "blocks", "stopwords", "sentiment_analyzer"]

_TOKEN_PATTERN = (
    r"(?:[A-Za-z]\.){2,}"                               # U.S., U.K., e.g.
    r"|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s|%)?"            # 2023, 1,000, 3.5%, 1990s
    r"|[^\W\d_]+(?:[’'][^\W\d_]+)*(?:-[^\W\d_]+(?:[’'][^\W\d_]+)*)*"  # words, won’t, sabre-rattling
    r"|\.\.\.|[^\w\s]"                                   # ellipsis, any other mark
)


class _TrustedRegexpTokenizer(RegexpTokenizer):
    """NLTK's ``RegexpTokenizer`` with our own linear pattern compiled by ``re``.

    NLTK 3.10 runs caller patterns through its ReDoS guard, which stops any
    ``finditer`` after 5 s in total; a 5 MB text needs longer. The kit's pattern has
    no nested quantifiers, so it is safe to run without that wall-clock limit.
    """

    def _check_regexp(self):
        if self._regexp is None:
            self._regexp = re.compile(self._pattern, self._flags)


_TOKENIZER = _TrustedRegexpTokenizer(_TOKEN_PATTERN)
_BULLET = re.compile(r"[ \t]*(?:[•·▪◦‣*–—-]|\d{1,2}[.)])[ \t]+")
_END_PUNCT = tuple(".!?:;”\"’')…")


@lru_cache(maxsize=1)
def _punkt():
    configure_nltk()
    from nltk.tokenize.punkt import PunktTokenizer

    return PunktTokenizer("english")


def tokens(text: str) -> list[Span]:
    """Words, numbers and punctuation marks with offsets (``kind="token"``).

    ``label`` is "word", "number" or "punct".

    >>> [(t.text, t.label) for t in tokens("Russia’s 2023 sabre-rattling…")]
    [('Russia’s', 'word'), ('2023', 'number'), ('sabre-rattling', 'word'), ('…', 'punct')]
    """
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


def blocks(text: str) -> list[tuple[int, int]]:
    """Ranges that sentences never cross: paragraphs, list items, and the first line (the headline).

    A bullet ("• ", "- ", "1. ") starts a new block and is left out of it.

    >>> t = "Headline\\nFacts\\n\\n  • One fact.\\n  • Another."
    >>> [t[a:b] for a, b in blocks(t)]
    ['Headline', 'Facts', 'One fact.', 'Another.']
    """
    out = []
    first_line_end = text.find("\n")
    for p0, p1 in paragraphs(text):
        cursor = p0
        for line in re.finditer(r"[^\n]*", text[p0:p1]):
            l0, l1 = p0 + line.start(), p0 + line.end()
            bullet = _BULLET.match(text, l0, l1)
            headline_end = l0 == 0 and first_line_end != -1
            if bullet and l0 > cursor:
                out.append((cursor, l0))
                cursor = l0
            if bullet:
                cursor = bullet.end()
            if headline_end:
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


def _is_heading(piece: str) -> bool:
    return "\n" not in piece and not piece.endswith(_END_PUNCT) and len(piece.split()) <= 10


def sentences(text: str) -> list[Span]:
    """Sentences with offsets (``kind="sentence"``).

    ``label`` is "headline" for the first line, "heading" for a short line with no end
    punctuation ("Facts"), otherwise "sentence". No sentence ends after an abbreviation
    such as Mr., Pres. or U.S., nor inside a direct quote.

    >>> [(s.text, s.label) for s in sentences("Headline here\\n\\nFacts\\n\\nMr. Smith left. He said “Go. Now.”")]
    [('Headline here', 'headline'), ('Facts', 'heading'), ('Mr. Smith left.', 'sentence'), ('He said “Go. Now.”', 'sentence')]
    """
    if not require_text(text).strip():
        return []
    punkt = _punkt()
    from ._context import context_for

    quotes = context_for(text).quotes  # shared with the detectors: found once per text
    out: list[Span] = []
    for b0, b1 in blocks(text):
        pieces = [(b0 + s, b0 + e) for s, e in punkt.span_tokenize(text[b0:b1])]
        merged: list[list[int]] = []
        for start, end in pieces:
            if merged and quote_at(quotes, merged[-1][1] - 1, start + 1) is not None:
                merged[-1][1] = end  # the break fell inside a quote: keep one sentence
            else:
                merged.append([start, end])
        for start, end in merged:
            piece = text[start:end]
            label = "headline" if start == 0 and b0 == 0 else ("heading" if _is_heading(piece) else "sentence")
            out.append(Span(start, end, "sentence", label=label, text=piece))
    return out


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The kit's English stopword list (function words), read through NLTK from ``data/nltk_data``.

    >>> "the" in stopwords(), "regime" in stopwords()
    (True, False)
    """
    configure_nltk()
    from nltk.corpus import stopwords as corpus

    return frozenset(corpus.words("english"))


@lru_cache(maxsize=1)
def sentiment_analyzer():
    """NLTK's VADER ``SentimentIntensityAnalyzer`` with the lexicon from the vaderSentiment package.

    >>> sentiment_analyzer().polarity_scores("A horrible, brutal war.")["compound"] < 0
    True
    """
    configure_nltk()
    from nltk.sentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")
