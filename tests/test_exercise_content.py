"""What the exercises' metadata lets check() say: hints name a method, never the result."""
import re

import pytest

from medialit.grading.feedback import normalise_choice
from medialit.grading.keys import all_questions

QUESTIONS = all_questions()
NUMBER_WORDS = (r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                r"hundred|thousand|dozen|half|twice|thrice")


def shown_when_wrong(question) -> list[str]:
    """Every metadata text check() can show a student who has not got the answer yet."""
    texts = []
    if isinstance(question.get("key"), dict) and "hint" in question["key"]:
        texts.append(question["key"]["hint"])
    texts += list((question.get("explanations") or {}).values())
    texts += [question.get("hint", "")]
    return [t for t in texts if t]


# Numbers a hint may name because they are part of the method, not of the result.
METHOD_NUMBERS = [r"\blessons? \d\d\b", r"\bexercises? \d\d\b", r"\bquestions? \d\d\.\d\b",
                  r"\b(multiply|multiplied|times) by 100\b", r"\bper 100 words\b", r"\ball (three|3) articles\b",
                  r"\b(three|3) members\b"]  # the number of articles in the set


@pytest.mark.parametrize("qid", sorted(q for q in QUESTIONS if QUESTIONS[q]["kind"] == "numbers"))
def test_number_hints_state_no_count_and_no_result(qid):
    """A numbers hint gives a method ("divide the hedges by the words"): it names no count and no result.

    Only numbers that belong to the method may appear (a lesson's number, "multiply by 100", "all three
    articles"), and code in the hint must not hold the key's value either.
    """
    hint = QUESTIONS[qid]["key"].get("hint", "")
    value = QUESTIONS[qid]["key"]["value"]
    code = re.findall(r"`[^`]*`|\b[\w.]+\([^()]*(?:\([^()]*\)[^()]*)*\)", hint)
    prose = hint
    for part in code + [m.group() for pattern in METHOD_NUMBERS for m in re.finditer(pattern, hint, re.I)]:
        prose = prose.replace(part, " ")
    assert not re.search(r"\d", prose), f"{qid} hint states a number: {hint!r}"
    assert not re.search(rf"\b({NUMBER_WORDS})\b", prose, re.I), f"{qid} hint states a number: {hint!r}"
    for part in code:
        assert not re.search(rf"(?<![\w.]){re.escape(f'{value:g}')}(?![\d])", part), f"{qid}: {part!r} holds the key"


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_no_hint_or_wrong_answer_explanation_contains_the_key(qid):
    q = QUESTIONS[qid]
    key = q.get("key")
    secrets = []
    if isinstance(key, dict) and "value" in key:
        secrets.append(f"{key['value']:g}")
    elif isinstance(key, str):
        secrets.append(normalise_choice(key))
    elif isinstance(key, list) and q["kind"] in ("choice", "align"):
        secrets += [normalise_choice(k) for k in key]
    for text in shown_when_wrong(q):
        for secret in secrets:
            assert not re.search(rf"(?<![\w.]){re.escape(secret)}(?![\w])", normalise_choice(text)), (qid, text)


def test_choice_explanations_belong_to_wrong_choices():
    for qid, q in QUESTIONS.items():
        if q["kind"] != "choice":
            continue
        right = {normalise_choice(k) for k in ([q["key"]] if isinstance(q["key"], str) else q["key"])}
        assert not right & {normalise_choice(k) for k in (q.get("explanations") or {})}, qid
        if q.get("choices"):
            assert right <= {normalise_choice(c) for c in q["choices"]}, qid


# Python the lessons teach: names, strings, lists, dictionaries, indexing, attributes, calls, for loops, if,
# arithmetic. Model answers and code in question texts stay inside it, so a student can follow every line.
UNTAUGHT = {"GeneratorExp": "a generator expression", "ListComp": "a list comprehension",
            "DictComp": "a dict comprehension", "SetComp": "a set comprehension", "Lambda": "a lambda",
            "IfExp": "a conditional expression", "NamedExpr": "the := operator"}


