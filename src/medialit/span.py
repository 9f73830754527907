"""The ``Span`` type: a piece of a text, with its offsets and what it means."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The four kinds of mark the detectors make, in the order they are listed and shown everywhere.
KINDS = ("attribution", "hedge", "booster", "loaded")


@dataclass(frozen=True)
class Span:
    """A stretch ``text[start:end]`` of some text, with a kind and an explanation.

    The one promise every span keeps: ``source_text[span.start:span.end] == span.text``.
    Build spans with :meth:`Span.of`, which slices the text for you, so the promise
    cannot be broken by hand.

    - ``kind``: what sort of thing it is ("sentence", "quote", "attribution", "hedge", ...).
    - ``label``: the category inside that kind ("named person", "modal verb", ...).
    - ``why``: one sentence a 16-year-old can read, saying why this span was marked.
    - ``voice``: "author" when the article's own voice says it, "quote" inside a direct quote.
    - ``speaker``: whose words a quote (or a span inside one) are, when known.
    - ``alternative``: a neutral alternative, for loaded wording.
    - ``source`` and ``stance``: for attributions, who is cited and what the verb signals.
    - ``meta``: anything else a detector wants to keep (not compared, not hashed).

    >>> text = "Lukashenko said he was ready."
    >>> cue = Span.of(text, 11, 15, "attribution", label="reporting verb")
    >>> cue.text
    'said'
    >>> cue.matches(text)
    True
    """

    start: int
    end: int
    kind: str
    label: str = ""
    why: str = ""
    text: str = ""
    voice: str = "author"
    speaker: str = ""
    alternative: str = ""
    source: "Span | None" = None
    stance: str = ""
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __init__(self, start: int, end: int, kind: str, label: str = "", why: str = "", text: str = "",
                 voice: str = "author", speaker: str = "", alternative: str = "", source: "Span | None" = None,
                 stance: str = "", meta: dict[str, Any] | None = None) -> None:
        # A span is made for every mark in every text, so its fields are set in one step (a frozen
        # dataclass would set them one by one); the checks are the promise above.
        if not (isinstance(start, int) and isinstance(end, int)):
            raise TypeError("Span offsets must be integers")
        if not 0 <= start <= end:
            raise ValueError(f"Span offsets out of order: start={start}, end={end}")
        if len(text) != end - start:
            raise ValueError(
                f"Span text {text!r} has length {len(text)}, "
                f"but end - start is {end - start}; build spans with Span.of(text, ...)"
            )
        self.__dict__.update(start=start, end=end, kind=kind, label=label, why=why, text=text, voice=voice,
                             speaker=speaker, alternative=alternative, source=source, stance=stance,
                             meta={} if meta is None else meta)

    @classmethod
    def of(cls, text: str, start: int, end: int, kind: str, **fields: Any) -> "Span":
        """Make a span of ``text[start:end]``; the span's text is sliced from ``text``.

        >>> Span.of("Hello world", 6, 11, "token").text
        'world'
        """
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"Span {start}:{end} is outside a text of length {len(text)}")
        return cls(start, end, kind, text=text[start:end], **fields)

    def matches(self, text: str) -> bool:
        """True when this span's text is exactly ``text[start:end]``."""
        return text[self.start:self.end] == self.text

    def overlaps(self, other: "Span") -> bool:
        """True when the two spans share at least one character.

        >>> t = "one two three"
        >>> Span.of(t, 0, 7, "x").overlaps(Span.of(t, 4, 13, "y"))
        True
        """
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the span (what ``medialit annotate --json`` prints): start, end, text, kind,
        label, why and voice; the speaker when known; for an attribution its stance, source and source
        type; for loaded wording its neutral alternative.

        >>> Span.of("said", 0, 4, "attribution", label="reporting verb", stance="neutral").to_dict()
        {'start': 0, 'end': 4, 'text': 'said', 'kind': 'attribution', 'label': 'reporting verb', 'why': '', 'voice': 'author', 'stance': 'neutral', 'source': None, 'source_type': 'none'}
        """
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                               "label": self.label, "why": self.why, "voice": self.voice}
        if self.speaker:
            out["speaker"] = self.speaker
        if self.kind == "attribution":
            out["stance"] = self.stance
            out["source"] = None if self.source is None else {
                "start": self.source.start, "end": self.source.end, "text": self.source.text,
                "type": self.source.label}
            out["source_type"] = "none" if self.source is None else self.source.label
        if self.kind == "loaded":
            out["alternative"] = self.alternative
        return out


def require_text(text: object) -> str:
    """Return ``text`` if it is a ``str``; otherwise raise a ``TypeError`` that says what to do.

    >>> require_text(b"bytes")
    Traceback (most recent call last):
    TypeError: medialit works on text (str), not bytes: decode it first, e.g. data.decode("utf-8")
    """
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise TypeError('medialit works on text (str), not bytes: decode it first, e.g. data.decode("utf-8")')
    raise TypeError(f"medialit works on text (str), not {type(text).__name__}")


__all__ = ["KINDS", "Span", "asdict", "require_text"]
