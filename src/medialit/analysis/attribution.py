"""Attribution: who says so. ``find_attributions(text)`` finds each cue, its source and what it signals.

An attribution is a **cue** that presents something as coming from a **source**:

- a reporting verb ("said", "claimed", "pointed out"), before or after its source;
- "according to X", "as provided by X";
- a reporting noun with its source ("Moscow’s claims that", "allegations made by officials",
  "amid fears that" with no source at all);
- an agentless passive ("is seen as", "it is believed that"): a claim with no source;
- quote marks with a speaker, when no verb introduces the quote.

Each attribution is a ``Span`` (``kind="attribution"``) over the cue, with ``source`` (a ``Span``
whose ``label`` is the source type, or ``None``), ``stance`` (neutral / distancing / endorsing,
from ``data/lexicons/reporting-verbs.csv``), ``label`` "direct quote" or "paraphrase", ``why``,
``voice``, and ``meta["content"]``: the range of what is attributed.

A pronoun or a description ("The Belarusian strongman") that refers to a person the article names is
typed "named person", and its ``why`` says who it refers to. Stance is read in context: an endorsing
verb ("pointed out") is neutral when the writer distances itself from the same source elsewhere
("claimed", "parroted", "strongman").

>>> text = "Critics claimed the vote was rigged, according to local reports."
>>> [(a.text, a.source.text, a.source.label, a.stance) for a in find_attributions(text)]
[('claimed', 'Critics', 'vague', 'distancing'), ('according to', 'local reports', 'vague', 'neutral')]
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from .document import Document, Reported, as_document, fresh
from ..text.names import name_kind
from ..text.segments import headline_end
from ..text.lexicon import Entry, form_index, word_class
from .people import described_person, person_index
from .sources import classify, clause_subject, not_a_source, source_after, source_before, source_noun
from .stance import stance_in_context
from ..span import Span

# Patterns used in loops, compiled once.
_RE1 = re.compile(r"\s*([“\"‘']|[,:]|[\w’'-]+)")
_RE2 = re.compile(r"\s+(?:[\w’'.-]+\s+){0,6}?(?:[“\"‘']|an?\s)")
_RE3 = re.compile(r"\bas\b")
_RE4 = re.compile(r"[?”\"]\s*[\w\s.]{0,40}$")
_RE5 = re.compile(r"([\w’'-]+)\W*$")
_RE6 = re.compile(r"([\w’'-]+)\s+([\w’'-]+)\s+$")
_PARTICIPLE_AFTER = re.compile(r"(?:,|\b(?:by|for|from|after|before|while|without|of|in|on|about|over|when))\s*"
                               r"(?:\w+ly\s+)?$")  # "…, telling supporters", "for saying that"
_AND_BEFORE = re.compile(r"\b(?:and|but)\s+(?:\w+ly\s+)?$")  # "… reported that … but said …"
_PAREN_BEFORE = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_RELATIVE_BEFORE = re.compile(r"(?:,\s*)?\b(?:who|which)\s+(?:[a-z]+ly\s+|also\s+|then\s+|had\s+|has\s+|have\s+)*$")
_ASIDE_BEFORE = re.compile(r"(?:,\s+(?:who\b|which\b)?(?:[^,;:“”\"]|,(?=\d)){2,160},|\s(?:--|[–—])\s[^–—]{2,160}"
                           r"\s(?:--|[–—]))\s*$")
_RE9 = re.compile(r"[,”\"’']\s*$")
_RE10 = re.compile(r"\s+it\b")
_RE11 = re.compile(r"\bas\s+$")
_RE12 = re.compile(r",?\s*\bas\s+$")
_RE13 = re.compile(r"\s*(?:that\b|[,:]?\s*[“\"‘'])")
_RE14 = re.compile(r"([\w.-]+)[’']s?\s+$")
_RE15 = re.compile(r"\s+(?:made\s+|issued\s+|levelled\s+|leveled\s+|voiced\s+)?by\s+")
_RE16 = re.compile(r"\b(?:made|makes|make|making|voiced|raised|repeated|levelled|leveled)\s+$")
_RE17 = re.compile(r"\s+(?:that\b|[:,]?\s*[“\"‘'])")
_RE18 = re.compile(r"\s+(?:over|for|that|about)\b")
_RE19 = re.compile(r"\s+that\b")
_RE20 = re.compile(r"\s*,")
_RE21 = re.compile(r"[ ,:]*")
_RE22 = re.compile(r":\s*$")
_RE23 = re.compile(r"\s([a-z][\w’'-]*)\s*$")
_RE24 = re.compile(r",\s*$")
_RE25 = re.compile(r",\s+(?:\w+ly\s+)?(?:according|including)")


STANCE_WHY = {
    "neutral": "a neutral reporting word",
    "distancing": "a distancing word: the writer keeps away from the claim",
    "endorsing": "an endorsing word: the writer treats the claim as true",
}
TYPE_WHY = {
    "named person": "a named person",
    "role": "a role or description, not a name",
    "organisation": "an organisation or outlet",
    "anonymous": "unnamed people",
    "vague": "a vague source nobody can check",
    "author": "the writer themself",
    "none": "no source at all",
}
_CLAUSE_START = {"that", "the", "a", "an", "he", "she", "it", "they", "we", "i", "this", "his", "her", "their",
                 "there", "to", "if", "whether", "how", "what", "why"}
# Patterns over a whole text start with a plain character class, which the regex engine scans for quickly
# (a leading lookbehind or \b makes it try every position): the lookbehind after it keeps whole words.
_PASSIVE = re.compile(
    r"[iawbIAWB](?<![\w][iawbIAWB])(?i:(?<=[iI])s|(?<=[aA])re|(?<=[wW])as|(?<=[wW])ere|(?<=[bB])e(?:en|ing)?)"
    r"\s+(?:not\s+|widely\s+|generally\s+|often\s+|also\s+|still\s+|now\s+|[a-z]+ly\s+)*"
    r"(?P<cue>seen|said|believed|thought|reported|considered|regarded|viewed|expected|understood|alleged|"
    r"rumou?red|claimed|described|feared|estimated|announced|suspected|called|critici[sz]ed|mentioned|accused|"
    r"quoted|praised|condemned|blamed|label(?:l)?ed|dubbed|branded|cited|touted|hailed|urged|warned|told)"
    r"\s+(?P<next>as|to|that|by|an?|for|of)\b",
    re.IGNORECASE)
# "in a statement", "in an email": where someone said it, between a reporting verb and what was said
_SAID_IN = re.compile(r"\s+(?:in|on|via|during|at)\s+(?:a|an|the|his|her|their|its)?\s*(?:[\w-]+\s+)?(?:email|statement|"
                      r"letter|interview|tweet|post|posting|memo|op-ed|speech|message|video|briefing|release|call|"
                      r"report|book|column|blog|conference|hearing|podcast|broadcast|show|rally|television|radio|"
                      r"twitter|facebook)\b", re.IGNORECASE)
_SPEAKER_COLON = re.compile(r"[\"“]?(?P<who>[A-Z][\w.’'-]*(?:[ \t][A-Z][\w.’'-]*){0,2})(?P<cue>:)[ \t]+(?=\S)")
_LINE_START = re.compile(r"\n")
_BEFORE_QUOTE = re.compile(r"\s*[,:]\s*[“\"]")
_DASH = re.compile(r"[―—–]|--")
_DASH_AFTER_QUOTE = re.compile(r"(?P<cue>[―—–]|--)[ \t]*(?P<who>[A-Z][\w.’'-]*(?:[ \t][A-Z][\w.’'-]*){0,3})")
_ACCORDING = re.compile(r"[aAcC](?<![\w][aAcC])(?i:(?<=[aA])ccording to|(?<=[aA])s (?:provided|reported|stated|"
                        r"announced|told) by|(?<=[cC])iting)\s+")
_PREPOSITIONS = {"in", "on", "at", "for", "with", "by", "from", "of", "about", "into", "onto", "over", "under", "up",
                 "down", "out", "off", "me", "him", "her", "us", "them", "you", "it", "so", "too", "."}
_QUESTION_NEXT = {",", ":", "“", '"', "whether", "if", "why", "how", "what", "when", "who", "where"}
_ING_BOUNDARY = re.compile(r",\s+(?:\w+ly\s+)?\w+ing\b")
# "has faced (domestic and international) criticism over …": a reporting noun received, not made
_FACED = re.compile(r"\b(?:fac(?:e|es|ed|ing)|dr(?:aw|aws|ew|awn|awing)|attract(?:s|ed|ing)?|receiv(?:e|es|ed|ing)|"
                    r"sparked|prompted|triggered)\s+(?:(?:[\w-]+,?|and)\s+){0,4}$", re.IGNORECASE)


_FINDINGS = frozenset(("poll", "polls", "survey", "surveys", "study", "studies", "report", "reports", "analysis",
                       "research", "results"))


def _determiners() -> frozenset[str]:
    return word_class("grammar", "article", "demonstrative", "possessive", "quantifier")


def _stance_why(cue: str, stance: str, source_type: str) -> str:
    return (f"“{cue}” is {STANCE_WHY.get(stance, 'a reporting word')}; "
            f"the source is {TYPE_WHY.get(source_type, 'unclear')}.")


def _make(text: str, doc: Document, people: dict, c0: int, c1: int, src: tuple[int, int] | None, stance: str,
          content: tuple[int, int], cue_kind: str) -> Span:
    if src is None:
        source, kind = None, "none"
    else:
        phrase = text[src[0]:src[1]]
        kind = classify(phrase, doc.names)
        meta = {}
        if phrase.lower() in ("he", "she"):
            who = doc.names.person_before(src[0])
            kind = "named person" if who else "anonymous"
            if who:
                meta["refers_to"] = who
        elif kind == "role":  # "The Belarusian strongman" after "Belarusian President Alexander Lukashenko"
            who = described_person(text, src[0], src[1], people)
            if who:
                kind, meta["refers_to"] = "named person", who
        source = Span.of(text, src[0], src[1], "source", label=kind or "organisation", meta=meta)
        kind = source.label
    voice, speaker = doc.voice(c0, c1)
    why = _stance_why(text[c0:c1], stance, kind)
    if source is not None and source.meta.get("refers_to"):
        why = why[:-1] + f": “{source.text}” refers to {source.meta['refers_to']}, whom the article names."
    return Span.of(text, c0, c1, "attribution", label="paraphrase", stance=stance,
                   why=why, source=source, voice=voice, speaker=speaker,
                   meta={"content": content, "cue": cue_kind})


def _next_word(text: str, pos: int, hi: int) -> str:
    m = _RE1.match(text[pos:hi])
    return m.group(1).lower() if m else ""


def _context_ok(entry: Entry, text: str, m: re.Match, s1: int) -> bool:
    context = entry.context
    after = text[m.end():s1]
    nxt = _next_word(text, m.end(), s1)
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
        return nxt not in _PREPOSITIONS or _SAID_IN.match(text, m.end(), s1) is not None
    if context == "question":
        return nxt in _QUESTION_NEXT or _RE4.search(text[max(0, m.start() - 60):m.start()]) \
            is not None
    if context.startswith("not-before:"):
        return not any(after.lstrip().lower().startswith(w) for w in context[11:].split("|"))
    return True


def _in_direct_quote(doc: Document, start: int, end: int) -> bool:
    quote = doc.quote_at(start, end)
    return quote is not None and quote.label == "direct quote"


def _verb_cues(text: str, doc: Document, people: dict) -> list[Span]:
    index = form_index("reporting-verbs")
    found: list[Span] = []
    first_line_end = text.find("\n") if "\n" in text else len(text)
    for m in doc.hits["reporting-verbs"]:
        entry = m.entry
        s0, s1 = doc.sentence_at(m.start())
        if _in_direct_quote(doc, m.start(), m.end()):
            continue  # "“I think …”": the quoted speaker's own words, not the article's attribution
        before = text[max(s0, m.start() - 30):m.start()]
        prev = _RE5.search(before)
        prev_word = prev.group(1).lower() if prev else ""
        word = m.group().split()[0].lower()
        nxt = _next_word(text, m.end(), s1)
        headline = m.start() < first_line_end
        if m.group()[0].isupper() and m.start() != s0 and not headline:
            continue  # "Washington Post", "United States": a name, not a verb
        if headline and m.group()[0].isupper() and prev and name_kind(f"{prev.group(1)} {m.group()}"):
            continue  # "Washington Post Hit Piece …": a name in a headline
        form = m.group().split()[0].lower()
        could_be_noun = form == entry.term.split()[0] or form.endswith(("s", "ing"))  # never "said", "told"
        two_back = _RE6.search(before)
        if could_be_noun and two_back and two_back.group(1).lower() in _determiners() \
                and not classify(two_back.group(2)) and not source_noun(two_back.group(2)):
            continue  # "the same promise", "a stern warning": a noun
        if prev_word in _determiners() - word_class("grammar", "quantifier") or prev_word.endswith(("’s", "'s")) or \
                prev_word in ("is", "are", "was", "were", "be", "been", "being"):
            continue  # a noun ("the report", "Moscow’s claims") or a passive ("is seen")
        if form.endswith("s") and nxt.endswith(("ing", "ed")) and index.get(nxt) is not None:
            continue  # "reports suggesting", "claims made": the first word is a noun
        if not _context_ok(entry, text, m, s1):
            continue
        if entry.context == "person-subject" and could_be_noun and nxt in _PREPOSITIONS | {"than", "and", "or"}:
            continue  # "his TV show than …", "the show on Sunday": a noun
        src = None
        if word.endswith(("ing", "ed")) and (m.start() == s0 or text[s0:m.start()].strip() in ("", "“", '"')) \
                and text.find(", ", m.end(), s1) != -1:
            comma = text.find(", ", m.end(), s1)  # "Pointing out that …, Lukashenko accused …"
            while comma != -1 and src is None:
                src = source_after(text, comma + 2, s1)
                if src and (not_a_source(text[src[0]:src[1]])
                            or not classify(text[src[0]:src[1]], doc.names)):
                    src = None
                if src is None:
                    comma = text.find(", ", comma + 2, s1)
        elif (word.endswith("ing") and _PARTICIPLE_AFTER.search(text, max(s0, m.start() - 40), m.start())) or \
                _AND_BEFORE.search(text, max(s0, m.start() - 40), m.start()):
            # "…, telling supporters …", "… reported that … but said …": the sentence's subject
            earlier = []
            for a in reversed(found):
                if a.start < s0:
                    break
                if a.source is not None:
                    earlier.insert(0, a)
            if earlier:
                src = (earlier[0].source.start, earlier[0].source.end)
            else:
                subject = source_after(text, s0, m.start())
                if subject and classify(text[subject[0]:subject[1]], doc.names):
                    src = subject
        else:
            end = m.start()
            paren = _PAREN_BEFORE.search(text, max(s0, end - 60), end)
            if paren:  # "Gov. Mike Pence (R-IN) said"
                end = paren.start()
            src = source_before(text, s0, end)
            if src is None:
                relative = _RELATIVE_BEFORE.search(text, max(s0, end - 80), end)
                if relative:  # "the AP, which first reported", "Mr. Kamin, who emphasized"
                    src = source_before(text, s0, relative.start())
            if src is None:
                aside = _ASIDE_BEFORE.search(text, max(s0, end - 200), end)
                if aside:  # "The researchers, who followed …, found", "X, an economist at Y, said"
                    before_aside = aside.start()
                    paren = _PAREN_BEFORE.search(text, max(s0, before_aside - 60), before_aside)
                    src = source_before(text, s0, paren.start() if paren else before_aside)  # "X (R-Ohio), a …,"
            if src is None and _RE9.search(text, max(s0, end - 4), end):
                src = source_after(text, m.end(), s1)  # “…,” said Jo Smith
            if src is None:
                src = clause_subject(text, s0, end, doc.names)  # "Political observers in Virginia and beyond say"
        if src is None or not_a_source(text[src[0]:src[1]]):
            continue
        if entry.context == "person-subject" and (classify(text[src[0]:src[1]], doc.names) not in (
                "named person", "role", "anonymous", "vague", "author", "organisation")
                or text[src[0]:src[1]].split()[-1].lower() in word_class("grammar", "evidence noun")
                and text[m.end():s1].strip(" .;”\"’'")[:1] not in ("", ",")
                and not (nxt == "that" and text[src[0]:src[1]].split()[-1].lower() in _FINDINGS)):
            continue  # "the data show a rise": evidence as proof (a booster); "…, the data showed." and
            # "a poll shows that …" (a survey's finding, reported) attribute
        after = text[m.end():s1]
        if _RE10.match(after):  # "as Mr. Putin refers to it": the quoted term before
            quote = next((q for q in doc.quotes_between(s0, src[0]) if q.end <= src[0]), None)
            content = quote.meta["inner"] if quote else (m.end(), m.end())
        elif src[1] <= m.start() and _RE11.search(text[s0:src[0]]):
            content = (s0, s0 + _RE12.search(text[s0:src[0]]).start())  # …, as X announced
        elif src[1] <= m.start():
            substantial = _RE13.match(after) or len(after.split()) > 3
            content = (m.end(), s1) if substantial else (s0, max(s0, src[0] - 2))
        else:
            content = (m.end(), src[0]) if m.start() == s0 else (s0, m.start())
        found.append(_make(text, doc, people, m.start(), m.end(), src, entry.category, content, "reporting verb"))
    return found


def _noun_cues(text: str, doc: Document, people: dict) -> list[Span]:
    found = []
    for m in doc.hits["reporting-nouns"]:
        entry = m.entry
        if _in_direct_quote(doc, m.start(), m.end()):
            continue
        s0, s1 = doc.sentence_at(m.start())
        base = max(s0, m.start() - 120)
        before = text[base:m.start()]
        after = text[m.end():min(s1, m.end() + 120)]
        src = None
        possessive = _RE14.search(before)
        by = _RE15.match(after)
        made = _RE16.search(before)
        if possessive and possessive.group(1)[:1].isupper():
            if not _RE17.match(after):
                continue  # "Trump’s statement was true": a mention of the statement, not a cue with content
            src = source_before(text, s0, base + possessive.end(1))
        elif by:
            src = source_after(text, m.end() + by.end(), s1)
        elif made:
            src = source_before(text, s0, base + made.start())
        elif _FACED.search(before) and _RE18.match(after):
            pass  # "He has faced domestic and international criticism over …": nobody named
        elif not _RE19.match(after) or not m.group().endswith("s") and entry.term in ("report",):
            continue
        if src is not None and not_a_source(text[src[0]:src[1]]):
            continue
        that = _RE19.match(after)
        content = (m.end() + that.end(), s1) if that else (m.end(), m.end())
        found.append(_make(text, doc, people, m.start(), m.end(), src, entry.category, content, "reporting noun"))
    return found


def _phrase_cues(text: str, doc: Document, people: dict) -> list[Span]:
    found = []
    for m in _ACCORDING.finditer(text):
        if _in_direct_quote(doc, m.start(), m.end()):
            continue
        s0, s1 = doc.sentence_at(m.start())
        src = source_after(text, m.end(), s1)
        if src is None:
            continue
        cue_end = m.end() - (len(m.group()) - len(m.group().rstrip()))
        rest = text[src[1]:s1].strip(" .,;")
        label = text[s0:m.start()].strip(" ,")
        if rest and (_RE20.match(text[src[1]:s1]) or not label):
            content = (src[1], s1)
        elif label and len(label.split()) > 4:
            content = (s0, m.start())
        else:  # "Narrative, as provided by X." then the text: the rest of the paragraph or list item
            line_end = text.find("\n", s1)
            content = (s1, len(text) if line_end == -1 else line_end)
        found.append(_make(text, doc, people, m.start(), cue_end, src, "neutral", content, "according to"))
    found += _punctuation_cues(text, doc, people)
    for m in _PASSIVE.finditer(text):
        if _in_direct_quote(doc, m.start(), m.end()):
            continue
        s0, s1 = doc.sentence_at(m.start())
        src = source_after(text, m.end(), s1) if m.group("next").lower() == "by" else None
        cue = m.group("cue").lower()
        stance = "distancing" if cue in ("claimed", "alleged", "rumoured", "rumored") else "neutral"
        found.append(_make(text, doc, people, m.start("cue"), m.end("cue"), src, stance, (m.end("cue"), s1),
                           "passive"))
    return found


_SMALL_WORDS = frozenset(("over", "of", "in", "on", "for", "to", "and", "the", "a", "an", "with", "at", "by", "from"))


def _punctuation_cues(text: str, doc: Document, people: dict) -> list[Span]:
    """Attributions made by punctuation: a speaker's name and a colon ("PENCE: Well, …", a headline such as
    "Pence: Flowers won't be at debate"), and a dash with a name after a quote ("“…” ― Sonya Herridge")."""
    found = []
    line_starts = [0] + [m.end() for m in _LINE_START.finditer(text)]
    for m in filter(None, (_SPEAKER_COLON.match(text, start) for start in line_starts)):
        who = m.group("who")
        if not (who.isupper() or m.start() < headline_end(text, headline=doc.headline)):
            continue  # a transcript's speaker label, or "Name: …" opening a headline
        small = any(w.lower() in _SMALL_WORDS for w in who.split())
        if small or not classify(who, doc.names) or _in_direct_quote(doc, m.start("cue"), m.end("cue")) \
                and not who.isupper():
            continue  # "Stealth Over Health: …" is a title, not a speaker
        line_end = text.find("\n", m.end())
        content = (m.end(), len(text) if line_end == -1 else line_end)
        found.append(_make(text, doc, people, m.start("cue"), m.end("cue"), (m.start("who"), m.end("who")),
                           "neutral", content, "colon"))
    for dash in _DASH.finditer(text):
        close = dash.start() - 1
        while close > 0 and text[close] in " \t":
            close -= 1
        m = _DASH_AFTER_QUOTE.match(text, dash.start()) if text[close:close + 1] in ("”", '"', "’", "'") else None
        if m is None:
            continue
        if not classify(m.group("who"), doc.names):
            continue
        quote = doc.quote_at(close, close + 1)
        if quote is not None:
            content = (quote.start, quote.end)
        else:  # quote marks that do not pair up ("”…” ― Name"): a line that opens with one is the quote
            line = text.rfind("\n", 0, close) + 1
            line_end = text.find("\n", m.end())
            if text[line:line + 1] not in ("“", "”", '"') or text[m.end():len(text) if line_end < 0 else line_end].strip():
                continue
            content = (line, close + 1)
        found.append(_make(text, doc, people, m.start("cue"), m.end("cue"), (m.start("who"), m.end("who")),
                           "neutral", content, "dash"))
    return found


def _introduces(text: str, a: Span, quote: Span) -> bool:
    """True when attribution ``a`` introduces ``quote``: the quote is in what it reports, follows the
    cue directly ("answered, “…”"), or ends right before its source ("“…,” he said")."""
    c0, c1 = a.meta["content"]
    if c0 <= quote.start < c1 and c1 > c0:
        return True
    if quote.start >= a.end and _RE21.fullmatch(text[a.end:quote.start]):
        return True
    return a.source is not None and quote.end <= a.source.start and re.fullmatch(
        r"[ ,]*(?:as )?", text[quote.end:a.source.start]) is not None


def _near(found: list[Span], starts: list[int], quote: Span, reach: int = 600) -> list[Span]:
    """Attributions that start within ``reach`` characters of the quote (``found`` sorted by start)."""
    lo = bisect_left(starts, quote.start - reach)
    hi = bisect_right(starts, quote.end + reach)
    return found[lo:hi]


def _quote_cues(text: str, doc: Document, people: dict, found: list[Span]) -> list[Span]:
    out = []
    starts = [a.start for a in found]
    sources = {(a.source.start, a.source.end) for a in found if a.source is not None}
    for quote in doc.quotes:
        if not quote.speaker or "speaker_at" not in quote.meta or quote.label != "direct quote":
            continue  # a quoted phrase is part of its sentence: its own attribution, if any, is there
        if any(_introduces(text, a, quote) for a in _near(found, starts, quote)):
            continue
        a0, a1 = quote.meta["speaker_at"]
        continues = (a0, a1) in sources   # “…,” he said. “…”: the next quote goes on with the same speaker
        sources.add((a0, a1))
        span = _make(text, doc, people, quote.start, quote.end, (a0, a1), "neutral", quote.meta["inner"], "quote marks")
        if continues:
            span.meta["continues"] = True
        out.append(span)
    every = sorted(found + out, key=lambda a: a.start)
    every_starts = [a.start for a in every]
    covered = {q.start for q in doc.quotes if any(_introduces(text, a, q) for a in _near(every, every_starts, q))}
    for quote in doc.quotes:  # “X sighed: “…”": a colon introduces the quote, after its speaker
        colon = _RE22.search(text[max(0, quote.start - 3):quote.start])
        if quote.label != "direct quote" or quote.start in covered or colon is None:
            continue
        c0 = max(0, quote.start - 3) + colon.start()
        s0, _ = doc.sentence_at(c0)
        verb = _RE23.search(text[s0:c0])
        src = source_before(text, s0, s0 + verb.start() if verb else c0)
        if src is None or not_a_source(text[src[0]:src[1]]) or not classify(text[src[0]:src[1]], doc.names):
            continue
        out.append(_make(text, doc, people, c0, c0 + 1, src, "neutral", quote.meta["inner"], "colon"))
    return out


def _with_mode(text: str, doc: Document, a: Span) -> Span:
    nearby = doc.quotes_between(a.start - 1500, max(a.meta["content"][1], a.end) + 10)
    direct = a.meta["cue"] == "quote marks" or any(_introduces(text, a, q) for q in nearby
                                                   if q.label != "quoted title")
    if not direct:
        return a
    return Span.of(text, a.start, a.end, a.kind, label="direct quote", why=a.why, voice=a.voice,
                   speaker=a.speaker, source=a.source, stance=a.stance, meta=a.meta)


def _trim_content(text: str, found: list[Span]) -> None:
    """Content ends where the next attribution in the sentence begins, or at a ", …ing" clause."""
    starts = sorted({(a.source.start if a.source is not None and a.source.start < a.start else a.start)
                     for a in found})
    for a in found:
        c0, c1 = a.meta["content"]
        i = bisect_right(starts, max(c0, a.end))
        while i < len(starts) and starts[i] < c1:
            if _RE24.search(text[c0:starts[i]]):
                c1 = starts[i]
                break
            i += 1
        if c0 >= a.end:
            boundary = _ING_BOUNDARY.search(text, c0, c1)
            if boundary and not _RE25.match(boundary.group()):
                c1 = boundary.start()
        while c1 > c0 and text[c1 - 1] in " ,;":
            c1 -= 1
        a.meta["content"] = (c0, c1)


def attributions_of(doc: Document) -> tuple[list[Span], Reported]:
    """The attributions of a document under construction and the reported-speech ranges they cover: the
    last step of :func:`medialit.analysis.document.build_document` (see there for the order)."""
    text = doc.text
    if not text.strip():
        return [], Reported()
    people = person_index(text, doc.names)
    found = _verb_cues(text, doc, people) + _noun_cues(text, doc, people) + _phrase_cues(text, doc, people)
    found.sort(key=lambda a: (a.start, -a.end))
    unique: list[Span] = []
    for a in found:
        if unique and a.start < unique[-1].end:
            continue
        unique.append(a)
    _trim_content(text, unique)
    unique += _quote_cues(text, doc, people, unique)
    unique.sort(key=lambda a: a.start)
    result = [_with_mode(text, doc, a) for a in unique]
    reported = Reported.of([(a.meta["content"][0], a.meta["content"][1],
                             a.source.meta.get("refers_to", a.source.text) if a.source is not None else "")
                            for a in result if a.meta["cue"] != "quote marks"])
    with_voices = replace(doc, reported=reported)
    return stance_in_context(text, with_voices, result), reported


def find_attributions(text: str | Document, *, headline: bool = True) -> list[Span]:
    """Every attribution in ``text`` (a string or its :class:`~medialit.analysis.document.Document`): cue
    span, source (with type), stance, direct quote or paraphrase. ``headline``: the first line is a headline.

    >>> a = find_attributions("Headline\\n\\nThe Belarusian leader insisted that he wanted peace.")[0]
    >>> (a.text, a.source.text, a.source.label, a.stance, a.label)
    ('insisted', 'The Belarusian leader', 'role', 'distancing', 'paraphrase')
    """
    return [fresh(a) for a in as_document(text, headline=headline).attributions]


def find_unattributed(text: str | Document, *, headline: bool = True) -> list[Span]:
    """Sentences in the author's own voice that contain no attribution and no quote.

    >>> [s.text for s in find_unattributed("Headline\\n\\nThe plan failed. Officials said it would work.")]
    ['The plan failed.']
    """
    doc = as_document(text, headline=headline)
    out = []
    for sentence in doc.sentences:
        if sentence.label != "sentence":
            continue
        if any(sentence.start <= a.start < sentence.end or a.meta["content"][0] < sentence.end <= a.meta[
                "content"][1] for a in doc.attributions) or doc.quotes_between(sentence.start, sentence.end) \
                or doc.quote_at(sentence.start, sentence.start + 1):
            continue
        out.append(Span.of(doc.text, sentence.start, sentence.end, "assertion", label="unattributed",
                           why="The writer states this in their own voice without saying who says so."))
    return out
