"""The source dossier, the find-the-original look-up and the clues to a text's kind (lessons 07 and 08), on the
seed set, on a set without a dossier and on broken files. Nothing here reaches outside this machine: the
look-up is forced offline, fed a fake opener, or pointed at a server on 127.0.0.1."""
from __future__ import annotations

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from conftest import SEED_SET, ROOT

import medialit
from medialit.analysis.dossier import DossierError, dossier_rows, load_dossier
from medialit.analysis.kinds import KINDS_OF_TEXT, clue_rules, kind_clues
from medialit.analysis.lookup import find_original, reachable
from medialit.display.dossier import format_dossier, format_dossier_table, format_lookup
from medialit.display.kinds import format_clues, format_stated_kinds


@pytest.fixture(scope="module")
def seed():
    return medialit.load_articles("lukashenko-2023")


@pytest.fixture(scope="module")
def dossier(seed):
    return load_dossier(seed)


def raw_text(article) -> str:
    return (SEED_SET / article.meta["raw"]).read_text(encoding="utf-8")


# --- the seed set's dossier -----------------------------------------------------------------------------

def test_every_outlet_the_seed_texts_cite_has_a_complete_entry(seed, dossier):
    aggregator = seed["aggregator"]
    cited = [note["source"] for note in aggregator.meta["cleaning"]["footnotes"]]
    assert cited == ["New York Times", "RT", "Washington Post", "CNN", "BBC News", "FOX News"]
    credited = re.findall(r"as provided by ([A-Z][\w ]+?)\.", aggregator.text)
    assert credited == ["Foreign policy", "Belarusian telegraph agency"]
    for name in cited + credited:
        entry = dossier.entry(name)
        assert entry is not None, name
        assert entry.owner and entry.kind and entry.behind and entry.keep_in_mind and entry.search_for, name
        assert any(m.article == "aggregator" for m in entry.mentions), name
    for article in seed:                       # and the sites the three texts themselves come from
        entry = dossier.for_article(article.id)
        assert entry is not None and entry.keep_in_mind and entry.search_for, article.id
    assert len({e.id for e in dossier.entries}) == len(dossier.entries) == 11


def test_the_dossier_says_which_outlets_are_state_media(dossier):
    kinds = {e.id: e.kind for e in dossier.entries}
    assert kinds["belta"].startswith("state media") and kinds["rt"].startswith("state media")
    assert kinds["bbc"] == "public broadcaster"
    assert kinds["aggregator-site"] == "aggregator" and kinds["opinion-site"].startswith("unknown site")
    assert not any(kind.startswith("state media") for key, kind in kinds.items() if key not in ("belta", "rt"))
    assert "government" in dossier.entry("BelTA").owner and "government" in dossier.entry("RT").owner


def test_where_an_entry_appears_is_true_of_the_texts(seed, dossier):
    mentions = [(e.id, m) for e in dossier.entries for m in e.mentions]
    assert len(mentions) >= 9
    for entry_id, m in mentions:
        text = seed[m.article].text
        assert re.search(rf"(?<!\w){re.escape(m.name)}(?!\w)", text), (entry_id, m)
        for piece in m.context.split("…"):
            assert piece.strip() in text, (entry_id, piece)
    bbc = dossier.entry("BBC")
    assert [m.article for m in bbc.mentions] == ["bbc-repost", "aggregator"]
    assert "including the BBC" in bbc.mentions[0].context


def test_words_the_dossier_quotes_from_the_texts_are_in_them(seed, dossier):
    """What an entry puts in quote marks as the texts' words is really in a text (or, for page leftovers such
    as "Leave a Reply", in the copy as received)."""
    every_text = " ".join(a.text + raw_text(a) for a in seed)
    quoted = []
    for entry in dossier.entries:
        for field in (entry.in_the_texts, entry.behind, *entry.keep_in_mind):
            quoted += re.findall(r"\"([^\"]+)\"", field)
    quoted = [q for q in quoted if q not in ("establishment-critical", "Facts", "Narratives", "Predictions")]
    assert len(quoted) >= 6
    assert [q for q in quoted if q not in every_text] == []


def test_dossier_rows_name_each_outlet_with_its_owner(dossier):
    rows = {r["outlet"]: r for r in dossier_rows(dossier)}
    assert rows["RT (formerly Russia Today)"]["owned or paid for by"].startswith("the Russian government")
    assert rows["BBC (British Broadcasting Corporation)"]["appears in"] == "bbc-repost, aggregator"


# --- a set without a dossier, and broken dossiers -------------------------------------------------------

