"""All three detectors together, over one text, and the JSON the command line prints.

>>> spans = annotate("Critics claimed the regime may fall.")
>>> [(s.kind, s.text) for s in spans]
[('attribution', 'claimed'), ('loaded', 'regime'), ('hedge', 'may')]
"""
from __future__ import annotations

from .document import Document, as_document, without_gc_pauses
from .attribution import find_attributions
from .hedging import find_hedges
from .loaded import find_loaded
from ..span import KINDS, Span



def annotate(text: str | Document, *, headline: bool = True) -> list[Span]:
    """Attributions, hedges, boosters and loaded wording in ``text`` (a string or its document), sorted by
    position. ``headline``: the first line is a headline.

    >>> [(s.kind, s.label) for s in annotate("Officials reportedly slammed the plan.")]
    [('hedge', 'hedging adverb'), ('loaded', 'emotive verb')]
    """
    doc = as_document(text, headline=headline)
    if not doc.text.strip():
        return []
    with without_gc_pauses():
        spans = find_attributions(doc) + find_hedges(doc) + find_loaded(doc)
        return sorted(spans, key=lambda s: (s.start, s.end, KINDS.index(s.kind)))
