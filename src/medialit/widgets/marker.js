// The Marker's text: click a word to mark it with the chosen kind, shift-click to extend the last
// mark, click a marked word to unmark it. Keyboard: arrow keys move between words, Enter or Space
// marks (Shift+Enter extends), Delete unmarks. Offsets come from Python; this file only draws.
const TAGS = { attribution: "SAYS", hedge: "HEDGE", booster: "BOOST", loaded: "LOADED" };

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "ml-marker-text";
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", "Text to mark. Arrow keys move between words, Enter marks, Shift+Enter extends, Delete unmarks.");
  let focus = 0;
  let last = null;  // index in marks of the mark a shift-click extends

  const markAt = (marks, s, e) => marks.findIndex(([ms, me]) => ms <= s && e <= me);

  function draw() {
    const tokens = model.get("tokens");
    const marks = model.get("marks");
    root.replaceChildren();
    tokens.forEach(([s, e, word, gap], i) => {
      const w = document.createElement("span");
      w.textContent = word;
      w.dataset.i = String(i);
      w.className = "ml-word";
      w.tabIndex = i === focus ? 0 : -1;
      w.setAttribute("role", "button");
      const m = markAt(marks, s, e);
      w.setAttribute("aria-pressed", m >= 0 ? "true" : "false");
      if (m >= 0) {
        w.classList.add("ml-marked", "ml-mark-" + marks[m][2]);
        w.title = marks[m][2] + " (click to unmark)";
        if (marks[m][1] === e) w.dataset.tag = "[" + (TAGS[marks[m][2]] || marks[m][2].toUpperCase()) + "]";
      }
      root.appendChild(w);
      if (gap) root.appendChild(document.createTextNode(gap));
    });
  }

  function act(i, extend) {
    const [s, e] = model.get("tokens")[i];
    let marks = model.get("marks").map((m) => m.slice());
    if (extend && last !== null && last < marks.length) {
      // Shift-click: stretch the last mark to reach this word; marks it swallows are dropped.
      const [ms, me, kind] = marks[last];
      const a = Math.min(ms, s), b = Math.max(me, e);
      marks = marks.filter(([x0, x1]) => x1 <= a || x0 >= b);
      marks.push([a, b, kind]);
    } else {
      const hit = markAt(marks, s, e);
      if (hit >= 0) {
        marks.splice(hit, 1);
        last = null;
      } else {
        marks.push([s, e, model.get("kind")]);
      }
    }
    marks.sort((x, y) => x[0] - y[0]);
    const now = markAt(marks, s, e);
    last = now >= 0 ? now : null;
    model.set("marks", marks);
    model.save_changes();
  }

  function moveFocus(i) {
    const n = model.get("tokens").length;
    focus = Math.max(0, Math.min(n - 1, i));
    draw();
    const w = root.querySelector(`[data-i="${focus}"]`);
    if (w) w.focus();
  }

  root.addEventListener("click", (ev) => {
    const w = ev.target.closest(".ml-word");
    if (!w) return;
    focus = Number(w.dataset.i);
    act(focus, ev.shiftKey);
  });
  root.addEventListener("keydown", (ev) => {
    const w = ev.target.closest(".ml-word");
    if (!w) return;
    const i = Number(w.dataset.i);
    if (ev.key === "ArrowRight" || ev.key === "ArrowDown") { moveFocus(i + 1); ev.preventDefault(); }
    else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") { moveFocus(i - 1); ev.preventDefault(); }
    else if (ev.key === "Enter" || ev.key === " ") { focus = i; act(i, ev.shiftKey); moveFocus(i); ev.preventDefault(); }
    else if (ev.key === "Delete" || ev.key === "Backspace") {
      const [s, e] = model.get("tokens")[i];
      const marks = model.get("marks").filter(([ms, me]) => !(ms <= s && e <= me));
      model.set("marks", marks); model.save_changes(); moveFocus(i); ev.preventDefault();
    }
  });
  model.on("change:marks", draw);
  model.on("change:tokens", draw);
  draw();
  el.appendChild(root);
}
export default { render };
