"""Views for reading: an article as readable paragraphs, the marks found in a short text, and how each
article of a set renders the same remarks (in quote marks or paraphrased).

Pure ``format_*`` functions return HTML; thin ``show_*`` wrappers display it. All are importable from
:mod:`medialit.display`.

>>> from medialit import load_articles
>>> "<h3" in format_article(load_articles()["bbc-repost"])
True
"""
from __future__ import annotations

from html import escape

from ..text.articles import load_renderings
from ..text.quotes import quote_status

READABLE = ("max-width: 46em; line-height: 1.6; font-family: Georgia, 'Times New Roman', serif; "
            "white-space: normal; word-break: normal; overflow-wrap: break-word;")


def _show(html: str) -> None:
    from IPython.display import HTML, display

    display(HTML(html))


def _is_heading(block: str, headings: set[str]) -> bool:
    return "\n" not in block.strip() and block.strip() in headings


def format_article(article) -> str:
    """HTML for reading an article: the headline once, as a heading; what kind of publication it is
    and its date when the set says so; then the text as paragraphs that wrap between words. Section
    headings (such as "Facts") become small headings and bullet lines a list. Everything is escaped.

    >>> from medialit import Article
    >>> html = format_article(Article.from_text("Rain <due>\\n\\nOfficials said it may rain.", kind="blog"))
    >>> html.count("Rain &lt;due&gt;"), "<p>Officials said it may rain.</p>" in html, "blog" in html
    (1, True, True)
    """
    headings = {s.text.strip() for s in article.sentences if s.label == "heading"}
    body = article.text.split("\n", 1)[1] if "\n" in article.text else ""
    parts = [f'<div class="ml-article" style="{READABLE}">',
             f'<h3 class="ml-headline" style="margin: 0 0 0.3em 0;">{escape(article.headline)}</h3>']
    about = [escape(x) for x in (article.kind, f"date: {article.date}" if article.date else "") if x]
    if about:
        parts.append(f'<p style="margin: 0 0 1em 0; color: #555;"><i>{escape(article.id)}</i> · '
                     f'{" · ".join(about)}</p>')
    for block in body.split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if _is_heading(block, headings):
            parts.append(f'<h4 style="margin: 1em 0 0.4em 0;">{escape(lines[0])}</h4>')
        elif all(line.startswith(("•", "- ", "* ")) for line in lines):
            items = "".join(f"<li>{escape(line.lstrip('•-* ').strip())}</li>" for line in lines)
            parts.append(f'<ul style="margin: 0 0 0.8em 0;">{items}</ul>')
        else:
            parts.append("<p>" + "<br>".join(escape(line) for line in lines) + "</p>")
    parts.append("</div>")
    return "".join(parts)


def show_article(article) -> None:
    """Display :func:`format_article` in a notebook (instead of ``print(article.text)``).

    >>> from medialit import load_articles
    >>> show_article(load_articles()[0])
    <IPython.core.display.HTML object>
    """
    _show(format_article(article))


def format_spans(text: str, spans) -> str:
    """HTML showing what a detector found in a short text: the text with the marks highlighted, then
    a table with the words, kind, category and why (and a neutral alternative for loaded words). Use
    it instead of showing a list of ``Span`` objects.

    >>> from medialit.analysis.hedging import find_hedges
    >>> text = "Talks may resume in May."
    >>> html = format_spans(text, find_hedges(text))
    >>> "[HEDGE]" in html and "<td" in html and "modal verb" in html and "Span(" not in html
    True
    >>> "found nothing" in format_spans("The sky is blue.", [])
    True
    """
    from .html import CSS, format_annotated
    from .tables import table_html

    spans = list(spans)
    view = f"<style>{CSS}</style>" + format_annotated(text, spans, legend=False)
    if not spans:
        return view + "<p><i>The tool found nothing to mark in this text.</i></p>"
    alternatives = any(s.alternative for s in spans)
    header = ["words", "kind", "category", "why"] + (["neutral alternative"] if alternatives else [])
    rows = [[escape(s.text), escape(s.kind), escape(s.label or ""), escape(s.why or "")]
            + ([escape(s.alternative or "")] if alternatives else []) for s in sorted(spans, key=lambda s: s.start)]
    return view + table_html(header, rows)


def show_spans(text: str, spans) -> None:
    """Display :func:`format_spans` in a notebook: ``show_spans(text, find_hedges(text))``.

    >>> show_spans("Officials said it may rain.", [])
    <IPython.core.display.HTML object>
    """
    _show(format_spans(text, spans))


GENERIC_NOTE = ("<p>This article set has no list of remarks to compare (a <code>renderings.json</code> file beside "
                "the articles). Try it by hand: choose one thing the speaker said that every article reports, copy "
                "each article's words for it, and see which put those words in quote marks. Quote marks claim to "
                "give the speaker's exact words: a reader can check that claim against the original.</p>")


def format_renderings(articles) -> str:
    """HTML: for each remark in the set's ``renderings.json``, a table with a row per article, the
    words it uses, and whether they stand in quote marks (direct quote) or are paraphrased; "not
    reported" where an article leaves the remark out. A set without the file gets a short note.

    >>> from medialit import load_articles
    >>> html = format_renderings(load_articles())
    >>> "direct quote (in quote marks)" in html and "not reported" in html
    True
    >>> from medialit import Article
    >>> "renderings.json" in format_renderings([Article.from_text("A\\nB.")])
    True
    """
    from .tables import table_html

    data = load_renderings(articles)
    if not data or not data.get("remarks"):
        return GENERIC_NOTE
    articles = list(articles)
    parts = ['<div class="ml-renderings">']
    if data.get("about"):
        parts.append(f"<p>{escape(data['about'])}</p>")
    for number, remark in enumerate(data["remarks"], start=1):
        renderings = remark.get("renderings", {})
        rows = []
        for article in articles:
            words = renderings.get(article.id)
            if words:
                rows.append([f"<b>{escape(article.id)}</b>", escape(words), escape(quote_status(article, words))])
            else:
                rows.append([f"<b>{escape(article.id)}</b>", "<i>not reported</i>", "—"])
        parts.append(f"<h4>Remark {number}: {escape(remark.get('remark', remark.get('id', '')))}</h4>")
        parts.append(table_html(["article", "the article's words", "quote marks?"], rows))
        if remark.get("note"):
            parts.append(f"<p><i>{escape(remark['note'])}</i></p>")
    if data.get("how_to_check"):
        parts.append("<h4>How to check the original</h4><ul>"
                     + "".join(f"<li>{escape(step)}</li>" for step in data["how_to_check"]) + "</ul>")
    parts.append("</div>")
    return "".join(parts)


def show_renderings(articles) -> None:
    """Display :func:`format_renderings` in a notebook.

    >>> from medialit import load_articles
    >>> show_renderings(load_articles())
    <IPython.core.display.HTML object>
    """
    _show(format_renderings(articles))
