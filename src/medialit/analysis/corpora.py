"""Scoring the detectors on public annotated corpora that are not part of the kit (real news from other
outlets, events and years), so that the figures say how the kit does on text nobody here wrote.

A corpus is a folder of JSON Lines files, one document per line (``dev.jsonl`` for tuning, ``test.jsonl``
held out; see ``data/lexicons/README.md`` for the corpora used and how to get them)::

    {"id": "...", "source": "polnear", "text": "...", "headline": false,
     "spans": [{"start": 0, "end": 4, "kind": "attribution|hedge|loaded|source", "label": "..."}],
     "sentences": [{"start": 0, "end": 40, "hedged": true}]}

What is scored, per kind the corpus annotates:

- **attribution**: the kit's attribution cues against the corpus's cue spans ("said", "according to"),
  matched by overlap (each gold span at most once). A quotation that goes on with the speaker of the
  attribution before it (“…,” he said. “…”) is an attribution for the kit but part of that earlier
  attribution for the corpus, so it is not scored;
- **source**: for each attribution the kit finds, its source (who it says is speaking) against the
  corpus's source spans, by overlap ("Trump", "a person familiar with the matter");
- **hedge**: sentence level, on corpora that label sentences: a sentence is hedged when the kit finds an
  epistemic hedge in it (approximators such as "about 40" and negated boosters are reported apart and
  not counted); cue spans are scored by overlap too;
- **loaded**: the kit's loaded words against the corpus's loaded spans, by overlap.

Matching one to one is strict where the kit marks words one by one and a corpus marks a phrase: for
"a corrupt and evil regime" marked whole, the kit's "corrupt", "evil" and "regime" are one hit and two
false alarms. So loaded wording also gets a row **"loaded, any overlap"**, which asks what a reader of the
highlights asks: a mark is right when it lies on (overlaps) any gold span, and a gold span is found
when any mark lies on it. Its tp column counts the gold spans found; its precision is the share of
marks that are right.

>>> doc = {"id": "d", "text": "Officials said it may rain.", "spans": [
...     {"start": 10, "end": 14, "kind": "attribution", "label": "cue"},
...     {"start": 18, "end": 21, "kind": "hedge", "label": "speculation_modal_possible_"}],
...     "sentences": [{"start": 0, "end": 27, "hedged": True}]}
>>> result = score_documents([doc])
>>> result["attribution"].f1, result["hedged sentences"].f1
(1.0, 1.0)
>>> doc = {"id": "e", "source": "ptc", "text": "A corrupt and evil regime.", "spans": [
...     {"start": 2, "end": 25, "kind": "loaded", "label": "Loaded_Language"}]}
>>> result = score_documents([doc])
>>> [s.text for s in annotate(doc["text"], headline=False) if s.kind == "loaded"]
['corrupt', 'evil', 'regime']
>>> round(result["loaded"].precision, 2), result["loaded, any overlap"].precision
(0.33, 1.0)
"""
from __future__ import annotations

import json
import os
from bisect import bisect_left
from pathlib import Path

from .annotation import annotate
from .document import build_document
from .evaluation import AnyOverlap, Score

EPISTEMIC_EXCLUDED = ("approximator", "negated booster")
# What each corpus annotates, when a document does not say ("annotates"): a kind it does not annotate is
# not scored on it (a hedge the kit finds in PolNeAR is not a false alarm).
SOURCE_KINDS = {"polnear": ("attribution", "source"), "factbank": ("hedge",), "wiki": ("hedge",), "ptc": ("loaded",),
                "babe": ("loaded",)}
ANY_OVERLAP_KINDS = ("loaded",)   # corpora mark loaded phrases whole, the kit marks the words in them
HEADLINED = {"polnear", "ptc"}   # corpora whose documents open with their headline on the first line
CORPORA_ENV = "MEDIALIT_CORPORA"


