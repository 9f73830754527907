"""The text layer: offsets always match, sentences split where a reader expects."""
import re

import pytest
from hypothesis import given, settings, strategies as st

from medialit.span import Span
from medialit.text.quotes import find_quotes
from medialit.text.segments import blocks
from medialit.text.splitter import sentences
from medialit.text.tokenizer import tokens, words

PIECES = ["Mr.", "Pres.", "U.S.", "said", "“", "”", '"', "'", "‘", "’", "—", "–", "…", "...", ".", ",",
          "?", "!", "\n", "\n\n", " ", "  ", "•", "Lukashenko", "don’t", "it's", "1", "2023", "é", "\t",
          "(", ")", "[", "]", ":", "Scroll", "to", "Top", "Facts", "x"]

text_strategy = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=200),
)


def check_spans(text, spans):
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end] == span.text


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_offsets_always_match_the_text(text):
    for finder in (tokens, words, sentences, find_quotes):
        check_spans(text, finder(text))


@settings(max_examples=200, deadline=None)
@given(text_strategy)
def test_sentences_are_in_order_and_do_not_overlap(text):
    spans = sentences(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert all(s.text == s.text.strip() and s.text for s in spans)


def test_offsets_match_on_the_seed_articles(seed_set):
    for article in seed_set:
        for finder in (tokens, sentences):
            spans = finder(article.text)
            assert spans
            check_spans(article.text, spans)
        check_spans(article.text, find_quotes(article.text))


def test_every_word_of_the_text_is_in_some_token(seed_set):
    text = seed_set["bbc-repost"].text
    covered = set()
    for t in tokens(text):
        covered.update(range(t.start, t.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


# Sentence counts pinned for the cleaned seed articles (headline and headings count as one each).
@pytest.mark.parametrize("article_id, count", [("opinion-site", 10), ("bbc-repost", 25), ("aggregator", 19)])
def test_sentence_count_of_each_cleaned_article(seed_set, article_id, count):
    assert len(seed_set[article_id].sentences) == count


def test_no_break_after_titles_and_abbreviations(seed_set):
    for article in seed_set:
        for sentence in article.sentences:
            assert not re.search(r"\b(Mr|Mrs|Dr|Pres|Gen|Sen)\.$|\bU\.S\.$", sentence.text), sentence.text
    aggregator = [s.text for s in seed_set["aggregator"].sentences]
    assert any(s.startswith("Belarusian Pres. Aleksandr Lukashenko on Thursday told journalists") for s in aggregator)
    assert any("Russian Pres. Vladimir Putin in Moscow on Friday" in s for s in aggregator)


def test_no_break_inside_a_quote(seed_set):
    text = seed_set["bbc-repost"].text
    quotes = find_quotes(text)
    for sentence in sentences(text):
        for quote in quotes:
            # a quote is either wholly inside a sentence or wholly outside it
            assert quote.end <= sentence.start or quote.start >= sentence.end or (
                sentence.start <= quote.start and quote.end <= sentence.end), (sentence.text, quote.text)
    long_quote = next(s for s in sentences(text) if s.text.startswith("“Thus, you need to stop."))
    assert long_quote.text.endswith("Nobody requires this.”")


def test_headline_and_headings_are_labelled(seed_set):
    labels = [(s.label, s.text) for s in seed_set["aggregator"].sentences]
    assert labels[0] == ("headline", seed_set["aggregator"].headline)
    assert ("heading", "Facts") in labels and ("heading", "Narratives") in labels


def test_bullets_are_left_out_of_sentences_and_start_new_blocks():
    text = "What we know\n\n• The vote passed.\n• Work starts soon.\n- A third point\n"
    assert [s.text for s in sentences(text)] == ["What we know", "The vote passed.", "Work starts soon.",
                                                 "A third point"]
    assert len(blocks(text)) == 4


def test_said_no_still_ends_a_sentence():
    assert [s.text for s in sentences("x\n\nHe said no. Then he left.")][1:] == ["He said no.", "Then he left."]


def test_tokens_keep_contractions_hyphens_and_abbreviations_whole():
    found = [t.text for t in tokens("The U.S. won’t stop sabre-rattling in 2023... 5.5%")]
    assert found == ["The", "U.S.", "won’t", "stop", "sabre-rattling", "in", "2023", "...", "5.5%"]


def test_empty_text_gives_empty_results():
    for finder in (tokens, words, sentences, find_quotes):
        assert finder("") == []
        assert finder("   \n\n ") == []


def test_span_refuses_text_that_does_not_fit_its_offsets():
    with pytest.raises(ValueError):
        Span(0, 4, "token", text="abc")
    with pytest.raises(ValueError):
        Span.of("abc", 2, 9, "token")
    with pytest.raises(ValueError):
        Span(3, 1, "token")
    assert Span.of("abc", 1, 3, "token").to_dict() == {"start": 1, "end": 3, "text": "bc", "kind": "token",
                                                      "label": "", "why": "", "voice": "author"}
