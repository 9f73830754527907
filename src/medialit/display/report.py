"""``medialit report``: one self-contained HTML page comparing the articles of a set."""
from __future__ import annotations

import base64
from html import escape

from .html import format_annotated, format_legend, format_page
from .tables import format_table
from .plots import figure_png, plot_claims, plot_rates, plot_sentiment, plot_source_mix


def _table(rows: list[dict]) -> str:
    return format_table([{k: _cell(v) for k, v in row.items()} for row in rows])


def _cell(value):
    if value is True:
        return "✓ carries it"
    if value is False:
        return "— leaves it out"
    return value


def _img(fig, alt: str) -> str:
    data = base64.b64encode(figure_png(fig)).decode("ascii")
    return f'<figure><img alt="{escape(alt)}" src="data:image/png;base64,{data}"><figcaption>{escape(alt)}</figcaption></figure>'


def format_report(articles, spans: dict, stats: list, claims: list, *, how_matched: str = "",
                  quotes: dict | None = None) -> str:
    """The whole report page: highlighted texts side by side, the rates table, the omission table and
    the plots as embedded images; no file outside the page is needed to view it. It formats what it is
    given: ``spans`` (by article id), ``stats`` (:func:`medialit.analysis.comparison.article_stats` of each
    article), ``claims`` (:func:`medialit.analysis.claims.align_claims`), ``how_matched`` (one sentence on
    how the claims were matched) and ``quotes`` (by article id, shown in italics). ``medialit report``
    (:func:`medialit.cli.build_report`) runs the analysis and calls it.

    >>> from medialit import load_articles
    >>> from medialit.analysis import align_claims, annotate, article_stats
    >>> articles = load_articles()
    >>> spans = {a.id: annotate(a) for a in articles}
    >>> page = format_report(articles, spans, [article_stats(a, spans[a.id]) for a in articles], align_claims(articles))
    >>> page.startswith("<!DOCTYPE html>") and "data:image/png;base64," in page and "leaves it out" in page
    True
    """
    articles = list(articles)
    quotes = quotes or {}
    ids = [a.id for a in articles]
    columns = "".join(f'<div class="ml-col"><p><b>{escape(a.id)}</b>'
                      + (f' · <i>{escape(a.kind)}</i>' if a.kind else "")
                      + f'</p>{format_annotated(a.text, spans[a.id], quotes=quotes.get(a.id, ()), legend=False, headline=True)}</div>'
                      for a in articles)
    omissions = [{"#": c.id, "claim": c.label, **{i: i in c.members for i in ids}} for c in claims]
    body = (
        "<p>Made with medialit. Hover a highlight to see why it was marked. The marks come from rules and word "
        "lists: read them as prompts for discussion, not verdicts.</p>"
        + format_legend()
        + f'<h2>The articles side by side</h2><div class="ml-columns">{columns}</div>'
        + "<h2>Rates</h2>" + _table([s.as_row() for s in stats])
        + _img(plot_rates(stats), "Hedges, boosters and loaded words per 100 words")
        + "<h2>Who says so?</h2>" + _table([{"article": s.id, **s.by_source_type, **s.by_stance} for s in stats])
        + _img(plot_source_mix(stats), "Attributions by source type")
        + "<h2>Sentiment</h2>" + _img(plot_sentiment(stats), "VADER sentiment of each sentence, start to end")
        + "<h2>What each article includes or leaves out</h2>"
        + (f'<p class="ml-how-matched">{escape(how_matched)}</p>' if how_matched else "") + _table(omissions)
        + _img(plot_claims(claims, ids), "Claims carried (filled) or left out (empty) by each article")
    )
    style = ("<style>.ml-columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(22em,1fr));gap:1.5em}"
             "figure img{max-width:100%}</style>")
    title = getattr(articles[0], "meta", {}).get("set_title") or "medialit report"
    return format_page(title, style + body)
