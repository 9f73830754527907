"""Scoring the detectors against the gold annotations: precision, recall and F1 per kind.

Two ways to match a predicted span with a gold span of the same kind: **exact** (same start and
end) and **overlap** (they share at least one character; each gold span matches at most one
prediction). For matched attributions it also reports how often the source type, stance and
direct/paraphrase label agree; for the others, the voice.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..text.resources import data_dir
from ..span import KINDS
from .annotation import annotate
from ..text.articles import load_articles


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0).

    >>> f1_score(1.0, 0.5), f1_score(0.0, 0.0)
    (0.667, 0.0)
    """
    return round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)


@dataclass
class AnyOverlap(Score):
    """A score where a mark is right when it overlaps any gold span (``right``; ``fp`` the others) and a
    gold span is found when any mark overlaps it (``tp``; ``fn`` the others): two marks on one gold
    phrase are both right, and the phrase is found once.

    >>> s = AnyOverlap(tp=1, fp=1, fn=1, right=3)
    >>> s.precision, s.recall
    (0.75, 0.5)
    """
    right: int = 0

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.fp) if self.right + self.fp else 1.0


@dataclass
class Evaluation:
    exact: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    overlap: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    agree: dict[str, list[int]] = field(default_factory=dict)   # field -> [agreeing, compared]
    misses: list[dict] = field(default_factory=list)
    extras: list[dict] = field(default_factory=list)


def gold_dir(set_name: str = "lukashenko-2023") -> Path:
    """The folder of gold annotations for an article set.

    >>> gold_dir().name
    'lukashenko-2023'
    """
    return data_dir() / "annotations" / set_name


def load_gold(set_name: str = "lukashenko-2023") -> dict[str, list[dict]]:
    """Gold spans per article id, from ``data/annotations/<set>/*.json``.

    >>> gold = load_gold()
    >>> sorted(gold), sum(1 for s in gold["bbc-repost"] if s["kind"] == "hedge")
    (['aggregator', 'bbc-repost', 'opinion-site'], 3)
    """
    return {json.loads(p.read_text(encoding="utf-8"))["article"]: json.loads(p.read_text(encoding="utf-8"))["spans"]
            for p in sorted(gold_dir(set_name).glob("*.json"))}


def _match(gold: list[dict], predicted: list[dict], exact: bool) -> list[tuple[dict, dict]]:
    pairs, used = [], set()
    for g in gold:
        best, best_overlap = None, 0
        for i, p in enumerate(predicted):
            if i in used:
                continue
            if exact:
                if (p["start"], p["end"]) == (g["start"], g["end"]):
                    best, best_overlap = i, 1
                    break
            else:
                overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
                if overlap > best_overlap:
                    best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, predicted[best]))
    return pairs


def score(documents: list[tuple[str, str, list[dict]]]) -> Evaluation:
    """Score the detectors on ``(name, text, gold_spans)`` documents.

    >>> text = "Head\\n\\nOfficials said it may rain."
    >>> gold = [{"kind": "hedge", "start": 24, "end": 27, "text": "may", "voice": "reported", "label": "modal verb"}]
    >>> result = score([("doc", text, gold)])
    >>> result.overlap["hedge"].f1, result.overlap["attribution"].fp
    (1.0, 1)
    """
    result = Evaluation()
    for name, text, gold in documents:
        predicted = [s.to_dict() for s in annotate(text)]
        for kind in KINDS:
            g = [s for s in gold if s["kind"] == kind]
            p = [s for s in predicted if s["kind"] == kind]
            for mode, scores in (("exact", result.exact), ("overlap", result.overlap)):
                pairs = _match(g, p, exact=(mode == "exact"))
                scores[kind].tp += len(pairs)
                scores[kind].fp += len(p) - len(pairs)
                scores[kind].fn += len(g) - len(pairs)
                if mode != "overlap":
                    continue
                matched_g = {id(a) for a, _ in pairs}
                matched_p = {id(b) for _, b in pairs}
                result.misses += [{"article": name, **s} for s in g if id(s) not in matched_g]
                result.extras += [{"article": name, **s} for s in p if id(s) not in matched_p]
                for a, b in pairs:
                    fields = ("source_type", "stance", "label") if kind == "attribution" else ("voice", "label")
                    for field_name in fields:
                        tally = result.agree.setdefault(f"{kind} {field_name}", [0, 0])
                        tally[0] += a.get(field_name) == b.get(field_name)
                        tally[1] += 1
    return result


