"""Widgets driven from Python, as a test drives them: set values, press buttons, read the outputs."""
import re

import medialit
from medialit.display import format_annotated, format_feedback
from medialit.practice import practice
from medialit.report import format_report
from medialit.widgets import ArticleViewer, CompareView, Marker, Quiz, Rewrite, word_tokens


def marks_in(html, kind):
    return len(re.findall(rf'class="ml ml-{kind}"', html))


def test_article_viewer_toggles_change_highlights_and_counts(seed_set):
    viewer = ArticleViewer(seed_set["opinion-site"])
    total = len(viewer.spans)
    assert viewer.summary.value == f"Showing {total} of {total} marks."
    loaded = marks_in(viewer.text_view.value, "loaded")
    assert loaded == sum(1 for s in viewer.spans if s.kind == "loaded") > 0
    viewer.toggles.buttons["loaded"].value = False
    assert marks_in(viewer.text_view.value, "loaded") == 0
    assert viewer.summary.value == f"Showing {total - loaded} of {total} marks."
    assert viewer.toggles.buttons["loaded"].icon == ""
    named = viewer.toggles.buttons["attribution: named person"]
    assert named.description == "source: named person (12)"
    named.value = False
    assert "source: vague" in viewer.toggles.buttons["attribution: vague"].description
    assert all(s.source is None or s.source.label != "named person" for s in viewer.visible_spans()
               if s.kind == "attribution")
    viewer.toggles.buttons["loaded"].value = True
    assert marks_in(viewer.text_view.value, "loaded") == loaded


def test_viewer_shows_quoted_voice_and_tooltips(seed_set):
    html = ArticleViewer(seed_set["bbc-repost"]).text_view.value
    assert 'class="ml-quote"' in html                      # quoted words look different
    assert "Neutral alternative: firm; (leave it out)" in html   # the tooltip of "staunch"
    assert "[LOADED]" in html and "[SAYS]" in html              # readable without colour


def test_compare_view_claims_highlight_and_omissions(seed_set):
    view = CompareView(seed_set)
    assert view.claim_status.value.startswith("Choose a claim")
    claim = next(c for c in view.claims if len(c.members) == 2)
    view.select_claim(claim.id)
    left_out = [i for i in seed_set.ids if i not in claim.members][0]
    assert f"<b>Left out by:</b> {left_out}." in view.claim_status.value
    for article_id in seed_set.ids:
        highlighted = marks_in(view.panels[article_id].value, "claim")
        assert (highlighted > 0) == (article_id in claim.members)
    view.toggles.buttons["hedge"].value = False
    assert all(marks_in(panel.value, "hedge") == 0 for panel in view.panels.values())


def test_marker_marks_extends_unmarks_and_checks():
    text = "Head\n\nOfficials claimed the plan may fail, according to reports."
    key = [{"start": 16, "end": 23, "kind": "attribution"}, {"start": 38, "end": 50, "kind": "attribution"}]
    marker = Marker(text, kinds=("attribution", "hedge"), key=key)
    assert marker.check().status == "not answered"
    assert "Not answered yet" in marker.feedback.value
    marker.mark_text("claimed")
    marker.mark_text("may", "hedge")
    assert [(s.text, s.kind) for s in marker.value] == [("claimed", "attribution"), ("may", "hedge")]
    assert "2 marked" in marker.count.value
    result = marker.check()
    assert result.status == "partial" and "“may” is not an attribution cue" not in marker.feedback.value
    assert "Still to find: an attribution cue in sentence 1" in marker.feedback.value
    marker.mark_text("according to")
    marker.area.marks = [m for m in marker.area.marks if m[2] != "hedge"]  # unmark "may"
    assert marker.check().status == "correct" and "Correct!" in marker.feedback.value
    marker.clear_button.click()
    assert marker.value == [] and marker.feedback.value == ""


def test_marker_check_button_and_kind_picker_reach_the_front_end():
    marker = Marker("Head\n\nIt may rain.", kinds=("hedge", "booster"), key=[{"start": 9, "end": 12, "kind": "hedge"}])
    marker.kind_picker.value = "booster"
    assert marker.area.kind == "booster"
    marker.area.marks = [[9, 12, "hedge"]]     # what a click in the browser sends
    marker.check_button.click()
    assert "Correct!" in marker.feedback.value
    assert word_tokens("It may.")[1] == [3, 6, "may", "."]


def test_marker_on_a_lesson_paragraph_uses_the_gold_key(seed_set):
    text, key, origin = practice(seed_set["aggregator"], 2, kinds=("attribution",))
    assert origin == "gold" and [text[k["start"]:k["end"]] for k in key] == ["stressed", "allegations", "added"]
    marker = Marker(text, kinds=("attribution",), key=key)
    marker.mark_text("stressed")
    assert marker.check().score == 0.5


def test_quiz_single_and_multiple_choice():
    quiz = Quiz("Which word is a hedge?", ["reportedly", "said", "clearly"], "reportedly",
                explanation="'Reportedly' means it is not confirmed.",
                explanations={"clearly": "'Clearly' is a booster: the opposite of a hedge."})
    assert quiz.check().status == "not answered"
    quiz.choose("clearly")
    quiz.check_button.click()
    assert "booster: the opposite" in quiz.feedback.value and "Not yet" in quiz.feedback.value
    quiz.choose("reportedly")
    assert quiz.check().status == "correct" and "not confirmed" in quiz.feedback.value
    many = Quiz("Which are hedges?", ["may", "said", "allegedly", "never"], ["may", "allegedly"])
    many.choose("may")
    assert many.check().score == 0.5
    many.choose("may", "allegedly", "never")
    assert many.check().score == 0.5
    many.choose("may", "allegedly")
    assert many.check().status == "correct"


def test_rewrite_gives_live_feedback():
    box = Rewrite("The Belarusian strongman parroted Moscow’s claims on 17 February.")
    assert "Start typing" in box.feedback.value
    box.value = "The strongman repeated Moscow’s claims."
    assert "Still loaded: <b>strongman</b>" in box.feedback.value
    assert "Lost a key fact: <b>17</b>" in box.feedback.value and "Belarusian" in box.feedback.value
    box.value = "The Belarusian president repeated Moscow’s claims on 17 February."
    assert "Well done" in box.feedback.value


def test_static_views_work_without_widgets(seed_set):
    html = format_annotated(seed_set["aggregator"].text)
    assert html.count("[SAYS]") == 9 + 1 and "ml-legend" in html  # 9 cues and the legend
    page = format_report(seed_set)
    assert page.count("<img") == 4 and "opinion-site" in page and "— leaves it out" in page
    from medialit.feedback import Feedback
    assert 'role="status"' in format_feedback(Feedback(1.0, "correct"))


def test_cli_report_writes_a_self_contained_page(tmp_path, other_set_dir):
    from medialit.cli import main

    out = tmp_path / "report.html"
    assert main(["report", str(other_set_dir), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "council-blog" in page and "data:image/png;base64," in page
    assert not re.search(r'src="(?!data:)', page) and "<link" not in page  # nothing loaded from elsewhere
