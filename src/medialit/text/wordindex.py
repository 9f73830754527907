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
_WORD_OR_HYPHEN = re.compile(r"[\w-]")


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


def first_word(text: str) -> str:
    """The first word of ``text`` as a :class:`WordIndex` holds it: lower case, up to a hyphen, without "'s"
    ("" when ``text`` has no word).

    >>> first_word("Smith-Jones"), first_word("O’Brien’s")
    ('smith', 'o’brien')
    """
    m = _WORD.search(text.lower())
    return m.group() if m else ""


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
        self.seconds = {first: frozenset(rest[0] for rest, _ in candidates) for first, candidates in multi.items()}
        # "re:" terms: whole words, so no word character or hyphen may come before (checked in find_at:
        # a lookbehind at the start of a pattern makes the regex engine try every position of the text)
        self.patterns = tuple((re.compile(rf"(?:{e.term[3:]})(?![\w-])"), e)
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
        single, multi, seconds = self.single, self.multi, self.seconds
        found: list[tuple[int, int, Entry]] = []
        n = len(lower)
        for i in where:
            word = lower[i]
            entry = None
            candidates = multi.get(word)
            if candidates is not None and i + 1 < n and lower[i + 1] in seconds[word]:
                following = lower[i + 1]
                for rest, candidate in candidates:
                    j = i + len(rest)
                    if rest[0] == following and j < n and ends[j] <= hi and _joined(index, i, rest):
                        entry, end = candidate, ends[j]
                        break
            if entry is None:
                entry = single.get(word)
                end = ends[i]
            if entry is None or starts[i] > 0 and text[starts[i] - 1] == "-" or end < len(text) and text[end] == "-":
                continue  # "anti-regime", "regime-change": a longer compound, not this term
            found.append((starts[i], end, entry))
        if self.patterns:
            found += self._pattern_hits(index, lo, hi)
            found.sort(key=lambda f: (f[0], -f[1]))
        out: list[Hit] = []
        last_end = -1
        for start, end, entry in found:
            if start < last_end:
                continue
            out.append(Hit(text, start, end, entry))
            last_end = end
        return out

    def _pattern_hits(self, index: WordIndex, lo: int, hi: int) -> list[tuple[int, int, Entry]]:
        """The matches of the list's ``re:`` terms in ``index.text[lo:hi]``, each a whole word."""
        text, out = index.text, []
        for regex, entry in self.patterns:
            pos = lo
            while True:
                m = regex.search(text, pos, hi)
                if m is None:
                    break
                if m.start() > 0 and _WORD_OR_HYPHEN.match(text, m.start() - 1):
                    pos = m.start() + 1  # inside a longer word: try again one character on
                    continue
                out.append((m.start(), m.end(), entry))
                pos = m.end() if m.end() > m.start() else m.end() + 1
        return out


def _joined(index: WordIndex, i: int, rest: tuple[str, ...]) -> bool:
    """Whether the words after word ``i`` are ``rest``, each after a space, a line break or a hyphen."""
    text, starts, ends, lower = index.text, index.starts, index.ends, index.lower
    for k, w in enumerate(rest):
        a, b = ends[i + k], starts[i + 1 + k]
        if lower[i + 1 + k] != w or not (b == a + 1 and text[a] == " " or _GAP.fullmatch(text, a, b)):
            return False
    return True


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
    for i, found in [(i, found) for i, found in enumerate(map(lists.get, index.lower)) if found is not None]:
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
