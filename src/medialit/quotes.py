"""Direct quotations: which character ranges are inside quote marks, and whose voice they are.

Rules (news conventions):

- Double quotes pair up: curly “ … ”, straight " … ", „ … “ and « … ». A stray opening mark
  inside an open quote is ignored (the quote goes on); a quote still open at the end of a
  paragraph ends there, as a quote that runs on into the next paragraph does in print.
- Single quotes ‘ … ’ and ' … ' count only when they open after a space or bracket and close
  before a space or punctuation, so apostrophes (Russia’s, won't) are not quotes.
- A quote of up to four words with no sentence inside is a *quoted phrase* (a term or a
  scare quote); a longer one is a *direct quote*.
- The speaker is found from a reporting verb next to the quote ("He answered, “…”",
  "“…,” Lukashenko said", "as Mr. Putin refers to it"); "he"/"she" are resolved to the most
  recently named person; a paragraph that is only a quote continues the previous speaker.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .lexicon import form_index
from .span import Span

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_DOUBLE = re.compile(r"[“”„«»\"]")
_SINGLE = re.compile(r"[‘’']")
_OPENERS_BEFORE = set(" \t\n([{—–-/“\"")
_WORD = re.compile(r"[^\W\d_]+(?:[’'.-][^\W\d_]+)*\.?|\S")
_TITLES = r"(?:Mr|Mrs|Ms|Dr|Pres|Gen|Sen|Gov|Prof|Rep)\.|President|Prime Minister|Minister|Chancellor|King|Queen|Pope"
_NAME = re.compile(
    rf"(?:(?:{_TITLES})\s+|[A-Z][\w’'-]+\s+){{0,4}}[A-Z][\w’'-]*[a-z][\w’'-]*"
)
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their"}
_PRONOUNS = {"he": "person", "she": "person", "they": "group", "i": "author", "we": "group"}
_SKIPPABLE = {"also", "then", "later", "has", "had", "have", "once", "again", "however", "further",
              "previously", "repeatedly", "simply", "just", "only", "even", "now", "would", "will"}


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph ranges: runs of non-blank lines, split at blank lines.

    >>> paragraphs("One.\\nTwo.\\n\\nThree.")
    [(0, 9), (11, 17)]
    """
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _double_ranges(text: str, p0: int, p1: int) -> list[tuple[int, int, bool]]:
    ranges, open_at = [], None
    for m in _DOUBLE.finditer(text, p0, p1):
        ch, i = m.group(), m.start()
        if ch in "“„«":
            if open_at is None:
                open_at = i
        elif ch in "”»":
            if open_at is not None:
                ranges.append((open_at, i + 1, True))
                open_at = None
        elif open_at is None:
            open_at = i
        else:
            ranges.append((open_at, i + 1, True))
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
        before = text[i - 1] if i > p0 else " "
        after = text[i + 1] if i + 1 < p1 else " "
        if open_at is None:
            if ch in "‘'" and before in _OPENERS_BEFORE and after.isalnum():
                open_at = i
        elif ch in "’'" and not before.isspace() and not after.isalnum():
            ranges.append((open_at, i + 1, True))
            open_at = None
    return ranges


def _quote_ranges(text: str) -> list[tuple[int, int, bool, tuple[int, int]]]:
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


@lru_cache(maxsize=1)
def _verbs() -> dict:
    return form_index("reporting-verbs")


