"""What students call in the exercise notebooks: ``check("03.2", answer)`` and the question texts.

``check`` never raises: an unanswered question (``...``) says "not answered yet", and any other
answer gets instant feedback that explains each miss and each extra without showing the key. In a pre-
or post-assessment it says only whether the answer can be read (:func:`~medialit.grading.scoring.assessment_feedback`):
the teacher's grader scores it.
"""
from __future__ import annotations

import os

from .display.html import format_feedback
from .grading.feedback import Feedback
from .grading.answer_cells import answer_error, install_answer_guard
from .grading.keys import all_questions, answer_variable
from .grading.scoring import assessment_feedback, score_answer


def _grading() -> bool:
    """True inside the grader's kernel, where nothing is shown or checked (the grader scores answers itself)."""
    return os.environ.get("MEDIALIT_GRADING") == "1"


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


def student_feedback(question: dict, answer):
    """The feedback a student sees for an answer: the full feedback (saying so when the key has not been
    reviewed by the teacher), or in an assessment only whether it can be read.

    >>> from medialit.grading.keys import all_questions
    >>> student_feedback(all_questions()["03.3"], "Yes: it makes the claim less sure").status
    'wrong'
    >>> student_feedback(all_questions()["00.2"], {"the council": "vague"}).status
    'saved'
    """
    if question.get("assessment"):
        return assessment_feedback(question, answer)
    feedback = score_answer(question, answer)
    if question.get("reviewed") is False:  # a set's own exercise, keys not yet reviewed by the teacher
        from .grading.review import UNREVIEWED_NOTE

        feedback.messages.append(UNREVIEWED_NOTE)
    return feedback


def check(question_id: str, answer) -> CheckResult:
    """Check an answer and explain the result. Never raises.

    >>> check("03.3", ...).status
    'not answered'
    >>> check("03.3", "No: it is a reporting verb with a source").status
    'correct'
    >>> check("00.1", ["said", "mya"]).feedback.messages
    ['“mya” is not in the text: copy the words exactly as they are written.']
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
        error = answer_error(answer_variable(question["id"])) if answer is ... else None
        if error:
            return CheckResult(question["id"], Feedback(0.0, "not answered", [
                f"The answer cell stopped with {error}; read the note above, fix the line and run the cell again."],
                float(question.get("points", 1))))
        return CheckResult(question["id"], student_feedback(question, answer))
    except Exception as error:  # never let a check crash a student's notebook
        return CheckResult(str(question_id), Feedback(0.0, "invalid", [f"Could not check this ({error})."]))


def use_set(folder):
    """Use the exercise a teacher built for their own article set (``medialit assign --set FOLDER``):
    its questions become known to :func:`check` and :func:`question_marker`. Returns the set's articles
    (None inside the grader's kernel, which needs neither the articles nor the keys).

    >>> from medialit.text.articles import sets_dir
    >>> use_set(sets_dir() / "lukashenko-2023").ids
    ['opinion-site', 'bbc-repost', 'aggregator']
    """
    if _grading():
        return None
    from .grading.keys import use_set as register
    from .text.articles import load_articles

    register(folder)
    return load_articles(folder)


def question_text(question_id: str) -> str:
    """The text a question is about (the paragraph to mark, or the sentence to rewrite).

    >>> question_text("04.2").startswith("The Belarusian strongman")
    True
    """
    question = all_questions()[question_id]
    return question.get("text") or question.get("original", "")


def show_question(question_id: str) -> None:
    """Print the text a question is about.

    >>> show_question("04.2")  # doctest: +ELLIPSIS
    The Belarusian strongman also stressed that Moscow has never asked him ...
    """
    if _grading():
        return
    print(question_text(question_id))


def question_marker(question_id: str):
    """The Marker of a *mark* question: click the words, press Check for feedback. Its marks are the
    answer: the answer cell reads ``answer_02_1 = marker_02_1.value`` (a typed list of words works too).

    Every click rewrites the line under the Marker, which carries the marks, so saving the notebook
    (Ctrl+S) saves them and the grader reads them from the saved file. In a kernel, the marks are also
    kept in ``.medialit/marks.json`` next to the notebook, so running the cells again brings them back.
    In the grader's kernel this returns a :class:`~medialit.grading.marks.SavedMarker` holding the saved marks.

    >>> marker = question_marker("02.1")
    >>> marker.mark_text("parroted"); marker.check().status
    'partial'
    >>> [s.text for s in marker.value]
    ['parroted']
    """
    if _grading():
        from .grading.marks import SavedMarker

        return SavedMarker.for_grading(str(question_id))
    question = all_questions()[question_id]
    kinds = tuple(question.get("kinds", ("attribution",)))
    from .widgets.marker import QuestionMarker, default_marks_file

    return QuestionMarker(question["id"], question["text"], kinds=kinds, marks_file=default_marks_file(),
                          check=lambda value: student_feedback(question, [(s.start, s.end, s.kind) for s in value]))


install_answer_guard()  # in a notebook: one beginner mistake in an answer cell must not stop Run All
