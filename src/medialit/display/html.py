"""Displays: pure ``format_*`` functions return HTML; thin ``show_*`` wrappers display it.

Highlighting, provenance, footnotes and feedback live here; tables in :mod:`medialit.display.tables`; views
for reading (an article, the marks in a short text, renderings of a remark) in :mod:`medialit.display.textviews`.
All their public names are importable from here, as the lessons do.
"""
from __future__ import annotations

from html import escape

from ..span import KINDS
from ..text.articles import Article, ArticleSet
from ..text.segments import shorten
from .tables import CELL_STYLE, table_html


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
    """Display :func:`format_provenance` in a notebook.

    >>> from medialit import load_articles
    >>> show_provenance(load_articles())  # doctest: +ELLIPSIS
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML, display

    display(HTML(format_provenance(articles)))


KIND_STYLE = {
    # kind: (colour from the Okabe–Ito palette, underline style, tag shown without colour)
    "attribution": ("#0072B2", "solid", "SAYS"),
    "hedge": ("#009E73", "dotted", "HEDGE"),
    "booster": ("#D55E00", "double", "BOOST"),
    "loaded": ("#CC79A7", "wavy", "LOADED"),
    "source": ("#56B4E9", "dashed", "SOURCE"),
    "claim": ("#E69F00", "solid", "CLAIM"),
}


def kind_rules(prefix: str, *, alpha: str = "1f") -> str:
    """CSS giving each kind of mark its colour and underline style (``KIND_STYLE``), for the class
    ``<prefix><kind>``: the one place the kinds' colours are set, for highlights and the Marker alike.

    >>> kind_rules(".ml-mark-").splitlines()[0]
    '.ml-mark-attribution {text-decoration-color: #0072B2; text-decoration-style: solid; background: #0072B21f;}'
    """
    return "".join(f"{prefix}{kind} {{text-decoration-color: {colour}; text-decoration-style: {style};"
                   f" background: {colour}{alpha};}}\n" for kind, (colour, style, _) in KIND_STYLE.items())


CATEGORY_ORDER = ["attribution: named person", "attribution: role", "attribution: organisation",
                  "attribution: anonymous", "attribution: vague", "attribution: author", "attribution: none",
                  "hedge", "booster", "loaded"]
CSS = """
.medialit {font-family: Georgia, 'Times New Roman', serif; line-height: 1.7; max-width: 46em;}
.medialit .ml {text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: 3px;}
.medialit .ml-tag {font: bold 0.62em sans-serif; vertical-align: super; margin-left: 1px; color: #333;}
.medialit .ml-quote {font-style: italic; background: #f2f2f2;}
.medialit .ml-legend {display: flex; flex-wrap: wrap; gap: 0.2em 1.2em;}
.medialit .ml-legend > span {white-space: nowrap;}
.medialit p {margin: 0 0 0.8em 0;}
.medialit h3.ml-headline {font-size: 1.15em; margin: 0 0 0.6em 0;}
.ml-table {border-collapse: collapse; margin: 0.5em 0;}
.ml-table td, .ml-table th {border: 1px solid #bbb; padding: 0.2em 0.5em; font: 0.9em sans-serif; text-align: left;
  vertical-align: top;}
""" + kind_rules(".medialit .ml-", alpha="1f")


def span_tooltip(span) -> str:
    """The plain-text tooltip of a highlight: kind, label, why, and the neutral alternative.

    >>> from medialit.span import Span
    >>> span_tooltip(Span.of("a regime", 2, 8, "loaded", label="label", why="Sounds illegitimate.",
    ...                      alternative="government"))
    'loaded · label — Sounds illegitimate. Neutral alternative: government.'
    """
    parts = [f"{span.kind} · {span.label}" if span.label else span.kind]
    tip = parts[0] + (f" — {span.why}" if span.why else "")
    if span.source is not None:
        tip += f" Source: {span.source.text} ({span.source.label})."
    if span.stance:
        tip += f" Stance: {span.stance}."
    if span.voice and span.voice != "author":
        tip += f" Voice: {span.voice}" + (f" ({span.speaker})" if span.speaker else "") + "."
    if span.alternative:
        tip += f" Neutral alternative: {span.alternative}."
    return tip


def format_legend(kinds=KINDS) -> str:
    """HTML legend: each kind's colour, underline style and tag, and how quotes look.

    >>> "[HEDGE]" in format_legend()
    True
    """
    items = "".join(f'<span><span class="ml ml-{k}">{k}</span><span class="ml-tag">[{KIND_STYLE[k][2]}]</span>'
                    f' ({KIND_STYLE[k][1]} underline)</span>' for k in kinds)
    return (f'<div class="medialit"><p class="ml-legend">{items}<span><span class="ml-quote">words in quote marks</span>'
            f' (italic, grey)</span></p></div>')


def format_annotated(text: str, spans, *, quotes=(), legend: bool = True, headline: bool = False) -> str:
    """HTML of ``text`` with every span of ``spans`` highlighted: colour, an underline style per kind and
    a bracketed tag (so it reads without colour), a tooltip saying why, and the words inside ``quotes``
    (quotation spans) in italics. With ``headline=True`` the first line is shown as a heading (so a view
    need not repeat it).

    >>> from medialit.analysis import annotate
    >>> html = format_annotated("Critics claimed the regime may fall.", annotate("Critics claimed the regime may fall."))
    >>> "[SAYS]" in html and "[LOADED]" in html and "Neutral alternative: government" in html
    True
    >>> format_annotated("Rain due\\nOfficials said it may rain.", [], headline=True, legend=False)
    '<div class="medialit ml-text"><h3 class="ml-headline">Rain due</h3><p>Officials said it may rain.</p></div>'
    """
    items = sorted(list(spans), key=lambda s: (s.start, -s.end))
    quote_ranges = sorted((q.start, q.end) for q in quotes)
    head_end = text.find("\n") if headline else -1
    head_end = head_end if head_end >= 0 else (len(text) if headline else 0)
    cuts = {0, len(text), head_end}
    for item in items:
        cuts.update((item.start, item.end))
    for a, b in quote_ranges:
        cuts.update((a, b))
    cuts = sorted(cuts)
    head, out, active, nxt, qi = [], [], [], 0, 0
    for a, b in zip(cuts, cuts[1:]):
        if headline and a == head_end:
            head, out = out, []
        active = [s for s in active if s.end > a]          # a sweep: each span enters and leaves once
        while nxt < len(items) and items[nxt].start <= a:
            if items[nxt].end > a:
                active.append(items[nxt])
            nxt += 1
        while qi < len(quote_ranges) and quote_ranges[qi][1] <= a:
            qi += 1
        piece = escape(text[a:b])
        covering = [s for s in active if s.start <= a and b <= s.end]
        for s in covering:
            piece = f'<span class="ml ml-{s.kind}" title="{escape(span_tooltip(s))}">{piece}</span>'
        if qi < len(quote_ranges) and quote_ranges[qi][0] <= a and b <= quote_ranges[qi][1]:
            piece = f'<span class="ml-quote">{piece}</span>'
        out.append(piece)
        for s in covering:
            if s.end == b:
                out.append(f'<span class="ml-tag" aria-hidden="true">[{KIND_STYLE.get(s.kind, ("", "", s.kind))[2]}]</span>')
    if head_end == len(text):
        head, out = out, []
    body = "".join(out)
    paragraphs = "".join(f"<p>{p.strip(chr(10)).replace(chr(10), '<br>')}</p>"
                         for p in body.split("\n\n") if p.strip())
    title = "".join(head).strip()
    title = f'<h3 class="ml-headline">{title}</h3>' if title else ""
    return f'{format_legend() if legend else ""}<div class="medialit ml-text">{title}{paragraphs}</div>'


def format_page(title: str, body: str) -> str:
    """A complete, self-contained HTML page (styles included).

    >>> format_page("Report", "<p>hi</p>").startswith("<!DOCTYPE html>")
    True
    """
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<style>body{{margin:2em;}} {CSS}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>\n')


def show_annotated(text: str, spans, *, quotes=()) -> None:
    """Display :func:`format_annotated` in a notebook.

    >>> show_annotated("Officials said it may rain.", [])
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML, display

    display(HTML(f"<style>{CSS}</style>" + format_annotated(text, spans, quotes=quotes)))


def span_category(span) -> str:
    """The toggle a span belongs to: attributions by source type, the other kinds by kind.

    >>> from medialit.analysis.annotation import annotate
    >>> [span_category(s) for s in annotate("Officials said it may rain.")]
    ['attribution: anonymous', 'hedge']
    """
    if span.kind == "attribution":
        return "attribution: " + ("none" if span.source is None else span.source.label)
    return span.kind


def format_feedback(feedback) -> str:
    """HTML for a :class:`medialit.grading.feedback.Feedback`: a coloured, labelled box with the messages.

    >>> from medialit.grading.feedback import Feedback
    >>> "Not answered yet" in format_feedback(Feedback(0.0, "not answered", ["Mark some words."]))
    True
    """
    colours = {"correct": "#009E73", "partial": "#E69F00", "wrong": "#D55E00"}
    lines = str(feedback).split("\n")
    items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines[1:])
    colour = colours.get(feedback.status, "#555555")
    return (f'<div class="ml-feedback ml-feedback-{feedback.status.replace(" ", "-")}" role="status" '
            f'style="border-left: 6px solid {colour}; padding: 0.3em 0.8em; margin: 0.4em 0;">'
            f'<b>{escape(lines[0])}</b>' + (f"<ul>{items}</ul>" if items else "") + "</div>")


def format_footnotes(articles) -> str:
    """HTML: for articles whose facts pointed to numbered sources, which source backs which fact.

    >>> from medialit import load_articles
    >>> "New York Times" in format_footnotes(load_articles())
    True
    """
    parts = []
    for article in articles:
        notes = article.meta.get("cleaning", {}).get("footnotes", [])
        if not notes:
            continue
        items = []
        for note in notes:
            start = article.text.rfind("\n", 0, note["offset"]) + 1
            fact = article.text[start:note["offset"]].strip(" •\t")
            items.append(f"<li><b>[{note['number']}] {escape(note['source'] or '?')}</b>: "
                         f"{escape(shorten(fact, 141))}</li>")
        parts.append(f"<p><b>{escape(article.id)}</b> numbers its facts:</p><ul>{''.join(items)}</ul>")
    return "".join(parts) or "<p>No article in this set numbers its sources.</p>"


def show_footnotes(articles) -> None:
    """Display :func:`format_footnotes` in a notebook.

    >>> from medialit import load_articles
    >>> show_footnotes(load_articles())
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML, display

    display(HTML(format_footnotes(articles)))


def format_section(articles, heading: str) -> str:
    """HTML of the text under ``heading`` in every article that has such a section.

    >>> from medialit import load_articles
    >>> "Pro-establishment narrative" in format_section(load_articles(), "Narratives")
    True
    """
    from ..text.splitter import sections

    parts = []
    for article in articles:
        text = sections(article.text).get(heading)
        if text:
            items = "".join(f"<li>{escape(line.strip(' •'))}</li>" for line in text.splitlines() if line.strip())
            parts.append(f"<p><b>{escape(article.id)}</b>, section “{escape(heading)}”:</p><ul>{items}</ul>")
    return "".join(parts) or f"<p>No article in this set has a section called “{escape(heading)}”.</p>"


def show_section(articles, heading: str) -> None:
    """Display :func:`format_section` in a notebook.

    >>> show_section([], "Narratives")
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML, display

    display(HTML(format_section(articles, heading)))


def show_note(text: str) -> None:
    """Show a sentence for students as a paragraph that wraps between words (``print`` output in
    JupyterLab breaks long lines inside words).

    >>> show_note("Matched by hand.")
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML, display

    display(HTML(f'<p class="ml-note" style="max-width: 46em;"><i>{escape(text)}</i></p>'))
