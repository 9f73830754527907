"""All three detectors together, over one text, and the JSON the command line prints.

>>> spans = annotate("Critics claimed the regime may fall.")
>>> [(s.kind, s.text) for s in spans]
[('attribution', 'claimed'), ('loaded', 'regime'), ('hedge', 'may')]
"""
from __future__ import annotations

from .document import Document, as_document
from .attribution import find_attributions
from .hedging import find_hedges
from .loaded import find_loaded
from ..span import Span

KINDS = ("attribution", "hedge", "booster", "loaded")


def annotate(text: str | Document, *, headline: bool = True) -> list[Span]:
    """Attributions, hedges, boosters and loaded wording in ``text`` (a string or its document), sorted by
    position. ``headline``: the first line is a headline.

    >>> [(s.kind, s.label) for s in annotate("Officials reportedly slammed the plan.")]
    [('hedge', 'hedging adverb'), ('loaded', 'emotive verb')]
    """
    doc = as_document(text, headline=headline)
    if not doc.text.strip():
        return []
    spans = find_attributions(doc) + find_hedges(doc) + find_loaded(doc)
    return sorted(spans, key=lambda s: (s.start, s.end, KINDS.index(s.kind)))


def span_json(span: Span) -> dict:
    """The JSON form of one span: start, end, text, kind, label, why, and the fields its kind has.

    >>> span_json(annotate("Critics claimed it.")[0])["source"]
    {'start': 0, 'end': 7, 'text': 'Critics', 'type': 'vague'}
    """
    out = {"start": span.start, "end": span.end, "text": span.text, "kind": span.kind, "label": span.label,
           "why": span.why, "voice": span.voice}
    if span.speaker:
        out["speaker"] = span.speaker
    if span.kind == "attribution":
        out["stance"] = span.stance
        out["source"] = None if span.source is None else {
            "start": span.source.start, "end": span.source.end, "text": span.source.text, "type": span.source.label}
        out["source_type"] = "none" if span.source is None else span.source.label
    if span.kind == "loaded":
        out["alternative"] = span.alternative
    return out
