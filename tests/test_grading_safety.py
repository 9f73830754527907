"""The grader on untrusted notebooks: the sandbox, answers kept when a kernel is killed, Ctrl+C, temp folders."""
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, run_cli
from medialit.grading.gradebook import Options, grade
from medialit.grading.keys import all_questions, assignment_questions, scramble
from medialit.grading.sandbox import sandbox_status
from medialit.grading.scoring import score_answer

SANDBOX = sandbox_status()
needs_sandbox = pytest.mark.skipif(
    not SANDBOX.on, reason=f"bubblewrap cannot run on this machine ({SANDBOX.reason}), so there is no sandbox to test")
MARK = "MEDIALIT-SECRET:"
HONEST = {"allegedly": "hedge", "clearly": "hedge", "likely": "hedge", "never": "hedge", "no way": "hedge",
          "reportedly": "hedge"}


def cell_of(nb, qid):
    return next(c for c in nb.cells if c.get("metadata", {}).get("medialit", {}).get("id") == qid)


def submission(path: Path, student: str, edit=None, source=ROOT / "solutions" / "03-how-sure.ipynb") -> Path:
    nb = nbformat.read(source, as_version=4)
    nb.metadata.setdefault("medialit", {})["student"] = {"id": student}
    if edit:
        edit(nb)
    nbformat.write(nb, path)
    return path


def insert_after(qid: str, code: str):
    def edit(nb):
        nb.cells.insert(nb.cells.index(cell_of(nb, qid)) + 1, nbformat.v4.new_code_cell(code))
    return edit


def progress_rows(out: Path) -> list[dict]:
    log = out.with_name(out.name + ".progress.jsonl")
    return [json.loads(line)["row"] for line in log.read_text(encoding="utf-8").splitlines()]


# --- the sandbox -------------------------------------------------------------------------------

CHEAT = r'''
import glob, json, os, socket, stat
report, stolen = {}, []
def attempt(name, action):
    try:
        value = action()
    except Exception as error:
        report[name] = type(error).__name__
        return
    report[name] = "read" if value else "nothing"
    if isinstance(value, dict):
        stolen.append(value)
    for text in value if isinstance(value, list) else []:
        if MARK in text:
            stolen.append(json.loads(text.split(MARK, 1)[1].split("|END", 1)[0]))
def solutions():
    nb = json.load(open(SOLUTIONS))
    return next(c["metadata"]["medialit"]["key"] for c in nb["cells"] if c["metadata"].get("medialit", {}).get("id") == "03.2")
def key_loader():
    from medialit.grading.keys import all_questions
    return all_questions()["03.2"]["key"]
def keys_bin():
    from medialit.text.resources import data_dir
    from medialit.grading.keys import unscramble
    return json.loads(unscramble((data_dir() / "keys.bin").read_bytes()))["03.2"]["key"]
def gold():
    from medialit.text.resources import data_dir
    return [p.read_text() for p in (data_dir() / "annotations").rglob("*.json")]
def rubrics():
    from medialit.text.resources import data_dir
    return [p.read_text() for p in (data_dir() / "rubrics").glob("*.json")]
def home():
    return [open(os.path.join(HOME, n)).read() for n in os.listdir(HOME) if os.path.isfile(os.path.join(HOME, n))]
def my_home():
    return [open(p).read() for p in glob.glob(os.path.expanduser("~/*")) if os.path.isfile(p)]
def network():
    with socket.create_connection(("127.0.0.1", PORT), timeout=3) as connection:
        return [connection.recv(100000).decode()]
def environment():
    texts = ["\n".join(f"{k}={v}" for k, v in os.environ.items())]
    for path in glob.glob("/proc/[0-9]*/environ") + glob.glob("/proc/[0-9]*/cmdline"):
        try:
            texts.append(open(path, "rb").read().decode("utf-8", "replace").replace("\0", "\n"))
        except OSError:
            pass
    return [t for t in texts if MARK in t]
def descriptors():
    texts = []
    for fd in range(3, 1024):
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                texts.append(os.pread(fd, 100000, 0).decode("utf-8", "replace"))
        except OSError:
            pass
    return [t for t in texts if MARK in t]
for name, action in [("solutions", solutions), ("key loader", key_loader), ("keys.bin", keys_bin),
                     ("gold annotations", gold), ("rubrics", rubrics), ("teacher's home", home), ("~", my_home), ("socket", network),
                     ("environment and /proc", environment), ("inherited descriptors", descriptors)]:
    attempt(name, action)
answer_03_2 = stolen[0] if stolen else HONEST_ANSWER
'''
ATTEMPTS = ["solutions", "key loader", "keys.bin", "gold annotations", "rubrics", "teacher's home", "~", "socket",
            "environment and /proc", "inherited descriptors"]


