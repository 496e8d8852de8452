"""The ``actor-graph`` program (also ``python -m graph``): the command line, from its first line.

:func:`run` is the program's entry. Before it imports the package's heavy
modules (a second or two: numpy, pandas, numba, matplotlib), it

- takes SIGINT, SIGTERM and SIGHUP, so that a signal during the imports ends
  the program with its status (130, 143, 129) and one line, not a traceback
  or a silent death; nothing has been written yet. The first signal is acted on
  once the imports are done (a second or two), a second one at once
  (:func:`_on_signal` says why);
- puts ``/dev/null`` on standard input, output or error where the caller
  closed them (``>&-``), so that no file the run opens takes their number
  (and receives its messages); output that cannot reach its reader ends in
  status 141, as a closed pipe does, and messages with stderr closed vanish;
- drops a ``NUMBA_NUM_THREADS`` that numba cannot use (0, a word), with a
  one-line warning: numba then uses every CPU available, as unset.

Then it runs :func:`graph.cli.main`, which handles signals from there on.
"""

import errno
import gc
import os
import signal
import sys

_STATUS = {"SIGINT": 130, "SIGTERM": 143, "SIGHUP": 129}


class _Early(BaseException):
    """A signal during the imports, as an exception (the status to end with)."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


_RECEIVED: list[int] = []  # the status of each signal taken before graph.cli.main ran
_IMPORTING = True  # the package's modules are still being imported


def _on_signal(signum, frame):
    """Note a signal; during the imports, the first is acted on when they are done.

    Raised at once, its exception lands wherever the imports are, and some of
    that code swallows it (importlib's module-lock callbacks print "Exception
    ignored"; a compiled module's set-up may say nothing): the run then went on
    as if no signal had come, and exited 0, and in 2 to 3 of 100 exports
    signalled 0.5-0.7 s after their start on a loaded machine, CPython's
    finalization aborted in a module cut halfway (status -6, "PyThreadState_Get:
    the function must be called with the GIL held"). A second signal during the
    imports stops them at once (the user insists, e.g. on a hung import).
    """
    _RECEIVED.append(_STATUS[signal.Signals(signum).name])
    if not _IMPORTING or len(_RECEIVED) > 1:
        raise _Early(_RECEIVED[0])


def _reopen_closed_streams() -> set[int]:
    """Open /dev/null on file descriptors 0, 1 and 2 that are closed; return those."""
    closed = set()
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError as exc:
            if exc.errno != errno.EBADF:
                raise
            closed.add(fd)
    for fd in sorted(closed):  # the lowest free number: the closed one itself
        got = os.open(os.devnull, os.O_RDWR)
        if got != fd:
            os.dup2(got, fd)
            os.close(got)
    if 1 in closed or sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    if 2 in closed or sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
    return closed


def _numba_threads_checked() -> None:
    value = os.environ.get("NUMBA_NUM_THREADS")
    if value is None:
        return
    if value.strip().isdigit() and int(value) >= 1:
        return
    del os.environ["NUMBA_NUM_THREADS"]
    print(
        f"actor-graph: warning: NUMBA_NUM_THREADS={value!r} is not a whole number from 1; "
        "ignored (numba uses the CPUs available)",
        file=sys.stderr,
    )


def _tolerant_output() -> None:
    """Characters the terminal's encoding lacks are written as escapes, never an error."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _interrupt_handled() -> None:
    """Tell CPython that the KeyboardInterrupt of a SIGINT was handled here.

    Code that extension modules run through ``PyRun_*`` (some do while they are imported)
    marks a KeyboardInterrupt raised inside it as unhandled, and CPython then ends the
    process by SIGINT at exit (status -2) even when the program caught the interrupt later
    and returned 130 (about 4% of runs with SIGINT 0.8-2.5 s into an export). Running an empty
    statement the same way clears that mark.
    """
    try:
        import ctypes

        ctypes.pythonapi.PyRun_SimpleString(b"pass")
    except (ImportError, AttributeError, OSError):  # not CPython, or no ctypes: nothing to clear
        pass


def run() -> int:
    """Run the program (``actor-graph``) and return its exit status."""
    global _IMPORTING
    _IMPORTING = True
    previous = {}
    for name in _STATUS:
        if hasattr(signal, name):
            s = getattr(signal, name)
            previous[s] = signal.signal(s, _on_signal)
    try:
        closed = _reopen_closed_streams()
        _tolerant_output()
        _numba_threads_checked()
        try:
            from graph.cli import EXIT_OK, EXIT_PIPE, main
        except Exception:
            # a second signal inside a compiled module's own import (numpy's, pandas')
            # surfaces as that module's ImportError, and inside a class body's
            # __set_name__ (matplotlib's axes) as a RuntimeError: not as its exception
            if _RECEIVED:
                raise _Early(_RECEIVED[0]) from None
            raise
        _IMPORTING = False
        if _RECEIVED:  # a signal during the imports: acted on now that they are whole
            raise _Early(_RECEIVED[0])

        code = main()
        # what the run leaves goes with the process: the collector's last pass at exit
        # walked every object of the views it held (10^7 of them, 9 s, at 10^6 ties)
        gc.freeze()
        for s in previous:  # the process is ending: a late signal changes nothing now
            signal.signal(s, signal.SIG_IGN)
        if code == _STATUS["SIGINT"]:
            _interrupt_handled()
    except _Early as stop:
        for s in previous:  # the process is ending: no signal may interrupt that now
            signal.signal(s, signal.SIG_IGN)
        word = {130: "interrupted", 143: "terminated", 129: "hung up"}[stop.status]
        print(f"actor-graph: {word} (nothing was written)", file=sys.stderr)
        return stop.status
    if 1 in closed and code == EXIT_OK:
        return EXIT_PIPE  # the output had no reader, as with a closed pipe
    return code


if __name__ == "__main__":
    sys.exit(run())
