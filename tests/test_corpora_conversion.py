"""``evaluation/corpora.py convert`` on PTC's file layout, built here from the seed articles: the development
set alternates into dev and test; the training set becomes a third reading split, ``train``, holding only the
articles whose copy is whole (of the length the manifest pins)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import medialit

ROOT = Path(__file__).resolve().parents[1]


def _script(monkeypatch, tmp_path):
    spec = importlib.util.spec_from_file_location("corpora_script", ROOT / "evaluation" / "corpora.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "ROOT", str(tmp_path / "out"))
    monkeypatch.setattr(module, "RAW", str(tmp_path / "raw"))
    return module


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ptc_dev_alternates_into_dev_and_test_and_train_keeps_only_whole_copies(monkeypatch, tmp_path):
    corpora = _script(monkeypatch, tmp_path)
    texts = [a.text for a in medialit.load_articles("lukashenko-2023")]
    base = tmp_path / "raw" / "aschern__semeval2020_task11" / "datasets"
    word = "Lukashenko"
    rows, manifest = [], {}
    for i, text in enumerate(texts):
        aid = str(100 + i)
        _write(base / "dev-articles" / f"article{aid}.txt", text)
        start = text.index(word)
        rows.append(f"{aid}\tLoaded_Language\t{start}\t{start + len(word) + 1}")  # a trailing space, trimmed
        rows.append(f"{aid}\tDoubt\t0\t5")  # another technique: left out
        # the training set: the same articles; the last one's copy is one character short of its pinned length
        tid = str(200 + i)
        copy = text if i < len(texts) - 1 else text[:-1]
        _write(base / "train-articles" / f"article{tid}.txt", copy)
        _write(base / "train-labels-task2-technique-classification" / f"article{tid}.task2-TC.labels",
               f"{tid}\tName_Calling,Labeling\t{start}\t{start + len(word)}\n")
        path = f"datasets/train-articles/article{tid}.txt"
        manifest[("aschern/semeval2020_task11", path)] = {
            "repo": "aschern/semeval2020_task11", "path": path, "commit": "0" * 40, "chars": str(len(text)),
            "complete": "yes"}
    _write(tmp_path / "raw" / "DAMO-NLP-SG__PeerDA" / "SemEval" / "SemEval20" / "evaluation" / "data"
           / "dev-task-TC.labels", "\n".join(rows) + "\n")
    monkeypatch.setattr(corpora, "read_manifest", lambda: manifest)

    corpora.convert_ptc()

    out = tmp_path / "out" / "ptc"
    dev, test, train = _read(out / "dev.jsonl"), _read(out / "test.jsonl"), _read(out / "train.jsonl")
    assert [d["id"] for d in dev] == ["article100", "article102"] and [d["id"] for d in test] == ["article101"]
    for doc in dev + test + train:
        (span,) = doc["spans"]
        assert doc["text"][span["start"]:span["end"]] == word  # the end moved back over the space
    assert [d["id"] for d in train] == ["article200", "article201"]  # article202's copy is not whole
    assert {d["spans"][0]["label"] for d in train} == {"Name_Calling,Labeling"}
    assert corpora.STATS["ptc"]["conversion"]["label_rows_other_techniques_ignored"] == 3
    assert corpora.STATS["ptc"]["conversion"]["spans_end_moved_back_over_trailing_whitespace_or_punctuation"] == 3
    assert corpora.STATS["ptc"]["train"]["documents"] == 2
    assert any("202" in note and "not complete" in note for note in corpora.NOTES["ptc"])


def test_the_train_split_is_scored_on_its_own(tmp_path, capsys):
    from medialit.cli import main

    article = medialit.load_articles("lukashenko-2023")["opinion-site"]
    start = article.text.index("strongman")
    (tmp_path / "ptc").mkdir()
    (tmp_path / "ptc" / "train.jsonl").write_text(json.dumps({
        "id": "a", "source": "ptc", "text": article.text,
        "spans": [{"start": start, "end": start + 9, "kind": "loaded", "label": "Loaded_Language"}]}) + "\n",
        encoding="utf-8")
    assert main(["evaluate", "--corpora", str(tmp_path), "--split", "train"]) == 0
    out = capsys.readouterr().out
    assert "(train split)" in out and "ptc" in out
    assert main(["evaluate", "--corpora", str(tmp_path)]) == 0  # both = dev and test: none here
    assert "no held-out corpora found" in capsys.readouterr().out


def test_babe_sentences_keep_their_biased_words_and_whole_articles_stay_in_one_split(monkeypatch, tmp_path):
    import csv
    import io

    corpora = _script(monkeypatch, tmp_path)
    from medialit.text import sentences as split

    pieces = [s.text for a in medialit.load_articles("lukashenko-2023") for s in split(a.text)]
    sentences = [s for s in pieces if "strongman" in s or "regime" in s][:2]
    sentences += [s for s in pieces if len(s) > 40 and s not in sentences][:2]
    assert len(sentences) == 4
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["text", "news_link", "outlet", "topic", "type", "label_bias", "label_opinion", "biased_words"])
    first, second = ("strongman" if "strongman" in sentence else "regime" for sentence in sentences[:2])
    writer.writerow([sentences[0], "https://a.example/1", "A", "t", "left", "Biased", "x", f"['{first}', 'nowhere']"])
    writer.writerow([sentences[1], "https://b.example/2", "B", "t", "right", "Biased", "x", "['" + second.upper() + "']"])
    writer.writerow([sentences[2], "https://a.example/1", "A", "t", "left", "Non-biased", "x", "[]"])
    writer.writerow([sentences[3], "https://c.example/3", "C", "t", "", "Biased", "x", "['broken"])
    _write(tmp_path / "raw" / corpora.BABE[0].replace("/", "__") / corpora.BABE[1], out.getvalue())

    corpora.convert_babe()

    dev, test = _read(tmp_path / "out" / "babe" / "dev.jsonl"), _read(tmp_path / "out" / "babe" / "test.jsonl")
    assert [d["text"] for d in dev] == [sentences[0], sentences[2]]  # article 1's two sentences, together
    assert [d["text"] for d in test] == [sentences[1]]               # the unreadable row is left out
    (span,) = dev[0]["spans"]
    assert dev[0]["text"][span["start"]:span["end"]].lower() == first and span["kind"] == "loaded"
    (span,) = test[0]["spans"]                                        # found whatever its case
    assert test[0]["text"][span["start"]:span["end"]].lower() == second
    assert dev[1]["spans"] == []
    assert corpora.STATS["babe"]["conversion"] == {
        "biased_words_not_found": 1, "biased_words_kept": 2, "rows_unreadable": 1, "articles": 2}
    assert any("could not be read" in note for note in corpora.NOTES["babe"])
    result = medialit.analysis.corpora.score_documents(dev + test)
    assert result["loaded"].tp >= 1   # the kit's mark on that word is scored against it
