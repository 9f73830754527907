"""LookUp: type an outlet's name, a headline or a web address, press "Look it up", and read what the set's
dossier says and which searches to do. The network is tried only when the button is pressed (see
:func:`medialit.analysis.lookup.find_original`), never when the widget is made."""
from __future__ import annotations

import ipywidgets as widgets

from ..analysis.dossier import Dossier
from ..analysis.lookup import find_original
from ..display.dossier import format_lookup


class LookUp(widgets.VBox):
    """A box to type a query in, a button, and the look-up's result under them.

    >>> from medialit import load_articles
    >>> from medialit.analysis.dossier import load_dossier
    >>> box = LookUp(load_dossier(load_articles("lukashenko-2023")), "BelTA")
    >>> box.result.value
    ''
    >>> box.look_up(online=False).entry.id, "Offline mode" in box.result.value
    ('belta', True)
    """

    def __init__(self, dossier: Dossier | None = None, value: str = "", *,
                 placeholder: str = "An outlet's name, a headline or a web address"):
        self.dossier = dossier
        self.box = widgets.Text(value=value, placeholder=placeholder, layout=widgets.Layout(width="32em"))
        self.button = widgets.Button(description="Look it up", button_style="primary", icon="search")
        self.result = widgets.HTML()
        self.button.on_click(lambda _b: self.look_up())
        self.box.continuous_update = False
        super().__init__([widgets.HBox([self.box, self.button]), self.result])

    @property
    def value(self) -> str:
        return self.box.value

    def look_up(self, **options):
        """Look the typed words up (what pressing the button does) and show the result; returns the
        :class:`medialit.analysis.lookup.Lookup`. ``options`` go to ``find_original``."""
        if not self.box.value.strip():
            self.result.value = "<p><i>Type an outlet's name, a headline or a web address first.</i></p>"
            return None
        look = find_original(self.box.value, self.dossier, **options)
        self.result.value = format_lookup(look)
        return look
