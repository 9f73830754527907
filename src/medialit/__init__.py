"""medialit: a Jupyter teaching kit for media literacy.

Importing the package sets NLTK up to work offline with the kit's own data, so
``nltk.sent_tokenize`` and ``nltk.word_tokenize`` work with nothing downloaded.

>>> import medialit, nltk
>>> nltk.word_tokenize("Mr. Lukashenko said no.")
['Mr.', 'Lukashenko', 'said', 'no', '.']
"""
from .text.resources import configure_nltk, data_dir

configure_nltk()

from .text.articles import Article, ArticleError, ArticleSet, load_articles, load_project, save_article  # noqa: E402
from .span import Span  # noqa: E402

__version__ = "0.1.0"
__all__ = ["Article", "ArticleError", "ArticleSet", "Span", "data_dir", "load_articles", "load_project",
           "save_article"]
