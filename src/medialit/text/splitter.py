"""Sentences: the kit's one sentence splitter, used everywhere.

It follows NLTK's Punkt with the kit's own Punkt data (``data/nltk_data/tokenizers/punkt_tab/english``),
in one regular-expression pass instead of Punkt's token-by-token one (about ten times faster):

- a sentence ends at ``.``, ``!``, ``?`` or ``…`` (and any closing quote marks or brackets after it)
  followed by space and a word that does not start in lower case;
- not after an abbreviation Punkt knows ("Mr.", "Pres.", "U.S.", "Gen."), unless the next word is one
  Punkt knows often starts a sentence ("the", "he", "but" …) and the abbreviation is not a title;
- not between the words of a pair Punkt's data holds ("No. 2": a number stands as ``##number##``, as in
  Punkt), not after a single-letter initial ("J. Smith"), and not inside a direct quote;
- never across a block (:func:`medialit.text.segments.blocks`: paragraphs, list items, the headline).

``tests/test_text.py`` checks that it agrees with NLTK's Punkt on the kit's texts.

>>> text = "Belarusian Pres. Lukashenko spoke in the U.S. embassy. He said “I’m ready. Truly.” Then he left."
>>> [s.text for s in sentences(text, headline=False)]
['Belarusian Pres. Lukashenko spoke in the U.S. embassy.', 'He said “I’m ready. Truly.”', 'Then he left.']
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..span import Span, require_text
from .lexicon import word_class
from .resources import punkt_parameters
from .segments import blocks

_END = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+[“\"‘'(\[]?[^\W_a-z])")
_NEXT_WORD = re.compile(r"\s+[“\"‘'(\[]?([\w’'-]+)")
_END_PUNCT = tuple(".!?:;”\"’')…")


def _word_before(text: str, lo: int, end: int) -> str:
    r"""The run of word characters, dots, apostrophes and hyphens that ends at ``end`` (from ``lo`` at the
    earliest), in lower case: what ``([\w.’'-]+)$`` finds, without trying every position."""
    if end > lo and text[end - 1] == "\n":
        end -= 1  # "$" also matches before a line break that ends the stretch
    k = end
    while k > lo and (text[k - 1].isalnum() or text[k - 1] in "_.’'-"):
        k -= 1
    return text[k:end].lower()


def _is_heading(piece: str) -> bool:
    return "\n" not in piece and not piece.endswith(_END_PUNCT) and len(piece.split()) <= 10


def sentence_bounds(text: str, *, quotes: list[tuple[int, int]] = (), headline: bool = True,
                    segments: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``, in order, trimmed of white space. ``quotes`` are the
    (start, end) ranges of direct quotes, inside which no sentence ends; ``segments``: the text's
    :func:`~medialit.text.segments.blocks`, when already found.

    >>> t = "Mr. Smith spoke. He said “we may go. Soon.” Then he left."
    >>> [t[a:b] for a, b in sentence_bounds(t, quotes=[(25, 43)], headline=False)]
    ['Mr. Smith spoke.', 'He said “we may go. Soon.”', 'Then he left.']
    """
    params = punkt_parameters()
    abbreviations, starters, collocations = params["abbreviations"], params["starters"], params["collocations"]
    titles = word_class("name-words", "title", "office")
    quote_starts = [q[0] for q in quotes]
    out = []
    for b0, b1 in blocks(text, headline=headline) if segments is None else segments:
        start = b0
        for m in _END.finditer(text, b0, b1):
            if m.group()[0] == ".":
                word = _word_before(text, max(b0, m.start() - 20), m.start())
                nxt = _NEXT_WORD.match(text, m.end(), b1)
                following = nxt.group(1).lower() if nxt else ""
                if (word, "##number##" if following[:1].isdigit() else following) in collocations:
                    continue
                if word in abbreviations or (len(word) == 1 and word.isalpha()):
                    if f"{word}." in titles or len(word) == 1 or following not in starters:
                        continue  # "Mr. Smith", "J. Smith", "Pres. Biden": the sentence goes on
            i = bisect_right(quote_starts, m.start()) - 1
            if i >= 0 and quotes[i][0] < m.start() and m.end() < quotes[i][1]:
                continue  # inside a direct quote
            out.append((start, m.end()))
            start = m.end()
            while start < b1 and text[start].isspace():
                start += 1
        if start < b1:
            out.append((start, b1))
    return out


def sentences(text: str, *, quotes: list[Span] | None = None, headline: bool = True,
              segments: list[tuple[int, int]] | None = None) -> list[Span]:
    """Sentences with offsets (``kind="sentence"``). ``label`` is "headline" for the first line (with
    ``headline``), "heading" for a short line with no end punctuation ("Facts"), otherwise "sentence".
    ``quotes`` are the text's quotations (found here when not given); ``segments`` its blocks.

    >>> [(s.text, s.label) for s in sentences("Headline here\\n\\nFacts\\n\\nMr. Smith left. He said “Go. Now.”")]
    [('Headline here', 'headline'), ('Facts', 'heading'), ('Mr. Smith left.', 'sentence'), ('He said “Go. Now.”', 'sentence')]
    """
    if not require_text(text).strip():
        return []
    if quotes is None:
        from .quotes import find_quotes

        quotes = find_quotes(text, headline=headline)
    ranges = [(q.start, q.end) for q in quotes if q.label == "direct quote"]
    out = []
    first_line = text.find("\n")
    for start, end in sentence_bounds(text, quotes=ranges, headline=headline, segments=segments):
        piece = text[start:end]
        if headline and start == 0 and first_line != -1:
            label = "headline"
        else:
            label = "heading" if _is_heading(piece) else "sentence"
        out.append(Span(start, end, "sentence", label=label, text=piece))
    return out


def sections(text: str, *, headline: bool = True) -> dict[str, str]:
    """The text under each heading (a short line such as "Facts"), by heading.

    >>> sections("Head\\n\\nFacts\\n\\n• One.\\n\\nNarratives\\n\\nTwo.")
    {'Facts': '• One.', 'Narratives': 'Two.'}
    """
    heads = [s for s in sentences(text, headline=headline) if s.label == "heading"]
    out = {}
    for k, head in enumerate(heads):
        end = heads[k + 1].start if k + 1 < len(heads) else len(text)
        out[head.text] = text[head.end:end].strip()
    return out
