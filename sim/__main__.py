"""The ``sim`` command's entry point; ``python -m sim`` is the same command.

What happens around the command line itself: an interrupt (Ctrl-C, or SIGTERM,
treated alike) at any moment from the first line of this module, even while the
libraries load, ends it with exit code 130 and no traceback, and any file being written is removed (see
:mod:`sim.output`); standard output that can't be written (a closed pipe, a full
disk) ends it with exit code 3, quietly for a closed pipe and in one line otherwise.
"""

from __future__ import annotations

import _signal  # the builtin half of signal: no imports, so it's ready at once
import gc
import sys

#: The exit code of an interrupted run.
INTERRUPTED = 130


def _terminate(_signum, _frame):
    raise KeyboardInterrupt


def _flushed(code: int) -> int:
    """``code``, or exit code 3 if what the command printed can't reach its reader."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        from .errors import OutputError
        from .output import stdout_failed

        failure = stdout_failed(exc)
        if failure is not None:
            sys.stderr.write(f"error: {failure}\n")
        return OutputError.exit_code
    return code


def main() -> None:
    """Run the ``sim`` command line with ``sys.argv``; exit with its code."""
    _signal.signal(_signal.SIGTERM, _terminate)
    try:
        from .cli import main as run

        gc.freeze()  # the modules just imported live as long as the process: never collect them
        run()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except KeyboardInterrupt:
        code = INTERRUPTED
    # The work is done (or stopped): an interrupt from here on has nothing left to stop,
    # and would only turn the exit code into a signal's while the interpreter shuts down.
    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
    _signal.signal(_signal.SIGTERM, _signal.SIG_IGN)
    # Nothing made from here on needs collecting: the objects alive now are left out of
    # the collections the shutdown runs, which otherwise walk all of them again (a third
    # of a small what-if's time). Exit handlers and file flushes still run.
    gc.freeze()
    sys.exit(_flushed(code))


if __name__ == "__main__":
    main()
