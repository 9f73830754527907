"""Lessons 07 and 08 read correctly on any article set: run in a real kernel on a second, invented set, neither
their outputs nor their text name the seed event's people, places or outlets, and the lateral-reading cells say
the set has no dossier; on the seed set, the dossier's entries and the clues do show."""
import json
import re
from html import escape

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

LESSONS = [ROOT / "lessons" / "07-kinds-of-information.ipynb", ROOT / "lessons" / "08-lateral-reading.ipynb"]
SEED_WORDS = ["Lukashenko", "Belarus", "Minsk", "Moscow", "Putin", "Russia", "Ukraine", "BBC", "RT", "BelTA",
              "FOX", "New York Times", "Foreign Policy"]
SEED_PATTERN = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in SEED_WORDS) + r")", re.I)
SEED_PATTERN_RT = re.compile(r"(?<![\w-])RT(?!\w)")   # "RT" with its capitals: "rt" is in many words


def seed_names(text: str) -> list[str]:
    found = [m.group(0) for m in SEED_PATTERN.finditer(text) if m.group(0).lower() != "rt"]
    return found + SEED_PATTERN_RT.findall(text)


def run(path, monkeypatch, articles=None):
    if articles is None:
        monkeypatch.delenv("MEDIALIT_ARTICLES", raising=False)
    else:
        monkeypatch.setenv("MEDIALIT_ARTICLES", str(articles))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def outputs(nb) -> str:
    return "\n".join(o.get("text", "") + json.dumps(o.get("data", {}), ensure_ascii=False)
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def html_outputs(nb) -> str:
    return "\n".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs)


def errors(nb) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


def test_the_name_check_finds_seed_names():
    assert seed_names("Belarusian state agency BelTA and RT") == ["Belarus", "BelTA", "RT"]
    assert seed_names("start the party, art and smart readers of the foreign policy desk")[:1] == ["foreign policy"]
    assert seed_names("A council report on the harbour") == []


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_the_lessons_text_and_quizzes_name_nothing_of_the_seed_event(path):
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert seed_names(markdown) == [] and seed_names(code) == []
    assert seed_names(json.dumps(nb.metadata["medialit"])) == []
    quizzes = (ROOT / "data" / "quizzes" / f"{path.name[:2]}.json").read_text(encoding="utf-8")
    assert seed_names(quizzes) == []
    for cell in nb.cells:   # short code cells: the logic lives in the library
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 8, cell.source


@pytest.mark.notebooks
@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_on_another_set_the_lesson_names_nothing_of_the_seed_event(path, other_set_dir, monkeypatch):
    nb = run(path, monkeypatch, other_set_dir)
    assert errors(nb) == []
    shown = outputs(nb)
    assert "council-blog" in shown and "radio-summary" in shown
    assert seed_names(shown) == [], seed_names(shown)[:10]
    assert "opinion-site" not in shown and "lukashenko" not in shown.lower()
    html = html_outputs(nb)
    if path.name.startswith("07"):
        assert html.count("does not say what kind of text this is") == 3
        assert "has no dossier" in html
    else:
        assert "bus-lane-vote</b> has no dossier" in html and "README-dossier.md" in html
        assert "Offline mode" in html and "Council approves Harbour Road bus lane" in html
        assert "No article in this set numbers its sources." in html


@pytest.mark.notebooks
def test_lesson_08_shows_the_seed_dossier_and_finds_the_original_offline(monkeypatch):
    import medialit
    from medialit.analysis.dossier import load_dossier

    nb = run(LESSONS[1], monkeypatch)
    assert errors(nb) == []
    html = html_outputs(nb)
    dossier = load_dossier(medialit.load_articles("lukashenko-2023"))
    assert html.count('class="ml-dossier-entry"') >= len(dossier.entries) + 1   # the dossier, then the look-up
    belta = re.search(r'<div class="ml-dossier-entry"[^>]*><h4[^>]*>BelTA \(Belarusian Telegraph Agency\)</h4>'
                      r"(.*?)</div>", html, re.S)
    assert belta and "state media: national news agency" in belta.group(1)
    assert "the Belarusian government" in belta.group(1) and "as provided by Belarusian telegraph agency" in belta.group(1)
    for entry in dossier.entries:
        assert f">{escape(entry.name)}</h4>" in html, entry.name
    look = html[html.index('class="ml-lookup"'):]
    assert "Offline mode" in look and "The re-posted copy of a BBC report" in look
    assert "Searches to do later" in look and "BBC+Lukashenko+interview" in look


@pytest.mark.notebooks
def test_lesson_07_shows_the_clues_the_labels_and_the_state_media_on_the_seed_set(monkeypatch):
    nb = run(LESSONS[0], monkeypatch)
    assert errors(nb) == []
    html = html_outputs(nb)
    assert "I reminded Mr. Lukashenko" in html and "comment form" in html and "numbered sources" in html
    assert "opinionated news site" in html and "re-posted copy of a BBC interview report" in html
    table = html[html.index("Who is behind each outlet"):]
    for outlet, kind in (("BelTA (Belarusian Telegraph Agency)", "state media: national news agency"),
                         ("RT (formerly Russia Today)", "state media: international broadcaster"),
                         ("BBC (British Broadcasting Corporation)", "public broadcaster")):
        assert re.search(rf">{re.escape(outlet)}</td><td[^>]*>{re.escape(kind)}</td>", table), outlet
