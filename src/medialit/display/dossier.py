"""Lateral reading on screen: a set's source dossier, the three questions, and the result of a look-up.

Pure ``format_*`` functions turn a :class:`medialit.analysis.dossier.Dossier` (from ``load_dossier``) or a
:class:`medialit.analysis.lookup.Lookup` (from ``find_original``) into HTML; thin ``show_*`` wrappers display
it. A set without a dossier gets the questions to ask and how to build one. All are importable from
:mod:`medialit.display`.

>>> from medialit import load_articles
>>> from medialit.analysis.dossier import load_dossier
>>> "state media: national news agency" in format_dossier(load_dossier(load_articles("lukashenko-2023")))
True
"""
from __future__ import annotations

from html import escape

from ..analysis.dossier import BUILD_STEPS, LATERAL_QUESTIONS, Dossier, Entry
from .tables import table_html

BOX = "max-width: 46em; border-left: 5px solid {colour}; padding: 0.3em 0.9em; margin: 0.6em 0;"


def _show(html: str) -> None:
    from IPython.display import HTML, display

    display(HTML(html))


def _list(items, *, code: bool = False) -> str:
    wrap = (lambda x: f"<code>{escape(x)}</code>") if code else escape
    return "<ul>" + "".join(f"<li>{wrap(str(item))}</li>" for item in items) + "</ul>" if items else ""


def format_questions() -> str:
    """HTML: the three questions of lateral reading, each with the steps that answer it.

    >>> html = format_questions()
    >>> "Who is behind it?" in html and "What do other sources say?" in html
    True
    """
    items = "".join(f"<li><b>{escape(q)}</b>{_list(how)}</li>" for q, how in LATERAL_QUESTIONS)
    return f'<div class="ml-questions" style="max-width: 46em;"><ol>{items}</ol></div>'


def show_questions() -> None:
    """Display :func:`format_questions` in a notebook.

    >>> show_questions()
    <IPython.core.display.HTML object>
    """
    _show(format_questions())


def format_entry(entry: Entry) -> str:
    """HTML card for one dossier entry: kind, who is behind it, where it appears in the texts, what to keep in
    mind and what to search for.

    >>> from medialit import load_articles
    >>> from medialit.analysis.dossier import load_dossier
    >>> html = format_entry(load_dossier(load_articles("lukashenko-2023")).entry("RT"))
    >>> "Russian government" in html and "Sources: New York Times, RT" in html
    True
    """
    where = []
    if entry.articles:
        where.append(f"This is the set's article <b>{', '.join(escape(a) for a in entry.articles)}</b>.")
    if entry.in_the_texts:
        where.append(escape(entry.in_the_texts))
    mentions = "".join(f"<li><b>{escape(m.article)}</b>: “{escape(m.context)}”</li>" for m in entry.mentions)
    return (f'<div class="ml-dossier-entry" style="{BOX.format(colour="#0072B2")}">'
            f'<h4 style="margin: 0.2em 0;">{escape(entry.name)}</h4>'
            f"<p><b>Kind:</b> {escape(entry.kind)}</p>"
            + f"<p><b>Owned or paid for by:</b> {escape(entry.owner)}</p>"
            + (f"<p><b>Who is behind it:</b> {escape(entry.behind)}</p>" if entry.behind else "")
            + (f"<p><b>In these texts:</b> {' '.join(where)}</p>" if where else "")
            + (f"<ul>{mentions}</ul>" if mentions else "")
            + f"<p><b>Keep in mind:</b></p>{_list(entry.keep_in_mind)}"
            f"<p><b>Search for</b> (type these when you are online):</p>{_list(entry.search_for, code=True)}</div>")


def format_no_dossier(dossier: Dossier) -> str:
    """HTML for a set without a dossier: says so, gives the three questions to ask of each article and the
    steps to build a dossier.

    >>> from medialit import Article
    >>> from medialit.analysis.dossier import load_dossier
    >>> html = format_no_dossier(load_dossier([Article.from_text("A\\nB.", id="one")]))
    >>> "has no dossier" in html and "dossier.json" in html and "one" in html
    True
    """
    ids = ", ".join(f"<b>{escape(i)}</b>" for i in dossier.article_ids)
    name = f" <b>{escape(dossier.set_name)}</b>" if dossier.set_name else ""
    return (f'<div class="ml-dossier" style="{BOX.format(colour="#E69F00")}">'
            f"<p>This article set{name} has no dossier (no <code>dossier.json</code> file beside its articles), "
            f"so the kit knows nothing about who is behind its sources. Find out yourself: for each article "
            f"({ids}) and for each outlet it names, ask the three questions.</p>{format_questions()}"
            f"<p><b>Build a dossier for this set:</b></p><ol>"
            + "".join(f"<li>{escape(step)}</li>" for step in BUILD_STEPS) + "</ol></div>")


