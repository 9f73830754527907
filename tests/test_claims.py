"""The hand-checked claim map of the seed set, the grid built from it, and the automatic matching
for sets without a map: non-claims left out, and honest about how accurate it is."""
import json
import re
import shutil
import subprocess
import sys

import pytest

import medialit
from medialit.analysis.claims import (AUTOMATIC, HAND_CHECKED, ClaimMapError, align_claims, automatic_note, claim_sentences,
                                      how_matched,
                             find_claim_map, map_claims)
from medialit.analysis.comparison import omission_table, scorecard
from medialit.analysis.evaluation import evaluate_alignment, format_alignment, score_alignment
from medialit.text.splitter import sentences

from conftest import SEED_SET, write_set

CLAIM_MAP = json.loads((SEED_SET / "claims.json").read_text(encoding="utf-8"))


def by_key(claims):
    return {c.key: c for c in claims}


def test_every_passage_of_the_claim_map_is_in_its_article_once(seed_set):
    assert CLAIM_MAP["articles"] == seed_set.ids
    keys = [c["id"] for c in CLAIM_MAP["claims"]]
    assert len(keys) == len(set(keys))
    for claim in CLAIM_MAP["claims"]:
        assert claim["label"] and claim["note"], claim["id"]
        assert claim["carried_by"] and set(claim["carried_by"]) <= set(seed_set.ids), claim["id"]
        for article_id, carried in claim["carried_by"].items():
            text = seed_set[article_id].text
            for passage in carried["passages"]:
                assert text.count(passage) == 1, (claim["id"], article_id, passage)
    for claim in align_claims(seed_set):
        for article_id, spans in claim.members.items():
            assert all(seed_set[article_id].text[s.start:s.end] == s.text != "" for s in spans), claim.key


def test_every_seed_sentence_carries_a_claim_or_is_listed_as_not_one(seed_set):
    claims = align_claims(seed_set)
    not_claims = {(x["article"], x["text"]) for x in CLAIM_MAP["not_claims"]}
    for article in seed_set:
        passages = [s for c in claims for s in c.members.get(article.id, [])]
        for sentence in sentences(article.text):
            if sentence.label == "headline":
                continue
            carried = any(min(sentence.end, p.end) > max(sentence.start, p.start) for p in passages)
            listed = (article.id, sentence.text) in not_claims
            assert carried != listed, (article.id, sentence.text, "carried" if carried else "not covered")


def test_seed_grid_follows_the_hand_checked_map(seed_set):
    claims = align_claims(seed_set)
    assert {c.origin for c in claims} == {HAND_CHECKED}
    assert [c.id for c in claims] == list(range(1, len(claims) + 1))
    sizes = [len(c.members) for c in claims]
    assert sizes == sorted(sizes, reverse=True)
    claim = by_key(claims)
    everyone = ["opinion-site", "bbc-repost", "aggregator"]
    # the event itself: the aggregator's first fact carries it
    event = claim["only-if-attacked"]
    assert event.id == 1 and event.articles == everyone
    first_fact = next(s for s in claim_sentences(seed_set["aggregator"].text))
    assert any(first_fact.start <= p.start < first_fact.end for p in event.members["aggregator"])
    # nuclear weapons: only the BBC copy mentions them
    assert claim["nuclear-warning"].articles == ["bbc-repost"]
    assert all("nuclear" in s.text for s in claim["nuclear-warning"].members["bbc-repost"])
    for article_id in ("opinion-site", "aggregator"):
        assert "nuclear" not in seed_set[article_id].text
    # shared claims that word matching missed
    assert claim["moscow-never-asked"].articles == ["opinion-site", "aggregator"]
    assert "Kremlin" in claim["moscow-never-asked"].members["aggregator"][0].text
    assert claim["blames-west-for-war"].articles == ["opinion-site", "bbc-repost"]
    assert claim["blames-west-for-escalation"].articles == ["opinion-site", "bbc-repost"]
    assert claim["disputed-election"].articles == ["bbc-repost", "aggregator"]
    # the exercise keys that rest on the grid
    assert claim["spring-offensive"].articles == ["opinion-site", "aggregator"]            # 05.1
    assert claim["biden-invitation"].articles == ["bbc-repost"]                              # 01.3
    assert [c.key for c in claims if len(c.members) == 3] == [                               # 05.3
        "only-if-attacked", "press-conference", "staging-ground", "negotiate"]
    # framing and notes travel with the claims
    assert "BelTA" in claim["negotiate"].framing["aggregator"]
    assert "weapons" in claim["nuclear-warning"].note
    # no non-claim is part of a claim
    listed = [x["text"] for x in CLAIM_MAP["not_claims"]]
    for c in claims:
        for article_id, spans in c.members.items():
            assert not any(s.text in text or text in s.text for s in spans for text in listed), c.key


