"""``medialit assign --set FOLDER``: an auto-graded exercise on a teacher's own article set.

It writes, inside the set's folder:

- ``annotations/<article>.json``: the detectors' spans as proposed gold, for articles that have no gold
  yet (reviewed gold is never overwritten), to be reviewed by the teacher (:mod:`.review`);
- ``solutions/<set>.ipynb``: the exercise with its model answers, the single source; its questions take
  their keys from those annotations when they are checked or graded, so a review changes them at once;
- ``exercises/<set>.ipynb``: what students get, generated from the solutions like the built-in ones;
- ``keys.bin``: the questions and their current keys, scrambled, for students' ``check()`` (saving a
  review writes it again);
- ``rubrics/<set>.json``: the rubric of the written question, in the kit's rubric format (edit it freely:
  it is not written again).

The questions: mark the attribution cues in a paragraph, give the type of each source in it, count its
named sources, mark the hedges and boosters in another paragraph and the loaded words in a third (each
from the article with the most of them), say which articles leave out a fact that one article gives (the
claim matching proposes the key), and a written question on omission. Run it again after the
review: the notebooks then show the reviewed marks in their model answers and stop saying that the
keys are unreviewed.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ..text.articles import Article, ArticleSet, load_articles
from .assign import make_exercise, render
from .keys import SET_KEYS, all_questions, answer_variable, use_set, write_set_keys
from .review import (UNREVIEWED_NOTE, key_reviewed, omission_key, paragraph_range, propose_gold, read_gold,
                     write_gold)

KIND_WORDS = {("attribution",): "**attribution cues** (the words that say *who says so*)",
              ("hedge", "booster"): "**hedges and boosters**", ("loaded",): "**loaded words**"}


def set_slug(articles: ArticleSet) -> str:
    """The set's name as question ids use it: "bus-lane-vote" (lower case, words joined by dashes).

    >>> from medialit import load_articles
    >>> set_slug(load_articles("lukashenko-2023"))
    'lukashenko-2023'
    """
    return re.sub(r"[^a-z0-9]+", "-", articles.name.lower()).strip("-") or "my-set"


def _spans_in(gold: dict, p0: int, p1: int, kinds) -> list[dict]:
    return [s for s in gold["spans"] if s["kind"] in kinds and p0 <= s["start"] and s["end"] <= p1]


def _best_paragraph(articles: ArticleSet, golds: dict, kinds, avoid: set[str], *, need=None):
    """(article, paragraph number, spans) with the most spans of ``kinds``, preferring articles not in ``avoid``."""
    best = None
    for article in articles:
        for number, (p0, p1) in enumerate(_paragraphs(article), start=1):
            spans = _spans_in(golds[article.id], p0, p1, kinds)
            if need and not need(spans):
                continue
            score = (article.id not in avoid, len(spans) if len(spans) <= 8 else 8 - len(spans) / 10, -number)
            if spans and (best is None or score > best[0]):
                best = (score, article, number, spans)
    return None if best is None else best[1:]


def _previous_choices(path: Path, articles: ArticleSet) -> dict[tuple, tuple[Article, int]]:
    """The (article, paragraph) each kind of marking question used when the exercise was built before."""
    if not path.exists():
        return {}
    out = {}
    for cell in nbformat.read(path, as_version=4).cells:
        ref = cell.metadata.get("medialit", {}).get("from_gold")
        if ref and cell.metadata["medialit"].get("kind") == "mark" and ref.get("article") in articles.ids:
            out[tuple(ref["kinds"])] = (articles[ref["article"]], int(ref["paragraph"]))
    return out


def _previous_passage(path: Path, articles: ArticleSet) -> tuple[Article, str] | None:
    """The omission question's passage when the exercise was built before (its review must still apply)."""
    if not path.exists():
        return None
    for cell in nbformat.read(path, as_version=4).cells:
        ref = cell.metadata.get("medialit", {}).get("from_claims")
        if ref and ref.get("article") in articles.ids:
            return articles[ref["article"]], ref["passage"]
    return None


def _omission_passage(articles: ArticleSet, previous) -> tuple[Article, str] | None:
    """A fact only one article gives, by the claim matching: the longest such sentence of 8 to 40 words."""
    if previous:
        return previous
    from ..analysis.claims import align_claims

    best = None
    for claim in align_claims(articles):
        if len(claim.members) != 1 or len(articles) < 2:
            continue
        (article_id, spans), = claim.members.items()
        for span in spans:
            text = " ".join(span.text.split())
            if 8 <= len(text.split()) <= 40 and (best is None or len(text) > len(best[1])):
                best = (articles[article_id], text)
    return best


def _paragraphs(article: Article) -> list[tuple[int, int]]:
    from ..analysis.practice_text import body_paragraphs

    return body_paragraphs(article)


