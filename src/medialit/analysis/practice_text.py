"""Practice texts for the Marker: a paragraph of an article and its answer key.

The key is the gold annotation when the article's set has one (``<set>/annotations/`` or
``data/annotations/<set>/``); for any other set it is what the detectors find, so lessons work on a teacher's own articles too.
"""
from __future__ import annotations

import json

from ..span import KINDS
from .annotation import annotate
from ..text.articles import Article
from .evaluation import gold_dir
from ..text.splitter import sentences


def set_gold_file(article: Article):
    """Where an article's gold annotations are: ``<set folder>/annotations/<id>.json`` (a teacher's set,
    keys reviewed with ``medialit assign --set``), else ``data/annotations/<set>/<id>.json``.

    >>> from medialit import load_articles
    >>> set_gold_file(load_articles()["aggregator"]).parent.name
    'lukashenko-2023'
    """
    own = article.path.parent / "annotations" / f"{article.id}.json"
    return own if own.exists() else gold_dir(article.path.parent.name) / f"{article.id}.json"


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
        gold_file = set_gold_file(article)
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


def _plain(span) -> str | None:
    """The word to put in place of a loaded span: its first neutral alternative, "" to leave it out,
    None when the alternative is advice rather than a word ("(describe what happened)")."""
    first = (span.alternative or "").split(";")[0].strip()
    if first.startswith("(leave it out)"):
        return ""
    if not first or first.startswith("(") or " (" in first:
        return None
    return first[:1].upper() + first[1:] if span.text[:1].isupper() else first


def neutral_pairs(articles, *, limit: int = 4) -> list[tuple[str, str]]:
    """Sentences of the articles with loaded words, each beside the same sentence with every loaded word
    put into its neutral alternative (or left out), for testing a sentiment score on both. One sentence
    per article in turn, up to ``limit``; sentences with a loaded word that has no one-word
    alternative are skipped.

    >>> from medialit import load_articles
    >>> loaded, neutral = neutral_pairs(load_articles())[1]
    >>> loaded
    'The demonstrations were mercilessly put down.'
    >>> neutral
    'The demonstrations were forcibly put down.'
    """
    per_article = []
    for article in articles:
        text = article.text
        loaded = [s for s in annotate(text) if s.kind == "loaded"]
        pairs = []
        for sentence in (s for s in sentences(text) if s.label == "sentence"):
            inside = [s for s in loaded if sentence.start <= s.start and s.end <= sentence.end]
            plain = [_plain(s) for s in inside]
            if not inside or any(p is None for p in plain):
                continue
            out, at = [], sentence.start
            for span, word in zip(inside, plain):
                if span.start < at:
                    continue
                piece = text[at:span.start]
                out.append(piece if word else piece.rstrip(" "))
                out.append(word)
                at = span.end
            out.append(text[at:sentence.end])
            neutral = "".join(out).strip()
            pairs.append((sentence.text, neutral[:1].upper() + neutral[1:]))
        per_article.append(pairs)
    mixed: list[tuple[str, str]] = []
    for i in range(max((len(p) for p in per_article), default=0)):
        mixed += [p[i] for p in per_article if i < len(p)]
    return mixed[:limit]


def most_quoted(articles):
    """The article with the most words inside quote marks (the first, when none quotes anyone).

    >>> from medialit import load_articles
    >>> most_quoted(load_articles()).id
    'bbc-repost'
    """
    from .comparison import compare

    stats = compare(articles)
    shares = [s.quoted_share * s.words for s in stats]
    return list(articles)[max(range(len(shares)), key=lambda i: (shares[i], -i))]
