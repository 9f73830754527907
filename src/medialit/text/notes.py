"""Lesson notes that belong to an article set, not to the lessons.

A lesson's text is true of any articles; what is true only of *these* articles (what to notice in them,
prompts that quote them, the answers a teacher wants) lives in the set's ``notes.md``, one section per
step of a lesson::

    ## 02.verbs
    The opinion site writes that Lukashenko "pointed out" …

A section's heading is the lesson number, a dot and a short name. Where a set has no note for a step,
the lessons show the kit's generic prompt for it, from ``data/lesson-notes.md`` (same format), which is
true of any articles. Text before the first section is an introduction and is not shown.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .articles import read_text_file
from .resources import data_dir

NOTES_FILE = "notes.md"
_HEADING = re.compile(r"^## +(\d\d\.[a-z0-9-]+) *$", re.MULTILINE)


class NotesError(ValueError):
    """A notes file that cannot be read as notes (the message names the file and the line)."""


def parse_notes(text: str, *, where: str = "notes") -> dict[str, str]:
    """The sections of a notes file, by key, each as Markdown.

    >>> notes = parse_notes("Intro.\\n\\n## 02.verbs\\nCompare *said* and *claimed*.\\n\\n## 03.voice\\nWho?\\n")
    >>> notes
    {'02.verbs': 'Compare *said* and *claimed*.', '03.voice': 'Who?'}
    """
    out: dict[str, str] = {}
    heads = list(_HEADING.finditer(text))
    for i, head in enumerate(heads):
        key = head.group(1)
        if key in out:
            line = text.count("\n", 0, head.start()) + 1
            raise NotesError(f"{where}, line {line}: the section ## {key} appears twice")
        body_end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        out[key] = text[head.end():body_end].strip()
    return out


def read_notes(folder: str | Path) -> dict[str, str]:
    """The notes of the set in ``folder`` (``notes.md``), or an empty dict when it has none.

    >>> from medialit.text.articles import sets_dir
    >>> "02.verbs" in read_notes(sets_dir() / "lukashenko-2023")
    True
    """
    path = Path(folder) / NOTES_FILE
    if not path.exists():
        return {}
    return parse_notes(read_text_file(path), where=str(path))


@lru_cache(maxsize=1)
def generic_notes() -> dict[str, str]:
    """The kit's generic prompts, true of any articles (``data/lesson-notes.md``).

    >>> "02.verbs" in generic_notes()
    True
    """
    path = data_dir() / "lesson-notes.md"
    return parse_notes(read_text_file(path), where=str(path))


def lesson_note(articles, key: str) -> tuple[str, str]:
    """The note for one step of a lesson and where it comes from: ``("…", "set")`` when the set's
    ``notes.md`` has it, ``("…", "kit")`` for the generic prompt, ``("", "none")`` when neither has one.

    >>> from medialit import load_articles
    >>> text, origin = lesson_note(load_articles("lukashenko-2023"), "02.verbs"); origin
    'set'
    """
    folder = getattr(articles, "path", None)
    own = read_notes(folder) if folder is not None else {}
    if key in own:
        return own[key], "set"
    if key in generic_notes():
        return generic_notes()[key], "kit"
    return "", "none"
