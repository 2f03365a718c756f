"""Run a build step in a forked process alongside the main one, and get its result or its error back.

Each language of the site is an independent MkDocs run; on a machine with two or more CPUs they
finish in about the time of one. Where fork is unavailable (Windows) the step runs in place."""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Protocol


class StepFailed(Exception):
    """A step raised: its error's type name (`kind`) and message, and the traceback where it ran."""

    def __init__(self, message: str, kind: str = "", trace: str = ""):
        super().__init__(f"{kind}: {message}" if kind and message else kind or message)
        self.message, self.kind, self.trace = message, kind, trace

    @classmethod
    def of(cls, err: BaseException) -> StepFailed:
        return cls(str(err), type(err).__name__, "".join(traceback.format_exception(err)))


class Step(Protocol):
    """A started step: `wait` joins it and returns its result (raising StepFailed), `stop` ends it early."""

    def wait(self) -> object: ...

    def stop(self) -> None: ...


class _Done:
    """A step that already ran in this process; `wait` raises its error as a child's would be."""

    def __init__(self, fn: Callable, args: tuple):
        self._error: Exception | None = None
        self._result: object = None
        try:
            self._result = fn(*args)
        except Exception as err:  # raised by wait(), after the main step, as a forked child's
            self._error = err

    def wait(self) -> object:
        if self._error is not None:
            raise StepFailed.of(self._error) from self._error
        return self._result

    def stop(self) -> None:
        pass


class _Forked:
    def __init__(self, fn: Callable, args: tuple):
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=self._child, args=(send, fn, args), daemon=True)
        with _interrupts_after():
            self._process.start()
        send.close()

    @staticmethod
    def _child(send, fn: Callable, args: tuple) -> None:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            send.send((fn(*args), None))
        except BaseException as err:  # report every failure to the parent, which decides
            failed = StepFailed.of(err)
            send.send((None, (failed.message, failed.kind, failed.trace)))

    def wait(self) -> object:
        """Block until the step ends and return its result; raises StepFailed with its error if it failed."""
        try:
            result, failure = self._receive.recv()
            answered = True
        except EOFError:
            result, failure, answered = None, None, False
        self._process.join()
        code = self._process.exitcode
        if failure is not None:
            raise StepFailed(*failure)
        if code:
            raise StepFailed(f"the process was killed by {signal.Signals(-code).name}" if code < 0 else
                             f"the process exited with code {code}")
        if not answered:
            raise StepFailed("the process ended without a result")
        return result

    def stop(self) -> None:
        """End the step if it still runs (another step failed and its work is being thrown away)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


@contextlib.contextmanager
def _interrupts_after() -> Iterator[None]:
    """Hold back a Ctrl+C that comes during the block and deliver it after: raised inside the fork's own hooks
    (logging's lock), Python prints it and drops it, and the interrupted build would carry on."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread gets signals
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        signal.raise_signal(signal.SIGINT)


def start(fn: Callable, *args) -> Step:
    """Start fn(*args) in a forked child where possible; `.wait()` on the step joins it and returns fn's result."""
    if "fork" in multiprocessing.get_all_start_methods():
        return _Forked(fn, args)
    return _Done(fn, args)
