"""``medialit assign``: generate the students' exercise notebooks from the solutions (the single source).

Between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` (any number of #) everything is removed; the line
before the block keeps the blank (``answer_03_2 = ...``). Outputs and execution counts are stripped,
and question metadata keeps only the id, points and kind: keys never reach the exercises.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat

BEGIN = re.compile(r"^\s*#+\s*BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*#+\s*END SOLUTION\s*$")
PUBLIC = ("id", "points", "kind")


def strip_solution(source: str) -> str:
    """Remove every solution block from a cell's source.

    >>> print(strip_solution("answer = ...\\n### BEGIN SOLUTION\\nanswer = 42\\n### END SOLUTION\\ncheck('1', answer)"))
    answer = ...
    check('1', answer)
    """
    out, inside = [], False
    for line in source.split("\n"):
        if BEGIN.match(line):
            inside = True
        elif END.match(line):
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError("a # BEGIN SOLUTION block has no # END SOLUTION")
    return "\n".join(out)


def make_exercise(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The exercise version of a solution notebook."""
    nb = copy.deepcopy(solution)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.source = strip_solution(cell.source)
        cell.outputs, cell.execution_count = [], None
        meta = cell.metadata.get("medialit")
        if meta:
            cell.metadata["medialit"] = {k: meta[k] for k in PUBLIC if k in meta}
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def assign(solutions: Path, exercises: Path) -> list[Path]:
    """Write ``exercises/NN-*.ipynb`` for every ``solutions/NN-*.ipynb``; return the paths written."""
    exercises.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(Path(solutions).glob("[0-9][0-9]-*.ipynb")):
        target = exercises / path.name
        target.write_text(render(make_exercise(nbformat.read(path, as_version=4))), encoding="utf-8")
        written.append(target)
    return written


def out_of_date(solutions: Path, exercises: Path) -> list[str]:
    """Names of exercise notebooks that are missing or differ from what ``assign`` would write."""
    stale = []
    for path in sorted(Path(solutions).glob("[0-9][0-9]-*.ipynb")):
        target = Path(exercises) / path.name
        expected = render(make_exercise(nbformat.read(path, as_version=4)))
        if not target.exists() or target.read_text(encoding="utf-8") != expected:
            stale.append(path.name)
    return stale
