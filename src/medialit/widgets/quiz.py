"""Quiz (single or multiple choice, explained after checking) and Rewrite (a neutral rewrite with live feedback).

The lessons' quizzes live in ``data/quizzes/NN.json`` (see its README): a lesson cell reads just
``quiz("02-verbs")``, so the right answer is not in the code a student sees.
"""
from __future__ import annotations

import json
from functools import lru_cache
from html import escape

import ipywidgets as widgets

from ..text.resources import data_dir
from ..display.html import format_feedback
from ..grading.feedback import Feedback
from ..grading.rewrite import rewrite_feedback


@lru_cache(maxsize=None)
def quiz_bank() -> dict[str, dict]:
    """Every lesson quiz in ``data/quizzes/``, by id.

    >>> bank = quiz_bank()
    >>> bank["02-verbs"]["choices"]
    ['said', 'told', 'claimed', 'pointed out']
    """
    bank: dict[str, dict] = {}
    for path in sorted((data_dir() / "quizzes").glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            if entry["id"] in bank:
                raise ValueError(f"{path.name}: quiz id {entry['id']!r} is used twice")
            bank[entry["id"]] = entry
    return bank


def quiz_feedback(selected, answer, *, explanation: str = "", explanations: dict | None = None, hint: str = "",
                  points: float = 1.0) -> Feedback:
    """Feedback on a quiz answer that explains a wrong pick without giving the answer away: the
    explanation of the right answer shows only once the student has it right.

    >>> print(quiz_feedback("said", "claimed", explanation="'Claimed' keeps a distance.",
    ...                     explanations={"said": "'Said' is neutral."}, hint="Which verb doubts?"))
    Not yet.
    - 'Said' is neutral.
    - Which verb doubts?
    - Try another answer.
    >>> print(quiz_feedback("claimed", "claimed", explanation="'Claimed' keeps a distance."))
    Correct!
    - 'Claimed' keeps a distance.
    """
    explanations = explanations or {}
    if selected is ... or selected is None or selected == [] or selected == ():
        return Feedback(0.0, "not answered", ["Choose an answer, then check again."], points)
    if isinstance(answer, (list, tuple, set)):
        chosen = {selected} if isinstance(selected, str) else set(selected)
        right = set(answer)
        score = max(0.0, (len(chosen & right) - len(chosen - right)) / len(right))
        if chosen == right:
            return Feedback(1.0, "correct", [explanation] if explanation else [], points)
        messages = [explanations.get(c) or f"“{c}” does not fit." for c in sorted(chosen - right)]
        missing = len(right - chosen)
        if missing:
            messages.append(f"{missing} right answer{'s are' if missing > 1 else ' is'} not ticked yet.")
    else:
        if selected == answer:
            return Feedback(1.0, "correct", [explanation] if explanation else [], points)
        score = 0.0
        messages = [explanations.get(selected) or f"“{selected}” is not the best answer."]
    messages += [hint] if hint else []
    messages.append("Try another answer." if score == 0 else "Change your ticks and check again.")
    return Feedback(round(score, 2), "partial" if score > 0 else "wrong", messages, points)


class Quiz(widgets.VBox):
    """A question with choices. ``answer`` is the right choice, or a list of them for a question with
    several right answers (then the student ticks boxes). After "Check", a wrong pick is explained
    (``explanations`` by choice, then the ``hint``) without naming the answer; once right, the
    ``explanation`` shows. In a lesson, use :func:`quiz` so the answer is not in the visible cell.

    >>> quiz = Quiz("Which verb keeps a distance?", ["said", "claimed", "told"], "claimed",
    ...             explanation="'Claimed' hints the writer doubts it.")
    >>> quiz.choose("claimed"); quiz.check().status
    'correct'
    """

    def __init__(self, question: str, choices, answer, *, explanation: str = "", explanations: dict | None = None,
                 hint: str = "", points: float = 1.0):
        self.question, self.choices, self.answer = question, list(choices), answer
        self.explanation, self.explanations, self.points = explanation, explanations or {}, points
        self.hint = hint
        self.multiple = isinstance(answer, (list, tuple, set))
        if self.multiple:
            self.boxes = [widgets.Checkbox(value=False, description=c, indent=False) for c in self.choices]
            picker = widgets.VBox(self.boxes)
        else:
            self.radio = widgets.RadioButtons(options=self.choices, value=None, layout=widgets.Layout(width="auto"))
            picker = self.radio
        self.check_button = widgets.Button(description="Check", button_style="primary", icon="check")
        self.feedback = widgets.HTML()
        self.check_button.on_click(lambda _: self.check())
        hint = " (tick every right answer)" if self.multiple else ""
        super().__init__([widgets.HTML(f"<b>{escape(question)}</b>{hint}"), picker, self.check_button, self.feedback])

    @property
    def value(self):
        if self.multiple:
            return [box.description for box in self.boxes if box.value]
        return self.radio.value

    def choose(self, *choices: str) -> None:
        """Select choices (what clicking does, for code and tests)."""
        if self.multiple:
            for box in self.boxes:
                box.value = box.description in choices
        else:
            self.radio.value = choices[0]

    @classmethod
    def from_bank(cls, quiz_id: str) -> "Quiz":
        """The lesson quiz ``quiz_id`` from ``data/quizzes/``.

        >>> Quiz.from_bank("04-regime").choices
        ['government', 'junta', 'clique', 'rulers']
        """
        bank = quiz_bank()
        if quiz_id not in bank:
            raise KeyError(f"There is no quiz {quiz_id!r}; the quizzes are: {', '.join(sorted(bank))}")
        entry = bank[quiz_id]
        made = cls(entry["question"], entry["choices"], entry["answer"], explanation=entry.get("explanation", ""),
                   explanations=entry.get("explanations"), hint=entry.get("hint", ""))
        made.quiz_id = quiz_id
        return made

    def check(self) -> Feedback:
        """Check the choice and show the feedback under the question."""
        result = quiz_feedback(self.value, self.answer, explanation=self.explanation,
                               explanations=self.explanations, hint=self.hint, points=self.points)
        self.feedback.value = format_feedback(result)
        return result


def quiz(quiz_id: str) -> Quiz:
    """A lesson's quiz, by its id in ``data/quizzes/`` (what a lesson cell calls).

    >>> q = quiz("02-verbs")
    >>> q.choose("said"); "claimed" in str(q.check())
    False
    """
    return Quiz.from_bank(quiz_id)


class Rewrite(widgets.VBox):
    """Rewrite a loaded sentence neutrally. As you type, it lists the loaded words still there and the
    names and numbers you have lost.

    >>> box = Rewrite("The strongman parroted Moscow's claims on 3 May.")
    >>> box.value = "The president repeated Moscow's claims on 3 May."
    >>> "Well done" in box.feedback.value
    True
    """

    def __init__(self, sentence: str, *, placeholder: str = "Type a neutral version of the sentence here"):
        self.sentence = sentence
        self.box = widgets.Textarea(value="", placeholder=placeholder, continuous_update=True,
                                    layout=widgets.Layout(width="95%", height="5em"))
        self.feedback = widgets.HTML()
        self.box.observe(lambda _c: self.refresh(), names="value")
        super().__init__([widgets.HTML(f"<b>Original:</b> {escape(sentence)}"), self.box, self.feedback])
        self.refresh()

    @property
    def value(self) -> str:
        return self.box.value

    @value.setter
    def value(self, text: str) -> None:
        self.box.value = text

    def refresh(self) -> None:
        if not self.box.value.strip():
            self.feedback.value = "<i>Start typing: feedback appears as you write.</i>"
            return
        result = rewrite_feedback(self.sentence, self.box.value)
        items = [f"<li>Still loaded: <b>{escape(s.text)}</b> ({escape(s.label)}). Try: {escape(s.alternative)}.</li>"
                 for s in result.loaded_left]
        items += [f"<li>Lost a key fact: <b>{escape(f)}</b>. Keep names and numbers.</li>" for f in result.facts_lost]
        if result.done:
            items = ["<li>Well done: no loaded words left, and every name and number is kept.</li>"]
        colour = "#009E73" if result.done else "#E69F00"
        self.feedback.value = (f'<div role="status" style="border-left: 6px solid {colour}; padding: 0.2em 0.8em">'
                               f'<ul>{"".join(items)}</ul></div>')
