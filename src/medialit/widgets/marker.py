"""The Marker: students mark words and phrases in a text, choose the kind, and check their marks.

:class:`QuestionMarker` is the Marker of one exercise question: its marks are the answer
(``answer_02_1 = marker_02_1.value``), and they are kept in the saved notebook so the grader reads them
(see :mod:`medialit.grading.marks`).
"""
from __future__ import annotations

from pathlib import Path
from uuid import uuid4

import anywidget
import ipywidgets as widgets
import traitlets

from ..display.html import format_feedback, kind_rules
from ..grading.feedback import Feedback, check_spans
from ..grading.marks import SIDECAR, load_marks, marks_bundle, store_marks
from ..span import KINDS, Span
from ..text.tokenizer import tokens

HERE = Path(__file__).resolve().parent
KIND_LABELS = {"attribution": "who says so", "hedge": "hedge", "booster": "booster", "loaded": "loaded word"}


class MarkerText(anywidget.AnyWidget):
    """The clickable text (front end in ``marker.js``); ``marks`` holds [start, end, kind] offsets."""

    _esm = HERE / "marker.js"
    _css = (HERE / "marker.css").read_text(encoding="utf-8") + kind_rules(".ml-marker-text .ml-mark-", alpha="26")
    tokens = traitlets.List().tag(sync=True)
    marks = traitlets.List().tag(sync=True)
    kind = traitlets.Unicode("attribution").tag(sync=True)


def word_tokens(text: str) -> list[list]:
    """[start, end, word, gap-after] for each word; punctuation and spaces go into the gaps.

    >>> word_tokens("He said: no.")
    [[0, 2, 'He', ' '], [3, 7, 'said', ': '], [9, 11, 'no', '.']]
    """
    words = [t for t in tokens(text) if t.label != "punct"]
    out = []
    for k, w in enumerate(words):
        nxt = words[k + 1].start if k + 1 < len(words) else len(text)
        out.append([w.start, w.end, w.text, text[w.end:nxt]])
    if words and words[0].start > 0:
        out.insert(0, [0, 0, "", text[:words[0].start]])
    return out


class Marker(widgets.VBox):
    """Mark words or phrases in ``text``: pick a kind, click a word, shift-click to extend, click again
    to unmark; the keyboard works too (arrows, Enter, Shift+Enter, Delete). ``.value`` is the list of
    marked spans with offsets into ``text``; "Check" shows feedback right under the text.

    ``check`` is a function taking ``.value`` and returning a :class:`~medialit.grading.feedback.Feedback`;
    or give ``key`` (spans with start, end, kind) and the Marker checks against it.
    """

    def __init__(self, text: str, kinds=KINDS, *, key=None, check=None,
                 instructions: str = ""):
        self.text = text
        self.kinds = tuple(kinds)
        self._check = check or (lambda value: check_spans(value, key or [], text, kinds=self.kinds))
        self.area = MarkerText(tokens=word_tokens(text), kind=self.kinds[0])
        self.kind_picker = widgets.ToggleButtons(
            options=[(KIND_LABELS.get(k, k), k) for k in self.kinds], value=self.kinds[0], description="Marking:",
            tooltips=[f"Click words to mark them as: {KIND_LABELS.get(k, k)}" for k in self.kinds])
        widgets.dlink((self.kind_picker, "value"), (self.area, "kind"))
        self.check_button = widgets.Button(description="Check", button_style="primary", icon="check",
                                           tooltip="Check your marks")
        self.clear_button = widgets.Button(description="Clear all", icon="eraser", tooltip="Remove every mark")
        self.count = widgets.HTML()
        self.feedback = widgets.HTML()
        self.check_button.on_click(lambda _: self.check())
        self.clear_button.on_click(lambda _: self.clear())
        self.area.observe(self._update_count, names="marks")
        self._update_count()
        help_text = instructions or ("Pick what you are marking, then click a word. Shift-click another word "
                                     "to stretch the mark; click a marked word to unmark it.")
        super().__init__([widgets.HTML(f"<i>{help_text}</i>"), self.kind_picker, self.area,
                          widgets.HBox([self.check_button, self.clear_button, self.count]), self.feedback])

    @property
    def value(self) -> list[Span]:
        """The marked spans, in order, each with its kind."""
        return [Span.of(self.text, start, end, kind) for start, end, kind in sorted(self.area.marks)]

    def mark(self, start: int, end: int, kind: str | None = None) -> None:
        """Mark ``text[start:end]`` (what a click does, for code and tests)."""
        kept = [m for m in self.area.marks if m[1] <= start or m[0] >= end]
        self.area.marks = sorted(kept + [[start, end, kind or self.kind_picker.value]])

    def mark_text(self, words: str, kind: str | None = None) -> None:
        """Mark the first place where ``words`` occur."""
        at = self.text.index(words)
        self.mark(at, at + len(words), kind)

    def clear(self) -> None:
        self.area.marks = []
        self.feedback.value = ""

    def check(self) -> Feedback:
        """Check the marks and show the feedback under the text."""
        result = self._check(self.value)
        self.feedback.value = format_feedback(result)
        return result

    def _update_count(self, _change=None) -> None:
        n = len(self.area.marks)
        self.count.value = f"<span style='margin-left:1em'>{n} marked</span>"