def evaluate(set_name: str = "lukashenko-2023") -> Evaluation:
    """Score the detectors on every article of a set that has gold annotations.

    >>> evaluate().overlap["loaded"].tp
    28
    """
    articles = load_articles(set_name)
    return score([(aid, articles[aid].text, gold) for aid, gold in load_gold(set_name).items()])


def resolve_anchors(text: str, spans: list[dict]) -> list[dict]:
    """Gold written with anchors (``{"anchor": "Park claimed", "target": "claimed", ...}``, the anchor
    occurring once in the text) turned into offsets. Handy for writing gold by hand.

    >>> resolve_anchors("He said no. She said yes.", [{"kind": "attribution", "anchor": "She said", "target": "said"}])
    [{'kind': 'attribution', 'start': 16, 'end': 20, 'text': 'said'}]
    """
    def locate(item: dict) -> tuple[int, int]:
        anchor, target = item["anchor"], item.get("target", item["anchor"])
        at = text.find(anchor)
        if at == -1 or text.find(anchor, at + 1) != -1:
            raise ValueError(f"anchor {anchor!r} must occur exactly once in the text")
        start = at + anchor.index(target)
        return start, start + len(target)

    out = []
    for item in spans:
        start, end = locate(item)
        resolved = {k: v for k, v in item.items() if k not in ("anchor", "target", "source")}
        resolved.update(start=start, end=end, text=text[start:end])
        if "source" in item:
            s0, s1 = locate(item["source"])
            resolved["source"] = {"start": s0, "end": s1, "text": text[s0:s1], "type": item["source"]["type"]}
        out.append(resolved)
    return out


def load_anchored(folder: str | Path) -> list[tuple[str, str, list[dict]]]:
    """Documents from a folder of ``NAME.txt`` + ``NAME.json`` (anchored gold).

    >>> docs = load_anchored(data_dir().parent / "tests" / "heldout")
    >>> [name for name, _, _ in docs]
    ['blog-tax', 'science-coffee', 'sport-tickets', 'wire-flood']
    """
    from ..text.articles import read_text_file

    documents = []
    for gold_path in sorted(Path(folder).glob("*.json")):
        doc = json.loads(gold_path.read_text(encoding="utf-8"))
        text = read_text_file(gold_path.parent / doc["text"])
        documents.append((gold_path.stem, text, resolve_anchors(text, doc["spans"])))
    return documents