def test_omission_table_plot_input_and_scorecard_use_the_map(seed_set):
    rows = omission_table(seed_set)
    nuclear = next(r for r in rows if r["claim"] == by_key(align_claims(seed_set))["nuclear-warning"].label)
    assert (nuclear["opinion-site"], nuclear["bbc-repost"], nuclear["aggregator"]) == (False, True, False)
    assert sum(1 for r in rows if all(r[a] for a in seed_set.ids)) == 4
    shared = sum(1 for c in CLAIM_MAP["claims"] if len(c["carried_by"]) > 1)
    carried = {a: sum(1 for c in CLAIM_MAP["claims"] if len(c["carried_by"]) > 1 and a in c["carried_by"])
               for a in seed_set.ids}
    assert [row["shared claims carried"] for row in scorecard(seed_set)] == [
        f"{carried[a]} of {shared}" for a in seed_set.ids]


def test_a_subset_of_the_seed_articles_uses_the_map_for_those_articles(seed_set):
    two = [seed_set["opinion-site"], seed_set["aggregator"]]
    claims = align_claims(two)
    assert {c.origin for c in claims} == {HAND_CHECKED}
    assert all(set(c.members) <= {"opinion-site", "aggregator"} for c in claims)
    assert "nuclear-warning" not in by_key(claims)
    assert by_key(claims)["moscow-never-asked"].id <= sum(1 for c in claims if len(c.members) == 2)


def test_a_new_article_beside_the_seed_set_keeps_the_map_for_the_seed_articles(seed_set):
    """Lesson 06 adds a pasted article to the seed set: the seed articles keep their hand-checked claims
    (their scorecard row does not change), and the new article is joined to claims by shared words."""
    pasted = medialit.Article.from_text("Town council approves new cycle lanes\n\nThe town council on Monday "
                                        "approved three new cycle lanes, the mayor's office said.\n")
    claims = align_claims([pasted, *seed_set])
    assert {c.key: set(c.members) - {"pasted"} for c in claims if c.key} == {
        c.key: set(c.members) for c in align_claims(seed_set)}
    assert not any(c.automatic for c in claims)          # nothing in common with a war
    rows = {r["article"]: r["shared claims carried"] for r in scorecard([pasted, *seed_set])}
    assert [rows[a] for a in seed_set.ids] == [r["shared claims carried"] for r in scorecard(seed_set)]
    assert rows["pasted"] == f"0 of {sum(1 for c in align_claims(seed_set) if len(c.members) > 1)}"
    assert "pasted compared with those claims automatically" in how_matched(claims)


@pytest.mark.parametrize("article_id", ["opinion-site", "bbc-repost", "aggregator"])
def test_a_seed_article_pasted_again_is_joined_mostly_to_its_own_claims(seed_set, article_id):
    """Each seed article, pasted as if new beside the other two: most claims it is joined to are claims
    the hand-checked map gives it (measured: 5 of 6, 5 of 8 and 5 of 6 right, of 12, 11 and 11)."""
    truth = {c.key for c in align_claims(seed_set) if article_id in c.members and len(c.members) > 1}
    pasted = medialit.Article.from_text(seed_set[article_id].text)
    claims = align_claims([pasted, *(a for a in seed_set if a.id != article_id)])
    joined = {c.key for c in claims if c.automatic == ["pasted"]}
    assert len(joined & truth) >= 5 and len(joined & truth) / len(joined) >= 0.6, (joined - truth, truth - joined)
    assert all(c.origin == HAND_CHECKED for c in claims if c.key)


def test_a_map_that_no_longer_fits_the_texts_falls_back_to_matching(tmp_path, seed_set):
    folder = tmp_path / "edited"
    shutil.copytree(SEED_SET, folder)
    path = folder / "bbc-repost.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("nuclear sabre-rattling", "sabre-rattling"),
                    encoding="utf-8")
    articles = medialit.load_articles(folder)
    with pytest.raises(ClaimMapError, match="nuclear-warning"):
        map_claims(articles, find_claim_map(articles))
    claims = align_claims(articles)
    assert {c.origin for c in claims} == {AUTOMATIC}


