"""Claims across the articles of a set: which articles carry which claim, and which leave it out.

Two ways to get them. A set may ship a **hand-checked claim map** (``claims.json`` in its folder):
every claim with the exact passages that carry it, a note on each decision and how each article
frames it. Without a map the kit **matches sentences automatically by shared words**; those claims
say so, and say how accurate that matching was on the seed set, where a map exists to check it.

>>> from medialit import load_articles
>>> claims = align_claims(load_articles())
>>> claims[0].label, claims[0].articles, claims[0].origin
("Belarus would join Russia's war only if attacked, even by a single soldier", ['opinion-site', 'bbc-repost', 'aggregator'], 'hand-checked')
"""
from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


from ..text.resources import data_dir
from ..span import Span
from ..text.resources import stopwords
from ..text.splitter import sentences
from ..text.tokenizer import words



@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem import PorterStemmer  # NLTK loads only when claims are matched

    return PorterStemmer()
HAND_CHECKED = "hand-checked"
AUTOMATIC = "matched automatically by shared words"
MAP_FILE = "claims.json"


@dataclass
class Claim:
    """One claim and the articles that carry it: ``members`` maps an article id to its passages
    (hand-checked) or its sentence (automatic). ``origin`` says which; ``note`` says why or how well."""

    id: int
    label: str
    members: dict[str, list[Span]]               # article id -> the passages that carry the claim
    keywords: list[str]
    origin: str = AUTOMATIC
    note: str = ""
    key: str = ""                                # the claim's id in the claim map ("" when automatic)
    framing: dict[str, str] = field(default_factory=dict)   # article id -> how it frames the claim
    automatic: list[str] = field(default_factory=list)      # articles joined to a hand-checked claim by shared words

    @property
    def articles(self) -> list[str]:
        return list(self.members)


class ClaimMapError(ValueError):
    """A claim map that does not fit the articles (an unknown article, a passage not in the text)."""


