"""Committed notebooks: stripped of outputs, shaped like a lesson, and they run end to end in a fresh kernel."""
import base64
import json
import re

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT, lesson_note_keys

NOTEBOOKS = sorted(p for folder in ("lessons", "exercises", "solutions")
                   for p in (ROOT / folder).glob("*.ipynb"))
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
NAME = re.compile(r"^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*\.ipynb$")


def ids(paths):
    return [str(p.relative_to(ROOT)) for p in paths]


def test_there_are_notebooks_to_check():
    assert (ROOT / "lessons" / "00-start-here.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_notebook_is_committed_stripped(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [i for i, cell in enumerate(nb["cells"])
             if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)]
    assert dirty == [], f"{path.name}: cells {dirty} keep outputs or execution counts"
    assert NAME.match(path.name), f"{path.name}: use two digits and kebab-case, like 03-hedging.ipynb"


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_lesson_has_the_lesson_shape(path):
    nb = nbformat.read(path, as_version=4)
    info = nb.metadata["medialit"]
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith(f"# {info['lesson']} · {info['title']}")
    assert f"**Time:** {info['minutes']} minutes" in first.source
    assert f"**Guiding question:** {info['question']}" in first.source
    assert "By the end of this lesson you can" in first.source
    headings = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown"]
    assert headings[-2:] == ["## Key points", "## Discussion"]
    assert path.name.startswith(info["lesson"] + "-")


def test_readme_lesson_table_matches_the_notebooks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d\d) \| \[(.+?)\]\((lessons/[^)]+)\) \| (\d+) \| (.+?) \|$", readme, re.M)
    expected = []
    for path in LESSONS:
        info = nbformat.read(path, as_version=4).metadata["medialit"]
        expected.append((info["lesson"], info["title"], f"lessons/{path.name}", str(info["minutes"]),
                         info["question"]))
    assert rows == expected


def run_notebook(path, env_set=None, monkeypatch=None):
    nb = nbformat.read(path, as_version=4)
    if env_set is not None:
        monkeypatch.setenv("MEDIALIT_ARTICLES", str(env_set))
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


PLOT_CALL = re.compile(r"\bplot_\w+\(")


def display_problems(nb) -> list[str]:
    """What a student would see wrongly: a chart shown as the text "<Figure size …>" instead of a
    picture, or a raw ``Span(...)`` repr shown as text."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        shown = [o.get("data", {}) for o in cell.outputs if o.output_type in ("display_data", "execute_result")]
        if PLOT_CALL.search(cell.source):
            if not any("image/png" in d or "image/svg+xml" in d for d in shown):
                problems.append(f"cell {i}: the chart is not shown as a picture: {cell.source!r}")
            if any(set(d) == {"text/plain"} and d["text/plain"].startswith("<Figure size") for d in shown):
                problems.append(f"cell {i}: shows '<Figure size …>' as text")
        as_text = [o.get("text", "") for o in cell.outputs if o.output_type == "stream"]
        as_text += [d.get("text/plain", "") for d in shown if set(d) == {"text/plain"}]
        as_text += [d.get("text/html", "") for d in shown]
        if any("Span(" in text for text in as_text):
            problems.append(f"cell {i}: shows a raw Span(...) repr: {cell.source!r}")
    return problems


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_notebook_runs_end_to_end_on_the_seed_set(path, monkeypatch):
    monkeypatch.delenv("MEDIALIT_ARTICLES", raising=False)
    nb = run_notebook(path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert any(c.outputs for c in nb.cells if c.cell_type == "code")
    # What it shows, not only that it runs: charts as pictures, marks as words.
    assert display_problems(nb) == []
    pictures = [o.data["image/png"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
                if "image/png" in o.get("data", {})]
    assert all(base64.b64decode(png)[:4] == b"\x89PNG" for png in pictures)


# The seed event's people, places and outlets, and the seed articles' names: a lesson shown on other
# articles must not mention any of them, in its text or in what its cells show.
SEED_WORDS = re.compile(r"Lukashenk|Belarus|Minsk|Moscow|Putin|Peskov|Russia|Ukrain|Kyiv|Zelensk|Kremlin|BBC|"
                        r"\bRT\b|BelTA|FOX News|New York Times|Washington Post|CNN|Foreign Policy|opinion-site|"
                        r"bbc-repost|the opinion site|the aggregator|the BBC copy|the re-post")


def shown_text(nb) -> str:
    """Everything the code cells show as text (printed, HTML, Markdown, widget state), not pictures."""
    return "".join(o.get("text", "") + "".join(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                                               for k, v in o.get("data", {}).items() if not k.startswith("image/"))
                   for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.notebooks
@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_lesson_runs_on_another_article_set(path, other_set_dir, monkeypatch):
    nb = run_notebook(path, env_set=other_set_dir, monkeypatch=monkeypatch)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert SEED_WORDS.findall(markdown) == [], "the lesson's own text names the seed articles"
    text = shown_text(nb)
    assert "council-blog" in text
    assert SEED_WORDS.findall(text) == [], "a cell shows something about the seed articles"
    assert "About these articles" not in text  # the other set has no notes: the kit's generic prompts
    from medialit.text.notes import generic_notes

    for key in lesson_note_keys("".join(c.source for c in nb.cells if c.cell_type == "code")):
        if key in generic_notes():
            assert generic_notes()[key].split("\n")[0][:40] in text, f"the generic prompt {key} is not shown"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_lesson_shows_the_set_notes_on_the_seed_set_and_runs_on_two_articles(path, tmp_path, monkeypatch):
    from conftest import OTHER_SET, write_set
    from medialit.text.notes import read_notes

    seed_notes = read_notes(ROOT / "data" / "articles" / "lukashenko-2023")
    keys = lesson_note_keys("".join(c.source for c in nbformat.read(path, as_version=4).cells
                                     if c.cell_type == "code"))
    if any(k in seed_notes for k in keys):
        monkeypatch.delenv("MEDIALIT_ARTICLES", raising=False)
        text = shown_text(run_notebook(path))
        for key in keys:
            if key in seed_notes:
                assert seed_notes[key].split("\n")[0][:40] in text, f"the set's note {key} is not shown"
        assert "About these articles" in text
    two = write_set(tmp_path / "two", {k: v for k, v in list(OTHER_SET.items())[:2]})
    nb = run_notebook(path, env_set=two, monkeypatch=monkeypatch)
    assert [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"] == []


def test_every_lesson_note_key_is_used_and_every_used_key_has_a_note():
    """A typo in a note's heading or in a lesson's key would silently show nothing."""
    from medialit.text.notes import generic_notes, read_notes

    used = set()
    for path in LESSONS:
        used |= set(lesson_note_keys("".join(c.source for c in nbformat.read(path, as_version=4).cells
                                              if c.cell_type == "code")))
    seed_notes = read_notes(ROOT / "data" / "articles" / "lukashenko-2023")
    assert set(seed_notes) <= used and set(generic_notes()) <= used
    assert used <= set(seed_notes) | set(generic_notes())