SOURCES_SET = {
    "wire.txt": (
        "Harbour Road bus lane approved\n\n"
        "The city council approved a bus lane on Harbour Road on Tuesday by seven votes to four.\n\n"
        "Shop owners on Harbour Road say the bus lane will cost them customers.\n\n"
        "Sources: City Council, Harbour Gazette, Radio North and Coast News.\n"
    ),
    "gazette.txt": (
        "Council backs Harbour Road lane\n\n"
        "Councillors approved the Harbour Road bus lane on Tuesday, seven votes to four.\n\n"
        "On May 2, 2024, Mayor Dana Ortiz speaks to reporters outside the city council.\n\n"
        "Who pays for the lane? Shop owners on Harbour Road fear the bus lane will cost them customers.\n\n"
        "Sources: City Council, Radio North and Coast News.\n"
    ),
}


def test_without_a_map_non_claims_are_left_out_and_the_accuracy_is_stated(tmp_path):
    articles = medialit.load_articles(write_set(tmp_path / "bus-lane", SOURCES_SET))
    assert find_claim_map(articles) is None
    claims = align_claims(articles)
    texts = [s.text for c in claims for ss in c.members.values() for s in ss]
    assert not any(t.startswith("Sources:") for t in texts)          # source lists are not claims
    assert not any(t.startswith("On May 2, 2024") for t in texts)    # nor photo captions
    assert not any(t.endswith("?") for t in texts)                   # nor questions
    assert any(set(c.articles) == {"wire", "gazette"} and "seven votes" in c.members["wire"][0].text for c in claims)
    assert len(texts) == 4                                           # the two shared claims, nothing else
    assert {c.origin for c in claims} == {AUTOMATIC}
    measured = evaluate_alignment()
    for claim in claims:
        assert claim.note == automatic_note()
        assert f"{measured.pairs.precision:.0%} of the sentence pairs" in claim.note
        assert f"right for only {measured.shared_right} of the {measured.shared_total} claims" in claim.note


def test_the_report_says_how_its_claims_were_matched(tmp_path, seed_set):
    from medialit.cli import build_report as format_report

    assert "Matched by hand" in format_report(seed_set) and "Matched automatically" not in format_report(seed_set)
    automatic = format_report(medialit.load_articles(write_set(tmp_path / "bus-lane", SOURCES_SET)))
    assert "Matched automatically by shared words, not checked by a person." in automatic
    assert "Matched by hand" not in automatic


def test_the_old_word_matching_errors_are_scored_as_errors(seed_set):
    truth = map_claims(seed_set, find_claim_map(seed_set))
    claim = by_key(truth)
    # a grid that joins the opinion site's "pumping Kyiv with weapons" with the BBC's nuclear warning
    wrong = [type(claim["nuclear-warning"])(1, "weapons", {
        "opinion-site": claim["blames-west-for-escalation"].members["opinion-site"],
        "bbc-repost": claim["nuclear-warning"].members["bbc-repost"][1:2]}, [])]
    result = score_alignment(seed_set, wrong, truth)
    assert (result.pairs.tp, result.pairs.fp) == (0, 1)
    assert "nuclear-warning" in result.wrong_claims and "blames-west-for-escalation" in result.wrong_claims
    perfect = score_alignment(seed_set, truth, truth)
    assert perfect.pairs.f1 == 1.0 and perfect.right == perfect.total == len(CLAIM_MAP["claims"])


def test_automatic_matching_is_measured_and_not_worse_than_before():
    result = evaluate_alignment()
    # Before the synonym list and the non-claim rules: P 0.60, R 0.20 (6 of 30 pairs), 22 of 37 claims right.
    assert result.pairs.precision >= 0.7 and result.pairs.tp >= 8 and result.right >= 24
    assert result.total == len(CLAIM_MAP["claims"]) and result.pairs.fp <= 3


def test_medialit_evaluate_prints_the_alignment_figure():
    out = subprocess.run([sys.executable, "-m", "medialit.cli", "evaluate"], capture_output=True, text=True,
                         check=True).stdout
    assert format_alignment(evaluate_alignment()) in out
    assert re.search(r"^  sentence pairs\s+P 0\.\d\d\s+R 0\.\d\d\s+F1 0\.\d\d", out, re.M)
    assert re.search(r"claims with exactly the right articles: \d+ of 37", out)


def test_the_non_claim_rules_leave_out_what_the_map_lists_as_not_claims(seed_set):
    by_rule = {(a.id, s.text) for a in seed_set for s in sentences(a.text)
               if s.label == "sentence" and s not in claim_sentences(a.text)}
    listed = {(x["article"], x["text"]) for x in CLAIM_MAP["not_claims"]}
    headings = {(a.id, s.text) for a in seed_set for s in sentences(a.text) if s.label == "heading"}
    assert by_rule == listed - headings
    assert ("aggregator", "Sources: New York Times, RT, Washington Post, CNN, BBC News and FOX News.") in by_rule
