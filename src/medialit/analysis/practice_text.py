"""Practice texts for the Marker: a paragraph of an article and its answer key.

The key is the gold annotation when the article's set has one (``data/annotations/<set>/``); for any
other set it is what the detectors find, so lessons work on a teacher's own articles too.
"""
from __future__ import annotations

import json

from ..span import KINDS
from .annotation import annotate
from ..text.articles import Article
from .evaluation import gold_dir
from ..text.splitter import sentences


def body_paragraphs(article: Article) -> list[tuple[int, int]]:
    """(start, end) of each paragraph or list item of body text (no headline, no headings).

    >>> from medialit import load_articles
    >>> article = load_articles()["opinion-site"]
    >>> a, b = body_paragraphs(article)[0]; article.text[a:b][:24]
    'Unless Kyiv is going to '
    """
    from ..text.segments import blocks

    body = [s for s in sentences(article.text) if s.label == "sentence"]
    out = []
    for p0, p1 in blocks(article.text):
        inside = [s for s in body if p0 <= s.start < p1]
        if inside:
            out.append((inside[0].start, inside[-1].end))
    return out


def practice(article: Article, paragraph: int | None = None, *, kinds=KINDS) -> tuple[str, list[dict], str]:
    """The ``paragraph``-th body paragraph (from 1), its key spans (offsets into the paragraph) and
    where the key came from: "gold" or "detectors". With no ``paragraph``, the one with the most
    key spans of these kinds (the first, if none has any).

    >>> from medialit import load_articles
    >>> text, key, origin = practice(load_articles()["opinion-site"], 1, kinds=("attribution",))
    >>> origin, [text[k["start"]:k["end"]] for k in key]
    ('gold', ['claimed'])
    """
    paragraphs = body_paragraphs(article)
    spans, origin = None, "detectors"
    if article.path is not None:
        gold_file = gold_dir(article.path.parent.name) / f"{article.id}.json"
        if gold_file.exists():
            spans, origin = json.loads(gold_file.read_text(encoding="utf-8"))["spans"], "gold"
    if spans is None:
        spans = [s.to_dict() for s in annotate(article.text)]
    spans = [s for s in spans if s["kind"] in kinds]
    inside = lambda p: [s for s in spans if p[0] <= s["start"] and s["end"] <= p[1]]  # noqa: E731
    if paragraph is None:
        p0, p1 = max(paragraphs, key=lambda p: (len(inside(p)), -p[0]))
    else:
        p0, p1 = paragraphs[max(0, min(paragraph, len(paragraphs)) - 1)]
    key = [{**s, "start": s["start"] - p0, "end": s["end"] - p0} for s in inside((p0, p1))]
    return article.text[p0:p1], key, origin


def most_loaded_sentence(article: Article) -> str:
    """The sentence of an article with the most loaded words (a good one to rewrite).

    >>> from medialit import load_articles
    >>> most_loaded_sentence(load_articles()["opinion-site"])[:24]
    'The Belarusian strongman'
    """
    loaded = [s for s in annotate(article.text) if s.kind == "loaded"]
    body = [s for s in sentences(article.text) if s.label == "sentence"]
    return max(body, key=lambda b: (sum(b.start <= s.start < b.end for s in loaded), -b.start)).text
