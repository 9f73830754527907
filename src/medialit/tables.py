"""Tables for students: left-aligned wherever they are shown, with words (never raw objects) in cells.

Pure functions return rows (lists of dicts) or HTML; ``show_*`` wrappers display it. All are importable
from :mod:`medialit.display` too.

>>> from medialit import load_articles
>>> format_table(overview_rows(load_articles())).count("<tr>")
4
"""
from __future__ import annotations

import re
from html import escape

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


def format_attributions(article, spans=None) -> str:
    """HTML table of an article's attributions: cue, source, source type, stance, quote or paraphrase.

    >>> from medialit import load_articles
    >>> html = format_attributions(load_articles()["aggregator"])
    >>> "Ukrainian and Western officials" in html and "anonymous" in html
    True
    """
    from .attribution import find_attributions

    spans = find_attributions(article.text) if spans is None else [s for s in spans if s.kind == "attribution"]
    rows = [[escape(_shorten(a.text, 40, quoted=True)),
             escape(a.source.text) if a.source is not None else "<i>(no source)</i>",
             escape(a.source.label) if a.source is not None else "none", escape(a.stance + (" (in context; usually endorsing)" if a.meta.get("stance_in_context") else "")), escape(a.label)]
            for a in spans]
    return (f"<p><b>{escape(article.id)}</b>: {len(spans)} attributions</p>"
            + table_html(["cue", "source", "source type", "stance", "quote or paraphrase"], rows))


def _shorten(text: str, width: int, *, quoted: bool = False) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with "…" when cut (and a
    closing quote mark when ``quoted`` and the text opens one)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width - 1].rsplit(" ", 1)[0] if " " in text[:width - 1] else text[:width - 1]
    return cut.rstrip(" ,;:") + "…" + ("”" if quoted and text[0] in "“\"" else "")


def show_attributions(article) -> None:
    """Display :func:`format_attributions` in a notebook.

    >>> from medialit import load_articles
    >>> show_attributions(load_articles()[0])
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML, display

    display(HTML(format_attributions(article)))


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
                     "sentences": len(a.sentences), "opens with": _shorten(first, 160)})
    return rows


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def mark_rows(article, kinds=("attribution", "hedge", "booster", "loaded")) -> list[dict]:
    """One row per mark in an article: the words, kind, category, whose voice, why, and an alternative.

    >>> rows = mark_rows(__import__("medialit").load_articles()["bbc-repost"], kinds=("hedge",))
    >>> [(r["words"], r["voice"]) for r in rows]
    [('allegedly', 'author'), ('likely', 'author')]
    """
    from .annotate import annotate

    rows = []
    for s in annotate(article.text):
        if s.kind not in kinds:
            continue
        row = {"words": _shorten(s.text, 50, quoted=True), "kind": s.kind, "category": s.label,
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
    from .text import sentiment_analyzer

    analyzer = sentiment_analyzer()
    return [{"#": i, "sentence": _shorten(s.text, 120),
             "VADER": round(analyzer.polarity_scores(s.text)["compound"], 3)}
            for i, s in enumerate((s for s in article.sentences if s.label == "sentence"), start=1)]
