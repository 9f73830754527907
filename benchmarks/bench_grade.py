"""Benchmark: grading 30 generated submissions, with the sandbox on and off.

Prints seconds per submission for `grade` with the default workers (one more than the cores), with each kernel in
the bubblewrap sandbox and without it, and the difference (the sandbox's cost); then the ratio of the
grading time per worker to executing the same notebooks bare with nbclient (one after another, the
standard python3 kernel). Targets: ≤ 0.5 s per submission on 2 cores with the sandbox on; ≤ 1.15× the
bare execution per worker. Prints figures only.
"""
import json
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from medialit.grading.gradebook import Options, default_workers, grade
from medialit.grading.sandbox import sandbox_status

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
                       resources={"metadata": {"path": str(path.parent)}}).execute(stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def graded_seconds(folder: Path, workers: int, *, sandbox: bool, run: int) -> tuple[float, list[dict]]:
    """Grade the folder from scratch (a gradebook of its own, so nothing is resumed)."""
    out = folder / f"grades-{'sandbox' if sandbox else 'plain'}-{run}.csv"
    start = time.perf_counter()
    rows = grade([str(folder)], out, Options(sandbox=sandbox), workers=workers, progress=None)
    return time.perf_counter() - start, rows


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="medialit-bench-"))
    try:
        measure(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(folder: Path) -> None:
    paths = make_submissions(folder)
    workers = default_workers()
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    print(f"sandbox: {sandbox_status().label}; {len(paths)} submissions, {workers} workers, {rounds} rounds "
          "(sandbox on and off in turn; the order alternates)")
    on, off, scores, statuses = [], [], set(), set()
    for run in range(rounds):
        for sandbox in ((True, False) if run % 2 == 0 else (False, True)):
            seconds, rows = graded_seconds(folder, workers, sandbox=sandbox, run=run)
            (on if sandbox else off).append(seconds / len(rows))
            scores.add(json.dumps([r["scores"] for r in rows], sort_keys=True))
            statuses |= {r["status"] for r in rows}
    differences = [a - b for a, b in zip(on, off)]
    print(f"sandbox on:  {statistics.median(on):.2f} s per submission (median; {min(on):.2f}–{max(on):.2f}) "
          f"(target ≤ 0.5 s on 2 cores); statuses: {sorted(statuses)}")
    print(f"sandbox off: {statistics.median(off):.2f} s per submission (median; {min(off):.2f}–{max(off):.2f})")
    print(f"the sandbox's cost: {statistics.median(differences):+.3f} s per submission (median of the rounds' "
          f"differences; {min(differences):+.3f} to {max(differences):+.3f}); same scores both ways: {len(scores) == 1}")
    bare = bare_seconds(paths)
    print(f"bare nbclient execution of the same notebooks, one at a time: {bare:.1f} s ({bare / len(paths):.2f} s each)")
    print(f"grading time per worker / bare execution, sandbox on: {statistics.median(on) * len(paths) * workers / bare:.2f}× "
          f"(target ≤ 1.15×)")


if __name__ == "__main__":
    main()
