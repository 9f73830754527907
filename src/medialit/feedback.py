"""Scoring a student's answer against a key, with feedback that explains each miss and each extra.

Pure functions (no widgets): the Marker widget's Check button, the exercise ``check()`` and the
instructor's grader all use them. Feedback never prints the whole key: a miss is described by
its kind and where it is ("a hedge in sentence 2"), not by the words themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .annotate import annotate
from .span import Span

KIND_NAMES = {"attribution": "attribution cue", "hedge": "hedge", "booster": "booster", "loaded": "loaded word"}
HINTS = {
    "attribution": "words that say who says so, such as said, claimed or according to",
    "hedge": "words that make a claim less sure, such as may, reportedly or allegedly",
    "booster": "words that make a claim sound certain, such as clearly, never or of course",
    "loaded": "words that push a feeling or a judgement where a plainer word would do",
}


@dataclass
class Feedback:
    """The result of checking one answer: a score from 0 to 1, a status and messages for the student."""

    score: float
    status: str                      # correct / partial / wrong / not answered / invalid
    messages: list[str] = field(default_factory=list)
    points: float = 1.0

    @property
    def earned(self) -> float:
        return round(self.score * self.points, 2)

    def __str__(self) -> str:
        head = {"correct": "Correct!", "partial": f"Partly right: {self.earned} of {self.points} points.",
                "wrong": "Not yet.", "not answered": "Not answered yet.", "invalid": "That answer could not be read."}
        return "\n".join([head.get(self.status, self.status)] + [f"- {m}" for m in self.messages])


def _as_spans(answer, text: str, default_kind: str) -> list[Span]:
    """Spans from a Marker value, (start, end[, kind]) tuples, dicts, or strings found in ``text``."""
    spans, after = [], {}
    for item in answer:
        if isinstance(item, Span):
            spans.append(item)
        elif isinstance(item, str):
            word = item.strip().replace("'", "’") if item.strip() not in text and item.strip().replace(
                "'", "’") in text else item.strip()
            start_from = after.get(word.lower(), 0)  # a word given twice means its next occurrence
            at = text.lower().find(word.lower(), start_from)
            if at == -1:
                at = text.lower().find(word.lower())
            if at == -1 or not word:
                raise ValueError(f"“{item}” is not in the text; copy the words exactly")
            after[word.lower()] = at + len(word)
            spans.append(Span.of(text, at, at + len(word), default_kind))
        elif isinstance(item, dict):
            spans.append(Span.of(text, int(item["start"]), int(item["end"]), item.get("kind", default_kind)))
        else:
            start, end, *rest = item
            spans.append(Span.of(text, int(start), int(end), rest[0] if rest else default_kind))
    return spans


def _place(text: str, pos: int) -> str:
    """Where ``pos`` is, for a student: "the headline" or "sentence 3" (counting body sentences)."""
    from .text import sentences

    article = "\n\n" in text  # an article has a headline line; a paragraph has none
    number = 0
    for sentence in sentences(text):
        if sentence.label == "sentence" or not article:
            number += 1
        if sentence.start <= pos < sentence.end:
            return "the headline" if sentence.label == "headline" and article else f"sentence {number}"
    return "the text"


def check_spans(answer, key: list[dict], text: str, *, kinds=("attribution", "hedge", "booster", "loaded"),
                points: float = 1.0, kind_matters: bool = True) -> Feedback:
    """Score marked spans against key spans (``{"start", "end", "kind", ...}``) by precision and recall.

    ``answer`` may be a Marker's ``.value``, (start, end, kind) tuples, or a list of strings (each is
    found in ``text``; its kind is the first of ``kinds``). A mark matches a key span of the same
    kind that it overlaps.

    >>> text = "Head\\n\\nOfficials claimed the plan may fail."
    >>> key = [{"start": 16, "end": 23, "kind": "attribution"}, {"start": 33, "end": 36, "kind": "hedge"}]
    >>> print(check_spans([(33, 36, "hedge")], key, text))
    Partly right: 0.67 of 1.0 points.
    - 1 of 2 found. Well done: “may”.
    - Still to find: an attribution cue in sentence 1 (look for words that say who says so, such as said, claimed or according to).
    >>> print(check_spans([(16, 23, "hedge")], key, text, kind_matters=True))
    Not yet.
    - “claimed” is an attribution cue here, not a hedge: “claimed” is a distancing word: the writer keeps away from the claim; the source is unnamed people.
    - Still to find: an attribution cue in sentence 1 (look for words that say who says so, such as said, claimed or according to).
    - Still to find: a hedge in sentence 1 (look for words that make a claim less sure, such as may, reportedly or allegedly).
    """
    if answer is ... or answer is None:
        return Feedback(0.0, "not answered", ["Mark some words, or fill in the answer, then check again."], points)
    try:
        marks = _as_spans(list(answer), text, kinds[0])
    except (TypeError, ValueError, KeyError) as error:
        return Feedback(0.0, "invalid", [str(error)], points)
    if not marks:
        return Feedback(0.0, "not answered", ["Nothing is marked yet."], points)
    key = [k for k in key if k["kind"] in kinds]
    used: set[int] = set()
    hits, extras = [], []
    for mark in marks:
        match = next((i for i, k in enumerate(key) if i not in used and k["start"] < mark.end and mark.start < k["end"]
                      and (k["kind"] == mark.kind or not kind_matters)), None)
        if match is None:
            extras.append(mark)
        else:
            used.add(match)
            hits.append(mark)
    precision = len(hits) / len(marks)
    recall = len(hits) / len(key) if key else 1.0
    score = round(2 * precision * recall / (precision + recall), 2) if precision + recall else 0.0
    messages = []
    if hits:
        messages.append(f"{len(hits)} of {len(key)} found. Well done: " + ", ".join(f"“{h.text}”" for h in hits) + ".")
    found_by_tools = None
    for extra in extras:
        other = next((k for k in key if k["start"] < extra.end and extra.start < k["end"]), None)
        if other is not None:
            why = other.get("why") or _why_at(text, other)
            messages.append(f"“{extra.text}” is {_a(KIND_NAMES[other['kind']])} here, not {_a(KIND_NAMES.get(extra.kind, extra.kind))}"
                            + (f": {why}" if why else "."))
            continue
        if found_by_tools is None:
            found_by_tools = annotate(text)
        tool = next((s for s in found_by_tools if s.start < extra.end and extra.start < s.end), None)
        if tool is not None and tool.kind not in kinds:
            messages.append(f"“{extra.text}” is {_a(KIND_NAMES.get(tool.kind, tool.kind))}, which this question "
                            f"does not ask about.")
        else:
            messages.append(f"“{extra.text}” is not {_a(KIND_NAMES.get(extra.kind, extra.kind))}: "
                            f"{HINTS.get(extra.kind, 'look again at what the question asks for')}.")
    for i, k in enumerate(key):
        if i not in used:
            messages.append(f"Still to find: {_a(KIND_NAMES[k['kind']])} in {_place(text, k['start'])}"
                            f" (look for {HINTS[k['kind']]}).")
    status = "correct" if score == 1.0 else ("partial" if score > 0 else "wrong")
    return Feedback(score, status, messages, points)


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _why_at(text: str, key_span: dict) -> str:
    for span in annotate(text):
        if span.start < key_span["end"] and key_span["start"] < span.end and span.kind == key_span["kind"]:
            return span.why
    return ""


def check_choice(selected, answer, *, explanation: str = "", explanations: dict | None = None,
                 points: float = 1.0) -> Feedback:
    """Check a multiple-choice answer: ``answer`` is the right choice, or a list of them when several
    are right (then partial credit is the share of right choices ticked, minus wrong ones).

    >>> print(check_choice("claimed", "claimed", explanation="It keeps a distance."))
    Correct!
    - It keeps a distance.
    >>> check_choice(["may", "said"], ["may", "reportedly"]).score
    0.0
    """
    explanations = explanations or {}
    if selected is ... or selected is None or selected == [] or selected == ():
        return Feedback(0.0, "not answered", ["Choose an answer, then check again."], points)
    if isinstance(answer, (list, tuple, set)):
        chosen = set([selected] if isinstance(selected, str) else selected)
        right = set(answer)
        score = max(0.0, (len(chosen & right) - len(chosen - right)) / len(right))
        messages = [explanations[c] for c in sorted(chosen) if c in explanations]
    else:
        score = 1.0 if selected == answer else 0.0
        messages = [explanations[selected]] if selected in explanations else []
    if explanation and (score == 1.0 or not messages):
        messages.append(explanation)
    status = "correct" if score == 1.0 else ("partial" if score > 0 else "wrong")
    return Feedback(round(score, 2), status, messages, points)


def key_facts(text: str) -> list[str]:
    """Names and numbers in a sentence: what a neutral rewrite must keep.

    >>> key_facts("The Belarusian strongman met Putin in Moscow’s Kremlin on 17 February, with 2 aides.")
    ['Belarusian', 'Putin', 'Moscow', 'Kremlin', '17', 'February', '2']
    """
    import re

    facts = []
    for m in re.finditer(r"\d[\d,.]*%?|[A-Z][\w’'-]*", text):
        word = re.sub(r"[’']s?$", "", m.group().rstrip(".,"))
        first = not text[:m.start()].strip() or re.search(r"[.!?“\"]\s*$", text[:m.start()])
        if first and word[0].isalpha() and word.lower() in _COMMON_STARTS:
            continue
        if word not in facts:
            facts.append(word)
    return facts


_COMMON_STARTS = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "this", "that", "in", "on", "at", "but",
                  "and", "yet", "so", "as", "while", "when", "after", "before", "if", "there", "his", "her", "their"}


@dataclass
class RewriteFeedback:
    """What a rewrite still loads, and which names and numbers it lost."""

    loaded_left: list[Span]
    facts_kept: list[str]
    facts_lost: list[str]

    @property
    def done(self) -> bool:
        return not self.loaded_left and not self.facts_lost


def rewrite_feedback(original: str, rewrite: str) -> RewriteFeedback:
    """Compare a neutral rewrite with the original sentence.

    >>> fb = rewrite_feedback("The strongman parroted Moscow on 3 May.", "The president repeated Moscow's view.")
    >>> [s.text for s in fb.loaded_left], fb.facts_lost
    ([], ['3', 'May'])
    """
    from .loaded import find_loaded

    loaded = find_loaded("Rewrite\n\n" + rewrite) if rewrite.strip() else []
    shift = len("Rewrite\n\n")
    left = [Span.of(rewrite, s.start - shift, s.end - shift, s.kind, label=s.label, why=s.why,
                    alternative=s.alternative) for s in loaded]
    facts = key_facts(original)
    kept = [f for f in facts if f.lower() in rewrite.lower()]
    return RewriteFeedback(left, kept, [f for f in facts if f not in kept])
