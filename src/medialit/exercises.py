"""What students call in the exercise notebooks: ``check("03.2", answer)`` and the question texts.

``check`` never raises: an unanswered question (``...``) says "not answered yet", and any other
answer gets instant feedback that explains each miss and each extra without showing the key.
"""
from __future__ import annotations

import os

from .display import format_feedback


def _grading() -> bool:
    """True inside the grader's kernel, where nothing is shown or checked (the grader scores answers itself)."""
    return os.environ.get("MEDIALIT_GRADING") == "1"

from .feedback import Feedback
from .grading.keys import all_questions
from .grading.scoring import score_answer


class CheckResult:
    """Feedback that shows itself nicely in a notebook (and as text elsewhere)."""

    def __init__(self, question_id: str, feedback: Feedback):
        self.question_id, self.feedback = question_id, feedback

    @property
    def score(self) -> float:
        return self.feedback.score

    @property
    def status(self) -> str:
        return self.feedback.status

    def __repr__(self) -> str:
        return f"{self.question_id}: {self.feedback}"

    def _repr_html_(self) -> str:
        return f"<b>Question {self.question_id}</b>" + format_feedback(self.feedback)


def check(question_id: str, answer) -> CheckResult:
    """Check an answer and explain the result. Never raises.

    >>> check("03.3", ...).status
    'not answered'
    >>> check("03.3", "No: it is a reporting verb with a source").status
    'correct'
    >>> check("99.9", 1).status
    'invalid'
    """
    if _grading():
        return CheckResult(str(question_id), Feedback(0.0, "not checked", ["Checked by the grader."]))
    try:
        question = all_questions().get(str(question_id))
        if question is None:
            return CheckResult(str(question_id), Feedback(0.0, "invalid", [
                f"There is no question {question_id!r}: check the number in the cell above."]))
        return CheckResult(question["id"], score_answer(question, answer))
    except Exception as error:  # never let a check crash a student's notebook
        return CheckResult(str(question_id), Feedback(0.0, "invalid", [f"Could not check this ({error})."]))


def question_text(question_id: str) -> str:
    """The text a question is about (the paragraph to mark, or the sentence to rewrite).

    >>> question_text("04.2").startswith("The Belarusian strongman")
    True
    """
    question = all_questions()[question_id]
    return question.get("text") or question.get("original", "")


def show_question(question_id: str) -> None:
    """Print the text a question is about.

    >>> show_question("03.1")  # doctest: +ELLIPSIS
    Alexander Lukashenko is not recognized as the rightful leader of Belarus ...
    """
    if _grading():
        return
    print(question_text(question_id))


def question_marker(question_id: str):
    """A Marker for practising a *mark* question by clicking; its Check uses the question's key.

    Clicks are not saved in the notebook: write the final answer as a list of words.

    >>> marker = question_marker("02.1")
    >>> marker.mark_text("parroted"); marker.check().status
    'partial'
    """
    if _grading():
        return None
    from .widgets import Marker

    question = all_questions()[question_id]
    kinds = tuple(question.get("kinds", ("attribution",)))
    return Marker(question["text"], kinds=kinds,
                  check=lambda value: score_answer(question, [(s.start, s.end, s.kind) for s in value]))
