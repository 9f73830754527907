"""Tables for students: left-aligned wherever they are shown, with words (never raw objects) in cells.

``format_*`` functions turn rows (lists of dicts, e.g. from :mod:`medialit.analysis.rows`) or spans into
HTML; ``show_*`` wrappers display it.

>>> format_table([{"article": "a", "words": 3}, {"article": "b", "words": 5}]).count("<tr>")
3
"""
from __future__ import annotations

from html import escape

from ..text.segments import shorten

# Inline styles, so tables are left-aligned wherever they are shown: JupyterLab right-aligns table
# cells with a rule (`:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`) that beats a class selector.
CELL_STYLE = "text-align: left; vertical-align: top; padding: 0.2em 0.5em; border: 1px solid #bbb;"


def table_html(header: list[str], rows: list[list[str]], *, caption: str = "") -> str:
    """An HTML table whose cells are left-aligned in JupyterLab, in report pages and in any browser.
    ``header`` is plain text (escaped here); ``rows`` hold cells that are already HTML.

    >>> page = table_html(["word"], [["may"]])
    >>> page.count('style="text-align: left;'), "<th" in page and ">may</td>" in page
    (2, True)
    """
    head = "".join(f'<th style="{CELL_STYLE}">{escape(str(h))}</th>' for h in header)
    body = "".join("<tr>" + "".join(f'<td style="{CELL_STYLE}">{c}</td>' for c in row) + "</tr>" for row in rows)
    cap = f'<caption style="text-align: left;">{escape(caption)}</caption>' if caption else ""
    return (f'<table class="ml-table" style="border-collapse: collapse; margin: 0.5em 0;">{cap}<thead><tr>{head}</tr>'
            f"</thead><tbody>{body}</tbody></table>")


def format_attributions(article, spans) -> str:
    """HTML table of an article's attributions (``spans``; other kinds are left out): cue, source, source
    type, stance, quote or paraphrase.

    >>> from medialit import load_articles
    >>> from medialit.analysis import find_attributions
    >>> article = load_articles()["aggregator"]
    >>> html = format_attributions(article, find_attributions(article))
    >>> "Ukrainian and Western officials" in html and "anonymous" in html
    True
    """
    spans = [s for s in spans if s.kind == "attribution"]
    rows = [[escape(shorten(a.text, 40, quoted=True)),
             escape(a.source.text) if a.source is not None else "<i>(no source)</i>",
             escape(a.source.label) if a.source is not None else "none", escape(a.stance + (" (in context; usually endorsing)" if a.meta.get("stance_in_context") else "")),
             escape(a.label)]
            for a in spans]
    return (f"<p><b>{escape(article.id)}</b>: {len(spans)} attributions</p>"
            + table_html(["cue", "source", "source type", "stance", "quote or paraphrase"], rows))


def show_attributions(article, spans) -> None:
    """Display :func:`format_attributions` in a notebook: ``show_attributions(article, find_attributions(article))``.

    >>> from medialit import load_articles
    >>> show_attributions(load_articles()[0], [])
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML, display

    display(HTML(format_attributions(article, spans)))


def format_table(rows: list[dict], *, caption: str = "") -> str:
    """A plain HTML table from a list of dicts (the keys of the first row are the columns), left-aligned
    (see :func:`table_html`); True shows as ✓ and False as —.

    >>> html = format_table([{"a": 1, "b": True}], caption="demo")
    >>> html.count("text-align: left"), ">✓</td>" in html, "<caption" in html
    (5, True, True)
    """
    if not rows:
        return "<p><i>(nothing to show)</i></p>"
    cell = lambda v: "✓" if v is True else ("—" if v is False else escape(str(v)))  # noqa: E731
    return table_html(list(rows[0]), [[cell(v) for v in row.values()] for row in rows], caption=caption)


def show_table(rows: list[dict], *, caption: str = "") -> None:
    """Display :func:`format_table` in a notebook.

    >>> show_table([{"article": "a", "words": 3}])
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML, display

    display(HTML(format_table(rows, caption=caption)))
