"""Marks made in a question's Marker, kept where the grader can read them.

A question's Marker (``question_marker("02.1")``) shows, under the text, one output line that it
rewrites after every click: plain text for the student ("2 marked: “claims”, “parroted”") and, in
its own MIME type, the question id and the ``[start, end, kind]`` marks. Saving the notebook (Ctrl+S)
stores that output in the ``.ipynb`` file, with no need for the browser to save widget state.

The grader reads those saved marks out of the submitted file (:func:`saved_marks`) before running
it, writes them to a file named in the grading kernel's environment (:func:`grading_env`), and there
``question_marker`` returns a :class:`SavedMarker` holding them, so ``answer_02_1 = marker_02_1.value``
gives the grader the marks the student clicked. A kernel cannot read a notebook's outputs, so in the
student's own kernel the Marker also keeps its marks in ``.medialit/marks.json`` next to the notebook
(:func:`store_marks`): re-running the cells after reopening the notebook brings the marks back.

Pure code: no widgets and no IPython here (the grader imports it).
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from ..span import Span

MIME = "application/vnd.medialit.grading.marks+json"
ENV = "MEDIALIT_SAVED_MARKS"
SIDECAR = Path(".medialit") / "marks.json"
KIND_NAMES = {"attribution": "who says so", "hedge": "hedge", "booster": "booster", "loaded": "loaded word"}


def text_digest(text: str) -> str:
    """A short fingerprint of a question's text, saved with its marks (offsets only fit that text).

    >>> text_digest("He said so.")
    'e2991ae6e425'
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def clean_marks(text: str, marks) -> list[list]:
    """The well-formed ``[start, end, kind]`` marks inside ``text``, sorted, without overlaps.

    Anything else (a broken file, a hand-edited output) is dropped rather than trusted.

    >>> clean_marks("He said so.", [[3, 7, "attribution"], [5, 6, "hedge"], [9, 99, "x"], "junk"])
    [[3, 7, 'attribution']]
    """
    out: list[list] = []
    for mark in marks if isinstance(marks, list) else []:
        if not (isinstance(mark, (list, tuple)) and len(mark) == 3):
            continue
        start, end, kind = mark
        if type(start) is not int or type(end) is not int or not isinstance(kind, str):
            continue
        if 0 <= start < end <= len(text) and all(end <= s or start >= e for s, e, _k in out):
            out.append([start, end, kind])
    return sorted(out)


def marks_summary(text: str, marks, *, question_id: str = "", kinds=()) -> str:
    """The line a student sees under the Marker (and that a saved notebook shows).

    >>> text = "Officials claimed it may rain."
    >>> marks_summary(text, [[10, 17, "attribution"], [21, 24, "hedge"]], question_id="03.1",
    ...               kinds=("attribution", "hedge"))
    'Marks for 03.1 — 2 marked: “claimed” (who says so), “may” (hedge). Save the notebook to keep them.'
    >>> marks_summary(text, [], question_id="03.1")
    'Marks for 03.1 — nothing marked yet.'
    """
    head = f"Marks for {question_id} — " if question_id else ""
    if not marks:
        return head + "nothing marked yet."
    several = len(tuple(kinds)) > 1
    words = [f"“{text[s:e]}”" + (f" ({KIND_NAMES.get(k, k)})" if several else "") for s, e, k in marks]
    return f"{head}{len(marks)} marked: {', '.join(words)}. Save the notebook to keep them."


def marks_bundle(question_id: str, text: str, marks, *, kinds=()) -> dict:
    """The display output a question's Marker keeps up to date: its marks, readable by the grader.

    >>> bundle = marks_bundle("02.1", "He said so.", [[3, 7, "attribution"]])
    >>> bundle[MIME]["marks"], bundle["text/plain"]
    ([[3, 7, 'attribution']], 'Marks for 02.1 — 1 marked: “said”. Save the notebook to keep them.')
    """
    marks = clean_marks(text, marks)
    payload = {"question": question_id, "text_sha1": text_digest(text), "marks": marks,
               "updated": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())}
    return {MIME: payload, "text/plain": marks_summary(text, marks, question_id=question_id, kinds=kinds)}


def saved_marks(nb: dict) -> dict[str, dict]:
    """The Marker marks saved in a notebook's outputs, by question id (the newest if a question has several).

    >>> out = {"output_type": "display_data", "metadata": {},
    ...        "data": {MIME: {"question": "02.1", "text_sha1": "x", "marks": [[3, 7, "attribution"]]}}}
    >>> saved_marks({"cells": [{"cell_type": "code", "source": "", "outputs": [out]}]})["02.1"]["marks"]
    [[3, 7, 'attribution']]
    """
    found: dict[str, dict] = {}
    for cell in nb.get("cells") or []:
        for output in (cell.get("outputs") or []) if isinstance(cell, dict) else []:
            data = output.get("data") if isinstance(output, dict) else None
            payload = data.get(MIME) if isinstance(data, dict) else None
            if isinstance(payload, str):
                try:
                    payload = json.loads(payload)
                except json.JSONDecodeError:
                    continue
            if not (isinstance(payload, dict) and isinstance(payload.get("question"), str)):
                continue
            entry = {"text_sha1": str(payload.get("text_sha1", "")), "marks": payload.get("marks"),
                     "updated": str(payload.get("updated", ""))}
            old = found.get(payload["question"])
            if old is None or entry["updated"] >= old["updated"]:
                found[payload["question"]] = entry
    return found