def _words_with_offsets(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


_NONE = ("", -1, -1)


def _subject_before(text: str, words: list[tuple[str, int, int]], k: int) -> tuple[str, int, int]:
    """The speaker named just before word ``k`` (a reporting verb): (text, start, end)."""
    j = k - 1
    while j >= 0 and words[j][0].lower() in _SKIPPABLE:
        j -= 1
    if j < 0:
        return _NONE
    word, w0, w1 = words[j]
    if word.lower() in _PRONOUNS:
        return word, w0, w1
    if word[:1].isupper():
        m = None
        for m in _NAME.finditer(text, max(0, w0 - 60), w1):
            pass
        if m and m.end() == w1:
            return m.group(), m.start(), m.end()
        return word, w0, w1
    if j > 0 and words[j - 1][0][:1].isupper() and words[j - 1][0].endswith(("’s", "'s")):
        return text[words[j - 1][1]:w1], words[j - 1][1], w1  # "Park's office insisted"
    # "the Belarusian leader said": a determiner within four words back
    for back in range(j, max(-1, j - 4), -1):
        if words[back][0].lower() in _DETERMINERS:
            return text[words[back][1]:w1], words[back][1], w1
    return _NONE


def _speaker_left(text: str, start: int, end: int) -> tuple[str, int, int]:
    words = _words_with_offsets(text, start, end)
    verbs = _verbs()
    for k in range(len(words) - 1, -1, -1):
        low = words[k][0].lower().rstrip(".")
        pair = f"{low} {words[k + 1][0].lower()}" if k + 1 < len(words) else ""
        if low in verbs or pair in verbs:
            who = _subject_before(text, words, k)
            if who[0]:
                return who
            name = _NAME.match(text, words[k + 1][1]) if k + 1 < len(words) else None
            if name:  # "…,” said Amira Khan. “…": the speaker after the verb
                return name.group(), name.start(), name.end()
    return _NONE


_COLON_HEADLINE = re.compile(r"\s*(?P<who>(?:(?:" + _TITLES + r")\s+)?(?:[A-Z][\w’'-]+\s*){1,3}):\s")
_CALLS = {"refers", "refer", "referred", "calls", "called", "call", "puts", "put", "describes",
          "described", "terms", "termed", "dubbed", "dubs"}


def _speaker_right(text: str, end: int, p1: int) -> tuple[str, int, int]:
    """A speaker named just after a quote: "…,” he said", "…,” said Jo Smith", "…,” as Mr. X calls it"."""
    words = _words_with_offsets(text, end, min(p1, end + 100))
    if words and words[0][0][:1].isupper() and re.search(r"[.!][”\"’']?$", text[max(0, end - 3):end]):
        return _NONE  # “… ready.” Critics said …: a new sentence, not this quote's speaker
    as_it = False
    while words and words[0][0] in (",", "as"):
        as_it = as_it or words[0][0] == "as"
        words = words[1:]
    if not words:
        return _NONE

    def is_verb(word: str) -> bool:
        word = word.lower().rstrip(".")
        return word in _verbs() or (as_it and word in _CALLS)

    if is_verb(words[0][0]):  # inverted: said Jo Smith / said the minister
        k = 1
        while k < len(words) and (words[k][0][:1].isupper() or words[k][0].lower() in _DETERMINERS
                                  or (k > 1 and words[k][0].isalpha() and words[1][0].lower() in _DETERMINERS)):
            k += 1
            if words[k - 1][0].endswith(".") and not re.fullmatch(_TITLES, words[k - 1][0]):
                break  # "said Ms. Diaz. Engineers …": the name ends with the sentence
        if k <= 1:
            return _NONE
        end_at = words[k - 1][2]
        if text[end_at - 1] == "." and not re.fullmatch(_TITLES, words[k - 1][0]):
            end_at -= 1
        return text[words[1][1]:end_at], words[1][1], end_at
    first = words[0][0]
    if not (first.lower() in _PRONOUNS or first[:1].isupper() or first.lower() in _DETERMINERS):
        return _NONE
    for k in range(1, min(6, len(words))):
        if not words[k][0][:1].isalnum():
            return _NONE
        if is_verb(words[k][0]):
            return text[words[0][1]:words[k - 1][2]], words[0][1], words[k - 1][2]
    return _NONE


def _people_before(text: str, pos: int, names: list[tuple[int, str]]) -> str:
    """The surname of the most recently named person before ``pos``."""
    i = bisect_left(names, (pos, "")) - 1
    return names[i][1] if i >= 0 else ""


_NOT_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday", "times", "post", "news", "agency", "ministry", "council", "party",
              "university", "journal", "press", "house", "street", "road", "square", "river", "city",
              "states", "kingdom", "nations", "union", "republic", "emirates"}
_OPENERS = {"unless", "amid", "amidst", "using", "since", "despite", "although", "though", "yet", "while",
            "after", "before", "during", "following", "under", "without", "within", "meanwhile", "nonetheless",
            "however", "instead", "still", "even", "also", "then", "thus", "because", "whether", "once", "until",
            "having", "being", "like", "unlike", "across", "among", "toward", "towards", "according", "dear"}
_ADJECTIVE_ENDINGS = ("ian", "ean", "ern", "ese", "ish", "led", "based")