# --- words ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Words the matcher treats as the same (``data/claims/synonyms.csv``: word, same_as, why).

    >>> synonyms()["kremlin"]
    'moscow'
    """
    with open(data_dir() / "claims" / "synonyms.csv", encoding="utf-8", newline="") as handle:
        return {row["word"].lower(): row["same_as"].lower() for row in csv.DictReader(handle)}


def content_stems(text: str) -> set[str]:
    """Stemmed content words: lower case, no stopwords, no punctuation, synonyms made one word.

    >>> sorted(content_stems("Belarus would fight alongside the Russians"))
    ['alongsid', 'belaru', 'fight', 'russian']
    >>> content_stems("the Kremlin's soldiers") == content_stems("Moscow troops")
    True
    """
    stop, same = stopwords(), synonyms()
    lowered = text.lower().replace("’", "'")
    for phrase in (p for p in same if " " in p):
        lowered = re.sub(rf"\b{re.escape(phrase)}\b", same[phrase], lowered)
    out = set()
    for w in words(lowered):
        word = re.sub(r"'s?$", "", w.text)
        if "'" in word or word in stop or len(word) < 2 or word.isdigit():
            continue  # contractions (i'm, hasn't) are function words
        for part in same.get(word, word).split():
            out.add(_stemmer().stem(part))
    return out


@lru_cache(maxsize=1)
def _not_claim_rules() -> list[tuple[re.Pattern, str]]:
    with open(data_dir() / "claims" / "not-claims.csv", encoding="utf-8", newline="") as handle:
        return [(re.compile(row["pattern"], re.I), row["why"]) for row in csv.DictReader(handle)]


def why_not_a_claim(sentence: str) -> str:
    """Why a sentence is not a claim (a source list, a caption, a question), or "" when it may be one.
    The rules are in ``data/claims/not-claims.csv``.

    >>> why_not_a_claim("Sources: New York Times, RT and CNN.")[:13]
    'A label line '
    >>> why_not_a_claim("Belarus has not sent troops.")
    ''
    """
    text = re.sub(r"\s+", " ", sentence).strip()
    return next((why for rule, why in _not_claim_rules() if rule.search(text)), "")


def claim_sentences(text: str) -> list[Span]:
    """The sentences of an article that can carry claims: no headline, heading, source list,
    caption or question.

    >>> [s.text for s in claim_sentences("Head\\n\\nFacts\\n\\nIt rained. Will it stop?\\n\\nSources: BBC.")]
    ['It rained.']
    """
    return [s for s in sentences(text) if s.label == "sentence" and not why_not_a_claim(s.text)]


def _short(text: str, limit: int = 90) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def _keywords(stems: Counter, idf: dict[str, float]) -> list[str]:
    return [t for t, _ in sorted(stems.items(), key=lambda kv: (-kv[1] * idf.get(kv[0], 1.0), kv[0]))[:5]]


def in_order(claims: list[Claim], order: list[str]) -> list[Claim]:
    """Claims carried by the most articles first, then by article and position; ids 1, 2, 3...

    >>> from medialit import load_articles
    >>> [c.id for c in in_order(align_claims(load_articles())[::-1], load_articles().ids)][:3]
    [1, 2, 3]
    """
    claims.sort(key=lambda c: (-len(c.members), order.index(next(iter(c.members))),
                               next(iter(c.members.values()))[0].start))
    for number, claim in enumerate(claims, start=1):
        claim.id = number
    return claims


# --- automatic matching ---------------------------------------------------------------------

def similarity_of(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    """Cosine similarity of two sets of stems, each stem weighted by its idf.

    >>> round(similarity_of({"war", "belaru"}, {"war", "troop"}, {"war": 1.0, "belaru": 1.0, "troop": 1.0}), 2)
    0.5
    """
    shared = sum(idf[t] ** 2 for t in a & b)
    norm = math.sqrt(sum(idf[t] ** 2 for t in a) * sum(idf[t] ** 2 for t in b))
    return shared / norm if norm else 0.0


def match_claims(articles, *, threshold: float = 0.2, min_shared: int = 3, note: bool = True) -> list[Claim]:
    """Match sentences across articles by shared content words into claims (no claim map used).

    Content words are stemmed, with stopwords left out and synonyms made one word, and weighted
    by how rare they are in the set (idf). Two sentences of different articles can join one claim
    when the cosine similarity of their weighted words is at least ``threshold`` and they share at
    least ``min_shared`` content words; the most similar pairs are joined first, and a claim takes
    at most one sentence from each article. Headlines, headings, source lists, captions and
    questions are left out. Each claim's ``note`` says how accurate this matching was on the seed
    set (``note=False`` leaves that out).

    >>> from medialit import load_articles
    >>> claims = match_claims(load_articles(), note=False)
    >>> claims[0].origin, len(claims[0].members) >= 2
    ('matched automatically by shared words', True)
    """
    items = []
    for article in articles:
        for sentence in claim_sentences(article.text):
            stems = content_stems(sentence.text)
            if len(stems) >= 3:
                items.append((article.id, sentence, stems))
    n = len(items)
    df = Counter(t for _, _, stems in items for t in stems)
    idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
    # Most similar pairs first; a claim takes at most one sentence from each article, so
    # sentences cannot chain into one giant claim.
    pairs = []
    for i in range(n):
        for j in range(i + 1, n):
            if items[i][0] == items[j][0] or len(items[i][2] & items[j][2]) < min_shared:
                continue
            similarity = similarity_of(items[i][2], items[j][2], idf)
            if similarity >= threshold:
                pairs.append((similarity, i, j))
    cluster = {i: {i} for i in range(n)}
    for _, i, j in sorted(pairs, reverse=True):
        a, b = cluster[i], cluster[j]
        if a is b or {items[k][0] for k in a} & {items[k][0] for k in b}:
            continue
        a |= b
        for k in b:
            cluster[k] = a
    groups = {id(c): sorted(c) for c in cluster.values()}
    order = [a.id for a in articles]
    how_good = automatic_note() if note else ""
    claims = []
    for members in groups.values():
        by_article: dict[str, list[Span]] = {}
        for i in sorted(members, key=lambda i: (order.index(items[i][0]), items[i][1].start)):
            by_article.setdefault(items[i][0], []).append(items[i][1])
        stems = Counter(t for i in members for t in items[i][2])
        shortest = min((items[i][1].text for i in members), key=len)
        claims.append(Claim(0, _short(shortest), by_article, _keywords(stems, idf), note=how_good))
    return in_order(claims, order)


@lru_cache(maxsize=1)
def automatic_note() -> str:
    """What a reader should know about automatically matched claims, with the accuracy measured on
    the seed set against its hand-checked map (:func:`medialit.analysis.evaluation.evaluate_alignment`).

    >>> automatic_note().startswith("Matched automatically by shared words, not checked by a person.")
    True
    """
    from .evaluation import evaluate_alignment

    text = "Matched automatically by shared words, not checked by a person."
    try:
        result = evaluate_alignment()
    except (OSError, ClaimMapError, ValueError):
        return text
    return (f"{text} Checked against the hand-checked claim map of the seed set: {result.pairs.precision:.0%} of "
            f"the sentence pairs it joined carry the same claim, it found {result.pairs.recall:.0%} of the pairs "
            f"that do, and it got the articles right for only {result.shared_right} of the {result.shared_total} claims "
            "that several articles share (expect less on other sets: its synonym list was partly written from that "
            "set). An empty circle may be a match it missed: read each row and check it.")


# --- the hand-checked claim map -------------------------------------------------------------

def _folder(articles) -> Path | None:
    path = getattr(articles, "path", None)
    if path is None:
        paths = [a.path for a in articles if getattr(a, "path", None) is not None]
        path = paths[0].parent if paths else None
    return Path(path) if path is not None else None


def find_claim_map(articles) -> dict | None:
    """The claim map (``claims.json``) of the articles' set folder, or None when there is none.

    >>> from medialit import load_articles
    >>> len(find_claim_map(load_articles())["claims"])
    37
    """
    folder = _folder(articles)
    if folder is None or not (folder / MAP_FILE).is_file():
        return None
    try:
        return json.loads((folder / MAP_FILE).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ClaimMapError(f"{folder / MAP_FILE}: not valid JSON (line {error.lineno}): {error.msg}") from None


def locate(text: str, passage: str) -> tuple[int, int]:
    """Where ``passage`` occurs in ``text`` (it must occur exactly once).

    >>> locate("He said no. She said yes.", "She said")
    (12, 20)
    """
    at = text.find(passage)
    if at == -1:
        raise ClaimMapError(f"passage not found in the text: {passage[:60]!r}")
    if text.find(passage, at + 1) != -1:
        raise ClaimMapError(f"passage occurs more than once; make it longer: {passage[:60]!r}")
    return at, at + len(passage)


def map_claims(articles, claim_map: dict) -> list[Claim]:
    """The claims of a hand-checked claim map, with their passages found in the articles' texts.
    Only the given articles count (a map can cover more); claims none of them carries are left out.

    >>> from medialit import load_articles
    >>> articles = load_articles()
    >>> nuclear = next(c for c in map_claims(articles, find_claim_map(articles)) if c.key == "nuclear-warning")
    >>> nuclear.articles, nuclear.members["bbc-repost"][0].text
    (['bbc-repost'], 'displayed some Putinesque nuclear sabre-rattling')
    """
    articles = list(articles)
    texts = {a.id: a.text for a in articles}
    unknown = [a for a in texts if a not in claim_map.get("articles", [])]
    if unknown:
        raise ClaimMapError(f"the claim map does not cover: {', '.join(unknown)}")
    claims = []
    for entry in claim_map["claims"]:
        members, framing = {}, {}
        for article_id in texts:
            carried = entry["carried_by"].get(article_id)
            if not carried:
                continue
            found = []
            for passage in carried["passages"]:
                try:
                    start, end = locate(texts[article_id], passage)
                except ClaimMapError as error:
                    raise ClaimMapError(f"claim {entry['id']!r}, {article_id}: {error}") from None
                found.append(Span.of(texts[article_id], start, end, "claim", label=entry["id"], why=entry["label"]))
            members[article_id] = sorted(found, key=lambda s: s.start)
            if carried.get("framing"):
                framing[article_id] = carried["framing"]
        if members:  # keywords stay empty: the map's label and note say what the claim is
            claims.append(Claim(0, entry["label"], members, [], origin=HAND_CHECKED, note=entry.get("note", ""),
                                key=entry["id"], framing=framing))
    return in_order(claims, list(texts))


def align_claims(articles, *, threshold: float = 0.2, min_shared: int = 3, use_map: bool = True) -> list[Claim]:
    """The claims of a set, for the claim/omission grid: the set's hand-checked claim map when it
    has one that fits these articles, otherwise :func:`match_claims` (matched by shared words).
    Claims carried by the most articles come first; a claim with one article is something the
    others leave out. ``claim.origin`` tells which way a claim was found.

    >>> from medialit import load_articles
    >>> claims = align_claims(load_articles())
    >>> [c.articles for c in claims if c.key in ("nuclear-warning", "moscow-never-asked")]
    [['opinion-site', 'aggregator'], ['bbc-repost']]
    """
    articles = list(articles)
    if use_map:
        claim_map = find_claim_map(articles)
        if claim_map is not None:
            try:
                return map_claims(articles, claim_map)
            except ClaimMapError:
                pass  # the texts changed or other articles were added: the map no longer fits all of them
            try:  # new articles beside the map's own: the map for its articles, shared words for the new
                from .claim_join import join_new_articles

                return join_new_articles(articles, claim_map, threshold=threshold, min_shared=min_shared)
            except ClaimMapError:
                pass
    return match_claims(articles, threshold=threshold, min_shared=min_shared)


def how_matched(claims: list[Claim]) -> str:
    """One sentence for a reader: were these claims matched by hand, or automatically (and how well)?

    >>> from medialit import load_articles
    >>> how_matched(align_claims(load_articles())).startswith("Matched by hand: every row")
    True
    >>> pasted = __import__("medialit").Article.from_text("Cycle lanes\\n\\nThe council approved three new cycle lanes.")
    >>> how_matched(align_claims([pasted, *load_articles()])).split(". ")[0]
    "Matched by hand for the articles of this set's claim map; pasted compared with those claims automatically, by shared words, and joined to 0 of them"
    """
    if claims and all(c.origin == HAND_CHECKED and not c.automatic for c in claims):
        return ("Matched by hand: every row comes from this set's hand-checked claim map, with a note on each "
                "decision (choose a claim in the CompareView to read it).")
    if any(c.origin == HAND_CHECKED for c in claims):
        mapped = {a for c in claims if c.origin == HAND_CHECKED for a in c.members if a not in c.automatic}
        new = sorted({a for c in claims for a in c.members} - mapped)
        joined = sum(1 for c in claims if c.automatic)
        return (f"Matched by hand for the articles of this set's claim map; {', '.join(new)} compared with those "
                f"claims automatically, by shared words, and joined to {joined} of them. " + automatic_note())
    return automatic_note()


def omission_table(articles, claims: list[Claim] | None = None) -> list[dict]:
    """One row per claim: its label and, per article, True when the article carries it.

    >>> from medialit import load_articles
    >>> rows = omission_table(load_articles())
    >>> rows[0]
    {'claim': "Belarus would join Russia's war only if attacked, even by a single soldier", 'opinion-site': True, 'bbc-repost': True, 'aggregator': True}
    """
    claims = align_claims(articles) if claims is None else claims
    return [{"claim": c.label, **{a.id: a.id in c.members for a in articles}} for c in claims]
