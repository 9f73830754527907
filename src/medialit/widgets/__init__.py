"""Interactive widgets (ipywidgets 8): wiring only; the logic lives in the analysis and display modules.

- :class:`ArticleViewer`: one article, highlights toggled by category.
- :class:`CompareView`: articles side by side, shared toggles, claims across articles.
- :class:`Marker`: students mark words and phrases, then check them.
- :class:`Quiz`: single or multiple choice with explanations.
- :class:`Rewrite`: a neutral rewrite with live feedback.
"""
from .marker import Marker, MarkerText, word_tokens
from .quiz import Quiz, Rewrite
from .viewer import ArticleViewer, CompareView

__all__ = ["ArticleViewer", "CompareView", "Marker", "MarkerText", "Quiz", "Rewrite", "word_tokens"]
