"""Benchmark: how long each lesson takes to run end to end in a fresh kernel (target: under 10 s each).

Runs every notebook in lessons/ with nbclient on the seed article set, as the tests do.
Prints figures only.
"""
import os
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    os.environ.pop("MEDIALIT_ARTICLES", None)
    total = 0.0
    for path in sorted((ROOT / "lessons").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        seconds = time.perf_counter() - start
        total += seconds
        print(f"{path.name:40} {seconds:5.1f} s (kernel start included)")
    print(f"{'all lessons':40} {total:5.1f} s")


if __name__ == "__main__":
    main()
