"""Package APIs that load their modules on first use, so ``import medialit.display`` does not pull in
matplotlib and ``import medialit.analysis`` does not pull in NLTK until a function needs them."""
from __future__ import annotations

import importlib


def lazy_exports(package: str, exports: dict[str, str]):
    """``(__getattr__, __dir__)`` for a package whose public names live in submodules.

    ``exports`` maps each public name to the submodule that defines it.

    >>> getattr_, dir_ = lazy_exports("medialit.text", {"words": "tokenizer"})
    >>> getattr_("words").__name__, "words" in dir_()
    ('words', True)
    """
    def __getattr__(name: str):
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{exports[name]}"), name)

    def __dir__():
        return sorted(exports)

    return __getattr__, __dir__
