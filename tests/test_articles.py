"""Loading article sets: by name, by path, by MEDIALIT_ARTICLES; a clear error naming the file for bad input."""
import json

import pytest

import medialit
from conftest import OTHER_SET, write_set
from medialit.text.articles import ArticleError, available_sets, read_text_file
from medialit.cli import main


def test_seed_set_loads_in_metadata_order(seed_set):
    assert seed_set.ids == ["opinion-site", "bbc-repost", "aggregator"]
    assert [a.n_words for a in seed_set] == [330, 504, 399]
    assert seed_set["aggregator"].kind.startswith("news aggregator")
    assert seed_set[0] is seed_set["opinion-site"]
    with pytest.raises(KeyError, match="the ids are"):
        seed_set["nope"]


def test_a_teacher_folder_loads_by_path_with_no_metadata(other_set_dir):
    articles = medialit.load_articles(other_set_dir)
    assert articles.ids == ["council-blog", "local-paper", "radio-summary"]
    assert articles["local-paper"].headline == "Council approves Harbour Road bus lane"
    assert articles.name == "bus-lane-vote" and articles["local-paper"].kind == ""


def test_medialit_articles_selects_the_set(other_set_dir, monkeypatch):
    monkeypatch.setenv("MEDIALIT_ARTICLES", str(other_set_dir))
    assert medialit.load_articles().name == "bus-lane-vote"
    monkeypatch.setenv("MEDIALIT_ARTICLES", "lukashenko-2023")
    assert medialit.load_articles().name == "lukashenko-2023"
    monkeypatch.delenv("MEDIALIT_ARTICLES")
    assert medialit.load_articles().name == "lukashenko-2023"


def test_metadata_csv_orders_and_describes_articles(other_set_dir):
    (other_set_dir / "metadata.csv").write_text(
        "file,id,kind,date\nradio-summary.txt,radio,radio news summary,Tuesday\n"
        "local-paper.txt,paper,local newspaper,Tuesday\n", encoding="utf-8")
    articles = medialit.load_articles(other_set_dir)
    assert articles.ids == ["radio", "paper", "council-blog"]
    assert articles["radio"].kind == "radio news summary"


def test_crlf_and_byte_order_mark_are_normalised(tmp_path):
    folder = write_set(tmp_path / "set", {"a.txt": "\ufeffHeadline A\r\n\r\nText one.\r\n", "b.txt": "B\n\nTwo.\n"})
    article = medialit.load_articles(folder)["a"]
    assert article.text == "Headline A\n\nText one.\n" and article.headline == "Headline A"


def test_empty_file_is_named(tmp_path):
    folder = write_set(tmp_path / "set", {"a.txt": "A\n\nText.\n", "b.txt": "  \n\n"})
    with pytest.raises(ArticleError, match=r"b\.txt: the file is empty"):
        medialit.load_articles(folder)


def test_non_utf8_file_is_named_with_the_place(tmp_path):
    folder = write_set(tmp_path / "set", {"a.txt": "A\n\nText.\n"})
    (folder / "latin1.txt").write_bytes("Headline\n\nLukashenko’s café".encode("cp1252"))
    with pytest.raises(ArticleError) as error:
        medialit.load_articles(folder)
    message = str(error.value)
    assert "latin1.txt: not UTF-8 text" in message
    assert "byte 0x92 at line 3, column 11" in message and "save it as UTF-8" in message


def test_binary_file_is_named(tmp_path):
    folder = write_set(tmp_path / "set", {"a.txt": "A\n\nText.\n"})
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ArticleError, match=r"photo\.txt: looks like binary data"):
        medialit.load_articles(folder)


def test_too_few_articles_is_explained(tmp_path):
    folder = write_set(tmp_path / "set", {"only.txt": "A\n\nText.\n"})
    (folder / "second.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(ArticleError, match=r"needs 2 to 10 \.txt files, found 1 \(found second\.docx: save each"):
        medialit.load_articles(folder)


def test_too_many_articles_is_explained(tmp_path):
    folder = write_set(tmp_path / "set", {f"{i:02}.txt": f"H{i}\n\nText.\n" for i in range(11)})
    with pytest.raises(ArticleError, match="at most 10 articles, found 11"):
        medialit.load_articles(folder)


def test_missing_folder_lists_the_sets_there_are(tmp_path):
    with pytest.raises(ArticleError, match=r"no-such-set: no such article set or folder\. Sets shipped with the kit: "
                                           r"lukashenko-2023"):
        medialit.load_articles("no-such-set")
    assert "lukashenko-2023" in available_sets()


def test_broken_metadata_json_is_named(other_set_dir):
    (other_set_dir / "metadata.json").write_text('{"articles": [', encoding="utf-8")
    with pytest.raises(ArticleError, match=r"metadata\.json: not valid JSON \(line 1"):
        medialit.load_articles(other_set_dir)


def test_read_text_file_refuses_a_folder_and_a_missing_file(tmp_path):
    with pytest.raises(ArticleError, match="is a folder"):
        read_text_file(tmp_path)
    with pytest.raises(ArticleError, match="file not found"):
        read_text_file(tmp_path / "x.txt")


def test_pasted_text_becomes_an_article():
    article = medialit.Article.from_text("Pasted headline\r\n\r\nOfficials said it may rain.")
    assert article.headline == "Pasted headline" and article.n_words == 7
    with pytest.raises(ArticleError, match="empty"):
        medialit.Article.from_text("  \n ")


def test_cli_show_and_errors(capsys, tmp_path, other_set_dir):
    assert main(["show", str(other_set_dir)]) == 0
    assert "council-blog: Council Rams Through Costly Bus Lane" in capsys.readouterr().out
    assert main(["show", str(tmp_path / "missing")]) == 1
    assert "no such article set or folder" in capsys.readouterr().err


def test_cli_clean_makes_a_teachers_raw_folder_usable(tmp_path, capsys):
    folder = tmp_path / "set"
    write_set(folder / "raw", {"one.txt": "One\n\nText one.\n\nScroll to Top", "two.txt": OTHER_SET["local-paper.txt"]})
    assert main(["clean", str(folder)]) == 0
    articles = medialit.load_articles(folder)
    assert articles["one"].text == "One\n\nText one.\n"
    log = json.loads((folder / "cleaning-log.json").read_text(encoding="utf-8"))
    assert [r["text"] for r in log["one.txt"]["removed"] if r["rule"] == "line"] == ["Scroll to Top"]
    assert main(["clean", str(tmp_path / "nothing")]) == 1
