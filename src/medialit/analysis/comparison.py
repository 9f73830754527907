"""Comparing the articles of a set: rates, sources, sentiment, and which claims each one carries
(the claims come from :mod:`medialit.analysis.claims`).

>>> from medialit import load_articles
>>> stats = compare(load_articles())
>>> [(s.id, s.words) for s in stats]
[('opinion-site', 330), ('bbc-repost', 504), ('aggregator', 399)]
>>> claims = align_claims(load_articles())     # the set's hand-checked claim map (medialit.analysis.claims)
>>> sum(1 for c in claims if len(c.articles) == 3), claims[0].origin
(4, 'hand-checked')
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from .annotation import annotate
from ..text.articles import Article
from .claims import Claim, align_claims, content_stems, omission_table  # noqa: F401  (the lessons import them here)
from .sources import SOURCE_TYPES
from ..span import Span
from ..text.resources import sentiment_analyzer
from ..text.tokenizer import words

STANCES = ("neutral", "distancing", "endorsing")


@dataclass
class ArticleStats:
    """What one article looks like in numbers."""

    id: str
    headline: str
    words: int
    sentences: int
    attributions: int
    by_source_type: dict[str, int]
    by_stance: dict[str, int]
    hedges_per_100: float
    boosters_per_100: float
    loaded_per_100: float
    quoted_share: float = 0.0              # share of words inside direct quotes, 0 to 1
    sentence_texts: tuple[str, ...] = field(default=(), repr=False)

    @cached_property
    def sentence_sentiment(self) -> list[float]:
        """VADER's compound score (−1 to +1) of each body sentence, start to end (worked out on first use,
        so that counting hedges never has to load VADER)."""
        analyzer = sentiment_analyzer()
        return [analyzer.polarity_scores(text)["compound"] for text in self.sentence_texts]

    @property
    def sentiment(self) -> float:
        """The mean VADER compound score over the body sentences, −1 to 1."""
        scores = self.sentence_sentiment
        return sum(scores) / len(scores) if scores else 0.0

    def as_row(self) -> dict:
        """A flat dict for a table."""
        return {"article": self.id, "words": self.words, "sentences": self.sentences,
                "attributions": self.attributions, "hedges /100 words": round(self.hedges_per_100, 2),
                "boosters /100 words": round(self.boosters_per_100, 2),
                "loaded /100 words": round(self.loaded_per_100, 2), "sentiment": round(self.sentiment, 3),
                "words in quote marks %": round(100 * self.quoted_share, 1)}


def article_stats(article: Article, spans: list[Span] | None = None) -> ArticleStats:
    """Counts and rates for one article (``spans`` from :func:`medialit.analysis.annotation.annotate` if given).

    >>> from medialit import load_articles
    >>> stats = article_stats(load_articles()["bbc-repost"])
    >>> stats.words, round(stats.quoted_share, 2), stats.by_source_type["author"]
    (504, 0.31, 2)
    """
    text = article.text
    spans = annotate(text) if spans is None else spans
    n_words = max(article.n_words, 1)
    per_100 = lambda kind: 100 * sum(1 for s in spans if s.kind == kind) / n_words  # noqa: E731
    attributions = [s for s in spans if s.kind == "attribution"]
    by_type = Counter("none" if a.source is None else a.source.label for a in attributions)
    body = [s for s in article.sentences if s.label == "sentence"] or article.sentences
    quoted = 0
    for quote in article.quotes:
        quoted += len(words(text[slice(*quote.meta["inner"])]))
    return ArticleStats(
        id=article.id, headline=article.headline, words=article.n_words, sentences=len(article.sentences),
        attributions=len(attributions), by_source_type={t: by_type.get(t, 0) for t in SOURCE_TYPES},
        by_stance={st: sum(1 for a in attributions if a.stance == st) for st in STANCES},
        hedges_per_100=per_100("hedge"), boosters_per_100=per_100("booster"), loaded_per_100=per_100("loaded"),
        quoted_share=min(1.0, quoted / n_words), sentence_texts=tuple(s.text for s in body))


def compare(articles) -> list[ArticleStats]:
    """:func:`article_stats` for every article of a set, in order.

    >>> from medialit import load_articles
    >>> [s.attributions for s in compare(load_articles())]
    [17, 15, 10]
    """
    return [article_stats(a) for a in articles]


def voice_rows(articles, kinds=("hedge", "booster")) -> list[dict]:
    """Whose claims are hedged or boosted: per article and kind, how many are in the author's voice,
    inside direct quotes, or inside reported speech.

    >>> from medialit import load_articles
    >>> voice_rows(load_articles(), kinds=("booster",))[0]
    {'article': 'opinion-site', 'kind': 'booster', 'author': 0, 'quote': 0, 'reported': 2}
    """
    rows = []
    for article in articles:
        spans = annotate(article.text)
        for kind in kinds:
            rows.append({"article": article.id, "kind": kind,
                         **{voice: sum(1 for s in spans if s.kind == kind and s.voice == voice)
                            for voice in ("author", "quote", "reported")}})
    return rows


def scorecard(articles) -> list[dict]:
    """One row per article summing up the lessons: who is cited, how sure, how loaded, what is covered.

    >>> from medialit import load_articles
    >>> rows = scorecard(load_articles())
    >>> [row["named sources %"] for row in rows], [row["shared claims carried"] for row in rows]
    ([82, 73, 40], ['12 of 15', '11 of 15', '11 of 15'])
    """
    articles = list(articles)
    claims = align_claims(articles)
    shared = [c for c in claims if len(c.members) > 1]
    rows = []
    for article in articles:
        s = article_stats(article)
        named = s.by_source_type.get("named person", 0)
        unclear = sum(s.by_source_type.get(t, 0) for t in ("anonymous", "vague", "none"))
        rows.append({
            "article": s.id, "words": s.words, "attributions": s.attributions,
            "named sources %": round(100 * named / s.attributions) if s.attributions else 0,
            "vague, anonymous or no source": unclear,
            "distancing verbs": s.by_stance["distancing"],
            "hedges /100": round(s.hedges_per_100, 1), "boosters /100": round(s.boosters_per_100, 1),
            "loaded /100": round(s.loaded_per_100, 1), "words in quote marks %": round(100 * s.quoted_share),
            "sentiment": round(s.sentiment, 2),
            "shared claims carried": f"{sum(1 for c in shared if article.id in c.members)} of {len(shared)}",
        })
    return rows
