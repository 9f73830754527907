"""The seed set: raw texts exactly as received, cleaned by the library (not by hand), with a record."""
import hashlib
import json

import pytest

from conftest import SEED_SET, SHARED_SEEDS
from medialit.text.cleaning import clean_folder, clean_text

META = json.loads((SEED_SET / "metadata.json").read_text(encoding="utf-8"))
ROWS = META["articles"]


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_raw_copy_is_byte_for_byte_as_received(row):
    data = (SEED_SET / row["raw"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == row["raw_sha256"]
    shared = SHARED_SEEDS / (SEED_SET / row["raw"]).name
    if not SHARED_SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout; the hash above still pins the raw text")
    assert data == shared.read_bytes()


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_committed_cleaned_text_is_what_the_cleaning_function_produces(row):
    raw = (SEED_SET / row["raw"]).read_text(encoding="utf-8")
    assert (SEED_SET / row["file"]).read_text(encoding="utf-8") == clean_text(raw).text


def test_cleaning_log_is_up_to_date(tmp_path):
    import shutil

    copy = tmp_path / "set"
    shutil.copytree(SEED_SET, copy)
    (copy / "cleaning-log.json").unlink()
    clean_folder(copy)
    assert json.loads((copy / "cleaning-log.json").read_text(encoding="utf-8")) == \
        json.loads((SEED_SET / "cleaning-log.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_removals_rebuild_the_raw_text_exactly(row):
    raw = (SEED_SET / row["raw"]).read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    for removal in cleaned.removals:
        assert raw[removal.start:removal.end] == removal.text and removal.why
    for i, ch in enumerate(cleaned.text):
        assert raw[cleaned.to_raw(i)] == ch
    rebuilt, cursor = [], 0
    for removal in cleaned.removals:
        rebuilt.append(raw[cursor:removal.start] + removal.text)
        cursor = removal.end
    rebuilt.append(raw[cursor:])
    assert "".join(rebuilt) == raw


def removed(row):
    cleaned = clean_text((SEED_SET / row["raw"]).read_text(encoding="utf-8"))
    return cleaned, [r.text for r in cleaned.removals if r.rule != "whitespace"]


def test_web_leftovers_are_removed_and_content_kept():
    site, bbc, aggregator = ROWS
    cleaned, gone = removed(site)
    assert gone == ["Scroll to Top"]
    assert cleaned.text.endswith("from negotiating.\n")
    cleaned, gone = removed(bbc)
    assert gone == ["picture caption", "Leave a Reply",
                    "Your email address will not be published. Required fields are marked *"]
    assert "On February 16, 2023, Alexander Lukashenko, the president of Belarus, attends" in cleaned.text
    assert cleaned.text.endswith("honest broker in this conflict.\n")
    cleaned, gone = removed(aggregator)
    assert gone == [str(n) for n in range(1, 7)] * 2 + ["Predictions"]
    assert "Sources: New York Times, RT, Washington Post, CNN, BBC News and FOX News." in cleaned.text
    assert "even by a single soldier.\n" in cleaned.text
    assert "Narratives" in cleaned.text and "Predictions" not in cleaned.text


def test_footnotes_keep_which_source_backs_which_fact():
    cleaned, _ = removed(ROWS[2])
    sources = [(f["number"], f["source"]) for f in cleaned.footnotes]
    assert sources == [(1, "New York Times"), (2, "RT"), (3, "Washington Post"), (4, "CNN"), (5, "BBC News"),
                       (6, "FOX News")]
    first = cleaned.footnotes[0]["offset"]
    assert cleaned.text[:first].endswith("even by a single soldier.")


def test_cleaning_keeps_ordinary_text_untouched():
    text = "A headline\n\nIn 2023, 5 people said 1.5 million was spent. Version 2.0 shipped.\n"
    assert clean_text(text).text == text
    assert clean_text(text).removals == []


def test_cleaning_removes_a_generic_comment_form_and_blank_lines():
    raw = "Title\n\nBody text.\n\n\n\nLeave a comment\n\nShare this\n\n   \n"
    assert clean_text(raw).text == "Title\n\nBody text.\n"


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_metadata_is_evidenced_by_the_text(row, seed_set):
    raw = (SEED_SET / row["raw"]).read_text(encoding="utf-8")
    article = seed_set[row["id"]]
    assert row["headline"] == article.headline == raw.split("\n", 1)[0]
    assert row["date_evidence"] in raw
    for quoted in (q for line in row["kind_evidence"] for q in line.split('"')[1::2]):
        assert quoted in raw, quoted
    assert article.kind == row["kind"] and article.meta["provenance"]
    assert article.meta["cleaning"]["raw"] == row["raw"]
