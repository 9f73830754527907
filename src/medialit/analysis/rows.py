"""Rows for the lessons' tables: plain data (lists of dicts with words and numbers, never raw objects),
shown with :func:`medialit.display.show_table`.

>>> from medialit import load_articles
>>> [r["words"] for r in overview_rows(load_articles())]
[330, 504, 399]
"""
from __future__ import annotations

import re

from ..text.resources import sentiment_analyzer
from ..text.segments import shorten
from ..span import KINDS
from .annotation import annotate


def overview_rows(articles) -> list[dict]:
    """One row per article: headline, kind, length and how it opens (the first sentence of the body,
    never the headline again, even when a copied page repeats it).

    >>> overview_rows(__import__("medialit").load_articles())[1]["words"]
    504
    >>> from medialit import Article
    >>> copied = Article.from_text("Storm hits coast\\n\\nStorm hits coast.\\n\\nA storm hit it.")
    >>> overview_rows([copied])[0]["opens with"]
    'A storm hit it.'
    """
    rows = []
    for a in articles:
        headline = _words(a.headline)
        first = next((s.text for s in a.sentences if s.label == "sentence" and _words(s.text) != headline), "")
        rows.append({"article": a.id, "headline": a.headline, "kind": a.kind or "(not given)", "words": a.n_words,
                     "sentences": len(a.sentences), "opens with": shorten(first, 160)})
    return rows


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def mark_rows(article, kinds=KINDS, *, spans=None) -> list[dict]:
    """One row per mark in an article (its ``spans``, found here when not given): the words, kind,
    category, whose voice, why, and an alternative.

    >>> rows = mark_rows(__import__("medialit").load_articles()["bbc-repost"], kinds=("hedge",))
    >>> [(r["words"], r["voice"]) for r in rows]
    [('allegedly', 'author'), ('likely', 'author'), ('not seen', 'author')]
    """
    rows = []
    for s in annotate(article.text) if spans is None else spans:
        if s.kind not in kinds:
            continue
        row = {"words": shorten(s.text, 50, quoted=True), "kind": s.kind, "category": s.label,
               "voice": s.voice + (f": {s.speaker}" if s.speaker else ""), "why": s.why}
        if "loaded" in kinds:
            row["neutral alternative"] = s.alternative
        rows.append(row)
    return rows


def sentiment_rows(article) -> list[dict]:
    """VADER's compound score for each sentence of an article (−1 negative … +1 positive).

    >>> rows = sentiment_rows(__import__("medialit").load_articles()["opinion-site"])
    >>> min(r["VADER"] for r in rows) < 0
    True
    """
    analyzer = sentiment_analyzer()
    return [{"#": i, "sentence": shorten(s.text, 120),
             "VADER": round(analyzer.polarity_scores(s.text)["compound"], 3)}
            for i, s in enumerate((s for s in article.sentences if s.label == "sentence"), start=1)]
