"""The ``medialit`` command line.

    medialit sets                 list the article sets the kit ships
    medialit show [SET]           headline, kind, date, words and sentences of each article in a set
    medialit clean SET_FOLDER     clean SET_FOLDER/raw/*.txt into SET_FOLDER (with cleaning-log.json)
    medialit annotate PATH... [--json] [--html OUT]
                                  attributions, hedges, boosters and loaded wording in text files
    medialit report [SET] --out report.html
                                  one self-contained page comparing the articles of a set
    medialit assign               generate exercises/ from solutions/
    medialit assign --set FOLDER  an exercise on a teacher's own set, keys proposed for review
    medialit grade SUBMISSIONS... --out grades.csv [--feedback DIR]
                                  grade a class: fresh kernel per notebook, nbgrader-style gradebook
                                  (and a pre/post class summary when both assessments are graded)
    medialit rubrics [--notes]    the written questions' rubrics as Markdown, or written into the teacher notes
    medialit release OUT/         what students receive: no solutions, keys scrambled
    medialit evaluate [--set NAME | --gold-dir DIR]
                                  precision, recall and F1 of the detectors against gold annotations,
                                  and of the automatic claim matching against the set's claim map
"""
from __future__ import annotations

import argparse
import sys

from .text.articles import ArticleError, available_sets, load_articles
from .text.cleaning import clean_folder


def _sets(args) -> int:
    for name in available_sets():
        print(name)
    return 0


def _show(args) -> int:
    articles = load_articles(args.set)
    print(f"{articles.title}  ({articles.path})")
    for article in articles:
        print(f"- {article.id}: {article.headline}")
        print(f"    {article.n_words} words, {len(article.sentences)} sentences"
              + (f"; {article.kind}" if article.kind else "") + (f"; {article.date}" if article.date else ""))
    return 0


def _clean(args) -> int:
    for path in clean_folder(args.folder):
        print(f"wrote {path}")
    return 0


def _annotate(args) -> int:
    import json

    from .analysis.annotation import annotate
    from .analysis.document import document
    from .text.articles import read_text_file
    from .display.html import format_annotated, format_page

    status, pages = 0, []
    for path in args.paths:
        try:
            text = read_text_file(path, strip_bom=False)
        except ArticleError as error:
            print(f"medialit: {error}", file=sys.stderr)
            status = 1
            continue
        doc = document(text)
        spans = annotate(doc)
        if args.json:
            print(json.dumps({"path": path, "spans": [s.to_dict() for s in spans]}, ensure_ascii=False))
        elif not args.html:
            print(f"== {path}")
            for s in spans:
                if s.kind == "attribution":
                    who = "none" if s.source is None else f"{s.source.text!r} ({s.source.label})"
                    extra = f" source={who} stance={s.stance}"
                else:
                    extra = f" → {s.alternative}" if s.alternative else ""
                print(f"{s.start:>6}-{s.end:<6} {s.kind:11} {s.label:18} {s.text!r}{extra}")
        if args.html:
            pages.append(f"<h2>{path}</h2>" + format_annotated(text, spans, quotes=doc.quotes))
    if args.html:
        from pathlib import Path

        Path(args.html).write_text(format_page("medialit: annotated articles", "".join(pages)), encoding="utf-8")
        print(f"wrote {args.html}")
    return status


def build_report(articles) -> str:
    """The one-page report of an article set: the analysis run on every article, then formatted by
    :func:`medialit.display.report.format_report`.

    >>> from medialit import load_articles
    >>> build_report(load_articles()).count("<img") >= 4
    True
    """
    from .analysis.claims import align_claims, how_matched
    from .analysis.comparison import article_stats
    from .analysis.document import document
    from .analysis.annotation import annotate
    from .display.report import format_report

    articles = list(articles)
    docs = {a.id: document(a.text) for a in articles}
    spans = {a.id: annotate(docs[a.id]) for a in articles}
    claims = align_claims(articles)
    return format_report(articles, spans, [article_stats(a, spans[a.id]) for a in articles], claims,
                         how_matched=how_matched(claims), quotes={i: d.quotes for i, d in docs.items()})


