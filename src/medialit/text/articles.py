"""Article sets: a folder of 2–10 UTF-8 ``.txt`` files (first line = headline) plus optional metadata.

A teacher adds a set by making a folder; no code changes. ``load_articles()`` loads the set
named by ``MEDIALIT_ARTICLES`` (a set name or a folder path), or the seed set
``lukashenko-2023``. Every problem with a file raises :class:`ArticleError` naming the file.

>>> articles = load_articles("lukashenko-2023")
>>> len(articles), articles.ids
(3, ['opinion-site', 'bbc-repost', 'aggregator'])
>>> articles["bbc-repost"].headline
'Belarus will fight alongside Russia if it is invaded, Lukashenko says'
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .resources import data_dir
from ..span import Span

DEFAULT_SET = "lukashenko-2023"
MIN_ARTICLES, MAX_ARTICLES = 2, 10
_NOT_TEXT = {".docx", ".doc", ".pdf", ".rtf", ".odt", ".pages", ".html", ".htm", ".md"}


class ArticleError(ValueError):
    """A problem with an article file or set; the message names the file and says what to do."""


def read_text_file(path: str | os.PathLike, *, strip_bom: bool = True) -> str:
    """Read a UTF-8 text file, or raise :class:`ArticleError` saying exactly what is wrong.

    The text is returned exactly as decoded (newlines kept); a leading byte-order mark is
    dropped. Empty files, binary data and bytes that are not UTF-8 are refused.

    >>> from medialit import data_dir
    >>> read_text_file(data_dir() / "articles/lukashenko-2023/aggregator.txt").splitlines()[2]
    'Facts'
    """
    path = Path(path)
    if not path.exists():
        raise ArticleError(f"{path}: file not found")
    if path.is_dir():
        raise ArticleError(f"{path}: is a folder, not a text file")
    data = path.read_bytes()
    if not data.strip():
        raise ArticleError(f"{path}: the file is empty; an article needs a headline line and some text")
    if b"\x00" in data[:65536]:
        raise ArticleError(f"{path}: looks like binary data (a Word file, PDF or image?), not plain text; "
                           "save the article as plain text (.txt, UTF-8)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ArticleError(
            f"{path}: not UTF-8 text: byte 0x{data[error.start]:02x} at line {line}, column {column} "
            f"(byte {error.start}) cannot be read; open the file in a text editor and save it as UTF-8"
        ) from None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(text[:65536]) // 50):
        raise ArticleError(f"{path}: looks like binary data ({controls} control characters), not plain text")
    return text.removeprefix("\ufeff") if strip_bom else text


@dataclass
class Article:
    """One article: its id, text (first line = headline) and metadata.

    >>> a = Article.from_text("Storm hits coast\\n\\nA storm hit the coast on Monday, officials said.")
    >>> a.headline, a.n_words, len(a.sentences)
    ('Storm hits coast', 12, 2)
    """

    id: str
    text: str
    path: Path | None = None
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, id: str = "pasted", **meta) -> "Article":
        """An article from a pasted string (the first line is its headline)."""
        text = text.replace("\r\n", "\n").strip("\n")
        if not text.strip():
            raise ArticleError(f"article {id!r}: the text is empty")
        return cls(id=id, text=text + "\n", meta=meta)

    @property
    def headline(self) -> str:
        return self.text.split("\n", 1)[0].strip()

    @property
    def kind(self) -> str:
        """The kind of publication, from the metadata ("" when not given)."""
        return self.meta.get("kind", "")

    @property
    def date(self) -> str:
        return self.meta.get("date", "")

    @cached_property
    def sentences(self) -> list[Span]:
        from .splitter import sentences

        return sentences(self.text)

    @cached_property
    def words(self) -> list[Span]:
        from .tokenizer import words

        return words(self.text)

    @cached_property
    def quotes(self) -> list[Span]:
        from .quotes import find_quotes

        return find_quotes(self.text)

    @property
    def n_words(self) -> int:
        return len(self.words)

    def __repr__(self) -> str:
        return f"Article({self.id!r}, {self.headline!r}, {self.n_words} words)"


@dataclass
class ArticleSet:
    """A named set of articles about one event, in order. Index by position or by id."""

    name: str
    articles: list[Article]
    path: Path | None = None
    meta: dict = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.articles]

    @property
    def title(self) -> str:
        return self.meta.get("title", self.name)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self):
        return iter(self.articles)

    def __getitem__(self, key: int | str) -> Article:
        if isinstance(key, int):
            return self.articles[key]
        for article in self.articles:
            if article.id == key:
                return article
        raise KeyError(f"no article {key!r} in set {self.name!r}; the ids are {self.ids}")

    def __repr__(self) -> str:
        return f"ArticleSet({self.name!r}, {self.ids})"


def sets_dir() -> Path:
    """The folder that holds the shipped article sets.

    >>> sets_dir().name
    'articles'
    """
    return data_dir() / "articles"


def available_sets() -> list[str]:
    """Names of the article sets shipped in ``data/articles/``.

    >>> "lukashenko-2023" in available_sets()
    True
    """
    return sorted(p.name for p in sets_dir().iterdir() if p.is_dir() and any(p.glob("*.txt")))


def _resolve(name_or_path: str | os.PathLike | None) -> Path:
    chosen = name_or_path or os.environ.get("MEDIALIT_ARTICLES") or DEFAULT_SET
    as_path = Path(chosen).expanduser()
    if as_path.is_dir():
        return as_path
    named = sets_dir() / str(chosen)
    if named.is_dir():
        return named
    if as_path.exists():
        raise ArticleError(f"{as_path}: is a file; an article set is a folder of .txt files")
    raise ArticleError(f"{chosen}: no such article set or folder. Sets shipped with the kit: "
                       f"{', '.join(available_sets())}; or give the path of a folder of .txt files")


def read_metadata(folder: Path) -> dict:
    json_path, csv_path = folder / "metadata.json", folder / "metadata.csv"
    if json_path.exists():
        try:
            meta = json.loads(read_text_file(json_path))
        except json.JSONDecodeError as error:
            raise ArticleError(f"{json_path}: not valid JSON (line {error.lineno}, column {error.colno}): "
                               f"{error.msg}") from None
        if not isinstance(meta, dict):
            raise ArticleError(f"{json_path}: expected a JSON object with an \"articles\" list")
        return meta
    if csv_path.exists():
        rows = list(csv.DictReader(read_text_file(csv_path).splitlines()))
        if rows and "file" not in rows[0]:
            raise ArticleError(f"{csv_path}: needs a 'file' column naming each .txt file")
        return {"articles": rows}
    return {}


def load_articles(name_or_path: str | os.PathLike | None = None) -> ArticleSet:
    """Load an article set by name (``data/articles/<name>``) or folder path.

    With no argument: the set named by the ``MEDIALIT_ARTICLES`` environment variable, or the
    seed set. Files are the folder's ``*.txt`` (not its ``raw/`` copies), in the order the
    metadata lists them, else by file name. Metadata (``metadata.json`` with an ``articles``
    list, or ``metadata.csv`` with a ``file`` column) is optional.

    >>> load_articles("lukashenko-2023").ids
    ['opinion-site', 'bbc-repost', 'aggregator']
    """
    folder = _resolve(name_or_path)
    meta = read_metadata(folder)
    by_file = {row.get("file"): dict(row) for row in meta.get("articles", []) if isinstance(row, dict)}
    files = sorted(folder.glob("*.txt"))
    order = {name: i for i, name in enumerate(by_file)}
    files.sort(key=lambda p: (order.get(p.name, len(order)), p.name))
    if len(files) < MIN_ARTICLES:
        others = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in _NOT_TEXT)
        hint = f" (found {', '.join(others)}: save each as plain text, .txt)" if others else ""
        raise ArticleError(f"{folder}: an article set needs {MIN_ARTICLES} to {MAX_ARTICLES} .txt files, "
                           f"found {len(files)}{hint}")
    if len(files) > MAX_ARTICLES:
        raise ArticleError(f"{folder}: an article set holds at most {MAX_ARTICLES} articles, found {len(files)}; "
                           "split it into smaller sets")
    cleaning = {}
    if (folder / "cleaning-log.json").exists():
        cleaning = json.loads(read_text_file(folder / "cleaning-log.json"))
    articles = []
    for path in files:
        text = read_text_file(path).replace("\r\n", "\n")
        row = by_file.get(path.name, {})
        article_id = row.pop("id", "") or path.stem
        if path.name in cleaning:
            row["cleaning"] = cleaning[path.name]
        articles.append(Article(id=article_id, text=text, path=path, meta=row))
    set_meta = {k: v for k, v in meta.items() if k != "articles"}
    return ArticleSet(name=folder.name, articles=articles, path=folder, meta=set_meta)


RENDERINGS_FILE = "renderings.json"


def _set_folder(articles) -> Path | None:
    folder = getattr(articles, "path", None)
    if folder is None:
        paths = [a.path for a in articles if getattr(a, "path", None) is not None]
        folder = Path(paths[0]).parent if paths else None
    return Path(folder) if folder is not None else None


def load_renderings(articles) -> dict | None:
    """The set's ``renderings.json`` (the same remarks as each article renders them), or None when the
    set has none. The file sits beside the set's articles.

    >>> from medialit import Article
    >>> load_renderings([Article.from_text("A\\nB.")]) is None
    True
    """
    folder = _set_folder(articles)
    path = folder / RENDERINGS_FILE if folder is not None else None
    if path is None or not path.is_file():
        return None
    return json.loads(read_text_file(path))


def save_article(folder: str | os.PathLike, name: str, text: str) -> Path:
    """Save one article of a student's own set as ``folder/name.txt`` (UTF-8; the folder is created).
    The headline goes on the first line. Returns the file's path; an empty text, a text with only a
    headline or a name that is not a plain file name is refused with a message saying what to do.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> save_article(folder, "local-paper", "Council approves bus lane\\nCouncillors voted 7–4 on Tuesday.").name
    'local-paper.txt'
    >>> save_article(folder, "empty", "   ")
    Traceback (most recent call last):
    ...
    medialit.text.articles.ArticleError: empty.txt: the text is empty: paste the article between the triple quotes
    """
    stem = str(name).strip()
    if not stem or any(c in stem for c in '/\\\\:*?"<>|') or stem.startswith("."):
        raise ArticleError(f"{name!r}: use a short file name made of letters, digits and dashes, "
                           "such as 'local-paper'")
    filename = stem if stem.endswith(".txt") else stem + ".txt"
    lines = [line for line in str(text).strip().splitlines()]
    if not lines:
        raise ArticleError(f"{filename}: the text is empty: paste the article between the triple quotes")
    if len(lines) < 2 or not any(line.strip() for line in lines[1:]):
        raise ArticleError(f"{filename}: only one line: put the headline on the first line and the article "
                           "text after it")
    path = Path(folder) / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_project(folder: str | os.PathLike) -> ArticleSet:
    """A student's own set in ``folder`` once it holds at least two articles; until then the class set
    (``MEDIALIT_ARTICLES`` or the seed set), so that every cell of the project can be tried first.

    >>> import tempfile
    >>> load_project(Path(tempfile.mkdtemp()) / "not-yet").name == load_articles().name
    True
    """
    folder = Path(folder)
    if folder.is_dir() and len(list(folder.glob("*.txt"))) >= MIN_ARTICLES:
        return load_articles(folder)
    return load_articles()
