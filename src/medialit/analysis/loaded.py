"""Loaded wording: words that push a feeling or a judgement, each with a neutral alternative.

``find_loaded(text)`` returns spans of ``kind="loaded"`` with ``label`` one of: label (strongman,
regime), emotive verb (parroted, pumping), emotive noun (slaughter), emotive adjective (senseless),
emotive adverb (mercilessly, skillfully: how something was done, judged), intensifier (staunch,
deeply), metaphor (sabre-rattling) and scare quote (a short phrase in quote marks that the writer
keeps at a distance). Each has ``why``, ``alternative`` and ``voice``
("author", "quote" or "reported", with ``speaker``). The word list is ``data/lexicons/loaded.csv``.

>>> [(s.text, s.label, s.alternative) for s in find_loaded("The strongman's regime crushed the protests.")]
[('strongman', 'label', 'leader; president'), ('regime', 'label', 'government'), ('crushed', 'emotive verb', 'suppressing; putting down')]
>>> [s.text for s in find_loaded("The sanctions regime was tightened.")]
[]
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from functools import lru_cache

from .document import Document, as_document
from ..span import Span
from ..text.lexicon import Entry, determiner_before, form_index, trie_regex, word_class, words_pattern
from ..text.resources import stopwords, vader_valence

# Patterns used in loops, compiled once.
_RE2 = re.compile(r"\s+(?:in|to)\b")
_RE3 = re.compile(r"\s+of\s+(?:migrants|refugees|people|immigrants|asylum|workers|foreigners)\b")
_RE4 = re.compile(r"(?:\s+[\w’'-]+){0,4}\s+into\b")


SCARE_WHY = ("Quote marks around a short phrase keep the writer at a distance from it: they signal doubt, "
             "irony, or that this is someone else's term.")
NAMED_AS_WHY = ("Quote marks and words such as 'as X calls it' present the phrase as someone else's term, not "
                "the writer's: the writer keeps a distance from it, often from a euphemism.")
SO_CALLED_WHY = ("'So-called' and quote marks together say the writer does not accept the name: they keep a "
                 "distance from it.")
_SO_CALLED = re.compile(r"(?<![\w’'-])(?:so[\s-]called|self[\s-]styled|supposed|would-be)\s*$", re.IGNORECASE)
_MENTION = re.compile(r"\b(?:word|words|phrase|slogan|hashtag|headline|title|term|label|name)\W*$", re.IGNORECASE)
_NAMED_AS = re.compile(r"\b(?:call|calls|called|calling|dub|dubs|dubbed|term|terms|termed|brand|brands|branded|label|"
                       r"labels|labelled|labeled)\s*$", re.IGNORECASE)
# "known as “Dreamers”", "a program called “follow-to-join”", "frequently called “sequester”": a name given, no one's
# term kept at a distance
_KNOWN_AS = re.compile(r"(?:\b(?:known|also|often|frequently|commonly|sometimes|usually|popularly|widely|is|are|was|were|"
                       r"be|been|being|an?\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:called|dubbed|termed|named|nicknamed)|"
                       r"\bknown\s+as|\bnicknamed|\breferred\s+to\s+as)\s*[,:]?\s*$", re.IGNORECASE)
_ONE_WORD_BEFORE = re.compile(r"[\w’'-]+\s+$")


def _mentioned(before: str) -> bool:
    """True when ``before`` ends with a determiner and a noun for a word, maybe with one word between: "the
    political term “gay”", "the word “regime”" mention a word rather than use it ("what critics term …" is
    not a mention)."""
    m = _MENTION.search(before)
    if m is None:
        return False
    head = before[:m.start()]
    if determiner_before(head):
        return True
    word = _ONE_WORD_BEFORE.search(head)
    return word is not None and determiner_before(head[:word.start()])


@lru_cache(maxsize=1)
def _as_calls() -> re.Pattern:
    """'…”, as X refers to it': a quoted term that is named as X's word (the naming verbs are data)."""
    verbs = "|".join(sorted((re.escape(v) for v in word_class("grammar", "naming verb")), key=len, reverse=True))
    return re.compile(rf"[\s,]*as\s+[^,;“”\"]{{1,60}}?\b(?:{verbs})(?:\s+to)?\s+(?:it|them|this|him|her)\b",
                      re.IGNORECASE)


@lru_cache(maxsize=4)
def _intensity_pattern(threshold: float) -> tuple[re.Pattern, dict[str, float]]:
    """One pattern for every strongly emotional word of VADER's list that is not a plain news word
    (``data/lexicons/plain-words.csv``), nor a word the kit's other lists already explain."""
    skip = word_class("plain-words", "plain word") | stopwords()
    for name in ("loaded", "hedges", "reporting-verbs", "reporting-nouns", "source-types"):
        skip |= frozenset(form_index(name))
    strong = {w: v for w, v in vader_valence().items() if abs(v) >= threshold and w not in skip}
    return re.compile(rf"(?<![\w’'-])(?:{trie_regex(strong)})(?![\w’'-])", re.IGNORECASE), strong


