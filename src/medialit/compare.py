"""Comparing the articles of a set: rates, sources, sentiment, and which claims each one carries.

>>> from medialit import load_articles
>>> stats = compare(load_articles())
>>> [(s.id, s.words) for s in stats]
[('opinion-site', 330), ('bbc-repost', 504), ('aggregator', 399)]
>>> claims = align_claims(load_articles())
>>> any(len(c.articles) == 3 for c in claims)
True
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from nltk.stem import PorterStemmer

from .annotate import annotate
from .articles import Article
from .sources import SOURCE_TYPES
from .span import Span
from .text import sentences, sentiment_analyzer, stopwords, words

_STEMMER = PorterStemmer()
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
    sentiment: float                       # mean VADER compound over sentences, -1 to 1
    sentence_sentiment: list[float] = field(repr=False)
    quoted_share: float = 0.0              # share of words inside direct quotes, 0 to 1

    def as_row(self) -> dict:
        """A flat dict for a table."""
        return {"article": self.id, "words": self.words, "sentences": self.sentences,
                "attributions": self.attributions, "hedges /100 words": round(self.hedges_per_100, 2),
                "boosters /100 words": round(self.boosters_per_100, 2),
                "loaded /100 words": round(self.loaded_per_100, 2), "sentiment": round(self.sentiment, 3),
                "quoted words %": round(100 * self.quoted_share, 1)}


def article_stats(article: Article, spans: list[Span] | None = None) -> ArticleStats:
    """Counts and rates for one article (``spans`` from :func:`medialit.annotate.annotate` if given).

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
    analyzer = sentiment_analyzer()
    body = [s for s in article.sentences if s.label == "sentence"] or article.sentences
    scores = [analyzer.polarity_scores(s.text)["compound"] for s in body]
    quoted = 0
    for quote in article.quotes:
        quoted += len(words(text[slice(*quote.meta["inner"])]))
    return ArticleStats(
        id=article.id, headline=article.headline, words=article.n_words, sentences=len(article.sentences),
        attributions=len(attributions), by_source_type={t: by_type.get(t, 0) for t in SOURCE_TYPES},
        by_stance={st: sum(1 for a in attributions if a.stance == st) for st in STANCES},
        hedges_per_100=per_100("hedge"), boosters_per_100=per_100("booster"), loaded_per_100=per_100("loaded"),
        sentiment=sum(scores) / len(scores) if scores else 0.0, sentence_sentiment=scores,
        quoted_share=min(1.0, quoted / n_words))


def compare(articles) -> list[ArticleStats]:
    """:func:`article_stats` for every article of a set, in order.

    >>> from medialit import load_articles
    >>> [s.attributions for s in compare(load_articles())]
    [17, 15, 9]
    """
    return [article_stats(a) for a in articles]


# --- claim alignment ------------------------------------------------------------------------

@dataclass
class Claim:
    """A group of sentences, from one or more articles, that say much the same thing."""

    id: int
    label: str                                   # a short version of one member sentence
    members: dict[str, list[Span]]               # article id -> its sentences in this claim
    keywords: list[str]

    @property
    def articles(self) -> list[str]:
        return list(self.members)


def content_stems(text: str) -> set[str]:
    """Stemmed content words: lower case, no stopwords, no punctuation.

    >>> sorted(content_stems("Belarus would fight alongside the Russians"))
    ['alongsid', 'belaru', 'fight', 'russian']
    """
    stop = stopwords()
    out = set()
    for w in words(text):
        word = re.sub(r"[’']s?$", "", w.text.lower().replace("’", "'"))
        if "'" in word or word in stop or len(word) < 2 or word.isdigit():
            continue  # contractions (i'm, hasn't) are function words
        out.add(_STEMMER.stem(word))
    return out