def format_evaluation(result: Evaluation) -> str:
    """A plain-text table of the scores.

    >>> format_evaluation(evaluate()).splitlines()[0].split()
    ['kind', 'match', 'P', 'R', 'F1', 'tp', 'fp', 'fn']
    """
    lines = [f"{'kind':12} {'match':8} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for kind in KINDS:
        for mode, scores in (("exact", result.exact), ("overlap", result.overlap)):
            s = scores[kind]
            lines.append(f"{kind:12} {mode:8} {s.precision:6.2f} {s.recall:6.2f} {s.f1:6.2f}  {s.tp:3} {s.fp:3} {s.fn:3}")
    lines.append("")
    lines.append("agreement on matched spans (overlap):")
    for key, (ok, total) in sorted(result.agree.items()):
        lines.append(f"  {key:28} {ok}/{total}")
    return "\n".join(lines)


# --- claim alignment against a hand-checked claim map ---------------------------------------

@dataclass
class AlignmentScore:
    """How well automatically matched claims agree with a hand-checked claim map.

    ``pairs`` scores every pair of sentences from two different articles: a pair is right when the
    map says the two sentences carry a same claim. ``right`` of ``total`` map claims got exactly
    their articles (a grid row with the map's ticks, all of its sentences carrying the claim).
    """

    pairs: Score = field(default_factory=Score)
    right: int = 0
    total: int = 0
    shared_right: int = 0                      # the same, for claims carried by two or more articles
    shared_total: int = 0
    wrong_claims: list[str] = field(default_factory=list)    # map claims whose row is not right


def _carried(sentence, passages) -> bool:
    return any(min(sentence.end, p.end) > max(sentence.start, p.start) for p in passages)


def score_alignment(articles, predicted, truth) -> AlignmentScore:
    """Score claims ``predicted`` (e.g. :func:`medialit.analysis.claims.match_claims`) against ``truth`` (the
    hand-checked claims of :func:`medialit.analysis.claims.map_claims`), sentence by sentence.

    >>> from medialit.analysis.claims import find_claim_map, map_claims
    >>> articles = load_articles()
    >>> truth = map_claims(articles, find_claim_map(articles))
    >>> perfect = score_alignment(articles, truth, truth)
    >>> perfect.pairs.precision, perfect.pairs.recall, perfect.right == perfect.total == 37
    (1.0, 1.0, True)
    """
    from ..text.splitter import sentences

    # every body sentence, so that a source list or caption joined to a claim counts as a mistake
    units = [(a.id, s) for a in articles for s in sentences(a.text) if s.label == "sentence"]

    def groups(claims) -> list[set[int]]:
        return [{k for k, (aid, s) in enumerate(units) if _carried(s, c.members.get(aid, []))} for c in claims]

    def pairs(claims) -> set[tuple[int, int]]:
        out = set()
        for members in groups(claims):
            out |= {(i, j) for i in members for j in members if i < j and units[i][0] != units[j][0]}
        return out

    gold, guess = pairs(truth), pairs(predicted)
    result = AlignmentScore(Score(tp=len(gold & guess), fp=len(guess - gold), fn=len(gold - guess)))
    guessed = [(set(c.members), members) for c, members in zip(predicted, groups(predicted))]
    for claim, members in zip(truth, groups(truth)):
        right = any(ids == set(claim.members) and sentences and sentences <= members for ids, sentences in guessed)
        result.total += 1
        result.right += right
        if len(claim.members) > 1:
            result.shared_total += 1
            result.shared_right += right
        if not right:
            result.wrong_claims.append(claim.key or claim.label)
    return result


def evaluate_alignment(set_name: str = "lukashenko-2023", **options) -> AlignmentScore:
    """Score the automatic claim matching (:func:`medialit.analysis.claims.match_claims`, ``options`` passed
    on) against the hand-checked claim map of a set.

    >>> result = evaluate_alignment()
    >>> result.total, 0 < result.pairs.precision <= 1
    (37, True)
    """
    from .claims import ClaimMapError, find_claim_map, map_claims, match_claims

    articles = load_articles(set_name)
    claim_map = find_claim_map(articles)
    if claim_map is None:
        raise ClaimMapError(f"the set {set_name!r} has no claim map (claims.json)")
    return score_alignment(articles, match_claims(articles, note=False, **options), map_claims(articles, claim_map))


def format_alignment(result: AlignmentScore) -> str:
    """The claim-matching scores as plain text.

    >>> format_alignment(evaluate_alignment()).splitlines()[0]
    'claim alignment (matched by shared words) against the hand-checked claim map:'
    """
    p = result.pairs
    return "\n".join([
        "claim alignment (matched by shared words) against the hand-checked claim map:",
        f"  sentence pairs       P {p.precision:.2f}  R {p.recall:.2f}  F1 {p.f1:.2f}   tp {p.tp}  fp {p.fp}  fn {p.fn}",
        f"  claims with exactly the right articles: {result.right} of {result.total} "
        f"({result.shared_right} of {result.shared_total} shared claims)",
    ])
