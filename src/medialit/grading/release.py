"""``medialit release OUT/``: what students receive.

Lessons, exercises, the article data and the library, with no ``solutions/``, no gold annotations and no
rubrics.
The keys that ``check()`` needs for instant feedback ship as ``data/keys.bin``: compressed and
scrambled, so that opening any file of the release shows no answer. This stops casual reading, not
a determined student: the code that reads the keys ships with the kit. RELEASE.md says so.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from .keys import all_questions, repo_dir, scramble

INCLUDE = ["README.md", "Makefile", "install.py", "pyproject.toml", "environment.yml", "etc", "lessons", "exercises", "data",
           "src"]
# Teacher notes and data/rubrics hold rubrics and model answers; .medialit/ holds a teacher's own saved marks.
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints", ".medialit",
                                "TEACHER-NOTES.md", "annotations", "rubrics", "cleaning-log.json.tmp")
NOTE = """# Student release

This folder is what students receive: the lessons, the exercises, the articles and the library.
Run `make lab` to start.

What it protects, honestly:
- There are no solution notebooks and no answer keys in readable form: `data/keys.bin` holds the keys
  that `check()` uses for instant feedback, compressed and scrambled, so opening any file shows no answer.
- It does not stop a determined student who reads the library's code: the code that unscrambles the
  keys is part of the kit, because `check()` needs it. Treat instant feedback as practice; the grade
  comes from the teacher's grader, which uses the teacher's own keys.
"""


def release(out: Path) -> Path:
    """Build the student release in ``out`` (which must not exist yet, or be empty)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty; choose a new folder for the release")
    root = repo_dir()
    out.mkdir(parents=True, exist_ok=True)
    for name in INCLUDE:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=IGNORE, dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, out / name)
    (out / "data" / "keys.bin").write_bytes(scramble(json.dumps(all_questions(), ensure_ascii=False).encode()))
    (out / "RELEASE.md").write_text(NOTE, encoding="utf-8")
    return out
