"""Shared fixtures. The whole suite runs with outside network blocked (loopback only)."""
from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_SET = ROOT / "data" / "articles" / "lukashenko-2023"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"

# A second, small article set about another (invented) event, for checking that nothing
# in the kit is keyed to the seed articles. Written for the tests.
OTHER_SET = {
    "council-blog.txt": (
        "Council Rams Through Costly Bus Lane Despite Outcry\n\n"
        "The city council on Tuesday approved a new bus lane on Harbour Road, ignoring furious residents "
        "who say the scheme will wreck local shops.\n\n"
        "Mayor Dana Ortiz insisted the lane would cut journey times, but critics claim the figures were "
        "cooked up by the transport department.\n\n"
        "“This is a disaster for small businesses,” said shop owner Priya Nair. Many believe the vote was "
        "decided long before the meeting.\n"
    ),
    "local-paper.txt": (
        "Council approves Harbour Road bus lane\n\n"
        "Councillors voted 7–4 on Tuesday to build a bus lane on Harbour Road, Dr. Ortiz's office said.\n\n"
        "The transport department estimates journey times will fall by about six minutes. "
        "Some shop owners said they were worried about parking.\n\n"
        "“We listened to every objection,” Mayor Ortiz told reporters. Work may start in May.\n"
    ),
    "radio-summary.txt": (
        "Bus lane vote: what we know\n\n"
        "• The council approved the Harbour Road bus lane on Tuesday by seven votes to four.\n"
        "• Officials said construction could begin in the spring.\n"
        "• Opponents plan to appeal, according to a residents' group.\n"
    ),
}


@pytest.fixture(autouse=True, scope="session")
def _no_outside_network():
    """Refuse any connection that is not to this machine: the kit must work offline. ``MEDIALIT_OFFLINE=1``
    also tells the kernels that run the notebooks (they inherit it) never to try the network: lesson 08's
    look-up then shows the dossier and the searches without a request."""
    import os

    real_connect = socket.socket.connect
    os.environ["MEDIALIT_OFFLINE"] = "1"

    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            try:
                loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
            except ValueError:
                loopback = False
            if not loopback:
                raise OSError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    socket.socket.connect = guarded
    yield
    socket.socket.connect = real_connect


@pytest.fixture(scope="session")
def seed_set():
    import medialit

    return medialit.load_articles("lukashenko-2023")


def write_set(folder: Path, files: dict[str, str] = OTHER_SET) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def other_set_dir(tmp_path) -> Path:
    return write_set(tmp_path / "bus-lane-vote")


def run_cli(args: list[str], *, timeout: float = 600, **kwargs):
    """Run ``python -m medialit.cli ARGS`` in its own process group; on timeout kill the whole group
    (kernels included), so a hung child can never hold the pipes open and hang the suite."""
    import os
    import signal
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "medialit.cli", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True, **kwargs)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate(timeout=30)
        raise AssertionError(f"medialit {' '.join(args)} ran over {timeout:g} s:\n{stderr[-3000:]}") from None
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def grade_rows(submissions: list, out: Path, *extra: str) -> list[dict]:
    """Grade ``submissions`` with ``medialit grade`` (one worker, 60 s a cell) and return the gradebook's rows."""
    import csv

    run = run_cli(["grade", *map(str, submissions), "--out", str(out), "--workers", "1", "--timeout", "60", *extra])
    assert run.returncode == 0, run.stderr
    with open(out, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def lesson_note_keys(code: str) -> list[str]:
    """The lesson-note keys a lesson's code shows: ``show_lesson_note(articles, "02.verbs")`` gives "02.verbs"."""
    import re

    return re.findall(r'show_lesson_note\(articles, "([\w.-]+)"\)', code)
