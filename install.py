"""Set up medialit where `make` is not available (Windows, a school laptop): only Python 3.11 or later.

    py -3.11 install.py          # Windows: create .venv and install the kit (the first time)
    py -3.11 install.py lab      # start JupyterLab at lessons/00-start-here.ipynb
    python3 install.py [lab]     # the same on macOS or Linux

It does what `make install` and `make lab` do: a virtual environment in `.venv`, the kit installed into
it (`pip install -e .`), the kit's JupyterLab settings, then JupyterLab. `--dry-run` prints the commands
without running them; `--venv DIR` uses another folder.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
MIN_PYTHON = (3, 11)


def venv_python(folder: Path, *, windows: bool | None = None) -> Path:
    """The Python of a virtual environment: ``Scripts\\python.exe`` on Windows, ``bin/python`` elsewhere.

    >>> venv_python(Path("v"), windows=True).as_posix(), venv_python(Path("v"), windows=False).as_posix()
    ('v/Scripts/python.exe', 'v/bin/python')
    """
    windows = os.name == "nt" if windows is None else windows
    return folder / ("Scripts/python.exe" if windows else "bin/python")


def lab_settings(folder: Path) -> Path:
    """Where JupyterLab reads the kit's default settings (the same place on every system)."""
    return folder / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def install_commands(folder: Path, *, extras: str = "", kit_only: bool = False) -> list[list[str]]:
    """The pip commands that install the kit into the environment at ``folder``.

    >>> [c[3:] for c in install_commands(Path("v"), kit_only=True)]  # doctest: +NORMALIZE_WHITESPACE
    [['install', '--disable-pip-version-check', 'setuptools>=77'],
     ['install', '--disable-pip-version-check', '--no-deps', '--no-build-isolation', '-e', '.']]
    """
    target = f".[{extras}]" if extras else "."
    pip = [str(venv_python(folder)), "-m", "pip", "install", "--disable-pip-version-check"]
    if kit_only:  # the kit alone, without its dependencies (for checking the set-up path quickly)
        return [pip + ["setuptools>=77"], pip + ["--no-deps", "--no-build-isolation", "-e", target]]
    return [pip + ["-e", target]]


def lab_command(folder: Path) -> list[str]:
    command = [str(venv_python(folder)), "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}",
               str(ROOT / "lessons" / "00-start-here.ipynb")]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Set up medialit without make.")
    parser.add_argument("action", nargs="?", choices=("install", "lab"), default="install")
    parser.add_argument("--venv", default=str(ROOT / ".venv"), help="the environment folder (default: .venv)")
    parser.add_argument("--extras", default="", help="optional extras, e.g. test")
    parser.add_argument("--kit-only", action="store_true", help="install the kit without its dependencies (a check)")
    parser.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")
    args = parser.parse_args(argv)
    if sys.version_info < MIN_PYTHON:
        print(f"medialit needs Python {'.'.join(map(str, MIN_PYTHON))} or later; this is {sys.version.split()[0]}. "
              "On Windows run it with `py -3.11 install.py`.", file=sys.stderr)
        return 1
    folder = Path(args.venv).resolve()
    if args.action == "lab":
        if not venv_python(folder).exists():
            print(f"No environment in {folder}: run `install.py` first.", file=sys.stderr)
            return 1
        print(" ".join(lab_command(folder)))
        return 0 if args.dry_run else subprocess.call(lab_command(folder), cwd=ROOT)
    steps = install_commands(folder, extras=args.extras, kit_only=args.kit_only)
    print(f"create {folder}" + ("" if not venv_python(folder).exists() else " (exists)"))
    for step in steps:
        print(" ".join(step))
    print(f"copy etc/jupyterlab-overrides.json to {lab_settings(folder)}")
    if args.dry_run:
        return 0
    if not venv_python(folder).exists():
        venv.EnvBuilder(with_pip=True).create(folder)
    for step in steps:
        if subprocess.call(step, cwd=ROOT) != 0:
            print("Installing failed: see the messages above (a connection to the package index is needed "
                  "the first time).", file=sys.stderr)
            return 1
    lab_settings(folder).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "etc" / "jupyterlab-overrides.json", lab_settings(folder))
    how = "py -3.11 install.py lab" if os.name == "nt" else f"{Path(sys.executable).name} install.py lab"
    print(f"Done. Start the lessons with: {how}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
