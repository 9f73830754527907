"""Questions and their keys, read from the solution notebooks (the single source).

A question is a code cell of ``solutions/NN-*.ipynb`` whose metadata holds ``medialit``:
``{"id": "03.2", "points": 2, "kind": "mark", "key": ...}``, optionally with the ``skill`` it tests; a
*mark* question may instead name its text and take its key from the gold annotations: ``"from_gold":
{"article": ..., "paragraph": ..., "kinds": [...]}``. A notebook whose own metadata says
``"assessment": "pre"`` (or ``"post"``) is a pre- or post-assessment: each of its questions carries that
word too. In a student release there are no solutions: the resolved keys ship as
``data/keys.bin``, compressed and scrambled so that they cannot be read as plain text.
"""
from __future__ import annotations

import base64
import json
import re
import zlib
from functools import lru_cache
from pathlib import Path

from ..text.resources import PACKAGE_DIR, data_dir

KINDS = ("mark", "classify", "numbers", "choice", "align", "rewrite", "reflect")
_SCRAMBLE = b"medialit: read the lessons, not the keys"


def repo_dir() -> Path:
    return PACKAGE_DIR.parents[1]


def solutions_dir() -> Path:
    return repo_dir() / "solutions"


def answer_variable(question_id: str) -> str:
    """The variable a student's answer goes in.

    >>> answer_variable("03.2")
    'answer_03_2'
    """
    return "answer_" + question_id.replace(".", "_")


def resolve(question: dict) -> dict:
    """Fill in a question's text and key from the gold annotations when it asks for them."""
    gold = question.get("from_gold")
    if not gold:
        return question
    from ..text.articles import load_articles
    from ..analysis.practice_text import practice

    article = load_articles(gold.get("set", "lukashenko-2023"))[gold["article"]]
    text, key, _origin = practice(article, gold.get("paragraph"), kinds=tuple(gold["kinds"]))
    return {**question, "text": text, "key": [{k: s[k] for k in ("start", "end", "kind", "text") if k in s}
                                             for s in key]}


def questions_from_notebook(path: Path) -> list[dict]:
    """The questions of one solution notebook, in order, each with its assignment and answer variable
    (and ``assessment``: "pre" or "post", in an assessment).

    >>> [(q["id"], q["skill"], q["assessment"]) for q in questions_from_notebook(solutions_dir() / "00-pre-assessment.ipynb")][:2]
    [('00.1', 'attribution', 'pre'), ('00.2', 'attribution', 'pre')]
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    about = nb.get("metadata", {}).get("medialit", {})
    assignment = about.get("assignment") or Path(path).name[:2]
    out = []
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("medialit")
        if cell["cell_type"] == "code" and meta and meta.get("id"):
            question = resolve(dict(meta))
            question.setdefault("points", 1)
            question["assignment"] = assignment
            question["variable"] = answer_variable(question["id"])
            if about.get("assessment"):
                question["assessment"] = about["assessment"]
            out.append(question)
    return out


def scramble(data: bytes) -> bytes:
    """Compress and scramble (not encrypt) bytes; :func:`unscramble` reverses it.

    >>> unscramble(scramble(b"key"))
    b'key'
    """
    packed = zlib.compress(data, 9)
    mixed = bytes(b ^ _SCRAMBLE[i % len(_SCRAMBLE)] for i, b in enumerate(packed))
    return base64.b85encode(mixed)


def unscramble(blob: bytes) -> bytes:
    mixed = base64.b85decode(blob)
    return zlib.decompress(bytes(b ^ _SCRAMBLE[i % len(_SCRAMBLE)] for i, b in enumerate(mixed)))


@lru_cache(maxsize=1)
def all_questions() -> dict[str, dict]:
    """Every question by id: from ``solutions/`` in a full checkout, else from ``data/keys.bin``.

    >>> sorted(all_questions())[:3]
    ['00.1', '00.2', '00.3']
    """
    folder = solutions_dir()
    if folder.is_dir() and any(folder.glob("*.ipynb")):
        found = {}
        for path in sorted(folder.glob("[0-9][0-9]-*.ipynb")):
            for question in questions_from_notebook(path):
                found[question["id"]] = question
        return found
    blob = data_dir() / "keys.bin"
    if blob.exists():
        return json.loads(unscramble(blob.read_bytes()))
    return {}


def assignment_questions(assignment: str) -> list[dict]:
    """The questions of one assignment ("03"), in order.

    >>> [q["id"] for q in assignment_questions("03")][:2]
    ['03.1', '03.2']
    """
    return sorted((q for q in all_questions().values() if q["assignment"] == assignment),
                  key=lambda q: [int(x) for x in re.findall(r"\d+", q["id"])])
