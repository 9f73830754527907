"""Benchmark: time to import the kit, and to split all three seed articles.

Prints figures; asserts nothing. Run with `make bench` or `.venv/bin/python benchmarks/bench_text.py`.
"""
import statistics
import subprocess
import sys
import time

RUNS = 5


def import_seconds() -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import medialit"], check=True)
        times.append(time.perf_counter() - start)
    return times


def split_seconds() -> tuple[list[float], int, int]:
    import medialit
    from medialit.text.quotes import find_quotes
    from medialit.text.splitter import sentences
    from medialit.text.tokenizer import tokens

    texts = [a.text for a in medialit.load_articles("lukashenko-2023")]
    sentences(texts[0])  # load the sentence splitter once, as a lesson does
    times, n_sentences, n_tokens = [], 0, 0
    for _ in range(RUNS * 4):
        start = time.perf_counter()
        n_sentences = sum(len(sentences(t)) for t in texts)
        n_tokens = sum(len(tokens(t)) for t in texts)
        for t in texts:
            find_quotes(t)
        times.append(time.perf_counter() - start)
    return times, n_sentences, n_tokens


def main() -> None:
    imports = import_seconds()
    print(f"import medialit (fresh interpreter, includes Python start-up): "
          f"median {statistics.median(imports):.3f} s, best {min(imports):.3f} s over {RUNS} runs")
    start = time.perf_counter()
    import medialit  # noqa: F401
    print(f"import medialit in this process: {time.perf_counter() - start:.3f} s")
    times, n_sentences, n_tokens = split_seconds()
    print(f"split 3 seed articles into {n_sentences} sentences, {n_tokens} tokens and their quotes: "
          f"median {statistics.median(times) * 1000:.1f} ms, best {min(times) * 1000:.1f} ms over {len(times)} runs")


if __name__ == "__main__":
    main()