def corpora_dir() -> Path | None:
    """Where the held-out corpora are: ``$MEDIALIT_CORPORA``, else ``~/.cache/medialit/corpora``; None when
    neither exists (the corpora are not part of the kit)."""
    for candidate in (os.environ.get(CORPORA_ENV), Path.home() / ".cache" / "medialit" / "corpora"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def load_jsonl(path: str | Path) -> list[dict]:
    """The documents of one JSON Lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def epistemic(label: str) -> bool:
    """True for the corpus cue labels that mark epistemic hedging: possibility and probability
    ("may", "likely") and belief ("believed", "expected"), as the Szeged uncertainty scheme names them; not
    conditions ("if", "would") or investigations ("whether"), which say what is hypothetical, not how sure
    the writer is. Corpora with no such labels count every cue.

    >>> [epistemic(x) for x in ("speculation_modal_probable_", "speculation_hypo_condition _", "weasel")]
    [True, False, True]
    """
    if not label.startswith("speculation"):
        return True
    return label.startswith(("speculation_modal", "speculation_hypo_doxastic"))


def _overlap_score(gold: list[tuple[int, int]], predicted: list[tuple[int, int]], score: Score) -> None:
    """Match each gold span to at most one overlapping prediction (spans sorted), and count."""
    predicted = sorted(predicted)
    starts = [p[0] for p in predicted]
    used = set()
    for g0, g1 in sorted(gold):
        i = max(0, bisect_left(starts, g0) - 8)
        hit = None
        while i < len(predicted) and predicted[i][0] < g1:
            if i not in used and predicted[i][1] > g0:
                hit = i
                break
            i += 1
        if hit is None:
            score.fn += 1
        else:
            used.add(hit)
            score.tp += 1
    score.fp += len(predicted) - len(used)


def _any_overlap_score(gold: list[tuple[int, int]], predicted: list[tuple[int, int]], score: AnyOverlap) -> None:
    """Count the marks that overlap some gold span (right) or none (fp), and the gold spans that some
    mark overlaps (tp) or none does (fn). Both lists are short per document."""
    for p0, p1 in predicted:
        if any(g0 < p1 and p0 < g1 for g0, g1 in gold):
            score.right += 1
        else:
            score.fp += 1
    for g0, g1 in gold:
        if any(g0 < p1 and p0 < g1 for p0, p1 in predicted):
            score.tp += 1
        else:
            score.fn += 1


def score_documents(documents: list[dict], *, kinds=("attribution", "source", "hedge", "loaded")) -> dict[str, Score]:
    """P/R/F1 per kind on corpus documents (see the module for what is scored). Keys: the kinds the
    documents annotate, and "hedged sentences" where they label sentences."""
    result: dict[str, Score] = {}
    for doc in documents:
        text = doc["text"]
        headline = doc.get("headline", doc.get("source") in HEADLINED)
        spans = annotate(build_document(text, headline=bool(headline)))
        annotated = set(doc.get("annotates") or SOURCE_KINDS.get(doc.get("source", ""), ())) or {
            s["kind"] for s in doc.get("spans", [])}
        for kind in kinds:
            if kind not in annotated and not (kind == "hedge" and doc.get("sentences")):
                continue
            gold = [(s["start"], s["end"]) for s in doc["spans"] if s["kind"] == kind]
            if kind == "source":  # who the kit says is speaking, for each attribution it finds
                predicted = [(s.source.start, s.source.end) for s in spans
                             if s.kind == "attribution" and s.source is not None and not s.meta.get("continues")]
            else:
                predicted = [(s.start, s.end) for s in spans if s.kind == kind
                             and not (kind == "hedge" and s.label in EPISTEMIC_EXCLUDED)
                             and not s.meta.get("continues")]
            _overlap_score(gold, predicted, result.setdefault(kind, Score()))
            if kind in ANY_OVERLAP_KINDS:
                _any_overlap_score(gold, predicted, result.setdefault(f"{kind}, any overlap", AnyOverlap()))
        if doc.get("sentences"):
            hedges = sorted(s.start for s in spans if s.kind == "hedge" and s.label not in EPISTEMIC_EXCLUDED)
            cues = sorted(s["start"] for s in doc["spans"] if s["kind"] == "hedge" and epistemic(s.get("label", "")))
            has_cues = any(s["kind"] == "hedge" for s in doc["spans"])  # else the corpus labels sentences only
            score = result.setdefault("hedged sentences", Score())
            for sentence in doc["sentences"]:
                i = bisect_left(hedges, sentence["start"])
                found = i < len(hedges) and hedges[i] < sentence["end"]
                j = bisect_left(cues, sentence["start"])
                hedged = (j < len(cues) and cues[j] < sentence["end"]) if has_cues else sentence["hedged"]
                if found and hedged:
                    score.tp += 1
                elif found:
                    score.fp += 1
                elif hedged:
                    score.fn += 1
    return result


def evaluate_corpora(folder: str | Path | None = None, *, split: str = "test") -> dict[str, dict[str, Score]]:
    """Scores per corpus (each subfolder holding ``<split>.jsonl``), by kind; {} when there are none."""
    folder = Path(folder) if folder is not None else corpora_dir()
    if folder is None or not folder.is_dir():
        return {}
    out = {}
    for path in sorted(folder.glob(f"*/{split}.jsonl")):
        out[path.parent.name] = score_documents(load_jsonl(path))
    return out


def format_corpora(results: dict[str, dict[str, Score]], *, split: str = "test") -> str:
    """The table ``medialit evaluate --corpora`` prints.

    >>> from medialit.analysis.evaluation import Score
    >>> print(format_corpora({"polnear": {"attribution": Score(7, 1, 3)}}))
    held-out corpora (test split), overlap matching: each gold span at most once
    (rows "…, any overlap": a mark is right when it lies on any gold span)
    corpus     kind                            P     R    F1    tp    fp    fn
    polnear    attribution                  0.88  0.70  0.78     7     1     3
    """
    lines = [f"held-out corpora ({split} split), overlap matching: each gold span at most once",
             '(rows "…, any overlap": a mark is right when it lies on any gold span)',
             f"{'corpus':10} {'kind':26} {'P':>5} {'R':>5} {'F1':>5} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for corpus, scores in results.items():
        for kind, s in scores.items():
            lines.append(f"{corpus:10} {kind:26} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f} {s.tp:5d} {s.fp:5d} "
                         f"{s.fn:5d}")
    return "\n".join(lines)


def loaded_rates(folder: str | Path | None = None, *, per_group: int = 300) -> dict[str, tuple[int, int, int]]:
    """Loaded words on plain news with no annotations (``isot/bench.jsonl``): for Reuters reports and for
    articles from sites that fact-checkers flagged, the first ``per_group`` articles of each, (words,
    loaded words, loaded words in the writer's own voice). A check that needs no gold: wire reports should
    judge far less in their own voice than partisan sites. {} when the file is absent.

    >>> loaded_rates("/nonexistent")
    {}
    """
    folder = Path(folder) if folder is not None else corpora_dir()
    path = folder / "isot" / "bench.jsonl" if folder is not None else None
    if path is None or not path.is_file():
        return {}
    groups: dict[str, list[str]] = {"Reuters reports": [], "flagged sites": []}
    for doc in load_jsonl(path):
        group = groups["Reuters reports" if doc["id"].startswith("true") else "flagged sites"]
        if len(group) < per_group:
            group.append(doc["text"])
    out = {}
    for name, texts in groups.items():
        words = loaded = own = 0
        for text in texts:
            words += len(text.split())
            for span in annotate(build_document(text, headline=True)):
                if span.kind == "loaded":
                    loaded += 1
                    own += span.voice == "author"
        out[name] = (words, loaded, own)
    return out


def format_loaded_rates(rates: dict[str, tuple[int, int, int]]) -> str:
    """The lines ``medialit evaluate --corpora`` prints for :func:`loaded_rates`.

    >>> print(format_loaded_rates({"Reuters reports": (2000, 6, 3)}))
    loaded words per 1,000 words on unannotated news (ISOT):
      Reuters reports        2,000 words   3.0 in all   1.5 in the writer's own voice
    """
    lines = ["loaded words per 1,000 words on unannotated news (ISOT):"]
    for name, (words, loaded, own) in rates.items():
        lines.append(f"  {name:18} {words:>9,} words {1000 * loaded / max(words, 1):5.1f} in all "
                     f"{1000 * own / max(words, 1):5.1f} in the writer's own voice")
    return "\n".join(lines)
