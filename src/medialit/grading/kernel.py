"""A Python kernel for grading: ``python -m medialit.grading.kernel --memory-mb N -f FILE``.

It caps its memory, and starts without the debugger (ipykernel loads debugpy at start-up, a tenth
of a second per submission, for a feature grading never uses).
"""
from __future__ import annotations

import resource
import sys


def main(argv: list[str] | None = None) -> None:
    """Cap the address space at ``--memory-mb`` (a runaway allocation raises MemoryError), then start
    ipykernel with no debugger."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--memory-mb" in args:
        at = args.index("--memory-mb")
        limit = int(args[at + 1]) * 1024 * 1024
        del args[at:at + 2]
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.modules["debugpy"] = None  # "import debugpy" now fails, so ipykernel starts without its debugger
    from ipykernel import kernelapp

    sys.argv = [sys.argv[0]] + args
    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