def _similarity(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    """Cosine similarity of two sets of stems, each stem weighted by its idf."""
    shared = sum(idf[t] ** 2 for t in a & b)
    norm = math.sqrt(sum(idf[t] ** 2 for t in a) * sum(idf[t] ** 2 for t in b))
    return shared / norm if norm else 0.0


def _short(text: str, limit: int = 90) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def align_claims(articles, *, threshold: float = 0.2, min_shared: int = 3) -> list[Claim]:
    """Match sentences across articles by shared content words into claims.

    Content words are stemmed with stopwords left out, and weighted by how rare they are in the
    set (idf). Two sentences of different articles can join one claim when the cosine similarity
    of their weighted words is at least ``threshold`` and they share at least ``min_shared``
    content words; the most similar pairs are joined first, and a claim takes at most one
    sentence from each article. Headlines and headings are left out. Claims carried by the most
    articles come first; a claim with one article is something the others leave out.

    >>> from medialit import load_articles
    >>> claim = align_claims(load_articles())[0]
    >>> claim.articles
    ['opinion-site', 'bbc-repost', 'aggregator']
    """
    items = []
    for article in articles:
        for sentence in sentences(article.text):
            if sentence.label != "sentence":
                continue
            stems = content_stems(sentence.text)
            if len(stems) >= 3:
                items.append((article.id, sentence, stems))
    n = len(items)
    df = Counter(t for _, _, stems in items for t in stems)
    idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
    # Most similar pairs first; a claim takes at most one sentence from each article, so
    # sentences cannot chain into one giant claim.
    pairs = []
    for i in range(n):
        for j in range(i + 1, n):
            if items[i][0] == items[j][0]:
                continue
            shared = items[i][2] & items[j][2]
            if len(shared) >= min_shared:
                similarity = _similarity(items[i][2], items[j][2], idf)
                if similarity >= threshold:
                    pairs.append((similarity, i, j))
    cluster = {i: {i} for i in range(n)}
    for _, i, j in sorted(pairs, reverse=True):
        a, b = cluster[i], cluster[j]
        if a is b or {items[k][0] for k in a} & {items[k][0] for k in b}:
            continue
        a |= b
        for k in b:
            cluster[k] = a
    groups = {id(c): sorted(c) for c in cluster.values()}
    order = [a.id for a in articles]
    claims = []
    for members in groups.values():
        by_article: dict[str, list[Span]] = {}
        for i in sorted(members, key=lambda i: (order.index(items[i][0]), items[i][1].start)):
            by_article.setdefault(items[i][0], []).append(items[i][1])
        stems = Counter(t for i in members for t in items[i][2])
        keywords = [t for t, _ in sorted(stems.items(), key=lambda kv: (-kv[1] * idf[kv[0]], kv[0]))[:5]]
        shortest = min((items[i][1].text for i in members), key=len)
        claims.append(Claim(0, _short(shortest), by_article, keywords))
    claims.sort(key=lambda c: (-len(c.members), order.index(next(iter(c.members))),
                               next(iter(c.members.values()))[0].start))
    for number, claim in enumerate(claims, start=1):
        claim.id = number
    return claims


def omission_table(articles, claims: list[Claim] | None = None) -> list[dict]:
    """One row per claim: its label and, per article, True when the article carries it.

    >>> from medialit import load_articles
    >>> rows = omission_table(load_articles())
    >>> set(rows[0]) >= {"claim", "opinion-site", "bbc-repost", "aggregator"}
    True
    """
    claims = align_claims(articles) if claims is None else claims
    return [{"claim": c.label, **{a.id: a.id in c.members for a in articles}} for c in claims]


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
    >>> [row["named sources %"] for row in scorecard(load_articles())]
    [71, 67, 44]
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
            "loaded /100": round(s.loaded_per_100, 1), "quoted words %": round(100 * s.quoted_share),
            "sentiment": round(s.sentiment, 2),
            "shared claims carried": f"{sum(1 for c in shared if article.id in c.members)} of {len(shared)}",
        })
    return rows


def sections(article) -> dict[str, str]:
    """The text under each heading of an article (headings are short lines such as "Facts").

    >>> from medialit import load_articles
    >>> list(sections(load_articles()["aggregator"]))
    ['Facts', 'Narratives']
    """
    heads = [s for s in sentences(article.text) if s.label == "heading"]
    out = {}
    for k, head in enumerate(heads):
        end = heads[k + 1].start if k + 1 < len(heads) else len(article.text)
        out[head.text] = article.text[head.end:end].strip()
    return out
