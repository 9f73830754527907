"""Answer cells that survive a beginner's mistake, so that Run All still reaches every later question.

An *answer cell* assigns ``answer_NN_N``. When :mod:`medialit.exercises` is imported in a notebook,
:func:`install_answer_guard` registers two IPython hooks:

- an AST transformer wraps each answer cell's statements (all but a final ``check(...)``) in
  ``try``/``except``: an error such as ``answer_02_1 = [said, may]`` (a NameError) prints a friendly
  note, leaves the answer as ``...`` and ends the cell without an error, so the ``check`` below it
  says "not answered" and Run All goes on;
- an input transformer does the same for a cell Python cannot read at all (a SyntaxError, such as an
  unclosed bracket), which no ``try`` can catch.

Each note is also published under :data:`ANSWER_ERROR_MIME`, which the grader reads to flag the
question ("answer cell raised NameError") instead of scoring a silent 0. IPython is never imported
here: the hooks are installed only when a notebook kernel has already loaded it.
"""
from __future__ import annotations

import ast
import json
import re
import sys

ANSWER_ERROR_MIME = "application/x-medialit-answer-error+json"
_ANSWER = re.compile(r"answer_\d\d_\d+")
_ASSIGN_LINE = re.compile(r"^[ \t]*(answer_\d\d_\d+)\s*[:+]?=", re.M)
_errors: dict[str, str] = {}
_MODULE = "__import__('medialit.grading.answer_cells').grading.answer_cells"


def assigned_answers(body: list[ast.stmt]) -> list[str]:
    """The answer variables that these top-level statements assign.

    >>> assigned_answers(ast.parse("answer_02_1 = ['said']\\nx = 1\\ncheck('02.1', answer_02_1)").body)
    ['answer_02_1']
    """
    names = []
    for node in body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else [])
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name) and _ANSWER.fullmatch(name.id) and name.id not in names:
                    names.append(name.id)
    return names


def explain(error: BaseException) -> str:
    """What a student should read when an answer cell stops with ``error``.

    >>> print(explain(NameError("name 'said' is not defined")))  # doctest: +NORMALIZE_WHITESPACE
    NameError: Python read said as the name of a variable, and there is none. If it is a word from the text,
    it needs quote marks: "said". If it is something to count or compute, use a name an earlier cell made
    (run that cell first), or write the number itself. Your answer is left as ... until you fix it and run
    the cell again.
    >>> print(explain(NameError("name 'marker_02_1' is not defined")))  # doctest: +NORMALIZE_WHITESPACE
    NameError: marker_02_1 does not exist yet. Run the cell with the Marker above first (or use Run All), mark
    the words, then run this cell again. Your answer is left as ... until you fix it and run the cell again.
    """
    name = type(error).__name__
    left = "Your answer is left as ... until you fix it and run the cell again."
    if isinstance(error, NameError):
        word = getattr(error, "name", None) or (re.findall(r"'([^']+)'", str(error)) or ["it"])[0]
        if word.startswith("marker_"):
            return (f"NameError: {word} does not exist yet. Run the cell with the Marker above first (or use Run "
                    f"All), mark the words, then run this cell again. {left}")
        return (f"NameError: Python read {word} as the name of a variable, and there is none. If it is a word "
                f'from the text, it needs quote marks: "{word}". If it is something to count or compute, use a '
                f"name an earlier cell made (run that cell first), or write the number itself. {left}")
    if isinstance(error, SyntaxError):
        where = f" (line {error.lineno})" if error.lineno else ""
        return (f"SyntaxError: Python could not read this cell{where}: {error.msg}. Check that every quote mark and "
                f'bracket is closed and that items are separated by commas, e.g. ["said", "may"]. {left}')
    return f"{name}: {error}. {left}"


def answer_error(variable: str) -> str | None:
    """The error that stopped ``variable``'s answer cell on its last run, or None.

    >>> answer_error("answer_99_1") is None
    True
    """
    return _errors.get(variable)


def _publish(names: list[str], error: BaseException) -> None:
    from IPython import get_ipython
    from IPython.display import publish_display_data

    shell = get_ipython()
    if shell is not None:
        for name in names:
            shell.user_ns[name] = ...
    note = explain(error)
    for name in names:
        _errors[name] = f"{type(error).__name__}"
    publish_display_data({"text/plain": note, ANSWER_ERROR_MIME: json.dumps(
        {"variables": names, "error": type(error).__name__, "message": str(error)[:200]})}, metadata={})


def _failed(error: BaseException, names: list[str]) -> bool:
    """Called by a guarded answer cell that raised: True when the error was handled (explained)."""
    if not isinstance(error, Exception) or isinstance(error, MemoryError):
        return False  # interrupts, sys.exit() and the memory limit keep their usual meaning
    try:
        _publish(names, error)
    except Exception:
        return False
    return True


def _ran(names: list[str]) -> None:
    for name in names:
        _errors.pop(name, None)


def _unreadable(message: str, lineno: int | None, names: list[str]) -> None:
    error = SyntaxError(message)
    error.lineno = lineno
    _publish(names, error)


class AnswerCellGuard(ast.NodeTransformer):
    """Wraps an answer cell's statements, all but a final expression, in try/except (see the module)."""

    def visit_Module(self, node: ast.Module) -> ast.Module:
        try:
            names = assigned_answers(node.body)
            if not names:
                return node
            body = node.body
            last = body[-1:] if len(body) > 1 and isinstance(body[-1], ast.Expr) else []
            guarded = body[:len(body) - len(last)]
            wrapper = ast.parse(f"try:\n    pass\nexcept BaseException as __medialit_error__:\n"
                                f"    if not {_MODULE}._failed(__medialit_error__, {names!r}):\n        raise\n"
                                f"else:\n    {_MODULE}._ran({names!r})\n").body[0]
            for part in ast.walk(wrapper):  # the wrapper's own nodes sit on the cell's first line
                if hasattr(part, "lineno"):
                    ast.copy_location(part, guarded[0])
                    part.end_lineno, part.end_col_offset = guarded[0].lineno, guarded[0].col_offset
            wrapper.body = guarded
            node.body = [wrapper, *last]
            return ast.fix_missing_locations(node)
        except Exception:  # never break a student's cell because of the guard
            return node


def unreadable_answer_cell(lines: list[str]) -> list[str]:
    """IPython input transformer: an answer cell with a SyntaxError becomes a call that explains it.

    >>> unreadable_answer_cell(["answer_02_1 = [said, may]\\n"])
    ['answer_02_1 = [said, may]\\n']
    >>> unreadable_answer_cell(['answer_02_1 = ["said", "may"\\n'])[0].startswith("__import__")
    True
    """
    source = "".join(lines)
    names = list(dict.fromkeys(_ASSIGN_LINE.findall(source)))
    if not names:
        return lines
    try:
        compile(source, "<cell>", "exec", flags=ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    except SyntaxError as error:
        return [f"{_MODULE}._unreadable({error.msg!r}, {error.lineno!r}, {names!r})\n"]
    except Exception:
        return lines
    return lines


def install_answer_guard() -> bool:
    """Register the answer-cell hooks in the running IPython kernel, once. False outside IPython.

    >>> install_answer_guard()  # a plain Python session: nothing to do
    False
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    if shell is None:
        return False
    if not any(type(t).__name__ == "AnswerCellGuard" for t in shell.ast_transformers):
        shell.ast_transformers.append(AnswerCellGuard())
    if not any(getattr(t, "__name__", "") == "unreadable_answer_cell" for t in shell.input_transformers_post):
        shell.input_transformers_post.append(unreadable_answer_cell)
    return True
