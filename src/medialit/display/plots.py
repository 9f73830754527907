"""Comparison plots (matplotlib). Each function returns a :class:`Chart`, a ``Figure`` that Jupyter
shows as a picture when it is the last line of a cell (no pyplot, no global state).

Colours are the Okabe–Ito palette (safe for colour-blind readers) and every bar also has a hatch
pattern or a label, so the plots read in black and white too.

>>> from medialit import load_articles
>>> from medialit.analysis.comparison import compare
>>> fig = plot_rates(compare(load_articles()))
>>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
['opinion-site', 'bbc-repost', 'aggregator']
"""
from __future__ import annotations

import io
import textwrap

from matplotlib.figure import Figure

from ..analysis.comparison import ArticleStats, Claim
from ..analysis.sources import SOURCE_TYPES

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "--", "++"]


class Chart(Figure):
    """A matplotlib ``Figure`` that shows itself as a PNG picture in Jupyter (and in any front end
    that asks IPython for ``image/png``), so a lesson needs no ``%matplotlib`` line and no pyplot.

    >>> chart = Chart(figsize=(2, 1))
    >>> chart._repr_png_()[:4]
    b'\\x89PNG'
    """

    def _repr_png_(self) -> bytes:
        return figure_png(self)


def short_label(text: str, *, width: int = 36, lines: int = 2) -> str:
    """A label that fits: wrapped at spaces into at most ``lines`` lines of ``width`` characters,
    with an ellipsis where words had to be left out. Never cuts a word in two (a single word longer
    than a line is the only exception).

    >>> short_label("Lukashenko says Belarus will join the war only if attacked by Ukraine", width=30)
    'Lukashenko says Belarus will\\njoin the war only if attacked…'
    >>> short_label("Kyiv is preparing for a renewed Russian offensive in the spring, amid concerns")
    'Kyiv is preparing for a renewed\\nRussian offensive in the spring…'
    >>> short_label("Short label")
    'Short label'
    """
    wrapped = textwrap.wrap(" ".join(text.split()), width=width, max_lines=lines, placeholder="…",
                            break_long_words=False, break_on_hyphens=False)
    if wrapped and wrapped[-1].endswith("…"):
        wrapped[-1] = wrapped[-1][:-1].rstrip(",;:") + "…"
    return "\n".join(wrapped)


def plot_lengths(stats: list[ArticleStats]) -> Chart:
    """How long each article is, in words, with the number of sentences on each bar.

    >>> from medialit import load_articles
    >>> from medialit.analysis.comparison import compare
    >>> [round(p.get_height()) for p in plot_lengths(compare(load_articles())).axes[0].patches]
    [330, 504, 399]
    """
    fig = Chart(figsize=(6, 3), layout="constrained")
    ax = fig.add_subplot()
    bars = ax.bar([s.id for s in stats], [s.words for s in stats], color=[OKABE_ITO[k % 8] for k in range(len(stats))],
                  hatch="//", edgecolor="black")
    ax.bar_label(bars, labels=[f"{s.words} words, {s.sentences} sentences" for s in stats], fontsize=8)
    ax.set_ylabel("words")
    ax.set_title("Same event, different lengths")
    ax.margins(y=0.2)
    return fig


def plot_rates(stats: list[ArticleStats]) -> Chart:
    """Hedges, boosters and loaded terms per 100 words, one group of bars per article.

    >>> from medialit import load_articles
    >>> from medialit.analysis.comparison import compare
    >>> plot_rates(compare(load_articles())).axes[0].get_ylabel()
    'per 100 words'
    """
    fig = Chart(figsize=(7, 3.6), layout="constrained")
    ax = fig.add_subplot()
    measures = [("hedges", "hedges_per_100"), ("boosters", "boosters_per_100"), ("loaded terms", "loaded_per_100")]
    width = 0.8 / len(measures)
    for k, (label, attr) in enumerate(measures):
        xs = [i + (k - 1) * width for i in range(len(stats))]
        values = [getattr(s, attr) for s in stats]
        bars = ax.bar(xs, values, width, label=label, color=OKABE_ITO[k], hatch=HATCHES[k], edgecolor="black")
        ax.bar_label(bars, fmt="%.1f", fontsize=8)
    ax.set_xticks(range(len(stats)), [s.id for s in stats])
    ax.set_ylabel("per 100 words")
    ax.set_title("How often each article hedges, boosts and uses loaded words")
    ax.legend(frameon=False)
    return fig


