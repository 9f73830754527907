"""A set's source dossier (``dossier.json`` beside its articles): who is behind each outlet the texts come from
or cite, in the kit's own words, for lateral reading with no connection.

Each entry says what kind of outlet it is, who owns or funds it, what to keep in mind, what to search for, and
where it appears in the set's texts (found here, in the texts themselves, so it is always true of the set).
A set without the file gets an empty dossier and the generic questions (:data:`LATERAL_QUESTIONS`). The file's
format is described in ``data/articles/README-dossier.md``. Pure functions: nothing here touches the network.

>>> from medialit import load_articles
>>> dossier = load_dossier(load_articles("lukashenko-2023"))
>>> dossier.entry("BelTA").kind
'state media: national news agency'
>>> [m.article for m in dossier.entry("RT").mentions]
['aggregator']
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..text.articles import read_text_file

DOSSIER_FILE = "dossier.json"
REQUIRED = ("id", "name", "kind", "owner", "keep_in_mind", "search_for")
LISTS = ("keep_in_mind", "search_for", "names", "sites", "articles")

# The three questions of lateral reading (Civic Online Reasoning), with the steps a student can take.
LATERAL_QUESTIONS = (
    ("Who is behind it?",
     ("Leave the page: search for the outlet's or site's name with words such as \"who owns\", \"funding\" or "
      "\"about\".",
      "Read what others say about it (an encyclopedia entry, press-freedom groups, fact-checkers), not only its "
      "own About page.",
      "Decide what kind of outlet it is: state media, public broadcaster, commercial outlet, magazine, aggregator, "
      "blog, company or campaign, or unknown.")),
    ("What is the evidence?",
     ("List what the text gives as evidence: named people, documents, numbers, links or a list of sources.",
      "Ask whether each source was in a position to know, and whether you can find it yourself.",
      "Notice claims with no source at all.")),
    ("What do other sources say?",
     ("Search for the event itself, with its date and place, and find two or more outlets with different owners.",
      "Find the original: the first place a report or a quotation appeared. Compare a copy with it, word by word.",
      "Where independent outlets agree, trust grows; where only one kind of outlet reports a claim, be careful.")),
)

# What a teacher (or a class) writes for each outlet when building a dossier.
BUILD_STEPS = (
    "List every outlet, site or organisation the texts come from or cite (look at source lists and \"according "
    "to\" phrases).",
    "For each one, answer: what kind of outlet is it, and who owns or funds it?",
    "Write what a reader should keep in mind about it, in neutral words, and the searches that check it.",
    "Save the answers as dossier.json in the article set's folder (the format is in "
    "data/articles/README-dossier.md); the lessons then show them.",
)


class DossierError(ValueError):
    """A dossier file that cannot be read or does not fit its article set; the message names the file."""


@dataclass(frozen=True)
class Mention:
    """Where a dossier entry appears in the set's texts: the article's id, the name as written, and the
    sentence or line around it (shortened)."""

    article: str
    name: str
    context: str


@dataclass(frozen=True)
class Entry:
    """One outlet or site in a dossier (see ``data/articles/README-dossier.md`` for each field)."""

    id: str
    name: str
    kind: str
    owner: str
    keep_in_mind: tuple[str, ...]
    search_for: tuple[str, ...]
    behind: str = ""
    names: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    in_the_texts: str = ""
    mentions: tuple[Mention, ...] = ()

    def matches(self, query: str) -> bool:
        """True when ``query`` names this entry: its id, name or one of its names, a site of its, or the
        other way round (the query holds one of them).

        >>> Entry("rt", "RT", "state media", "a state", (), (), names=("RT",), sites=("rt.com",)).matches("www.rt.com/news")
        True
        """
        q = query.strip().lower()
        if not q:
            return False
        keys = [k.lower() for k in (self.id, self.name, *self.names)]
        if q in keys:
            return True
        if any(re.search(rf"(?<![\w-]){re.escape(site.lower())}(?![\w-])", q) for site in self.sites):
            return True
        return any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", q) for k in keys if len(k) > 1)


@dataclass(frozen=True)
class Dossier:
    """A set's dossier: its entries (none when the set has no ``dossier.json``, then ``path`` is None), and the
    set's articles as ``(id, headline)`` pairs, so a look-up can match an article by its headline."""

    set_name: str
    articles: tuple[tuple[str, str], ...]
    entries: tuple[Entry, ...] = ()
    about: str = ""
    path: Path | None = None

    @property
    def exists(self) -> bool:
        return self.path is not None

    @property
    def article_ids(self) -> list[str]:
        return [article_id for article_id, _ in self.articles]

    def entry(self, query: str) -> Entry | None:
        """The entry that ``query`` names (an id, a name, a web address, an article's id or headline), or None.

        >>> from medialit import load_articles
        >>> d = load_dossier(load_articles("lukashenko-2023"))
        >>> d.entry("https://www.belta.by/president/").id, d.entry("bbc-repost").id
        ('belta', 'bbc-repost')
        """
        q = query.strip().strip("\"“”'").lower()
        for article_id, headline in self.articles:
            if q in (article_id.lower(), headline.lower()):
                for entry in self.entries:
                    if article_id in entry.articles:
                        return entry
        exact = [e for e in self.entries if q in (e.id.lower(), e.name.lower(), *(n.lower() for n in e.names))]
        if exact:
            return exact[0]
        return next((e for e in self.entries if e.matches(query)), None)

    def for_article(self, article_id: str) -> Entry | None:
        """The entry about an article of the set itself (the site it comes from), or None.

        >>> from medialit import load_articles
        >>> load_dossier(load_articles("lukashenko-2023")).for_article("aggregator").kind
        'aggregator'
        """
        return next((e for e in self.entries if article_id in e.articles), None)


