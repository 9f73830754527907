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
from ..text.segments import headline_end
from .cue_span import in_direct_quote, make_cue
from .people import person_index
from .sources import classify, not_a_source, source_after, source_before
from .stance import referent, stance_in_context
from .verb_cues import verb_cues
from ..span import Span

_RE14 = re.compile(r"([\w.-]+)[’']s?\s+$")
_RE15 = re.compile(r"\s+(?:made\s+|issued\s+|levelled\s+|leveled\s+|voiced\s+)?by\s+")
_RE16 = re.compile(r"\b(?:made|makes|make|making|voiced|raised|repeated|levelled|leveled)\s+$")
_RE17 = re.compile(r"\s+(?:that\b|[:,]?\s*[“\"‘'])")
_RE18 = re.compile(r"\s+(?:over|for|that|about)\b")
_RE19 = re.compile(r"\s+that\b")
_RE20 = re.compile(r"\s*,")
_RE21 = re.compile(r"[ ,]*(?::\s*)?")  # "answered, “…”", "He said:\n\n“…”"
_RE22 = re.compile(r":\s*$")
_RE23 = re.compile(r"\s([a-z][\w’'-]*)\s*$")
_RE24 = re.compile(r",\s*$")
_RE25 = re.compile(r",\s+(?:\w+ly\s+)?(?:according|including)")


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
_SPEAKER_COLON = re.compile(r"[\"“]?(?P<who>[A-Z][\w.’'-]*(?:[ \t][A-Z][\w.’'-]*){0,2})(?P<cue>:)[ \t]+(?=\S)")
_LINE_START = re.compile(r"\n")
_DASH = re.compile(r"[―—–-](?:(?<=-)-|(?<!-))")  # a dash, or two hyphens ("[―—–]|--", without the slow
# alternation at the start)
_DASH_AFTER_QUOTE = re.compile(r"(?P<cue>[―—–]|--)[ \t]*(?P<who>[A-Z][\w.’'-]*(?:[ \t][A-Z][\w.’'-]*){0,3})")
_ACCORDING = re.compile(r"[aAcC](?<![\w][aAcC])(?i:(?<=[aA])ccording to|(?<=[aA])s (?:provided|reported|stated|"
                        r"announced|told) by|(?<=[cC])iting)\s+")
_ING_BOUNDARY = re.compile(r",\s+(?:\w+ly\s+)?\w+ing\b")
# "has faced (domestic and international) criticism over …": a reporting noun received, not made
_FACED = re.compile(r"\b(?:fac(?:e|es|ed|ing)|dr(?:aw|aws|ew|awn|awing)|attract(?:s|ed|ing)?|receiv(?:e|es|ed|ing)|"
                    r"sparked|prompted|triggered)\s+(?:(?:[\w-]+,?|and)\s+){0,4}$", re.IGNORECASE)


def _noun_cues(text: str, doc: Document, people: dict) -> list[Span]:
    found = []
    for m in doc.hits["reporting-nouns"]:
        entry = m.entry
        if in_direct_quote(doc, m.start(), m.end()):
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
        found.append(make_cue(text, doc, people, m.start(), m.end(), src, entry.category, content, "reporting noun"))
    return found


_ACCORDING_FIRST = frozenset(("according", "as", "citing"))
_PASSIVE_FIRST = frozenset(("is", "are", "was", "were", "be", "been", "being"))


def _where(doc: Document, *word_sets: frozenset[str]) -> list[list[int]]:
    """For each of ``word_sets``, the indices of the document's words that are in it: one pass over the
    words for all of them."""
    union = frozenset().union(*word_sets)
    found = [i for i, w in enumerate(doc.words.lower) if w in union]
    return [[i for i in found if doc.words.lower[i] in words] for words in word_sets]


def _matches_at(doc: Document, pattern: re.Pattern, where: list[int]):
    """The matches of ``pattern`` in the document, in order and not overlapping, as ``pattern.finditer``
    would give them, but tried only at the words ``where`` (indices of the words it can start with)
    instead of at every position of the text."""
    words, text, pos = doc.words, doc.text, 0
    for i in where:
        if words.starts[i] < pos:
            continue
        m = pattern.match(text, words.starts[i])
        if m is not None:
            yield m
            pos = m.end()


