"""The teacher notes match the lessons, the exercises and the articles they talk about.

lessons/TEACHER-NOTES.md follows these conventions, which the tests below rely on:

- one section per lesson, headed ``## Lesson 02 · …``, with a pacing table (columns Clock, Min,
  What happens) whose minutes add up to the lesson's ``minutes`` and which plans the discussion;
- an answer entry ``Lesson 02 · Try it 3`` for every "Try it" cell of the lesson and
  ``Lesson 02 · Discussion 1`` for every prompt in its Discussion cell;
- a row in the exercise tables for every question, and a ``#### Rubric · 01.4 (2 points)`` section
  with a row per score (0 up to the question's points) for every written (reflect) question, written
  from ``data/rubrics/`` by ``medialit rubrics --notes`` between the notes' rubric markers;
- curly quotes are kept for words copied from an article, followed by the article's id in
  brackets: “Few people are as familiar” (bbc-repost). A run of quotes may share one id:
  “strongman”, “parroted” (opinion-site).
"""

import json
import re
from pathlib import Path

import pytest

from conftest import lesson_note_keys

ROOT = Path(__file__).resolve().parents[1]
NOTES_PATH = ROOT / "lessons" / "TEACHER-NOTES.md"
ARTICLES = ROOT / "data" / "articles" / "lukashenko-2023"
ARTICLE_IDS = ("opinion-site", "bbc-repost", "aggregator")


def notes() -> str:
    return NOTES_PATH.read_text(encoding="utf-8")


def article_text(article_id: str) -> str:
    return (ARTICLES / f"{article_id}.txt").read_text(encoding="utf-8")


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def lesson_paths() -> list[Path]:
    return sorted((ROOT / "lessons").glob("0*.ipynb"))


