"""What students see: charts that show as pictures, left-aligned tables, readable article text, marks
shown as words (never ``Span(...)``), chart labels never cut mid-word, and the renderings of one remark."""
from __future__ import annotations

import dataclasses
import html
import json
import re
import shutil
from html.parser import HTMLParser

import pytest
from IPython.core.formatters import DisplayFormatter

import medialit
from conftest import SEED_SET
from medialit.analysis import (align_claims, annotate, compare, find_attributions, find_hedges, mark_rows,
                               omission_table, overview_rows, scorecard, sentiment_rows, voice_rows)
from medialit.display import (format_article, format_attributions, format_renderings, format_spans, format_table,
                              plots)
from medialit.cli import build_report as format_report

PNG = b"\x89PNG\r\n\x1a\n"


def all_plots(articles):
    stats = compare(articles)
    return {"plot_lengths": plots.plot_lengths(stats), "plot_rates": plots.plot_rates(stats),
            "plot_source_mix": plots.plot_source_mix(stats), "plot_sentiment": plots.plot_sentiment(stats),
            "plot_claims": plots.plot_claims(align_claims(articles), articles.ids)}


def test_every_plot_function_is_checked(seed_set):
    names = {n for n in dir(plots) if n.startswith("plot_") and callable(getattr(plots, n))}
    assert names == set(all_plots(seed_set))


def test_every_chart_is_shown_as_a_png_picture(seed_set):
    formatter = DisplayFormatter()
    for name, chart in all_plots(seed_set).items():
        data, _ = formatter.format(chart)
        assert "image/png" in data, f"{name}: Jupyter would show only {data.get('text/plain')!r}"
        assert data["image/png"][:8] == PNG and len(data["image/png"]) > 5_000, name


def test_figure_png_still_makes_the_report_pictures(seed_set):
    assert plots.figure_png(plots.plot_rates(compare(seed_set)))[:8] == PNG
    assert format_report(seed_set).count('src="data:image/png;base64,') == 4


def test_claim_grid_labels_are_never_cut_inside_a_word(seed_set):
    claims = align_claims(seed_set)
    long = dataclasses.replace(claims[0], id=len(claims) + 1, label="Lukashenko says Belarus will fight alongside "
                               "Russia only if Ukraine attacks its territory with even a single soldier")
    claims = [*claims, long]
    fig = plots.plot_claims(claims, seed_set.ids, limit=len(claims))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == len(claims)
    for claim, label in zip(claims, labels):
        full = f"{claim.id}. {claim.label}".split()
        shown = label.replace("\n", " ").split()
        cut = shown[-1].endswith("…")
        if cut:
            shown[-1] = shown[-1][:-1]
            full[len(shown) - 1] = full[len(shown) - 1].rstrip(",;:")  # "spring,…" reads "spring…"
        assert shown == full[:len(shown)], (label, claim.label)          # whole words, in order
        assert cut == (len(shown) < len(full)), label                   # an ellipsis exactly when shortened
    assert labels[-1].endswith("…") and "\n" in labels[-1] and "single soldier" not in labels[-1]


class Cells(HTMLParser):
    """Every table cell (td/th) with its inline style."""

    def __init__(self, page):
        super().__init__()
        self.cells = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self.cells.append(dict(attrs).get("style") or "")


def assert_left_aligned(page: str, at_least: int):
    styles = Cells(page).cells
    assert len(styles) >= at_least
    # An inline style beats JupyterLab's `:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td {text-align: right}`.
    assert all("text-align: left" in s for s in styles), [s for s in styles if "text-align: left" not in s][:3]


def test_kit_tables_are_left_aligned_in_jupyterlab_and_the_report(seed_set):
    assert_left_aligned(format_table(overview_rows(seed_set)), 3 * 7)
    assert_left_aligned(format_table(mark_rows(seed_set[0]), caption="x"), 10)
    assert_left_aligned(format_table(scorecard(seed_set)), 3 * 12)
    assert_left_aligned(format_table(omission_table(seed_set)), 3 * 4)
    aggregator = seed_set["aggregator"]
    assert_left_aligned(format_attributions(aggregator, find_attributions(aggregator)), 9 * 5)
    assert_left_aligned(format_spans("Officials said it may rain.", annotate("Officials said it may rain.")), 2 * 4)
    assert_left_aligned(format_renderings(seed_set), 3 * 3)
    assert_left_aligned(format_report(seed_set), 60)


def visible_text(page: str) -> str:
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("article_id", ["opinion-site", "bbc-repost", "aggregator"])
def test_article_reads_as_paragraphs_with_the_headline_once(seed_set, article_id):
    article = seed_set[article_id]
    page = format_article(article)
    assert page.count(html.escape(article.headline)) == 1
    assert re.search(r"<h3[^>]*>" + re.escape(html.escape(article.headline)) + "</h3>", page)
    assert "word-break: normal" in page and "overflow-wrap: break-word" in page and "<pre" not in page
    assert page.count("<p>") + page.count("<li>") >= 5
    assert article.kind in html.unescape(page)
    # The headline first, then every word of the body, in order: nothing lost, nothing repeated.
    shown = visible_text(page).split()
    body = article.text.split("\n", 1)[1].replace("•", " ").split()
    assert shown[:len(article.headline.split())] == article.headline.split()
    assert shown[-len(body):] == body


