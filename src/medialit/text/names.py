"""Named people: who a text names, found once per text in one pass (linear in its length).

A run of capitalised words names a **person** when there is evidence for it:

- a title or an office stands before it ("Mr. Tan", "Belarusian President Alexander Lukashenko",
  "Gen. Valery Gerasimov");
- its first word is a given name (``data/lexicons/given-names.csv``) or an initial ("Dmitry Peskov",
  "J. Smith");
- it is the surname of a person named that way elsewhere in the text ("Lukashenko said", "Peskov’s").

A run is never a person when one of its words marks an organisation ("Foreign Ministry", "Washington
Post"), when its last word makes it a place or a thing ("Harbour Road", "Madison County", "Nobel Peace
Prize"; but "Stuart Hall" and "Carla Hills" are people), when it is a country, city, region or nationality
word (``data/lexicons/places.csv``), an outlet ("Reuters") or a month or a day
(``data/lexicons/name-words.csv``), unless it is a surname after a given name or a title ("Theresa May",
"Mrs. May"; a later "in May" or "May 5" is the month). An initial ("Eric B.") is never a surname, a suffix ("Jr.", "III",
"James I") comes after the surname, a name ends before a place or an institution it runs into ("the
George W. Bush White House"), and a run never starts inside an abbreviation ("U.S. Air Force").
A name ends at a possessive ("Mr. Burr's Democratic challenger") and before a capitalised function word
("Carlo Beenakker In a 1997 study", "in the U.S. The talks"), and an office is never a surname ("Mr.
President"), so that every later "The", "In" or "I" is not taken for a mention of a person.
With ``headline=True`` the first line is a headline, whose every word is capitalised, so it is not read
for new names (a surname named in the body still counts there).

>>> names = find_names("Head\\n\\nBelarusian President Alexander Lukashenko spoke. Lukashenko’s aide, "
...                    "Mr. Ivan Tur, met the Foreign Ministry. Tur left Minsk.")
>>> [(m.surname, m.evidence) for m in names.mentions]
[('Lukashenko', 'title'), ('Lukashenko', 'named in the text'), ('Tur', 'title'), ('Tur', 'named in the text')]
>>> names.person_before(names.mentions[2].start), name_kind("Minsk"), name_kind("Foreign Ministry")
('Lukashenko', 'place', 'organisation')
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load_lexicon, word_class
from .resources import data_dir, stopwords
from .segments import headline_end
from .wordindex import WordIndex, first_word

# Patterns used in loops, compiled once.
_RE1 = re.compile(r"[\w’'.-]+")
_RE2 = re.compile(r"[A-Z]\.")


_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯІЇЄҐ"
_CAP = rf"[{_UPPER}][\w’'-]*(?:\.(?=\s))?"
_POSSESSIVE = re.compile(r"[’']s?$")


@dataclass(frozen=True)
class Mention:
    """One place where the text names a person: ``text[start:end]`` (titles included), the surname the
    text uses for them, and the evidence that it is a person."""

    start: int
    end: int
    surname: str
    evidence: str


@dataclass(frozen=True)
class Names:
    """Every mention of a named person in a text, in order, and their surnames."""

    mentions: tuple[Mention, ...]
    surnames: frozenset[str]
    starts: tuple[int, ...]

    def person_before(self, pos: int) -> str:
        """The surname of the person mentioned most recently before ``pos`` ('' when none)."""
        i = bisect_left(self.starts, pos) - 1
        return self.mentions[i].surname if i >= 0 else ""

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention that overlaps ``text[start:end]``, if any (the last one that starts before ``end``)."""
        i = bisect_right(self.starts, max(start, end - 1)) - 1
        if i >= 0 and self.mentions[i].end > start:
            return self.mentions[i]
        return None

    def is_surname(self, word: str) -> bool:
        """True when ``word`` (a possessive ’s ignored) is the surname of a person the text names."""
        return _POSSESSIVE.sub("", word) in self.surnames


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The given names (lower case) of ``data/lexicons/given-names.csv`` (columns: term, origin): a
    capitalised word after one is most likely a surname.

    >>> "dmitry" in given_names(), "may" in given_names()
    (True, False)
    """
    lines = (data_dir() / "lexicons" / "given-names.csv").read_text(encoding="utf-8").splitlines()[1:]
    return frozenset(name for name in (line.split(",", 1)[0].strip().strip('"').lower() for line in lines) if name)


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    given = given_names()
    places = {e.term: e.category for e in load_lexicon("places")}
    return {
        "given": given,
        "titles": word_class("name-words", "title", "office"),
        "organisation": word_class("name-words", "organisation marker", "outlet")
        | frozenset(t for t, c in places.items() if c == "organisation-place"),
        "place": word_class("name-words", "place marker", "place marker or surname")
        | frozenset(t for t, c in places.items() if c in ("country", "capital", "city", "region")),
        "demonym": frozenset(t for t, c in places.items() if c == "demonym"),
        "not a name": word_class("name-words", "not a name"),
        "particles": word_class("name-words", "particle"),
        "ends a name": word_class("name-words", "ends a name"),
        "not a surname": word_class("name-words", "place marker", "names a thing"),
        "named place": frozenset(t.lower() for t, c in places.items() if c != "demonym" and " " in t),
        "suffixes": word_class("name-words", "name suffix"),
        "openers": word_class("grammar", "clause opener", "article", "demonstrative", "possessive", "quantifier",
                              "clause word", "person pronoun", "author pronoun", "group pronoun") | stopwords(),
    }


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    if word.endswith(("’s", "'s")):
        word = word[:-2]
    elif word.endswith(("’", "'")):
        word = word[:-1]
    return word.rstrip(".").lower()


def name_kind(phrase: str) -> str:
    """What a capitalised name is, from the kit's word lists: "organisation" ("Foreign Ministry",
    "Reuters", "the Kremlin"), "place" ("Minsk", "Harbour Road", "New York"), "nationality"
    ("Belarusian"), "person" (a title or a given name: "Mr. Tan", "Dmitry Peskov") or "" (unknown).

    >>> [name_kind(p) for p in ("Reuters", "Kremlin", "New York", "Belarusian", "Dmitry Peskov", "Lukashenko")]
    ['organisation', 'organisation', 'place', 'nationality', 'person', '']
    """
    words = _words()
    tokens = [t for t in _RE1.findall(phrase) if t.lower() not in ("the", "a", "an")]
    keys = [_key(t) for t in tokens]
    if not keys:
        return ""
    joined = " ".join(keys)
    if any(k in words["organisation"] for k in keys) or joined in words["organisation"]:
        return "organisation"
    if joined in words["place"] or keys[-1] in words["place"] and len(keys) > 1 and tokens[-1][:1].isupper():
        return "place"
    if len(keys) == 1 and keys[0] in words["demonym"]:
        return "nationality"
    if any(k in words["titles"] for k in keys[:-1]) or len(keys) > 1 and (
            keys[0] in words["given"] or _RE2.fullmatch(tokens[0])):
        return "person"
    if len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 1:
        return "organisation"  # an acronym: NATO, OSCE
    return ""


def _person(run: list[tuple[str, int, int]]) -> tuple[int, int, str, str] | None:
    """(start, end, surname, evidence) when this run of capitalised words names a person."""
    words = _words()
    keys_all = [_key(w) for w, _, _ in run]
    openers, demonym, not_a_name, titles = words["openers"], words["demonym"], words["not a name"], words["titles"]
    i = 0
    while i < len(run) and (keys_all[i] in openers or keys_all[i] in demonym or keys_all[i] in not_a_name
                            or run[i][0].endswith("ing")):
        i += 1  # "But", "The", "Belarusian", "Dressing": not part of a name
    start_at = i
    end = len(run)
    suffixes = words["suffixes"]
    while end > i and keys_all[end - 1] in suffixes:
        end -= 1  # "Martin Luther King Jr.", "James I": the surname comes before the suffix
    titled = False
    k = end - 2
    while k >= i:  # the last title or office in the run: "Chinese President Xi Jinping", "Foreign Minister X"
        if keys_all[k] in titles or run[k][0].lower() in titles \
                or k > i and f"{keys_all[k - 1]} {keys_all[k]}" in titles:
            i, titled = k + 1, True
            break
        k -= 1
    if end <= i or start_at == len(run):
        return None
    rest, keys = run[i:end], keys_all[i:end]
    first = rest[0][0]
    if titled:
        evidence = "title"
    elif len(rest) > 1 and (keys[0] in words["given"] or _RE2.fullmatch(first)):
        evidence = "given name"
    else:
        return None
    joined = " ".join(keys)
    if any(k in words["organisation"] for k in keys) or joined in words["place"] or joined in words["organisation"]:
        return None  # "President Putin's administration" never gets here; "Mr. Bean's Holdings" does
    if any(k in demonym or k in not_a_name for k in keys[:-1]) or keys[-1] in demonym:
        return None
    if keys[-1] in not_a_name and not (len(keys) == 1 and titled or len(keys) > 1 and keys[-2] in words["given"]):
        return None  # "Monday", "President Trump May 5"; but "Theresa May" and "Mrs. May" are people
    surname_word, s0, s1 = rest[-1]
    if keys[-1] in titles and (len(keys) == 1 or keys[-2] not in words["given"] and not _RE2.fullmatch(rest[-2][0])):
        return None  # "Mr. President", "Roy P. Crocker Professor": an office ("Stephen King" is a name)
    if keys[-1] in words["not a surname"]:
        return None  # "Madison County", "Nobel Peace Prize": a place, a thing
    surname = _POSSESSIVE.sub("", surname_word).rstrip(".")
    if len(surname) < 2 or not surname[0].isupper() or surname.isupper():
        return None  # "Eric B.", "Charles G. and": an initial; "NATO": an acronym
    return run[start_at][1], s1 - (len(surname_word) - len(surname)), surname, evidence


def _is_abbreviation(word: str) -> bool:
    return word.lower() in _words()["titles"] or _RE2.fullmatch(word) is not None


def _add_person(run: list[tuple[str, int, int]], found: list[Mention]) -> None:
    words = _words()
    for n in (3, 2):  # "the George W. Bush White House": the name ends before a place or an institution
        if len(run) > n + 1 and " ".join(_key(w) for w, _, _ in run[-n:]) in words["named place"]:
            run = run[:-n]
            break
    person = _person(run) if len(run) > 1 else None  # one capitalised word alone is never a full name
    if person is not None:
        found.append(Mention(*person))


# a month with a preposition before it or a number after it: "in May", "since May", "May 5", "May 2017"
_DATE_BEFORE = re.compile(r"\b(?i:in|on|since|until|by|from|last|next|this|early|late|mid|of|through|to)\s+$")
_DATE_AFTER = re.compile(r"\s+\d")
_CAP_WORD = re.compile(rf"[{_UPPER}][\w’'-]*(?:\.(?=\s))?")


@lru_cache(maxsize=1)
def _run_pattern() -> re.Pattern:
    """Two or more capitalised words joined by single spaces or by small name particles ("von der"): one
    capitalised word alone is never a full name. A run starts with a capital letter (a plain character
    class, which the regex engine scans for quickly)."""
    particles = "|".join(re.escape(p) for p in sorted(_words()["particles"], key=len, reverse=True))
    word = rf"[{_UPPER}][\w’'-]*(?:\.(?=\s))?"
    return re.compile(rf"{word}(?:(?: (?:{particles}))* {word})+")  # two words at least


def _runs(text: str, start: int):
    """Runs of capitalised words (with particles such as "von der" between them), as lists of
    (word, start, end); a word ending a sentence ("Jinping.") ends its run, and a capitalised function
    word ("The", "In": ``ends a name`` in ``data/lexicons/name-words.csv``) starts a new one. One pass over
    the text."""
    ends = _words()["ends a name"]
    for m in _run_pattern().finditer(text, start):
        a = m.start()
        if a > 0 and (text[a - 1].isalnum() or text[a - 1] in "’'-."):
            continue  # a capital inside a word ("iPhone") or an abbreviation ("U.S. Air Force")
        run: list[tuple[str, int, int]] = []
        at = a
        for word in m.group().split(" "):
            if run and word.lower() in ends:  # "A." is an initial, "A" a new sentence
                yield run  # "Carlo Beenakker In a 1997 study", "in the U.S. The": a new sentence starts
                run = []
            run.append((word, at, at + len(word)))
            at += len(word) + 1
            if word.endswith(("’s", "'s")):
                yield run  # "Mr. Burr's Democratic challenger": a possessive ends the name
                run = []
            elif word.endswith(".") and not _is_abbreviation(word):
                yield run  # "… Xi Jinping. The Chinese leader": a sentence ends the run
                run = []
        if run:
            yield run


def find_names(text: str, *, headline: bool = True, words: WordIndex | None = None) -> Names:
    """The people ``text`` names: every mention with its surname and evidence (see the module's rules).
    ``words``: the text's :class:`~medialit.text.wordindex.WordIndex`, when already built."""
    body_from = headline_end(text, headline=headline)
    found: list[Mention] = []
    for run in _runs(text, body_from):
        _add_person(run, found)
    surnames = frozenset(p.surname for p in found)
    not_a_name = _words()["not a name"]
    if surnames:
        covered = [(p.start, p.end) for p in found]
        starts = [c[0] for c in covered]
        words = WordIndex.of(text) if words is None else words
        lowered = {first_word(s) for s in surnames}  # "Smith-Jones": "smith"
        # every bare mention starts a word of the index: look only where a word is a surname in lower case
        for i in [i for i, w in enumerate(words.lower) if w in lowered]:
            m = _CAP_WORD.match(text, words.starts[i])
            if m is None:
                continue
            word = m.group()
            if word.endswith("."):
                word = word[:-1]
            if word.endswith(("’s", "'s")):
                word = word[:-2]
            if word not in surnames or m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "’'-"):
                continue
            if word.lower() in not_a_name and (_DATE_BEFORE.search(text, max(0, m.start() - 12), m.start())
                                               or _DATE_AFTER.match(text, m.start() + len(word))):
                continue  # "in May", "May 5": the month, though the text names Theresa May
            i = bisect_right(starts, m.start()) - 1
            if i >= 0 and covered[i][1] > m.start():
                continue  # part of a full mention already found
            found.append(Mention(m.start(), m.start() + len(word), word, "named in the text"))
    found.sort(key=lambda p: p.start)
    return Names(tuple(found), surnames, tuple(p.start for p in found))
