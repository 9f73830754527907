"""Comparison across articles: rates, sources, sentiment, quoted share, claims and omissions, plots."""
import medialit
from medialit.analysis.annotation import annotate
from medialit.analysis.claims import claim_sentences, match_claims
from medialit.analysis.comparison import align_claims, article_stats, compare, content_stems, omission_table
from medialit.display.plots import figure_png, plot_claims, plot_rates, plot_sentiment, plot_source_mix
from medialit.analysis.sources import SOURCE_TYPES


def test_rates_are_counts_per_100_words(seed_set):
    for article in seed_set:
        stats = article_stats(article)
        spans = annotate(article.text)
        count = lambda kind: sum(1 for s in spans if s.kind == kind)  # noqa: E731
        assert stats.words == article.n_words
        assert stats.attributions == count("attribution") == sum(stats.by_source_type.values())
        assert sum(stats.by_stance.values()) == stats.attributions
        assert abs(stats.loaded_per_100 - 100 * count("loaded") / article.n_words) < 1e-9
        assert abs(stats.hedges_per_100 - 100 * count("hedge") / article.n_words) < 1e-9
        assert -1 <= stats.sentiment <= 1 and all(-1 <= v <= 1 for v in stats.sentence_sentiment)


def test_differences_between_the_seed_articles_show_up(seed_set):
    site, bbc, aggregator = compare(seed_set)
    assert site.quoted_share == 0 and bbc.quoted_share > 0.25      # only the BBC report quotes at length
    assert bbc.by_source_type["author"] == 2                        # "I reminded Mr. Lukashenko"
    assert site.loaded_per_100 > 2 * bbc.loaded_per_100             # the opinion site loads its words
    assert aggregator.by_source_type["anonymous"] == 1              # "Ukrainian and Western officials"
    assert site.by_stance["distancing"] >= 4                        # claimed, insisted, parroted, claims


def test_automatic_claims_take_at_most_one_sentence_per_article_and_are_ordered(seed_set):
    claims = match_claims(seed_set, note=False)          # matched by shared words, the map left aside
    assert [c.id for c in claims] == list(range(1, len(claims) + 1))
    assert all(len(sentences) == 1 for c in claims for sentences in c.members.values())
    assert {c.origin for c in claims} == {"matched automatically by shared words"}
    sizes = [len(c.members) for c in claims]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 3
    fears = next(c for c in claims if "spring" in c.keywords)
    assert fears.articles == ["opinion-site", "aggregator"]       # "Amid fears" ~ "amid concerns"
    assert "fear" in fears.keywords                                # concerns = fears (data/claims/synonyms.csv)
    assert "spring offensive" in fears.members["opinion-site"][0].text
    every_sentence = sum(len(s) for c in claims for s in c.members.values())
    body_sentences = sum(1 for a in seed_set for s in claim_sentences(a.text) if len(content_stems(s.text)) >= 3)
    assert every_sentence == body_sentences
    assert not any(s.text.startswith("Sources:") for c in claims for ss in c.members.values() for s in ss)


def test_synonyms_join_words_that_name_the_same_thing(seed_set):
    claims = match_claims(seed_set, note=False)
    election = next(c for c in claims if "rig" in c.keywords)     # "stealing" ~ "fraudulent" election
    assert election.articles == ["bbc-repost", "aggregator"]
    assert content_stems("the Kremlin's forces in the staging area") == content_stems("Moscow troops staging ground")


def test_omission_table_on_another_event(other_set_dir):
    articles = medialit.load_articles(other_set_dir)
    rows = omission_table(articles)
    assert set(rows[0]) == {"claim", "council-blog", "local-paper", "radio-summary"}
    shared = [r for r in rows if sum(r[a] for a in articles.ids) >= 2]
    assert shared, rows
    assert any("Harbour Road" in r["claim"] or "vote" in r["claim"].lower() for r in shared)


def test_content_stems_ignore_stopwords_possessives_and_contractions():
    assert content_stems("Russia’s troops won’t be sent to the border") == {"russia", "troop", "sent", "border"}


def test_plots_draw_every_article(seed_set):
    stats = compare(seed_set)
    rates = plot_rates(stats)
    assert len(rates.axes[0].patches) == 3 * len(seed_set)
    mix = plot_source_mix(stats)
    present = [t for t in SOURCE_TYPES if any(st.by_source_type[t] for st in stats)]   # in the kit's order
    assert [t.get_text() for t in mix.axes[0].get_legend().get_texts()] == present
    assert present[0] == "named person"
    sentiment = plot_sentiment(stats)
    assert [line.get_label() for line in sentiment.axes[0].get_lines()][:3] == seed_set.ids
    claims = align_claims(seed_set)
    grid = plot_claims(claims, seed_set.ids, limit=10)
    assert len(grid.axes[0].get_yticklabels()) == 10
    for fig in (rates, mix, sentiment, grid):
        assert figure_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"