def lesson_meta(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["metadata"]["medialit"]


def questions() -> list[dict]:
    """Every question's metadata in solutions/, in order."""
    found = []
    for path in sorted((ROOT / "solutions").glob("0*.ipynb")):
        for cell in cells(path):
            meta = cell.get("metadata", {}).get("medialit")
            if meta and "id" in meta:
                found.append(meta)
    return found


def try_it_count(path: Path) -> int:
    """Try-it prompts as the seed set shows them: in markdown cells, and in the set's notes (or the kit's
    generic prompt) that a ``show_lesson_note`` cell shows."""
    from medialit.text.notes import generic_notes, read_notes

    seed_notes = read_notes(ARTICLES)
    count = 0
    for c in cells(path):
        if c["cell_type"] == "markdown":
            count += "**Try it" in source(c)
        else:
            for key in lesson_note_keys(source(c)):
                count += "**Try it" in seed_notes.get(key, generic_notes().get(key, ""))
    return count


def discussion_count(path: Path) -> int:
    prompts = [c for c in cells(path) if c["cell_type"] == "markdown" and source(c).startswith("## Discussion")]
    assert len(prompts) == 1, f"{path.name}: expected one Discussion cell"
    return len(re.findall(r"^\d+\.\s", source(prompts[0]), flags=re.M))


def lesson_section(number: str) -> str:
    match = re.search(rf"^## Lesson {number} · .*?(?=^## |\Z)", notes(), flags=re.M | re.S)
    assert match, f"no '## Lesson {number} · …' section in the teacher notes"
    return match.group(0)


def pacing_rows(section: str) -> list[tuple[int, int, int, str]]:
    """(start, end, minutes, what) for each row of the section's pacing table."""
    table = re.search(r"#### Pacing.*?\n\n(\|.*?)(?:\n\n|\Z)", section, flags=re.S)
    assert table, "no pacing table"
    rows = []
    for line in table.group(1).splitlines()[2:]:
        clock, minutes, what = [c.strip() for c in line.strip().strip("|").split("|")]
        start, end = (int(x) for x in clock.split("–"))
        rows.append((start, end, int(minutes), what))
    return rows


# A run of curly-quoted passages that share one article id: “a”, “b” and “c” (article-id)
IDS = "|".join(ARTICLE_IDS)
QUOTE = r"“[^“”]+”"
RUN = re.compile(rf"{QUOTE}(?:\s*(?:,|and|or|, and)\s*{QUOTE})*\s*\(((?:{IDS})(?:,\s*(?:{IDS}))*)\)")


def attributed_quotes() -> list[tuple[str, list[str]]]:
    found = []
    for run in RUN.finditer(notes()):
        ids = [i.strip() for i in run.group(1).split(",")]
        found += [(squash(q[1:-1]), ids) for q in re.findall(QUOTE, run.group(0))]
    return found


def squash(text: str) -> str:
    """Markdown wraps lines: a line break inside a quotation reads as one space."""
    return " ".join(text.split())


LESSONS = [p.name[:2] for p in lesson_paths()]


def test_the_notes_have_a_section_for_every_lesson_in_order():
    headings = re.findall(r"^## Lesson (\d\d) · ", notes(), flags=re.M)
    assert headings == LESSONS == ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09"]


@pytest.mark.parametrize("number", LESSONS)
def test_pacing_adds_up_to_the_lesson_time_and_plans_the_discussion(number):
    path = next(p for p in lesson_paths() if p.name.startswith(number))
    minutes = lesson_meta(path)["minutes"]
    section = lesson_section(number)
    assert f"({minutes} min)" in section.splitlines()[0], "the heading states the lesson's minutes"
    rows = pacing_rows(section)
    assert sum(r[2] for r in rows) == minutes
    assert rows[0][0] == 0 and rows[-1][1] == minutes
    for (start, end, length, what), following in zip(rows, rows[1:] + [None]):
        assert end - start == length, f"{what}: clock {start}–{end} is not {length} min"
        if following:
            assert following[0] == end, f"gap or overlap after {what!r}"
    assert any("Discussion" in r[3] for r in rows), "the plan must say when (or whether) the discussion happens"


@pytest.mark.parametrize("number", LESSONS)
def test_every_try_it_and_discussion_prompt_has_an_answer_entry(number):
    path = next(p for p in lesson_paths() if p.name.startswith(number))
    section = lesson_section(number)
    for kind, count in (("Try it", try_it_count(path)), ("Discussion", discussion_count(path))):
        entries = [int(n) for n in re.findall(rf"\*\*Lesson {number} · {kind} (\d+)\*\*", section)]
        assert entries == list(range(1, count + 1)), f"{kind}: {count} in the lesson, entries {entries}"
        for n in entries:
            entry = re.search(rf"\*\*Lesson {number} · {kind} {n}\*\*(.*?)(?=\n\*\*Lesson |\n#|\Z)", section, re.S)
            assert len(entry.group(1).split()) >= 25, f"{kind} {n}: the answer guide is too thin"


def test_every_question_appears_in_the_exercise_tables_with_its_points():
    text = notes()
    exercises = text[text.index("## Exercises and grading"):]
    for q in questions():
        row = re.search(rf"^\| {re.escape(q['id'])} \| (\d+) \| (\w+) \| (\d+) \|", exercises, flags=re.M)
        assert row, f"no row for question {q['id']}"
        assert (int(row.group(1)), row.group(2)) == (q["points"], q["kind"]), q["id"]


def test_every_written_question_has_a_rubric_with_a_row_per_score():
    reflect = [q for q in questions() if q["kind"] == "reflect"]
    assert len(reflect) >= 6
    text = notes()
    for q in reflect:
        match = re.search(rf"^#### Rubric · {re.escape(q['id'])} \((\d+) points?\)\n(.*?)(?=^#|\Z)",
                          text, flags=re.M | re.S)
        assert match, f"no rubric for {q['id']}"
        assert int(match.group(1)) == q["points"], q["id"]
        scores = {int(s) for s in re.findall(r"^\| (\d) \|", match.group(2), flags=re.M)}
        assert scores == set(range(q["points"] + 1)), f"{q['id']}: rubric rows for scores {sorted(scores)}"


def test_the_rubrics_cover_the_written_points():
    exercises = [q for q in questions() if "01" <= q["id"][:2] <= "06"]
    assert sum(q["points"] for q in exercises if q["kind"] == "reflect") == 13
    assert sum(q["points"] for q in exercises) == 47
    assert "13 of the 47 points" in notes()
    for assignment in ("00", "09"):  # the pre- and post-assessment: 14 points each, 2 of them written
        mine = [q for q in questions() if q["id"][:2] == assignment]
        assert sum(q["points"] for q in mine) == 14 and sum(q["points"] for q in mine if q["kind"] == "reflect") == 2
        heading = re.search(rf"^#### \w+-assessment {assignment} · .* \(about (\d+) min, (\d+) points\)$", notes(), re.M)
        assert heading and int(heading.group(2)) == 14, assignment


def test_the_notes_rubrics_are_written_from_the_rubric_data():
    """data/rubrics/ is the rubrics' single source: the notes' rubric part is what `medialit rubrics --notes`
    writes from it, and every written question has a rubric there that fits its points."""
    from medialit.grading.keys import all_questions
    from medialit.grading.rubrics import BEGIN, END, load_rubrics, rubric_problems, rubrics_markdown

    rubrics = load_rubrics()
    assert rubric_problems(all_questions(), rubrics) == []
    part = notes().split(BEGIN, 1)[1].split(END, 1)[0]
    assert squash(part) == squash(rubrics_markdown(all_questions(), rubrics)), "run `medialit rubrics --notes`"


def test_quotations_attributed_to_an_article_are_verbatim():
    quotes = attributed_quotes()
    for article_id in ARTICLE_IDS:
        assert sum(article_id in ids for _, ids in quotes) >= 15, f"few quotations from {article_id}"
    missing = [(q, i) for q, ids in quotes for i in ids if q not in squash(article_text(i))]
    assert not missing, f"not found verbatim in the article: {missing}"


def test_curly_quotes_are_used_only_for_attributed_article_words():
    text = notes()
    in_runs = sum(run.group(0).count("“") for run in RUN.finditer(text))
    assert text.count("“") == text.count("”") == in_runs, [
        m.group(0) for m in re.finditer(QUOTE + r"(?!\s*(?:,|and|or)?\s*(?:“|\())", text)][:5]


def test_the_quote_check_catches_a_misquotation():
    """The verbatim check is real: a near miss of an article's words is not found in it."""
    assert "Yeah, I’m prepared" in article_text("bbc-repost")
    assert "Yes, I am prepared" not in article_text("bbc-repost")
    assert RUN.search("“Yes, I am prepared” (bbc-repost)")


def test_the_notes_do_not_repeat_known_false_statements():
    text = notes()
    for slip in ("alongside Russia in Ukraine", "for Lukashenko’s own words I would use",
                 "the kit counts it as a hedge", "his exact words in the BBC copy", "only one with long direct quotes"):
        assert slip not in text, slip
    # the BBC copy's quote marks are never presented as his exact words
    for sentence in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")):
        if "BBC copy" in sentence and "exact words" in sentence:
            assert re.search(r"\bnot\b|\bno\b|cannot|never|claim", sentence, flags=re.I), sentence


def test_the_live_war_section_covers_what_a_teacher_needs():
    section = re.search(r"^## Teaching a live war\n(.*?)(?=^## |\Z)", notes(), flags=re.M | re.S).group(1)
    for topic in ("Ukraine, Russia or Belarus", "neutral", "Propaganda claims", "establishment-critical",
                  "Content warnings", "heated moments", "Age-appropriate"):
        assert topic in section, topic
