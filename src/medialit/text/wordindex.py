"""Finding every form of every term of a word list in a text in one pass over its words, in time linear
in the text's length, however many terms the list has.

A text's :class:`WordIndex` (its words, lower-cased, with offsets) is built once; a :class:`Matcher` for a
word list then looks each word up in a table of the list's first words, and checks the rest of a
multiword term word by word. Matches are whole words: a term never starts right
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
from itertools import accumulate

from .lexicon import Entry, load_lexicon

_WORD = re.compile(r"\w+(?:[’'](?!s\b)\w+)*")   # "the regime's": the word is "regime"
_SPLIT = re.compile(r"(\w+(?:[’'](?!s\b)\w+)*)")
_GAP = re.compile(r"[\s-]+")


@dataclass(frozen=True)
class WordIndex:
    """The words of a text: ``lower[i]`` is ``text[starts[i]:ends[i]]`` in lower case."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lower: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> "WordIndex":
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter whose lower case is longer ("İ"): keep the offsets
            lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        parts = _SPLIT.split(lowered)   # gap, word, gap, word, …, gap: all in C, no loop in Python
        bounds = list(accumulate(map(len, parts)))
        lower = tuple(parts[1::2])
        return cls(text, tuple(bounds[0::2][:len(lower)]), tuple(bounds[1::2]), lower)


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
        single: dict[str, Entry] = {}
        multi: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        for entry in load_lexicon(name):
            if entry.term.startswith("re:"):
                continue
            for form in entry.forms:
                words = tuple(w for w in re.split(r"[\s-]+", form) if w)
                if len(words) == 1:
                    single.setdefault(words[0], entry)
                elif words:
                    multi.setdefault(words[0], []).append((words[1:], entry))
        for candidates in multi.values():
            candidates.sort(key=lambda c: -len(c[0]))  # the longest form first
        self.single, self.multi = single, multi
        self.patterns = tuple((re.compile(rf"(?<![\w-])(?:{e.term[3:]})(?![\w-])"), e)
                              for e in load_lexicon(name) if e.term.startswith("re:"))

    def find(self, index: WordIndex, lo: int = 0, hi: int | None = None) -> list[Hit]:
        """Every match in ``index.text[lo:hi]``, in order, none overlapping (the leftmost, then the longest)."""
        hi = len(index.text) if hi is None else hi
        first = self.single.keys() | self.multi.keys()
        where = [i for i in range(bisect_left(index.starts, lo), bisect_left(index.starts, hi))
                 if index.lower[i] in first]
        return self.find_at(index, where, lo, hi)

    def find_at(self, index: WordIndex, where: list[int], lo: int = 0, hi: int | None = None) -> list[Hit]:
        """The matches that start at the words ``where`` (indices into ``index``, in order; words that start
        no term of this list are skipped), within ``index.text[lo:hi]``."""
        text, starts, ends, lower = index.text, index.starts, index.ends, index.lower
        hi = len(text) if hi is None else hi
        single, multi = self.single, self.multi
        found: list[tuple[int, int, Entry]] = []
        n = len(lower)
        for i in where:
            word = lower[i]
            entry = None
            if word in multi:
                for rest, candidate in multi[word]:
                    j = i + len(rest)
                    if j < n and ends[j] <= hi and all(
                            lower[i + 1 + k] == w and _GAP.fullmatch(text, ends[i + k], starts[i + 1 + k])
                            for k, w in enumerate(rest)):
                        entry, end = candidate, ends[j]
                        break
            if entry is None:
                entry = single.get(word)
                end = ends[i]
            if entry is None or starts[i] > 0 and text[starts[i] - 1] == "-" or end < len(text) and text[end] == "-":
                continue  # "anti-regime", "regime-change": a longer compound, not this term
            found.append((starts[i], end, entry))
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


def find_all(index: WordIndex, names: tuple[str, ...]) -> dict[str, list[Hit]]:
    """The matches of several word lists in one text, looking at each of its words once.

    >>> hits = find_all(WordIndex.of("Critics claimed the regime may fall."), ("reporting-verbs", "loaded", "hedges"))
    >>> {name: [h.group() for h in found] for name, found in hits.items()}
    {'reporting-verbs': ['claimed'], 'loaded': ['regime'], 'hedges': ['claimed', 'may']}
    """
    lists = _lists_by_first_word(names)
    where: dict[str, list[int]] = {name: [] for name in names}
    for i, word in enumerate(index.lower):
        found = lists.get(word)
        if found is not None:
            for name in found:
                where[name].append(i)
    return {name: matcher(name).find_at(index, where[name]) for name in names}


@lru_cache(maxsize=8)
def _lists_by_first_word(names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """first word of a term -> the lists (of ``names``) with a term that starts with it."""
    out: dict[str, list[str]] = {}
    for name in names:
        for word in matcher(name).single.keys() | matcher(name).multi.keys():
            out.setdefault(word, []).append(name)
    return {word: tuple(found) for word, found in out.items()}
