"""NLTK works with no downloaded data: only the kit's data/nltk_data and vaderSentiment's lexicon."""
import subprocess
import sys
import json

from conftest import ROOT

PROBE = r"""
import json, os, nltk
nltk.data.path[:] = []              # forget every default NLTK data folder
import medialit
from nltk.corpus import stopwords
from nltk.sentiment import SentimentIntensityAnalyzer
from medialit.text.resources import sentiment_analyzer
print(json.dumps({
    "path": nltk.data.path,
    "sents": nltk.sent_tokenize("Mr. Smith met Pres. Lee in the U.S. on Feb. 3. They talked."),
    "words": nltk.word_tokenize("He said “no.”"),
    "stop": "the" in stopwords.words("english"),
    "vader": sentiment_analyzer().polarity_scores("a horrible, brutal slaughter")["compound"],
}))
"""


def test_nltk_works_with_only_the_kits_own_data(tmp_path):
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "NLTK_DATA": str(tmp_path / "nothing")}
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True,
                         timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["path"][0] == str(ROOT / "data" / "nltk_data")
    assert result["path"][-1].endswith("vaderSentiment")
    assert len(result["path"]) == 2
    assert result["sents"] == ["Mr. Smith met Pres. Lee in the U.S. on Feb. 3.", "They talked."]
    assert result["words"][:2] == ["He", "said"]
    assert result["stop"] is True
    assert result["vader"] < -0.5


def test_nothing_in_the_kit_calls_nltk_download():
    offenders = []
    for folder in ("src", "lessons", "exercises", "solutions", "benchmarks"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".ipynb") and "nltk.download(" in path.read_text(encoding="utf-8"):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_shipped_punkt_parameters_are_well_formed():
    folder = ROOT / "data" / "nltk_data" / "tokenizers" / "punkt_tab" / "english"
    abbrevs = (folder / "abbrev_types.txt").read_text(encoding="utf-8").split()
    assert {"mr", "mrs", "dr", "pres", "gen", "sen", "u.s", "u.k", "feb", "jan"} <= set(abbrevs)
    assert all(a == a.lower() and not a.endswith(".") for a in abbrevs)
    assert "no" not in abbrevs  # "said no." must still end a sentence