class KeyServer:
    """A loopback server that hands the key to anyone who connects, and counts them."""

    def __init__(self, secret: str):
        self.secret, self.connections = secret.encode(), 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            with connection:
                connection.sendall(self.secret)


@pytest.fixture(scope="module")
def cheat_setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sandbox")
    key = all_questions()["03.2"]["key"]
    secret = MARK + json.dumps(key) + "|END"
    home = folder / "home"
    home.mkdir()
    (home / "secret.txt").write_text(secret, encoding="utf-8")
    data = folder / "data"  # the kit's data as a release has it, with keys.bin, and the gold annotations
    shutil.copytree(ROOT / "data", data)
    (data / "keys.bin").write_bytes(scramble(json.dumps(all_questions()).encode()))
    server = KeyServer(secret)
    code = CHEAT.replace("MARK", repr(MARK)).replace("SOLUTIONS", repr(str(ROOT / "solutions" / "03-how-sure.ipynb")))
    code = code.replace("HONEST_ANSWER", repr(HONEST)).replace("HOME", repr(str(home))).replace("PORT", str(server.port))

    def edit(nb):
        for qid in ("03.1", "03.3", "03.4"):  # left blank: the honest score is 03.2's alone
            cell_of(nb, qid).source = f"{all_questions()[qid]['variable']} = ..."
        cell_of(nb, "03.2").source = code
        cell_of(nb, "03.5").source = "answer_03_5 = json.dumps(report)"
    subs = folder / "subs"
    subs.mkdir()
    submission(subs / "cheat.ipynb", "cheat", edit)
    env = {**os.environ, "HOME": str(home), "MEDIALIT_DATA": str(data), "MEDIALIT_TEST_SECRET": secret}
    return folder, subs, env, server, key


def grade_cheat(cheat_setup, *extra):
    folder, subs, env, server, key = cheat_setup
    out = folder / f"grades{len(extra)}.csv"
    with open(folder / "home" / "secret.txt", "rb") as secret_file:  # an open descriptor the grader inherits
        run = run_cli(["grade", str(subs), "--out", str(out), "--workers", "1", "--feedback", str(folder / "fb"),
                       *extra], env=env, pass_fds=(secret_file.fileno(),))
    assert run.returncode == 0, run.stderr
    (row,) = progress_rows(out)
    return run, row, json.loads(row["feedback"]["03.5"]["answer"])


@needs_sandbox
def test_a_sandboxed_submission_reaches_no_key_no_home_no_network_and_gets_its_honest_score(cheat_setup):
    _folder, _subs, _env, server, key = cheat_setup
    run, row, report = grade_cheat(cheat_setup)
    honest = score_answer(all_questions()["03.2"], HONEST).earned
    assert 0 < honest < 2 and row["scores"]["03.2"] == honest and row["score"] == honest, (row, report)
    assert row["status"] == "ok" and row["sandbox"] == "bubblewrap"
    assert set(report) == set(ATTEMPTS)
    for name in ATTEMPTS:  # each attempt failed or found nothing
        assert report[name] in ("nothing", "FileNotFoundError", "KeyError", "PermissionError", "OSError",
                                "ConnectionRefusedError", "NotADirectoryError"), (name, report[name])
    assert report["solutions"] == "FileNotFoundError" and report["teacher's home"] == "FileNotFoundError"
    assert report["socket"] in ("ConnectionRefusedError", "OSError") and server.connections == 0
    assert "warning" not in run.stdout


