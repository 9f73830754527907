"""Who a description refers to: the named person behind "The Belarusian strongman" or "the mayor".

The words that described each person the text names (titles and capitalised words before the name, an
appositive after it) are gathered mention by mention (:class:`People`); a definite description refers to
the most recent person it fits (:func:`described_person`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..text.names import Names
from .sources import is_title, word_source_type

_RE1 = re.compile(r"[’']s?$")
_RE2 = re.compile(r"[\w’'-]+")
_RE3 = re.compile(r"[\w’'.-]+")


@lru_cache(maxsize=1 << 14)
def _key(word: str) -> str:
    return _RE1.sub("", word.lower().rstrip("."))


def _same(a: str, b: str) -> bool:
    """The same word, or a country and its adjective ("belarus"/"belarusian", "russia"/"russian")."""
    if a == b:
        return True
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n >= 5 and n >= min(len(a), len(b)) - 1


_WORDS_BEFORE = re.compile(r"[\w’'.-]+|[^\w\s]")
_APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s+([^,.;:()]{1,60}?)[,.;:]")


def descriptors(text: str, at: int, name: str) -> set[str]:
    """Words that describe the person named at ``text[at:]``: the run of titles and capitalised words
    right before the name, and an appositive after it (", the president of Belarus,").

    >>> t = "Belarusian Pres. Aleksandr Lukashenko said it. Alexander Lukashenko, the president of Belarus, spoke."
    >>> sorted(descriptors(t, t.index("Lukashenko"), "Lukashenko"))
    ['aleksandr', 'belarusian', 'pres']
    >>> sorted(descriptors(t, t.rindex("Lukashenko"), "Lukashenko"))
    ['alexander', 'belarus', 'of', 'president']
    """
    out = _words_before(text, at, 40)  # most runs of titles are short: look further only when needed
    if out is None:
        out = _words_before(text, at, 120)
    return out | appositive_words(text, at + len(name))


def _words_before(text: str, at: int, reach: int) -> set[str] | None:
    """The describing words right before ``at`` within ``reach`` characters; None when they may go on
    further back (every word in reach describes)."""
    out = set()
    words = _WORDS_BEFORE.findall(text, max(0, at - reach), at)
    cut = at - reach > 0 and reach < 120   # the first word in reach may be part of a longer one
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        if k == 0 and cut:
            return None
        if word.endswith(".") and not is_title(word) or not (
                word[:1].isupper() or word_source_type(word) == "role"):
            return out
        out.add(_key(word))
    return None if cut else out


def appositive_words(text: str, end: int) -> frozenset[str]:
    """The words of an appositive right after a name that ends at ``end`` (", the president of Belarus,").

    >>> t = "Lukashenko, the president of Belarus, spoke."
    >>> sorted(appositive_words(t, len("Lukashenko")))
    ['belarus', 'of', 'president']
    """
    if text[end:end + 1] != ",":
        return frozenset()
    appositive = _APPOSITIVE.match(text, end, end + 80)
    return frozenset(_key(w) for w in _RE2.findall(appositive.group(1))) if appositive else frozenset()


class People:
    """What the text says about each person it names, worked out only for the people a description is
    checked against: the words that described a person up to each mention (:func:`descriptors`).

    >>> from medialit.text.names import find_names
    >>> t = "Belarusian President Alexander Lukashenko spoke."
    >>> sorted(People(t, find_names(t, headline=False)).described_at(0))
    ['alexander', 'belarusian', 'president']
    """

    def __init__(self, text: str, names: Names):
        self.text, self.names = text, names
        self._described: dict[int, frozenset[str]] = {}   # mention index -> words that described it so far
        self._previous: dict[int, int] = {}                # mention index -> the same person's mention before

    def described_at(self, i: int) -> frozenset[str]:
        """The words that described mention ``i``'s person in it and in every mention before it."""
        if i in self._described:
            return self._described[i]
        mentions = self.names.mentions
        if not self._previous:
            last: dict[str, int] = {}
            for k, mention in enumerate(mentions):
                if mention.surname in last:
                    self._previous[k] = last[mention.surname]
                last[mention.surname] = k
            self._previous[-1] = -1
        chain, k = [], i
        while k >= 0 and k not in self._described and len(chain) < 40:  # back to a mention worked out, or 40
            chain.append(k)
            k = self._previous.get(k, -1)
        words = self._described.get(k, frozenset())
        for k in reversed(chain):
            mention = mentions[k]
            at = mention.end - len(mention.surname)
            if mention.evidence == "named in the text":  # a bare surname: only an appositive can describe it
                words = words | appositive_words(self.text, mention.end)
            else:
                words = words | descriptors(self.text, at, mention.surname)
            self._described[k] = words
        return self._described[i]


def person_index(text: str, names: Names) -> People:
    """The :class:`People` of a text (built once per document; descriptions are read when needed)."""
    return People(text, names)


def described_person(text: str, start: int, end: int, people: People, *, reach: int = 200) -> str:
    """The surname of the named person that a definite description refers to ("The Belarusian strongman"
    after "Belarusian President Alexander Lukashenko"), or "" when the article names nobody who fits.

    A description fits a person named before it when each of its capitalised words (a country, a
    nationality) matches a word that described that person ("Belarusian" ~ "Belarus"), or, with no
    capitalised word, when its role noun did ("the mayor" after "Mayor Linda Park"). The most recently
    mentioned person who fits wins, among the ``reach`` mentions before the description. ``people`` is the
    text's :func:`person_index`.

    >>> from medialit.text.names import find_names
    >>> t = "Belarusian President Alexander Lukashenko spoke. The Belarusian strongman insisted. The mayor said."
    >>> people = person_index(t, find_names(t, headline=False))
    >>> [described_person(t, t.index(p), t.index(p) + len(p), people) for p in ("The Belarusian strongman",
    ...  "The mayor")]
    ['Lukashenko', '']
    """
    words = _RE3.findall(text[start:end])
    low = [w.lower() for w in words]
    if len(words) < 2 or low[0] != "the":
        return ""
    head = low[low.index("of", 1) - 1] if "of" in low[1:] else low[-1]
    if word_source_type(head) != "role":
        return ""
    qualifiers = [_key(w) for w in words[1:] if w[:1].isupper() and w.lower() != head]
    mentions = people.names.mentions
    tried: set[str] = set()
    i = bisect_left(people.names.starts, start) - 1
    while i >= 0 and reach > 0:
        surname = mentions[i].surname
        if surname not in tried:
            tried.add(surname)
            described = people.described_at(i)
            if all(any(_same(q, d) for d in described) for q in qualifiers) if qualifiers else head in described:
                return surname
        i -= 1
        reach -= 1
    return ""
