"""The text layer: segments, sentences, words, named people and quotations, all with character offsets,
plus the article sets and the kit's own language data. Nothing here knows about attribution or hedging.

Modules: ``resources`` (the kit's data folder and NLTK set-up), ``lexicon`` (word lists as data),
``segments`` (paragraphs and blocks), ``tokenizer`` (words), ``splitter`` (the one sentence splitter),
``names`` (named people), ``quotes`` (quotations and their speakers), ``articles`` and ``cleaning``.
"""
from ..lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(["tokens", "words"], "tokenizer"),
    **dict.fromkeys(["sentences", "sentence_bounds", "sections"], "splitter"),
    **dict.fromkeys(["paragraphs", "blocks", "shorten"], "segments"),
    **dict.fromkeys(["find_names", "name_kind"], "names"),
    **dict.fromkeys(["find_quotes", "quote_at", "quote_status"], "quotes"),
    **dict.fromkeys(["stopwords", "sentiment_analyzer"], "resources"),
    **dict.fromkeys(["Article", "ArticleError", "ArticleSet", "load_articles", "read_text_file", "available_sets",
                     "load_renderings"], "articles"),
    **dict.fromkeys(["clean_text", "clean_folder"], "cleaning"),
    **dict.fromkeys(["data_dir", "configure_nltk"], "resources"),
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
