"""Run a build step in a forked process alongside the main one, and get its error back.

Each language of the site is an independent MkDocs run; on a machine with two or more CPUs they
finish in about the time of one. Where fork is unavailable (Windows) the step runs in place."""

from __future__ import annotations

import multiprocessing
from typing import Callable


class StepFailed(Exception):
    """A step in another process raised; the message is its error's."""


class _Done:
    """A step that already ran in this process."""

    def __init__(self, fn: Callable, args: tuple):
        fn(*args)

    def wait(self) -> None:
        pass

    def stop(self) -> None:
        pass


class _Forked:
    def __init__(self, fn: Callable, args: tuple):
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=self._child, args=(send, fn, args), daemon=True)
        self._process.start()
        send.close()

    @staticmethod
    def _child(send, fn: Callable, args: tuple) -> None:
        try:
            fn(*args)
            send.send(None)
        except BaseException as err:  # report every failure to the parent, which decides
            send.send(f"{type(err).__name__}: {err}" if not str(err) else str(err))

    def wait(self) -> None:
        """Block until the step ends; raises StepFailed with its message if it failed."""
        try:
            message = self._receive.recv()
        except EOFError:
            message = "the process ended without a result"
        self._process.join()
        if message is None and self._process.exitcode != 0:
            message = f"the process exited with code {self._process.exitcode}"
        if message is not None:
            raise StepFailed(message)

    def stop(self) -> None:
        """End the step if it still runs (another step failed and its work is being thrown away)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def start(fn: Callable, *args) -> _Done | _Forked:
    """Start fn(*args) in a forked child where possible; `.wait()` on the result to join it."""
    if "fork" in multiprocessing.get_all_start_methods():
        return _Forked(fn, args)
    return _Done(fn, args)
