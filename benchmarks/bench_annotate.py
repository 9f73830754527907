"""Benchmark: words per second for all three detectors together (attribution, hedging, loaded).

Texts of 1 KB, 100 KB and 5 MB are built from the seed articles and the held-out check texts,
so the measured text is real news prose. Target: at least 100,000 words/s on one core, and
linear growth (the words/s figure should stay level as the text grows). Prints the median and the
best of several runs: the machine is shared, so single runs vary. Prints figures only.
"""
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import medialit  # noqa: E402
from medialit.analysis.document import context_for  # noqa: E402
from medialit.analysis.annotation import annotate  # noqa: E402
from medialit.text.tokenizer import words  # noqa: E402


def corpus() -> str:
    texts = [a.text for a in medialit.load_articles("lukashenko-2023")]
    for folder in ("tests/heldout", "tests/heldout-blind"):
        texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / folder).glob("*.txt"))]
    return "\n\n".join(texts) + "\n\n"


def sized(base: str, size: int) -> str:
    text = (base * (size // len(base) + 1))[:size]
    return text[:text.rfind("\n\n") + 2] if "\n\n" in text[size // 2:] else text


def main() -> None:
    base = corpus()
    annotate(base[:2000])  # load lexicons and the sentence splitter once
    print(f"{'size':>8} {'words':>9} {'median s':>9} {'words/s':>10} {'best words/s':>13}   spans")
    for label, size, runs in (("1 KB", 1_000, 200), ("100 KB", 100_000, 9), ("5 MB", 5_000_000, 3)):
        text = sized(base, size)
        n_words = len(words(text))
        times, found = [], 0
        for _ in range(runs):
            context_for.cache_clear()
            start = time.perf_counter()
            found = len(annotate(text))
            times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
        print(f"{label:>8} {n_words:>9} {seconds:>9.3f} {n_words / seconds:>10,.0f} {n_words / min(times):>13,.0f}"
              f"   {found}")


if __name__ == "__main__":
    main()
