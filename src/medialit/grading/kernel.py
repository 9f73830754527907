"""A Python kernel with a memory limit, for grading: ``python -m medialit.grading.kernel --memory-mb N -f FILE``."""
from __future__ import annotations

import resource
import sys


def main(argv: list[str] | None = None) -> None:
    """Cap the address space at ``--memory-mb`` (a runaway allocation raises MemoryError), then start ipykernel."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--memory-mb" in args:
        at = args.index("--memory-mb")
        limit = int(args[at + 1]) * 1024 * 1024
        del args[at:at + 2]
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from ipykernel import kernelapp

    sys.argv = [sys.argv[0]] + args
    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
