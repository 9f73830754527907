"""Scoring one answer against its key, for every question kind, with feedback a student can act on.

The same function serves the student's instant ``check()`` and the instructor's grader; the grader
calls it in its own process on plain values read out of the student's kernel.
"""
from __future__ import annotations

import csv
from functools import lru_cache

from ..text.resources import data_dir
from .feedback import Feedback, check_choice, check_spans, normalise_choice, spelling_forms
from .rewrite import rewrite_feedback

@lru_cache(maxsize=1)
def label_families() -> dict[str, dict[str, str]]:
    """The labels a classify question can use, by family, each with its meaning
    (``data/feedback/labels.csv``).

    >>> label_families()["stance"]["distancing"]
    'a word that keeps the writer at a distance from the claim'
    """
    families: dict[str, dict[str, str]] = {}
    with open(data_dir() / "feedback" / "labels.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            families.setdefault(row["family"], {})[row["label"]] = row["meaning"]
    return families


def _labels_for(key: dict, labels=None) -> dict[str, str]:
    """The labels to explain for a question: its own ``labels`` list, or the family that holds its key's labels."""
    every = {label: meaning for family in label_families().values() for label, meaning in family.items()}
    if labels:
        return {label: every.get(label, "") for label in labels}
    wanted = {_norm(v) for v in key.values()}
    for family in label_families().values():
        if wanted <= {_norm(label) for label in family}:
            return family
    return {label: every.get(label, "") for label in sorted(set(key.values()))}


def _norm(value) -> str:
    """An item or label as compared: any case and quote style, no surrounding quote marks or final full stop.

    >>> _norm(" “Distancing.” ")
    'distancing'
    """
    return normalise_choice(normalise_choice(value).strip("\"'"))


def _as_known(value: str, known) -> str:
    """``value`` (normalised), or the one of ``known`` it is a UK/US spelling of ("organization")."""
    if value in known:
        return value
    return next((form for form in spelling_forms(value) if form in known), value)


def _blank(value) -> bool:
    return value is ... or value is None or (isinstance(value, str) and not value.strip())


def score_classify(answer, key: dict, points: float, *, labels=None) -> Feedback:
    """Each item labelled right earns its share of the points.

    A wrong label is pointed out, never corrected: the feedback says which items to look at again and
    what every label means. An item whose label is ``...`` or ``None`` is not labelled yet.

    >>> key = {"officials": "anonymous", "many": "vague"}
    >>> print(score_classify({"officials": "vague", "many": "vague"}, key, 2))
    Partly right: 1 of 2 points.
    - “many” is right: vague.
    - “officials”: not vague. Look at this one again.
    - The labels: named person (a person the article names, so you could check what they said (also he or she, or a description such as the president, once the article has named that person));
      role (a job or title whose holder the article never names (a senior official, the spokesperson));
      organisation (an organisation, outlet or a capital standing for its government);
      anonymous (people who could be named but are not); vague (nobody in particular ('many', 'some reports'));
      author (the writer speaking for themselves); none (no source at all).
    >>> score_classify({"officials": ..., "many": None}, key, 2).status
    'not answered'
    """
    if not isinstance(answer, dict):
        return Feedback(0.0, "invalid", ['Write the answer as a dictionary, e.g. {"officials": "anonymous"}.'], points)
    if not answer or all(_blank(v) for v in answer.values()):
        return Feedback(0.0, "not answered", ["Write your answer for each item, in quote marks, then check again."],
                        points)
    meanings = _labels_for(key, labels)
    known = {_norm(label) for label in meanings}
    items = {_norm(i) for i in key}
    given = {_as_known(_norm(k), items): (None if _blank(v) else _as_known(_norm(v), known))
             for k, v in answer.items()}
    right, wrong, messages = 0, 0, []
    for item, label in key.items():
        mine = given.get(_norm(item))
        if mine is None:
            messages.append(f"“{item}” has no label yet.")
        elif mine == _norm(label):
            right += 1
            messages.insert(right - 1, f"“{item}” is right: {label}.")
        elif mine not in known:
            wrong += 1
            messages.append(f"“{item}”: “{mine}” is not one of the labels.")
        else:
            wrong += 1
            messages.append(f"“{item}”: not {mine}. Look at this one again.")
    extra = [k for k in answer if _as_known(_norm(k), items) not in items]
    if extra:
        messages.append("Not asked about: " + ", ".join(f"“{k}”" for k in extra) + ". Copy the items as written.")
    if wrong and len(meanings) == 2:
        # With two labels, naming a wrong item (or every right one) would give its label away: count only.
        messages = [m for m in messages if " is right: " not in m and "Look at this one again" not in m]
        messages.insert(0, f"{right} of {len(key)} labelled right; {wrong} labelled wrong. Look at each one again.")
    if wrong:
        messages.append("The labels: " + "; ".join(f"{label} ({meaning})" if meaning else label
                                                   for label, meaning in meanings.items()) + ".")
    score = right / len(key) if key else 0.0
    return Feedback(round(score, 2), "correct" if score == 1 else ("partial" if score else "wrong"), messages, points)


def score_numbers(answer, key: dict, points: float) -> Feedback:
    """A number, right within the key's tolerance. A wrong number is "too high" or "too low", with the
    key's ``hint`` (a method, never the result).

    >>> print(score_numbers(7, {"value": 0.6, "tolerance": 0.05, "hint": "Use the rates table."}, 1))
    Not yet.
    - 7 is too high.
    - Use the rates table.
    >>> score_numbers(0.6, {"value": 0.6, "tolerance": 0.05, "hint": "Use the rates table."}, 1).status
    'correct'
    """
    if isinstance(answer, bool) or not isinstance(answer, (int, float)) or answer != answer:
        return Feedback(0.0, "invalid", ["Write a number, like 3 or 0.6 (no quote marks)."], points)
    value, tolerance = key["value"], key.get("tolerance", 0)
    if abs(answer - value) <= tolerance + 1e-9:
        return Feedback(1.0, "correct", [], points)
    direction = "too high" if answer > value else "too low"
    return Feedback(0.0, "wrong", [f"{answer:g} is {direction}.", key.get("hint") or
                                   "Check how you counted, then compute it again."], points)


def _article_id(value) -> str:
    return "-".join(_norm(value).strip("\"'").replace("_", " ").replace("-", " ").split())


def score_align(answer, key: list, points: float, *, choices=None) -> Feedback:
    """A set of article ids. Each right id earns its share, each wrong one takes a share away (so
    listing every article is no way to collect points). Ids are forgiving: "Opinion site" is
    "opinion-site". With ``choices`` (the set's ids), an unknown id is named as such.

    >>> score_align(["bbc-repost"], ["bbc-repost", "aggregator"], 2).score
    0.5
    >>> score_align(["Opinion site", "bbc-repost", "aggregator"], ["opinion-site", "aggregator"], 2).score
    0.5
    >>> print(score_align(["BBC"], ["bbc-repost"], 1, choices=["opinion-site", "bbc-repost", "aggregator"]))
    Not yet.
    - “BBC” is not an article id: use opinion-site, bbc-repost or aggregator.
    """
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set)):
        return Feedback(0.0, "invalid", ['Write a list of article names, e.g. ["bbc-repost"].'], points)
    if not answer:
        return Feedback(0.0, "not answered", ["The list is empty."], points)
    known = [_article_id(c) for c in choices] if choices else None
    given = {_article_id(a): a for a in answer}
    right = {_article_id(a) for a in key}
    messages = []
    if known is not None:
        for norm, original in given.items():
            if norm not in known:
                ids = ", ".join(choices[:-1]) + " or " + choices[-1] if len(choices) > 1 else choices[0]
                messages.append(f"“{original}” is not an article id: use {ids}.")
        given = {k: v for k, v in given.items() if k in known}
    hits, wrong = set(given) & right, set(given) - right
    score = round(max(0.0, (len(hits) - len(wrong)) / len(right)), 2) if right else 0.0
    messages += [f"“{given[a]}” does not fit: look at its column in the grid again." for a in sorted(wrong)]
    if right - set(given) and (given or not messages):
        messages.append(f"{len(right - set(given))} more article(s) fit.")
    return Feedback(score, "correct" if score == 1 else ("partial" if score else "wrong"), messages, points)