def _in_kernel() -> bool:
    """True when running in a Jupyter kernel (not in a plain Python process or a test)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    return getattr(get_ipython(), "kernel", None) is not None


def default_marks_file() -> Path | None:
    """Where a question's Marker keeps its marks: ``.medialit/marks.json`` in the kernel's folder (the
    notebook's folder in JupyterLab); None outside a kernel, so tests and scripts write nothing.

    >>> default_marks_file() is None  # not in a kernel here
    True
    """
    return SIDECAR if _in_kernel() else None


class QuestionMarker(Marker):
    """The Marker of one exercise question. Its ``.value`` is the question's answer, and every click
    rewrites a line under the text ("2 marked: …") that also carries the marks for the grader, so
    saving the notebook saves them. With ``marks_file``, the marks are kept in that file too and come
    back when the cell runs again (after reopening the notebook, say).

    >>> marker = QuestionMarker("02.1", "Head\\n\\nOfficials claimed it.", kinds=("attribution",))
    >>> marker.mark_text("claimed"); marker.marks_bundle()["text/plain"]
    'Marks for 02.1 — 1 marked: “claimed”. Save the notebook to keep them.'
    """

    def __init__(self, question_id: str, text: str, kinds=("attribution",), *, key=None, check=None,
                 marks_file=None, instructions: str = ""):
        super().__init__(text, kinds, key=key, check=check, instructions=instructions or (
            "Pick what you are marking, then click a word. Shift-click another word to stretch the mark; "
            "click a marked word to unmark it. Your marks are your answer: save the notebook to keep them."))
        self.question_id, self.marks_file = question_id, marks_file
        self._display_id = f"medialit-marks-{question_id}-{uuid4().hex[:12]}"
        if marks_file:
            restored = load_marks(marks_file, question_id, text)
            if restored:
                self.area.marks = restored
        self.area.observe(self._marks_changed, names="marks")

    def marks_bundle(self) -> dict:
        """The output line under the Marker: the marks for the grader, a summary for the student."""
        return marks_bundle(self.question_id, self.text, self.area.marks, kinds=self.kinds)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)
        display(self.marks_bundle(), raw=True, display_id=self._display_id)

    def _marks_changed(self, _change=None) -> None:
        if self.marks_file:
            store_marks(self.marks_file, self.question_id, self.text, self.area.marks)
        if _in_kernel():
            from IPython.display import update_display

            update_display(self.marks_bundle(), raw=True, display_id=self._display_id)