def _headline(article: Article) -> str:
    return article.meta.get("headline") or article.text.split("\n", 1)[0].strip()


def _model_marks(article: Article, number: int, spans: list[dict]) -> list[dict]:
    """A mark question's model answer: each span with offsets into its paragraph (and its words, to read)."""
    p0, _ = paragraph_range(article, number)
    return [{"start": s["start"] - p0, "end": s["end"] - p0, "kind": s["kind"], "text": s["text"]} for s in spans]


def _mark_cells(qid: str, variable: str, ref: dict, points: int, what: str, article: Article, words: list,
                reviewed: bool) -> list:
    note = "" if reviewed else f"\n\n*{UNREVIEWED_NOTE}*"
    kinds = ref["kinds"]
    pick = " Choose *hedge* or *booster* above the text, then click the words." if len(kinds) > 1 else \
        " Click the words in the Marker (shift-click to stretch a mark over several words)."
    marker = "marker_" + variable[len("answer_"):]
    return [
        new_markdown_cell(f"### Question {qid} ({points} points)\n\nFind all the {what} in this paragraph of "
                          f"*{_headline(article)}*.{pick} Your marks are your answer: run the answer cell, "
                          f"and save (Ctrl+S) to keep them.{note}"),
        new_code_cell(f'{marker} = question_marker("{qid}")\n{marker}'),
        new_code_cell(f"# Your marks in the Marker above are your answer: run this cell after marking.\n"
                      f"# (Or write a list of words instead, e.g. [\"said\"].)\n{variable} = {marker}.value\n"
                      f"### BEGIN SOLUTION\n{variable} = {json.dumps(words, ensure_ascii=False)}\n"
                      f"### END SOLUTION\ncheck(\"{qid}\", {variable})",
                      metadata={"medialit": {"id": qid, "kind": "mark", "kinds": kinds, "points": points,
                                             "from_gold": ref}}),
    ]


PARAGRAPH_KINDS = {"attribution": ("attribution",), "hedges": ("hedge", "booster"), "loaded": ("loaded",)}


def parse_paragraph_choice(text: str) -> tuple[tuple[str, ...], str, int]:
    """A teacher's choice of paragraph, ``KIND=ARTICLE:N`` (kind: attribution, hedges or loaded).

    >>> parse_paragraph_choice("hedges=local-paper:2")
    (('hedge', 'booster'), 'local-paper', 2)
    """
    kind, _, where = text.partition("=")
    article, _, number = where.rpartition(":")
    if kind not in PARAGRAPH_KINDS or not article or not number.isdigit() or int(number) < 1:
        raise ValueError(f"{text!r}: write KIND=ARTICLE:N, KIND one of {', '.join(PARAGRAPH_KINDS)}, "
                         "e.g. attribution=local-paper:2 (N counts body paragraphs from 1)")
    return PARAGRAPH_KINDS[kind], article, int(number)