def test_a_set_without_a_dossier_gets_an_empty_one_and_the_questions(other_set_dir):
    articles = medialit.load_articles(other_set_dir)
    empty = load_dossier(articles)
    assert not empty.exists and empty.entries == () and empty.article_ids == articles.ids
    html = format_dossier(empty)
    assert "has no dossier" in html and "dossier.json" in html and "README-dossier.md" in html
    assert all(article_id in html for article_id in articles.ids)
    assert "Who is behind it?" in html and "What do other sources say?" in html
    assert "no dossier" in format_dossier_table(empty)
    look = find_original(articles[1].headline, empty)
    assert look.status == "not checked" and look.entry is None and not look.has_dossier
    assert look.searches[0][0] == f"\"{articles[1].headline}\""
    assert "has no dossier" in format_lookup(look)


@pytest.mark.parametrize("content, message", [
    ("{\"entries\": [", "not valid JSON (line 1"),
    ("[]", "expected a JSON object with an \"entries\" list"),
    (json.dumps({"entries": [{"id": "x", "name": "X", "kind": "blog", "keep_in_mind": ["a"],
                              "search_for": ["b"]}]}), "entry 1 ('x') has no \"owner\""),
    (json.dumps({"entries": [{"id": "x", "name": "X", "kind": "blog", "owner": "?", "keep_in_mind": ["a"],
                              "search_for": ["b"], "articles": ["no-such-article"]}]}),
     "lists article 'no-such-article', which is not in this set"),
    (json.dumps({"entries": [{"id": "x", "name": "X", "kind": "blog", "owner": "?", "keep_in_mind": ["a"],
                              "search_for": "b"}] * 2}), "the id 'x' is used twice"),
])
def test_a_broken_dossier_is_refused_naming_the_file(other_set_dir, content, message):
    (other_set_dir / "dossier.json").write_text(content, encoding="utf-8")
    with pytest.raises(DossierError) as caught:
        load_dossier(medialit.load_articles(other_set_dir))
    assert str(other_set_dir / "dossier.json") in str(caught.value) and message in str(caught.value)


def test_a_teachers_dossier_in_the_documented_format_is_shown(other_set_dir):
    readme = (ROOT / "data" / "articles" / "README-dossier.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", readme, re.S).group(1))
    (other_set_dir / "dossier.json").write_text(json.dumps(example), encoding="utf-8")
    dossier = load_dossier(medialit.load_articles(other_set_dir))
    entry = dossier.for_article("radio-summary")
    assert entry.name == "City Radio" and dossier.entry("https://cityradio.example/news") == entry
    assert "City Radio board council" in format_dossier(dossier)


# --- find the original: offline by default in tests, online only against this machine ------------------

def test_forced_offline_the_look_up_opens_no_socket(dossier, monkeypatch):
    monkeypatch.setenv("MEDIALIT_OFFLINE", "1")
    opened = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: opened.append(address))
    look = find_original("BelTA", dossier)
    assert opened == [] and look.status == "not checked" and look.entry.id == "belta"
    assert look.steps[0].startswith("The kit is working offline")
    assert [w for w, _ in look.searches][:2] == list(dossier.entry("BelTA").search_for[:2])
    html = format_lookup(look)
    assert "Offline mode" in html and "BelTA (Belarusian Telegraph Agency)" in html
    assert 'href="https://duckduckgo.com/?q=BelTA+Belarusian+Telegraph+Agency+owner"' in html


