"""Finding every form of every term of a word list in a text in one pass over its words, in time linear
in the text's length, however many terms the list has.

A text's :class:`WordIndex` (its words, lower-cased, with offsets, and where each word occurs) is built
once; a :class:`Matcher` for a word list then looks up only the words the text and the list share, and
checks the rest of a multiword term word by word. Matches are whole words: a term never starts right
after a hyphen or ends right before one ("anti-regime" holds no "regime"), and the words of a multiword
term may be separated by spaces, line breaks or a hyphen ("so-called", "so called").

>>> index = WordIndex.of("The Strongman was parroting sabre rattling, so-called reform.")
>>> [(h.group(), h.entry.term) for h in matcher("loaded").find(index)]
[('Strongman', 'strongman'), ('parroting', 'parrot'), ('sabre rattling', 'sabre-rattling')]
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Entry, load_lexicon

_WORD = re.compile(r"[\w’']+")
_GAP = re.compile(r"[\s-]+")


@dataclass(frozen=True)
class WordIndex:
    """The words of a text: ``lower[i]`` is ``text[starts[i]:ends[i]]`` in lower case; ``positions`` maps each
    lower-case word to the indices where it occurs."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lower: tuple[str, ...]
    positions: dict

    @classmethod
    def of(cls, text: str) -> "WordIndex":
        spans = [(a, b - 2) if text.endswith(("’s", "'s"), a + 1, b) else (a, b) for a, b in
                 (m.span() for m in _WORD.finditer(text))]  # "the regime's": the word is "regime"
        lowered = text.lower()
        if len(lowered) == len(text):
            lower = [lowered[a:b] for a, b in spans]
        else:  # a rare letter whose lower case is longer ("İ"): lower each word alone
            lower = [text[a:b].lower() for a, b in spans]
        positions: dict[str, list[int]] = {}
        for i, word in enumerate(lower):
            positions.setdefault(word, []).append(i)
        return cls(text, tuple(a for a, _ in spans), tuple(b for _, b in spans), tuple(lower), positions)


class Hit:
    """One match: ``text[start():end()]`` is ``group()``, a form of ``entry``."""

    __slots__ = ("_start", "_end", "_text", "entry")

    def __init__(self, text: str, start: int, end: int, entry: Entry):
        self._start, self._end, self._text, self.entry = start, end, text, entry

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text[self._start:self._end]


class Matcher:
    """Every form of every plain term of one word list (``data/lexicons/<name>.csv``), by first word."""

    def __init__(self, name: str):
        first: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        for entry in load_lexicon(name):
            if entry.term.startswith("re:"):
                continue
            for form in entry.forms:
                words = tuple(w for w in re.split(r"[\s-]+", form) if w)
                if words:
                    first.setdefault(words[0], []).append((words[1:], entry))
        for candidates in first.values():
            candidates.sort(key=lambda c: -len(c[0]))  # the longest form first
        self.first = first
        self.patterns = tuple((re.compile(rf"(?<![\w-])(?:{e.term[3:]})(?![\w-])"), e)
                              for e in load_lexicon(name) if e.term.startswith("re:"))

    def find(self, index: WordIndex, lo: int = 0, hi: int | None = None) -> list[Hit]:
        """Every match in ``index.text[lo:hi]``, in order, none overlapping (the leftmost, then the longest)."""
        text, starts, ends, lower = index.text, index.starts, index.ends, index.lower
        hi = len(text) if hi is None else hi
        first_i, last_i = bisect_left(starts, lo), bisect_left(starts, hi)
        found: list[tuple[int, int, Entry]] = []
        if last_i - first_i < 4096:  # a short stretch: look at its own words
            where = [i for i in range(first_i, last_i) if lower[i] in self.first]
        else:  # a whole text: only the words it shares with the list
            where = [i for word in self.first.keys() & index.positions.keys() for i in index.positions[word]
                     if first_i <= i < last_i]
        for i in where:
            if starts[i] > 0 and text[starts[i] - 1] == "-":
                continue
            for rest, entry in self.first[lower[i]]:
                j = i + len(rest)
                if j >= len(lower) or ends[j] > hi:
                    continue
                if rest and any(lower[i + 1 + k] != w or not _GAP.fullmatch(text, ends[i + k], starts[i + 1 + k])
                                for k, w in enumerate(rest)):
                    continue
                if ends[j] < len(text) and text[ends[j]] == "-":
                    continue  # "regime-change": a longer compound, not this term
                found.append((starts[i], ends[j], entry))
                break
        for regex, entry in self.patterns:
            found += [(m.start(), m.end(), entry) for m in regex.finditer(text, lo, hi)]
        found.sort(key=lambda f: (f[0], -f[1]))
        out: list[Hit] = []
        for start, end, entry in found:
            if out and start < out[-1].end():
                continue
            out.append(Hit(text, start, end, entry))
        return out


@lru_cache(maxsize=None)
def matcher(name: str) -> Matcher:
    """The :class:`Matcher` of ``data/lexicons/<name>.csv`` (built once).

    >>> [h.group() for h in matcher("hedges").find(WordIndex.of("It may be so-called reform, reportedly."))]
    ['may', 'so-called', 'reportedly']
    """
    return Matcher(name)
