"""Scoring on held-out corpora (``medialit evaluate --corpora``), run here on the seed articles turned
into corpus documents: their gold loaded words one by one, then joined into the phrases a corpus such as
the Propaganda Techniques Corpus marks whole."""
from __future__ import annotations

import pytest

import medialit
from medialit.analysis.corpora import format_corpora, score_documents
from medialit.analysis.evaluation import load_gold


def _documents(join_phrases: bool) -> list[dict]:
    gold = load_gold()
    docs = []
    for article in medialit.load_articles("lukashenko-2023"):
        spans = sorted((s["start"], s["end"]) for s in gold[article.id] if s["kind"] == "loaded")
        if join_phrases:  # loaded words at most 40 characters apart become one gold phrase
            joined: list[tuple[int, int]] = []
            for start, end in spans:
                if joined and start - joined[-1][1] <= 40 and "\n" not in article.text[joined[-1][1]:start]:
                    joined[-1] = (joined[-1][0], end)
                else:
                    joined.append((start, end))
            spans = joined
        docs.append({"id": article.id, "source": "ptc", "text": article.text, "headline": True,
                     "spans": [{"start": a, "end": b, "kind": "loaded", "label": "Loaded_Language"}
                               for a, b in spans]})
    return docs


def test_word_gold_scores_the_same_both_ways():
    result = score_documents(_documents(join_phrases=False), kinds=("loaded",))
    strict, lenient = result["loaded"], result["loaded, any overlap"]
    assert (strict.tp, strict.fp, strict.fn) == (28, 0, 0)
    assert (lenient.precision, lenient.recall) == (1.0, 1.0) and lenient.tp == 28


def test_phrase_gold_counts_every_mark_on_a_phrase_as_right_only_with_any_overlap():
    docs = _documents(join_phrases=True)
    phrases = sum(len(d["spans"]) for d in docs)
    assert phrases < 28  # some loaded words of the seed articles stand close together
    result = score_documents(docs, kinds=("loaded",))
    strict, lenient = result["loaded"], result["loaded, any overlap"]
    assert strict.tp == lenient.tp == phrases and strict.fn == lenient.fn == 0
    assert strict.fp == 28 - phrases  # the second and later marks on one phrase
    assert strict.precision == pytest.approx(phrases / 28)
    assert lenient.precision == 1.0 and lenient.right == 28 and lenient.fp == 0


def test_the_table_prints_both_rows():
    out = format_corpora({"ptc": score_documents(_documents(join_phrases=True), kinds=("loaded",))})
    assert "loaded, any overlap" in out and "1.00  1.00  1.00" in out
