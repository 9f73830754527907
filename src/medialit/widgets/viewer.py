"""ArticleViewer and CompareView: highlighted articles with toggles, and claims across articles."""
from __future__ import annotations

from collections import Counter
from html import escape

import ipywidgets as widgets

from ..analysis.annotation import annotate
from ..text.articles import Article
from ..analysis.claims import HAND_CHECKED, align_claims
from ..display.html import CATEGORY_ORDER, CSS, format_annotated, format_legend, span_category
from ..analysis.document import document
from ..span import Span


def _article(article) -> Article:
    return article if isinstance(article, Article) else Article.from_text(str(article))


_NAMES = {"hedge": "hedges", "booster": "boosters", "loaded": "loaded words"}


def _label(category: str) -> str:
    return category.replace("attribution: ", "source: ") if category.startswith("attribution") else _NAMES.get(
        category, category)


class _Toggles:
    """One ToggleButton per category, with its count; ``on_change`` is called after any toggle."""

    def __init__(self, counts: Counter, on_change):
        ordered = [c for c in CATEGORY_ORDER if counts.get(c)] + sorted(c for c in counts if c not in CATEGORY_ORDER)
        self.buttons = {}
        for category in ordered:
            button = widgets.ToggleButton(value=True, description=f"{_label(category)} ({counts[category]})",
                                          tooltip=f"Show or hide: {_label(category)}", icon="check",
                                          layout=widgets.Layout(width="auto"))
            button.observe(self._restyle, names="value")
            button.observe(lambda _c: on_change(), names="value")
            self.buttons[category] = button
        self.box = widgets.HBox(list(self.buttons.values()), layout=widgets.Layout(flex_flow="row wrap"))

    @staticmethod
    def _restyle(change) -> None:
        change["owner"].icon = "check" if change["new"] else ""

    def shown(self, span: Span) -> bool:
        button = self.buttons.get(span_category(span))
        return button is None or button.value


class ArticleViewer(widgets.VBox):
    """An article with its attributions (by source type), hedges, boosters and loaded words highlighted.
    Each toggle shows or hides one category; the counts update as you toggle.

    >>> viewer = ArticleViewer("Head\\n\\nOfficials said it may rain.")
    >>> viewer.toggles.buttons["hedge"].value = False
    >>> viewer.summary.value
    'Showing 1 of 2 marks.'
    """

    def __init__(self, article, *, spans: list[Span] | None = None):
        self.article = _article(article)
        text = self.article.text
        self.spans = annotate(text) if spans is None else spans
        self.quotes = document(text).quotes
        self.toggles = _Toggles(Counter(span_category(s) for s in self.spans), self.refresh)
        self.summary = widgets.HTML()
        self.text_view = widgets.HTML()
        super().__init__([widgets.HTML(f"<style>{CSS}</style>" + format_legend()), self.toggles.box,
                          self.summary, self.text_view])
        self.refresh()

    def visible_spans(self) -> list[Span]:
        return [s for s in self.spans if self.toggles.shown(s)]

    def refresh(self) -> None:
        visible = self.visible_spans()
        self.summary.value = f"Showing {len(visible)} of {len(self.spans)} marks."
        self.text_view.value = format_annotated(self.article.text, visible, quotes=self.quotes, legend=False,
                                                headline=True)


class CompareView(widgets.VBox):
    """Articles side by side with shared toggles. Choose a claim to highlight the passages that carry
    it in every article, to see which articles leave it out, and to read whether the claim was
    hand-checked or matched automatically (with its note and how each article frames it).

    >>> from medialit import load_articles
    >>> view = CompareView(load_articles())
    >>> view.select_claim(next(c.id for c in view.claims if c.key == "moscow-never-asked"))
    >>> print(view.claim_status.value.split("<br>")[0])
    <b>Carried by:</b> opinion-site, aggregator. <b>Left out by:</b> bbc-repost.
    >>> "<i>Hand-checked.</i>" in view.claim_status.value
    True
    """

    def __init__(self, articles):
        self.articles = [_article(a) for a in articles]
        self.spans = {a.id: annotate(a.text) for a in self.articles}
        self.quotes = {a.id: document(a.text).quotes for a in self.articles}
        counts = Counter(span_category(s) for spans in self.spans.values() for s in spans)
        self.toggles = _Toggles(counts, self.refresh)
        self.claims = align_claims(self.articles)
        n = len(self.articles)
        self.claim_picker = widgets.Dropdown(
            options=[("(choose a claim)", 0)] + [(f"{c.id}. {c.label} [{len(c.members)} of {n}]", c.id)
                                                 for c in self.claims],
            value=0, description="Claim:", layout=widgets.Layout(width="95%"))
        self.claim_picker.observe(lambda _c: self.refresh(), names="value")
        origins = {c.origin for c in self.claims}
        self.claim_source = widgets.HTML(
            "<i>Claims from this set's hand-checked claim map.</i>" if origins == {HAND_CHECKED}
            else f"<i>{escape(self.claims[0].note if self.claims else '')}</i>")
        self.claim_status = widgets.HTML()
        width = f"{max(100 // n - 1, 20)}%"
        self.panels = {a.id: widgets.HTML(layout=widgets.Layout(width="100%")) for a in self.articles}
        columns = widgets.HBox([widgets.VBox([widgets.HTML(f"<h4>{escape(a.id)}</h4>"), self.panels[a.id]],
                                             layout=widgets.Layout(width=width, padding="0 0.5em"))
                                for a in self.articles])
        super().__init__([widgets.HTML(f"<style>{CSS}</style>" + format_legend(("attribution", "hedge", "booster",
                                                                                 "loaded", "claim"))),
                          self.toggles.box, self.claim_source, self.claim_picker, self.claim_status, columns])
        self.refresh()

    def select_claim(self, claim_id: int) -> None:
        self.claim_picker.value = claim_id

    def claim_spans(self, article: Article) -> list[Span]:
        claim = next((c for c in self.claims if c.id == self.claim_picker.value), None)
        if claim is None:
            return []
        return [Span.of(article.text, s.start, s.end, "claim", label=f"claim {claim.id}",
                        why="This passage carries the chosen claim.") for s in claim.members.get(article.id, [])]

    def refresh(self) -> None:
        claim = next((c for c in self.claims if c.id == self.claim_picker.value), None)
        if claim is None:
            self.claim_status.value = "Choose a claim to see which articles carry it."
        else:
            left_out = [a.id for a in self.articles if a.id not in claim.members]
            framing = "".join(f"<li><b>{escape(a)}:</b> {escape(how)}</li>" for a, how in claim.framing.items())
            self.claim_status.value = (f"<b>Carried by:</b> {', '.join(claim.articles)}. <b>Left out by:</b> "
                                       f"{', '.join(left_out) if left_out else 'none'}."
                                       f"<br><i>{escape(claim.origin.capitalize())}.</i> {escape(claim.note)}"
                                       + (f"<ul>{framing}</ul>" if framing else ""))
        for article in self.articles:
            visible = [s for s in self.spans[article.id] if self.toggles.shown(s)] + self.claim_spans(article)
            self.panels[article.id].value = format_annotated(article.text, visible, quotes=self.quotes[article.id],
                                                             legend=False, headline=True)