def _solution_cells():
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for path in sorted((root / "solutions").glob("[0-9][0-9]-*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                yield path.name, "".join(cell["source"])


def test_model_answers_use_only_python_the_lessons_teach():
    import ast

    found = []
    for name, source in _solution_cells():
        for node in ast.walk(ast.parse(source)):
            kind = type(node).__name__
            if kind in UNTAUGHT:
                found.append(f"{name}: {UNTAUGHT[kind]} in {source.splitlines()[0]!r}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"next", "sum", "map", "filter",
                                                                                "sorted", "any", "all"}:
                found.append(f"{name}: {node.func.id}() in {source.splitlines()[0]!r}")
    assert found == []


def _taught_syntax() -> set[str]:
    """Every kind of Python syntax (AST node type) that students see in code: the lessons' cells and the
    exercises' own templates (a dictionary to fill in, say)."""
    import ast
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    kinds = set()
    for path in sorted((root / "lessons").glob("[0-9][0-9]-*.ipynb")) + sorted(
            (root / "exercises").glob("[0-9][0-9]-*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                kinds |= {type(node).__name__ for node in ast.walk(ast.parse("".join(cell["source"])))}
    return kinds


def test_model_answers_use_no_syntax_the_lessons_never_show():
    """A model answer is something a student who did the lessons could have written: every kind of syntax in
    it (an if, a counter with +=, a comparison …) appears in some lesson's code first."""
    import ast

    taught = _taught_syntax()
    found = []
    for name, source in _solution_cells():
        if "### BEGIN SOLUTION" not in source:
            continue
        answer = source.split("### BEGIN SOLUTION", 1)[1].split("### END SOLUTION", 1)[0]
        for node in ast.walk(ast.parse(answer)):
            if type(node).__name__ not in taught:
                found.append(f"{name}: {type(node).__name__} in {answer.strip().splitlines()[0]!r}")
    assert found == []


def test_code_named_in_questions_and_hints_runs_in_that_notebook():
    """Every piece of code a question or hint shows (`article_stats(articles["bbc-repost"])`) uses only names
    the exercise notebook defines, so copying it into a cell never raises NameError."""
    import ast
    import builtins
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    problems = []
    for path in sorted((root / "exercises").glob("[0-9][0-9]-*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        defined = set(dir(builtins))
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                defined.add(node.id)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                defined.update((a.asname or a.name).split(".")[0] for a in node.names)
        texts = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
        texts += [q["key"]["hint"] for q in QUESTIONS.values() if q["assignment"] == path.name[:2]
                  and isinstance(q.get("key"), dict) and "hint" in q["key"]]
        snippets = [s for text in texts for s in re.findall(r"`([^`]+)`", text)]
        snippets += [s for text in texts[-10:] for s in re.findall(r"\b[a-z_]+\([^()\n]*(?:\([^()]*\))?[^()\n]*\)", text)]
        for snippet in snippets:
            try:
                tree = ast.parse(snippet)
            except SyntaxError:
                continue
            calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
            if not calls:
                continue
            missing = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id not in defined}
            if missing:
                problems.append(f"{path.name}: `{snippet}` uses {sorted(missing)}")
    assert problems == []


def test_where_the_question_says_each_source_is_found_it_is():
    """Q02.2 tells students which article each source comes from; every source is in that article."""
    import json

    from conftest import ROOT
    from medialit import load_articles

    nb = json.loads((ROOT / "solutions" / "02-who-says-so.ipynb").read_text(encoding="utf-8"))
    prompt = next("".join(c["source"]) for c in nb["cells"] if "### Question 02.2" in "".join(c["source"]))
    m = re.search(r"The first (\w+) are from the (opinion site|aggregator), the last (\w+) from the "
                  r"(opinion site|aggregator)", prompt)
    assert m, prompt
    words = {"one": 1, "two": 2, "three": 3, "four": 4}
    code = next("".join(c["source"]) for c in nb["cells"] if "answer_02_2 = {" in "".join(c["source"]))
    template = next(line for line in code.splitlines() if line.startswith("answer_02_2 = {") and "..." in line)
    sources = re.findall(r'"([^"]+)": \.\.\.', template)     # in the order the student sees them
    assert sorted(sources) == sorted(QUESTIONS["02.2"]["key"])
    first, last = words[m.group(1)], words[m.group(3)]
    assert first + last == len(sources)
    texts = {a.id: a.text for a in load_articles("lukashenko-2023")}
    for source, where in [(s, m.group(2)) for s in sources[:first]] + [(s, m.group(4)) for s in sources[first:]]:
        assert source in texts[where.replace(" ", "-")], (source, where)
