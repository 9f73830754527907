"""The final project as a student does it: paste two articles into lesson 09, run it, and every step
works on the student's own set."""
import json
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import OTHER_SET, ROOT

from medialit import ArticleError, load_project, save_article


@pytest.mark.notebooks
def test_a_student_saves_two_articles_and_the_project_runs_on_them(tmp_path, monkeypatch):
    monkeypatch.delenv("MEDIALIT_ARTICLES", raising=False)
    shutil.copy(ROOT / "lessons" / "09-final-project.ipynb", tmp_path / "09-final-project.ipynb")
    nb = nbformat.read(tmp_path / "09-final-project.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "my_articles = {" in c.source)
    pasted = {name[:-4]: text for name, text in list(OTHER_SET.items())[:2]}
    cell.source = cell.source.replace("my_articles = {", "my_articles = {\n" + "".join(
        f"    {name!r}: {text!r},\n" for name, text in pasted.items()), 1)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    shown = "".join(o.get("text", "") + json.dumps(o.get("data", {}).get("text/plain", ""))
                    for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "saved my-project/council-blog.txt" in shown and "saved my-project/local-paper.txt" in shown
    assert "ArticleSet('my-project', ['council-blog', 'local-paper'])" in shown
    assert "lukashenko" not in shown.lower()
    assert (tmp_path / "my-project" / "council-blog.txt").read_text(encoding="utf-8").startswith("Council Rams")


def test_save_article_refuses_what_is_not_an_article_and_says_what_to_do(tmp_path):
    with pytest.raises(ArticleError, match="only one line: put the headline on the first line"):
        save_article(tmp_path, "x", "Just a headline")
    with pytest.raises(ArticleError, match="use a short file name"):
        save_article(tmp_path, "../escape", "Headline\nText.")
    save_article(tmp_path / "set", "one", "Headline one\nText one.")
    assert load_project(tmp_path / "set").name == "lukashenko-2023"  # one article: still the class set
    save_article(tmp_path / "set", "two", "Headline two\nText two.")
    assert load_project(tmp_path / "set").ids == ["one", "two"]
