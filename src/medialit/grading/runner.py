"""Running one submission in a fresh kernel and reading its answers out as plain values.

The kernel is started for this submission alone, with a memory limit, in a scratch folder. Before
any student cell runs, a small bootstrap keeps private references to the built-ins it needs; after
the last cell, it turns each answer variable into JSON (plain str, numbers, lists and dicts only, by
exact type, so an object that pretends to equal everything is refused) and publishes it under its
own MIME type. The grader scores those values in its own process: nothing the student's kernel says
about correctness is trusted.
"""
from __future__ import annotations

import json
import re
import secrets
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

from .marks import grading_env
from .answer_cells import ANSWER_ERROR_MIME

MIME = "application/x-medialit-answers+json"
BOOTSTRAP = r'''
def __medialit_make_capture(token):
    import json as _json
    from IPython import get_ipython as _gi
    from IPython.display import publish_display_data as _publish
    _ns, _type, _str, _int, _float, _bool, _list, _tuple, _dict = _gi().user_ns, type, str, int, float, bool, list, tuple, dict
    _getattr, _len, _Ellipsis, _Exception, _sorted = object.__getattribute__, len, Ellipsis, Exception, sorted
    try:
        from medialit.span import Span as _Span
    except _Exception:
        _Span = None
    def plain(value, depth):
        t = _type(value)
        if value is _Ellipsis:
            return {"__ellipsis__": True}
        if value is None or t is _bool or t is _int or t is _str:
            return value
        if t is _float:
            return value if value == value and -1e300 < value < 1e300 else None
        if depth > 5:
            raise ValueError("nested too deeply")
        if t is _list or t is _tuple:
            if _len(value) > 500:
                raise ValueError("too long")
            return [plain(v, depth + 1) for v in value]
        if t is _dict:
            if _len(value) > 500:
                raise ValueError("too long")
            return {plain(k, depth + 1) if _type(k) is _str else "?": plain(v, depth + 1) for k, v in _dict.items(value)}
        if _Span is not None and t is _Span:
            return {"start": _getattr(value, "start"), "end": _getattr(value, "end"), "kind": _getattr(value, "kind")}
        raise TypeError(t.__name__)
    def capture(names):
        out = {}
        for name in names:
            if name not in _ns:
                out[name] = {"missing": True}
                continue
            try:
                out[name] = {"value": plain(_ns[name], 0)}
            except _Exception as error:
                out[name] = {"invalid": _type(error).__name__ + ": " + _str(error)[:80]}
        text = _json.dumps(out)
        if _len(text) > 1_000_000:
            text = _json.dumps({name: {"invalid": "answer too large"} for name in names})
        _publish({"application/x-medialit-answers+json": text, "text/plain": token}, metadata={})
    return capture
'''


@dataclass
class RunResult:
    """What running a submission produced: answers by variable, a status and flags."""

    answers: dict[str, dict] = field(default_factory=dict)
    status: str = "ok"
    flags: list[str] = field(default_factory=list)
    seconds: float = 0.0
    answer_errors: dict[str, str] = field(default_factory=dict)  # answer variable -> error its cell raised


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
        import time

        self._deadline = time.monotonic() + self.limit

    def disarm(self) -> None:
        self._deadline = None

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        import os
        import signal
        import time

        while not self._stop.wait(0.5):
            if self._deadline is not None and time.monotonic() > self._deadline:
                process = getattr(getattr(self.km, "provisioner", None), "process", None)
                if process is not None:
                    self.fired = True
                    try:
                        os.killpg(os.getpgid(process.pid), signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        process.kill()
                self._deadline = None


def _kernel_spec_dir(memory_mb: int) -> str:
    folder = Path(tempfile.mkdtemp(prefix="medialit-kernel-"))
    spec = folder / "kernels" / "medialit-grader"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "medialit.grading.kernel", "--memory-mb", str(memory_mb), "-f",
                 "{connection_file}", "--HistoryManager.enabled=False"],
        "display_name": "medialit grader", "language": "python", "env": {"MEDIALIT_GRADING": "1"}}),
        encoding="utf-8")
    return str(folder / "kernels")


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
    return sum(len(json.dumps(o)) for o in cell.get("outputs", []))


