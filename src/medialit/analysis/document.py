"""The document model: everything the detectors need to know about one text, built once, in a fixed
order, and frozen.

``document(text)`` builds, in this order (each step uses only the ones before it):

1. **segments**: the blocks sentences never cross (paragraphs, list items, the headline), the words with
   their offsets (:class:`medialit.text.wordindex.WordIndex`) and where the kit's word lists match them;
2. **names**: the people the text names (:mod:`medialit.text.names`);
3. **quotes**: quotations and whose words they claim to be (uses the names for "he"/"she");
4. **sentences**: the one sentence splitter (never ends a sentence inside a direct quote);
5. **attributions** and the **reported-speech ranges** they cover: what the text says someone said
   (:mod:`medialit.analysis.attribution`), then stance read in context.

A ``Document`` never changes after it is built, so every detector that reads it gives the same answer
whatever ran before, and ``document()`` can keep the last few it built. Detectors return fresh spans:
changing one (its ``meta``, say) changes nothing here.

>>> doc = document("Mr. Smith spoke. He said “we may go. Soon.” Then he left.", headline=False)
>>> [doc.text[a:b] for a, b in map(doc.sentence_at, (0, 20, 50))]
['Mr. Smith spoke.', 'He said “we may go. Soon.”', 'Then he left.']
>>> doc.voice(29, 32), doc.names.person_before(20)
(('quote', 'Smith'), 'Smith')
"""
from __future__ import annotations

import gc
from bisect import bisect_right
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from types import MappingProxyType

from ..span import Span, require_text
from ..text.names import Names, find_names
from ..text.quotes import find_quotes, quote_at
from ..text.segments import blocks
from ..text.splitter import sentences
from ..text.wordindex import WordIndex, find_all

WORD_LISTS = ("reporting-verbs", "reporting-nouns", "hedges", "loaded")  # matched once per document
LONG_REPORT = 1500  # reported ranges longer than this (a whole narrative) are few and kept aside


@dataclass(frozen=True)
class Reported:
    """What attributions report someone said: (start, end, who) ranges, sorted, for fast lookups."""

    ranges: tuple[tuple[int, int, str], ...] = ()
    long: tuple[tuple[int, int, str], ...] = ()
    starts: tuple[int, ...] = ()

    @classmethod
    def of(cls, ranges) -> "Reported":
        ranges = [r for r in ranges if r[1] > r[0]]
        short = sorted(r for r in ranges if r[1] - r[0] <= LONG_REPORT)
        return cls(tuple(short), tuple(r for r in ranges if r[1] - r[0] > LONG_REPORT), tuple(r[0] for r in short))

    def who(self, start: int, end: int) -> str | None:
        """Whose reported words ``text[start:end]`` are in (the narrowest range holding it), or None."""
        best = None
        i = bisect_right(self.starts, start) - 1
        while i >= 0 and self.ranges[i][0] >= start - LONG_REPORT:
            r0, r1, who = self.ranges[i]
            if end <= r1 and (best is None or r1 - r0 < best[1] - best[0]):
                best = (r0, r1, who)
            i -= 1
        for r0, r1, who in self.long:
            if r0 <= start and end <= r1 and (best is None or r1 - r0 < best[1] - best[0]):
                best = (r0, r1, who)
        return None if best is None else best[2]