def test_article_view_escapes_markup_and_keeps_sections():
    article = medialit.Article.from_text("A <b>bold</b> claim\n\nFacts\n\n  • One & two.\n  • Three.\n\nLast line.")
    page = format_article(article)
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<h4" in page and ">Facts</h4>" in page
    assert "<li>One &amp; two.</li><li>Three.</li>" in page and "<p>Last line.</p>" in page


def test_overview_opens_with_the_body_not_the_headline_again(seed_set):
    copied = medialit.Article.from_text("Storm hits the coast\n\nStorm hits the coast.\n\nA storm hit the coast.")
    assert overview_rows([copied])[0]["opens with"] == "A storm hit the coast."
    for row in overview_rows(seed_set):
        assert row["opens with"] and row["opens with"].rstrip("…") not in row["headline"]


def test_lesson_03_example_shows_words_not_span_reprs():
    text = "Talks may resume in May, and the can of worms will stay open."
    spans = find_hedges(text)
    page = format_spans(text, spans)
    assert "Span(" not in page and "[HEDGE]" in page
    rows = rendering_rows(page)
    assert [row[0] for row in rows] == [s.text for s in spans]  # one row per mark, its words
    assert rows[0][:3] == ["may", "hedge", "modal verb"] and rows[0][3].startswith("'May' says")
    assert "neutral alternative" in format_spans("The regime fell.", annotate("The regime fell."))  # an alternative
    assert "found nothing" in format_spans("The sky is blue.", [])


def test_student_tables_hold_words_not_reprs(seed_set):
    for rows in (mark_rows(seed_set[1]), sentiment_rows(seed_set[0]), voice_rows(seed_set), scorecard(seed_set),
                 omission_table(seed_set), overview_rows(seed_set)):
        assert rows and all(isinstance(v, (str, int, float, bool)) for row in rows for v in row.values())
        assert "Span(" not in format_table(rows)
    assert "Span(" not in format_attributions(seed_set[1], find_attributions(seed_set[1]))


def test_table_cells_are_shortened_at_word_boundaries(seed_set):
    for row in mark_rows(seed_set["bbc-repost"]) + sentiment_rows(seed_set["bbc-repost"]):
        for value in (row.get("words"), row.get("sentence")):
            if value and "…" in value:
                kept = value.split("…")[0].split()
                assert kept[-1] in seed_set["bbc-repost"].text.split() or kept[-1].rstrip(",;:") in \
                    seed_set["bbc-repost"].text, value


RENDERINGS = {
    "about": "Test remarks.",
    "remarks": [
        {"id": "fight", "remark": "He would fight only if attacked.",
         "renderings": {"bbc-repost": "“Yeah, I’m prepared.", "aggregator": "would only join Moscow's war"},
         "note": "One quotes, one paraphrases."},
        {"id": "extra", "remark": "Something only the opinion site reports.",
         "renderings": {"opinion-site": "Dressing up his comments"}},
    ],
}


def copy_seed_set(folder, renderings=None):
    folder.mkdir()
    for path in SEED_SET.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    shutil.copy(SEED_SET / "metadata.json", folder / "metadata.json")
    if renderings is not None:
        (folder / "renderings.json").write_text(json.dumps(renderings, ensure_ascii=False), encoding="utf-8")
    return medialit.load_articles(folder)


def rendering_rows(page):
    return [[visible_text(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", page) if "<td" in row]


def test_renderings_say_quote_paraphrase_or_not_reported(tmp_path):
    articles = copy_seed_set(tmp_path / "set", RENDERINGS)
    page = format_renderings(articles)
    assert page.count("<table") == 2 and "One quotes, one paraphrases." in page and "Test remarks." in page
    rows = rendering_rows(page)
    assert [(r[0], r[2]) for r in rows] == [
        ("opinion-site", "—"), ("bbc-repost", "direct quote (in quote marks)"),
        ("aggregator", "paraphrase (no quote marks)"),
        ("opinion-site", "paraphrase (no quote marks)"), ("bbc-repost", "—"), ("aggregator", "—")]
    assert rows[0][1] == "not reported" and rows[4][1] == "not reported"


def test_a_set_without_renderings_gets_a_short_note(tmp_path, other_set_dir):
    for articles in (copy_seed_set(tmp_path / "set"), medialit.load_articles(other_set_dir),
                     [medialit.Article.from_text("Pasted\n\nSome text.")]):
        page = format_renderings(articles)
        assert "renderings.json" in page and "<table" not in page and "quote marks" in page


REAL_RENDERINGS = SEED_SET / "renderings.json"


@pytest.mark.skipif(not REAL_RENDERINGS.exists(), reason="the seed set has no renderings.json yet")
def test_every_real_rendering_is_verbatim_in_its_article(seed_set):
    data = json.loads(REAL_RENDERINGS.read_text(encoding="utf-8"))
    assert data["remarks"]
    for remark in data["remarks"]:
        assert remark["remark"] and remark["renderings"]
        for article_id, words in remark["renderings"].items():
            assert words in seed_set[article_id].text, (remark["id"], article_id, words)
    page = format_renderings(seed_set)
    assert "not found in the text" not in page
    assert page.count("<table") == len(data["remarks"])
