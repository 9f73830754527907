"""House style: every public function of the library shows a runnable example (pytest runs them)."""
import importlib
import inspect
import pkgutil

import medialit


def test_every_public_function_has_a_runnable_example():
    missing = []
    for info in pkgutil.iter_modules(medialit.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"medialit.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj) and ">>>" not in (obj.__doc__ or ""):
                missing.append(f"{info.name}.{name}")
    assert missing == []


def test_modules_stay_small():
    from pathlib import Path

    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in Path(medialit.__file__).parent.glob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 450} == {}
