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

from .document import Document, as_document
from ..text.lexicon import Entry, lexicon_regex, norm
from ..span import Span

SCARE_WHY = ("Quote marks around a short phrase keep the writer at a distance from it: they signal doubt, "
             "irony, or that this is someone else's term.")
_AS_CALLS = re.compile(r"[\s,]*as\s+[^,;“”\"]{1,60}?\b(?:refers? to|calls?|called|puts?|describes?|terms?|dubs?)\s+"
                       r"(?:it|them|this|him|her)\b")


def _context_ok(entry: Entry, text: str, m: re.Match, voice: str) -> bool:
    context = entry.context
    if context.startswith("not-after:"):
        before = text[max(0, m.start() - 30):m.start()].lower()
        return not any(re.search(rf"\b{re.escape(w)}\s+$", before) for w in context[10:].split("|"))
    if context.startswith("not-before:"):
        after = text[m.end():m.end() + 30].lower()
        return not any(re.match(rf"\s+{re.escape(w)}\b", after) for w in context[11:].split("|"))
    if context.startswith("after:"):
        before = text[max(0, m.start() - 20):m.start()].lower()
        return any(re.search(rf"\b{re.escape(w)}\s+$", before) for w in context[6:].split("|"))
    if context == "before-in-or-to":
        return re.match(r"\s+(?:in|to)\b", text[m.end():m.end() + 5]) is not None
    if context == "before-of-people":
        return re.match(r"\s+of\s+(?:migrants|refugees|people|immigrants|asylum|workers|foreigners)\b",
                        text[m.end():m.end() + 30]) is not None
    if context == "before-into":
        return re.match(r"(?:\s+[\w’'-]+){0,4}\s+into\b", text[m.end():m.end() + 60]) is not None
    if context == "author-only":
        return voice == "author"
    return True


def _scare_quotes(text: str, doc: Document) -> list[Span]:
    out = []
    for quote in doc.quotes:
        if quote.label != "quoted phrase":
            continue
        if quote.speaker and not _AS_CALLS.match(text, quote.end):
            continue  # a speaker's own word, quoted: a partial quote, not a scare quote
        inner = text[slice(*quote.meta["inner"])].strip(" ,.")
        out.append(Span.of(text, quote.start, quote.end, "loaded", label="scare quote", why=SCARE_WHY,
                           alternative=f"{inner} (no quote marks; say whose term it is)", voice="author"))
    return out


def find_loaded(text: str | Document, *, headline: bool = True) -> list[Span]:
    """Loaded words and scare quotes in ``text`` (a string or its document), in order. ``headline``: the
    first line is a headline.

    >>> [(s.text, s.voice) for s in find_loaded("Head\\n\\nThe dictator said the West wants a bloodbath.")]
    [('dictator', 'author'), ('bloodbath', 'reported')]
    """
    doc = as_document(text, headline=headline)
    text = doc.text
    if not text.strip():
        return []
    pattern, index, patterns = lexicon_regex("loaded")
    matches = [(m, index.get(norm(m.group()))) for m in pattern.finditer(text)]
    matches += [(m, entry) for regex, entry in patterns for m in regex.finditer(text)]
    out = _scare_quotes(text, doc)
    for m, entry in matches:
        if entry is None:
            continue
        voice, speaker = doc.voice(m.start(), m.end())
        if not _context_ok(entry, text, m, voice):
            continue
        out.append(Span.of(text, m.start(), m.end(), "loaded", label=entry.category, why=entry.why,
                           alternative=entry.alternative, voice=voice, speaker=speaker))
    out.sort(key=lambda s: (s.start, -s.end))
    unique = []
    for span in out:
        if unique and span.start < unique[-1].end:
            continue
        unique.append(span)
    return unique