def _context_ok(entry: Entry, text: str, m: re.Match, voice: str) -> bool:
    context = entry.context
    if "+" in context:  # rules joined with "+" must all pass (data/lexicons/README.md)
        return all(_context_ok(replace(entry, context=part), text, m, voice) for part in context.split("+"))
    if context.startswith("not-after:"):
        before = text[max(0, m.start() - 30):m.start()].lower()
        return words_pattern(context[10:], before=True).search(before) is None
    if context.startswith("not-before:"):
        after = text[m.end():m.end() + 30].lower()
        return words_pattern(context[11:], before=False).match(after) is None
    if context.startswith("after:"):
        before = text[max(0, m.start() - 20):m.start()].lower()
        return words_pattern(context[6:], before=True).search(before) is not None
    if context.startswith("before:"):
        after = text[m.end():m.end() + 30].lower()
        return words_pattern(context[7:], before=False).match(after) is not None
    if context == "before-in-or-to":
        return _RE2.match(text[m.end():m.end() + 5]) is not None
    if context == "before-of-people":
        return _RE3.match(
                        text[m.end():m.end() + 30]) is not None
    if context == "before-into":
        return _RE4.match(text[m.end():m.end() + 60]) is not None
    if context == "author-only":
        return voice == "author"
    return True  # "in-name" is checked by find_loaded, which knows the names used before


# A capitalised word right before or after a word, on the same line; not a possessive ("Paddock's massacre")
_CAP_BEFORE = re.compile(r"(?<![\w’'.-])([A-Z][\w-]*)[ \t]+$")
_CAP_AFTER = re.compile(r"[ \t]+([A-Z][\w-]*)(?![\w’'])")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _in_title(text: str, doc: Document, m: re.Match) -> bool:
    """True when a capitalised word inside a running sentence is part of the formal name of a thing, a
    place or an organisation: three or more capitalised words that end in a word such as Act, Prize, Inn,
    Party or LLC
    (``data/lexicons/name-words.csv``), none of them a person's name ("the Foreign Corrupt Practices Act",
    "Maverick Leasing LLC"). A nickname or a slogan stays loaded ("Crooked Hillary Clinton", "Radical
    Islamic Terrorism", "the Fake News Media"), as do the first word of a sentence and the words of a
    headline in title case, where the capitals say nothing."""
    if not text[m.start()].isupper():
        return False
    s0, _ = doc.sentence_at(m.start())
    if not text[s0:m.start()].strip(" \t\n\"'“‘(—-"):
        return False  # the first word of its sentence
    words = [(m.start(), m.end())]
    pos = m.start()
    while (w := _CAP_BEFORE.search(text, max(s0, pos - 60), pos)) and len(words) < 8:
        words.insert(0, w.span(1))
        pos = w.start()
    pos = m.end()
    while (w := _CAP_AFTER.match(text, pos)) and len(words) < 8:
        words.append(w.span(1))
        pos = w.end()
    heads = word_class("name-words", "organisation marker", "names a thing", "place marker")
    if len(words) < 3 or words[-1] == (m.start(), m.end()) or text[slice(*words[-1])].lower() not in heads:
        return False
    if any(doc.names.mention_at(a, b) is not None for a, b in words):
        return False
    line0 = text.rfind("\n", 0, m.start()) + 1
    line1 = text.find("\n", m.end())
    line = text[line0:line1 if line1 >= 0 else len(text)]
    return any(w[0].islower() and len(w) > 3 and w.lower() not in stopwords() for w in _WORD.findall(line))


def _event_name(text: str, m: re.Match, named: set[str], term: str) -> bool:
    """True when an event noun is part of the event's name: after a capitalised word that is not a function
    word ("the Las Vegas massacre", "the Uranium One scandal", "The Night Of The Las Vegas Massacre"), or
    "the …" ("this …", "its …") again once the text has used it in a name. A name records the term in
    ``named``."""
    before = text[max(0, m.start() - 40):m.start()]
    word = _CAP_BEFORE.search(before)
    if word and word.group(1).lower() not in stopwords():
        named.add(term)
        return True
    return term in named and determiner_before(before)


