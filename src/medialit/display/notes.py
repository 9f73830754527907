"""Lesson notes in a notebook: the set's own note for a step of a lesson, or the kit's generic prompt."""
from __future__ import annotations

from ..text.notes import lesson_note

SET_LABEL = "About these articles"


def format_lesson_note(text: str, origin: str) -> str:
    """Markdown for a note: a set's own note is framed and labelled, so a student can tell it is about
    the articles in front of them; the kit's generic prompt is shown as it is.

    >>> print(format_lesson_note("Compare the verbs.", "set"))
    > **About these articles.** Compare the verbs.
    >>> format_lesson_note("Compare the verbs.", "kit")
    'Compare the verbs.'
    """
    if origin != "set" or not text:
        return text
    lines = f"**{SET_LABEL}.** {text}".split("\n")
    return "\n".join("> " + line if line.strip() else ">" for line in lines)


def show_lesson_note(articles, key: str) -> None:
    """Show the note for step ``key`` ("02.verbs") of a lesson, for the loaded set.

    >>> from medialit import load_articles
    >>> show_lesson_note(load_articles("lukashenko-2023"), "02.verbs")
    <IPython.core.display.Markdown object>
    """
    from IPython.display import Markdown, display

    text, origin = lesson_note(articles, key)
    if text:
        display(Markdown(format_lesson_note(text, origin)))
