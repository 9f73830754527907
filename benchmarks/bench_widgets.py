"""Benchmark: widget speed.

1. In Python: building an ArticleViewer for a 5,000-word article (annotating included); target ≤ 200 ms.
2. In the browser: JupyterLab in Debian's Chromium, lesson 02's ArticleViewer: time from a toggle
   click to the re-highlighted text appearing on the page; target ≤ 100 ms.
Prints figures only. Needs /usr/bin/chromium (installed by `make test`).
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from lab_server import CHROMIUM, CHROMIUM_ARGS, open_notebook, start_lab, stop_lab  # noqa: E402

import medialit  # noqa: E402
from medialit.analysis.document import context_for  # noqa: E402
from medialit.widgets import ArticleViewer  # noqa: E402

MEASURE_TOGGLE = """
async (n) => {
  const viewer = [...document.querySelectorAll('.jp-OutputArea-output')]
      .find(o => o.querySelector('.widget-toggle-button') && o.querySelector('.ml-text'));
  const button = [...viewer.querySelectorAll('.widget-toggle-button')].find(b => b.textContent.startsWith('loaded words'));
  const times = [];
  for (let i = 0; i < n; i++) {
    const host = viewer.querySelector('.ml-text').parentElement;
    const t0 = performance.now();
    const changed = new Promise(resolve => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - t0); });
      observer.observe(host, {childList: true, subtree: true, characterData: true});
    });
    button.click();
    times.push(await changed);
    await new Promise(r => requestAnimationFrame(() => r()));
  }
  return times;
}
"""


def python_viewer() -> None:
    texts = [a.text for a in medialit.load_articles()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests").glob("heldout*/*.txt"))]
    body = "\n\n".join(t.split("\n", 1)[1] for t in texts)
    words = body.split()
    text = "A long article\n\n" + " ".join((words * (5000 // len(words) + 1))[:5000])
    article = medialit.Article.from_text(text)
    ArticleViewer(medialit.Article.from_text(texts[0]))  # warm up
    times = []
    for _ in range(7):
        context_for.cache_clear()
        start = time.perf_counter()
        ArticleViewer(article)
        times.append(time.perf_counter() - start)
    print(f"ArticleViewer for a {article.n_words}-word article: median {statistics.median(times) * 1000:.0f} ms, "
          f"best {min(times) * 1000:.0f} ms over {len(times)} builds (target ≤ 200 ms)")


def browser_toggle() -> None:
    if not Path(CHROMIUM).exists():
        print("browser: skipped, /usr/bin/chromium is missing (make test installs it)")
        return
    from playwright.sync_api import sync_playwright

    server, base, token = start_lab(Path(tempfile.mkdtemp()) / "jupyter")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = open_notebook(browser, base, token, "lessons/02-who-says-so.ipynb")
            page.locator(".ml-text .ml-loaded").first.wait_for(timeout=90_000)
            times = page.evaluate(MEASURE_TOGGLE, 20)
            browser.close()
    finally:
        stop_lab(server)
    print(f"toggle click to re-highlighted text in JupyterLab/Chromium: median {statistics.median(times):.0f} ms, "
          f"worst {max(times):.0f} ms over {len(times)} clicks (target ≤ 100 ms)")


if __name__ == "__main__":
    python_viewer()
    browser_toggle()
