"""Running one submission in a fresh kernel and reading its answers out as plain values.

The kernel is started for this submission alone, with a memory limit, in a scratch folder of its own
(its working folder, kernel spec, connection file and IPC sockets), sandboxed where the platform
allows it (:mod:`medialit.grading.sandbox`). Answers are read cell by cell as they are set
(:mod:`medialit.grading.capture`), so a cell that kills the kernel loses only what came after it.
Whatever happens, the kernel is stopped and the scratch folder removed before this returns.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import sandbox
from .marks import ENV, grading_env
from .answer_cells import ANSWER_ERROR_MIME
from .capture import MIME, bootstrap_cell, capture_cell, merge, read_capture  # noqa: F401

_ACTIVE: dict = {}  # the kernel manager and scratch folder of the submission being run, for stop_active()


@dataclass
class RunResult:
    """What running a submission produced: answers by variable, a status and flags.

    ``stopped_at`` is the number of the cell (counting from 1, as in the notebook) during which the
    kernel died or was stopped; ``sandbox`` says how the kernel was isolated.
    """

    answers: dict[str, dict] = field(default_factory=dict)
    status: str = "ok"
    flags: list[str] = field(default_factory=list)
    seconds: float = 0.0
    answer_errors: dict[str, str] = field(default_factory=dict)  # answer variable -> error its cell raised
    stopped_at: int | None = None
    sandbox: str = ""


def _kernel_process(km):
    return getattr(getattr(km, "provisioner", None), "process", None)


def kill_kernel(km) -> int | None:
    """Kill a kernel and everything it started (its process group, or its whole sandbox); return its
    exit status, or None if it had none.

    >>> kill_kernel(None) is None
    True
    """
    process = _kernel_process(km)
    if process is None:
        return None
    if process.poll() is None:
        try:
            group = os.getpgid(process.pid)
            if group == os.getpgrp():
                raise PermissionError("the kernel shares the grader's process group")
            os.killpg(group, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            try:
                process.kill()
            except OSError:
                pass
    try:
        return process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return None


def _writable(function, path, _info) -> None:
    """rmtree's retry for a folder a submission made unwritable (chmod 0)."""
    try:
        os.chmod(os.path.dirname(path), stat.S_IRWXU)
        os.chmod(path, stat.S_IRWXU)
        function(path)
    except OSError:
        pass


def remove_folder(path) -> None:
    """Remove a scratch folder and everything in it, even what a submission made read-only.

    >>> folder = Path(tempfile.mkdtemp()); (folder / "sub").mkdir(); os.chmod(folder / "sub", 0)
    >>> remove_folder(folder); folder.exists()
    False
    """
    if path and os.path.lexists(path):
        shutil.rmtree(path, onerror=_writable)


def stop_active() -> None:
    """Kill the kernel of the submission being run in this process and remove its scratch folder
    (a worker told to stop calls this). Nothing to do when no submission is running.

    >>> stop_active()
    """
    km, folder = _ACTIVE.pop("km", None), _ACTIVE.pop("scratch", None)
    kill_kernel(km)
    remove_folder(folder)


class _Watchdog:
    """Kills the kernel when one cell runs past a hard limit, even if the kernel ignores interrupts
    (a submission can break the kernel's own machinery, so interrupting it is not always enough)."""

    def __init__(self, km, limit: float):
        import threading

        self.km, self.limit, self.fired = km, limit, False
        self._deadline = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def arm(self) -> None:
        self._deadline = time.monotonic() + self.limit

    def disarm(self) -> None:
        self._deadline = None

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            if self._deadline is not None and time.monotonic() > self._deadline:
                if _kernel_process(self.km) is not None:
                    self.fired = True
                    kill_kernel(self.km)
                self._deadline = None


def _kernel_spec_dir(scratch: Path, memory_mb: int, env: dict[str, str] | None) -> str:
    """A kernel spec in ``scratch``; with ``env`` (the sandbox's whole environment), the kernel runs in
    bubblewrap, interrupted by message (a signal would reach bubblewrap, not the kernel)."""
    spec = scratch / "spec" / "kernels" / "medialit-grader"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "medialit.grading.kernel", "--memory-mb", str(memory_mb), "-f",
            "{connection_file}", "--HistoryManager.enabled=False"]
    settings = {"display_name": "medialit grader", "language": "python"}
    if env is not None:
        settings.update(argv=sandbox.wrap(argv, scratch, env), interrupt_mode="message")
    else:
        settings.update(argv=argv)
    (spec / "kernel.json").write_text(json.dumps(settings), encoding="utf-8")
    return str(scratch / "spec" / "kernels")


