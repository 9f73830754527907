"""Interactive widgets (ipywidgets 8): wiring only; the logic lives in the analysis and display modules.

- :class:`ArticleViewer`: one article, highlights toggled by category.
- :class:`CompareView`: articles side by side, shared toggles, claims across articles.
- :class:`Marker`: students mark words and phrases, then check them; :class:`QuestionMarker`, the
  Marker of an exercise question, whose marks are the answer and are saved with the notebook.
- :class:`Quiz`: single or multiple choice with explanations; :func:`quiz` (``quiz("02-verbs")``) gives a
  lesson's quiz from ``data/quizzes/``, so the answer is not in the lesson's code.
- :class:`Rewrite`: a neutral rewrite with live feedback.
- :class:`KeyReview`: a teacher reviews the keys proposed for an exercise on their own articles.
- :class:`LookUp`: look an outlet, headline or web address up in the set's dossier, with the searches to do
  (the network is tried only when its button is pressed).
"""
from .lookup import LookUp
from .marker import Marker, MarkerText, QuestionMarker, word_tokens
from .quiz import Quiz, Rewrite, quiz, quiz_bank
from .review import KeyReview, ParagraphReview
from .viewer import ArticleViewer, CompareView

__all__ = ["ArticleViewer", "CompareView", "KeyReview", "LookUp", "Marker", "MarkerText", "ParagraphReview", "QuestionMarker", "Quiz", "Rewrite", "quiz",
           "quiz_bank", "word_tokens"]
