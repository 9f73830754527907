"""Per-text facts that every detector needs, computed once: quotes, sentence bounds, named people.

The detectors scan the raw text with lexicon patterns and only look at a few words around
each match, so they need fast answers to "which sentence is this in?", "is this inside a
quote, and whose?" and "who is 'he' here?". ``context_for(text)`` builds those answers once
and caches them for the last few texts.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from ._setup import data_dir
from .quotes import _named_people, find_quotes
from .span import Span


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    path = data_dir() / "nltk_data" / "tokenizers" / "punkt_tab" / "english" / "abbrev_types.txt"
    return frozenset(path.read_text(encoding="utf-8").split())


_SHORT = 1500  # reported ranges longer than this (a whole narrative) are few and kept aside
_END = re.compile(r"[.!?…][”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9])|\n\s*\n|\n(?=[ \t]*[•·▪*–-][ \t])")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


@dataclass
class TextContext:
    """What the detectors share about one text."""

    text: str
    quotes: list[Span]
    bounds: list[int]                       # sentence starts, ascending; bounds[0] == 0
    people: list[tuple[int, str]]           # (offset, surname) of every mention of a named person
    surnames: frozenset[str]
    reported: list[tuple[int, int, str]] = field(default_factory=list)  # attribution content ranges
    attributions: list[Span] | None = None   # filled once by find_attributions
    described: dict = field(default_factory=dict)  # what describes each named person (sources.described_person)
    _quote_starts: list[int] = field(default_factory=list)
    _reported_starts: list[int] = field(default_factory=list)

    _long_reported: list[tuple[int, int, str]] = field(default_factory=list)

    def set_reported(self, ranges: list[tuple[int, int, str]]) -> None:
        """Keep what attributions report: short ranges sorted for bisecting, long ones aside."""
        self.reported = sorted(r for r in ranges if r[1] - r[0] <= _SHORT)
        self._long_reported = [r for r in ranges if r[1] - r[0] > _SHORT]
        self._reported_starts = [r[0] for r in self.reported]

    def sentence(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding offset ``pos`` (end excludes trailing space)."""
        i = bisect_right(self.bounds, pos) - 1
        start = self.bounds[max(i, 0)]
        end = self.bounds[i + 1] if i + 1 < len(self.bounds) else len(self.text)
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def quote_at(self, start: int, end: int) -> Span | None:
        """The quote whose marks enclose ``text[start:end]``, if any."""
        i = bisect_right(self._quote_starts, start) - 1
        if i >= 0 and self.quotes[i].start <= start and end <= self.quotes[i].end:
            return self.quotes[i]
        return None

    def voice(self, start: int, end: int) -> tuple[str, str]:
        """("quote", speaker) inside a direct quote; ("reported", source) inside what an attribution
        reports someone said; otherwise ("author", "")."""
        quote = self.quote_at(start, end)
        if quote is not None:
            return "quote", quote.speaker
        best = None
        i = bisect_right(self._reported_starts, start) - 1
        while i >= 0 and self.reported[i][0] >= start - _SHORT:
            r0, r1, who = self.reported[i]
            if end <= r1 and (best is None or r1 - r0 < best[1] - best[0]):
                best = (r0, r1, who)
            i -= 1
        for r0, r1, who in self._long_reported:
            if r0 <= start and end <= r1 and (best is None or r1 - r0 < best[1] - best[0]):
                best = (r0, r1, who)
        return ("reported", best[2]) if best else ("author", "")

    def person_before(self, pos: int) -> str:
        """Surname of the most recently named person before ``pos`` ('' if none)."""
        i = bisect_right(self.people, (pos, "")) - 1
        return self.people[i][1] if i >= 0 else ""


def _sentence_bounds(text: str, quotes: list[Span]) -> list[int]:
    abbreviations = _abbreviations()
    starts = [0]
    quote_ranges = [(q.start, q.end) for q in quotes]
    qi = 0
    first_line = text.find("\n")
    if first_line > 0:
        pos = first_line + 1
        while pos < len(text) and text[pos].isspace():
            pos += 1
        starts.append(pos)
    for m in _END.finditer(text):
        if m.group()[0] == ".":
            before = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start() + 1)
            if before and (before.group(1).lower() in abbreviations or len(before.group(1)) == 1):
                continue
        pos = m.end()
        while qi < len(quote_ranges) and quote_ranges[qi][1] < m.end():
            qi += 1
        if qi < len(quote_ranges) and quote_ranges[qi][0] < m.end() < quote_ranges[qi][1]:
            continue  # inside a quote
        while pos < len(text) and (text[pos].isspace() or text[pos] in "•·▪*–-" and pos + 1 < len(text)
                                   and text[pos + 1] in " \t"):
            pos += 1
        if pos > starts[-1]:
            starts.append(pos)
    return sorted(set(starts))


@lru_cache(maxsize=4)
def context_for(text: str) -> TextContext:
    """The shared context of ``text`` (cached for the last four texts).

    >>> ctx = context_for("Mr. Smith spoke. He said “we may go. Soon.” Then he left.")
    >>> [ctx.text[a:b] for a, b in map(ctx.sentence, (0, 20, 50))]
    ['Mr. Smith spoke.', 'He said “we may go. Soon.”', 'Then he left.']
    >>> ctx.voice(29, 32), ctx.person_before(20)
    (('quote', 'Smith'), 'Smith')
    """
    quotes = find_quotes(text)
    people = _named_people(text)
    ctx = TextContext(text=text, quotes=quotes, bounds=_sentence_bounds(text, quotes), people=people,
                      surnames=frozenset(s for _, s in people))
    ctx._quote_starts = [q.start for q in quotes]
    return ctx
