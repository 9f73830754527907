"""Clues to the kind of a text (news report, opinion, aggregator, press release, state media, a copy): evidence
found in the text itself and in what cleaning removed from the copied page (lesson 07).

The clue rules are ``data/kinds/clues.csv`` (see its README). Besides them, the kit counts judging (loaded)
words in the writer's own voice, passages in quote marks and numbered sources. A clue *suggests* a kind; students
weigh the clues, and some kinds (state media) show only when you find out who is behind a source.

>>> from medialit import load_articles
>>> clues = kind_clues(load_articles("lukashenko-2023"))
>>> sorted({c.points_to for c in clues["aggregator"]})
['aggregator', 'news report or summary', 'opinion or summary']
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from .loaded import find_loaded
from ..text.articles import Article, read_text_file
from ..text.resources import data_dir
from ..text.splitter import sentences

KINDS_OF_TEXT = ("news report", "opinion", "aggregator", "press release", "state media", "copy (re-post)")


@dataclass(frozen=True)
class Clue:
    """One clue in one article: what it is, the kind of text it points to, the words that show it, and why."""

    article: str
    clue: str
    points_to: str
    evidence: str
    why: str


@lru_cache(maxsize=1)
def clue_rules() -> tuple[dict, ...]:
    """The clue rules of ``data/kinds/clues.csv``, each with its pattern compiled (``regex``).

    >>> rules = clue_rules()
    >>> next(r for r in rules if r["clue"] == "a list of sources")["points_to"]
    'aggregator'
    """
    path = data_dir() / "kinds" / "clues.csv"
    rules = []
    for row in csv.DictReader(read_text_file(path).splitlines()):
        if row["where"] not in ("text", "heading", "removed"):
            raise ValueError(f"{path}: clue {row['clue']!r}: 'where' must be text, heading or removed")
        rules.append({**row, "regex": re.compile(row["pattern"])})
    return tuple(rules)


def _line(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)].strip(" •\t")
    return line if len(line) <= 140 else line[:137].rstrip() + "…"


def _listed(words: list[str], limit: int = 8) -> str:
    shown = list(dict.fromkeys(w.strip("“”\"'‘’ ,.") for w in words))
    more = f" and {len(shown) - limit} more" if len(shown) > limit else ""
    return ", ".join(f"“{w}”" for w in shown[:limit]) + more


def article_clues(article: Article) -> list[Clue]:
    """The clues to what kind of text ``article`` is, in the order of ``clues.csv``, then the counts (judging
    words in the writer's voice, words in quote marks, numbered sources).

    >>> from medialit import Article
    >>> clues = article_clues(Article.from_text("Bus lane: what we know\\n\\nI asked the mayor. “Soon,” she told me."))
    >>> [c.clue for c in clues]
    ['a reporter who was there', "judging words in the writer's own voice", 'words in quote marks']
    """
    text, found = article.text, []
    headings = [s.text.strip() for s in sentences(text) if s.label == "heading"]
    removed = [r["text"].strip() for r in article.meta.get("cleaning", {}).get("removed", [])
               if r.get("rule") != "whitespace"]
    for rule in clue_rules():
        if rule["where"] == "text":
            m = rule["regex"].search(text)
            evidence = _line(text, m.start() + len(m.group()) - len(m.group().lstrip())) if m else ""
        elif rule["where"] == "heading":
            evidence = ", ".join(f"“{h}”" for h in headings if rule["regex"].search(h))
        else:
            evidence = ", ".join(f"“{r}” (removed)" for r in removed if rule["regex"].search(r))
        if evidence:
            found.append(Clue(article.id, rule["clue"], rule["points_to"], evidence, rule["why"]))
    found += _counted_clues(article)
    return found


def _counted_clues(article: Article) -> list[Clue]:
    judging = [s.text for s in find_loaded(article.text) if s.voice == "author"]
    per_100 = 100 * len(judging) / max(article.n_words, 1)
    if judging:
        found = [Clue(article.id, "judging words in the writer's own voice", "opinion",
                      f"{len(judging)} ({per_100:.1f} per 100 words): {_listed(judging)}",
                      "Words that judge, said by the writer rather than by someone quoted, argue a view. News "
                      "reports use few; many of them point to opinion, or a report that takes a side.")]
    else:
        found = [Clue(article.id, "judging words in the writer's own voice", "news report or summary", "none found",
                      "The writer's own voice does not judge: judging words, if any, belong to people the text "
                      "quotes or credits.")]
    quotes = [q for q in article.quotes if q.label == "direct quote"]
    phrases = len(article.quotes) - len(quotes)
    also = f" (and {phrases} short quoted phrase{'s' if phrases > 1 else ''})" if phrases else ""
    if quotes:
        found.append(Clue(article.id, "words in quote marks", "news report",
                          f"{len(quotes)} direct quote{'s' if len(quotes) > 1 else ''}{also}",
                          "Someone's words in quote marks: a reporter collected what people said (quote marks are "
                          "a claim about exact words, which you can check)."))
    else:
        found.append(Clue(article.id, "words in quote marks", "opinion or summary", f"no direct quote{also}",
                          "No one's words are quoted: every remark is in the writer's own words, as in a "
                          "summary or an opinion piece."))
    notes = article.meta.get("cleaning", {}).get("footnotes", [])
    if notes:
        names = [n.get("source") or "?" for n in notes]
        found.append(Clue(article.id, "numbered sources", "aggregator", f"{len(notes)} numbers: {_listed(names)}",
                          "Each fact points to another outlet's report: the text gathers others' reporting."))
    return found


def kind_clues(articles) -> dict[str, list[Clue]]:
    """:func:`article_clues` for every article of a set, by article id, in the set's order.

    >>> from medialit import load_articles
    >>> [c.clue for c in kind_clues(load_articles("lukashenko-2023"))["bbc-repost"]][:2]
    ['a reporter who was there', "a blog's comment form"]
    """
    return {article.id: article_clues(article) for article in articles}


def stated_kinds(articles) -> list[dict]:
    """What the set's metadata says each article is (``kind`` and ``kind_evidence``), with "" where it says
    nothing: the answer to compare the clues with.

    >>> from medialit import load_articles
    >>> stated_kinds(load_articles("lukashenko-2023"))[0]["kind"]
    'opinionated news site'
    """
    return [{"article": a.id, "headline": a.headline, "kind": a.kind,
             "evidence": list(a.meta.get("kind_evidence") or [])} for a in articles]