def build_set_exercise(folder: str | Path, *, paragraphs: list[str] = ()) -> dict[str, Path]:
    """Write proposed annotations, the solutions notebook and the exercise for the set in ``folder``;
    return the paths written (``annotations``, ``solutions``, ``exercise``). ``paragraphs`` are the
    teacher's choices (``"attribution=local-paper:2"``); other questions keep the paragraphs of an earlier
    build, or take the paragraph with the most spans of their kind.

    >>> import shutil, tempfile
    >>> from medialit.text.articles import sets_dir
    >>> folder = Path(tempfile.mkdtemp()) / "seed-copy"
    >>> _ = shutil.copytree(sets_dir() / "lukashenko-2023", folder, ignore=shutil.ignore_patterns("raw"))
    >>> paths = build_set_exercise(folder)
    >>> sorted(paths), paths["exercise"].name
    (['annotations', 'exercise', 'keys', 'solutions'], 'seed-copy.ipynb')
    >>> shutil.rmtree(folder.parent)
    """
    folder = Path(folder).resolve()
    articles = load_articles(folder)
    slug = set_slug(articles)
    golds = {}
    for article in articles:
        gold = read_gold(article) if (folder / "annotations" / f"{article.id}.json").exists() else None
        if gold is None:
            gold = propose_gold(article)
            write_gold(article, gold)
        golds[article.id] = gold
    used: set[str] = set()
    cells: list = []
    count = iter(range(1, 100))

    def next_question() -> tuple[str, str]:
        qid = f"{slug}.{next(count)}"
        return qid, answer_variable(qid)
    chosen = _previous_choices(folder / "solutions" / f"{slug}.ipynb", articles)
    for choice in paragraphs:
        kinds, article_id, number = parse_paragraph_choice(choice)
        if article_id not in articles.ids:
            raise ValueError(f"{choice!r}: no article {article_id!r} in this set; the ids are {', '.join(articles.ids)}")
        chosen[kinds] = (articles[article_id], number)
    chosen_passage = _previous_passage(folder / "solutions" / f"{slug}.ipynb", articles)

    def best(kinds, need=None):
        if tuple(kinds) in chosen:  # built before: keep the paragraphs the teacher may have reviewed
            article, number = chosen[tuple(kinds)]
            p0, p1 = paragraph_range(article, number)
            return article, number, _spans_in(golds[article.id], p0, p1, kinds)
        return _best_paragraph(articles, golds, kinds, used, need=need)
    all_reviewed = True

    def ref_for(article, number, kinds, **extra):
        return {"set": str(folder), "article": article.id, "paragraph": number, "kinds": list(kinds), **extra}

    attribution = best(("attribution",), need=lambda spans: len(spans) >= 2)
    if attribution:
        article, number, spans = attribution
        used.add(article.id)
        ref = ref_for(article, number, ("attribution",))
        reviewed = key_reviewed(article, ref)
        all_reviewed &= reviewed
        qid, variable = next_question()
        cells += _mark_cells(qid, variable, ref, 3, KIND_WORDS[("attribution",)], article,
                             _model_marks(article, number, spans), reviewed)
        sources = {s["source"]["text"]: s.get("source_type", "none") for s in spans if s.get("source")}
        if len(sources) >= 2:
            qid, variable = next_question()
            blank = "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: ..." for k in sources) + "}"
            model = json.dumps(sources, ensure_ascii=False)
            note = "" if reviewed else f"\n\n*{UNREVIEWED_NOTE}*"
            cells += [
                new_markdown_cell(f"### Question {qid} (2 points)\n\nWhat **type** is each source in the paragraph "
                                  f"of question {slug}.1? Use: named person, role, organisation, anonymous, vague, "
                                  f"author, none.{note}"),
                new_code_cell(f"# Replace each ... with a type in quote marks\n{variable} = {blank}\n"
                              f"### BEGIN SOLUTION\n{variable} = {model}\n### END SOLUTION\n"
                              f"check(\"{qid}\", {variable})",
                              metadata={"medialit": {"id": qid, "kind": "classify", "points": 2,
                                                     "from_gold": {**ref, "as": "source types"}}}),
            ]
        qid, variable = next_question()
        named = sum(1 for s in spans if s.get("source_type") == "named person")
        cells += [
            new_markdown_cell(f"### Question {qid} (1 point)\n\nIn the same paragraph, how many of the "
                              f"attributions have a **named person** as their source? (A person the article has "
                              f"named, even when this sentence says *he* or *the mayor*.)"
                              + ("" if reviewed else f"\n\n*{UNREVIEWED_NOTE}*")),
            new_code_cell(f"# A number\n{variable} = ...\n### BEGIN SOLUTION\n{variable} = {named}\n"
                          f"### END SOLUTION\ncheck(\"{qid}\", {variable})",
                          metadata={"medialit": {"id": qid, "kind": "numbers", "points": 1,
                                                 "from_gold": {**ref, "as": "named count"}}}),
        ]
    for kinds, points in ((("hedge", "booster"), 2), (("loaded",), 2)):
        found = best(kinds)
        if not found:
            continue
        article, number, spans = found
        used.add(article.id)
        ref = ref_for(article, number, kinds)
        reviewed = key_reviewed(article, ref)
        all_reviewed &= reviewed
        qid, variable = next_question()
        cells += _mark_cells(qid, variable, ref, points, KIND_WORDS[kinds], article,
                             _model_marks(article, number, spans), reviewed)
    omission = _omission_passage(articles, chosen_passage)
    if omission:
        article, passage = omission
        qid, variable = next_question()
        leaves_out, reviewed = omission_key(folder, article.id, passage)
        all_reviewed &= reviewed
        others = [a for a in articles.ids if a != article.id]
        note = "" if reviewed else f"\n\n*{UNREVIEWED_NOTE}*"
        cells += [
            new_markdown_cell(f"### Question {qid} (2 points)\n\n*{_headline(article)}* (`{article.id}`) says:\n\n"
                              f"> {passage}\n\nWhich of the other articles **leave this fact out**? Answer with a "
                              f"list of their ids, from: {', '.join(f'`{a}`' for a in others)} (an empty list `[]` if "
                              f"they all give it).{note}"),
            new_code_cell(f"# A list of article ids\n{variable} = ...\n### BEGIN SOLUTION\n"
                          f"{variable} = {json.dumps(leaves_out)}\n### END SOLUTION\ncheck(\"{qid}\", {variable})",
                          metadata={"medialit": {"id": qid, "kind": "align", "points": 2, "choices": others,
                                                 "from_claims": {"set": str(folder), "article": article.id,
                                                                 "passage": passage}}}),
        ]
    qid, variable = next_question()
    cells += [
        new_markdown_cell(f"### Question {qid} (2 points)\n\nName one fact that only **one** of these articles "
                          "gives, and say how a reader of the other articles would understand the event "
                          "differently without it. (Lesson 05's grid and CompareView help.)"),
        new_code_cell(f"# A few sentences in quote marks\n{variable} = ...\n### BEGIN SOLUTION\n"
                      f"{variable} = \"(a fact only one article gives, and what the others' readers miss)\"\n"
                      f"### END SOLUTION\ncheck(\"{qid}\", {variable})",
                      metadata={"medialit": {"id": qid, "kind": "reflect", "points": 2}}),
    ]
    status = ("Your teacher has reviewed the answer keys." if all_reviewed else
              "**Some answer keys have not been reviewed yet**: the kit's detectors proposed them, so feedback "
              "on those questions may be wrong. The questions say which.")
    intro = new_markdown_cell(
        f"# Exercise · {articles.title}\n\nThese questions use the articles your teacher chose. {status}\n\n"
        "**How to answer.** Each question has an answer cell with `answer_… = ...`. Replace the `...` with "
        "your answer, run the cell, and read the feedback that `check(...)` prints under it. You can check as "
        "often as you like. Save the notebook (Ctrl+S) when you are done: your teacher grades the saved answers.")
    setup = new_code_cell("import medialit\nfrom medialit.exercises import check, question_marker, use_set\n\n"
                          f"articles = use_set(r\"{folder}\")")
    done = new_markdown_cell("## Done?\n\nRun every cell once more (*Kernel → Restart Kernel and Run All Cells*), "
                             "check that each answer says what you meant, and save the notebook.")
    nb = new_notebook(cells=[intro, setup, *cells, done], metadata={
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "medialit": {"assignment": slug, "title": articles.title, "set": str(folder)}})
    solutions = folder / "solutions" / f"{slug}.ipynb"
    exercise = folder / "exercises" / f"{slug}.ipynb"
    for path, content in ((solutions, nb), (exercise, make_exercise(nb))):
        path.parent.mkdir(exist_ok=True)
        path.write_text(render(content), encoding="utf-8")
    _write_rubric(folder / "rubrics" / f"{slug}.json", qid)
    write_set_keys(folder)
    use_set(folder)
    all_questions.cache_clear()
    return {"annotations": folder / "annotations", "solutions": solutions, "exercise": exercise,
            "keys": folder / SET_KEYS}