def format_dossier(dossier: Dossier) -> str:
    """HTML of a set's whole dossier: what it is, then a card per entry; or, for a set without one,
    :func:`format_no_dossier`.

    >>> from medialit import load_articles
    >>> from medialit.analysis.dossier import load_dossier
    >>> html = format_dossier(load_dossier(load_articles("lukashenko-2023")))
    >>> html.count('class="ml-dossier-entry"') >= 10
    True
    """
    if not dossier.exists:
        return format_no_dossier(dossier)
    about = f"<p><i>{escape(dossier.about)}</i></p>" if dossier.about else ""
    return (f'<div class="ml-dossier">{about}' + "".join(format_entry(e) for e in dossier.entries) + "</div>")


def show_dossier(dossier: Dossier) -> None:
    """Display :func:`format_dossier` in a notebook.

    >>> from medialit import load_articles
    >>> from medialit.analysis.dossier import load_dossier
    >>> show_dossier(load_dossier(load_articles()))
    <IPython.core.display.HTML object>
    """
    _show(format_dossier(dossier))


def format_dossier_table(dossier: Dossier) -> str:
    """HTML: a short table of the dossier (outlet, kind, who owns or pays for it, the articles it appears in); a set
    without a dossier gets a note saying so and what to ask instead.

    >>> from medialit import Article, load_articles
    >>> from medialit.analysis.dossier import load_dossier
    >>> "state media: international broadcaster" in format_dossier_table(load_dossier(load_articles()))
    True
    >>> "no dossier" in format_dossier_table(load_dossier([Article.from_text("A\\nB.")]))
    True
    """
    from ..analysis.dossier import dossier_rows

    if not dossier.exists:
        ids = ", ".join(escape(i) for i in dossier.article_ids)
        return (f'<p style="max-width: 46em;">This article set has no dossier, so the kit cannot say who is behind '
                f"the outlets its texts ({ids}) come from or cite. Decide from the clues in the text, then find out "
                f"by reading laterally: who is behind it? (lesson 08)</p>")
    rows = dossier_rows(dossier)
    header = list(rows[0]) if rows else ["outlet", "kind", "owned or paid for by", "appears in"]
    return table_html(header, [[escape(str(v)) for v in row.values()] for row in rows],
                      caption="Who is behind each outlet (from the set's dossier)")


def show_dossier_table(dossier: Dossier) -> None:
    """Display :func:`format_dossier_table` in a notebook.

    >>> from medialit import load_articles
    >>> from medialit.analysis.dossier import load_dossier
    >>> show_dossier_table(load_dossier(load_articles()))
    <IPython.core.display.HTML object>
    """
    _show(format_dossier_table(dossier))


STATUS = {"online": ("#009E73", "Online"), "offline": ("#E69F00", "No connection"),
          "not checked": ("#555555", "Offline mode")}


def format_lookup(look) -> str:
    """HTML for a :class:`medialit.analysis.lookup.Lookup`: whether the machine is online, the dossier entry
    the query names (or that there is none), the searches as links, and the steps to take.

    >>> from medialit.analysis.lookup import find_original
    >>> html = format_lookup(find_original("BBC News", online=False))
    >>> "Offline mode" in html and "BBC+News" in html
    True
    """
    colour, title = STATUS.get(look.status, ("#555555", look.status))
    parts = [f'<div class="ml-lookup" style="{BOX.format(colour=colour)}">',
             f"<p><b>{escape(title)}</b>: {escape(look.detail)}. You looked up “{escape(look.query)}”.</p>"]
    if look.url:
        parts.append(f'<p>The address: <a href="{escape(look.url, quote=True)}" target="_blank" rel="noopener">'
                     f"{escape(look.url)}</a></p>")
    if look.entry is not None:
        parts.append("<p><b>What the set's dossier says:</b></p>" + format_entry(look.entry))
    elif look.has_dossier:
        parts.append("<p>The set's dossier has no entry for this.</p>")
    else:
        parts.append("<p>This article set has no dossier, so there is nothing stored about it.</p>")
    if look.searches:
        verb = "Search now" if look.status == "online" else "Searches to do later"
        links = "".join(f'<li><a href="{escape(address, quote=True)}" target="_blank" rel="noopener">'
                        f"<code>{escape(words)}</code></a></li>" for words, address in look.searches)
        parts.append(f"<p><b>{verb}</b> (each link opens a web search):</p><ul>{links}</ul>")
    parts.append("<p><b>Steps:</b></p><ol>" + "".join(f"<li>{escape(s)}</li>" for s in look.steps) + "</ol></div>")
    return "".join(parts)


def show_lookup(look) -> None:
    """Display :func:`format_lookup` in a notebook: ``show_lookup(find_original("…", dossier))``.

    >>> from medialit.analysis.lookup import find_original
    >>> show_lookup(find_original("BBC News", online=False))
    <IPython.core.display.HTML object>
    """
    _show(format_lookup(look))