def score_rewrite(answer, question: dict, points: float) -> Feedback:
    """Full points for a rewrite with no loaded word that keeps every name and number; half as much
    while a loaded word remains; scaled down by the share of names and numbers lost. The feedback says
    why each word left is loaded but not what to put instead (the lesson's Rewrite box does that).

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
    # why each word is loaded, not its neutral alternative: the alternatives are the model answer
    messages = [f"Still loaded: “{s.text}” ({s.label}). {s.why} Find a plainer word, or say what happened."
                for s in result.loaded_left]
    messages += [f"Lost a key fact: {f}." for f in result.facts_lost]
    return Feedback(round(score, 2), "correct" if score == 1 else ("partial" if score else "wrong"), messages, points)


TO_BE_GRADED = "to be graded"  # a written answer waiting for the teacher: no points yet, and not zero
SAVED = "saved"  # an assessment's answer as check() shows it: readable, neither right nor wrong
# What an assessment's check() may still say: notes about an answer's form, never about the key. A note that
# matches none of these is left out, so a new kind of message can never give a key away by mistake.
FORM_NOTES = ("is not in the text", "is listed twice", "counted as the whole word", "An empty string marks nothing",
              "is not one of the labels", "has no label yet", "Not asked about", "is not one of the choices",
              "several right choices", "is not an article id")


def assessment_feedback(question: dict, answer) -> Feedback:
    """What ``check()`` says in a pre- or post-assessment: whether the answer can be read, never whether it
    is right. An unanswered, unreadable or written answer is told so as usual; any other answer is
    "saved", with notes about its form only (a word that is not in the text, a label that does not exist).
    The grader scores it as usual.

    >>> q = {"kind": "classify", "key": {"officials": "anonymous", "many": "vague"}, "points": 2}
    >>> str(assessment_feedback(q, {"officials": "vague"})) == str(assessment_feedback(q, {"officials": "anonymous"}))
    True
    >>> print(assessment_feedback(q, {"officials": "secret", "many": "vague"}))
    Saved: your answer can be read. Your teacher grades it after you hand in.
    - “officials”: “secret” is not one of the labels.
    """
    full = score_answer(question, answer)
    if full.status in ("not answered", "invalid", TO_BE_GRADED):
        return full
    notes = [m for m in full.messages if any(form in m for form in FORM_NOTES)]
    return Feedback(0.0, SAVED, notes, full.points)


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
            return score_classify(answer, key, points, labels=question.get("labels"))
        if kind == "numbers":
            return score_numbers(answer, key, points)
        if kind == "choice":
            return check_choice(answer, key, explanation=question.get("explanation", ""),
                                explanations=question.get("explanations"), choices=question.get("choices"),
                                points=points)
        if kind == "align":
            return score_align(answer, key, points, choices=question.get("choices"))
        if kind == "rewrite":
            return score_rewrite(answer, question, points)
        if kind == "reflect":
            if not isinstance(answer, str):
                return Feedback(0.0, "invalid", ['Write your answer as text in quote marks, e.g. "I think …".'],
                                points)
            if not answer.strip():
                return Feedback(0.0, "not answered", ["Write a few sentences between the quote marks."], points)
            messages = ["Your teacher will read it and give the points later."]
            if len(answer.split()) < 12:
                messages.append("It is short: the question asks for a few sentences, with a reason or an example.")
            return Feedback(0.0, TO_BE_GRADED, messages, points)
        return Feedback(0.0, "invalid", [f"Unknown question kind {kind!r}."], points)
    except Exception as error:  # a strange answer must never crash a check or a grading run
        return Feedback(0.0, "invalid", [f"This answer could not be checked ({type(error).__name__})."], points)
