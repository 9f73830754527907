"""Reporting verbs as attribution cues ("said", "claimed", "pointed out"): where each may be a verb and
not a noun or a name, what must follow it (``context`` in ``data/lexicons/reporting-verbs.csv``), and
its source, before or after it."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .cue_span import determiners, in_direct_quote, make_cue, organisation_before
from .document import Document
from .sources import classify, clause_subject, not_a_source, source_after, source_before, source_noun, trim_tail
from ..span import Span
from ..text.lexicon import Entry, form_index, load_lexicon, word_class, words_pattern
from ..text.names import name_kind

# Patterns used in loops, compiled once.
_RE1 = re.compile(r"\s*([“\"‘']|[,:]|[\w’'-]+)")
_RE2 = re.compile(r"\s+(?:[\w’'.-]+\s+){0,9}?(?:[“\"‘']|an?\s)")
_RE3 = re.compile(r"\bas\b")
_RE4 = re.compile(r"[?”\"]\s*[\w\s.]{0,40}$")
_RE6 = re.compile(r"([\w’'-]+)\s+([\w’'-]+)\s+$")
_PARTICIPLE_AFTER = re.compile(r"(?:,|\b(?:by|for|from|after|before|while|without|of|in|on|about|over|when))\s*"
                               r"(?:\w+ly\s+)?$")  # "…, telling supporters", "for saying that"
_AND_BEFORE = re.compile(r"\b(?:and|but)\s*$")  # "… reported that … but (has) said …", before trim_tail
_BE_BEFORE = re.compile(r"\s+(?:is|are|was|were|am|be|been)\s+$")
_COMMA = re.compile(r",\s+")
_NEGATED = re.compile(r"(?:\bnot|n[’']t|\bnever)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PAREN_BEFORE = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_IT_BEFORE = re.compile(r"(?<![\w’'-])[Ii]t(?:\s+(?:also|has|have|had|again|then|later|now|\w+ly))*\s*$")
_WHO_CLAUSE = re.compile(r"\s+who\s+[^,;:“”\"()]{3,80}$")  # a relative clause between the subject and its verb
_RELATIVE_BEFORE = re.compile(r"(?:,\s*)?\b(?:(?:many|most|some|all|several|both|one|none) of (?=whom))?"
                              r"(?:who|whom|which)\s*$")
_ASIDE_BEFORE = re.compile(r"(?:,\s+(?:who\b|which\b)?(?:[^,;:“”\"]|,(?=\d)|(?<=\d),){2,160},|\s(?:--|[–—])\s[^–—]{2,160}"
                           r"\s(?:--|[–—]))\s*$")
_RE9 = re.compile(r"[,”\"’']\s*$")
_RE10 = re.compile(r"\s+it\b")
_RE11 = re.compile(r"\bas\s+$")
_RE12 = re.compile(r",?\s*\bas\s+$")
_RE13 = re.compile(r"\s*(?:that\b|[,:]?\s*[“\"‘'])")
# "in a statement", "in an email": where someone said it, between a reporting verb and what was said
_SAID_IN = re.compile(r"\s+(?:in|on|via|during|at)\s+(?:a|an|the|his|her|their|its)?\s*(?:[\w-]+\s+)?(?:email|statement|"
                      r"letter|interview|tweet|post|posting|memo|op-ed|speech|message|video|briefing|release|call|"
                      r"report|book|column|blog|conference|hearing|podcast|broadcast|show|rally|television|radio|"
                      r"twitter|facebook)\b", re.IGNORECASE)
_THEN_THAT = re.compile(r"\s+(?:in|on|at|during|after|before|last|this|earlier)\s+(?:[\w’'-]+\s+){0,3}?that\b")
_NUMBER_NEXT = re.compile(r"\s*[$£€]?\d")
_BEFORE_QUOTE = re.compile(r"\s*[,:]\s*[“\"]")
_PREPOSITIONS = {"in", "on", "at", "for", "with", "by", "from", "of", "about", "into", "onto", "over", "under", "up",
                 "down", "out", "off", "me", "him", "her", "us", "them", "you", "it", "so", "too", "."}
_QUESTION_NEXT = {",", ":", "“", '"', "whether", "if", "why", "how", "what", "when", "who", "where"}


def _last_word(before: str) -> str:
    r"""The last word of ``before`` with its apostrophes and hyphens ("Moscow’s", "so-called"), marks after
    it skipped: what ``([\w’'-]+)\W*$`` finds ("" when ``before`` holds no word character)."""
    q = len(before) - 1
    while q >= 0 and not (before[q].isalnum() or before[q] == "_"):
        q -= 1
    if q < 0:  # no word character: the first run of apostrophes and hyphens, if any
        p = next((i for i, ch in enumerate(before) if ch in "’'-"), None)
        if p is None:
            return ""
        r = p
        while r < len(before) and before[r] in "’'-":
            r += 1
        return before[p:r]
    p, r = q, q + 1
    while p > 0 and (before[p - 1].isalnum() or before[p - 1] in "_’'-"):
        p -= 1
    while r < len(before) and before[r] in "’'-":
        r += 1
    return before[p:r]


def _ends_with(text: str, lo: int, end: int, endings: tuple[str, ...]) -> bool:
    """Whether ``text[lo:end]``, white space at its end left out, ends with one of ``endings``: a quick test
    before a pattern anchored at the end, which the regex engine tries at every position."""
    k = end
    while k > lo and text[k - 1].isspace():
        k -= 1
    return text.endswith(endings, lo, k)


def _next_word(text: str, pos: int, hi: int) -> str:
    m = _RE1.match(text, pos, hi)
    return m.group(1).lower() if m else ""


def _context_ok(entry: Entry, text: str, m: re.Match, s1: int, nxt: str, first: bool = False) -> bool:
    """Whether the words after the verb fit what ``entry`` needs there; ``nxt`` is the next word, ``first``:
    the verb starts its sentence. Rules joined with "+" must all hold."""
    context = entry.context
    if "+" in context:
        return all(_context_ok(replace(entry, context=part), text, m, s1, nxt, first) for part in context.split("+"))
    after = text[m.end():s1]
    if context.startswith("before:"):
        return nxt in context[7:].split("|")  # only before these words, even at the end of a sentence
    if context == "before-quote":  # "She continued, “…”", "He went on: “…”"
        return _BEFORE_QUOTE.match(after) is not None
    if context == "calling":  # "called it a mistake", "called Oz a quack", "called his behaviour “outrageous”"
        return _RE2.match(after) is not None
    if not after.strip(" .,;!?”\"’'"):
        return True  # the verb ends the sentence: "…, local media reported."
    if context == "before-as":
        return _RE3.search(after[:80]) is not None
    if context == "before-that":
        return nxt == "that"
    if context == "before-clause":
        return nxt not in _PREPOSITIONS or _SAID_IN.match(text, m.end(), s1) is not None \
            or _THEN_THAT.match(after) is not None  # "reported at the time that …"
    if context == "question":  # "asked whether", "“…?” she asked", "Asked about the plan, he said …"
        return nxt in _QUESTION_NEXT or first or _RE4.search(text[max(0, m.start() - 60):m.start()]) is not None
    if context == "own-view":
        return True  # not about the words after it (see attribution.without_own_views)
    if context.startswith("not-before:"):
        return words_pattern(context[11:], before=False).match(text[m.end():m.end() + 40].lower()) is None
    if context == "not-before-number":  # "would add $84 billion", "added 20,000 jobs": a sum, not words
        return _NUMBER_NEXT.match(text, m.end(), s1) is None
    return True


@lru_cache(maxsize=1)
def _describers() -> frozenset[str]:
    """Nationality and party words: they describe the word after them, and only with a determiner ("a
    Republican") can they be its subject."""
    places = load_lexicon("places")
    return frozenset(e.term.lower() for e in places if e.category == "demonym") | word_class(
        "name-words", "party adjective")


@lru_cache(maxsize=1)
def _days() -> frozenset[str]:
    """Days, months and feasts ("her Monday briefing"): never the subject of the word after them."""
    return word_class("name-words", "not a name")


_DET_NAME_BEFORE = re.compile(r"\b(?:a|an|the|his|her|its|their|our|this|that)\s+(?:[A-Z][\w’'.&-]*\s+){1,4}$")
# what follows a noun rather than a reporting verb: the end of the clause, or "against", "from", "of" …
_NOUN_NEXT = frozenset({"", ",", "against", "from", "of", "for", "over", "by"})


@lru_cache(maxsize=1)
def _prepositions() -> frozenset[str]:
    return word_class("grammar", "preposition") | {"of"}


@lru_cache(maxsize=1 << 12)
def _noun_before(word: str) -> bool:
    """True when ``word`` (the word before a cue that can be a noun) is a lower-case noun that cannot be
    the cue's subject: "research" in "a research note", not "officials", "he", "also" or "to"."""
    if not word.isalpha() or not word.islower() or word.endswith("ly") or source_noun(word):
        return False
    return word not in word_class("grammar", "before a verb", "auxiliary", "person pronoun", "author pronoun",
                                  "group pronoun", "not a source", "clause word", "skippable") and word != "to"


def _before_space(text: str, lo: int, end: int) -> int:
    """``end`` moved back over the spaces before it (not before ``lo``)."""
    while end > lo and text[end - 1].isspace():
        end -= 1
    return end


def _subject_before(text: str, doc: Document, s0: int, det: int, end: int) -> bool:
    """True when the words before a determiner are part of the clause's subject, so the word after it is a
    verb: "Political observers around the country say", "officials from both parties say"."""
    subject = clause_subject(text, s0, end, doc.names)
    return subject is not None and subject[0] < det


def verb_cues(text: str, doc: Document, people: dict) -> list[Span]:
    index = form_index("reporting-verbs")
    found: list[Span] = []
    first_line_end = text.find("\n") if "\n" in text else len(text)
    any_determiner = determiners()
    noun_determiners = any_determiner - word_class("grammar", "quantifier")
    after_noun = _PREPOSITIONS | {"than", "and", "or"}
    for m in doc.hits["reporting-verbs"]:
        entry = m.entry
        m0, m1, group = m.start(), m.end(), m.group()
        s0, s1 = doc.sentence_at(m0)
        if in_direct_quote(doc, m0, m1):
            continue  # "“I think …”": the quoted speaker's own words, not the article's attribution
        headline = m0 < first_line_end
        if group[0].isupper() and m0 != s0 and not headline:
            continue  # "Washington Post", "United States": a name, not a verb
        before = text[max(s0, m0 - 30):m0]
        prev = _last_word(before)
        prev_word = prev.lower()
        word = group.split()[0].lower()
        nxt = _next_word(text, m1, s1)
        as_name = name_kind(f"{prev} {group}") if headline and group[0].isupper() and prev else ""
        if as_name and (as_name != "person" or word == entry.term.split()[0]):
            continue  # "Washington Post Hit Piece …": a name in a headline; but "Lindsey Graham Says"
        form = word
        could_be_noun = form == entry.term.split()[0] or form.endswith(("s", "ing"))  # never "said", "told"
        two_back = _RE6.search(before) if could_be_noun else None
        if two_back and two_back.group(1).lower() in any_determiner \
                and not classify(two_back.group(2)) and not source_noun(two_back.group(2)) \
                and not _subject_before(text, doc, s0, m0 - len(before) + two_back.start(), m0):
            continue  # "the same promise", "a stern warning": a noun
        after_determiner = two_back is not None and two_back.group(1).lower() in any_determiner
        if could_be_noun and (prev_word in _days() and after_determiner
                              or prev_word in _describers() and not after_determiner):
            continue  # "Republican claims that …", "Russian demands", "her Monday briefing": a noun
        if could_be_noun and not form.endswith("ing") and (prev_word in _prepositions() or nxt in _NOUN_NEXT and (
                _noun_before(prev) or _DET_NAME_BEFORE.search(before))):
            continue  # "a flurry of tweets", "an execution request from …", "the New York Times report.": a noun
            # ("for saying" is a verb)
        if could_be_noun and prev_word in ("every", "each", "another", "no") and form == entry.term.split()[0]:
            continue  # "fired every question", "no comment": a noun after a word that counts one thing
        if prev_word in noun_determiners or prev_word.endswith(("’s", "'s")) and (
                could_be_noun or form.endswith(("ed", "ing"))) or \
                prev_word in ("is", "are", "was", "were", "be", "been", "being") and not form.endswith("ing"):
            continue  # a noun ("the report", "Moscow’s claims") or a passive ("is seen"); not "are urging"
        if form.endswith("s") and nxt.endswith(("ing", "ed")) and index.get(nxt) is not None:
            continue  # "reports suggesting", "claims made": the first word is a noun
        if not _context_ok(entry, text, m, s1, nxt, m0 == s0):
            continue
        if (prev_word in ("not", "never") or prev_word.endswith(("n't", "n’t", "ly"))) \
                and _NEGATED.search(text, max(s0, m0 - 30), m0):
            continue  # "did not respond", "wouldn't tell": nothing was said, so nothing is attributed
        if entry.context == "person-subject" and could_be_noun and nxt in after_noun:
            continue  # "his TV show than …", "the show on Sunday": a noun
        src = named = None
        if word.endswith(("ing", "ed")) and (m0 == s0 or text[s0:m0].strip() in ("", "“", '"')) \
                and text.find(", ", m1, s1) != -1:
            comma = text.find(", ", m1, s1)  # "Pointing out that …, Lukashenko accused …"
            while comma != -1 and src is None:
                src = source_after(text, comma + 2, s1)
                if src and (not_a_source(text[src[0]:src[1]])
                            or not classify(text[src[0]:src[1]], doc.names)):
                    src = None
                if src is None:
                    comma = text.find(", ", comma + 2, s1)
        elif (word.endswith("ing") and _PARTICIPLE_AFTER.search(text, max(s0, m0 - 40), m0)) or \
                _ends_with(text, s0, (before_verb := trim_tail(text, s0, m0)), ("and", "but")) \
                and _AND_BEFORE.search(text, max(s0, m0 - 40), before_verb):
            # "…, telling supporters …", "… reported that … but said …": the sentence's subject
            earlier = []
            for a in reversed(found):
                if a.start < s0:
                    break
                if a.source is not None:
                    earlier.insert(0, a)
            if earlier:
                src = (earlier[0].source.start, earlier[0].source.end)
            else:  # the subject of the first clause that has one: "On Monday, Trump spoke …, promising"
                for start in [s0] + [c.end() for c in _COMMA.finditer(text, s0, m0)]:
                    subject = source_after(text, start, m0)
                    if subject and not not_a_source(text[subject[0]:subject[1]]) \
                            and classify(text[subject[0]:subject[1]], doc.names):
                        src = subject
                        break
        else:
            end = m0
            be = _BE_BEFORE.search(text, max(s0, end - 12), end) if form.endswith("ing") else None
            if be:  # "Fellow Republicans are urging", "leaders have been demanding"
                end = be.start()
            paren = _PAREN_BEFORE.search(text, max(s0, end - 60), end) if _ends_with(text, s0, end, (")",)) else None
            if paren:  # "Gov. Mike Pence (R-IN) said"
                end = paren.start()
            src = source_before(text, s0, end)
            if src is None:
                tail = trim_tail(text, s0, end)
                relative = _RELATIVE_BEFORE.search(text, max(s0, end - 80), tail) \
                    if _ends_with(text, s0, tail, ("who", "whom", "which")) else None
                if relative:  # "the AP, which first reported", "Mr. Kamin, who emphasized"
                    src = source_before(text, s0, relative.start())
            if src is None:
                aside = _ASIDE_BEFORE.search(text, max(s0, end - 200), end) \
                    if _ends_with(text, s0, end, (",", "-", "–", "—")) else None
                if aside:  # "The researchers, who followed …, found", "X, an economist at Y, said"
                    before_aside = aside.start()
                    paren = _PAREN_BEFORE.search(text, max(s0, before_aside - 60), before_aside)
                    src = source_before(text, s0, paren.start() if paren else before_aside)  # "X (R-Ohio), a …,"
            if src is None and _RE9.search(text, max(s0, end - 4), end):
                src = source_after(text, m1, s1)  # “…,” said Jo Smith
            if src is None:
                src = clause_subject(text, s0, end, doc.names)  # "Political observers in Virginia and beyond say"
            if src is None and prev_word != "to" and (who := _WHO_CLAUSE.search(text, max(s0, end - 90), end)):
                src = source_before(text, s0, who.start())  # "officials who spoke on condition of anonymity said"
            if src is None and (tail := _before_space(text, s0, trim_tail(text, s0, end))) > s0 \
                    and (person := doc.names.mention_at(tail - 1, tail)) is not None and person.end == tail:
                src = named = person.start, person.end  # "Mrs. May said", "May told reporters": a person named
            if src is None and (it := _IT_BEFORE.search(text, max(s0, end - 40), end)) \
                    and organisation_before(text, it.start()):
                src = it.start(), it.start() + 2  # "The company cut jobs. It said …": "it" stands for the company
        if src is None or src != named and not_a_source(text[src[0]:src[1]]) and text[src[0]:src[1]].lower() != "it":
            continue
        if entry.context == "person-subject" and (classify(text[src[0]:src[1]], doc.names) not in (
                "named person", "role", "anonymous", "vague", "author", "organisation")
                or text[src[0]:src[1]].split()[-1].lower() in word_class("grammar", "evidence noun")
                and text[m1:s1].strip(" .;”\"’'")[:1] not in ("", ",")
                and not (nxt == "that"
                         and text[src[0]:src[1]].split()[-1].lower() in word_class("grammar", "finding noun"))):
            continue  # "the data show a rise": evidence as proof (a booster); "…, the data showed." and
            # "a poll shows that …" (a survey's finding, reported) attribute
        after = text[m1:s1]
        if _RE10.match(after):  # "as Mr. Putin refers to it": the quoted term before
            quote = next((q for q in doc.quotes_between(s0, src[0]) if q.end <= src[0]), None)
            content = quote.meta["inner"] if quote else (m1, m1)
        elif src[1] <= m0 and _RE11.search(text[s0:src[0]]):
            content = (s0, s0 + _RE12.search(text[s0:src[0]]).start())  # …, as X announced
        elif src[1] <= m0:
            substantial = _RE13.match(after) or len(after.split()) > 3
            content = (m1, s1) if substantial else (s0, max(s0, src[0] - 2))
        else:
            content = (m1, src[0]) if m0 == s0 else (s0, m0)
        found.append(make_cue(text, doc, people, m0, m1, src, entry.category, content, "reporting verb"))
        if "own-view" in entry.context.split("+"):
            found[-1].meta["own view"] = True  # see attribution.without_own_views
    return found
