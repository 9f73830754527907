"""Displays: pure ``format_*`` functions return HTML; thin ``show_*`` wrappers display it."""
from __future__ import annotations

from html import escape

from .articles import Article, ArticleSet


def _items(lines) -> str:
    return "<ul>" + "".join(f"<li>{escape(str(line))}</li>" for line in lines) + "</ul>" if lines else ""


def format_provenance(articles: ArticleSet | list[Article]) -> str:
    """HTML: for each article, what kind of publication it is (and the evidence in the text),
    its date as stated, provenance notes, and what cleaning removed from the copied page.

    >>> from medialit import load_articles
    >>> html = format_provenance(load_articles())
    >>> "Scroll to Top" in html and "picture caption" in html
    True
    """
    parts = ['<div class="medialit-provenance">']
    for article in articles:
        meta = article.meta
        removed = [r for r in meta.get("cleaning", {}).get("removed", []) if r["rule"] != "whitespace"]
        parts.append(f"<h3>{escape(article.id)}: {escape(article.headline)}</h3>")
        if article.kind:
            parts.append(f"<p><b>Kind of publication:</b> {escape(article.kind)}</p>")
            parts.append(_items(meta.get("kind_evidence", [])))
        if article.date:
            parts.append(f"<p><b>Date, as the text states it:</b> {escape(article.date)}</p>")
        if meta.get("provenance"):
            parts.append("<p><b>Where it came from:</b></p>" + _items(meta["provenance"]))
        if removed:
            parts.append("<p><b>Removed when cleaning the copied page:</b></p>")
            parts.append(_items(f"“{r['text'].strip()}” ({r['why']})" for r in removed))
    parts.append("</div>")
    return "".join(parts)


def show_provenance(articles: ArticleSet | list[Article]) -> None:
    """Display :func:`format_provenance` in a notebook."""
    from IPython.display import HTML, display

    display(HTML(format_provenance(articles)))