@dataclass(frozen=True)
class Document:
    """One text and what is known about it (see the module for the order it is built in)."""

    text: str
    headline: bool
    blocks: tuple[tuple[int, int], ...]
    words: WordIndex
    hits: dict            # word list name -> its matches in the text (text.wordindex.Hit), in order
    names: Names
    quotes: tuple[Span, ...]
    sentences: tuple[Span, ...]
    attributions: tuple[Span, ...] = ()
    reported: Reported = field(default_factory=Reported)
    _quote_starts: tuple[int, ...] = ()
    _sentence_starts: tuple[int, ...] = ()

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding offset ``pos`` (or of the text between sentences)."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return self.sentences[i].start, self.sentences[i].end
        start = self.sentences[i].end if i >= 0 else 0
        end = self._sentence_starts[i + 1] if i + 1 < len(self.sentences) else len(self.text)
        return start, end

    def quote_at(self, start: int, end: int) -> Span | None:
        """The quotation whose marks enclose ``text[start:end]``, if any."""
        return quote_at(self.quotes, start, end, starts=self._quote_starts)

    def voice(self, start: int, end: int) -> tuple[str, str]:
        """("quote", speaker) inside a direct quote or quoted phrase; ("reported", source) inside what an
        attribution reports someone said; otherwise ("author", "")."""
        quote = self.quote_at(start, end)
        if quote is not None and quote.label != "quoted title":
            return "quote", quote.speaker
        who = self.reported.who(start, end)
        return ("reported", who) if who is not None else ("author", "")

    def quotes_between(self, start: int, end: int) -> tuple[Span, ...]:
        """The quotations that start in ``[start, end)``."""
        lo = bisect_right(self._quote_starts, start - 1)
        hi = bisect_right(self._quote_starts, end - 1)
        return self.quotes[lo:hi]


def _copy(span: Span, source: Span | None) -> Span:
    return Span(span.start, span.end, span.kind, span.label, span.why, span.text, span.voice, span.speaker,
                span.alternative, source, span.stance, dict(span.meta))


def fresh(span: Span) -> Span:
    """A copy of ``span`` whose ``meta`` (and its source's) is a new dict: a caller may change it freely."""
    return _copy(span, None if span.source is None else _copy(span.source, span.source.source))


@contextmanager
def without_gc_pauses():
    """Run a block with Python's cycle collector paused (and restored after, if it was on). Building a
    document makes many small objects and no reference cycles, and on a long text the collector's full
    passes over every object made so far would grow faster than the text: about a seventh of the time
    on 1 MB."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            if not gc.get_freeze_count():
                # Turned back on as it is, the collector would at once pass over every object the block
                # made (about a fourteenth of the time on 1 MB). Freezing and unfreezing moves them, and
                # all older objects, to the oldest generation in one step: they are collected there, in
                # the collector's rare full passes, when they become garbage in a cycle.
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def build_document(text: str, *, headline: bool = True) -> Document:
    """Build the document model of ``text`` (uncached; :func:`document` keeps recent ones)."""
    require_text(text)
    with without_gc_pauses():
        return _build(text, headline)


def _build(text: str, headline: bool) -> Document:
    from .attribution import attributions_of  # the last step reads the steps before it

    segments = tuple(blocks(text, headline=headline))
    words = WordIndex.of(text)
    names = find_names(text, headline=headline, words=words)
    quotes = tuple(find_quotes(text, names=names, headline=headline))
    said = tuple(sentences(text, quotes=list(quotes), headline=headline, segments=segments))
    hits = MappingProxyType({name: tuple(found) for name, found in find_all(words, WORD_LISTS).items()})
    doc = Document(text, headline, segments, words, hits, names, quotes, said,
                   _quote_starts=tuple(q.start for q in quotes), _sentence_starts=tuple(s.start for s in said))
    found, reported = attributions_of(doc)
    return replace(doc, attributions=tuple(found), reported=reported)


@lru_cache(maxsize=16)
def document(text: str, *, headline: bool = True) -> Document:
    """The document model of ``text`` (the sixteen most recent are kept, so a lesson that runs several
    detectors on one article builds it once). ``headline``: the first line is the article's headline."""
    return build_document(text, headline=headline)


def as_document(text_or_doc, *, headline: bool = True) -> Document:
    """``text_or_doc`` itself when it is a :class:`Document`; else the document of that text, or of that
    article's text (anything with a ``text`` string, such as :class:`medialit.Article`).

    >>> from medialit import Article
    >>> as_document(Article.from_text("Head\\n\\nIt may rain.")).sentences[1].text
    'It may rain.'
    """
    if isinstance(text_or_doc, Document):
        return text_or_doc
    if not isinstance(text_or_doc, str) and isinstance(getattr(text_or_doc, "text", None), str):
        text_or_doc = text_or_doc.text
    return document(require_text(text_or_doc), headline=headline)