def _error_names(cell) -> list[str]:
    return [o.get("ename", "") for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def _answer_errors(cell) -> dict[str, str]:
    """Answer variables whose cell stopped with an error: from the answer-cell guard's note, or from an
    error the cell raised (a notebook that never imported the guard)."""
    found = {}
    for output in cell.get("outputs", []):
        note = output.get("data", {}).get(ANSWER_ERROR_MIME)
        if output.get("output_type") == "display_data" and note:
            try:
                data = json.loads(note)
                found.update({str(v): str(data.get("error", "an error"))[:40] for v in data.get("variables", [])})
            except (ValueError, TypeError, AttributeError):
                continue
    errors = [e for e in _error_names(cell) if e not in ("KeyboardInterrupt", "MemoryError", "SystemExit")]
    if errors:
        found.update({name: errors[0] for name in re.findall(r"^[ \t]*(answer_\d\d_\d+)\s*[:+]?=", cell.source, re.M)})
    return found


def _output_size(cell) -> int:
    """What a cell printed or showed, in characters; the answers' own capture does not count."""
    return sum(len(json.dumps(o)) for o in cell.get("outputs", []) if MIME not in o.get("data", {}))


def _how_it_stopped(source: str, code: int | None) -> str:
    """Why a kernel ended during a cell, as a teacher reads it.

    >>> _how_it_stopped("import os\\nos._exit(1)", 1), _how_it_stopped("x = 1", -11), _how_it_stopped("", 3)
    ('os._exit', 'killed by signal 11', 'exit code 3')
    """
    if re.search(r"\b_exit\s*\(", source):
        return "os._exit"
    if code is not None and code < 0:
        return f"killed by signal {-code}"
    if code is not None and code > 128:  # bubblewrap reports a signal as 128 + its number
        return f"killed by signal {code - 128}"
    return f"exit code {code}" if code is not None else "it died"


def _scratch_folder(root: str | None) -> Path:
    """A private scratch folder; under /tmp when the temp folder's path is too long for IPC sockets."""
    base = root or tempfile.gettempdir()
    if len(os.path.realpath(base)) > 60:
        base = "/tmp" if os.path.isdir("/tmp") else base
    return Path(tempfile.mkdtemp(prefix="medialit-", dir=base)).resolve()


def _log_tail(path: Path) -> str:
    """The last line of a kernel's log; nothing if the kernel replaced the log with anything but a file
    (a link to a file of the teacher's, say).

    >>> folder = Path(tempfile.mkdtemp()); (folder / "log").write_text("starting\\nno module x\\n")
    21
    >>> _log_tail(folder / "log"), os.symlink(folder / "log", folder / "link"), _log_tail(folder / "link")
    ('no module x', None, '')
    >>> remove_folder(folder)
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return ""
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return ""
        handle.seek(max(0, os.fstat(fd).st_size - 2000))
        lines = handle.read(2000).decode("utf-8", "replace").strip().splitlines()
    return lines[-1][:160] if lines else ""


def run_notebook(nb: nbformat.NotebookNode, variables: list[str], *, cell_timeout: float = 30,
                 memory_mb: int = 2048, startup_timeout: float = 60, sandboxed: bool = True,
                 scratch_root: str | None = None) -> RunResult:
    """Execute ``nb`` cell by cell in a fresh kernel and capture the answer ``variables``.

    With ``sandboxed`` (the default), the kernel runs in bubblewrap when :func:`sandbox.sandbox_status`
    allows it; ``RunResult.sandbox`` says what was used. Never raises for a broken submission.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("answer_01_2 = 6 * 7")])
    >>> run_notebook(nb, ["answer_01_2"]).answers
    {'answer_01_2': {'value': 42}}
    """
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    result = RunResult()
    started = time.perf_counter()
    status = sandbox.sandbox_status() if sandboxed else sandbox.SandboxStatus(False, "turned off (--no-sandbox)")
    result.sandbox = status.label
    scratch = _scratch_folder(scratch_root)
    km = None
    watchdog = None
    _ACTIVE.update(scratch=scratch)
    try:
        sandbox.prepare_scratch(scratch)
        workdir = scratch / "work"
        token = secrets.token_hex(8)
        bootstrap, final = bootstrap_cell(token, variables), capture_cell(variables)
        run = nbformat.v4.new_notebook(cells=[bootstrap, *nb.cells, final], metadata=nb.metadata)
        # Marks clicked in a question's Marker and saved in the notebook's outputs reach question_marker().
        marks = grading_env(nb, scratch)
        if status.on:  # bubblewrap gets only a PATH, and gives the kernel an environment of its own
            spec_dir = _kernel_spec_dir(scratch, memory_mb, sandbox.kernel_env(scratch, {
                "MEDIALIT_GRADING": "1", ENV: marks[ENV]}))
            launch_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        else:
            spec_dir = _kernel_spec_dir(scratch, memory_mb, None)
            launch_env = {**marks, "MEDIALIT_GRADING": "1", "TMPDIR": str(scratch / "tmp")}
        specs = KernelSpecManager(kernel_dirs=[spec_dir], ensure_native_kernel=False)
        # IPC sockets in the submission's own scratch folder: no TCP ports, so parallel kernels never collide.
        km = AsyncKernelManager(kernel_name="medialit-grader", kernel_spec_manager=specs, transport="ipc",
                                ip=str(scratch / "k"), connection_file=str(scratch / "connection.json"))
        _ACTIVE.update(km=km)
        client = NotebookClient(run, km=km, timeout=cell_timeout, startup_timeout=startup_timeout,
                                allow_errors=True, shutdown_kernel="immediate", interrupt_on_timeout=True,
                                kernel_name="medialit-grader", resources={"metadata": {"path": str(workdir)}})
        watchdog = _Watchdog(km, 2 * cell_timeout + 5)
        with open(scratch / "kernel.log", "wb") as log:
            _execute(client, run, token, result, watchdog, log, launch_env,
                     cell_timeout=cell_timeout, memory_mb=memory_mb, dead=DeadKernelError)
    except DeadKernelError:
        result.status = "kernel died"
        result.flags.append("the kernel died")
    except Exception as error:  # a broken submission must become a row, never crash the batch
        result.status = "error"
        why = _log_tail(scratch / "kernel.log") if "kernel" in str(error).lower() else ""
        result.flags.append(f"grading failed: {type(error).__name__}: {str(error)[:120]}"
                            + (f" ({why})" if why else ""))
    finally:
        if watchdog is not None:
            watchdog.stop()
        kill_kernel(km)
        remove_folder(scratch)
        _ACTIVE.clear()
    result.seconds = time.perf_counter() - started
    return result


def _execute(client, run, token, result: RunResult, watchdog: _Watchdog, log, env: dict, *,
             cell_timeout: float, memory_mb: int, dead) -> None:
    """Run the bootstrap, each student cell (which then captures the answers it names), and the final
    capture; merge what the captures publish into ``result.answers``."""
    # cleanup_kc: shut this kernel down when the run ends (nbclient leaves a kernel it did not create
    # running, and it lingered until the grader exited, then printed "Parent appears to have exited").
    with client.setup_kernel(env=env, stdout=log, stderr=log,
                             stdin=subprocess.DEVNULL, cleanup_kc=True):
        watchdog.start()
        client.execute_cell(run.cells[0], 0, store_history=False)
        total_output, answers = 0, {}
        for index, cell in enumerate(run.cells[1:-1], start=1):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            watchdog.arm()
            try:
                client.execute_cell(cell, index)
            except dead:
                answers = merge(answers, read_capture(cell, token))  # published before the kernel went
                result.stopped_at = index
                code = kill_kernel(client.km)
                if watchdog.fired:
                    result.status = "timeout"
                    result.flags.append(f"cell {index} did not stop when interrupted; its kernel was stopped")
                else:
                    result.status = "kernel died"
                    result.flags.append(f"cell {index} stopped the kernel ({_how_it_stopped(cell.source, code)})")
                if answers:
                    result.flags.append(f"answers set before cell {index} were kept")
                break
            finally:
                watchdog.disarm()
            errors = _error_names(cell)
            if "KeyboardInterrupt" in errors:
                result.status = "timeout"
                result.flags.append(f"cell {index} ran longer than {cell_timeout:g} s and was stopped")
            if "MemoryError" in errors:
                result.status = "memory limit" if result.status == "ok" else result.status
                result.flags.append(f"cell {index} went over the {memory_mb} MB memory limit")
            if "SystemExit" in errors:
                result.flags.append(f"cell {index} called sys.exit()")
            answers = merge(answers, read_capture(cell, token))
            result.answer_errors.update(_answer_errors(cell))
            total_output += _output_size(cell)
            cell.outputs = []  # keep the grader's memory small, whatever the cell printed
        result.answers = answers
        if total_output > 1_000_000:
            result.flags.append(f"the notebook printed {total_output / 1e6:.1f} MB of output")
            if result.status == "ok":
                result.status = "too much output"
        if result.stopped_at is None:
            final = run.cells[-1]
            watchdog.arm()
            try:
                client.execute_cell(final, len(run.cells) - 1, store_history=False)
            except dead:
                result.status = "timeout" if watchdog.fired else "kernel died"
            finally:
                watchdog.disarm()
            captured = read_capture(final, token)
            if captured is not None:
                result.answers = captured  # the final capture wins
            elif not answers and result.status != "kernel died":
                result.flags.append("the answers could not be read from the kernel")
        kill_kernel(client.km)  # done with it: no need to wait for a polite shutdown