class _Page(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<html>the original</html>")

    def log_message(self, *args):
        pass


def test_online_the_look_up_reaches_the_address(dossier, monkeypatch):
    monkeypatch.delenv("MEDIALIT_OFFLINE", raising=False)
    monkeypatch.setenv("no_proxy", "*")
    server = HTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/news/belarus"
        look = find_original(url, dossier)
    finally:
        server.shutdown()
    assert look.status == "online" and look.detail == "the page answered (status 200)" and look.url == url
    assert look.steps[0].startswith("Open the links below in a new tab")
    assert "Compare the page at the address" in look.steps[1]


def test_without_a_connection_the_look_up_falls_back_on_the_dossier(dossier, monkeypatch):
    monkeypatch.delenv("MEDIALIT_OFFLINE", raising=False)

    def no_network(url, timeout):
        raise OSError("Network is unreachable")

    look = find_original("https://www.rt.com/news/", dossier, opener=no_network)
    assert look.status == "offline" and look.entry.id == "rt"
    assert look.detail == "this computer could not reach the page (Network is unreachable)"
    assert look.steps[0].startswith("No connection now")
    html = format_lookup(look)
    assert "No connection" in html and "Searches to do later" in html and "Russian government" in html


def test_a_hanging_network_is_given_up_on_in_time():
    started = time.monotonic()
    ok, why = reachable("https://example.org/", timeout=0.2, opener=lambda url, timeout: time.sleep(5))
    assert not ok and why == "no answer within 0.2 seconds" and time.monotonic() - started < 2


@pytest.mark.parametrize("query, entry_id", [
    ("https://www.rt.com/russia/1234-lukashenko/", "rt"), ("bbc.co.uk/news/world", "bbc"),
    ("BBC News", "bbc"), ("fox news", "fox-news"), ("Belarusian telegraph agency", "belta"),
    ("opinion-site", "opinion-site"), ("Belarus will fight alongside Russia if it is invaded, Lukashenko says",
                                       "bbc-repost"),
    ("https://notbbc.co.uk.example/", None), ("Reuters", None), ("art history", None),
])
def test_a_query_finds_the_entry_it_names(dossier, query, entry_id):
    entry = dossier.entry(query)
    assert (entry.id if entry else None) == entry_id


def test_the_look_up_widget_waits_for_its_button(dossier, monkeypatch):
    from medialit.widgets import LookUp

    monkeypatch.setenv("MEDIALIT_OFFLINE", "1")
    box = LookUp(dossier, "https://www.belta.by/")
    assert box.result.value == ""                     # made, not looked up: no request
    box.button.click()
    assert "Offline mode" in box.result.value and "state media: national news agency" in box.result.value
    box.box.value = "  "
    assert box.look_up() is None and "Type an outlet" in box.result.value


# --- clues to the kind of a text --------------------------------------------------------------------------

def test_the_clue_rules_point_to_known_kinds():
    allowed = set(KINDS_OF_TEXT) | {"web page"}
    assert {r["points_to"] for r in clue_rules()} <= allowed
    assert all(r["why"].endswith(".") for r in clue_rules())


def test_the_seed_articles_show_the_clues_the_lesson_and_notes_talk_about(seed):
    clues = kind_clues(seed)
    named = {article_id: {c.clue: c for c in found} for article_id, found in clues.items()}
    assert named["bbc-repost"]["a reporter who was there"].evidence.startswith("I reminded Mr. Lukashenko")
    assert "Leave a Reply" in named["bbc-repost"]["a blog's comment form"].evidence
    assert named["bbc-repost"]["words in quote marks"].evidence.startswith("6 direct quotes")
    assert named["opinion-site"]["judging words in the writer's own voice"].evidence.startswith("7 (2.1 per 100")
    assert named["opinion-site"]["words in quote marks"].evidence.startswith("no direct quote")
    aggregator = named["aggregator"]
    assert {"sections that sort other reports", "a list of sources", "credited to another outlet",
            "numbered sources"} <= set(aggregator)
    assert aggregator["judging words in the writer's own voice"].evidence == "none found"
    assert "a reporter who was there" not in named["opinion-site"] and "a reporter who was there" not in aggregator
    for found in clues.values():           # words shown from the text are the text's words
        for c in found:
            rule = next((r for r in clue_rules() if r["clue"] == c.clue), None)
            if rule and rule["where"] == "text":
                assert c.evidence.rstrip("…") in seed[c.article].text
    notes = (ROOT / "lessons" / "TEACHER-NOTES.md").read_text(encoding="utf-8")
    assert "the kit counts 7" in notes and "six direct quotes" in notes


@pytest.mark.parametrize("text, clue, kind", [
    ("Bright Bus opens new depot\n\nFOR IMMEDIATE RELEASE\n\nBright Bus is proud to open a depot.\n\n"
     "Media contact: press@brightbus.example\n", "words put on a press release", "press release"),
    ("Opinion\n\nThe bus lane is a mistake\n\nI think the council got this wrong.\n",
     "the writer's own view", "opinion"),
    ("Minister visits port\n\nThe state-run news agency said the minister visited the port.\n",
     "a source that a government runs", "state media"),
])
def test_clues_on_texts_of_other_kinds(text, clue, kind):
    found = {c.clue: c for c in kind_clues([medialit.Article.from_text(text)])["pasted"]}
    assert found[clue].points_to == kind


def test_clue_and_label_views_show_words_not_objects(seed, other_set_dir):
    html = format_clues(kind_clues(seed))
    assert "Clue(" not in html and "Sources: New York Times, RT" in html and "opinion" in html
    from medialit.analysis.kinds import stated_kinds

    assert "opinionated news site" in format_stated_kinds(stated_kinds(seed))
    assert format_stated_kinds(stated_kinds(medialit.load_articles(other_set_dir))).count("does not say") == 3


def test_nothing_is_fetched_when_the_modules_are_imported(tmp_path):
    """Importing the lessons' modules in a fresh process opens no socket."""
    import subprocess
    import sys

    probe = ("import socket\nopened = []\nsocket.socket.connect = lambda self, a: opened.append(a)\n"
             "import medialit.analysis.lookup, medialit.analysis.dossier, medialit.display.dossier\n"
             "import medialit.widgets.lookup\nprint(opened)\n")
    env = {k: v for k, v in __import__("os").environ.items() if k != "MEDIALIT_OFFLINE"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