@needs_sandbox
def test_the_same_cheat_without_the_sandbox_gets_the_key_and_the_summary_warns(cheat_setup):
    """What the sandbox stops: the very same notebook, unsandboxed, reads the keys (the old behaviour)."""
    _folder, _subs, _env, server, _key = cheat_setup
    before = server.connections
    run, row, report = grade_cheat(cheat_setup, "--no-sandbox")
    assert row["scores"]["03.2"] == 2.0 and row["sandbox"] == "off: turned off (--no-sandbox)"
    assert {report[n] for n in ("solutions", "key loader", "keys.bin", "rubrics", "teacher's home", "socket",
                                "environment and /proc")} == {"read"}
    assert server.connections == before + 1
    warnings = [line for line in run.stdout.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "without a sandbox (turned off (--no-sandbox))" in warnings[0]


def test_where_bubblewrap_cannot_run_the_grader_falls_back_with_a_one_line_warning(tmp_path):
    path = submission(tmp_path / "ok.ipynb", "ida")
    run = run_cli(["grade", str(path), "--out", str(tmp_path / "g.csv"), "--feedback", str(tmp_path / "fb")],
                  env={**os.environ, "MEDIALIT_BWRAP": "/nonexistent/bwrap"})
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stdout.splitlines() if line.startswith("warning:")]
    expected = ("bubblewrap is not installed" if sys.platform.startswith("linux") else "bubblewrap needs Linux")
    assert len(warnings) == 1 and f"without a sandbox ({expected})" in warnings[0], run.stdout
    assert "make grader" in warnings[0]
    (row,) = progress_rows(tmp_path / "g.csv")
    assert row["status"] == "ok" and row["score"] == 6.0 and row["sandbox"].startswith("off: ")
    assert warnings[0] in (tmp_path / "fb" / "index.html").read_text(encoding="utf-8").replace("&#x27;", "'")


# --- answers kept when a kernel is killed --------------------------------------------------------

KILLERS = {
    "os-exit": ("import os\nos._exit(1)", "kernel died", "stopped the kernel (os._exit)"),
    "deaf-loop": ("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass", "timeout",
                  "did not stop when interrupted; its kernel was stopped"),
}


@pytest.fixture(scope="module")
def killed_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("killed")
    for name, (code, _status, _flag) in KILLERS.items():
        submission(folder / f"{name}.ipynb", name, insert_after("03.2", code))
    # Changed later in a way no cell names: only the final capture sees it, and it wins.
    submission(folder / "changed-late.ipynb", "changed-late",
               insert_after("03.4", 'globals()["answer_" + "03_2"] = {"allegedly": "booster"}'))
    rows = grade([str(folder)], folder / "g.csv", Options(assignment="03", cell_timeout=2), workers=2, progress=None)
    return {r["student_id"]: r for r in rows}


@pytest.mark.parametrize("name", sorted(KILLERS))
def test_answers_set_before_a_cell_that_kills_the_kernel_are_kept(killed_run, name):
    row = killed_run[name]
    _code, status, flag = KILLERS[name]
    questions = {q["id"]: q for q in assignment_questions("03")}
    nb = nbformat.read(row["file"], as_version=4)
    killer = nb.cells.index(cell_of(nb, "03.2")) + 2  # the inserted cell, counting from 1
    assert row["status"] == status, row
    assert f"cell {killer} {flag}" in row["flags"] and f"answers set before cell {killer} were kept" in row["flags"]
    assert row["scores"]["03.1"] == questions["03.1"]["points"] and row["scores"]["03.2"] == 2.0, row["flags"]
    assert row["score"] == questions["03.1"]["points"] + 2.0
    for qid in ("03.3", "03.4"):
        at = nb.cells.index(cell_of(nb, qid)) + 1
        assert f"{qid}: no answer: its cell ({at}) comes after cell {killer}, which stopped the kernel" in row["flags"]
    assert not any("the cell did not run" in f for f in row["flags"]), row["flags"]


def test_the_final_capture_wins_over_the_cell_by_cell_answers(killed_run):
    row = killed_run["changed-late"]
    assert row["status"] == "ok" and row["scores"]["03.2"] == 0 and row["scores"]["03.3"] == 1.0, row


# --- Ctrl+C --------------------------------------------------------------------------------------

def short_tmpdir() -> Path:
    """A private temp folder with a short path (kernels' IPC sockets live under it)."""
    return Path(tempfile.mkdtemp(prefix="mlt-", dir="/tmp" if os.path.isdir("/tmp") else None))


def processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if text in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to look for leftover kernels")
@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_stops_the_batch_within_seconds_and_keeps_the_finished_rows(tmp_path, workers):
    subs = tmp_path / "subs"
    subs.mkdir()
    submission(subs / "s0.ipynb", "s0")
    for i in (1, 2, 3):
        submission(subs / f"s{i}.ipynb", f"s{i}", insert_after("03.2", "import time\ntime.sleep(120)"))
    out, scratch = tmp_path / "g.csv", short_tmpdir()
    log = out.with_name(out.name + ".progress.jsonl")
    env = {**os.environ, "TMPDIR": str(scratch)}
    process = subprocess.Popen([sys.executable, "-m", "medialit.cli", "grade", str(subs), "--out", str(out),
                                "--workers", workers, "--timeout", "300"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True, env=env)
    try:
        deadline = time.monotonic() + 120
        while not (log.exists() and log.read_text(encoding="utf-8").count("\n") >= 1):
            assert time.monotonic() < deadline and process.poll() is None, "the first row never came"
            time.sleep(0.2)
        time.sleep(1)  # the others are now asleep in their kernels
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl+C in a terminal does: the whole foreground group
        pressed = time.monotonic()
        _stdout, stderr = process.communicate(timeout=60)
        stopped_after = time.monotonic() - pressed
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert stopped_after < 5, f"took {stopped_after:.1f} s to stop"
    rows = progress_rows(out)
    with out.open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert len(rows) == len(table) >= 1 and {r["student_id"] for r in table} == {"s0"}
    assert f"stopped: {len(rows)} of 4 graded; run again to resume" in stderr.splitlines(), stderr
    assert "Traceback" not in stderr, stderr
    time.sleep(1)
    assert processes_mentioning(str(scratch)) == [], "a kernel outlived the grader"
    assert os.listdir(scratch) == []
    # Run again: the finished row is kept, the rest are graded.
    for i in (1, 2, 3):
        submission(subs / f"s{i}.ipynb", f"s{i}")
    again = run_cli(["grade", str(subs), "--out", str(out), "--workers", workers, "--timeout", "300"], env=env)
    assert again.returncode == 0, again.stderr
    assert [r["student_id"] for r in progress_rows(out)].count("s0") == 1 and len(progress_rows(out)) == 4
    shutil.rmtree(scratch)


# --- temp folders ----------------------------------------------------------------------------------

MESSY = {
    "ok": None,
    "exit": "import os\nos._exit(1)",
    "deaf-loop": KILLERS["deaf-loop"][0],
    "raises": "raise RuntimeError('boom')",
    "litter": "import os, tempfile\nfor i in range(3):\n    tempfile.mkdtemp()\nos.makedirs('locked/inner')\n"
              "open('locked/inner/f', 'w').write('x')\nos.chmod('locked/inner', 0)\nos.chmod('locked', 0o500)",
}


@pytest.mark.parametrize("sandboxed", [pytest.param(True, marks=needs_sandbox), False], ids=["sandbox", "no-sandbox"])
def test_no_temp_folder_is_left_behind_even_when_kernels_are_killed(tmp_path, sandboxed):
    subs = tmp_path / "subs"
    subs.mkdir()
    for name, code in MESSY.items():
        submission(subs / f"{name}.ipynb", name, insert_after("03.2", code) if code else None)
    (subs / "broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    scratch, runtime = short_tmpdir(), tmp_path / "runtime"
    env = {**os.environ, "TMPDIR": str(scratch), "JUPYTER_RUNTIME_DIR": str(runtime)}
    run = run_cli(["grade", str(subs), "--out", str(tmp_path / "g.csv"), "--timeout", "3", "--workers", "2"]
                  + ([] if sandboxed else ["--no-sandbox"]), env=env)
    assert run.returncode == 0, run.stderr
    assert os.listdir(scratch) == [], os.listdir(scratch)
    assert not runtime.exists() or list(runtime.glob("kernel-*")) == []
    statuses = {r["student_id"]: r["status"] for r in progress_rows(tmp_path / "g.csv")}
    assert statuses["ok"] == statuses["litter"] == statuses["raises"] == "ok"
    assert (statuses["exit"], statuses["deaf-loop"]) == ("kernel died", "timeout")
    assert statuses["broken"].startswith("unreadable")
    shutil.rmtree(scratch)