@lru_cache(maxsize=4)
def _named_people(text: str) -> list[tuple[int, str]]:
    """(offset, surname) of each mention of a named person, in order; the headline is skipped
    (headlines capitalise every word), and so are dates and organisation names."""
    from .text import stopwords

    skip_to = text.find("\n") + 1 if "\n" in text else 0
    people = []
    for m in _NAME.finditer(text, skip_to):
        words = m.group().split()
        while words and (words[0].lower() in stopwords() or words[0].lower() in _DETERMINERS
                         or words[0].lower() in _OPENERS or words[0].endswith("ing")):
            words = words[1:]
        if words and words[-1].lower().endswith(_ADJECTIVE_ENDINGS):
            continue
        titled = bool(words) and re.match(_TITLES, " ".join(words)) is not None
        if not words or any(w.lower() in _NOT_NAMES for w in words):
            continue
        if titled or len(words) >= 2:
            people.append((m.start() + m.group().rfind(words[-1]), words[-1]))
    surnames = {s for _, s in people}
    if surnames:
        for m in re.finditer(r"\b(?:" + "|".join(map(re.escape, surnames)) + r")\b", text):
            people.append((m.start(), m.group()))
    return sorted(set(people))


def find_quotes(text: str) -> list[Span]:
    """Direct quotations in ``text``, as spans that include their quote marks.

    Each span has ``kind="quote"``, ``label`` "direct quote" or "quoted phrase", ``voice="quote"``,
    ``speaker`` (a name such as "Lukashenko", "the author" for I/we, or "" when unknown) and
    ``meta``: ``inner`` (the range inside the marks) and ``closed`` (False when the paragraph
    ended first).

    >>> t = 'He left. Mr. Lukashenko said, “We are ready to talk.” Critics called it a \\'ploy\\'.'
    >>> [(q.text, q.label, q.speaker) for q in find_quotes(t)]
    [('“We are ready to talk.”', 'direct quote', 'Mr. Lukashenko'), ("'ploy'", 'quoted phrase', '')]
    """
    if not text:
        return []
    names = None
    spans: list[Span] = []
    previous_para, previous_speaker, previous_at = None, "", (-1, -1)
    for start, end, closed, (p0, p1) in _quote_ranges(text):
        inner_start, inner_end = start + 1, (end - 1 if closed else end)
        inner = text[inner_start:inner_end]
        n_words = len(re.findall(r"\w+", inner))
        short = n_words <= 4 and not re.search(r"[.!?]\s+\S", inner)
        left_from = spans[-1].end if spans and spans[-1].end > p0 else p0
        who, at0, at1 = _speaker_right(text, end, p1)
        if not who:
            who, at0, at1 = _speaker_left(text, left_from, start)
        if not who and spans and p0 <= spans[-1].start and not text[spans[-1].end:start].strip():
            # “…” “…”: back-to-back quotes share a speaker
            who, (at0, at1) = spans[-1].speaker, spans[-1].meta.get("speaker_at", (-1, -1))
        if not who:
            colon = _COLON_HEADLINE.match(text, p0, start)
            if colon:
                who, at0, at1 = colon.group("who").strip(), colon.start("who"), colon.start("who") + len(
                    colon.group("who").strip())
        if not who and not short and start == p0 and previous_para is not None:
            # a paragraph that is only a quote continues the last speaker
            who, (at0, at1) = previous_speaker, previous_at
        if who.lower() in ("he", "she"):
            if names is None:
                names = _named_people(text)
            who = _people_before(text, start, names) or who
        elif who.lower() in ("i", "we"):
            who = "the author"
        label = "quoted phrase" if short else "direct quote"
        why = ("A short phrase in quote marks: words the writer presents as someone's own, or a term the writer "
               "keeps at a distance." if short else
               "Quote marks present these as someone's exact words: a claim a reader can check against the original.")
        meta = {"inner": (inner_start, inner_end), "closed": closed}
        if who and at0 >= 0:
            meta["speaker_at"] = (at0, at1)
        spans.append(Span.of(text, start, end, "quote", label=label, why=why, voice="quote",
                             speaker=who, meta=meta))
        if not short:
            previous_para, previous_speaker, previous_at = (p0, p1), who, (at0, at1)
    return spans


def quote_at(quotes: list[Span], start: int, end: int | None = None) -> Span | None:
    """The quote that contains ``text[start:end]`` (``end`` defaults to ``start + 1``), if any.

    >>> t = 'She said “no way” today.'
    >>> quote_at(find_quotes(t), t.index("way")).text
    '“no way”'
    >>> quote_at(find_quotes(t), 0) is None
    True
    """
    end = start + 1 if end is None else end
    for quote in quotes:
        if quote.start <= start and end <= quote.end:
            return quote
    return None
