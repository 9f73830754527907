"""Cleaning copied web text: remove page leftovers, keep a record of every removal.

Cleaning only ever *deletes* stretches of the raw text, so every character of the cleaned
text comes from the raw text, and :meth:`Cleaned.to_raw` maps a cleaned offset back.
The rules are data, in ``data/cleaning/web-leftovers.csv`` (one row a rule, with why):

- ``line``: a whole line that matches the pattern (case-insensitive), such as "Scroll to Top",
  "Leave a Reply", "picture caption", is removed;
- ``inline``: a match inside a line is removed, such as the footnote digits in "soldier.1" and
  "1New York Times" (the numbers are kept in :attr:`Cleaned.footnotes`);
- ``trailing-heading``: short lines with no end punctuation left at the very end (an empty
  "Predictions" section) are removed;
- ``whitespace``: blank lines doubled up by a removal, and spaces at the end, are removed.

>>> raw = "Headline\\n\\nHe spoke.1\\n\\nSources: 1BBC.\\n\\nScroll to Top\\n\\nPredictions"
>>> cleaned = clean_text(raw)
>>> print(cleaned.text)
Headline
<BLANKLINE>
He spoke.
<BLANKLINE>
Sources: BBC.
<BLANKLINE>
>>> [(r.text, r.rule) for r in cleaned.removals if r.rule != "whitespace"]
[('1', 'inline'), ('1', 'inline'), ('Scroll to Top', 'line'), ('Predictions', 'trailing-heading')]
>>> cleaned.footnotes
[{'number': 1, 'offset': 19, 'source': 'BBC'}]
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from .resources import data_dir


@dataclass(frozen=True)
class Removal:
    """One stretch removed from the raw text: ``raw[start:end] == text``."""

    start: int
    end: int
    text: str
    rule: str
    why: str


@dataclass
class Cleaned:
    """The cleaned text, what was removed (raw offsets), and numbered footnotes found."""

    text: str
    raw: str
    removals: list[Removal]
    footnotes: list[dict] = field(default_factory=list)

    def to_raw(self, offset: int) -> int:
        """Map an offset in the cleaned text to the same character's offset in the raw text.

        >>> c = clean_text("Scroll to Top\\nHello")
        >>> c.text, c.to_raw(0)
        ('Hello', 14)
        """
        raw_pos, clean_pos = 0, 0
        for removal in self.removals:
            keep = removal.start - raw_pos
            if clean_pos + keep > offset:
                break
            clean_pos += keep
            raw_pos = removal.end
        return raw_pos + (offset - clean_pos)

    def log(self) -> dict:
        """A JSON-ready record of the cleaning."""
        return {"removed": [asdict(r) for r in self.removals], "footnotes": self.footnotes}


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, re.Pattern | None, str], ...]:
    path = data_dir() / "cleaning" / "web-leftovers.csv"
    rules = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            pattern = row["pattern"].strip()
            if row["rule"] == "line":
                compiled = re.compile(rf"[ \t]*(?:{pattern})[ \t]*", re.IGNORECASE)
            elif row["rule"] == "inline":
                compiled = re.compile(pattern, re.MULTILINE)
            else:
                compiled = None
            rules.append((row["rule"], compiled, row["why"].strip()))
    return tuple(rules)


def _why(rule: str) -> str:
    return next(why for name, _, why in _rules() if name == rule)


def _footnote_sources(raw: str) -> dict[int, str]:
    """Numbered sources listed as "Sources: 1New York Times, 2RT and 3BBC."."""
    found: dict[int, str] = {}
    for line in re.finditer(r"^[ \t]*Sources?:(.*)$", raw, re.MULTILINE):
        for m in re.finditer(r"(\d{1,2})\s*([A-Z][^,]*?)(?=,|\s+and\s+\d|\.?\s*$)", line.group(1)):
            found[int(m.group(1))] = m.group(2).strip()
    return found


def clean_text(raw: str) -> Cleaned:
    """Remove web-page leftovers from ``raw`` by the rules in ``data/cleaning/web-leftovers.csv``.

    >>> clean_text("Title\\n\\nText.\\n\\nLeave a Reply").text
    'Title\\n\\nText.\\n'
    """
    remove: list[tuple[int, int, str, str]] = []  # start, end, rule, why
    for rule, pattern, why in _rules():
        if rule == "line":
            for line in re.finditer(r"[^\n]*", raw):
                if line.group() and pattern.fullmatch(line.group()):
                    remove.append((line.start(), line.end(), rule, why))
        elif rule == "inline":
            for m in pattern.finditer(raw):
                remove.append((m.start(), m.end(), rule, why))
    keep = bytearray(b"\x01") * len(raw)
    reason: dict[int, tuple[str, str]] = {}
    for start, end, rule, why in remove:
        keep[start:end] = bytes(end - start)
        for i in range(start, end):
            reason[i] = (rule, why)
    _remove_trailing_headings(raw, keep, reason)
    _remove_extra_whitespace(raw, keep, reason)
    removals = _group(raw, keep, reason)
    text = "".join(raw[i] for i in range(len(raw)) if keep[i]) if len(raw) < 200_000 else \
        "".join(raw[a:b] for a, b in _kept_runs(keep))
    cleaned = Cleaned(text=text, raw=raw, removals=removals)
    sources = _footnote_sources(raw)
    for r in removals:
        if r.rule == "inline" and r.text.isdigit() and not raw[r.end:r.end + 1].isalpha():
            number = int(r.text)
            offset = r.start - sum(x.end - x.start for x in removals if x.end <= r.start)
            cleaned.footnotes.append({"number": number, "offset": offset, "source": sources.get(number, "")})
    return cleaned


def _kept_runs(keep: bytearray):
    i, n = 0, len(keep)
    while i < n:
        if keep[i]:
            j = keep.find(b"\x00", i)
            j = n if j == -1 else j
            yield i, j
            i = j
        else:
            j = keep.find(b"\x01", i)
            i = n if j == -1 else j


def _kept_text(raw: str, keep: bytearray) -> tuple[str, list[int]]:
    positions = [i for a, b in _kept_runs(keep) for i in range(a, b)]
    return "".join(raw[i] for i in positions), positions


def _remove_trailing_headings(raw: str, keep: bytearray, reason: dict) -> None:
    why = _why("trailing-heading")
    while True:
        text, positions = _kept_text(raw, keep)
        body = text.rstrip()
        if not body:
            return
        line_start = body.rfind("\n") + 1
        last = body[line_start:].strip()
        before = body[:line_start].rstrip(" \t")
        standalone = before.endswith("\n\n") or before == ""
        if (not last or len(last.split()) > 4 or last.endswith(tuple(".!?:;”\"’)…*"))
                or not standalone or not before.strip()):
            return
        for k in range(line_start, len(body)):
            keep[positions[k]] = 0
            reason[positions[k]] = ("trailing-heading", why)


def _remove_extra_whitespace(raw: str, keep: bytearray, reason: dict) -> None:
    why = _why("whitespace")
    text, positions = _kept_text(raw, keep)
    doomed = []
    for m in re.finditer(r"[ \t]+(?=\n)|(?<=\n\n)(?:[ \t]*\n)+", text):
        doomed.extend(range(m.start(), m.end()))
    stripped_start = len(text) - len(text.lstrip())
    doomed.extend(range(0, stripped_start))
    tail = len(text.rstrip())
    doomed.extend(range(tail + (1 if "\n" in text[tail:] else 0), len(text)))
    for k in doomed:
        if k < len(positions) and keep[positions[k]]:
            # Only whitespace that a removal left behind, or that trails the whole text.
            keep[positions[k]] = 0
            reason[positions[k]] = ("whitespace", why)


def _group(raw: str, keep: bytearray, reason: dict) -> list[Removal]:
    removals: list[Removal] = []
    i, n = 0, len(raw)
    while i < n:
        if keep[i]:
            i += 1
            continue
        rule, why = reason.get(i, ("whitespace", _why("whitespace")))
        j = i + 1
        while j < n and not keep[j] and reason.get(j, ("whitespace",))[0] == rule:
            j += 1
        removals.append(Removal(i, j, raw[i:j], rule, why))
        i = j
    return removals


__all__ = ["Cleaned", "Removal", "clean_text", "bisect_right"]


def clean_folder(folder) -> list:
    """Clean every ``raw/*.txt`` of an article-set folder into the folder itself.

    The cleaned file's name comes from the set's ``metadata.json`` (an article's ``raw`` and
    ``file`` fields) or else is the raw file's name. Also writes ``cleaning-log.json``: for each
    file, every removal (raw offsets, text, rule, why) and the numbered footnotes found.
    Returns the paths written.

    >>> import shutil, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "set"
    >>> _ = shutil.copytree(data_dir() / "articles/lukashenko-2023/raw", folder / "raw")
    >>> sorted(p.name for p in clean_folder(folder))[:2]
    ['000_f574da3d339a0002.txt', '001_118f3638af1726c0.txt']
    """
    import json
    from pathlib import Path

    from .articles import ArticleError, read_metadata, read_text_file

    folder = Path(folder)
    raw_dir = folder / "raw"
    raws = sorted(raw_dir.glob("*.txt"))
    if not raws:
        raise ArticleError(f"{raw_dir}: no raw .txt files to clean")
    targets = {Path(row["raw"]).name: row["file"] for row in read_metadata(folder).get("articles", [])
               if isinstance(row, dict) and row.get("raw") and row.get("file")}
    log, written = {}, []
    for raw_path in raws:
        cleaned = clean_text(read_text_file(raw_path))
        if not cleaned.text.strip():
            raise ArticleError(f"{raw_path}: nothing is left after cleaning")
        out = folder / targets.get(raw_path.name, raw_path.name)
        out.write_text(cleaned.text, encoding="utf-8")
        written.append(out)
        log[out.name] = {"raw": f"raw/{raw_path.name}", **cleaned.log()}
    log_path = folder / "cleaning-log.json"
    log_path.write_text(json.dumps(log, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return written + [log_path]
