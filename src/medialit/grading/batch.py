"""Grading many submissions at once, one worker process per core, and stopping cleanly on Ctrl+C.

Workers ignore Ctrl+C themselves: the grader decides. On Ctrl+C it cancels what has not started,
tells each worker to stop (SIGTERM: the worker kills its kernel, removes its scratch folder and
exits at once), waits a few seconds at most, and lets the caller write the rows that were finished.
A finished row is never half-written: Ctrl+C while a row is being saved takes effect after it.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager


class Stopped(Exception):
    """Ctrl+C stopped a batch: ``done`` of ``total`` submissions were graded and written.

    >>> print(Stopped(3, 10))
    stopped: 3 of 10 graded; run again to resume
    """

    def __init__(self, done: int, total: int):
        super().__init__(f"stopped: {done} of {total} graded; run again to resume")
        self.done, self.total = done, total


def _worker_start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stop)


def _worker_stop(_signum, _frame) -> None:
    from .runner import stop_active

    try:
        stop_active()
    finally:
        os._exit(130)


class _Interrupts:
    """Ctrl+C as one KeyboardInterrupt (pressing it again while the batch stops changes nothing),
    except inside :meth:`protected`, where it waits until the end."""

    def __init__(self):
        self.critical = self.pending = self.stopping = False

    def _stop(self) -> None:
        if not self.stopping:
            self.stopping = True
            raise KeyboardInterrupt

    def handler(self, _signum, _frame) -> None:
        if self.critical:
            self.pending = True
        else:
            self._stop()

    @contextmanager
    def protected(self):
        self.critical = True
        try:
            yield
        finally:
            self.critical = False
            if self.pending:
                self.pending = False
                self._stop()


@contextmanager
def interrupts():
    """Handle Ctrl+C for a batch: yields a context manager that delays it while a row is written.

    >>> with interrupts() as protected:
    ...     with protected():
    ...         print("written")
    written
    """
    guard = _Interrupts()
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, guard.handler) if main else None
    try:
        yield guard.protected
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)


def _stop(pool: ProcessPoolExecutor, grace: float = 4.0) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, AttributeError):
            pass
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1)


def run_all(function, items: list, workers: int, on_result, protected) -> None:
    """Call ``function(item)`` for every item, in ``workers`` processes (here when 1), and
    ``on_result(result)`` here as each finishes, inside ``protected()`` (see :func:`interrupts`).
    On KeyboardInterrupt, stop every worker and its kernel within seconds, then re-raise.

    >>> seen = []
    >>> with interrupts() as protected:
    ...     run_all(abs, [-1, -2], 1, seen.append, protected)
    >>> seen
    [1, 2]
    """
    if workers <= 1:
        for item in items:
            result = function(item)
            with protected():
                on_result(result)
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    try:
        futures = [pool.submit(function, item) for item in items]
        for future in as_completed(futures):
            result = future.result()
            with protected():
                on_result(result)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
