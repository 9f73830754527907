"""Benchmark: what a second `make install` / `make test` adds when nothing changed (target: under 10 s).

Times `make install` and `make -n test` (the set-up steps `make test` runs before pytest) after a
first run has set everything up. Prints figures; asserts nothing.
"""
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seconds(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    seconds("install")  # make sure the first run has happened
    for label, args in (("make install (nothing changed)", ("install",)),
                        ("make test set-up steps (nothing changed)", (".venv/.installed-test", "chromium"))):
        runs = [seconds(*args) for _ in range(5)]
        print(f"{label}: median {statistics.median(runs):.3f} s, worst {max(runs):.3f} s over 5 runs")


if __name__ == "__main__":
    main()
