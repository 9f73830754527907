"""Finding the source of an attribution (who says so) and its type.

Types: "named person", "role" (a title or description: "the Belarusian leader"),
"organisation" (an outlet, body, or a capital standing for its government: "Moscow"),
"anonymous" (unnamed people the writer could name: "officials"), "vague" (nobody in
particular: "many", "some reports", "critics"), "author" (I / we: the writer), and "none"
(no source given: "it is believed that").

The word lists behind the types are ``data/lexicons/source-types.csv``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import load_lexicon

SOURCE_TYPES = ("named person", "role", "organisation", "anonymous", "vague", "author", "none")
_TOKEN = re.compile(r"(?:Mr|Mrs|Ms|Dr|Pres|Gen|Sen|Gov|Prof|Rep|Lt|Col|Capt|St)\.|[^\W_][\w’'.-]*[\w]|[^\W_]|[^\w\s]")
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Dr|Pres|Gen|Sen|Gov|Prof|Rep|Lt|Col|Capt)\.$|President$|Prime$|Minister$")
PRONOUNS = {"he": "person", "she": "person", "i": "author", "we": "author", "they": "vague"}
NOT_SOURCES = {"it", "this", "that", "which", "there", "what", "who", "these", "those", "one", "you"}
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "some", "many", "several",
               "most", "few", "all", "this", "these", "those", "other", "one", "two", "three", "both"}
STOP = {"that", "which", "who", "whom", "whose", "what", "when", "where", "while", "if", "because", "as", "but",
        "so", "to", "is", "are", "was", "were", "be", "been", "has", "have", "had", "not", "than", "then",
        "there", "for", "with", "from", "by", "in", "on", "at", "into", "about", "after", "before", "since",
        "despite", "amid", "without", "although", "though", "unless", "until", "or", "nor", "yet", "also",
        "however", "would", "will", "could", "can", "may", "might", "do", "does", "did", "it", "this",
        "instead", "even", "just", "only", "over", "under", "up", "down", "out", "against", "between"}
_TAIL = re.compile(
    r"(?:[\s,]+(?:has|have|had|also|previously|however|then|later|again|once|repeatedly|not|never|further|"
    r"today|yesterday|recently|earlier|now|already|still|even|widely|largely|long|firmly|strongly|himself|herself|itself|themselves|publicly|"
    r"privately|openly|reportedly|allegedly|would|will|did|does|do|first|often|once again|at the same time|"
    r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|in a statement|in an interview|"
    r"last week|this week))+[\s,]*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _types() -> dict[str, str]:
    return {form: e.category for e in load_lexicon("source-types") for form in e.forms}


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def _cap(word: str) -> bool:
    return word[:1].isupper()


def trim_tail(text: str, lo: int, end: int) -> int:
    """Move ``end`` back over adverbs and auxiliaries ("has", "also", "on Thursday") before a verb.

    >>> t = "Lukashenko also reiterated"
    >>> t[:trim_tail(t, 0, t.index(" reiterated"))]
    'Lukashenko'
    """
    m = _TAIL.search(text, lo, end)
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
    toks = _tokens(text, max(lo, end - 160), end)
    if not toks or toks[-1][2] != end and text[toks[-1][2]:end].strip():
        return None
    word, w0, w1 = toks[-1]
    low = word.lower()
    if low in PRONOUNS:
        return w0, w1
    if low in NOT_SOURCES or low in STOP or not word[0].isalnum():
        return None
    i = len(toks) - 1
    if _cap(word):
        while i > 0 and (_cap(toks[i - 1][0]) and toks[i - 1][0].lower() not in STOP | DETERMINERS
                         or toks[i - 1][0].lower() == "and" and i > 1 and _cap(toks[i - 2][0])):
            i -= 1
        # an appositive role before the name: "Putin’s spokesperson Dmitry Peskov"
        if i > 0 and _types().get(toks[i - 1][0].lower()) == "role":
            i -= 1
            if i > 0 and toks[i - 1][0].endswith(("’s", "'s")):
                i -= 1
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
        if pl in DETERMINERS:
            i -= 1
            if i > 1 and toks[i - 1][0].lower() == "of" and toks[i - 2][0][:1].islower():
                continue  # "the majority of the rest of the world"
            break
        if prev.endswith(("’s", "'s")) and _cap(prev):
            i -= 1
            break
        if pl == "of" or (pl == "and" and i > 1 and toks[i - 2][0][:1].isalpha()):
            i -= 1
        elif prev[:1].isalpha() and pl not in STOP and not pl.endswith("ly"):
            i -= 1
        else:
            break
        steps += 1
    while i < len(toks) - 1 and toks[i][0].lower() in ("of", "and"):
        i += 1
    phrase = text[toks[i][1]:w1]
    if classify(phrase) in ("none", ""):
        return None
    return toks[i][1], w1


def _verb_form(word: str) -> bool:
    from .lexicon import form_index

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
    if word.lower() in PRONOUNS:
        return w0, w1
    if (word.lower() in NOT_SOURCES and not (word.lower() == "one" and len(toks) > 1 and toks[1][0][:1].isalpha())) \
            or not word[0].isalnum():
        return None
    j = 0
    last = 0
    while j < len(toks) and j < 10:
        tok = toks[j][0]
        low = tok.lower()
        if not tok[0].isalnum() or (low in STOP and low != "of") or (low == "of" and j == 0):
            break
        if low == "and" and not (j + 1 < len(toks) and toks[j + 1][0][:1].isalnum()):
            break
        if tok[:1].islower() and j > 0 and _cap(toks[j - 1][0]) and _verb_form(low):
            break  # "Lukashenko said" -> stop before a following verb
        if low not in ("and", "of") and low not in DETERMINERS:
            last = j
        j += 1
    return toks[0][1], toks[last][2]


def classify(phrase: str, surnames=frozenset()) -> str:
    """The type of a source phrase.

    >>> [classify(p) for p in ("Belarusian President Alexander Lukashenko", "the Belarusian leader",
    ...  "Ukrainian and Western officials", "some reports", "many", "Moscow", "New York Times", "I")]
    ['named person', 'role', 'anonymous', 'vague', 'vague', 'organisation', 'organisation', 'author']
    """
    words = [w for w in re.findall(r"[\w’'.-]+", phrase)]
    if not words:
        return "none"
    low = [w.lower().rstrip(".") for w in words]
    if len(low) == 1 and low[0] in PRONOUNS:
        return {"person": "named person", "author": "author", "vague": "vague"}[PRONOUNS[low[0]]]
    types = _types()
    text_low = " ".join(low)
    for multi, kind in (("state media", "organisation"), ("news agency", "organisation"),
                        ("white house", "organisation"), ("prime minister", "role"),
                        ("people familiar", "anonymous"), ("person familiar", "anonymous")):
        if multi in text_low:
            return kind
    if any(types.get(w) == "organisation" for w in low if _cap(words[low.index(w)])):
        return "organisation"
    if "of" in low[1:]:
        head_words = words[:low.index("of")]
        for word in reversed(low[:low.index("of")]):
            if types.get(word):
                return types[word]
        if head_words and all(_cap(w) for w in head_words):
            return classify(" ".join(head_words), surnames)  # "Amira Khan of the Supporters' Trust"
    if len(low) == 1 and low[0].endswith("s") and (types.get(low[0]) or types.get(low[0][:-1])) == "role":
        return "vague"  # "Scientists say", "Economists warn": nobody in particular
    last = words[-1]
    if _cap(last) and last.lower() not in types:
        titled = any(_TITLE.match(w) for w in words)
        run = 0
        for w in reversed(words):
            if not _cap(w):
                break
            run += 1
        if titled or run >= 2 or last.strip("’'s") in surnames:
            return "named person"
        return "organisation"
    head = low[:low.index("of")] if "of" in low else low
    for word in reversed(head):
        kind = types.get(word)
        if kind:
            return kind
    for word in reversed(low):
        kind = types.get(word)
        if kind:
            return kind
    if len(low) == 2 and low[0] in ("the", "a", "an") and low[1].isalpha():
        return "anonymous"  # "the man said": somebody the writer does not name
    return ""
