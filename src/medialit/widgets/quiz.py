"""Quiz (single or multiple choice, explained after checking) and Rewrite (a neutral rewrite with live feedback)."""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..display import format_feedback
from ..feedback import Feedback, check_choice, rewrite_feedback


class Quiz(widgets.VBox):
    """A question with choices. ``answer`` is the right choice, or a list of them for a question with
    several right answers (then the student ticks boxes). After "Check", the explanation shows.

    >>> quiz = Quiz("Which verb keeps a distance?", ["said", "claimed", "told"], "claimed",
    ...             explanation="'Claimed' hints the writer doubts it.")
    >>> quiz.choose("claimed"); quiz.check().status
    'correct'
    """

    def __init__(self, question: str, choices, answer, *, explanation: str = "", explanations: dict | None = None,
                 points: float = 1.0):
        self.question, self.choices, self.answer = question, list(choices), answer
        self.explanation, self.explanations, self.points = explanation, explanations or {}, points
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

    def check(self) -> Feedback:
        result = check_choice(self.value, self.answer, explanation=self.explanation,
                              explanations=self.explanations, points=self.points)
        self.feedback.value = format_feedback(result)
        return result


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
