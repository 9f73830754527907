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

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # src/medialit


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


@lru_cache(maxsize=1)
def punkt_parameters() -> dict[str, frozenset]:
    """What the kit's NLTK Punkt data (``data/nltk_data/tokenizers/punkt_tab/english``) knows:
    ``abbreviations`` ("mr", "u.s", "gen"), ``starters`` (words that often start a sentence) and
    ``collocations`` (pairs such as ("no", "##number##"), "No. 2", that a full stop does not split).

    >>> p = punkt_parameters()
    >>> "mr" in p["abbreviations"], "the" in p["starters"]
    (True, True)
    """
    folder = data_dir() / "nltk_data" / "tokenizers" / "punkt_tab" / "english"

    def lines(name: str) -> list[str]:
        return [line.strip() for line in (folder / name).read_text(encoding="utf-8").splitlines() if line.strip()]

    return {"abbreviations": frozenset(w.lower() for w in lines("abbrev_types.txt")),
            "starters": frozenset(w.lower() for w in lines("sent_starters.txt")),
            "collocations": frozenset(tuple(line.lower().split("\t")[:2]) for line in lines("collocations.tab"))}


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The kit's English stopword list (function words): the file NLTK's ``stopwords`` corpus reads
    (``data/nltk_data/corpora/stopwords/english``), read directly so that a grading kernel need not load NLTK.

    >>> "the" in stopwords(), "regime" in stopwords()
    (True, False)
    """
    path = data_dir() / "nltk_data" / "corpora" / "stopwords" / "english"
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip())


@lru_cache(maxsize=1)
def sentiment_analyzer():
    """NLTK's VADER ``SentimentIntensityAnalyzer`` with the lexicon from the vaderSentiment package.

    >>> sentiment_analyzer().polarity_scores("A horrible, brutal war.")["compound"] < 0
    True
    """
    configure_nltk()
    from nltk.sentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")


@lru_cache(maxsize=1)
def vader_valence() -> dict[str, float]:
    """VADER's word list as {word: mean valence from −4 (most negative) to +4}, read from the
    vaderSentiment package (words only; emoticons and abbreviations left out).

    >>> vader_valence()["horrible"] < -2 < 2 < vader_valence()["wonderful"]
    True
    """
    out = {}
    for line in (vader_lexicon_dir() / "vader_lexicon.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha() and len(parts[0]) > 2:
            out[parts[0].lower()] = float(parts[1])
    return out
