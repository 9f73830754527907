"""Reading answers out of a grading kernel as plain values, cell by cell.

Before any student cell runs, :func:`bootstrap_cell` keeps private references to the built-ins the
capture needs and registers an IPython ``post_run_cell`` hook: after each student cell, the answer
variables that cell names are turned into JSON (plain str, numbers, lists and dicts only, by exact
type, so an object that pretends to equal everything is refused) and published as one more output of
that cell, under their own MIME type with a token only the grader knows. After the last cell,
:func:`capture_cell` captures every answer variable once more. The grader merges the captures as they
arrive (:func:`merge`), so an answer set before a cell that kills the kernel is kept; the final
capture, when there is one, wins. Nothing the kernel says about correctness is trusted: the grader
scores the values, and a student who breaks the capture only loses answers.
"""
from __future__ import annotations

import json

from nbformat.v4 import new_code_cell

MIME = "application/x-medialit-answers+json"
BOOTSTRAP = r'''
def __medialit_make_capture(token, wanted):
    import json as _json
    import re as _re
    from IPython import get_ipython as _gi
    from IPython.display import publish_display_data as _publish
    _ns, _type, _str, _int, _float, _bool, _list, _tuple, _dict = _gi().user_ns, type, str, int, float, bool, list, tuple, dict
    _getattr, _len, _Ellipsis, _Exception, _sorted = object.__getattribute__, len, Ellipsis, Exception, sorted
    try:
        from medialit.span import Span as _Span
    except _Exception:
        _Span = None
    def plain(value, depth):
        t = _type(value)
        if value is _Ellipsis:
            return {"__ellipsis__": True}
        if value is None or t is _bool or t is _int or t is _str:
            return value
        if t is _float:
            return value if value == value and -1e300 < value < 1e300 else None
        if depth > 5:
            raise ValueError("nested too deeply")
        if t is _list or t is _tuple:
            if _len(value) > 500:
                raise ValueError("too long")
            return [plain(v, depth + 1) for v in value]
        if t is _dict:
            if _len(value) > 500:
                raise ValueError("too long")
            return {plain(k, depth + 1) if _type(k) is _str else "?": plain(v, depth + 1) for k, v in _dict.items(value)}
        if _Span is not None and t is _Span:
            return {"start": _getattr(value, "start"), "end": _getattr(value, "end"), "kind": _getattr(value, "kind")}
        raise TypeError(t.__name__)
    def capture(names):
        out = {}
        for name in names:
            if name not in _ns:
                out[name] = {"missing": True}
                continue
            try:
                out[name] = {"value": plain(_ns[name], 0)}
            except _Exception as error:
                out[name] = {"invalid": _type(error).__name__ + ": " + _str(error)[:80]}
        text = _json.dumps(out)
        if _len(text) > 1_000_000:
            text = _json.dumps({name: {"invalid": "answer too large"} for name in names})
        _publish({"application/x-medialit-answers+json": text, "text/plain": token}, metadata={})
    patterns = [(name, _re.compile(r"\b" + name + r"\b")) for name in wanted]
    def after_cell(result):
        try:
            source = result.info.raw_cell or ""
            names = [name for name, pattern in patterns if pattern.search(source)]
            if names and not source.startswith("__medialit_capture__("):
                capture(names)
        except _Exception:
            pass
    _gi().events.register("post_run_cell", after_cell)
    return capture
'''


def bootstrap_cell(token: str, variables: list[str]):
    """The cell that runs first in a grading kernel: it defines the capture for ``token`` and has each
    later cell capture the answer ``variables`` it names.

    >>> "__medialit_make_capture('abc', ['answer_01_1'])" in bootstrap_cell("abc", ["answer_01_1"]).source
    True
    """
    return new_code_cell(BOOTSTRAP + f"\n__medialit_capture__ = __medialit_make_capture({token!r}, {list(variables)!r})\n"
                                     "del __medialit_make_capture")


def capture_cell(names: list[str]):
    """A cell that publishes the answer variables ``names`` as they are now.

    >>> capture_cell(["answer_03_2"]).source
    "__medialit_capture__(['answer_03_2'])"
    """
    return new_code_cell(f"__medialit_capture__({list(names)!r})")


def read_capture(cell, token: str) -> dict[str, dict] | None:
    """The answers a capture cell published with ``token``, or None if it published none.

    >>> out = {"output_type": "display_data", "data": {MIME: '{"answer_01_1": {"value": 1}}', "text/plain": "t"}}
    >>> read_capture({"outputs": [out]}, "t"), read_capture({"outputs": [out]}, "other")
    ({'answer_01_1': {'value': 1}}, None)
    """
    found = None
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if output.get("output_type") == "display_data" and data.get("text/plain") == token and MIME in data:
            try:
                parsed = json.loads(data[MIME])
            except (TypeError, ValueError):
                continue
            if isinstance(parsed, dict):
                found = {str(k): v for k, v in parsed.items() if isinstance(v, dict)}
    return found


def merge(answers: dict[str, dict], captured: dict[str, dict] | None) -> dict[str, dict]:
    """``answers`` updated with a newer capture: a variable's latest value wins.

    >>> merge({"a": {"value": 1}, "b": {"value": 2}}, {"b": {"value": 3}})
    {'a': {'value': 1}, 'b': {'value': 3}}
    """
    return {**answers, **(captured or {})}
