"""The layers of the library and their one-way doors, checked on the source: text ← analysis ← display ←
widgets; grading uses analysis (and display for its pages), never widgets. No module imports another's
private names, and word lists live in data, not code."""
import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "medialit"
# What each layer must never import (module prefixes, absolute).
FORBIDDEN = {
    "text": ["medialit.analysis", "medialit.display", "medialit.widgets", "medialit.grading", "medialit.exercises",
             "medialit.cli", "IPython", "ipywidgets", "matplotlib"],
    "analysis": ["medialit.display", "medialit.widgets", "medialit.grading", "medialit.exercises", "medialit.cli",
                 "IPython", "ipywidgets", "matplotlib"],
    # display formats what it is given: it never runs a detector or builds a document
    "display": ["medialit.widgets", "medialit.grading", "medialit.exercises", "medialit.cli",
                "medialit.analysis.annotation", "medialit.analysis.attribution", "medialit.analysis.hedging",
                "medialit.analysis.loaded", "medialit.analysis.document", "medialit.analysis.claims"],
    "grading": ["medialit.widgets", "ipywidgets"],
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(absolute module, imported names, line) of every import in the file, relative ones resolved."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((module, [a.name for a in node.names], node.lineno))
    return found


def layer_files(layer: str) -> list[Path]:
    return sorted((SRC / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_each_layer_imports_only_what_is_below_it(layer):
    problems = []
    for path in layer_files(layer):
        for module, _names, line in imports(path):
            for banned in FORBIDDEN[layer]:
                if module == banned or module.startswith(banned + "."):
                    problems.append(f"{path.relative_to(SRC)}:{line} imports {module}")
    assert layer_files(layer) and problems == []


def test_the_layer_check_sees_a_forbidden_import(tmp_path, monkeypatch):
    """The check above can fail: an analysis module that imports display is caught."""
    fake = tmp_path / "medialit" / "analysis"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("from ..display.html import format_annotated\nimport matplotlib\n")
    monkeypatch.setattr(__import__(__name__), "SRC", tmp_path / "medialit")
    found = [m for m, _, _ in imports(fake / "bad.py")]
    assert found == ["medialit.display.html", "matplotlib"]


def test_no_module_imports_another_modules_private_names():
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        for module, names, line in imports(path):
            if module.startswith("medialit") and module != module_name(path):
                problems += [f"{path.relative_to(SRC)}:{line} imports {module}.{n}" for n in names if n.startswith("_")]
    assert problems == []


def test_there_is_one_sentence_splitter():
    """Sentences come from medialit.text.splitter only: no other module splits text into sentences itself
    (no second abbreviation list, no call to NLTK's Punkt or sent_tokenize)."""
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name in ("resources.py", "splitter.py"):
            continue  # where the Punkt data is read, and the splitter itself
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = getattr(getattr(node, "func", None), "id", "") or getattr(getattr(node, "func", None), "attr", "")
            if isinstance(node, ast.Call) and name in ("sent_tokenize", "PunktTokenizer", "PunktSentenceTokenizer"):
                problems.append(f"{path.relative_to(SRC)}:{node.lineno} calls {name}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "abbrev_types" in node.value \
                    and not isinstance(getattr(node, "parent", None), ast.Expr):
                problems.append(f"{path.relative_to(SRC)}:{node.lineno} reads Punkt's abbreviations itself")
    assert problems == []


WORD_LIST = re.compile(r"=\s*\{\s*\"(?:the|he|mr|president|also)\"")


def test_word_lists_live_in_data_not_code():
    """Determiners, pronouns, titles and the like are read from data/lexicons/*.csv (word_class), not
    written into the code as literal sets."""
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if WORD_LIST.search(line):
                problems.append(f"{path.relative_to(SRC)}:{n}: {line.strip()[:60]}")
    assert problems == []
