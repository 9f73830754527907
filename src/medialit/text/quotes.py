"""Direct quotations: which character ranges are inside quote marks, and whose words they claim to be.

Rules (news conventions):

- Double quotes pair up: curly “ … ”, straight " … ", „ … “ and « … ». A stray opening mark
  inside an open quote is ignored (the quote goes on); a quote still open at the end of a
  paragraph ends there, as a quote that runs on into the next paragraph does in print.
- Single quotes ‘ … ’ and ' … ' count only when they open after a space or bracket and close
  before a space or punctuation, so apostrophes (Russia’s, won't) are not quotes.
- A quote of up to four words with no sentence inside is a *quoted phrase* (a term or a scare
  quote); a longer one is a *direct quote*; a quoted name of a report, book or film, most of whose
  words are capitalised (“Failure to Adjust: How Americans Got Left Behind”), is a *quoted title* and
  has no speaker.
- The speaker is found from a reporting verb next to the quote ("He answered, “…”",
  "“…,” Lukashenko said", "as Mr. Putin refers to it"); "he"/"she" are resolved to the most
  recently named person (:mod:`medialit.text.names`); a paragraph that is only a quote continues the
  previous speaker.

>>> t = 'He left. Mr. Lukashenko said, “We are ready to talk.” Critics called it a \\'ploy\\'.'
>>> [(q.text, q.label, q.speaker) for q in find_quotes(t, headline=False)]
[('“We are ready to talk.”', 'direct quote', 'Mr. Lukashenko'), ("'ploy'", 'quoted phrase', 'Critics')]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..span import Span
from .lexicon import form_index, word_class
from .names import Names, find_names
from .resources import stopwords
from .segments import paragraphs
from .tokenizer import found_with_offsets

# Patterns used in loops, compiled once.
_RE1 = re.compile(r"[.!][”\"’']?$")
_RE2 = re.compile(r"[^\W\d_][\w’'-]*")
_RE3 = re.compile(r"[.!?]\s")
_RE4 = re.compile(r"\w+")
_RE5 = re.compile(r"[.!?]\s+\S")


# '' and `` stand for double quote marks in some news archives: ''|``|[“”„«»"], written to start with one
# character class (which the regex engine scans for quickly) rather than an alternation
_DOUBLE = re.compile(r"[`'“”„«»\"](?:(?<=')'|(?<=`)`|(?<![`']))")
_SINGLE = re.compile(r"[‘’']")
_OPENERS_BEFORE = set(" \t\n([{—–-/“\"")
_WORD = re.compile(r"[^\W\d_]+(?:[’'.-][^\W\d_]+)*\.?|\S")
_NAME = re.compile(r"(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'-]*[a-z][\w’'-]*")
_NONE = ("", -1, -1)
SHORT_WHY = ("A short phrase in quote marks: words the writer presents as someone's own, or a term the writer "
             "keeps at a distance.")
LONG_WHY = "Quote marks present these as someone's exact words: a claim a reader can check against the original."
TITLE_WHY = "Quote marks around a title (of a report, a book, a film): a name, not anybody's words."


@lru_cache(maxsize=1)
def _classes() -> dict[str, frozenset[str]]:
    return {"determiners": word_class("grammar", "article", "demonstrative", "possessive"),
            "person": word_class("grammar", "person pronoun"), "author": word_class("grammar", "author pronoun"),
            "group": word_class("grammar", "group pronoun"), "skippable": word_class("grammar", "skippable"),
            "naming": word_class("grammar", "naming verb"), "titles": word_class("name-words", "title", "office")}


@lru_cache(maxsize=1)
def _verbs() -> dict:
    return form_index("reporting-verbs")


def _key_word(word: str) -> str:
    return word.lower().rstrip(".,’'")


def _is_title(word: str) -> bool:
    return word.lower() in _classes()["titles"]


def _double_ranges(text: str, p0: int, p1: int) -> list[tuple[int, int, bool]]:
    ranges, open_at = [], None
    for m in _DOUBLE.finditer(text, p0, p1):
        ch, i = m.group(), m.start()
        if ch in ("“", "„", "«", "``"):
            if open_at is None:
                open_at = i
        elif ch in "”»":
            if open_at is not None:
                ranges.append((open_at, i + 1, True))
                open_at = None
        elif open_at is None:
            open_at = i
        else:
            ranges.append((open_at, m.end(), True))
            open_at = None
    if open_at is not None:
        end = p1
        while end > open_at + 1 and text[end - 1].isspace():
            end -= 1
        ranges.append((open_at, end, False))
    return ranges


def _single_ranges(text: str, p0: int, p1: int) -> list[tuple[int, int, bool]]:
    ranges, open_at = [], None
    for m in _SINGLE.finditer(text, p0, p1):
        ch, i = m.group(), m.start()
        if text[i - 1:i + 1] == "''" or text[i:i + 2] == "''":
            continue  # half of a '' double quote mark
        before = text[i - 1] if i > p0 else " "
        after = text[i + 1] if i + 1 < p1 else " "
        if open_at is None:
            if ch in "‘'" and before in _OPENERS_BEFORE and after.isalnum():
                open_at = i
        elif ch in "’'" and not before.isspace() and not after.isalnum():
            ranges.append((open_at, i + 1, True))
            open_at = None
    return ranges


def quote_ranges(text: str) -> list[tuple[int, int, bool, tuple[int, int]]]:
    """(start, end, closed, paragraph) of every quotation, marks included, in order.

    >>> quote_ranges("She said “no” and ‘yes’.")
    [(9, 13, True, (0, 24)), (18, 23, True, (0, 24))]
    """
    out = []
    for p0, p1 in paragraphs(text):
        doubles = _double_ranges(text, p0, p1)
        singles = [r for r in _single_ranges(text, p0, p1)
                   if not any(d0 <= r[0] and r[1] <= d1 for d0, d1, _ in doubles)]
        for start, end, closed in sorted(doubles + singles):
            if out and start < out[-1][1]:
                continue  # overlapping pair from a mismatched mark: keep the first
            out.append((start, end, closed, (p0, p1)))
    return out


def _words_with_offsets(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return found_with_offsets(_WORD, text, start, end)  # only white space lies between the words


def _name_ending_at(text: str, names: Names, w0: int, w1: int) -> tuple[str, int, int]:
    mention = names.mention_at(w0, w1)
    if mention is not None and mention.end >= w1 - 3:
        return text[mention.start:w1], mention.start, w1
    m = None
    for m in _NAME.finditer(text, max(0, w0 - 60), w1):
        pass
    if m and m.end() == w1:
        return m.group(), m.start(), m.end()
    return text[w0:w1], w0, w1


def _subject_before(text: str, names: Names, words: list[tuple[str, int, int]], k: int) -> tuple[str, int, int]:
    """The speaker named just before word ``k`` (a reporting verb): (text, start, end)."""
    classes = _classes()
    j = k - 1
    while j >= 0 and words[j][0].lower() in classes["skippable"]:
        j -= 1
    if j < 0:
        return _NONE
    word, w0, w1 = words[j]
    low = word.lower()
    if low in classes["person"] | classes["author"] | classes["group"]:
        return word, w0, w1
    if word[:1].isupper():
        return _name_ending_at(text, names, w0, w1)
    if j > 0 and words[j - 1][0][:1].isupper() and words[j - 1][0].endswith(("’s", "'s")):
        return text[words[j - 1][1]:w1], words[j - 1][1], w1  # "Park's office insisted"
    for back in range(j, max(-1, j - 4), -1):  # "the Belarusian leader said": a determiner within four words
        if words[back][0].lower() in classes["determiners"]:
            return text[words[back][1]:w1], words[back][1], w1
    return _NONE


def _speaker_left(text: str, names: Names, start: int, end: int) -> tuple[str, int, int]:
    words = _words_with_offsets(text, start, end)
    verbs = _verbs()
    for k in range(len(words) - 1, -1, -1):
        low = words[k][0].lower().rstrip(".")
        if low in verbs or k + 1 < len(words) and f"{low} {words[k + 1][0].lower()}" in verbs:
            who = _subject_before(text, names, words, k)
            if who[0]:
                return who
            name = _NAME.match(text, words[k + 1][1]) if k + 1 < len(words) else None
            # "…,” said Amira Khan. “…": the speaker after the verb (but not "said Thursday")
            if name and _key_word(name.group().split()[0]) not in word_class("name-words", "not a name"):
                return name.group(), name.start(), name.end()
    return _NONE


_COLON_HEADLINE = re.compile(r"\s*(?P<who>(?:[A-Z][\w.’'-]*\s*){1,4}):\s")


def _name_follows(words: list[tuple[str, int, int]], k: int) -> bool:
    """True when ``words[k]`` starts one to three lower-case words (no function words) that a capitalised
    word follows: "said Democratic political consultant Joe Smith", "said Trump adviser Kellyanne Conway"."""
    stop = stopwords()
    j = k
    while j < len(words) and j < k + 3 and words[j][0].isalpha() and words[j][0].islower() and words[j][0] not in stop:
        j += 1
    return k < j < len(words) and words[j][0][:1].isupper()


def _speaker_right(text: str, end: int, p1: int) -> tuple[str, int, int]:
    """A speaker named just after a quote: "…,” he said", "…,” said Jo Smith", "…,” as Mr. X calls it"."""
    classes = _classes()
    words = _words_with_offsets(text, end, min(p1, end + 100))
    if words and words[0][0][:1].isupper() and _RE1.search(text[max(0, end - 3):end]):
        return _NONE  # “… ready.” Critics said …: a new sentence, not this quote's speaker
    as_it = False
    while words and words[0][0] in (",", "as"):
        as_it = as_it or words[0][0] == "as"
        words = words[1:]
    if not words:
        return _NONE

    def is_verb(word: str) -> bool:
        word = word.lower().rstrip(".")
        return word in _verbs() or (as_it and word in classes["naming"])

    determiners = classes["determiners"]
    if is_verb(words[0][0]):  # inverted: said Jo Smith / said the minister
        k = 1
        while k < len(words) and (words[k][0][:1].isupper() or words[k][0].lower() in determiners
                                  or (k > 1 and words[k][0].isalpha() and words[1][0].lower() in determiners)
                                  or k > 1 and words[1][0][:1].isupper() and _name_follows(words, k)):
            k += 1
            if words[k - 1][0].endswith(".") and not _is_title(words[k - 1][0]):
                break  # "said Ms. Diaz. Engineers …": the name ends with the sentence
        if k <= 1 or _key_word(words[1][0]) in word_class("name-words", "not a name"):
            return _NONE  # "…,” said Thursday': a day, not a speaker
        end_at = words[k - 1][2]
        if text[end_at - 1] == "." and not _is_title(words[k - 1][0]):
            end_at -= 1
        return text[words[1][1]:end_at], words[1][1], end_at
    first = words[0][0]
    pronouns = classes["person"] | classes["author"] | classes["group"]
    if not (first.lower() in pronouns or first[:1].isupper() or first.lower() in determiners):
        return _NONE
    for k in range(1, min(6, len(words))):
        if not words[k][0][:1].isalnum():
            return _NONE
        if is_verb(words[k][0]):
            return text[words[0][1]:words[k - 1][2]], words[0][1], words[k - 1][2]
    return _NONE


def _is_quoted_title(inner: str) -> bool:
    """A name of a work in quote marks: two or more words, most of its longer words capitalised, and no
    sentence inside ("Failure to Adjust: How Americans Got Left Behind")."""
    words = _RE2.findall(inner)
    long_words = [w for w in words if len(w) > 3]
    if len(words) < 2 or not long_words or _RE3.search(inner) or inner.rstrip().endswith((".", "!", "?", ",")):
        return False
    return sum(w[0].isupper() for w in long_words) >= max(2, 0.75 * len(long_words)) and words[0][0].isupper()


def find_quotes(text: str, *, names: Names | None = None, headline: bool = True) -> list[Span]:
    """Quotations in ``text``, as spans that include their quote marks.

    Each span has ``kind="quote"``, ``label`` "direct quote", "quoted phrase" or "quoted title",
    ``voice="quote"``, ``speaker`` (a name such as "Lukashenko", "the author" for I/we, or "" when
    unknown) and ``meta``: ``inner`` (the range inside the marks), ``closed`` (False when the paragraph
    ended first) and, when a speaker is named next to it, ``speaker_at``. ``names`` are the text's named
    people (found here when not given).

    >>> [(q.label, q.speaker) for q in find_quotes('A study, “Failure to Adjust: How Americans Got Left Behind”, '
    ...                                            'was published. “It is long,” she said.', headline=False)]
    [('quoted title', ''), ('quoted phrase', 'she')]
    """
    if not text:
        return []
    names = find_names(text, headline=headline) if names is None else names
    classes = _classes()
    spans: list[Span] = []
    previous_para, previous_speaker, previous_at = None, "", (-1, -1)
    for start, end, closed, (p0, p1) in quote_ranges(text):
        inner_start = start + (2 if text.startswith(("''", "``"), start) else 1)
        inner_end = end - (2 if closed and text.endswith("''", 0, end) else 1) if closed else end
        inner = text[inner_start:inner_end]
        n_words = len(_RE4.findall(inner))
        short = n_words <= 4 and not _RE5.search(inner)
        meta = {"inner": (inner_start, inner_end), "closed": closed}
        if _is_quoted_title(inner) and n_words > 2:
            spans.append(Span.of(text, start, end, "quote", label="quoted title", why=TITLE_WHY, voice="quote",
                                 meta=meta))
            continue
        left_from = max(spans[-1].end if spans and spans[-1].end > p0 else p0, start - 240)  # the words just before
        who, at0, at1 = _speaker_right(text, end, p1)
        if not who:
            who, at0, at1 = _speaker_left(text, names, left_from, start)
        if not who and spans and p0 <= spans[-1].start and not text[spans[-1].end:start].strip():
            # “…” “…”: back-to-back quotes share a speaker
            who, (at0, at1) = spans[-1].speaker, spans[-1].meta.get("speaker_at", (-1, -1))
        if not who:
            colon = _COLON_HEADLINE.match(text, p0, start)
            if colon and colon.end() <= start + 1:
                who = colon.group("who").strip()
                at0 = colon.start("who")
                at1 = at0 + len(who)
        if not who and not short and start == p0 and previous_para is not None:
            who, (at0, at1) = previous_speaker, previous_at  # a paragraph that is only a quote goes on
        if who.lower() in classes["person"]:
            who = names.person_before(start) or who
        elif who.lower() in classes["author"]:
            who = "the author"
        label = "quoted phrase" if short else "direct quote"
        if who and at0 >= 0:
            meta["speaker_at"] = (at0, at1)
        spans.append(Span.of(text, start, end, "quote", label=label, why=SHORT_WHY if short else LONG_WHY,
                             voice="quote", speaker=who, meta=meta))
        if not short:
            previous_para, previous_speaker, previous_at = (p0, p1), who, (at0, at1)
    return spans


def quote_at(quotes, start: int, end: int | None = None, *, starts=None) -> Span | None:
    """The quote that contains ``text[start:end]`` (``end`` defaults to ``start + 1``), if any; ``quotes``
    sorted by start, as :func:`find_quotes` returns them (``starts``: their start offsets, when known).

    >>> t = 'She said “no way” today.'
    >>> quote_at(find_quotes(t), t.index("way")).text
    '“no way”'
    >>> quote_at(find_quotes(t), 0) is None
    True
    """
    end = start + 1 if end is None else end
    starts = [q.start for q in quotes] if starts is None else starts
    i = bisect_right(starts, start) - 1
    if i >= 0 and quotes[i].start <= start and end <= quotes[i].end:
        return quotes[i]
    return None


def quote_status(article, words: str) -> str:
    """Whether ``words`` (an exact part of the article's text) stand in quote marks there: a direct
    quote, partly quoted, or a paraphrase, by the kit's quote finder (``article.quotes``).

    >>> from medialit import load_articles
    >>> articles = load_articles()
    >>> quote_status(articles["bbc-repost"], "“Are you ready to repeat that?”")
    'direct quote (in quote marks)'
    >>> quote_status(articles["aggregator"], "the Kremlin has not asked Belarus")
    'paraphrase (no quote marks)'
    """
    start = article.text.find(words)
    if not words or start < 0:
        return "not found in the text"
    end = start + len(words)
    covered = sum(max(0, min(end, q.end) - max(start, q.start)) for q in article.quotes)
    if covered >= len(words) / 2:
        return "direct quote (in quote marks)"
    if covered:
        return "mostly paraphrase, some words in quote marks"
    return "paraphrase (no quote marks)"