def load_marks(path, question_id: str, text: str) -> list[list]:
    """The marks kept for ``question_id`` in the JSON file ``path``; none if missing, broken or for another text.

    >>> load_marks("/no/such/file.json", "02.1", "He said so.")
    []
    """
    try:
        entry = json.loads(Path(path).read_text(encoding="utf-8")).get(question_id)
    except (OSError, ValueError, TypeError, AttributeError):
        return []
    if not isinstance(entry, dict) or entry.get("text_sha1") != text_digest(text):
        return []
    return clean_marks(text, entry.get("marks"))


def store_marks(path, question_id: str, text: str, marks) -> bool:
    """Keep ``marks`` for ``question_id`` in the JSON file ``path`` (other questions' marks stay);
    True if written. Never raises: a folder that cannot be written only loses the copy.

    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / ".medialit" / "marks.json"
    >>> store_marks(file, "02.1", "He said so.", [[3, 7, "attribution"]])
    True
    >>> load_marks(file, "02.1", "He said so.")
    [[3, 7, 'attribution']]
    """
    path = Path(path)
    try:
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            kept = kept if isinstance(kept, dict) else {}
        except (OSError, ValueError):
            kept = {}
        kept[question_id] = {"text_sha1": text_digest(text), "marks": clean_marks(text, marks)}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
        return True
    except OSError:
        return False


def grading_env(nb: dict, folder) -> dict[str, str]:
    """The grading kernel's environment: this process's, plus :data:`ENV` naming a file in ``folder``
    that holds, for every *mark* question, its text, its kinds and the marks saved for it in ``nb``
    (so the kernel needs no keys of its own).

    >>> import tempfile
    >>> env = grading_env({"cells": []}, tempfile.mkdtemp())
    >>> handed = json.load(open(env[ENV]))
    >>> handed["02.1"]["marks"], handed["02.1"]["kinds"]
    ([], ['attribution'])
    """
    from .keys import all_questions

    saved, handed = saved_marks(nb), {}
    for question_id, question in all_questions().items():
        if question.get("kind") != "mark" or not question.get("text"):
            continue
        text, entry = question["text"], saved.get(question_id) or {}
        marks = clean_marks(text, entry.get("marks")) if entry.get("text_sha1") == text_digest(text) else []
        handed[question_id] = {"text": text, "kinds": list(question.get("kinds") or ["attribution"]),
                               "text_sha1": text_digest(text), "marks": marks}
    path = Path(folder) / "saved-marks.json"
    path.write_text(json.dumps(handed, ensure_ascii=False), encoding="utf-8")
    return {**os.environ, ENV: str(path)}


class SavedMarker:
    """What ``question_marker`` gives inside the grader's kernel: no widget, just the marks saved in
    the submitted notebook, so ``marker.value`` is what the student clicked.

    >>> marker = SavedMarker("02.1", "He said so.", [[3, 7, "attribution"]])
    >>> [(s.text, s.kind) for s in marker.value]
    [('said', 'attribution')]
    """

    def __init__(self, question_id: str, text: str, marks=(), *, kinds=("attribution",)):
        self.question_id, self.text, self.kinds = question_id, text, tuple(kinds)
        self.marks = clean_marks(text, list(marks))

    @classmethod
    def for_grading(cls, question_id: str) -> "SavedMarker":
        """The question with the marks the grader handed over (:func:`grading_env`), or an empty
        Marker (a grading kernel has no keys to look the question up in).

        >>> SavedMarker.for_grading("02.1").value  # no marks handed over here
        []
        """
        try:
            entry = json.loads(Path(os.environ[ENV]).read_text(encoding="utf-8"))[question_id]
            return cls(question_id, entry["text"], entry["marks"], kinds=entry["kinds"])
        except (KeyError, OSError, ValueError, TypeError):  # no marks handed over: never read keys in a kernel
            return cls(question_id, "", [])

    @property
    def value(self) -> list[Span]:
        return [Span.of(self.text, start, end, kind) for start, end, kind in self.marks]

    def mark(self, start: int, end: int, kind: str | None = None) -> None:
        kept = [m for m in self.marks if m[1] <= start or m[0] >= end]
        self.marks = clean_marks(self.text, kept + [[start, end, kind or self.kinds[0]]])

    def mark_text(self, words: str, kind: str | None = None) -> None:
        at = self.text.index(words)
        self.mark(at, at + len(words), kind)

    def clear(self) -> None:
        self.marks = []

    def check(self):
        from .feedback import Feedback

        return Feedback(0.0, "not checked", ["Checked by the grader."])

    def __repr__(self) -> str:
        return marks_summary(self.text, self.marks, question_id=self.question_id, kinds=self.kinds)


def marker_cells(question_id: str) -> tuple[str, str]:
    """The two code cells of a *mark* question answered in its Marker: the Marker, and the answer cell
    that takes its marks (a student may still replace them with a typed list of words).

    >>> marker, answer = marker_cells("02.1")
    >>> print(marker)
    marker_02_1 = question_marker("02.1")
    marker_02_1
    >>> print(answer)
    # Your marks in the Marker above are your answer: run this cell after marking.
    # (Or write a list of words instead, e.g. ["said"].)
    answer_02_1 = marker_02_1.value
    check("02.1", answer_02_1)
    """
    suffix = question_id.replace(".", "_")
    return (f'marker_{suffix} = question_marker("{question_id}")\nmarker_{suffix}',
            '# Your marks in the Marker above are your answer: run this cell after marking.\n'
            '# (Or write a list of words instead, e.g. ["said"].)\n'
            f'answer_{suffix} = marker_{suffix}.value\ncheck("{question_id}", answer_{suffix})')
