"""Feedback on a neutral rewrite: which loaded words are left, and which names and numbers were lost."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..span import Span
from ..text.lexicon import word_class
from ..text.resources import stopwords


def key_facts(text: str) -> list[str]:
    """Names and numbers in a sentence: what a neutral rewrite must keep.

    >>> key_facts("The Belarusian strongman met Putin in Moscow’s Kremlin on 17 February, with 2 aides.")
    ['Belarusian', 'Putin', 'Moscow', 'Kremlin', '17', 'February', '2']
    """
    facts = []
    for m in re.finditer(r"\d[\d,.]*%?|[A-Z][\w’'-]*", text):
        word = re.sub(r"[’']s?$", "", m.group().rstrip(".,"))
        first = not text[:m.start()].strip() or re.search(r"[.!?“\"]\s*$", text[:m.start()])
        if first and word[0].isalpha() and word.lower() in stopwords():
            continue
        if word not in facts:
            facts.append(word)
    return facts


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
    from ..analysis.loaded import find_loaded

    loaded = find_loaded("Rewrite\n\n" + rewrite) if rewrite.strip() else []
    shift = len("Rewrite\n\n")
    left = [Span.of(rewrite, s.start - shift, s.end - shift, s.kind, label=s.label, why=s.why,
                    alternative=s.alternative) for s in loaded]
    facts = key_facts(original)
    kept = [f for f in facts if _kept(f, rewrite)]
    return RewriteFeedback(left, kept, [f for f in facts if f not in kept])


def _kept(fact: str, rewrite: str) -> bool:
    """A name or number is kept when the rewrite has it, or has the country a nationality word comes from
    ("Belarus" for "Belarusian", "Russia" for "Russian": the same place, said another way).

    >>> _kept("Belarusian", "Lukashenko spoke about Belarus's role"), _kept("Belarusian", "He spoke")
    (True, False)
    >>> _kept("Ukrainian", "troops in Ukraine"), _kept("Chinese", "trade with China")
    (True, True)
    """
    low = rewrite.lower()
    if fact.lower() in low:
        return True
    if not fact[:1].isalpha() or fact.lower() not in word_class("places", "demonym"):
        return False
    countries = {c.lower() for c in word_class("places", "country")}
    word = fact.lower()
    return any(len(c) >= 4 and (word.startswith(c) or (c[-1] in "aeiouy" and word.startswith(c[:-1])))
               and re.search(rf"\b{re.escape(c)}\b", low) for c in countries)
