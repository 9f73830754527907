"""Benchmark: words per second for all the detectors together (the document model, attribution, hedging,
loaded wording), on text made of many different real articles, from 1 KB to 5 MB.

The text comes from the held-out corpora (``evaluation/``: news from PolNeAR, FactBank, the Propaganda
Techniques Corpus and BABE, Wikipedia paragraphs, and the ISOT news articles, which are there for this
benchmark; ``make corpora`` fetches them) when they are present, else from the kit's own texts, and is never repeated: each size is made of whole documents,
taken in turn from every corpus, so a bigger text has more different names, not the same ones again.
Sizes beyond the distinct text available are skipped, and the script says so. Target: ≥ 150,000 words/s
on one core, flat as the text grows. Prints the median and the best of several runs (the machine is
shared, so single runs vary), and how many different capitalised words each text holds. Figures only.

The last column annotates the same text cut into ten parts (at document boundaries), one after another.
Where it matches the whole text's figure, the time grows linearly with the text, and a lower figure at
a bigger size comes from what the text holds (the corpora's documents differ in how much the detectors
find in them), not from its size.

Wall-clock time on a shared machine swings from run to run; the work done does not. To count it,
run one size once under valgrind, with and without the annotating, and subtract::

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/bench_annotate.py --once 1000000
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/bench_annotate.py --once 1000000 --skip
"""
import itertools
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import medialit  # noqa: E402
from medialit.analysis.annotation import annotate  # noqa: E402
from medialit.analysis.corpora import corpora_dir  # noqa: E402
from medialit.analysis.document import build_document  # noqa: E402
from medialit.text.tokenizer import words  # noqa: E402

SIZES = (("1 KB", 1_000, 100), ("10 KB", 10_000, 30), ("100 KB", 100_000, 7), ("1 MB", 1_000_000, 3),
         ("5 MB", 5_000_000, 2))


def documents() -> tuple[list[str], str]:
    """Distinct documents, interleaved across their sources, and where they came from."""
    folder = corpora_dir()
    by_source: dict[str, list[str]] = {}
    if folder is not None:
        for path in sorted(folder.glob("*/*.jsonl")):
            with open(path, encoding="utf-8") as handle:
                by_source.setdefault(path.parent.name, []).extend(
                    json.loads(line)["text"] for line in handle if line.strip())
    if by_source:
        where = "held-out corpora in " + str(folder) + " (" + ", ".join(sorted(by_source)) + ")"
    else:
        texts = [a.text for a in medialit.load_articles("lukashenko-2023")]
        texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests").glob("heldout*/*.txt"))]
        by_source = {"kit": texts}
        where = "the kit's own texts (run `make corpora` for real news in quantity)"
    seen, out = set(), []
    for text in itertools.chain.from_iterable(itertools.zip_longest(*by_source.values())):
        if text and text not in seen:
            seen.add(text)
            out.append(text)
    return out, where


def sized(docs: list[str], size: int) -> str | None:
    """Whole documents, one after another, up to about ``size`` characters (None: not enough distinct text)."""
    parts, total = [], 0
    for doc in docs:
        if total >= size:
            break
        parts.append(doc.strip())
        total += len(parts[-1]) + 2
    text = "\n\n".join(parts)
    if total < size * 0.95:
        return None
    return text[:size] if size < 5000 else text


def ten_parts(text: str) -> list[str]:
    """``text`` cut at the document boundaries nearest to each tenth of it."""
    cuts, at = [0], 0
    for k in range(1, 10):
        at = text.find("\n\n", max(at, len(text) * k // 10))
        if at == -1:
            break
        cuts.append(at)
    cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def main() -> None:
    docs, where = documents()
    print(f"text: {len(docs)} different documents from {where}; {sum(map(len, docs)) / 1e6:.1f} MB in all")
    annotate(docs[0][:2000])  # load the word lists once
    print(f"{'size':>7} {'words':>9} {'names':>7} {'median s':>9} {'words/s':>10} {'best words/s':>13} "
          f"{'in ten parts':>13}")
    for label, size, runs in SIZES:
        text = sized(docs, size)
        if text is None:
            print(f"{label:>7}  skipped: only {sum(map(len, docs)) / 1e6:.1f} MB of distinct text")
            continue
        n_words = len(words(text))
        names = len(set(re.findall(r"\b[A-Z][a-z]+\b", text)))
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            annotate(build_document(text))
            times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
        parts = ten_parts(text)
        apart = []
        for _ in range(max(1, runs // 2)):
            start = time.perf_counter()
            for part in parts:
                annotate(build_document(part))
            apart.append(time.perf_counter() - start)
        print(f"{label:>7} {n_words:>9} {names:>7} {seconds:>9.3f} {n_words / seconds:>10,.0f} "
              f"{n_words / min(times):>13,.0f} {n_words / statistics.median(apart):>13,.0f}")
    print(f"one core, Python {sys.version.split()[0]}, {os.cpu_count()} cores on this machine")


def once(size: int, *, skip: bool) -> None:
    """Build the text of ``size`` characters and annotate it once (``skip``: only build it), for counting
    instructions under valgrind."""
    docs, _ = documents()
    text = sized(docs, size)
    if text is None:
        sys.exit(f"only {sum(map(len, docs)) / 1e6:.1f} MB of distinct text")
    annotate(docs[0][:2000])
    if not skip:
        annotate(build_document(text))
    print(f"{len(words(text))} words{' (not annotated)' if skip else ''}")


if __name__ == "__main__":
    if "--once" in sys.argv:
        once(int(sys.argv[sys.argv.index("--once") + 1]), skip="--skip" in sys.argv)
    else:
        main()