def _report(args) -> int:
    from pathlib import Path

    Path(args.out).write_text(build_report(load_articles(args.set)), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def _assign(args) -> int:
    from pathlib import Path

    from .grading.assign import assign
    from .grading.keys import repo_dir

    if args.set:
        return _assign_set(args.set, args.paragraph or [])
    root = repo_dir()
    for path in assign(Path(args.solutions or root / "solutions"), Path(args.exercises or root / "exercises")):
        print(f"wrote {path}")
    return 0


def _assign_set(folder: str, paragraphs: list[str]) -> int:
    from .grading.review import claim_tasks, review_tasks
    from .grading.set_exercise import build_set_exercise, write_review_notebook

    try:
        paths = build_set_exercise(folder, paragraphs=paragraphs)
    except (ArticleError, ValueError) as error:
        print(f"medialit: {error}", file=sys.stderr)
        return 1
    review = write_review_notebook(folder)
    tasks, claims = review_tasks(folder), claim_tasks(folder)
    waiting = [t for t in tasks + claims if not t["reviewed"]]
    print(f"wrote {paths['exercise']} (for students)\nwrote {paths['solutions']} (model answers)\n"
          f"keys in {paths['annotations']}/: {sum(t['reviewed'] for t in tasks)} of {len(tasks)} paragraphs and "
          f"{sum(t['reviewed'] for t in claims)} of {len(claims)} omission questions reviewed")
    if waiting:
        print(f"Review the proposed keys before students see them: open {review} in JupyterLab, run it, "
              "correct the marks and press Save for each paragraph; then run this command again.")
    return 0


def _grade(args) -> int:
    from pathlib import Path

    from .grading.gradebook import Options, Stopped, grade, sandbox_summary, summary_paths, write_summary
    from .grading.pages import write_feedback
    from .grading.summary import summary_lines

    options = Options(assignment=args.assignment, duedate=args.duedate or "", cell_timeout=args.timeout,
                      memory_mb=args.memory_mb, sandbox=not args.no_sandbox, set_folder=args.set)
    missing = [p for p in args.submissions if not Path(p).exists()]
    if missing:
        print("medialit grade: no such file or folder: " + ", ".join(missing), file=sys.stderr)
        return 1
    try:
        rows = grade(args.submissions, Path(args.out), options, workers=args.workers)
    except Stopped as stopped:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # stopped already: another Ctrl+C changes nothing
        print(f"\n{stopped}", file=sys.stderr)
        return 130
    print(f"\nwrote {args.out}: {len(rows)} submissions")
    attention = [r for r in rows if r["status"] != "ok"]
    if attention:
        print(f"{len(attention)} need a look (see the status and flags columns):")
        for r in attention:
            print(f"  {r['student_id'] or '?'}  {r['file']}: {r['status']}")
    if sandbox_summary(rows):
        print(sandbox_summary(rows))
    summary = write_summary(rows, Path(args.out))
    if summary is not None:
        print("\n".join(summary_lines(summary)))
        print("wrote the class summary: " + " and ".join(str(p) for p in summary_paths(Path(args.out))))
    if args.feedback:
        write_feedback(rows, Path(args.feedback), show_answers=args.show_answers, gradebook=args.out, summary=summary)
        print(f"wrote feedback pages to {args.feedback} (class summary: index.html)")
    return 0


def _rubrics(args) -> int:
    from .grading.keys import all_questions, repo_dir
    from .grading.rubrics import RubricError, load_rubrics, notes_with_rubrics, rubric_problems, rubrics_markdown

    try:
        rubrics = load_rubrics()
    except RubricError as error:
        print(f"medialit: {error}", file=sys.stderr)
        return 1
    problems = rubric_problems(all_questions(), rubrics)
    if problems:
        print("medialit: the rubrics need fixing (data/rubrics/README.md):\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    markdown = rubrics_markdown(all_questions(), rubrics)
    if not args.notes:
        print(markdown)
        return 0
    notes = repo_dir() / "lessons" / "TEACHER-NOTES.md"
    try:
        text = notes_with_rubrics(notes.read_text(encoding="utf-8"), markdown)
    except RubricError as error:
        print(f"medialit: {notes}: {error}", file=sys.stderr)
        return 1
    notes.write_text(text, encoding="utf-8")
    print(f"wrote the rubrics into {notes}")
    return 0


def _release(args) -> int:
    from pathlib import Path

    from .grading.release import release

    try:
        out = release(Path(args.out))
    except ValueError as error:
        print(f"medialit: {error}", file=sys.stderr)
        return 1
    print(f"wrote the student release to {out}")
    return 0


def _evaluate_corpora(args) -> int:
    from .analysis.corpora import corpora_dir, evaluate_corpora, format_corpora, format_loaded_rates, loaded_rates

    folder = args.corpora if args.corpora != "default" else corpora_dir()
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    found = False
    for split in splits:
        results = evaluate_corpora(folder, split=split)
        if results:
            found = True
            print(format_corpora(results, split=split))
    rates = loaded_rates(folder) if found else {}
    if rates:
        print(format_loaded_rates(rates))
    if not found:
        print("no held-out corpora found (looked in $MEDIALIT_CORPORA and ~/.cache/medialit/corpora): "
              "`make corpora` fetches them once, with a connection; see evaluation/README.md")
    return 0


def _evaluate(args) -> int:
    import json
    from dataclasses import asdict

    if args.corpora:
        return _evaluate_corpora(args)

    from .analysis.claims import ClaimMapError
    from .analysis.evaluation import evaluate, evaluate_alignment, format_alignment, format_evaluation, load_anchored, score

    result = score(load_anchored(args.gold_dir)) if args.gold_dir else evaluate(args.set)
    alignment = None
    if not args.gold_dir:
        try:
            alignment = evaluate_alignment(args.set)
        except ClaimMapError:
            alignment = None  # the set has no hand-checked claim map to score against
    if args.json:
        scores = {mode: {k: {"precision": v.precision, "recall": v.recall, "f1": v.f1, **asdict(v)}
                         for k, v in getattr(result, mode).items()} for mode in ("exact", "overlap")}
        if alignment is not None:
            p = alignment.pairs
            scores["claims"] = {"pairs": {"precision": p.precision, "recall": p.recall, "f1": p.f1, **asdict(p)},
                                "right": alignment.right, "total": alignment.total,
                                "shared_right": alignment.shared_right, "shared_total": alignment.shared_total}
        print(json.dumps(scores))
    else:
        print(format_evaluation(result))
        if alignment is not None:
            print()
            print(format_alignment(alignment))
        if args.verbose:
            for label, items in (("missed", result.misses), ("extra", result.extras)):
                for item in items:
                    print(f"{label:7} {item['article']:16} {item['kind']:11} {item['text']!r}")
            if alignment is not None:
                for key in alignment.wrong_claims:
                    print(f"{'wrong':7} {'claim grid row':16} {key}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``medialit`` command.

    >>> build_parser().parse_args(["annotate", "--json", "a.txt"]).paths
    ['a.txt']
    """
    parser = argparse.ArgumentParser(prog="medialit", description="medialit: media literacy teaching kit")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("sets", help="list the article sets shipped with the kit").set_defaults(run=_sets)
    show = sub.add_parser("show", help="summarise the articles of a set")
    show.add_argument("set", nargs="?", default=None,
                      help="set name or folder (default: $MEDIALIT_ARTICLES or lukashenko-2023)")
    show.set_defaults(run=_show)
    clean = sub.add_parser("clean", help="clean FOLDER/raw/*.txt into FOLDER and write cleaning-log.json")
    clean.add_argument("folder")
    clean.set_defaults(run=_clean)
    annotate = sub.add_parser("annotate", help="mark attributions, hedges, boosters and loaded wording in files")
    annotate.add_argument("paths", nargs="+", metavar="PATH")
    annotate.add_argument("--json", action="store_true",
                          help='print one JSON object per file: {"path": ..., "spans": [...]}')
    annotate.add_argument("--html", metavar="OUT", help="write a highlighted HTML page to OUT")
    annotate.set_defaults(run=_annotate)
    report = sub.add_parser("report", help="write one self-contained HTML page comparing the articles of a set")
    report.add_argument("set", nargs="?", default=None, help="set name or folder (default: $MEDIALIT_ARTICLES or the seed set)")
    report.add_argument("--out", default="report.html", help="where to write the page (default: report.html)")
    report.set_defaults(run=_report)
    assign = sub.add_parser("assign", help="generate exercises/ from solutions/ (answers removed)")
    assign.add_argument("--solutions", help="solutions folder (default: the kit's solutions/)")
    assign.add_argument("--exercises", help="exercises folder to write (default: the kit's exercises/)")
    assign.add_argument("--set", metavar="FOLDER", help="build an exercise on this article set instead, with keys "
                        "proposed by the detectors for you to review (written into the set's folder)")
    assign.add_argument("--paragraph", action="append", metavar="KIND=ARTICLE:N",
                        help="with --set: the paragraph a question marks, e.g. attribution=local-paper:2 "
                        "(KIND: attribution, hedges or loaded; N counts body paragraphs from 1); repeatable")
    assign.set_defaults(run=_assign)
    grade = sub.add_parser("grade", help="grade submitted exercise notebooks into a gradebook")
    grade.add_argument("submissions", nargs="+", metavar="SUBMISSION", help="notebooks, or folders of notebooks")
    grade.add_argument("--out", default="grades.csv", help="the gradebook to write (default: grades.csv)")
    grade.add_argument("--assignment", help="the exercise number, e.g. 03 (default: read from each notebook)")
    grade.add_argument("--duedate", help="due date for the duedate column")
    grade.add_argument("--set", metavar="FOLDER", help="the article set of an exercise built with `assign --set` "
                       "(default: the folder each notebook names)")
    grade.add_argument("--workers", type=int, default=None, help="submissions graded at once (default: one more than the cores)")
    grade.add_argument("--timeout", type=float, default=30, help="seconds a cell may run before it is stopped")
    grade.add_argument("--memory-mb", type=int, default=2048, help="memory limit of each student's kernel")
    grade.add_argument("--no-sandbox", action="store_true",
                       help="run students' code without the bubblewrap sandbox (only for notebooks you trust)")
    grade.add_argument("--feedback", metavar="DIR", help="write one HTML feedback page per student here")
    grade.add_argument("--show-answers", action="store_true", help="put answers and keys in the feedback pages")
    grade.set_defaults(run=_grade)
    rubrics = sub.add_parser("rubrics", help="print the written questions' rubrics (data/rubrics/) as Markdown")
    rubrics.add_argument("--notes", action="store_true",
                         help="write them into lessons/TEACHER-NOTES.md, between its rubric markers, instead")
    rubrics.set_defaults(run=_rubrics)
    release = sub.add_parser("release", help="build what students receive: no solutions, keys not readable")
    release.add_argument("out", metavar="OUT", help="the folder to create")
    release.set_defaults(run=_release)
    evaluate = sub.add_parser("evaluate", help="score the detectors against gold annotations, and the automatic "
                              "claim matching against the set's hand-checked claim map")
    evaluate.add_argument("--set", default="lukashenko-2023", help="article set with data/annotations/<set>/")
    evaluate.add_argument("--gold-dir", help="a folder of NAME.txt + NAME.json gold written with anchors")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list every missed and extra span")
    evaluate.add_argument("--corpora", nargs="?", const="default", metavar="DIR",
                          help="score on the held-out public corpora instead (evaluation/README.md); DIR defaults to "
                               "$MEDIALIT_CORPORA or ~/.cache/medialit/corpora")
    evaluate.add_argument("--split", choices=("dev", "test", "both", "train"), default="both",
                          help="with --corpora: the split to score (dev and train were read while writing rules; "
                               "test was not; both = dev and test)")
    evaluate.set_defaults(run=_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input, 2 usage, 130 stopped by Ctrl+C).

    >>> main(["sets"])
    lukashenko-2023
    0
    """
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ArticleError as error:
        print(f"medialit: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
