"""The document model: built once per text in a fixed order, frozen; detectors give the same answers in
any order and hand out spans nobody else holds; one sentence splitter that agrees with NLTK's Punkt."""
import dataclasses
import itertools
import json

import pytest

from conftest import OTHER_SET, ROOT
from medialit import load_articles
from medialit.analysis import annotate, find_attributions, find_hedges, find_loaded
from medialit.analysis.document import Document, build_document, document
from medialit.text.splitter import sentences

DETECTORS = {"attributions": find_attributions, "hedges": find_hedges, "loaded": find_loaded}


def texts():
    seed = [a.text for a in load_articles("lukashenko-2023")]
    heldout = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests").glob("heldout*/*.txt"))]
    return seed + heldout + list(OTHER_SET.values())


def as_json(spans):
    return json.dumps([s.to_dict() | {"meta": repr(sorted(s.meta.items()))} for s in spans], sort_keys=True)


@pytest.mark.parametrize("order", list(itertools.permutations(DETECTORS)))
def test_detectors_give_the_same_results_in_any_order(order):
    for text in texts():
        document.cache_clear()
        first = {name: as_json(DETECTORS[name](text)) for name in order}
        document.cache_clear()
        alone = {name: as_json(DETECTORS[name](text)) for name in DETECTORS}   # each on a fresh document
        assert first == alone


def test_changing_a_returned_span_changes_nothing():
    text = load_articles("lukashenko-2023")["opinion-site"].text
    before = as_json(annotate(text))
    for span in annotate(text):
        span.meta.clear()
        span.meta["content"] = (0, 0)
        if span.source is not None:
            span.source.meta["refers_to"] = "nobody"
    assert as_json(annotate(text)) == before
    assert as_json(find_attributions(text)) == as_json([s for s in annotate(text) if s.kind == "attribution"])


def test_the_document_is_frozen_and_built_in_its_order():
    doc = document(load_articles("lukashenko-2023")["bbc-repost"].text)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.quotes = ()
    assert isinstance(doc.quotes, tuple) and isinstance(doc.sentences, tuple) and isinstance(doc.attributions, tuple)
    # every later step reads the earlier ones: quotes know the named speaker, sentences never end inside a quote
    assert any(q.speaker == "Lukashenko" for q in doc.quotes)
    for q in doc.quotes:
        if q.label == "direct quote":
            a, b = doc.sentence_at(q.start)
            assert a <= q.start and q.end <= b + 1
    # reported-speech ranges come from the attributions
    assert doc.reported.ranges and all(r0 < r1 for r0, r1, _ in doc.reported.ranges)


def test_detectors_take_a_text_or_its_document_alike():
    text = load_articles("lukashenko-2023")["aggregator"].text
    doc = build_document(text)
    assert isinstance(doc, Document)
    for detector in DETECTORS.values():
        assert as_json(detector(doc)) == as_json(detector(text))


def test_the_headline_is_an_option():
    text = "Officials said\nit may rain on Monday. Then they left."
    with_headline = sentences(text)
    without = sentences(text, headline=False)
    assert with_headline[0].label == "headline" and with_headline[0].text == "Officials said"
    assert [s.text for s in without] == ["Officials said\nit may rain on Monday.", "Then they left."]
    assert find_hedges(text, headline=False)[0].text == "may"


def punkt_sentences(text: str) -> list[str]:
    """NLTK's Punkt with the kit's data, per block, as the one splitter claims to follow it."""
    from nltk.tokenize.punkt import PunktTokenizer

    from medialit.text.segments import blocks

    punkt = PunktTokenizer("english")
    return [text[b0 + s:b0 + e] for b0, b1 in blocks(text) for s, e in punkt.span_tokenize(text[b0:b1])]


def test_the_one_splitter_agrees_with_punkt_on_the_kits_texts():
    """Sentences outside quotes split where Punkt splits them (the kit never splits inside a direct quote,
    where Punkt sometimes does)."""
    from medialit.text.quotes import find_quotes

    agree = total = 0
    for text in texts():
        ours = {s.text for s in sentences(text)}
        quoted = [(q.start, q.end) for q in find_quotes(text) if q.label == "direct quote"]
        quotes_free = [s for s in punkt_sentences(text) if not any(c in s for c in "“”\"")
                       and not any(a <= text.find(s) < b for a, b in quoted)]
        total += len(quotes_free)
        agree += sum(1 for s in quotes_free if s in ours)
    assert total > 100 and agree / total >= 0.98, (agree, total)


def test_building_a_document_pauses_the_cycle_collector_and_leaves_it_as_it_was():
    import gc
    import weakref

    from medialit.analysis.document import build_document, without_gc_pauses

    class Node:
        pass

    text = load_articles("lukashenko-2023")[0].text
    assert gc.isenabled()
    with without_gc_pauses():
        assert not gc.isenabled()
        build_document(text)
        assert not gc.isenabled()  # a nested pause does not turn it back on
        cycle = Node()
        cycle.me = cycle  # garbage in a cycle made while paused …
        alive = weakref.ref(cycle)
        del cycle
        passes = sum(generation["collections"] for generation in gc.get_stats())
    assert gc.isenabled()
    assert [str(k) for k in range(50)]  # a few new objects: no pass over everything the block made follows
    assert sum(generation["collections"] for generation in gc.get_stats()) == passes
    assert alive() is not None  # kept for the collector's next full pass …
    gc.collect()
    assert alive() is None  # … is still collected
    gc.disable()
    try:
        with without_gc_pauses():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()