def _strings(value, where: str, field: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DossierError(f"{where}: \"{field}\" must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def find_mentions(texts: dict[str, str], names) -> tuple[Mention, ...]:
    """Where any of ``names`` stands in the texts (``{article id: text}``), as whole words, with the line
    around it; one mention per article and line.

    >>> find_mentions({"a": "Sources: RT and CNN.\\nArt is long."}, ["RT"])
    (Mention(article='a', name='RT', context='Sources: RT and CNN.'),)
    """
    found, seen = [], set()
    for article_id, text in texts.items():
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                line = text[line_start:line_end if line_end >= 0 else len(text)].strip(" •\t")
                if (article_id, line_start) in seen:
                    continue
                seen.add((article_id, line_start))
                found.append((article_id, line_start, Mention(article_id, name, _around(line, m.start() - line_start))))
    order = {article_id: i for i, article_id in enumerate(texts)}
    return tuple(m for _, _, m in sorted(found, key=lambda f: (order[f[0]], f[1])))


def _around(line: str, at: int, width: int = 160) -> str:
    if len(line) <= width:
        return line
    start = max(0, min(at - width // 3, len(line) - width))
    end = start + width
    return ("…" if start else "") + line[start:end].strip() + ("…" if end < len(line) else "")


def parse_dossier(data, texts: dict[str, str], *, where: str = DOSSIER_FILE) -> tuple[str, tuple[Entry, ...]]:
    """Check a dossier's JSON data against the set's texts and build its entries (with their mentions).
    ``where`` names the file in error messages.

    >>> data = {"entries": [{"id": "rt", "name": "RT", "kind": "state media", "owner": "a state",
    ...          "keep_in_mind": ["Check it."], "search_for": ["RT who funds it"], "names": ["RT"]}]}
    >>> about, entries = parse_dossier(data, {"a": "Sources: RT."})
    >>> entries[0].mentions[0].article
    'a'
    >>> parse_dossier({"entries": [{"id": "x"}]}, {})
    Traceback (most recent call last):
    ...
    medialit.analysis.dossier.DossierError: dossier.json: entry 1 ('x') has no "name"; each entry needs id, name, kind, owner, keep_in_mind, search_for
    """
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise DossierError(f"{where}: expected a JSON object with an \"entries\" list")
    entries, ids = [], set()
    for number, raw in enumerate(data["entries"], start=1):
        label = f"entry {number}" + (f" ({raw.get('id')!r})" if isinstance(raw, dict) and raw.get("id") else "")
        if not isinstance(raw, dict):
            raise DossierError(f"{where}: {label} is not a JSON object")
        for field in REQUIRED:
            if not raw.get(field):
                raise DossierError(f"{where}: {label} has no \"{field}\"; each entry needs {', '.join(REQUIRED)}")
        if raw["id"] in ids:
            raise DossierError(f"{where}: the id {raw['id']!r} is used twice")
        ids.add(raw["id"])
        lists = {field: _strings(raw.get(field, []), f"{where}: {label}", field) for field in LISTS}
        unknown = [a for a in lists["articles"] if a not in texts]
        if unknown:
            raise DossierError(f"{where}: {label} lists article {unknown[0]!r}, which is not in this set "
                               f"(the ids are {', '.join(texts)})")
        names = lists["names"] or (raw["name"],)
        entries.append(Entry(id=str(raw["id"]), name=str(raw["name"]), kind=str(raw["kind"]),
                             owner=str(raw["owner"]), behind=str(raw.get("behind", "")), in_the_texts=str(raw.get("in_the_texts", "")),
                             mentions=find_mentions(texts, names), **lists))
    return str(data.get("about", "")), tuple(entries)


def load_dossier(articles) -> Dossier:
    """The dossier of the articles' set: ``dossier.json`` in the set's folder. A set without one gets an empty
    dossier (``exists`` is False); a file that is not valid JSON, or does not fit the set, raises
    :class:`DossierError` naming the file.

    >>> from medialit import Article, load_articles
    >>> len(load_dossier(load_articles("lukashenko-2023")).entries) >= 10
    True
    >>> load_dossier([Article.from_text("A\\nB.")]).exists
    False
    """
    articles = list(articles) if not hasattr(articles, "articles") else articles
    folder = getattr(articles, "path", None)
    if folder is None:
        paths = [a.path for a in articles if getattr(a, "path", None) is not None]
        folder = Path(paths[0]).parent if paths else None
    set_name = getattr(articles, "name", "") or (folder.name if folder else "")
    pairs = tuple((a.id, a.headline) for a in articles)
    path = Path(folder) / DOSSIER_FILE if folder is not None else None
    if path is None or not path.is_file():
        return Dossier(set_name, pairs)
    try:
        data = json.loads(read_text_file(path))
    except json.JSONDecodeError as error:
        raise DossierError(f"{path}: not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}; "
                           "fix the file or remove it") from None
    about, entries = parse_dossier(data, {a.id: a.text for a in articles}, where=str(path))
    return Dossier(set_name, pairs, entries, about, path)


def dossier_rows(dossier: Dossier) -> list[dict]:
    """One row per entry, for a table: name, kind, who owns or pays for it, and the articles it appears in.

    >>> from medialit import load_articles
    >>> row = next(r for r in dossier_rows(load_dossier(load_articles("lukashenko-2023"))) if r["outlet"].startswith("RT "))
    >>> row["kind"], row["appears in"]
    ('state media: international broadcaster', 'aggregator')
    """
    rows = []
    for entry in dossier.entries:
        where = list(dict.fromkeys([*entry.articles, *(m.article for m in entry.mentions)]))
        rows.append({"outlet": entry.name, "kind": entry.kind,
                     "owned or paid for by": entry.owner,
                     "appears in": ", ".join(where) or "—"})
    return rows
