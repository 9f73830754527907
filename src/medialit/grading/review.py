"""A teacher's review of the keys the detectors propose for a set's own exercise.

``medialit assign --set FOLDER`` writes the detectors' spans for each article as proposed gold,
``FOLDER/annotations/<article>.json``, in the same format as the seed set's hand-made gold (plus
``"status": "proposed"``). The teacher reviews each question's paragraph (the ``KeyReview`` widget in
JupyterLab, or by editing the file): accept, remove or add a span, change a kind or a source type.
Saving writes the paragraph's spans back and records it under ``"reviewed"``; a key is *reviewed*
when its paragraph and kinds are recorded there. Hand-made gold with no ``status`` counts as reviewed.
Unreviewed keys still work, and say so wherever they show: in ``check()``, in the gradebook's flags
and in the exercise's own text.

The omission question's key (which articles leave out a fact one article gives) is proposed by the
automatic claim matching; the teacher's answer is saved in ``annotations/claims-review.json``.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..analysis.annotation import annotate
from ..analysis.practice_text import body_paragraphs, set_gold_file
from ..text.articles import Article, load_articles

SOURCE_TYPES = ("named person", "role", "organisation", "anonymous", "vague", "author", "none")
UNREVIEWED_NOTE = ("This key was proposed by the kit's detectors and your teacher has not reviewed it yet: "
                   "if the feedback looks wrong, ask.")


def _span_dict(span) -> dict:
    out = span.to_dict()
    out.pop("why", None)  # the gold records what is marked, not the detector's explanation
    return out


def propose_gold(article: Article) -> dict:
    """Gold annotations for an article as the detectors see them, marked as proposed (not reviewed).

    >>> from medialit import load_articles
    >>> gold = propose_gold(load_articles()["aggregator"])
    >>> gold["status"], gold["article"], gold["spans"][0]["kind"]
    ('proposed', 'aggregator', 'attribution')
    """
    return {"article": article.id, "file": article.path.name if article.path else "", "status": "proposed",
            "reviewed": [], "spans": [_span_dict(s) for s in annotate(article.text)]}


def read_gold(article: Article) -> dict | None:
    """The article's gold annotations (the set's own, else the kit's), or None when there are none."""
    path = set_gold_file(article)
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: not readable as annotations ({error}); fix or delete the file and run "
                         "`medialit assign --set` again") from error


def key_reviewed(article: Article, ref: dict) -> bool:
    """Whether the key ``ref`` (``{"paragraph": 2, "kinds": [...]}``) rests on reviewed annotations.

    >>> from medialit import load_articles
    >>> key_reviewed(load_articles()["opinion-site"], {"paragraph": 5, "kinds": ["attribution"]})
    True
    """
    gold = read_gold(article)
    if gold is None:
        return False
    if "status" not in gold:
        return True  # hand-made gold, like the seed set's
    kinds = set(ref.get("kinds", ()))
    return any(r.get("paragraph") == ref.get("paragraph") and kinds <= set(r.get("kinds", ()))
               for r in gold.get("reviewed", []))


def paragraph_range(article: Article, paragraph: int) -> tuple[int, int]:
    """Start and end of the ``paragraph``-th body paragraph (from 1) in the article's text."""
    paragraphs = body_paragraphs(article)
    return paragraphs[max(0, min(paragraph, len(paragraphs)) - 1)]


