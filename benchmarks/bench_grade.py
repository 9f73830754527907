"""Benchmark: grading 30 generated submissions.

Prints seconds per submission for `grade` with the default workers (one per core), and the ratio of
the grading time per worker to executing the same notebooks bare with nbclient (one after another,
the standard python3 kernel). Targets: ≤ 0.5 s per submission on 2 cores; ≤ 1.15× the bare
execution per worker. Prints figures only.
"""
import os
import random
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from medialit.grading.gradebook import Options, grade

ROOT = Path(__file__).resolve().parents[1]


def make_submissions(folder: Path, n: int = 30) -> list[Path]:
    """Half solutions, half partly answered exercises, across the six assignments."""
    rng = random.Random(7)
    paths = []
    solutions = sorted((ROOT / "solutions").glob("[0-9][0-9]-*.ipynb"))
    for i in range(n):
        source = solutions[i % len(solutions)]
        nb = nbformat.read(source if i % 2 == 0 else ROOT / "exercises" / source.name, as_version=4)
        nb.metadata.setdefault("medialit", {})["student"] = {"id": f"student{i:02}"}
        if i % 2:
            answers = [c for c in nb.cells if c.get("metadata", {}).get("medialit", {}).get("kind") == "numbers"]
            for cell in answers:
                cell.source = cell.source.replace(" = ...", f" = {rng.randint(0, 5)}")
        path = folder / f"{source.stem}_student{i:02}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def bare_seconds(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="medialit-bench-"))
    paths = make_submissions(folder)
    workers = os.cpu_count() or 1
    start = time.perf_counter()
    rows = grade([str(folder)], folder / "grades.csv", Options(), workers=workers, progress=None)
    graded = time.perf_counter() - start
    bare = bare_seconds(paths)
    statuses = sorted({r["status"] for r in rows})
    print(f"graded {len(rows)} submissions with {workers} workers in {graded:.1f} s: "
          f"{graded / len(rows):.2f} s per submission (target ≤ 0.5 s on 2 cores); statuses: {statuses}")
    print(f"bare nbclient execution of the same notebooks, one at a time: {bare:.1f} s ({bare / len(paths):.2f} s each)")
    print(f"grading time per worker / bare execution: {graded * workers / bare:.2f}× (target ≤ 1.15×)")


if __name__ == "__main__":
    main()
