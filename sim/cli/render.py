"""What the command line adds to the library: loading with notes on stderr, printing,
and one stderr line per error, in the words of the command line."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable
from pathlib import Path

import typer

from .. import api
from ..errors import (InputError, LoadNote, OutputError, OutputExistsError, SimError,
                      ValidationError)
from ..scenario import Scenario
from .options import FLAGS


def echo(text: str | Iterable[str]) -> None:
    """Print ``text`` (or its pieces, each as it comes) on standard output; output that
    can't be written ends the command (exit 3): quietly for a closed pipe, else with one
    line saying why."""
    try:
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(piece)
        sys.stdout.flush()
    except OSError as exc:
        from ..output import stdout_failed

        failure = stdout_failed(exc)
        if failure is None:
            raise typer.Exit(OutputError.exit_code) from None
        raise failure from None


def load(scenario: str | None, theatre: str | None = None, control: Path | None = None,
         default_holder: str | None = None, home_country: str | None = None) -> Scenario:
    """:func:`sim.load`, with each note the loader makes (a snapped line end) on stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LoadNote)
        scen = api.load(scenario, theatre=theatre, control=control,
                        default_holder=default_holder, home_country=home_country)
    for note in caught:
        if issubclass(note.category, LoadNote):
            sys.stderr.write(f"note: {note.message}\n")
        else:
            warnings.warn_explicit(note.message, note.category, note.filename, note.lineno)
    return scen


def error_line(exc: SimError) -> str:
    """The error as the command line words it: library keys become flags, and a file
    in the way says how to overwrite it."""
    if isinstance(exc, OutputExistsError):
        return f"{exc}; use --force to overwrite it"
    if isinstance(exc, InputError) and not isinstance(exc, ValidationError) \
            and not exc.file and exc.key in FLAGS:
        return f"[{FLAGS[exc.key]}]: {exc.message}"
    return str(exc)


def fail(exc: SimError) -> int:
    """Write ``exc`` to stderr (every problem of a :class:`ValidationError` on its own
    line) and return its exit code."""
    if isinstance(exc, ValidationError):
        where = f"{exc.file}: " if exc.file else ""
        sys.stderr.write(f"error: {where}{len(exc.problems)} problem(s)\n")
        for problem in exc.problems:
            sys.stderr.write(f"  {problem}\n")
    else:
        sys.stderr.write(f"error: {error_line(exc)}\n")
    return exc.exit_code


def usage_error(exc) -> int:
    """A misuse of the command line (from its parser) as one stderr line: what is wrong,
    and where the help is; exit code 2, as for any bad input."""
    command = exc.ctx.command_path if getattr(exc, "ctx", None) is not None else "sim"
    message = exc.format_message().rstrip(".")
    sys.stderr.write(f"error: {message[0].lower() + message[1:]}; see {command} --help\n")
    return 2


def written(what: str, path: Path) -> str:
    return f"\n{what} written to {path}\n"
