"""Named people: a capitalised function word, a possessive or an office never becomes a surname, so that
every later "The", "In" or "I" of the text is not taken for a mention of a person."""
import pytest

from medialit.text.lexicon import word_class
from medialit.text.names import find_names


def _mentions(text):
    names = find_names(text, headline=False)
    return names.surnames, [(text[m.start:m.end], m.evidence) for m in names.mentions]


@pytest.mark.parametrize("text, surnames", [
    # a title or heading joined to its first sentence without a full stop
    ("Carlo Beenakker In a 1997 study, Beenakker showed it. In the end he left.", {"Beenakker"}),
    # an abbreviation's full stop is not a sentence end, so the next sentence's first word follows it
    ("Reporters met Mary Smith in the U.S. The talks went on. The end came when Smith left.", {"Smith"}),
    ("Visitors asked Anna Kowalski. It was late. It rained.", {"Kowalski"}),
    ("Paula Poundstone Most recently, she toured. Most of it sold out.", {"Poundstone"}),
])
def test_a_capitalised_function_word_ends_a_name(text, surnames):
    found, mentions = _mentions(text)
    assert found == surnames
    assert not {word.lower() for word, _ in mentions} & word_class("name-words", "ends a name")


def test_a_possessive_ends_a_name():
    text = "Mr. Burr's Democratic challenger, Deborah Ross, spoke. Democratic leaders agreed with Ross."
    found, mentions = _mentions(text)
    assert found == {"Burr", "Ross"}
    assert ("Democratic", "named in the text") not in mentions


def test_an_office_is_not_a_surname():
    found, mentions = _mentions("Thank you, Mr. President. The President and Deputy Secretary Ann Lee met.")
    assert found == {"Lee"}
    assert not any(word == "President" for word, _ in mentions)


def test_initials_and_the_pronoun_i():
    found, mentions = _mentions("Donald A. Wright said so. Richard I of England ruled. I think Wright knew.")
    assert found == {"Wright"}
    assert ("Wright", "named in the text") in mentions and not any(word == "I" for word, _ in mentions)


def test_no_surname_in_the_seed_articles_is_a_function_word_or_an_office(seed_set):
    ends, titles = word_class("name-words", "ends a name"), word_class("name-words", "title", "office")
    for article in seed_set:
        surnames = find_names(article.text).surnames
        assert "Lukashenko" in surnames
        assert not {s.lower() for s in surnames} & (ends | titles), article.id


@pytest.mark.parametrize("text, surnames", [
    # a capital right after an abbreviation's full stop is inside it: "U.S." is no initial
    ("The U.S. Air Force said so, and the U.S. Attorney's Office agreed. Force was not used.", set()),
    # a place or a thing named after a person is not that person
    ("Madison County and the Arnaud River lie far from the Harry Truman Library.", set()),
    ("She won the George S. Halas Trophy before the Irish General Election.", set()),
    # an initial is not a surname, and a regnal number is a suffix
    ("Eric B. and Rakim played; Charles G. and David H. Koch paid.", {"Koch"}),
    ("England under Kings James I and Charles I, and later Henry V's coin.", set()),
    # a suffix does not hide the surname before it, and an office can be a surname after a given name
    ("Martin Luther King Jr. spoke. Later King left, and Sen. Angus King voted.", {"King"}),
    ("Stuart Hall and Carla Hills met John Major.", {"Hall", "Hills", "Major"}),
])
def test_places_things_initials_and_suffixes_are_not_surnames(text, surnames):
    found, mentions = _mentions(text)
    assert found == surnames


def test_an_office_after_a_name_that_is_not_a_given_name_is_not_a_surname():
    found, _ = _mentions("Letters: BRUCE R. BENT President The Reserve Fund. He is the Roy P. Crocker Professor of Politics.")
    assert not found & {"President", "Professor"}


def test_a_surname_that_is_a_month_is_a_person_only_where_the_text_names_her():
    text = ("Prime Minister Theresa May spoke in London. May told reporters it was wrong. In May, talks began; "
            "they ended on May 5. Mrs. May left.")
    names = find_names(text, headline=False)
    assert [text[m.start:m.end] for m in names.mentions] == ["Prime Minister Theresa May", "May", "Mrs. May"]
    assert not find_names("The talks began in May and ended on Monday.", headline=False).mentions
    from medialit.analysis.attribution import find_attributions
    (told,) = [a for a in find_attributions("Talks\n\n" + text) if a.text == "told"]
    assert told.source.text == "May" and told.source.label == "named person"


def test_a_name_ends_before_a_place_or_an_institution_it_runs_into():
    text = "Torture under the George W. Bush White House went on. Mayor Bill de Blasio New York office said so."
    found, mentions = _mentions(text)
    assert found == {"Bush", "Blasio"}
    assert [word for word, _ in mentions] == ["George W. Bush", "Mayor Bill de Blasio"]
