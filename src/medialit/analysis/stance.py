"""Stance read in context: an endorsing verb ("pointed out") endorses only when the writer does not
elsewhere keep its distance from the same source."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

_RE4 = re.compile(r"[A-Z][\w’'-]*[a-z]")
_RE5 = re.compile(r"[’']s$")
_RE6 = re.compile(r"^(?:the|a|an)\s+")


def referent(a) -> str:
    """Who an attribution's source is, as one key: a surname for a person, else the phrase."""
    if a.source is None:
        return ""
    if a.source.meta.get("refers_to"):
        return a.source.meta["refers_to"]
    if a.source.label == "named person":
        names = _RE4.findall(a.source.text)
        if names:
            return _RE5.sub("", names[-1])
    return _RE6.sub("", a.source.text.lower())


def _distancing_cues(text: str, doc, found: list) -> dict[str, list[str]]:
    """For each source, the words with which the writer keeps away from it: distancing cues
    ("claimed", "parroted") and loaded words in the writer's own voice inside the source's
    name ("The Belarusian strongman")."""
    hits = doc.hits["loaded"]
    hit_starts = [h.start() for h in hits]
    cues: dict[str, list[tuple[int, str]]] = {}
    for a in found:
        who = referent(a)
        if not who:
            continue
        if a.stance == "distancing" and a.voice != "quote":
            cues.setdefault(who, []).append((a.start, a.text.lower()))
        lo, hi = bisect_left(hit_starts, a.source.start), bisect_left(hit_starts, a.source.end)
        for m in hits[lo:hi]:
            if m.end() > a.source.end:
                continue
            entry = m.entry
            if not entry.context and doc.voice(m.start(), m.end())[0] == "author":
                cues.setdefault(who, []).append((m.start(), m.group().lower()))
    return {who: list(dict.fromkeys(w for _, w in sorted(found_cues))) for who, found_cues in cues.items()}


def stance_in_context(text: str, doc, found: list) -> list:
    """Stance is read in context: an endorsing verb ("pointed out") endorses only when the writer does
    not elsewhere distance itself from the same source; otherwise it merely reports (neutral).
    ``found`` are the attributions of ``text`` (``doc`` its document, with reported speech known); the result has the same
    attributions, with the stance and why of those endorsing cues changed.

    >>> from medialit.analysis.attribution import find_attributions
    >>> t = "Head\\n\\nMr. Tan claimed the tax was fair. Mr. Tan pointed out that it was low. Ms. Ode admitted it."
    >>> [(a.text, a.stance) for a in find_attributions(t)]
    [('claimed', 'distancing'), ('pointed out', 'neutral'), ('admitted', 'endorsing')]
    """
    if not any(a.stance == "endorsing" for a in found):
        return found
    cues = _distancing_cues(text, doc, found)
    out = []
    for a in found:
        words = cues.get(referent(a), []) if a.stance == "endorsing" else []
        if words:
            shown = ", ".join(words[:4]) + (", …" if len(words) > 4 else "")
            why = (f"“{a.text}” usually endorses, but this writer distances itself from {referent(a)} elsewhere "
                   f"({shown}), so here it reports rather than endorses.")
            a = replace(a, stance="neutral", why=why, meta={**a.meta, "stance_in_context": words})
        out.append(a)
    return out
