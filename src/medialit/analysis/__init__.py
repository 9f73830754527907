"""The analysis layer: one document model per text and the detectors that read it (attribution, hedging,
loaded wording), then comparison, claims and evaluation, clues to the kind of a text, and the source dossier and
look-up of lateral reading. Pure functions: text in, spans or data out (the look-up tries the network only when
called, and never with ``MEDIALIT_OFFLINE`` set); nothing here imports display, widgets, IPython or matplotlib (``tests/test_layers.py`` checks).
"""
from ..lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(["find_attributions", "find_unattributed"], "attribution"),
    **dict.fromkeys(["find_hedges"], "hedging"),
    **dict.fromkeys(["find_loaded"], "loaded"),
    **dict.fromkeys(["annotate"], "annotation"),
    **dict.fromkeys(["compare", "article_stats", "scorecard", "voice_rows", "ArticleStats"], "comparison"),
    **dict.fromkeys(["align_claims", "omission_table", "how_matched", "Claim"], "claims"),
    **dict.fromkeys(["evaluate", "evaluate_alignment"], "evaluation"),
    **dict.fromkeys(["practice", "most_loaded_sentence", "most_quoted", "neutral_pairs"], "practice_text"),
    **dict.fromkeys(["overview_rows", "mark_rows", "sentiment_rows"], "rows"),
    **dict.fromkeys(["load_dossier", "dossier_rows", "Dossier", "DossierError", "LATERAL_QUESTIONS"], "dossier"),
    **dict.fromkeys(["find_original", "Lookup"], "lookup"),
    **dict.fromkeys(["kind_clues", "article_clues", "stated_kinds", "Clue"], "kinds"),
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
