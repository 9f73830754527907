"""What the lessons and model answers say about the seed articles is true of the texts and of what the cells show.

Each test reads the statement from the notebook itself, so a lesson edited into a false claim fails here.
"""
import ast
import json

import nbformat
import pytest

from conftest import ROOT, lesson_note_keys

from medialit import load_articles
from medialit.grading.keys import all_questions
from medialit.text.resources import sentiment_analyzer


def cells(name, folder="lessons"):
    return nbformat.read(ROOT / folder / name, as_version=4).cells


def markdown(name, folder="lessons"):
    return "\n".join(c.source for c in cells(name, folder) if c.cell_type == "markdown")


def seen_on_seed(name):
    """The lesson's text as a student sees it on the seed set: its markdown and the set's notes its cells show."""
    from medialit.text.notes import lesson_note

    keys = lesson_note_keys("".join(c.source for c in cells(name) if c.cell_type == "code"))
    seed_set = load_articles("lukashenko-2023")
    return markdown(name) + "\n" + "\n".join(lesson_note(seed_set, key)[0] for key in keys)


def code_with(name, needle, folder="lessons"):
    found = [c.source for c in cells(name, folder) if c.cell_type == "code" and needle in c.source]
    assert len(found) == 1, f"{name}: expected one code cell with {needle!r}"
    return found[0]


@pytest.fixture(scope="module")
def seed():
    return load_articles("lukashenko-2023")


def test_lesson_00_states_the_condition_he_gave_not_fighting_in_ukraine(seed):
    text = seen_on_seed("00-start-here.ipynb")
    assert "alongside Russia in Ukraine only if" not in text
    assert "from Belarus's own territory" in text
    assert "from the territory of Belarus" in seed["opinion-site"].text
    assert "from Belarusian soil" in seed["bbc-repost"].text


def test_lesson_00_shows_articles_as_readable_pages_not_printed_text():
    sources = [c.source for c in cells("00-start-here.ipynb") if c.cell_type == "code"]
    assert not any("print(articles[" in s for s in sources)
    assert "for article in articles:\n    show_article(article)" in sources


def test_lesson_02_does_not_ask_who_is_quoted_most_in_an_article_without_quotes(seed):
    text = seen_on_seed("02-who-says-so.ipynb")
    assert "who is quoted most" not in text
    assert seed.ids[0] == "opinion-site" and seed["opinion-site"].quotes == []
    assert "The opinion site never quotes Lukashenko directly" in text
    from medialit.analysis import most_quoted

    assert most_quoted(seed).id == "bbc-repost"  # "The table shows the re-post's attributions"
    assert "The table shows the re-post's attributions" in text


def test_lesson_02_treats_quote_marks_as_a_claim_and_shows_the_three_renderings(seed):
    text = seen_on_seed("02-who-says-so.ipynb")
    assert "A **direct quote** gives the speaker's exact words" not in text
    assert "Quote marks are a claim you can check" in text
    assert "show_renderings(articles)" in code_with("02-who-says-so.ipynb", "show_renderings(")
    renderings = json.loads((ROOT / "data/articles/lukashenko-2023/renderings.json").read_text(encoding="utf-8"))
    # the phrases the lesson quotes from the re-post are really in it, inside quote marks
    bbc = seed["bbc-repost"]
    for phrase in ("Yeah, I’m prepared", "Nobody requires this"):
        assert phrase in bbc.text
        at = bbc.text.index(phrase)
        assert any(q.start <= at < q.end for q in bbc.quotes), phrase
    shared = [r for r in renderings["remarks"] if len(r["renderings"]) == 3]
    assert shared, "at least one remark is rendered by all three articles"


def test_lesson_03_practice_paragraph_is_described_by_what_the_cell_prints(seed):
    source = code_with("03-how-sure.ipynb", "practice(")
    assert 'print("From:", articles[-1].id, "· hedges and boosters to find:", len(key))' in source
    assert "the line above it says which, and how many hedges and boosters there are to find" in \
        markdown("03-how-sure.ipynb")
    assert "most hedges and boosters" not in markdown("03-how-sure.ipynb")


