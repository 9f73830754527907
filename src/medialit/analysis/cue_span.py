"""An attribution cue as a span: its source typed (a pronoun or a description resolved to the person the
article names), its stance and the why a student reads; shared by every kind of cue."""
from __future__ import annotations

import re

from .document import Document
from .people import described_person
from .sources import classify
from ..span import Span
from ..text.lexicon import word_class
from ..text.names import name_kind


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


# a capitalised name ("the U.S. Justice Department") or "the" and a noun ("the company"), as candidates for "it"
_NAMED_THING = re.compile(r"\b[Tt]he [a-z]+\b"
                          r"|\b(?:[Tt]he )?(?:[A-Z][\w’'&.-]* (?:(?:of|for|and|the) )*){0,5}[A-Z][\w’'&-]*")


def organisation_before(text: str, pos: int, *, reach: int = 300) -> str:
    """The organisation that "it" most likely stands for at ``pos``: the last one named in the ``reach``
    characters before it ("" when none), as a reader resolves "It said" in news.

    >>> t = "The U.S. Justice Department issued a memo. It said judges must act."
    >>> organisation_before(t, t.index("It said"))
    'The U.S. Justice Department'
    >>> organisation_before("Smith wrote a memo. It said so.", 20)
    ''
    """
    best = ""
    for m in _NAMED_THING.finditer(text, max(0, pos - reach), pos):
        phrase = m.group()
        if phrase[4:5].islower() and phrase[:4] in ("The ", "the "):
            if classify(phrase) == "organisation":  # "the company", "the ministry"
                best = "the " + phrase[4:]
        elif name_kind(phrase) == "organisation":  # "the U.S. Justice Department", "Reuters", "NATO"
            best = phrase
    return best


def determiners() -> frozenset[str]:
    return word_class("grammar", "article", "demonstrative", "possessive", "quantifier")


def stance_why(cue: str, stance: str, source_type: str) -> str:
    return (f"“{cue}” is {STANCE_WHY.get(stance, 'a reporting word')}; "
            f"the source is {TYPE_WHY.get(source_type, 'unclear')}.")


def make_cue(text: str, doc: Document, people: dict, c0: int, c1: int, src: tuple[int, int] | None, stance: str,
          content: tuple[int, int], cue_kind: str) -> Span:
    if src is None:
        source, kind = None, "none"
    else:
        phrase = text[src[0]:src[1]]
        kind = classify(phrase, doc.names)
        meta = {}
        if phrase.lower() == "it":  # "The ministry issued a memo. It said …"
            who = organisation_before(text, src[0])
            kind = "organisation"
            if who:
                meta["refers_to"] = who
        elif phrase.lower() in ("he", "she"):
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
    why = stance_why(text[c0:c1], stance, kind)
    if source is not None and source.meta.get("refers_to"):
        whom = "which" if kind == "organisation" else "whom"
        why = why[:-1] + f": “{source.text}” refers to {source.meta['refers_to']}, {whom} the article names."
    return Span.of(text, c0, c1, "attribution", label="paraphrase", stance=stance,
                   why=why, source=source, voice=voice, speaker=speaker,
                   meta={"content": content, "cue": cue_kind})


def in_direct_quote(doc: Document, start: int, end: int) -> bool:
    quote = doc.quote_at(start, end)
    return quote is not None and quote.label == "direct quote"