OMISSION_RUBRIC = {
    "question": "Name one fact that only one of these articles gives, and say how a reader of the other articles "
                "would understand the event differently without it.",
    "criteria": [
        {"criterion": "the fact", "levels": [
            {"points": 1, "descriptor": "Names a fact that only one article gives, in words from that article."},
            {"points": 0, "descriptor": "No fact, a fact that several articles give, or an opinion."}]},
        {"criterion": "what it changes", "levels": [
            {"points": 1, "descriptor": "Says how the other articles' readers would understand the event "
                                        "differently (who is to blame, how big it is, what comes next)."},
            {"points": 0, "descriptor": "Says only that the fact is missing, or nothing about its effect."}]}],
    "notes": ["Check the fact against the articles yourself: the kit's claim grid matches sentences by their "
              "words, so a fact it marks as unique may be in another article in other words."],
}


def _write_rubric(path: Path, question_id: str) -> None:
    """The written question's rubric, in the kit's rubric format; a teacher's edits are kept."""
    if path.exists():
        return
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({question_id: OMISSION_RUBRIC}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_review_notebook(folder: str | Path) -> Path:
    """Write ``review-keys.ipynb`` in the set's folder: the teacher's view for reviewing the proposed keys."""
    folder = Path(folder).resolve()
    nb = new_notebook(cells=[
        new_markdown_cell(
            "# Review the answer keys\n\nThe kit's detectors proposed the marks below for the exercise on "
            "these articles. For each paragraph: **click** a marked word to remove a wrong mark, click an unmarked "
            "word to add one (pick its kind first; shift-click stretches a mark), change a source's **type** in "
            "the list under the text, then press **Save**. For the omission question, tick every article that "
            "gives the fact too and press **Save**. Saved keys count as reviewed: `check()` and "
            "`medialit grade` use your marks at once. When every paragraph is saved, run "
            f"`medialit assign --set {folder}` again so that the notebooks' model answers show your marks."),
        new_code_cell(f"from medialit.widgets import KeyReview\n\nKeyReview(r\"{folder}\")"),
    ], metadata={"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                 "language_info": {"name": "python"}})
    path = folder / "review-keys.ipynb"
    path.write_text(render(nb), encoding="utf-8")
    return path
