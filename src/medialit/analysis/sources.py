"""Finding the source of an attribution (who says so) and its type.

Types: "named person", "role" (a title or description: "the Belarusian leader"),
"organisation" (an outlet, body, or a capital standing for its government: "Moscow"),
"anonymous" (unnamed people the writer could name: "officials"), "vague" (nobody in
particular: "many", "some reports", "critics"), "author" (I / we: the writer), and "none"
(no source given: "it is believed that"). A pronoun or a description ("The Belarusian strongman")
that refers to a person the article names is a "named person" (:mod:`.people`); the stance of a
cue read in its context is :mod:`.stance`.

The word lists behind the types are ``data/lexicons/source-types.csv``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..text.lexicon import load_lexicon, word_class
from ..text.names import Names, name_kind
from ..text.resources import stopwords
from ..text.tokenizer import found_with_offsets

# Patterns used in loops, compiled once.
_RE3 = re.compile(r"[\w’'.-]+")


SOURCE_TYPES = ("named person", "role", "organisation", "anonymous", "vague", "author", "none")


@lru_cache(maxsize=1)
def _grammar() -> dict[str, frozenset[str]]:
    return {
        "pronouns": word_class("grammar", "person pronoun", "author pronoun", "group pronoun"),
        "person": word_class("grammar", "person pronoun"), "author": word_class("grammar", "author pronoun"),
        "not a source": word_class("grammar", "not a source"),
        "determiners": word_class("grammar", "article", "demonstrative", "possessive", "quantifier"),
        "stop": word_class("grammar", "clause word"),
        "titles": word_class("name-words", "title", "office"),
        "verbish": word_class("grammar", "auxiliary"),
        "prepositions": word_class("grammar", "preposition"),
        "stop or determiner": word_class("grammar", "clause word", "article", "demonstrative", "possessive",
                                         "quantifier"),
        "openers": word_class("grammar", "clause opener") | (word_class("grammar", "clause word")
                                                            - word_class("grammar", "article", "demonstrative")),
    }


_TOKEN = re.compile(r"[^\W_][\w’'.-]*\w|[^\W_]|[^\w\s]")


def _is_title(word: str) -> bool:
    return word.lower() in _grammar()["titles"]


def not_a_source(phrase: str) -> bool:
    """True for words that stand where a source stands but name nobody ("it", "this", "which", "now", "in").

    >>> not_a_source("It"), not_a_source("Now"), not_a_source("officials")
    (True, True, False)
    """
    low = phrase.lower()
    if low in _types() or low in _grammar()["pronouns"]:
        return False  # "some", "many", "he": sources, even if they are also small words
    return low in _grammar()["not a source"] or low in _grammar()["openers"] or low in stopwords()


@lru_cache(maxsize=1)
def _tail() -> tuple[re.Pattern, frozenset[str]]:
    """The words that can stand between a source and its verb ("has", "also", "on Monday", "in a
    statement": ``data/lexicons/grammar.csv``, "before a verb"), as one pattern anchored at the end, and
    the last word of each, for a quick test before it."""
    phrases = sorted(word_class("grammar", "before a verb"), key=len, reverse=True)
    words = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    ly = r"(?-i:(?!(?:family|assembly|ally|rally|supply|monopoly|anomaly|homily)\b)[a-z]+ly)"  # not "the family"
    pattern = re.compile(rf"(?:[\s,]+(?:{words}|{ly}))+[\s,]*$", re.IGNORECASE)
    return pattern, frozenset(p.split()[-1] for p in phrases)


@lru_cache(maxsize=1)
def _types() -> dict[str, str]:
    return {form: e.category for e in load_lexicon("source-types") for form in e.forms}


def word_source_type(word: str) -> str:
    """The source type a single word names in ``data/lexicons/source-types.csv`` ("" if none).

    >>> word_source_type("mayor"), word_source_type("officials"), word_source_type("promise")
    ('role', 'anonymous', '')
    """
    return _types().get(word.lower(), "")


def is_title(word: str) -> bool:
    """Whether ``word`` is a title before a name ("Pres.", "Mr.", "Dr.").

    >>> is_title("Pres."), is_title("Thursday.")
    (True, False)
    """
    return _is_title(word)


def source_noun(word: str) -> bool:
    """Whether ``word`` is a noun for a source in ``data/lexicons/source-types.csv``.

    >>> source_noun("woman"), source_noun("promise")
    (True, False)
    """
    return word.lower() in _types()


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Words and marks of ``text[start:end]``, a title keeping its full stop ("Mr.", "Gen.")."""
    out: list[tuple[str, int, int]] = []
    titles = _grammar()["titles"]
    for word, at, after in found_with_offsets(_TOKEN, text, start, end):  # only spaces and "_" between
        if word == "." and out and out[-1][2] == at and (out[-1][0].lower() + ".") in titles:
            out[-1] = (out[-1][0] + ".", out[-1][1], after)
        else:
            out.append((word, at, after))
    return out


def _cap(word: str) -> bool:
    return word[:1].isupper()


def trim_tail(text: str, lo: int, end: int) -> int:
    """Move ``end`` back over adverbs and auxiliaries ("has", "also", "on Thursday") before a verb.

    >>> t = "Lukashenko also reiterated"
    >>> t[:trim_tail(t, 0, t.index(" reiterated"))]
    'Lukashenko'
    """
    k = end
    while k > lo and (text[k - 1].isspace() or text[k - 1] == ","):
        k -= 1
    w = k
    while w > lo and text[w - 1].isalpha():
        w -= 1
    last = text[w:k]
    pattern, last_words = _tail()
    if not last or last.lower() not in last_words and not (last.endswith("ly") and last.islower()):
        return end  # the word before is none that the pattern ends with: nothing to trim
    m = pattern.search(text, max(lo, end - 90), end)
    return m.start() if m else end


def source_before(text: str, lo: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that ends just before ``end`` (after skipping adverbs), within ``text[lo:end]``.

    >>> t = "as Putin’s spokesperson Dmitry Peskov previously announced"
    >>> a, b = source_before(t, 0, t.index(" announced")); t[a:b]
    'Putin’s spokesperson Dmitry Peskov'
    >>> t = "Amid fears, the authoritarian Belarusian leader also insisted"
    >>> a, b = source_before(t, 0, t.index(" insisted")); t[a:b]
    'the authoritarian Belarusian leader'
    """
    end = trim_tail(text, lo, end)
    toks = _tokens(text, max(lo, end - 90), end)
    if not toks or toks[-1][2] != end and text[toks[-1][2]:end].strip():
        return None
    word, w0, w1 = toks[-1]
    low = word.lower()
    grammar = _grammar()
    if low in grammar["pronouns"]:
        return w0, w1
    if low in grammar["not a source"] or low in grammar["stop"] or not word[0].isalnum():
        return None
    i = len(toks) - 1
    if _cap(word):
        while i > 0 and (_cap(toks[i - 1][0]) and toks[i - 1][0].lower() not in grammar["stop or determiner"]
                         or toks[i - 1][0].lower() == "and" and i > 1 and _cap(toks[i - 2][0])):
            i -= 1
        # an appositive role before the name: "Putin’s spokesperson Dmitry Peskov"
        if i > 0 and _types().get(toks[i - 1][0].lower()) == "role":
            i -= 1
            if i > 0 and toks[i - 1][0].endswith(("’s", "'s")):
                i -= 1
            while i > 0 and _cap(toks[i - 1][0]) and toks[i - 1][0].lower() not in grammar["stop or determiner"]:
                i -= 1  # "Opposition leader Tomas Varga": the words before the role belong to it
        if i > 0 and toks[i - 1][0].lower() in ("the", "a", "an"):
            i -= 1
        elif i > 1 and toks[i - 1][0] == "of" and _types().get(toks[i - 2][0].lower()):
            head = source_before(text, lo, toks[i - 2][2])  # "The leader of Belarus"
            if head is not None:
                return head[0], w1
        return toks[i][1], w1
    # a lower-case head noun: walk back over adjectives, "of" phrases and a determiner
    steps = 0
    while i > 0 and steps < 10:
        prev = toks[i - 1][0]
        pl = prev.lower()
        if pl in grammar["determiners"]:
            i -= 1
            if i > 1 and toks[i - 1][0].lower() == "of" and toks[i - 2][0][:1].islower():
                continue  # "the majority of the rest of the world"
            break
        if prev.endswith(("’s", "'s")) and _cap(prev):
            i -= 1
            break
        if pl == "of" or (pl == "and" and i > 1 and toks[i - 2][0][:1].isalpha()):
            i -= 1
        elif prev[:1].isalpha() and pl not in grammar["stop"] and not pl.endswith("ly") and not _reported_form(pl):
            i -= 1
        else:
            break  # "She said leaders had agreed": a verb such as "said" ends the phrase
        steps += 1
    while i < len(toks) - 1 and toks[i][0].lower() in ("of", "and"):
        i += 1
    if i > 1 and toks[i - 1][0].lower() in grammar["prepositions"]:
        head = source_before(text, lo, toks[i - 1][1])  # "a person familiar with the matter", "sources in the party"
        if head is not None and classify(text[head[0]:head[1]]) not in ("none", "", "author") \
                and text[head[1]:toks[i - 1][1]].strip() == "":
            return head[0], w1
    phrase = text[toks[i][1]:w1]
    if classify(phrase) in ("none", ""):
        return None
    return toks[i][1], w1


_CLAUSE_BREAK = re.compile(r"[,;:(“”\"]\s*|\b(?:that|who|which|whom|because|while|although|though|when|if|as)\s+",
                           re.IGNORECASE)


def clause_subject(text: str, lo: int, end: int, names: Names | None = None) -> tuple[int, int] | None:
    """When the words from the start of the clause up to ``end`` (a reporting verb) are all its subject
    ("Political observers in Virginia and around the country say", "RT and its defenders say", "many of
    whom say"), their range; None when they hold a verb or name no kind of source.

    >>> t = "Political observers in Virginia and around the country say Scott deserves it."
    >>> a, b = clause_subject(t, 0, t.index(" say")); t[a:b]
    'Political observers in Virginia and around the country'
    """
    start = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, end):
        start = m.end()
    while start < end and text[start].isspace():
        start += 1
    stop = trim_tail(text, start, end)
    words = text[start:stop].split()
    if not 1 <= len(words) <= 9 or any(
            w.lower() in _grammar()["verbish"] or w == "not" or w[0].islower() and w.endswith("ed")
            or w == "to" and (i == 0 or words[i - 1].lower() != "close")  # but "those close to him say"
            for i, w in enumerate(words)):
        return None  # "X refused to …", "Y has …": a clause with a verb of its own
    first = words[0].lower()
    if words[0][0].islower() and first not in _grammar()["determiners"] or first in _grammar()["openers"]:
        return None  # "amid fears", "despite claims": a clause opener, not a subject
    kind = classify(text[start:stop], names)
    return (start, stop) if kind and kind != "none" else None


def _reported_form(word: str) -> bool:
    """A past form of a reporting verb ("said", "told", "claimed"): never part of a source's noun phrase."""
    from ..text.lexicon import form_index

    entry = form_index("reporting-verbs").get(word)
    return entry is not None and word != entry.term and not word.endswith(("s", "ing"))


def _verb_form(word: str) -> bool:
    from ..text.lexicon import form_index

    return word in form_index("reporting-verbs") or word.endswith(("ed", "ing")) and word not in _types()


def source_after(text: str, start: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase that starts at ``start`` (after spaces), up to ``hi``: "said Jo Smith, the mayor".

    >>> t = "according to Ukrainian and Western officials, the Kremlin"
    >>> a, b = source_after(t, len("according to"), len(t)); t[a:b]
    'Ukrainian and Western officials'
    """
    toks = _tokens(text, start, min(hi, start + 160))
    if not toks:
        return None
    word, w0, w1 = toks[0]
    grammar = _grammar()
    if word.lower() in grammar["pronouns"]:
        return w0, w1
    if (word.lower() in grammar["not a source"] and not (word.lower() == "one" and len(toks) > 1 and toks[1][0][:1].isalpha())) \
            or not word[0].isalnum():
        return None
    j = 0
    last = 0
    while j < len(toks) and j < 10:
        tok = toks[j][0]
        low = tok.lower()
        if not tok[0].isalnum() or (low in grammar["stop"] and low != "of") or (low == "of" and j == 0):
            break
        if low == "and" and not (j + 1 < len(toks) and toks[j + 1][0][:1].isalnum()):
            break
        if tok[:1].islower() and j > 0 and _cap(toks[j - 1][0]) and (_verb_form(low) or low.endswith(("ly", "ed"))):
            break  # "Lukashenko said", "Mr. Schultz generally supported" -> stop before a verb or adverb
        if low not in ("and", "of") and low not in grammar["determiners"]:
            last = j
        j += 1
    return toks[0][1], toks[last][2]


def _capitalised_tail(words: list[str]) -> list[str]:
    tail: list[str] = []
    for w in reversed(words):
        if not (_cap(w) or w.lower() in ("of", "de", "van", "von", "der", "al", "bin") and tail):
            break
        tail.insert(0, w)
    while tail and not _cap(tail[0]):
        tail = tail[1:]
    return tail


def classify(phrase: str, names: Names | None = None) -> str:
    """The type of a source phrase; ``names`` are the text's named people, when known.

    >>> [classify(p) for p in ("Belarusian President Alexander Lukashenko", "the Belarusian leader",
    ...  "Ukrainian and Western officials", "some reports", "many", "Moscow", "New York Times", "I", "Reuters",
    ...  "Prime Minister Rishi Sunak", "the Kremlin", "Amira Khan of the Supporters' Trust")]
    ['named person', 'role', 'anonymous', 'vague', 'vague', 'organisation', 'organisation', 'author', 'organisation', 'named person', 'organisation', 'named person']
    """
    last = _last_capitalised(phrase)
    if last is None:
        return "none"
    return _classify(phrase, bool(last) and names is not None and names.is_surname(last))


@lru_cache(maxsize=8192)
def _last_capitalised(phrase: str) -> str | None:
    """The last word of the capitalised tail of ``phrase`` ("" when it has none; None: no words at all)."""
    words = _RE3.findall(phrase)
    if not words:
        return None
    tail = _capitalised_tail(words)
    return tail[-1] if tail else ""


@lru_cache(maxsize=8192)
def _classify(phrase: str, surname: bool) -> str:
    """:func:`classify` of ``phrase``; ``surname``: its last capitalised word is a surname the text names."""
    words = _RE3.findall(phrase)
    low = [w.lower().rstrip(".") for w in words]
    grammar, types = _grammar(), _types()
    if len(low) == 1 and low[0] in grammar["pronouns"]:
        return "named person" if low[0] in grammar["person"] else "author" if low[0] in grammar["author"] else "vague"
    if "of" in low[1:]:  # "the leader of Belarus", "Amira Khan of the Supporters' Trust": the head decides
        head_words = words[:low.index("of")]
        for word in reversed(low[:low.index("of")]):
            if types.get(word):
                return types[word]
        if head_words and all(_cap(w) for w in head_words):
            return _classify(" ".join(head_words), surname)
    joined = " ".join(low)
    for n in (3, 2):  # multiword terms of the list: "state media", "people familiar", "news agency"
        for i in range(len(low) - n + 1):
            kind = types.get(" ".join(low[i:i + n]))
            if kind and not (kind == "role" and _capitalised_tail(words[i + n:])):
                return kind
    tail = _capitalised_tail(words)
    if tail and tail[-1].lower() not in types:
        if surname:
            return "named person"
        kind = name_kind(" ".join(tail))
        if kind in ("organisation", "place"):
            return "organisation"  # a capital or a country stands for its government: "Moscow said"
        if kind == "person" or len(tail) >= 2 and kind != "nationality":
            return "named person"
        if kind != "nationality" and len(tail) == 1 and joined == tail[0].lower():
            return "organisation"
    if len(low) == 1 and low[0].endswith("s") and (types.get(low[0]) or types.get(low[0][:-1])) == "role":
        return "vague"  # "Scientists say", "Economists warn": nobody in particular
    if any(types.get(w) == "organisation" for w, word in zip(low, words) if _cap(word)):
        return "organisation"
    for word in reversed(low):
        kind = types.get(word)
        if kind:
            return kind
    if len(low) >= 2 and low[0] in ("the", "a", "an") and low[-1].isalpha() and words[-1][0].islower():
        return "anonymous"  # "the man said", "the New York businessman said": somebody the writer does not name
    return ""