def _phrase_cues(text: str, doc: Document, people: dict) -> list[Span]:
    found = []
    according_at, passive_at = _where(doc, _ACCORDING_FIRST, _PASSIVE_FIRST)
    for m in _matches_at(doc, _ACCORDING, according_at):
        if in_direct_quote(doc, m.start(), m.end()):
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
        found.append(make_cue(text, doc, people, m.start(), cue_end, src, "neutral", content, "according to"))
    found += _punctuation_cues(text, doc, people)
    for m in _matches_at(doc, _PASSIVE, passive_at):
        if in_direct_quote(doc, m.start(), m.end()):
            continue
        s0, s1 = doc.sentence_at(m.start())
        src = source_after(text, m.end(), s1) if m.group("next").lower() == "by" else None
        cue = m.group("cue").lower()
        stance = "distancing" if cue in ("claimed", "alleged", "rumoured", "rumored") else "neutral"
        found.append(make_cue(text, doc, people, m.start("cue"), m.end("cue"), src, stance, (m.end("cue"), s1),
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
        if small or not classify(who, doc.names) or in_direct_quote(doc, m.start("cue"), m.end("cue")) \
                and not who.isupper():
            continue  # "Stealth Over Health: …" is a title, not a speaker
        line_end = text.find("\n", m.end())
        content = (m.end(), len(text) if line_end == -1 else line_end)
        found.append(make_cue(text, doc, people, m.start("cue"), m.end("cue"), (m.start("who"), m.end("who")),
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
        found.append(make_cue(text, doc, people, m.start("cue"), m.end("cue"), (m.start("who"), m.end("who")),
                           "neutral", content, "dash"))
    return found


_BEFORE_SOURCE = re.compile(r"[ ,]*(?:as )?")


def _introduces(text: str, a: Span, quote: Span) -> bool:
    """True when attribution ``a`` introduces ``quote``: the quote is in what it reports, follows the
    cue directly ("answered, “…”"), or ends right before its source ("“…,” he said")."""
    c0, c1 = a.meta["content"]
    if c0 <= quote.start < c1:
        return True
    if quote.start >= a.end and _RE21.fullmatch(text, a.end, quote.start):
        return True
    return a.source is not None and quote.end <= a.source.start and \
        _BEFORE_SOURCE.fullmatch(text, quote.end, a.source.start) is not None


def _introduces_any(text: str, a: Span, quotes) -> bool:
    """Whether ``a`` introduces one of ``quotes`` (as :func:`_introduces`), trying only the quotes whose
    place could fit: starting in its content, right after the cue, or ending before its source."""
    c0, c1 = a.meta["content"]
    after = a.end
    while after < len(text) and text[after] in " ,:":
        after += 1   # a quote that follows the cue starts by here
    source_at = a.source.start if a.source is not None else -1
    before = source_at - 3 if text.endswith("as ", 0, source_at) else source_at
    while before > 0 and text[before - 1] in " ,":
        before -= 1  # a quote that ends right before the source ends from here
    for q in quotes:
        if c0 <= q.start < c1 or a.end <= q.start <= after or before <= q.end <= source_at:
            if _introduces(text, a, q):
                return True
    return False


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
        span = make_cue(text, doc, people, quote.start, quote.end, (a0, a1), "neutral", quote.meta["inner"], "quote marks")
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
        out.append(make_cue(text, doc, people, c0, c0 + 1, src, "neutral", quote.meta["inner"], "colon"))
    return out


def _with_mode(text: str, doc: Document, a: Span) -> Span:
    nearby = doc.quotes_between(a.start - 1500, max(a.meta["content"][1], a.end) + 10)
    direct = a.meta["cue"] == "quote marks" or _introduces_any(
        text, a, [q for q in nearby if q.label != "quoted title"])
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


def without_own_views(found: list[Span]) -> list[Span]:
    """``found`` (sorted by start) without the view verbs (``own-view`` in ``data/lexicons/reporting-verbs.csv``:
    think, believe, recall …) that stand inside what the same person is reported to say: in "Lynch said
    she recalled thinking …" the recalling is part of what Lynch said, not a second source."""
    out = []
    for a in found:
        if a.meta.get("own view") and a.source is not None and any(
                b is not a and b.meta["content"][0] <= a.start < b.meta["content"][1]
                and b.source is not None and referent(b) == referent(a)
                for b in out[-8:]):
            continue
        out.append(a)
    return out


def attributions_of(doc: Document) -> tuple[list[Span], Reported]:
    """The attributions of a document under construction and the reported-speech ranges they cover: the
    last step of :func:`medialit.analysis.document.build_document` (see there for the order)."""
    text = doc.text
    if not text.strip():
        return [], Reported()
    people = person_index(text, doc.names)
    found = verb_cues(text, doc, people) + _noun_cues(text, doc, people) + _phrase_cues(text, doc, people)
    found.sort(key=lambda a: (a.start, -a.end))
    unique: list[Span] = []
    for a in found:
        if unique and a.start < unique[-1].end:
            continue
        unique.append(a)
    _trim_content(text, unique)
    unique = without_own_views(unique)
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
