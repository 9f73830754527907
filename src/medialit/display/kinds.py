"""Kinds of information on screen (lesson 07): the clues found in each article, and what the set's metadata
says each article is. Pure ``format_*`` functions take what :mod:`medialit.analysis.kinds` returns; thin
``show_*`` wrappers display it. All are importable from :mod:`medialit.display`.

>>> from medialit import load_articles
>>> from medialit.analysis.kinds import kind_clues
>>> "comment form" in format_clues(kind_clues(load_articles("lukashenko-2023")))
True
"""
from __future__ import annotations

from html import escape

from .tables import table_html


def _show(html: str) -> None:
    from IPython.display import HTML, display

    display(HTML(html))


def format_clues(clues: dict) -> str:
    """HTML: for each article, a table of its clues (clue, the words that show it, the kind it points to, why).

    >>> from medialit.analysis.kinds import Clue
    >>> html = format_clues({"a": [Clue("a", "a list of sources", "aggregator", "Sources: X", "Lists outlets.")]})
    >>> "Sources: X" in html and "aggregator" in html
    True
    """
    parts = ['<div class="ml-clues" style="max-width: 60em;">']
    for article_id, found in clues.items():
        rows = [[f"<b>{escape(c.clue)}</b>", escape(c.evidence), escape(c.points_to), escape(c.why)] for c in found]
        parts.append(f"<h4 style=\"margin: 0.8em 0 0.2em 0;\">{escape(article_id)}</h4>")
        parts.append(table_html(["clue", "in the text", "points to", "why"], rows) if rows else
                     "<p><i>No clue found: read the text and decide from what it says and how.</i></p>")
    parts.append("</div>")
    return "".join(parts)


def show_clues(clues: dict) -> None:
    """Display :func:`format_clues` in a notebook: ``show_clues(kind_clues(articles))``.

    >>> show_clues({})
    <IPython.core.display.HTML object>
    """
    _show(format_clues(clues))


def format_stated_kinds(rows: list[dict]) -> str:
    """HTML: what the set's metadata says each article is, and the evidence it gives; for an article it says
    nothing about, that it says nothing, so the reader decides from the clues.

    >>> html = format_stated_kinds([{"article": "a", "headline": "H", "kind": "", "evidence": []}])
    >>> "does not say" in html
    True
    """
    parts = ['<div class="ml-kinds" style="max-width: 46em;">']
    for row in rows:
        parts.append(f"<p><b>{escape(row['article'])}</b>: {escape(row['headline'])}<br>")
        if row["kind"]:
            parts.append(f"The set says it is: <b>{escape(row['kind'])}</b></p>")
            if row["evidence"]:
                parts.append("<ul>" + "".join(f"<li>{escape(e)}</li>" for e in row["evidence"]) + "</ul>")
        else:
            parts.append("<i>The set does not say what kind of text this is: decide from the clues, and say "
                         "which clue convinced you.</i></p>")
    parts.append("</div>")
    return "".join(parts)


def show_stated_kinds(rows: list[dict]) -> None:
    """Display :func:`format_stated_kinds` in a notebook: ``show_stated_kinds(stated_kinds(articles))``.

    >>> show_stated_kinds([])
    <IPython.core.display.HTML object>
    """
    _show(format_stated_kinds(rows))
