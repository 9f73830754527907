"""Each grading kernel in a bubblewrap sandbox, so that a submission cannot reach the keys.

On Linux with bubblewrap (Debian's ``bubblewrap``; ``make grader`` installs it), the kernel sees only:

- read-only: ``/usr`` (and the ``/bin``, ``/lib`` links to it), the Python installation and its
  virtual environment, the kit's package source (``src/medialit``) and its ``data/`` folder without
  what is a key (``data/annotations/``, the gold behind the marking questions, ``data/rubrics/``, with
  the written questions' example answers, and a release's ``data/keys.bin``); never ``solutions/``, never the teacher's home folder or ``/etc``;
- writable: its own scratch folder (the notebook's working folder, a private home and temp folder,
  the connection file and the IPC sockets the grader talks to it through), a small ``/tmp``;
- a fresh ``/proc`` and ``/dev``, its own process, network (loopback only), IPC and host-name
  namespaces, no capabilities, and an environment built from nothing (no variable of the grader's).

Where the platform allows none of this, :func:`sandbox_status` says why, and the grader runs the
kernel as before, with a one-line warning in the gradebook's summary. ``MEDIALIT_BWRAP`` names the
bubblewrap program to use (default: ``bwrap`` on the ``PATH``).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..text.resources import PACKAGE_DIR, data_dir
from .keys import repo_dir

SANDBOX = "bubblewrap"
INSTALL_HINT = "install Debian's bubblewrap (`make grader`, or `sudo apt-get install bubblewrap`)"


@dataclass(frozen=True)
class SandboxStatus:
    """Whether grading kernels run sandboxed, and if not, why not."""

    on: bool
    reason: str = ""

    @property
    def label(self) -> str:
        """What a gradebook row records: ``"bubblewrap"``, or ``"off: why"``.

        >>> SandboxStatus(False, "not Linux").label
        'off: not Linux'
        """
        return SANDBOX if self.on else f"off: {self.reason}"


def warning(label: str) -> str:
    """The one-line warning for a gradebook summary when kernels ran without the sandbox.

    >>> print(warning("off: bubblewrap is not installed"))  # doctest: +ELLIPSIS
    warning: students' code ran without a sandbox (bubblewrap is not installed): it could read any file ...
    """
    why = label[len("off: "):] if label.startswith("off: ") else label
    return (f"warning: students' code ran without a sandbox ({why}): it could read any file your account "
            f"can read, solutions/ included, and reach the network; {INSTALL_HINT} and grade again.")


def bwrap_program() -> str | None:
    """The bubblewrap program: ``$MEDIALIT_BWRAP``, else ``bwrap`` on the ``PATH``; None if there is none.

    >>> bwrap_program() is None or os.path.basename(bwrap_program()).startswith("bwrap")
    True
    """
    named = os.environ.get("MEDIALIT_BWRAP") or "bwrap"
    found = shutil.which(named)
    return os.path.abspath(found) if found else None


def _hidden() -> list[Path]:
    """What a grading kernel must never see, even inside the folders it is given."""
    data = data_dir().resolve()
    return [repo_dir().resolve() / "solutions", data / "annotations", data / "rubrics", data / "keys.bin"]


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _roots() -> list[Path]:
    """The folders bound read-only: the Python installation, its environment, the kit and its data."""
    cwd, home = Path.cwd().resolve(), Path.home().resolve()
    wanted = [Path(sys.base_prefix), Path(sys.prefix), Path(sys.exec_prefix),
              Path(sys.executable).resolve().parent.parent, PACKAGE_DIR, data_dir()]
    repo = repo_dir().resolve()
    for entry in sys.path:  # e.g. a user site-packages folder; never the folder the grader runs in
        path = Path(entry).resolve() if entry else cwd
        if path.name in ("site-packages", "dist-packages") and path.is_dir() and not _is_within(path, repo):
            wanted.append(path)
    roots: list[Path] = []
    for path in sorted({p.resolve() for p in wanted if p.exists()}, key=lambda p: len(p.parts)):
        exposes = any(_is_within(other, path) for other in (cwd, home, repo))  # e.g. "/" or the home folder
        if not exposes and not _is_within(path, Path("/usr")) and not any(_is_within(path, r) for r in roots):
            roots.append(path)
    return roots


def _bind_tree(path: Path, hidden: list[Path]) -> list[str]:
    """Read-only binds for ``path`` that leave out every ``hidden`` path inside it."""
    inside = [h for h in hidden if _is_within(h, path)]
    if not inside:
        return ["--ro-bind", str(path), str(path)]
    if path in inside or not path.is_dir() or path.is_symlink():
        return []
    args = ["--dir", str(path)]
    for child in sorted(path.iterdir()):
        args += _bind_tree(child, hidden)
    return args


def _system_args() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        top = Path("/") / name
        if top.is_symlink():
            args += ["--symlink", os.readlink(top), str(top)]
        elif top.is_dir():
            args += ["--ro-bind", str(top), str(top)]
    for name in ("ld.so.cache", "localtime"):  # for loading libraries and the time zone; no other /etc file
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    return args


def kernel_env(scratch: Path, extra: dict[str, str]) -> dict[str, str]:
    """The whole environment of a sandboxed kernel: nothing from the grader's but ``extra``.

    >>> env = kernel_env(Path("/tmp/s"), {"MEDIALIT_GRADING": "1"})
    >>> env["HOME"], env["TMPDIR"], env["MEDIALIT_GRADING"]
    ('/tmp/s/home', '/tmp/s/tmp', '1')
    """
    home = scratch / "home"
    env = {"PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]), "HOME": str(home),
           "TMPDIR": str(scratch / "tmp"), "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": str(PACKAGE_DIR.parent),  # the kit, installed or not (only it is bound there)
           "IPYTHONDIR": str(home / ".ipython"), "MPLCONFIGDIR": str(home / ".matplotlib"),
           "JUPYTER_CONFIG_DIR": str(home / ".jupyter"), "JUPYTER_DATA_DIR": str(home / ".jupyter-data"),
           "JUPYTER_RUNTIME_DIR": str(home / ".jupyter-runtime")}
    if os.environ.get("MEDIALIT_DATA"):
        env["MEDIALIT_DATA"] = str(data_dir())
    env.update(extra)
    return env


def prepare_scratch(scratch: Path) -> None:
    """Make the folders a kernel's environment names (:func:`kernel_env`) inside its scratch folder.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()); prepare_scratch(folder); sorted(p.name for p in folder.iterdir())
    ['home', 'tmp', 'work']
    >>> shutil.rmtree(folder)
    """
    for name in ("home", "tmp", "work"):
        (scratch / name).mkdir(exist_ok=True)


def wrap(argv: list[str], scratch: Path, env: dict[str, str], *, program: str | None = None) -> list[str]:
    """``argv`` run inside the sandbox, with ``scratch`` as its only writable folder and ``env`` as
    its whole environment; it starts in ``scratch/work``.

    >>> args = wrap(["python", "-c", "pass"], Path("/tmp/s"), {"HOME": "/tmp/s/home"}, program="bwrap")
    >>> args[0], args[-3:], "--unshare-all" in args, "--clearenv" in args
    ('bwrap', ['python', '-c', 'pass'], True, True)
    >>> any(a.endswith("/solutions") for a in args)
    False
    """
    hidden = _hidden()
    args = [program or bwrap_program() or "bwrap", "--unshare-all", "--die-with-parent", "--new-session",
            "--hostname", "grader"]
    args += _system_args()
    # A private /tmp first, so that what is bound below it (a kit or a scratch folder under /tmp) shows.
    args += ["--proc", "/proc", "--dev", "/dev", "--size", str(64 * 1024 * 1024), "--tmpfs", "/tmp"]
    for root in _roots():
        args += _bind_tree(root, hidden)
    args += ["--bind", str(scratch), str(scratch), "--chdir", str(scratch / "work"), "--clearenv"]
    for name, value in env.items():
        args += ["--setenv", name, value]
    return args + ["--", *argv]


def precompile_kit() -> bool:
    """Compile the kit's modules to bytecode where they are out of date; True if that worked.

    A sandboxed kernel sees the kit read-only, so it cannot cache the bytecode itself: without this,
    every kernel would compile the kit's modules again.

    >>> precompile_kit() in (True, False)
    True
    """
    import compileall

    try:
        return bool(compileall.compile_dir(str(PACKAGE_DIR), quiet=2))
    except OSError:
        return False


@lru_cache(maxsize=1)
def sandbox_status() -> SandboxStatus:
    """Whether grading kernels can run sandboxed here: bubblewrap is tried once, with a Python in it.

    >>> status = sandbox_status()
    >>> status.on or bool(status.reason)
    True
    """
    if not sys.platform.startswith("linux"):
        return SandboxStatus(False, f"bubblewrap needs Linux, this is {sys.platform}")
    program = bwrap_program()
    if program is None:
        return SandboxStatus(False, "bubblewrap is not installed")
    import tempfile

    scratch = Path(tempfile.mkdtemp(prefix="medialit-probe-")).resolve()
    try:
        prepare_scratch(scratch)
        probe = [sys.executable, "-c", "import medialit, os; print(os.path.exists(os.environ['HOME']))"]
        run = subprocess.run(wrap(probe, scratch, kernel_env(scratch, {}), program=program), capture_output=True,
                             text=True, timeout=30, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as error:
        return SandboxStatus(False, f"bubblewrap could not start ({type(error).__name__})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if run.returncode != 0 or run.stdout.strip() != "True":
        last = (run.stderr.strip().splitlines() or ["no message"])[-1][:160]
        return SandboxStatus(False, f"bubblewrap cannot run here: {last}")
    return SandboxStatus(True)
