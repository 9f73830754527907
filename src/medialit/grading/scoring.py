"""Scoring one answer against its key, for every question kind, with feedback a student can act on.

The same function serves the student's instant ``check()`` and the instructor's grader; the grader
calls it in its own process on plain values read out of the student's kernel.
"""
from __future__ import annotations

from ..feedback import Feedback, check_choice, check_spans, rewrite_feedback

TYPE_HELP = {
    "named person": "a person named, so you could check what they said",
    "role": "a job or description instead of a name",
    "organisation": "an organisation, outlet or a capital standing for its government",
    "anonymous": "people who could be named but are not",
    "vague": "nobody in particular ('many', 'some reports')",
    "none": "no source at all",
    "neutral": "a neutral reporting word",
    "distancing": "a word that keeps the writer at a distance from the claim",
    "endorsing": "a word that treats the claim as true",
    "hedge": "a word that makes a claim less sure",
    "booster": "a word that makes a claim sound certain",
}


def _norm(value) -> str:
    return " ".join(str(value).lower().replace("’", "'").split())


def score_classify(answer, key: dict, points: float) -> Feedback:
    """Each item labelled right earns its share of the points.

    >>> print(score_classify({"officials": "vague", "many": "vague"}, {"officials": "anonymous", "many": "vague"}, 2))
    Partly right: 1.0 of 2 points.
    - “many” is right: vague.
    - “officials” is not vague: it is anonymous (people who could be named but are not).
    """
    if not isinstance(answer, dict):
        return Feedback(0.0, "invalid", ['Write the answer as a dictionary, e.g. {"officials": "anonymous"}.'], points)
    given = {_norm(k): _norm(v) for k, v in answer.items()}
    right, messages = 0, []
    for item, label in key.items():
        mine = given.get(_norm(item))
        if mine is None:
            messages.append(f"“{item}” has no label yet.")
        elif mine == _norm(label):
            right += 1
            messages.insert(right - 1, f"“{item}” is right: {label}.")
        else:
            messages.append(f"“{item}” is not {mine}: it is {label} ({TYPE_HELP.get(label, label)}).")
    extra = [k for k in answer if _norm(k) not in {_norm(i) for i in key}]
    if extra:
        messages.append("Not asked about: " + ", ".join(f"“{k}”" for k in extra) + ".")
    score = right / len(key) if key else 0.0
    return Feedback(round(score, 2), "correct" if score == 1 else ("partial" if score else "wrong"), messages, points)


def score_numbers(answer, key: dict, points: float) -> Feedback:
    """A number, right within the key's tolerance.

    >>> score_numbers(0.6, {"value": 0.6, "tolerance": 0.05, "hint": "Use the rates table."}, 1).status
    'correct'
    """
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return Feedback(0.0, "invalid", ["Write a number, like 3 or 0.6 (no quote marks)."], points)
    value, tolerance = key["value"], key.get("tolerance", 0)
    if abs(answer - value) <= tolerance:
        return Feedback(1.0, "correct", [], points)
    direction = "too high" if answer > value else "too low"
    return Feedback(0.0, "wrong", [f"{answer} is {direction}. {key.get('hint', '')}".strip()], points)


def score_align(answer, key: list, points: float) -> Feedback:
    """A set of article ids: partial credit by precision and recall.

    >>> score_align(["bbc-repost"], ["bbc-repost", "aggregator"], 2).score
    0.67
    """
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set)):
        return Feedback(0.0, "invalid", ['Write a list of article names, e.g. ["bbc-repost"].'], points)
    given, right = {_norm(a) for a in answer}, {_norm(a) for a in key}
    hits = given & right
    if not given:
        return Feedback(0.0, "not answered", ["The list is empty."], points)
    precision, recall = len(hits) / len(given), len(hits) / len(right)
    score = round(2 * precision * recall / (precision + recall), 2) if hits else 0.0
    messages = [f"“{a}” does not fit: look at its column in the grid again." for a in sorted(given - right)]
    if right - given:
        messages.append(f"{len(right - given)} more article(s) fit.")
    return Feedback(score, "correct" if score == 1 else ("partial" if score else "wrong"), messages, points)


def score_rewrite(answer, question: dict, points: float) -> Feedback:
    """Full points for a rewrite with no loaded word that keeps every name and number; half as much
    while a loaded word remains; scaled down by the share of names and numbers lost.

    >>> q = {"original": "The strongman met Putin on 3 May."}
    >>> score_rewrite("The president met Putin on 3 May.", q, 2).score, score_rewrite("x", q, 2).score
    (1.0, 0.0)
    """
    if not isinstance(answer, str) or not answer.strip():
        return Feedback(0.0, "invalid", ["Write your rewrite as a string in quote marks."], points)
    result = rewrite_feedback(question["original"], answer)
    facts = len(result.facts_kept) + len(result.facts_lost)
    kept = len(result.facts_kept) / facts if facts else 1.0
    score = kept * (1.0 if not result.loaded_left else 0.5)  # a rewrite that drops the facts earns nothing
    messages = [f"Still loaded: “{s.text}” ({s.label}); try {s.alternative}." for s in result.loaded_left]
    messages += [f"Lost a key fact: {f}." for f in result.facts_lost]
    return Feedback(round(score, 2), "correct" if score == 1 else ("partial" if score else "wrong"), messages, points)


def score_answer(question: dict, answer) -> Feedback:
    """Score any answer to any question; never raises. ``...`` means "not answered yet".

    >>> score_answer({"kind": "choice", "key": "claimed", "points": 1}, ...).status
    'not answered'
    >>> score_answer({"kind": "choice", "key": "claimed", "points": 1}, "claimed").earned
    1.0
    """
    points = float(question.get("points", 1))
    if answer is ...:
        return Feedback(0.0, "not answered", ["Replace the ... with your answer, run the cell, then check again."],
                        points)
    try:
        kind, key = question["kind"], question.get("key")
        if kind == "mark":
            if not isinstance(answer, (list, tuple)):
                return Feedback(0.0, "invalid", ['Write a list of words from the text, e.g. ["said", "may"].'],
                                points)
            return check_spans(answer, key, question["text"], kinds=tuple(question.get("kinds", ("attribution",
                               "hedge", "booster", "loaded"))), points=points,
                               kind_matters=not all(isinstance(a, str) for a in answer))
        if kind == "classify":
            return score_classify(answer, key, points)
        if kind == "numbers":
            return score_numbers(answer, key, points)
        if kind == "choice":
            return check_choice(answer, key, explanation=question.get("explanation", ""),
                                explanations=question.get("explanations"), points=points)
        if kind == "align":
            return score_align(answer, key, points)
        if kind == "rewrite":
            return score_rewrite(answer, question, points)
        if kind == "reflect":
            if not isinstance(answer, str) or len(answer.split()) < 5:
                return Feedback(0.0, "invalid", ["Write a few sentences in quote marks."], points)
            return Feedback(0.0, "manual", ["Saved. Your teacher will read and grade this answer."], points)
        return Feedback(0.0, "invalid", [f"Unknown question kind {kind!r}."], points)
    except Exception as error:  # a strange answer must never crash a check or a grading run
        return Feedback(0.0, "invalid", [f"This answer could not be checked ({type(error).__name__})."], points)