def run_notebook(nb: nbformat.NotebookNode, variables: list[str], *, cell_timeout: float = 30,
                 memory_mb: int = 2048, startup_timeout: float = 60) -> RunResult:
    """Execute ``nb`` cell by cell in a fresh kernel and capture the answer ``variables``."""
    import time

    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    result = RunResult()
    started = time.perf_counter()
    workdir = tempfile.mkdtemp(prefix="medialit-grade-")
    token = secrets.token_hex(8)
    bootstrap = new_code_cell(BOOTSTRAP + f"\n__medialit_capture__ = __medialit_make_capture({token!r})\n"
                                          "del __medialit_make_capture")
    capture = new_code_cell(f"__medialit_capture__({variables!r})")
    run = nbformat.v4.new_notebook(cells=[bootstrap, *nb.cells, capture], metadata=nb.metadata)
    specs = KernelSpecManager(kernel_dirs=[_kernel_spec_dir(memory_mb)], ensure_native_kernel=False)
    # IPC sockets in the submission's own scratch folder: no TCP ports, so parallel kernels never collide.
    km = AsyncKernelManager(kernel_name="medialit-grader", kernel_spec_manager=specs, transport="ipc",
                            ip=str(Path(workdir) / "kernel"))
    client = NotebookClient(run, km=km, timeout=cell_timeout, startup_timeout=startup_timeout, allow_errors=True,
                            shutdown_kernel="immediate",
                            interrupt_on_timeout=True, kernel_name="medialit-grader",
                            resources={"metadata": {"path": workdir}})
    total_output = 0
    watchdog = _Watchdog(km, 2 * cell_timeout + 5)
    try:
        # Marks clicked in a question's Marker and saved in the notebook's outputs reach question_marker().
        # cleanup_kc: shut this kernel down when the run ends (nbclient leaves a kernel it did not create
        # running, and it lingered until the grader exited, then printed "Parent appears to have exited").
        with client.setup_kernel(env=grading_env(nb, workdir), cleanup_kc=True):
            watchdog.start()
            client.execute_cell(bootstrap, 0, store_history=False)
            for index, cell in enumerate(run.cells[1:-1], start=1):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                watchdog.arm()
                try:
                    client.execute_cell(cell, index)
                except DeadKernelError:
                    if watchdog.fired:
                        result.status = "timeout"
                        result.flags.append(f"cell {index} did not stop when interrupted; its kernel was stopped")
                    else:
                        result.status = "kernel died"
                        result.flags.append(f"the kernel died while running cell {index}")
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
                result.answer_errors.update(_answer_errors(cell))
                total_output += _output_size(cell)
                cell.outputs = []  # keep the grader's memory small, whatever the cell printed
            if total_output > 1_000_000:
                result.flags.append(f"the notebook printed {total_output / 1e6:.1f} MB of output")
                if result.status == "ok":
                    result.status = "too much output"
            if not watchdog.fired and result.status != "kernel died":
                watchdog.arm()
                try:
                    client.execute_cell(capture, len(run.cells) - 1, store_history=False)
                except DeadKernelError:
                    result.status = "timeout" if watchdog.fired else "kernel died"
                finally:
                    watchdog.disarm()
                for output in capture.get("outputs", []):
                    data = output.get("data", {})
                    if output.get("output_type") == "display_data" and data.get("text/plain") == token \
                            and MIME in data:
                        result.answers = json.loads(data[MIME])
                if not result.answers and result.status != "kernel died":
                    result.flags.append("the answers could not be read from the kernel")
    except DeadKernelError:
        result.status = "kernel died"
        result.flags.append("the kernel died")
    except Exception as error:  # a broken submission must become a row, never crash the batch
        result.status = "error"
        result.flags.append(f"grading failed: {type(error).__name__}: {str(error)[:120]}")
    finally:
        watchdog.stop()
    result.seconds = time.perf_counter() - started
    return result