def plot_source_mix(stats: list[ArticleStats]) -> Chart:
    """Who is cited: attributions by source type, stacked, one bar per article.

    >>> from medialit import load_articles
    >>> from medialit.analysis.comparison import compare
    >>> plot_source_mix(compare(load_articles())).axes[0].get_title()
    'Who says so? Sources by type'
    """
    fig = Chart(figsize=(7, 3.6), layout="constrained")
    ax = fig.add_subplot()
    bottoms = [0] * len(stats)
    for k, kind in enumerate(SOURCE_TYPES):
        values = [s.by_source_type.get(kind, 0) for s in stats]
        if not any(values):
            continue
        ax.bar([s.id for s in stats], values, bottom=bottoms, label=kind, color=OKABE_ITO[k % 8],
               hatch=HATCHES[k % 8], edgecolor="black")
        bottoms = [b + v for b, v in zip(bottoms, values)]
    ax.set_ylabel("attributions")
    ax.set_title("Who says so? Sources by type")
    ax.legend(frameon=False, bbox_to_anchor=(1.02, 1), loc="upper left")
    return fig


def plot_sentiment(stats: list[ArticleStats]) -> Chart:
    """VADER compound score of each sentence, from the start (0) to the end (1) of each article.

    >>> from medialit import load_articles
    >>> from medialit.analysis.comparison import compare
    >>> len(plot_sentiment(compare(load_articles())).axes[0].get_lines())
    4
    """
    fig = Chart(figsize=(7, 3.6), layout="constrained")
    ax = fig.add_subplot()
    markers = ["o", "s", "^", "D", "v", "P", "X", "*"]
    for k, s in enumerate(stats):
        n = len(s.sentence_sentiment)
        xs = [i / max(n - 1, 1) for i in range(n)]
        ax.plot(xs, s.sentence_sentiment, marker=markers[k % 8], color=OKABE_ITO[k % 8], label=s.id,
                linestyle=["-", "--", ":", "-."][k % 4])
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("position in the article (start → end)")
    ax.set_ylabel("VADER compound (−1 negative … +1 positive)")
    ax.set_title("Sentiment along each article")
    ax.legend(frameon=False)
    return fig


def plot_claims(claims: list[Claim], article_ids: list[str], *, limit: int | None = None) -> Chart:
    """The claim/omission grid: a row per claim, a column per article; a filled mark means the
    article carries the claim, an empty one that it leaves it out. Every claim is drawn unless
    ``limit`` is given; then the title says how many are shown.

    >>> from medialit import load_articles
    >>> from medialit.analysis.comparison import align_claims
    >>> articles = load_articles()
    >>> [t.get_text() for t in plot_claims(align_claims(articles), articles.ids).axes[0].get_xticklabels()]
    ['opinion-site', 'bbc-repost', 'aggregator']
    >>> plot_claims(align_claims(articles), articles.ids, limit=5).axes[0].get_title()
    'Claims: filled = the article carries it (5 of 37 shown)'
    """
    shown = claims if limit is None else claims[:limit]
    labels = [short_label(f"{c.id}. {c.label}") for c in shown]
    row_height = 0.5 if any("\n" in label for label in labels) else 0.38
    fig = Chart(figsize=(2.9 + 1.4 * len(article_ids), 0.9 + row_height * len(shown)), layout="constrained")
    ax = fig.add_subplot()
    for row, claim in enumerate(shown):
        for col, article_id in enumerate(article_ids):
            present = article_id in claim.members
            ax.scatter(col, row, s=180, marker="o", color=OKABE_ITO[4] if present else "white",
                       edgecolors="black", linewidths=1.2)
            ax.text(col, row, "✓" if present else "", ha="center", va="center", color="white", fontsize=8)
    ax.set_xticks(range(len(article_ids)), article_ids)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(shown)), labels, fontsize=8)
    ax.set_xlim(-0.6, len(article_ids) - 0.4)
    ax.set_ylim(len(shown) - 0.5, -0.5)
    more = f" ({len(shown)} of {len(claims)} shown)" if len(shown) < len(claims) else ""
    ax.set_title(f"Claims: filled = the article carries it{more}", fontsize=10)
    return fig


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes (for reports and exported pages).

    >>> from matplotlib.figure import Figure
    >>> figure_png(Figure())[:4]
    b'\\x89PNG'
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    return buffer.getvalue()
