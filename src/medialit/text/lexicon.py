"""Word lists as data: ``data/lexicons/*.csv`` loaded into entries with all their forms.

Each CSV row is one term with its category and a short explanation. Verbs and nouns
are matched in their inflected forms too (claim, claims, claimed, claiming); irregular
forms are listed in the ``forms`` column, separated by ``|``.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

from .resources import data_dir

_VOWELS = "aeiou"


@dataclass(frozen=True)
class Entry:
    """One lexicon row: a term, its category, why it matters, and every form to match."""

    term: str
    pos: str
    category: str
    why: str
    alternative: str
    forms: tuple[str, ...]
    context: str = ""


def _verb_forms(word: str) -> set[str]:
    forms = {word}
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", word) and len(word) <= 4:  # drag -> dragged, dragging
        return forms | {word + "s", word + word[-1] + "ed", word + word[-1] + "ing"}
    if word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif word.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {word + "es", word + "ed", word + "ing"}
    else:
        forms |= {word + "s", word + "ed", word + "ing"}
    return forms


def inflect(term: str, pos: str) -> set[str]:
    """All forms of ``term`` to match: verbs inflect their first word, nouns their last.

    >>> sorted(inflect("claim", "verb"))
    ['claim', 'claimed', 'claiming', 'claims']
    >>> sorted(inflect("point out", "verb"))
    ['point out', 'pointed out', 'pointing out', 'points out']
    >>> sorted(inflect("regime", "noun"))
    ['regime', 'regimes']
    >>> sorted(inflect("according to", "phrase"))
    ['according to']
    """
    words = term.split(" ")
    if pos == "verb":
        return {" ".join([form] + words[1:]) for form in _verb_forms(words[0])}
    if pos == "noun":
        last = words[-1]
        plural = last + ("es" if last.endswith(("s", "sh", "ch", "x")) else "s")
        return {term, " ".join(words[:-1] + [plural])}
    return {term}


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> tuple[Entry, ...]:
    """Load ``data/lexicons/<name>.csv``.

    Columns: ``term, pos, forms, category, why`` and optionally ``alternative``.

    >>> verbs = load_lexicon("reporting-verbs")
    >>> say = next(e for e in verbs if e.term == "say")
    >>> say.category, "said" in say.forms
    ('neutral', True)
    """
    path = data_dir() / "lexicons" / f"{name}.csv"
    entries = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        for line, values in enumerate(reader, start=2):
            row = dict(zip(header, values))
            term = (row.get("term") or "").strip()
            if not term or term.startswith("#"):
                continue
            if not term.startswith("re:"):
                term = term.lower()
            pos = (row.get("pos") or "").strip()
            category = (row.get("category") or "").strip()
            why = (row.get("why") or "").strip()
            if not category or not why:
                raise ValueError(f"{path}, line {line}: every row needs a category and a why")
            forms = {term} if term.startswith("re:") else inflect(term, pos)
            forms |= {f.strip().lower() for f in (row.get("forms") or "").split("|") if f.strip()}
            entries.append(Entry(term, pos, category, why, (row.get("alternative") or "").strip(),
                                 tuple(sorted(forms)), (row.get("context") or "").strip()))
    return tuple(entries)


@lru_cache(maxsize=None)
def lexicon_regex(name: str) -> tuple[re.Pattern, dict[str, Entry], tuple[tuple[re.Pattern, Entry], ...]]:
    """One compiled pattern matching every form of every plain term of a lexicon, whole words
    only and ignoring case (spaces and hyphens in a term match any run of spaces or a hyphen),
    plus the form index and the ``re:`` pattern rows.

    >>> pattern, index, _ = lexicon_regex("loaded")
    >>> [index[norm(m.group())].term for m in pattern.finditer("The Strongman was parroting sabre rattling.")]
    ['strongman', 'parrot', 'sabre-rattling']
    """
    index = form_index(name)
    body = trie_regex(f for f in index if not f.startswith("re:"))
    pattern = re.compile(rf"(?<![\w’'-])(?:{body})(?![\w-])", re.IGNORECASE)
    patterns = tuple((re.compile(rf"(?<![\w-])(?:{e.term[3:]})(?![\w-])"), e)
                     for e in load_lexicon(name) if e.term.startswith("re:"))
    return pattern, index, patterns


def trie_regex(words) -> str:
    """A regular expression matching any of ``words``, shaped as a trie so that the regex engine
    follows one branch per letter instead of trying every word in turn (much faster on long texts).
    A space or hyphen in a word matches any run of spaces or a hyphen.

    >>> pattern = re.compile(trie_regex(["claim", "claims", "claimed", "so-called"]))
    >>> [m.group() for m in pattern.finditer("claims so called claimed")]
    ['claims', 'so called', 'claimed']
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word.replace("-", " "):
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"[\s-]+" if ch == " " else re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


def norm(matched: str) -> str:
    """Normalise a matched stretch of text to its lexicon form (lower case, single spaces).

    >>> norm("Sabre   Rattling")
    'sabre rattling'
    """
    return re.sub(r"\s+", " ", matched.lower())


@lru_cache(maxsize=None)
def words_pattern(words: str, *, before: bool) -> re.Pattern:
    """One of the words ``"a|b|c"`` (a ``not-after:``, ``after:``, ``not-before:`` or ``before:`` context rule) as one
    pattern: whole words, right before the end of a stretch (``before``), or right after its start.

    >>> words_pattern("sanctions|visa", before=True).search("the sanctions ") is not None
    True
    >>> words_pattern("as", before=False).match(" assets") is None
    True
    """
    alternatives = "|".join(re.escape(w) for w in words.split("|"))
    return re.compile(rf"\b(?:{alternatives})\s+$" if before else rf"\s+(?:{alternatives})\b")


@lru_cache(maxsize=None)
def form_index(name: str) -> Mapping[str, Entry]:
    """Map every form of every term in a lexicon to its entry (built once; read-only).

    >>> form_index("reporting-verbs")["insisted"].category
    'distancing'
    """
    return MappingProxyType({form: entry for entry in load_lexicon(name) for form in entry.forms})


_LAST_WORD = re.compile(r"([\w’'-]+)\s+$")


def determiner_before(before: str) -> bool:
    """True when ``before`` (the text up to a word) ends with an article, a demonstrative or a possessive:
    the word after it heads a noun phrase ("the “peace” talks", "the expected place").

    >>> determiner_before("came the "), determiner_before("they "), determiner_before("")
    (True, False, False)
    """
    word = _LAST_WORD.search(before)
    return word is not None and word.group(1).lower() in word_class("grammar", "article", "demonstrative", "possessive")


@lru_cache(maxsize=None)
def word_class(name: str, *categories: str) -> frozenset[str]:
    """Every form (lower case) of the terms of ``data/lexicons/<name>.csv`` in any of ``categories``:
    the kit's word classes (determiners, pronouns, titles …) as data, not code.

    >>> sorted(word_class("grammar", "article"))
    ['a', 'an', 'the']
    >>> "mr." in word_class("name-words", "title") and "that" in word_class("grammar", "not a source")
    True
    """
    return frozenset(form for e in load_lexicon(name) if e.category in categories for form in e.forms)