def save_review(folder: str | Path, article_id: str, paragraph: int, kinds, marks, *,
                source_types: dict[int, str] | None = None) -> dict:
    """Save a teacher's review of one paragraph: ``marks`` are the spans that are right, as
    ``(start, end, kind)`` with offsets into the paragraph; ``source_types`` changes the source type of
    the attribution that starts at a paragraph offset. Spans kept unchanged keep every detail
    (source, stance, label); a span the teacher added gets what can be said of it (an attribution
    added by hand has no source until one is typed: ``"none"``). Returns the saved gold.

    >>> import shutil, tempfile
    >>> from medialit.text.articles import sets_dir
    >>> folder = Path(tempfile.mkdtemp()) / "set"
    >>> _ = shutil.copytree(sets_dir() / "lukashenko-2023", folder, ignore=shutil.ignore_patterns("raw"))
    >>> (folder / "annotations").mkdir()
    >>> article = load_articles(folder)["aggregator"]
    >>> _ = write_gold(article, propose_gold(article))
    >>> gold = save_review(folder, "aggregator", 2, ["attribution"], [(0, 4, "attribution")])
    >>> gold["status"], gold["reviewed"]
    ('reviewed', [{'paragraph': 2, 'kinds': ['attribution']}])
    >>> shutil.rmtree(folder.parent)
    """
    article = load_articles(folder)[article_id]
    gold = read_gold(article) or propose_gold(article)
    p0, p1 = paragraph_range(article, paragraph)
    kinds = list(kinds)
    inside = lambda s: s["kind"] in kinds and p0 <= s["start"] and s["end"] <= p1  # noqa: E731
    old = {(s["start"], s["end"], s["kind"]): s for s in gold["spans"] if inside(s)}
    kept = [s for s in gold["spans"] if not inside(s)]
    text = article.text
    source_types = source_types or {}
    for start, end, kind in marks:
        a, b = p0 + int(start), p0 + int(end)
        if not (p0 <= a < b <= p1) or kind not in kinds:
            raise ValueError(f"mark {start}–{end} ({kind}) is not inside paragraph {paragraph} as {kinds}")
        span = dict(old.get((a, b, kind)) or {"start": a, "end": b, "text": text[a:b], "kind": kind})
        if kind == "attribution":
            span.setdefault("label", "paraphrase")
            span.setdefault("stance", "neutral")
            span.setdefault("source_type", "none")
            new_type = source_types.get(int(start))
            if new_type:
                if new_type not in SOURCE_TYPES:
                    raise ValueError(f"{new_type!r} is not a source type; use one of {', '.join(SOURCE_TYPES)}")
                span["source_type"] = new_type
                if span.get("source"):
                    span["source"] = {**span["source"], "type": new_type}
        kept.append(span)
    gold["spans"] = sorted(kept, key=lambda s: (s["start"], s["end"], s["kind"]))
    reviewed = [r for r in gold.get("reviewed", []) if r.get("paragraph") != paragraph]
    previous = next((r for r in gold.get("reviewed", []) if r.get("paragraph") == paragraph), None)
    done = sorted(set(kinds) | set(previous["kinds"] if previous else ()))
    gold["reviewed"] = sorted(reviewed + [{"paragraph": paragraph, "kinds": done}], key=lambda r: r["paragraph"])
    gold["status"] = "partly reviewed"
    write_gold(article, gold)
    if all_reviewed(folder):
        gold["status"] = "reviewed"
        write_gold(article, gold)
    if (Path(folder) / "solutions").is_dir():
        from .keys import all_questions, write_set_keys

        all_questions.cache_clear()
        write_set_keys(folder)  # students' check() follows the review at once
    return gold


def write_gold(article: Article, gold: dict) -> Path:
    """Write an article's gold into its set's ``annotations/`` folder (created if needed)."""
    path = article.path.parent / "annotations" / f"{article.id}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def review_tasks(folder: str | Path) -> list[dict]:
    """What a teacher has to review for a set's exercise: one task per paragraph its marking questions
    use, with the question ids, the text, the proposed spans (offsets into the paragraph) and whether
    the paragraph is reviewed yet. Empty before ``medialit assign --set``.
    """
    from .keys import questions_from_notebook

    folder = Path(folder)
    articles = load_articles(folder)
    tasks: dict[tuple[str, int], dict] = {}
    for path in sorted((folder / "solutions").glob("*.ipynb")):
        for q in questions_from_notebook(path):
            ref = q.get("from_gold") or {}
            if not ref.get("article"):
                continue
            key = (ref["article"], ref["paragraph"])
            task = tasks.setdefault(key, {"article": ref["article"], "paragraph": ref["paragraph"], "kinds": [],
                                          "questions": []})
            task["kinds"] = sorted(set(task["kinds"]) | set(ref["kinds"]))
            task["questions"].append(q["id"])
    out = []
    for (article_id, paragraph), task in tasks.items():
        article = articles[article_id]
        p0, p1 = paragraph_range(article, paragraph)
        gold = read_gold(article) or propose_gold(article)
        spans = [{**s, "start": s["start"] - p0, "end": s["end"] - p0} for s in gold["spans"]
                 if s["kind"] in task["kinds"] and p0 <= s["start"] and s["end"] <= p1]
        out.append({**task, "text": article.text[p0:p1], "spans": spans,
                    "reviewed": key_reviewed(article, task)})
    return out