def _scare_quotes(text: str, doc: Document, taken: list[tuple[int, int]]) -> list[Span]:
    """Quote marks the writer uses to keep a distance, where there is evidence for it: "so-called" before
    them; a term named as someone's ("…”, as X calls it"); or one or two words in quote marks, in the
    writer's own sentence (no speaker, no reporting verb, not a name or a title), that are not being
    named as a term ("the word …"). A name or a term being introduced ("known as “Dreamers”", "a program
    called “follow-to-join”", "frequently called “sequester”") is not kept at a distance. Quotes holding a word the loaded list explains are left to
    that word (``taken``)."""
    out = []
    taken = sorted(taken)
    said = sorted(a.start for a in doc.attributions if a.meta.get("cue") != "quote marks")
    for quote in doc.quotes:
        if quote.label != "quoted phrase" or _overlaps(taken, quote.start, quote.end):
            continue
        inner = text[slice(*quote.meta["inner"])].strip(" ,.")
        before = text[max(0, quote.start - 40):quote.start]
        s0, _ = doc.sentence_at(quote.start)
        why = SCARE_WHY
        alternative = f"{inner} (no quote marks; say whose term it is)"
        if _SO_CALLED.search(before):
            why = SO_CALLED_WHY
        elif _KNOWN_AS.search(before) or _mentioned(before):
            continue  # a name or a term being introduced or mentioned, in the writer's plain voice
        elif _NAMED_AS.search(before) or (quote.speaker and _as_calls().match(text, quote.end)):
            # "what critics call 'justice'", "“…”, as Mr Putin refers to it": someone else's term, kept at a distance
            why = NAMED_AS_WHY
            alternative = "(the writer's own word for it; the text already says whose term this is)"
        elif quote.speaker:
            continue  # a speaker's own word, quoted: a partial quote, not a scare quote
        else:
            words = inner.split()
            k = bisect_left(said, s0)
            said_here = k < len(said) and said[k] < quote.start
            if len(words) > 1 or not words or said_here or _MENTION.search(before) or \
                    any(w[:1].isupper() for w in words) or not determiner_before(before):
                continue  # evidence of irony: a determiner before a word or two ('the “peace” talks')
        out.append(Span.of(text, quote.start, quote.end, "loaded", label="scare quote", why=why,
                           alternative=alternative, voice="author"))
    return out


def _intense_words(text: str, doc: Document, threshold: float) -> list[Span]:
    pattern, strong = _intensity_pattern(threshold)
    out = []
    for m in pattern.finditer(text):
        word = m.group().lower()
        valence = strong.get(word)
        if valence is None:
            continue
        feeling = "negative" if valence < 0 else "positive"
        why = (f"People who rated words for the VADER list scored '{m.group()}' {valence:+.1f} on a scale from −4 "
               f"to +4: a strongly {feeling} word. A plainer word would say what happened with less feeling.")
        voice, speaker = doc.voice(m.start(), m.end())
        out.append(Span.of(text, m.start(), m.end(), "loaded", label="emotive word", why=why,
                           alternative="(a plainer word, or describe what happened)", voice=voice, speaker=speaker))
    return out


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps one of ``ranges`` (sorted by start; none longer than 200 characters)."""
    i = bisect_left(ranges, (start - 200, 0))
    while i < len(ranges) and ranges[i][0] < end:
        if ranges[i][1] > start:
            return True
        i += 1
    return False


def find_loaded(text: str | Document, *, headline: bool = True, intensity: float | None = None) -> list[Span]:
    """Loaded words and scare quotes in ``text`` (a string or its document), in order; a word of a person's
    name ("Rachel Crooks") is not loaded. ``headline``: the first line is a headline. ``intensity`` (off by
    default): also mark every word that VADER's list rates at least this strongly emotional (e.g. 2.5 on
    its scale of −4 to +4), labelled "emotive word": more candidates to discuss, but on real news only about one in six of them is loaded wording
    (``data/lexicons/README.md``).

    >>> [(s.text, s.voice) for s in find_loaded("Head\\n\\nThe dictator said the West wants a bloodbath.")]
    [('dictator', 'author'), ('bloodbath', 'reported')]
    >>> [(s.text, s.label) for s in find_loaded("Head\\n\\nA beautiful scene of carnage.", intensity=2.0)]
    [('beautiful', 'emotive word'), ('carnage', 'emotive noun')]
    """
    doc = as_document(text, headline=headline)
    text = doc.text
    if not text.strip():
        return []
    matches = [(m, m.entry) for m in doc.hits["loaded"]]
    out = []
    named: set[str] = set()  # event nouns the text has used in a name ("the Las Vegas massacre")
    for m, entry in matches:
        if entry is None:
            continue
        if text[m.start()].isupper() and doc.names.mention_at(m.start(), m.end()) is not None:
            continue  # part of a person's name: "Rachel Crooks", "Phil Noble"
        if _in_title(text, doc, m):
            continue  # part of a name: "the Foreign Corrupt Practices Act"
        if "in-name" in entry.context.split("+") and _event_name(text, m, named, entry.term):
            continue  # the name of an event, not the writer's word for it
        voice, speaker = doc.voice(m.start(), m.end())
        if not _context_ok(entry, text, m, voice):
            continue
        out.append(Span.of(text, m.start(), m.end(), "loaded", label=entry.category, why=entry.why,
                           alternative=entry.alternative, voice=voice, speaker=speaker))
    out += _scare_quotes(text, doc, [(s.start, s.end) for s in out])
    if intensity is not None:
        taken = sorted((o.start, o.end) for o in out)
        out += [s for s in _intense_words(text, doc, intensity) if not _overlaps(taken, s.start, s.end)]
    out.sort(key=lambda s: (s.start, -s.end))
    unique = []
    for span in out:
        if unique and span.start < unique[-1].end:
            continue
        unique.append(span)
    return unique
