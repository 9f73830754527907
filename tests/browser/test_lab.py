"""The real thing: a lesson in JupyterLab, in Chromium. Toggle highlights, see the chart, mark words, check them."""
from __future__ import annotations

import re

from .conftest import OUTPUT
from .lab_server import open_notebook


def test_lesson_02_viewer_toggles_chart_and_marker_check(browser, lab):
    page = open_notebook(browser, *lab, "lessons/02-who-says-so.ipynb")
    # The ArticleViewer: its toggle buttons and its highlighted text.
    viewer = page.locator(".jp-OutputArea-output", has=page.locator(".widget-toggle-button")).first
    viewer.locator(".ml-text .ml-loaded").first.wait_for(timeout=90_000)
    loaded_before = viewer.locator(".ml-text .ml-loaded").count()
    says_before = viewer.locator(".ml-text .ml-attribution").count()
    assert loaded_before > 0 and says_before > 0
    toggle = viewer.locator(".widget-toggle-button", has_text=re.compile(r"^loaded words \(\d+\)"))
    toggle.click()
    page.wait_for_function(
        "el => el.querySelectorAll('.ml-text .ml-loaded').length === 0", arg=viewer.element_handle(), timeout=10_000)
    assert viewer.locator(".ml-text .ml-attribution").count() == says_before
    assert re.search(r"Showing \d+ of \d+ marks", viewer.inner_text())

    # The chart: a picture on the page (not the text "<Figure size …>"), and tables read left to right.
    chart = page.locator(".jp-OutputArea .jp-RenderedImage img").first
    chart.wait_for(state="attached", timeout=90_000)
    chart.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 300 && img.naturalHeight > 150",
                           arg=chart.element_handle(), timeout=15_000)
    assert chart.get_attribute("src").startswith(("data:image/png", "blob:"))
    assert page.locator(".jp-OutputArea-output", has_text="<Figure size").count() == 0
    cell = page.locator(".jp-OutputArea-output table.ml-table td").first
    assert cell.evaluate("td => getComputedStyle(td).textAlign") == "left"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=str(OUTPUT / "lesson-02-chart.png"))

    # The Marker: mark "pointed out" (click, then shift-click) and check.
    marker = page.locator(".jp-OutputArea-output", has=page.locator(".ml-marker-text")).first
    marker.locator(".ml-word", has_text=re.compile(r"^pointed$")).first.click()
    marker.locator(".ml-word", has_text=re.compile(r"^out$")).first.click(modifiers=["Shift"])
    marker.locator(".ml-word.ml-marked", has_text="out").wait_for(timeout=10_000)
    assert marker.locator(".ml-word.ml-marked").count() == 2
    marker.get_by_role("button", name="Check").click()
    feedback = marker.locator(".ml-feedback")
    feedback.wait_for(timeout=15_000)
    assert "Correct!" in feedback.inner_text()

    # The keyboard alone: Enter marks, an arrow key moves, Shift+Enter extends, Delete unmarks.
    marker.get_by_role("button", name="Clear all").click()
    marker.locator(".ml-word.ml-marked").first.wait_for(state="detached", timeout=10_000)
    first = marker.locator(".ml-word").first
    first.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+Enter")
    marker.locator(".ml-word.ml-marked").nth(1).wait_for(timeout=10_000)
    assert marker.locator(".ml-word.ml-marked").all_inner_texts() == ["Dressing", "up"]
    page.keyboard.press("Delete")
    marker.locator(".ml-word.ml-marked").first.wait_for(state="detached", timeout=10_000)

    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "lesson-02.png"), full_page=False)
    marker.screenshot(path=str(OUTPUT / "lesson-02-marker.png"))
    assert (OUTPUT / "lesson-02.png").stat().st_size > 10_000
    page.close()


def test_lesson_05_claim_grid_is_a_picture_with_every_claim(browser, lab):
    """The grid lesson 05 is built on shows as an image, tall enough to hold every claim of the map."""
    from medialit import load_articles
    from medialit.analysis.comparison import align_claims

    page = open_notebook(browser, *lab, "lessons/05-framing-and-omission.ipynb")
    try:
        grid = page.locator(".jp-OutputArea .jp-RenderedImage img").first
        grid.wait_for(state="attached", timeout=90_000)
        grid.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 300", arg=grid.element_handle(),
                               timeout=15_000)
        claims = align_claims(load_articles("lukashenko-2023"))
        height = grid.evaluate("img => img.naturalHeight")
        assert height > 20 * len(claims), (height, len(claims))   # a row per claim, not a thumbnail
        assert page.locator(".jp-OutputArea-output", has_text="<Figure size").count() == 0
        OUTPUT.mkdir(parents=True, exist_ok=True)
        # what a student sees on reaching it: the top of the grid, with the articles' names over the columns
        grid.evaluate("img => img.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(OUTPUT / "lesson-05-grid.png"), full_page=False)
    finally:
        page.close()
