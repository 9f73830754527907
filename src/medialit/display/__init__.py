"""What students and teachers see: pure ``format_*`` functions that turn spans and data they are given into
HTML, thin ``show_*`` wrappers that display it (the only place IPython is imported), charts and the report.
Display functions format; they never run the analysis.
"""
from ..lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(["format_annotated", "format_feedback", "format_footnotes", "format_legend", "format_page",
                     "format_provenance", "format_section", "show_annotated", "show_footnotes", "show_note",
                     "show_provenance", "show_section", "span_category", "span_tooltip"], "html"),
    **dict.fromkeys(["format_attributions", "format_table", "show_attributions", "show_table", "table_html"],
                    "tables"),
    **dict.fromkeys(["format_article", "format_renderings", "format_spans", "show_article", "show_renderings",
                     "show_spans"], "textviews"),
    **dict.fromkeys(["plot_claims", "plot_lengths", "plot_rates", "plot_sentiment", "plot_source_mix", "Chart",
                     "figure_png"], "plots"),
    "format_report": "report",
    **dict.fromkeys(["format_lesson_note", "show_lesson_note"], "notes"),
    **dict.fromkeys(["format_dossier", "format_dossier_table", "format_entry", "format_lookup", "format_no_dossier",
                     "format_questions", "show_dossier", "show_dossier_table", "show_lookup", "show_questions"],
                    "dossier"),
    **dict.fromkeys(["format_clues", "format_stated_kinds", "show_clues", "show_stated_kinds"], "kinds"),
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