def test_lesson_03_may_example_marks_one_may_and_not_the_month():
    from medialit.analysis.hedging import find_hedges

    source = code_with("03-how-sure.ipynb", "find_hedges(")
    example = ast.literal_eval(source.split("=", 1)[1].split("\n", 1)[0].strip())
    found = find_hedges(example)
    assert [s.text for s in found] == ["may"] and found[0].start == example.index("may")


def test_lesson_03_opinion_site_boosters_are_reported_and_it_hedges_nothing_of_its_own(seed):
    from medialit.analysis.annotation import annotate

    text = seen_on_seed("03-how-sure.ipynb")
    assert "the boosters (*no way*, *never*) are in **reported** voice" in text
    spans = annotate(seed["opinion-site"].text)
    boosters = [s for s in spans if s.kind == "booster"]
    assert sorted(s.text for s in boosters) == ["never", "no way"]
    assert {s.voice for s in boosters} == {"reported"}
    assert not [s for s in spans if s.kind == "hedge" and s.voice == "author"]


def test_lesson_04_vader_claims_match_the_scores_the_cell_prints():
    source = code_with("04-loaded-wording.ipynb", "for sentence in [")
    sentences = ast.literal_eval("[" + source.split("in [", 1)[1].split("]:", 1)[0] + "]")
    score = {s: sentiment_analyzer().polarity_scores(s)["compound"] for s in sentences}
    text = seen_on_seed("04-loaded-wording.ipynb")
    # "VADER gives parroted no score at all"
    assert "VADER gives *parroted* no score at all" in text
    assert score["He parroted the minister's claims."] == score["He repeated the minister's claims."] == 0
    # "This war must stop" scores more negative than the slaughter sentence
    assert score["This war must stop."] < score["This senseless slaughter must stop."] < 0
    # "it scores the strongman sentence as slightly positive"
    assert "it may score the *strongman* sentence as slightly **positive**" in text
    assert 0 < score["The strongman met journalists."]
    assert score["The president met journalists."] == 0
    # the seed set's note: the word alone reads slightly positive; the site's own strongman sentence, negative
    assert "VADER reads the word *strongman*\nitself as slightly positive" in text
    assert "the site's strongman sentence in\nthe table scores negative" in text
    assert 0 < sentiment_analyzer().polarity_scores("The Belarusian strongman met journalists.")["compound"]
    from medialit.analysis.rows import sentiment_rows
    rows = [r for r in sentiment_rows(load_articles("lukashenko-2023")["opinion-site"]) if "strongman" in r["sentence"]]
    assert rows and all(r["VADER"] < 0 for r in rows), rows
    assert "mercilessly, staunch" not in text  # manner adverbs are not intensifiers


def test_lesson_04_categories_match_the_lexicon():
    from medialit.analysis.loaded import find_loaded

    text = markdown("04-loaded-wording.ipynb")
    assert "| **emotive adverb** | *mercilessly, skillfully*" in text
    labels = {s.text: s.label for s in find_loaded("The protests were mercilessly put down, skillfully ducking it.")}
    assert labels["mercilessly"] == labels["skillfully"] == "emotive adverb"


def test_lesson_06_does_not_send_students_to_the_repost_for_his_own_words():
    text = seen_on_seed("06-put-it-together.ipynb")
    assert "reworded" in text
    reflect = all_questions()["06.3"]
    source = code_with("06-put-it-together.ipynb", "answer_06_3 =", folder="solutions")
    assert "own words I would use the BBC copy" not in source and reflect["kind"] == "reflect"


def test_model_answer_01_4_describes_how_each_article_really_opens(seed):
    source = code_with("01-same-event-three-stories.ipynb", "answer_01_4 =", folder="solutions")
    first = {a.id: next(s.text for s in a.sentences if s.label == "sentence") for a in seed}
    assert first["bbc-repost"].startswith("Few people are as familiar with Vladimir Putin")
    assert "told journalists in Minsk" in first["aggregator"]
    assert "claimed" in first["opinion-site"]
    assert "The aggregator’s, because its first fact says what happened" in source
    assert "opens with the news itself" not in source


