"""Where the kit's data lives, and NLTK set up to work offline.

Nothing here downloads anything. ``configure_nltk()`` puts the kit's own
``data/nltk_data`` folder first on ``nltk.data.path`` (sentence-splitter
parameters and stopwords written for this kit) and the ``vaderSentiment``
package folder last (it ships VADER's lexicon).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_dir() -> Path:
    """Return the kit's ``data/`` folder.

    ``MEDIALIT_DATA`` overrides it; otherwise it is the ``data/`` folder at the
    top of the project (an editable install) or inside the package (a release).

    >>> (data_dir() / "nltk_data").is_dir()
    True
    """
    override = os.environ.get("MEDIALIT_DATA")
    candidates = [Path(override)] if override else []
    candidates += [PACKAGE_DIR.parents[1] / "data", PACKAGE_DIR / "data"]
    for candidate in candidates:
        if (candidate / "nltk_data").is_dir():
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"medialit cannot find its data folder (looked in: {looked}). "
                            "Set MEDIALIT_DATA to the kit's data/ folder.")


def vader_lexicon_dir() -> Path:
    """The folder of the ``vaderSentiment`` package, which holds ``vader_lexicon.txt``."""
    from importlib.util import find_spec

    return Path(find_spec("vaderSentiment").origin).resolve().parent


def configure_nltk() -> list[str]:
    """Make NLTK find the kit's data without any download; return ``nltk.data.path``.

    Safe to call more than once.

    >>> import nltk
    >>> path = configure_nltk()
    >>> path[0].endswith("nltk_data")
    True
    >>> nltk.sent_tokenize("Mr. Putin met Pres. Biden. They talked.")
    ['Mr. Putin met Pres. Biden.', 'They talked.']
    """
    import sys

    ours = str(data_dir() / "nltk_data")
    vader = str(vader_lexicon_dir())
    if "nltk" not in sys.modules:
        # NLTK reads NLTK_DATA into nltk.data.path when it is first imported: set it and leave the
        # (slow) import of NLTK for the first code that needs it.
        os.environ["NLTK_DATA"] = os.pathsep.join([ours, vader] + [
            p for p in os.environ.get("NLTK_DATA", "").split(os.pathsep) if p and p not in (ours, vader)])
        return os.environ["NLTK_DATA"].split(os.pathsep)
    import nltk

    if ours in nltk.data.path:
        nltk.data.path.remove(ours)
    nltk.data.path.insert(0, ours)
    if vader not in nltk.data.path:
        nltk.data.path.append(vader)
    return nltk.data.path