def all_reviewed(folder: str | Path) -> bool:
    """Whether every key of the set's exercise is reviewed (true before there is an exercise)."""
    folder = Path(folder)
    if not (folder / "solutions").is_dir():
        return True
    return all(t["reviewed"] for t in review_tasks(folder) + claim_tasks(folder))


CLAIMS_REVIEW = "claims-review.json"


def _claims_file(folder: str | Path) -> Path:
    return Path(folder) / "annotations" / CLAIMS_REVIEW


def reviewed_claims(folder: str | Path) -> dict[str, list[str]]:
    """The teacher's review of omission keys: for a passage, every article that gives the same fact."""
    path = _claims_file(folder)
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))["carried_by"]
    except (ValueError, KeyError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: not readable as a claims review ({error}); fix or delete it") from error


def omission_key(folder: str | Path, article_id: str, passage: str) -> tuple[list[str], bool]:
    """Which articles leave out the fact in ``passage`` (of ``article_id``), and whether a teacher
    reviewed it; unreviewed, the automatic claim matching decides.

    >>> from medialit.text.articles import sets_dir
    >>> omission_key(sets_dir() / "lukashenko-2023", "aggregator",
    ...              "which is continuing to host Russian troops")  # the set's hand-checked claim map
    (['opinion-site', 'bbc-repost'], True)
    """
    from ..analysis.claims import AUTOMATIC, align_claims

    articles = load_articles(folder)
    review = reviewed_claims(folder)
    if passage in review:
        carried = set(review[passage]) | {article_id}
        return [a for a in articles.ids if a not in carried], True
    for claim in align_claims(articles):
        if any(passage in span.text or span.text.strip() in passage for span in claim.members.get(article_id, [])):
            return [a for a in articles.ids if a not in claim.members], claim.origin != AUTOMATIC
    return [a for a in articles.ids if a != article_id], False


def save_claim_review(folder: str | Path, passage: str, carried_by) -> dict:
    """Save which articles give the fact in ``passage`` (the article it comes from, and any others)."""
    articles = load_articles(folder)
    unknown = [a for a in carried_by if a not in articles.ids]
    if unknown:
        raise ValueError(f"{', '.join(unknown)}: not an article of this set ({', '.join(articles.ids)})")
    review = reviewed_claims(folder)
    review[passage] = [a for a in articles.ids if a in set(carried_by)]
    path = _claims_file(folder)
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"carried_by": review}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if (Path(folder) / "solutions").is_dir():
        from .keys import all_questions, write_set_keys

        all_questions.cache_clear()
        write_set_keys(folder)
    return review


def claim_tasks(folder: str | Path) -> list[dict]:
    """The omission questions of a set's exercise, to review: the passage, its article, the articles the
    matching says also give it, and whether a teacher has reviewed it."""
    from .keys import questions_from_notebook

    folder = Path(folder)
    articles = load_articles(folder)
    out = []
    for path in sorted((folder / "solutions").glob("*.ipynb")):
        for q in questions_from_notebook(path):
            ref = q.get("from_claims")
            if ref:
                leaves_out, reviewed = omission_key(folder, ref["article"], ref["passage"])
                out.append({"question": q["id"], "article": ref["article"], "passage": ref["passage"],
                            "carried_by": [a for a in articles.ids if a not in leaves_out], "reviewed": reviewed})
    return out
