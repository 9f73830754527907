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


def test_loaded_rates_compare_reports_with_flagged_sites(tmp_path, capsys):
    """The unannotated ISOT check, on the seed articles: the BBC report stands for the Reuters reports, the
    opinion site for the flagged sites; the opinion site judges more in its own voice."""
    import json

    from medialit.analysis.corpora import format_loaded_rates, loaded_rates
    from medialit.cli import main

    articles = medialit.load_articles("lukashenko-2023")
    (tmp_path / "isot").mkdir()
    with open(tmp_path / "isot" / "bench.jsonl", "w", encoding="utf-8") as handle:
        for doc_id, article in (("true-0", articles["bbc-repost"]), ("fake-0", articles["opinion-site"])):
            handle.write(json.dumps({"id": doc_id, "source": "isot", "text": article.text, "spans": []}) + "\n")
    rates = loaded_rates(tmp_path)
    (r_words, _, r_own), (f_words, f_loaded, f_own) = rates["Reuters reports"], rates["flagged sites"]
    assert r_words == len(articles["bbc-repost"].text.split()) and f_loaded >= f_own > 0
    assert f_own / f_words > r_own / r_words
    assert "in the writer's own voice" in format_loaded_rates(rates)
    assert loaded_rates(tmp_path / "missing") == {}
    # the CLI prints the rates after the scores, and only when some corpus is there to score
    assert main(["evaluate", "--corpora", str(tmp_path)]) == 0
    assert "unannotated news" not in capsys.readouterr().out


def test_sources_are_scored_against_the_corpus_source_spans():
    """The seed gold's attribution cues and their sources as a PolNeAR-like corpus: every source the kit
    names lies on a gold source, so there is no false alarm; the only misses are the sources of the
    quotations that go on with the speaker before them, which are not scored (nor are their cues).
    Dropping the gold sources makes every source the kit names a false alarm."""
    gold = load_gold()
    docs = []
    for article in medialit.load_articles("lukashenko-2023"):
        spans = []
        for g in gold[article.id]:
            if g["kind"] == "attribution":
                spans.append({"start": g["start"], "end": g["end"], "kind": "attribution", "label": "cue"})
                if g.get("source"):
                    spans.append({"start": g["source"]["start"], "end": g["source"]["end"], "kind": "source",
                                  "label": "source"})
        docs.append({"id": article.id, "source": "polnear", "text": article.text, "headline": True,
                     "spans": spans})
    result = score_documents(docs, kinds=("attribution", "source"))
    n_sources = sum(1 for d in docs for s in d["spans"] if s["kind"] == "source")
    cues, sources = result["attribution"], result["source"]
    assert cues.fp == sources.fp == 0 and 0 < sources.fn == cues.fn < 5
    assert sources.tp == n_sources - sources.fn
    for doc in docs:
        doc["spans"] = [s for s in doc["spans"] if s["kind"] != "source"]
    assert score_documents(docs, kinds=("source",))["source"].fp == sources.tp
