"""The teacher's review of a set's proposed answer keys: one Marker per paragraph, prefilled with the
detectors' marks, a type list for its sources, and Save (the logic is in :mod:`medialit.grading.review`)."""
from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from ..grading.review import SOURCE_TYPES, claim_tasks, review_tasks, save_claim_review, save_review
from .marker import Marker
from ..text.articles import load_articles

KIND_ORDER = ("attribution", "hedge", "booster", "loaded")


class ParagraphReview(widgets.VBox):
    """One paragraph to review: its marks, the types of its sources, Save and what was saved."""

    def __init__(self, folder: Path, task: dict):
        self.folder, self.task = folder, task
        kinds = [k for k in KIND_ORDER if k in task["kinds"]]
        self.marker = Marker(task["text"], kinds=kinds, check=lambda value: None,
                             instructions="Click a marked word to remove its mark; pick a kind and click a word to "
                                          "add one; shift-click stretches a mark.")
        self.marker.check_button.layout.display = "none"  # nothing to check against: this is the key
        self.marker.area.marks = sorted([s["start"], s["end"], s["kind"]] for s in task["spans"])
        self.types = {}
        rows = []
        for span in task["spans"]:
            if span["kind"] != "attribution":
                continue
            source = (span.get("source") or {}).get("text") or "(no source found)"
            picker = widgets.Dropdown(options=SOURCE_TYPES, value=span.get("source_type") or "none",
                                      description=f"{span['text']} ← {source}"[:60],
                                      style={"description_width": "initial"},
                                      layout=widgets.Layout(width="36em"))
            self.types[span["start"]] = picker
            rows.append(picker)
        self.save_button = widgets.Button(description="Save", button_style="success", icon="save",
                                          tooltip="Save these marks as the reviewed key")
        self.status = widgets.HTML(self._status_text(task["reviewed"]))
        self.save_button.on_click(lambda _: self.save())
        questions = ", ".join(task["questions"])
        head = widgets.HTML(f"<h3>{escape(task['article'])}, paragraph {task['paragraph']}</h3>"
                            f"<p>Used by question {escape(questions)}.</p>")
        types = [widgets.HTML("<b>Source types</b> (of the attributions proposed; a cue you add has none)")] + rows \
            if rows else []
        super().__init__([head, self.marker, *types, widgets.HBox([self.save_button, self.status])])
        self.add_class("ml-review")
        self.add_class(f"ml-review-{task['article']}-{task['paragraph']}")

    @staticmethod
    def _status_text(reviewed: bool) -> str:
        return ("<span style='margin-left:1em;color:#2e7d32'>✓ reviewed</span>" if reviewed else
                "<span style='margin-left:1em;color:#b26a00'>not reviewed yet: proposed by the detectors</span>")

    def save(self) -> dict:
        """Save the marks and types as the reviewed key for this paragraph."""
        marks = [tuple(m) for m in self.marker.area.marks]
        kept_starts = {m[0] for m in marks if m[2] == "attribution"}
        types = {start: p.value for start, p in self.types.items() if start in kept_starts}
        gold = save_review(self.folder, self.task["article"], self.task["paragraph"], self.task["kinds"], marks,
                           source_types=types)
        self.status.value = (self._status_text(True) +
                             f" <span style='margin-left:1em'>saved {len(marks)} marks</span>")
        return gold


class ClaimReview(widgets.VBox):
    """One omission question to review: the fact, and a tick for each other article that gives it too."""

    def __init__(self, folder: Path, task: dict, article_ids: list[str]):
        self.folder, self.task = folder, task
        self.boxes = {a: widgets.Checkbox(value=a in task["carried_by"], description=f"{a} gives it too",
                                          indent=False)
                      for a in article_ids if a != task["article"]}
        self.save_button = widgets.Button(description="Save", button_style="success", icon="save",
                                          tooltip="Save which articles give this fact")
        self.status = widgets.HTML(ParagraphReview._status_text(task["reviewed"]))
        self.save_button.on_click(lambda _: self.save())
        head = widgets.HTML(f"<h3>Question {escape(task['question'])}: which articles leave this fact out?</h3>"
                            f"<p><b>{escape(task['article'])}</b>: <i>{escape(task['passage'])}</i></p>"
                            "<p>Tick every other article that gives the same fact, in any words (the claim matching "
                            "proposed these ticks).</p>")
        super().__init__([head, *self.boxes.values(), widgets.HBox([self.save_button, self.status])])
        self.add_class("ml-review")
        self.add_class(f"ml-review-claim-{task['question'].replace('.', '-')}")

    def save(self) -> dict:
        carried = [self.task["article"]] + [a for a, box in self.boxes.items() if box.value]
        review = save_claim_review(self.folder, self.task["passage"], carried)
        self.status.value = ParagraphReview._status_text(True)
        return review


class KeyReview(widgets.VBox):
    """Every paragraph a set's exercise uses, to review (run ``medialit assign --set FOLDER`` first).

    >>> import shutil, tempfile
    >>> from medialit.text.articles import sets_dir
    >>> from medialit.grading.set_exercise import build_set_exercise
    >>> folder = Path(tempfile.mkdtemp()) / "copy"
    >>> _ = shutil.copytree(sets_dir() / "lukashenko-2023", folder, ignore=shutil.ignore_patterns("raw"))
    >>> _ = build_set_exercise(folder)
    >>> review = KeyReview(folder); len(review.paragraphs) >= 3, len(review.claims)
    (True, 1)
    >>> shutil.rmtree(folder.parent)
    """

    def __init__(self, folder):
        self.folder = Path(folder).resolve()
        tasks = review_tasks(self.folder)
        claims = claim_tasks(self.folder)
        self.paragraphs = [ParagraphReview(self.folder, task) for task in tasks]
        ids = [a.id for a in load_articles(self.folder)] if claims else []
        self.claims = [ClaimReview(self.folder, task, ids) for task in claims]
        done = sum(t["reviewed"] for t in tasks) + sum(t["reviewed"] for t in claims)
        intro = widgets.HTML(
            f"<p>{len(tasks) + len(claims)} keys to review; {done} reviewed.</p>" if tasks or claims else
            f"<p>No exercise to review in {escape(str(self.folder))}: run <code>medialit assign --set "
            f"{escape(str(self.folder))}</code> first.</p>")
        super().__init__([intro, *self.paragraphs, *self.claims])
