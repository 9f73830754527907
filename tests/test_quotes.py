"""Quotation detection: which ranges are inside direct quotes, and whose voice they are."""
from medialit.text.quotes import find_quotes, quote_at


def quotes_of(text):
    return [(q.text, q.label, q.speaker) for q in find_quotes(text)]


def test_seed_quotes_and_their_speakers(seed_set):
    found = [(q.text[:25], q.speaker) for q in find_quotes(seed_set["bbc-repost"].text)]
    assert found == [
        ("“special military operati", "Mr. Putin"),         # as Mr. Putin refers to it
        ("“Are you ready to repeat ", "the author"),        # I reminded Mr. Lukashenko ...
        ("“Yeah, I’m prepared. “I’m", "Lukashenko"),        # He answered, ... (he = Lukashenko)
        ("“you will receive nuclear", "Lukashenko"),        # He warned that ...
        ("“Thus, you need to stop. ", "Lukashenko"),        # a paragraph that is only a quote
        ("“I invite [President Bide", "Mr. Lukashenko"),    # Mr. Lukashenko declared, ...
        ("“A short thirty minutes w", "Mr. Lukashenko"),    # back-to-back with the quote before
    ]


def test_the_opinion_site_quotes_nobody_directly(seed_set):
    assert find_quotes(seed_set["opinion-site"].text) == []


def test_headline_scare_quote_in_colon_headline(seed_set):
    (quote,) = find_quotes(seed_set["aggregator"].text)
    assert (quote.text, quote.label, quote.speaker) == ("'Only'", "quoted phrase", "Lukashenko")


def test_apostrophes_are_not_quotes():
    assert find_quotes("Russia’s ally won't say it's Belarus' choice, the Kremlin’s aide said.") == []


def test_speaker_after_the_quote_and_inverted_order():
    assert quotes_of("“We are ready to negotiate,” the minister said.") == [
        ("“We are ready to negotiate,”", "direct quote", "the minister")]
    assert quotes_of('"Prices will fall next year," said Janet Okoye, the bank\'s governor.') == [
        ('"Prices will fall next year,"', "direct quote", "Janet Okoye")]


def test_quote_left_open_ends_with_its_paragraph():
    text = "She said: “It goes on and on into the night\n\nNext paragraph."
    (quote,) = find_quotes(text)
    assert quote.text == "“It goes on and on into the night"
    assert quote.meta["closed"] is False
    assert quote_at([quote], text.index("Next")) is None


def test_quote_at_finds_the_enclosing_quote():
    text = "He said “never again” twice."
    quotes = find_quotes(text)
    assert quote_at(quotes, text.index("again")).text == "“never again”"
    assert quote_at(quotes, text.index("twice")) is None
    assert quotes[0].meta["inner"] == (text.index("never"), text.index("”"))


def test_unknown_speaker_stays_empty():
    assert quotes_of("The sign read “closed for the whole of the winter season”.")[0][2] == ""
