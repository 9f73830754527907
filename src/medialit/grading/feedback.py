"""Scoring a student's answer against a key, with feedback that explains each miss and each extra.

Pure functions (no widgets): the Marker widget's Check button, the exercise ``check()`` and the
instructor's grader all use them. Feedback never prints the whole key: a miss is described by
its kind and where it is ("a hedge in sentence 2"), not by the words themselves.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..text.resources import data_dir
from ..analysis.annotation import annotate
from ..analysis.evaluation import f1_score
from ..span import KINDS, Span

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
    status: str                      # correct / partial / wrong / not answered / invalid / to be graded / saved
    messages: list[str] = field(default_factory=list)
    points: float = 1.0

    @property
    def earned(self) -> float:
        return round(self.score * self.points, 2)

    def __str__(self) -> str:
        return "\n".join([self.headline] + [f"- {m}" for m in self.messages])

    @property
    def headline(self) -> str:
        """The first line a student sees: never a raw status word, never "0 points" for an ungraded answer.

        >>> Feedback(0.0, "to be graded", points=2).headline
        'Saved: to be graded by your teacher (2 points).'
        """
        head = {"correct": "Correct!", "partial": f"Partly right: {self.earned:g} of {self.points:g} point"
                + ("s." if self.points != 1 else "."),
                "wrong": "Not yet.", "not answered": "Not answered yet.", "invalid": "That answer could not be read.",
                "to be graded": f"Saved: to be graded by your teacher ({self.points:g} points).",
                "not checked": "Saved: checked by the grader.",
                "saved": "Saved: your answer can be read. Your teacher grades it after you hand in."}
        return head.get(self.status, "Checked.")


_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
COVERED = 0.5  # a mark finds a key span when it covers at least half of the key span's words


def too_long(mark_words: int, key_words: int) -> bool:
    """A mark is a sentence, not a word or phrase, when it has more than three words and more than
    twice as many words as the key words it covers, plus one.

    >>> too_long(3, 1), too_long(3, 2), too_long(6, 2), too_long(20, 4)
    (False, False, True, True)
    """
    return mark_words > max(3, 2 * key_words + 1)


@lru_cache(maxsize=1)
def spelling_variants() -> list[tuple[str, str]]:
    """British/American spelling pairs that mark answers accept (``data/feedback/spelling-variants.csv``).

    >>> ("ise", "ize") in spelling_variants()
    True
    """
    with open(data_dir() / "feedback" / "spelling-variants.csv", encoding="utf-8", newline="") as handle:
        return [(row["uk"], row["us"]) for row in csv.DictReader(handle)]


def _variants(word: str) -> list[str]:
    """``word`` and its other spellings, one rule at a time (recognised -> recognized)."""
    out = [word]
    low = word.lower()
    for uk, us in spelling_variants():
        for a, b in ((uk, us), (us, uk)):
            if a in low and low.replace(a, b) not in out:
                out.append(low.replace(a, b))
    return out


def spelling_forms(word: str) -> list[str]:
    """The other UK/US spellings of ``word`` (lower case), one rule at a time.

    >>> "organisation" in spelling_forms("Organization")
    True
    """
    return _variants(word)[1:]


def _occurrences(text: str, word: str) -> tuple[list[tuple[int, int]], str]:
    """Where ``word`` stands in ``text`` as whole words, ignoring case, quote style and UK/US spelling.

    Returns the places and how the word was found ("" when as written). A word of four letters or more
    that only starts a longer word ("claim" in "claims") counts as that whole word.
    """
    plain = text.translate(_QUOTES).lower()
    for candidate in _variants(word.translate(_QUOTES).strip()):
        words = candidate.lower().split()
        if not words:
            return [], ""
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
        found = [(m.start(), m.end()) for m in re.finditer(pattern, plain)]
        if found:
            return found, "" if candidate is word or candidate == word.translate(_QUOTES).strip() else candidate
    if len(word.strip()) >= 4 and len(word.split()) == 1:
        stem = re.escape(word.translate(_QUOTES).strip().lower())
        found = [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + stem + r"[\w'’-]*", plain)]
        if found:
            return found, "stem"
    return [], ""


@dataclass
class _Mark:
    """One thing the student marked: a span, or every place a listed word stands in the text."""

    places: list[Span]
    label: str


def _as_marks(answer, text: str, default_kind: str) -> tuple[list[_Mark], list[str]]:
    """Marks from a Marker value, (start, end[, kind]) tuples, dicts, or strings found in ``text``.

    A string marks every place its word stands in the text, so a word is listed once; listing it
    again changes nothing. Returns the marks and messages about words that are not in the text.
    """
    marks, notes, seen = [], [], set()
    for item in answer:
        if isinstance(item, Span):
            marks.append(_Mark([item], item.text))
        elif isinstance(item, str):
            word = " ".join(item.split())
            key = word.translate(_QUOTES).lower()
            if key in seen:
                notes.append(f"“{word}” is listed twice: once is enough, it marks every place it appears.")
                continue
            seen.add(key)
            places, how = _occurrences(text, word)
            if not places:
                notes.append(f"“{word}” is not in the text: copy the words exactly as they are written."
                             if word else "An empty string marks nothing.")
                continue
            spans = [Span.of(text, s, e, default_kind) for s, e in places]
            if how == "stem":
                notes.append(f"“{word}” counted as the whole word “{spans[0].text}”.")
            marks.append(_Mark(spans, word))
        elif isinstance(item, dict):
            span = Span.of(text, int(item["start"]), int(item["end"]), item.get("kind", default_kind))
            marks.append(_Mark([span], span.text))
        else:
            start, end, *rest = item
            span = Span.of(text, int(start), int(end), rest[0] if rest else default_kind)
            marks.append(_Mark([span], span.text))
    return marks, notes


def _token_ids(tokens: list[tuple[int, int]], start: int, end: int) -> set[int]:
    return {i for i, (s, e) in enumerate(tokens) if s < end and start < e}


def jaccard(a: set, b: set) -> float:
    """Shared items over all items: 1.0 for the same words, 0.5 for "claims" against "Moscow’s claims".

    >>> jaccard({1, 2}, {2}), jaccard({1, 2, 3, 4}, {2})
    (0.5, 0.25)
    """
    return len(a & b) / len(a | b) if a | b else 0.0


def _place(text: str, pos: int) -> str:
    """Where ``pos`` is, for a student: "the headline" or "sentence 3" (counting body sentences)."""
    from ..text.splitter import sentences

    article = "\n\n" in text  # an article has a headline line; a paragraph has none
    number = 0
    for sentence in sentences(text):
        if sentence.label == "sentence" or not article:
            number += 1
        if sentence.start <= pos < sentence.end:
            return "the headline" if sentence.label == "headline" and article else f"sentence {number}"
    return "the text"


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37].rstrip() + "…"


def check_spans(answer, key: list[dict], text: str, *, kinds=KINDS,
                points: float = 1.0, kind_matters: bool = True) -> Feedback:
    """Score marked spans against key spans (``{"start", "end", "kind", ...}``) by precision and recall.

    ``answer`` may be a Marker's ``.value``, (start, end, kind) tuples, or a list of strings: a string
    marks every place its word stands in ``text`` (any case, either quote style, UK or US spelling);
    its kind is the first of ``kinds``. Scoring is by words: a mark finds every key span of its kind
    whose words it covers (at least half of them), and its precision is the share of its words that
    belong to key spans, so "parroted Moscow’s claims" finds "parroted" and "claims" but loses a little
    for "Moscow’s"; a mark that is :func:`too_long` (a sentence around the key words) earns nothing. A word that is not in the
    text is pointed out and does not count against the others.

    >>> text = "Head\\n\\nOfficials claimed the plan may fail."
    >>> key = [{"start": 16, "end": 23, "kind": "attribution"}, {"start": 33, "end": 36, "kind": "hedge"}]
    >>> print(check_spans([(33, 36, "hedge")], key, text))
    Partly right: 0.67 of 1 point.
    - 1 of 2 found. Well done: “may”.
    - Still to find: an attribution cue in sentence 1 (look for words that say who says so, such as said,
      claimed or according to).
    >>> print(check_spans(["Officials claimed the plan may fail", "mya"], key, text, kind_matters=False))
    Not yet.
    - “mya” is not in the text: copy the words exactly as they are written.
    - “Officials claimed the plan may fail” is too long: mark the word or phrase, not the whole sentence.
    - Still to find: an attribution cue in sentence 1 (look for words that say who says so, such as said,
      claimed or according to).
    - Still to find: a hedge in sentence 1 (look for words that make a claim less sure, such as may,
      reportedly or allegedly).
    """
    if answer is ... or answer is None:
        return Feedback(0.0, "not answered", ["Mark some words, or fill in the answer, then check again."], points)
    try:
        marks, notes = _as_marks(list(answer), text, kinds[0])
    except (TypeError, ValueError, KeyError) as error:
        return Feedback(0.0, "invalid", [f"This mark could not be read ({error})."], points)
    if not marks and not notes:
        return Feedback(0.0, "not answered", ["Nothing is marked yet."], points)
    key = [k for k in key if k["kind"] in kinds]
    tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    key_tokens = [_token_ids(tokens, k["start"], k["end"]) for k in key]
    used: set[int] = set()
    hits, extras, wide, shares = [], [], [], []
    for mark in marks:
        share = 0.0
        for place in mark.places:
            mine = _token_ids(tokens, place.start, place.end)
            if too_long(len(mine), len(mine & set().union(*key_tokens))):
                continue
            found = [i for i, k in enumerate(key) if i not in used and (k["kind"] == place.kind or not kind_matters)
                     and len(mine & key_tokens[i]) >= COVERED * len(key_tokens[i])]
            used.update(found)
            if found:
                inside = mine & set().union(*(key_tokens[i] for i in found))
                share = max(share, len(inside) / len(mine))
        shares.append(share)
        if share == 0.0:
            extras.append(mark)
        else:
            hits.append(mark)
            if share < 1.0:
                wide.append(mark)
    precision = sum(shares) / len(marks) if marks else 0.0
    recall = len(used) / len(key) if key else 1.0
    score = round(f1_score(precision, recall), 2)
    messages = list(notes)
    if hits:
        messages.insert(0, f"{len(used)} of {len(key)} found. Well done: " + ", ".join(f"“{h.label}”" for h in hits)
                        + ".")
    for mark in wide:
        messages.append(f"“{_short(mark.label)}”: part of this mark is right, but mark only the "
                        f"{KIND_NAMES.get(mark.places[0].kind, 'words')} itself, not the words around it.")
    found_by_tools = None
    for extra in extras:
        place = extra.places[0]
        mine = _token_ids(tokens, place.start, place.end)
        touched = [i for i in range(len(key)) if mine & key_tokens[i]]
        if touched and too_long(len(mine), len(mine & set().union(*key_tokens))):
            messages.append(f"“{_short(extra.label)}” is too long: mark the word or phrase, "
                            "not the whole sentence.")
            continue
        if touched and all(mine < key_tokens[i] for i in touched):
            messages.append(f"“{extra.label}” is only part of what to mark here: mark the whole phrase.")
            continue
        if touched:
            messages.append(f"“{extra.label}” is not {_a(KIND_NAMES.get(place.kind, place.kind))} here: "
                            "look at what the word does in its sentence.")
            continue
        if found_by_tools is None:
            found_by_tools = annotate(text)
        tool = next((s for s in found_by_tools if s.start < place.end and place.start < s.end), None)
        if tool is not None and tool.kind not in kinds:
            messages.append(f"“{extra.label}” is {_a(KIND_NAMES.get(tool.kind, tool.kind))}, which this question "
                            f"does not ask about.")
        else:
            messages.append(f"“{_short(extra.label)}” is not {_a(KIND_NAMES.get(place.kind, place.kind))}: "
                            f"{HINTS.get(place.kind, 'look again at what the question asks for')}.")
    missing: dict[tuple[str, str], int] = {}
    for i, k in enumerate(key):
        if i not in used:
            where = (k["kind"], _place(text, k["start"]))
            missing[where] = missing.get(where, 0) + 1
    for (kind, place), count in missing.items():
        what = _a(KIND_NAMES[kind]) if count == 1 else f"{count} {KIND_NAMES[kind]}s"
        messages.append(f"Still to find: {what} in {place} (look for {HINTS[kind]}).")
    status = "correct" if score == 1.0 else ("partial" if score > 0 else "wrong")
    return Feedback(score, status, messages, points)


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def normalise_choice(value) -> str:
    """A choice as compared: any case, no surrounding spaces or final full stop, straight quote marks.

    >>> normalise_choice("  VADER’s word list has no entry for “parroted”. ")
    'vader\\'s word list has no entry for "parroted"'
    """
    return " ".join(str(value).translate(_QUOTES).split()).rstrip(".").strip().lower()


def _loose(value) -> str:
    return " ".join(normalise_choice(value).replace('"', " ").replace("'", " ").replace("-", " ").split())


def _bare(value) -> str:
    """A choice with no punctuation, no apostrophes and no leading "the": "No, it is a reporting verb",
    "VADERs word list …" and "Belarusian government's" read as the choices they mean."""
    text = re.sub(r"[’'`]", "", normalise_choice(value))
    text = " ".join(re.sub(r"[^\w\s]", " ", text).split())
    return text[4:] if text.startswith("the ") else text


def _as_choice(value, choices) -> str:
    """The normalised choice a student meant: the choice itself, or the one choice it matches once quote
    marks and hyphens are ignored ("opinion site"), or once all punctuation, apostrophes and a leading
    "the" are ("No, it is a reporting verb with a source", "VADERs word list …"), or the one choice it
    starts ("No" for "No: it is …").

    >>> choices = ["Yes: it makes the claim less sure", "No: it is a reporting verb with a source"]
    >>> _as_choice("no, it is a reporting verb with a source", choices) == normalise_choice(choices[1])
    True
    >>> _as_choice("Belarusian government's", ["the Belarusian government's", "nobody's"])
    "the belarusian government's"
    """
    mine = normalise_choice(value)
    if not choices or mine in {normalise_choice(c) for c in choices}:
        return mine
    loose = _loose(value)
    same = [c for c in choices if _loose(c) == loose]
    bare = [c for c in choices if _bare(value) and _bare(c) == _bare(value)]
    starts = [c for c in choices if loose and re.match(re.escape(loose) + r"\s*:", _loose(c))]
    for found in (same, bare, starts):
        if len(found) == 1:
            return normalise_choice(found[0])
    return mine


def check_choice(selected, answer, *, explanation: str = "", explanations: dict | None = None,
                 choices=None, points: float = 1.0) -> Feedback:
    """Check a multiple-choice answer: ``answer`` is the right choice, or a list of them when several
    are right (then partial credit is the share of right choices ticked, minus wrong ones).

    Case, surrounding spaces, a final full stop and curly or straight quote marks do not matter.
    ``explanation`` is shown only for a fully right answer; a wrong choice gets its own explanation
    from ``explanations``, if there is one, else a nudge (never the right answer's explanation).

    >>> print(check_choice("Claimed.", "claimed", explanation="It keeps a distance."))
    Correct!
    - It keeps a distance.
    >>> print(check_choice("said", "claimed", explanation="It keeps a distance."))
    Not yet.
    - Not this one. Read the question and each choice again.
    >>> check_choice(["may", "said"], ["may", "reportedly"]).score
    0.0
    >>> options = ["Yes: it makes the claim less sure", "No: it is a reporting verb with a source"]
    >>> check_choice("No", options[1], choices=options).status, check_choice("'Yes'", options[1], choices=options).status
    ('correct', 'wrong')
    """
    explanations = {normalise_choice(k): v for k, v in (explanations or {}).items()}
    if selected is ... or selected is None or selected == [] or selected == ():
        return Feedback(0.0, "not answered", ["Choose an answer, then check again."], points)
    given = [selected] if isinstance(selected, str) else list(selected)
    chosen = [_as_choice(c, choices) for c in given]
    options = {normalise_choice(c) for c in choices} if choices else None
    messages = [f"“{original}” is not one of the choices: copy a choice exactly." for original, c in zip(given, chosen)
                if options is not None and c not in options]
    if messages and isinstance(answer, (list, tuple, set)) and isinstance(selected, str) and "," in selected:
        messages.append('This question has several right choices: write them as a list, e.g. ["first", "second"].')
    if isinstance(answer, (list, tuple, set)):
        right = {normalise_choice(a) for a in answer}
        score = max(0.0, (len(set(chosen) & right) - len(set(chosen) - right)) / len(right))
        messages += [explanations[c] for c in sorted(set(chosen) - right) if c in explanations]
        if 0 < score < 1:
            messages.append("Some of your choices are right, not all: look at each one again.")
        elif score == 0 and set(chosen) & right:
            messages.append("At least one of your choices is right, but as many are not: look at each one again.")
    else:
        score = 1.0 if chosen == [normalise_choice(answer)] else 0.0
        messages += [explanations[c] for c in chosen if c in explanations and score < 1]
    if score == 1.0 and explanation:
        messages.append(explanation)
    elif score == 0.0 and not messages:
        messages.append("Not this one. Read the question and each choice again.")
    status = "correct" if score == 1.0 else ("partial" if score > 0 else "wrong")
    return Feedback(round(score, 2), status, messages, points)
