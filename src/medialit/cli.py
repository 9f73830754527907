"""The ``medialit`` command line.

    medialit sets                 list the article sets the kit ships
    medialit show [SET]           headline, kind, date, words and sentences of each article in a set
    medialit clean SET_FOLDER     clean SET_FOLDER/raw/*.txt into SET_FOLDER (with cleaning-log.json)
"""
from __future__ import annotations

import argparse
import sys

from .articles import ArticleError, available_sets, load_articles
from .cleaning import clean_folder


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


def build_parser() -> argparse.ArgumentParser:
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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input, 2 usage).

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
