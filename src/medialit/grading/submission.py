"""A handed-in notebook: read it (or say what is wrong with the file), and tell whose it is and which
exercise it is."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from .keys import all_questions, repo_dir


@functools.lru_cache(maxsize=1)
def _exercise_names() -> tuple[str, ...]:
    """The kit's notebook names ("02-who-says-so"), longest first: what a file name may hold besides a student."""
    names = {p.stem.lower() for folder in ("exercises", "lessons") for p in (repo_dir() / folder).glob("*.ipynb")}
    return tuple(sorted(names, key=len, reverse=True))


def identity(nb: dict, path: Path, assignment: str) -> dict:
    """Who handed a notebook in: its metadata, else its file name without the exercise's name, a copy
    number or words such as "exercise" ("03-how-sure_Erin_Smith.ipynb", "Kim Lee - 09-post-assessment
    (1).ipynb", "00-pre-assessment-ana.ipynb"), else the folder it is in ("alice/02-who-says-so.ipynb").
    Letters of any language are kept ("Zoë", "García").

    >>> [identity({}, Path(p), "")["student_id"] for p in ("03-how-sure_Erin_Smith.ipynb",
    ...     "Kim Lee - 09-post-assessment (1).ipynb", "00-pre-assessment-ana.ipynb", "Zoë/02-who-says-so.ipynb",
    ...     "Ana García/Untitled.ipynb")]
    ['erin-smith', 'kim-lee', 'ana', 'zoë', 'ana-garcía']
    """
    meta = (nb.get("metadata") or {}).get("medialit", {}).get("student") or {}
    student = {"student_id": str(meta.get("id", "")).strip(), "first_name": meta.get("first_name", ""),
               "last_name": meta.get("last_name", ""), "email": meta.get("email", "")}
    if not student["student_id"]:
        stem = path.stem.lower().replace("_", " ")
        known = [name for name in _exercise_names() if name in stem]
        stem = stem.replace(known[0], " ") if known else re.sub(r"\b\d\d-[a-z0-9-]+", " ", stem)
        stem = re.sub(r"\(\d+\)|\b(exercise|submission|copy|final|medialit|untitled|homework|notebook|\d\d?)\b",
                      " ", stem)
        words = [w for w in re.split(r"[\W_]+", stem) if w]
        # A file named just like the exercise ("alice/02-who-says-so.ipynb", as many learning platforms
        # download them): the student is the folder it sits in.
        folder = re.sub(r"[\W_]+", "-", path.resolve().parent.name.lower()).strip("-")
        student["student_id"] = "-".join(words) or folder or path.stem
    return student


def assignment_of(nb: dict, path: Path) -> str | None:
    declared = (nb.get("metadata") or {}).get("medialit", {}).get("assignment")
    if declared:
        return str(declared)
    ids = [c.get("metadata", {}).get("medialit", {}).get("id", "") for c in nb.get("cells", [])]
    found = {i.split(".")[0] for i in ids if isinstance(i, str) and re.fullmatch(r"\d\d\.\d+", i)}
    if len(found) == 1:
        return found.pop()
    match = re.match(r"(\d\d)-", path.name)
    return match.group(1) if match and match.group(1) in {q["assignment"] for q in all_questions().values()} else None


def read_submission(path: Path) -> tuple[dict | None, str]:
    """The notebook as a dict, or None and a status saying what is wrong with the file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, f"unreadable: {error.strerror}"
    if not data.strip():
        return None, "unreadable: empty file"
    try:
        nb = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "unreadable: not UTF-8 text"
    except json.JSONDecodeError as error:
        return None, f"unreadable: invalid JSON (line {error.lineno}, column {error.colno})"
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return None, "unreadable: not a notebook"
    if nb.get("nbformat") != 4:
        return None, f"unreadable: notebook format {nb.get('nbformat')}, need 4"
    return nb, "ok"