def test_model_answer_05_4_names_an_omission_across_the_articles_that_the_grid_shows(seed):
    """The omission the model answer names is one the hand-checked grid shows: only the aggregator carries it."""
    from medialit.analysis.comparison import align_claims

    source = code_with("05-framing-and-omission.ipynb", "answer_05_4 =", folder="solutions")
    claims = {c.key: c for c in align_claims(seed)}
    assert claims["hosts-russian-troops"].articles == ["aggregator"]
    assert "Only the aggregator says that Belarus is still hosting Russian troops" in source
    assert "the opinion site and the BBC copy leave it out" in source
    assert "host" not in seed["opinion-site"].text and "host" not in seed["bbc-repost"].text
    assert "as a liar" not in source and "staging ground" not in source


def test_numbers_in_model_answer_06_3_are_the_scorecard_figures(seed):
    from medialit.analysis.comparison import scorecard

    rows = {r["article"]: r for r in scorecard(seed)}
    source = code_with("06-put-it-together.ipynb", "answer_06_3 =", folder="solutions")
    assert f"only {rows['aggregator']['named sources %']}% of its attributions name a person" in source
    assert f"{rows['bbc-repost']['words in quote marks %']}% of the BBC copy’s words stand in quote marks" in source
    assert f"has {rows['opinion-site']['distancing verbs']} distancing verbs" in source
    assert "“The Belarusian strongman”" in source and "The Belarusian strongman" in seed["opinion-site"].text


def test_source_type_key_02_2_agrees_with_the_gold(seed):
    gold = {}
    for article in ("opinion-site", "aggregator"):
        data = json.loads((ROOT / f"data/annotations/lukashenko-2023/{article}.json").read_text(encoding="utf-8"))
        gold.update({s["source"]["text"]: s["source"]["type"] for s in data["spans"]
                     if s["kind"] == "attribution" and s.get("source")})
    key = all_questions()["02.2"]["key"]
    assert key == {item: gold[item] for item in key}


def test_lesson_05_grid_and_table_show_every_claim(seed):
    from medialit.analysis.comparison import align_claims
    from medialit.display.plots import plot_claims

    plot_cell = code_with("05-framing-and-omission.ipynb", "plot_claims(")
    table_cell = code_with("05-framing-and-omission.ipynb", "omission_table(articles")
    assert "limit" not in plot_cell and "[:" not in table_cell
    claims = align_claims(seed)
    assert len(plot_claims(claims, seed.ids).axes[0].get_yticklabels()) == len(claims)
    # the claims the lesson and the notes send students to are on the page
    keys = {c.key for c in claims}
    assert {"nuclear-warning", "biden-invitation"} <= keys or len(claims) == 37


def test_lesson_02_says_the_table_marks_a_stance_changed_by_context(seed):
    from medialit.analysis import find_attributions
    from medialit.display import format_attributions

    assert "The kit's tables say so when the context changes a verb's usual stance" in markdown("02-who-says-so.ipynb")
    html = format_attributions(seed["opinion-site"], find_attributions(seed["opinion-site"]))
    assert html.count("neutral (in context; usually endorsing)") == 2  # "pointed out" and "Pointing out"


def test_teacher_notes_answers_for_mark_and_classify_questions_match_the_keys():
    notes = (ROOT / "lessons" / "TEACHER-NOTES.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in notes.splitlines()
            if line.startswith("| 0") and line.count("|") > 5}
    for qid, question in all_questions().items():
        if question["kind"] == "mark":
            for span in question["key"]:
                assert span["text"] in rows[qid], (qid, span["text"])
        if question["kind"] == "classify":
            for item, label in question["key"].items():
                assert item.split("’")[-1].split()[-1] in rows[qid] and label in rows[qid], (qid, item, label)
    assert "military-cooperation paragraph" not in rows["03.1"]


def test_teacher_notes_say_only_true_things_about_vader():
    notes = (ROOT / "lessons" / "TEACHER-NOTES.md").read_text(encoding="utf-8")
    lexicon = sentiment_analyzer().lexicon
    assert "senseless" not in lexicon and "slaughter" not in lexicon
    assert lexicon["strongman"] > 0 and "sees *strong*" not in notes and "*senseless* alone counts" not in notes
    assert "the −0.30 comes from *stop* alone" in notes and lexicon["stop"] < 0
