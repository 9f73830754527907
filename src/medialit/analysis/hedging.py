"""Hedging and boosting: how sure the writer (or a quoted speaker) sounds.

``find_hedges(text)`` returns spans of ``kind="hedge"`` (may, might, could, reportedly, allegedly,
appears, so-called, about + a number …) and ``kind="booster"`` (clearly, certainly, never, of course,
"it reveals that" …). Each span says its category (``label``), why it matters, and whose voice it is:
``voice`` "author", "quote" (inside a direct quote; ``speaker`` says whose) or "reported" (inside
what an attribution reports someone said).

Rules that avoid the classic false alarms, from the ``context`` column of ``data/lexicons/hedges.csv``:
the month "May" is not a modal, nor is "may" giving permission ("you may leave", "May I ask?", an
offer after an invitation); "about"/"around"/"some" count only before a number; "appears"
only before "to"/"that"; "shows"/"reveals" only when no person is the subject. A reporting verb
with a source ("Lukashenko claimed", "reports suggest") is an attribution, not a hedge. "can" and
"will" are not on the list at all. Negation turns a booster into a hedge ("not clear") and is
kept in the span of a hedge ("not likely").

>>> [(h.text, h.kind, h.label) for h in find_hedges("The plan may fail. It is not likely to pass in May.")]
[('may', 'hedge', 'modal verb'), ('not likely', 'hedge', 'hedging adverb')]
>>> [(h.text, h.kind) for h in find_hedges("It is clearly wrong; he has never lied.")]
[('clearly', 'booster'), ('never', 'booster')]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .document import Document, as_document, document
from ..text.lexicon import determiner_before, norm, word_class, words_pattern
from ..span import Span

# Patterns used in loops, compiled once.
_RE1 = re.compile(r"([\w’'-]+)\W*$")
_RE2 = re.compile(r"[A-Za-z’'-]+")
_RE3 = re.compile(r"[\s“\"‘']*")
_RE4 = re.compile(r"([\w’'-]+(?:\s+one)?)\s+$")
_RE5 = re.compile(r"[A-Za-z]+")
_RE6 = re.compile(r"\s*\d")
_AS_NEXT = re.compile(r"\s+as\b", re.IGNORECASE)
_RE7 = re.compile(r"\b(?:is|are|was|were|be|been|being|widely|generally|often|also|still|not)\s+(?:\w+ly\s+)?$")
_OBJECT_TO = re.compile(r"\s+(?:[\w’'-]+\s+){1,5}?to\s+[a-z]", re.IGNORECASE)  # "expect the economy to slow"
_TO_BE_NEXT = re.compile(r"\s+(?:by\s+[\w’'-]+\s+)?to\s+(?:be|have)\b", re.IGNORECASE)
# an active view verb with its object: "some regard them as", "what they view as", "many consider it (to be)"
_OBJECT_AS = re.compile(r"\s+(?:[\w’'-]+\s+){0,3}?as\b(?!\s+(?:well|soon|much|many|long|far|if|though)\b)",
                        re.IGNORECASE)
_PRONOUN_OR_TO_BE = re.compile(r"\s+(?:him|her|it|them|this|these|those|themselves|himself|herself|itself|"
                               r"(?:[\w’'-]+\s+){0,3}?to\s+be)\b", re.IGNORECASE)
_RE8 = re.compile(r"\s+(?:to|that)\b")
_RE9 = re.compile(r"\s+(?:that|it|he|she|they|we|the|this|there)\b")


BOOSTER_CATEGORIES = {"certainty adverb", "absolute", "evidence verb"}
_NEGATION = re.compile(r"(?:\b(?:not|never|hardly|scarcely|barely)|n[’']t)\s+(?:(?:be|been|seem|so|very|that|"
                       r"entirely|always|necessarily|yet)\s+)?$", re.IGNORECASE)
_NUMBER = re.compile(r"\s*(?:\$|£|€)?(?:\d|(?:a |one |two |three |four |five |six |seven |eight |nine |ten |"
                     r"eleven |twelve |fifteen |twenty |thirty |forty |fifty |sixty |seventy |eighty |ninety |"
                     r"hundred|a hundred|thousand|million|billion|half|a third|a quarter|a dozen|dozens|hundreds|"
                     r"thousands|millions|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|"
                     r"fifty|sixty|seventy|eighty|ninety)\b)", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"\b(?:in|on|of|since|until|till|by|last|next|early|late|mid|from|through|during|"
                           r"between|and|this)\s+$", re.IGNORECASE)


_AUXILIARIES = r"(?:\s+(?:not|does|do|did|doesn’t|doesn't|didn’t|didn't|cannot|can|will|would|may|might|also|clearly|n’t|n't))*"


def _prev_word(text: str, pos: int, skip_auxiliaries: bool = False) -> str:
    window = text[max(0, pos - 60):pos]
    if skip_auxiliaries:
        window = re.sub(_AUXILIARIES + r"\s*$", "", window, flags=re.IGNORECASE)
    m = _RE1.search(window)
    return m.group(1).lower() if m else ""


@lru_cache(maxsize=1)
def _permission_words() -> dict[str, str]:
    from ..text.lexicon import form_index

    return {form: entry.category for form, entry in form_index("modal-permission").items()}


def is_permission(text: str, m: re.Match, doc: Document) -> bool:
    """True when the modal in ``m`` ("may") grants or asks permission instead of guessing: "May I ask…?",
    "you may leave", "visitors may park", or an offer inside an invitation ("I invite him … He may set
    down his aircraft here"). A verb after it that is not an action ("be", "have", "face", "find" …)
    keeps it a guess. The word lists are ``data/lexicons/modal-permission.csv``.

    >>> t = "Head\\n\\nYou may leave now. It may rain. “I invite him. He may land here.” He may be lying."
    >>> [is_permission(t, m, document(t)) for m in re.finditer(r"\\bmay\\b", t)]
    [True, False, True, False]
    """
    words = _permission_words()
    s0, _ = doc.sentence_at(m.start())
    following = _RE2.findall(text[m.end():m.end() + 60])[:3]
    low = [w.lower() for w in following]
    if _RE3.fullmatch(text[s0:m.start()]) and low[:1] in (["i"], ["we"]):
        return low[1:2] != [] and words.get(low[1]) != "not an action"  # "May I ask …?"
    if not low:
        return False
    verb = low[1] if low[0] == "not" and len(low) > 1 else low[0]
    if words.get(verb) == "not an action" or verb in ("also", "even", "soon", "already", "still", "yet"):
        return False
    subject = _RE4.search(text[max(s0, m.start() - 30):m.start()])
    subject = subject.group(1) if subject else ""
    if words.get(subject.lower()) == "addressee":
        return True
    if subject.lower() not in ("he", "she", "they", "i", "we") and not (
            subject[:1].isupper() and subject.lower() not in ("it", "this", "that", "there", "these", "those")):
        return False  # only a person can be offered something
    quote = doc.quote_at(m.start(), m.end())
    around = text[quote.start:quote.end] if quote is not None else text[s0:doc.sentence_at(m.start())[1]]
    return low[0] != "not" and any(words.get(w.lower()) == "invitation" for w in _RE5.findall(around))


def _passive(text: str, m: re.Match) -> bool:
    """A participle after "is", "widely" … ("is traditionally considered"), or before "to be"."""
    if not m.group().lower().split()[0].endswith(("ed", "en", "ght")):
        return False  # "is considering", "will not consider", "saw"
    return _RE7.search(text[max(0, m.start() - 30):m.start()], re.IGNORECASE) is not None or \
        _TO_BE_NEXT.match(text, m.end()) is not None


def _context_ok(context: str, text: str, m: re.Match, doc: Document) -> bool:
    if "+" in context:
        return all(_context_ok(part, text, m, doc) for part in context.split("+"))
    after = text[m.end():m.end() + 40]
    if context == "not-permission":
        return not is_permission(text, m, doc)
    if context == "not-month":  # "in May", "May 5", "Theresa May"; a lower-case "may" is the modal ("this may")
        word = m.group()
        if _RE6.match(after):
            return False
        if word[0].islower():
            return True
        s0, _ = doc.sentence_at(m.start())
        return m.start() == s0 and not _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start())
    if context == "before-number":
        return _NUMBER.match(after) is not None
    if context.startswith("not-after:"):  # "did not utter a word": the verb, not the adjective
        return words_pattern(context[10:], before=True).search(text[max(0, m.start() - 30):m.start()].lower()) is None
    if context.startswith("not-before:"):  # "believing in me": trust, not a guess
        return words_pattern(context[11:], before=False).match(text[m.end():m.end() + 30].lower()) is None
    if context == "before-as":  # "seen as", "viewed as"; not "widely viewed on the internet", "not seen since"
        return _AS_NEXT.match(after) is not None
    if context == "passive":  # "is considered", "was seen as", "considered to be"; not "is considering"
        return _passive(text, m)
    if context == "view-as":  # "is seen as", "some regard them as"; not "widely viewed on the internet"
        return _AS_NEXT.match(after) is not None and _passive(text, m) or not m.group().lower().endswith(
            ("ing", "ed", "en")) and _OBJECT_AS.match(after) is not None
    if context == "consider":  # "is considered", "many consider it (to be)"; not "will not consider the bill"
        return _passive(text, m) or not m.group().lower().endswith("ing") and _PRONOUN_OR_TO_BE.match(after) is not None
    if context == "before-to-or-that":
        return _RE8.match(after) is not None
    if context == "prediction":  # "expected to", "expects that", "expect him to cut costs"; not "was expected."
        before = text[max(0, m.start() - 20):m.start()]
        return _RE8.match(after) is not None or _OBJECT_TO.match(after) is not None and _RE4.search(before) is not None \
            and not determiner_before(before)
    if context == "clause-or-passive":  # "I think that …", "he is thought to have been"; not "a thought"
        return _RE9.match(after) is not None or _passive(text, m)
    if context == "before-that-or-clause":
        return _RE9.match(after) is not None
    if context == "not-person-subject":
        return _prev_word(text, m.start(), skip_auxiliaries=True) in word_class("grammar", "evidence noun")
    if context == "not-after-source":
        return _prev_word(text, m.start()) in word_class("grammar", "article", "demonstrative", "possessive")
    return True


def find_hedges(text: str | Document, *, headline: bool = True) -> list[Span]:
    """Hedges and boosters in ``text`` (a string or its document), in order, each with category, why and
    voice. ``headline``: the first line is a headline.

    >>> [(h.text, h.voice) for h in find_hedges("Head\\n\\n“It may rain,” she said. It will clearly pass.")]
    [('may', 'quote'), ('clearly', 'author')]
    """
    doc = as_document(text, headline=headline)
    text = doc.text
    if not text.strip():
        return []
    # a reporting verb with a source is an attribution, not a hedge; an agentless one ("is expected to",
    # "is widely believed") still hedges: nobody stands behind the claim
    # A verb of belief or expectation with a source ("analysts expect", "he thinks") is both: an attribution
    # (who) and a hedge in that source's voice (how sure they are).
    cues = sorted((a.start, a.end, a.source.meta.get("refers_to", a.source.text)) for a in doc.attributions
                  if a.meta["cue"] != "quote marks" and a.source is not None)
    cue_starts = [c[0] for c in cues]
    belief = word_class("hedges", "belief verb")
    out: list[Span] = []
    for m in doc.hits["hedges"]:
        entry = m.entry
        k = bisect_right(cue_starts, m.end()) - 1
        held_by = ""
        if k >= 0 and cues[k][0] < m.end() and m.start() < cues[k][1]:
            if norm(m.group()) not in belief:
                continue  # a reporting verb with a source ("Lukashenko claimed") is an attribution, not a hedge
            held_by = cues[k][2]
        elif not _context_ok(entry.context, text, m, doc):
            continue
        start, kind, label, why = m.start(), ("booster" if entry.category in BOOSTER_CATEGORIES else "hedge"), \
            entry.category, entry.why
        negation = _NEGATION.search(text, max(0, m.start() - 24), m.start())
        if negation and entry.category != "absolute":
            start = negation.start()
            if kind == "booster":
                kind, label = "hedge", "negated booster"
                why = f"Negated, the booster turns into doubt: “{text[start:m.end()]}” admits uncertainty."
            else:
                why = f"{entry.why} Negated (“{text[start:m.end()]}”), it still marks an estimate, not a fact."
        voice, speaker = ("reported", held_by) if held_by else doc.voice(start, m.end())
        if held_by:
            why = f"{why} Here it is {held_by}'s belief, reported by the writer: how sure {held_by} is, not the writer."
        if out and start < out[-1].end:
            continue
        out.append(Span.of(text, start, m.end(), kind, label=label, why=why, voice=voice, speaker=speaker))
    return out
