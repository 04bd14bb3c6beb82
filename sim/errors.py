"""The one exception tree of ``sim``.

Every error the library raises on bad input is a :class:`SimError`. The CLI
turns it into a single line on stderr and a non-zero exit code; it never
shows a traceback for one.

>>> try:
...     raise UnknownNameError("place", "Hmos", ["homs", "hama"])
... except SimError as exc:
...     print(exc)
unknown place 'Hmos'; did you mean: homs, hama?
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: The longest word (a value, a name) an error repeats; longer ones are cut short.
LONGEST_WORD = 80
#: The longest problem an error states; a longer one is cut short.
LONGEST_PROBLEM = 500


def clip(text: str, limit: int | None = LONGEST_PROBLEM) -> str:
    """``text`` with every word over :data:`LONGEST_WORD` characters cut short, and at
    most ``limit`` characters: an error never echoes a huge value whole.

    >>> clip("population " + "9" * 5000 + " is not a whole number")
    'population 99999999999999999999999999999999999999999999999999999999999999999999999999999... is \
not a whole number'
    """
    text = re.sub(r"\S{%d,}" % (LONGEST_WORD + 1), lambda m: m.group()[:LONGEST_WORD - 3] + "...",
                  text)
    return text if limit is None or len(text) <= limit else text[:limit - 3] + "..."


#: The exit codes of the ``sim`` command, the same for every command.
EXIT_CODES = {
    0: "ok: the answer was given",
    1: "the answer is no: sim validate found problems in the file it checked",
    2: "bad input: a file, a name or a value sim cannot use",
    3: "an output could not be written: a file in the way, a full disk, a closed pipe",
    130: "interrupted (Ctrl-C or SIGTERM); no partial file is left behind",
}


class SimError(Exception):
    """Base class of every error ``sim`` reports to its user; ``exit_code`` is the
    command line's (see :data:`EXIT_CODES`)."""

    exit_code = 2


class InputError(SimError):
    """A malformed input file or value, located by file, line or key.

    >>> print(InputError("bad km", file="roads.csv", line=4))
    roads.csv:4: bad km
    >>> print(InputError("missing", file="s.toml", key="scenario.date"))
    s.toml [scenario.date]: missing
    """

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None,
                 line: int | None = None, key: str | None = None) -> None:
        message = clip(message, None)
        self.message, self.file, self.line, self.key = message, file, line, key
        where = ""
        if file:
            where = file + (f":{line}" if line is not None else "")
        if key:
            where = (where + " " if where else "") + f"[{key}]"
        super().__init__(f"{where}: {message}" if where else message)


class ValidationError(InputError):
    """Several problems found at once in one input; ``problems`` lists them all."""

    def __init__(self, problems: Sequence[str], *, file: str | None = None) -> None:
        self.problems = [clip(p) for p in problems]
        head = f"{len(self.problems)} problem(s)"
        super().__init__(head + ": " + "; ".join(self.problems), file=file)


class UnknownNameError(SimError):
    """A place, faction, scenario or country name that matches nothing known."""

    exit_code = 2

    def __init__(self, kind: str, name: str, suggestions: Sequence[str] = ()) -> None:
        self.kind, self.name, self.suggestions = kind, name, list(suggestions)
        msg = clip(f"unknown {kind} {name!r}")
        if self.suggestions:
            msg += "; did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(msg)


class OutputError(SimError):
    """An output that cannot be written (a missing folder, a full disk, a file in the way)."""

    exit_code = 3


class OutputExistsError(OutputError):
    """An output file already exists and the caller did not ask to overwrite it.

    >>> print(OutputExistsError("out/map.png"))
    out/map.png exists
    """

    def __init__(self, path) -> None:
        self.path = str(path)
        super().__init__(f"{self.path} exists")


class LoadNote(UserWarning):
    """Something a loader decided on its user's behalf (a snapped line end).

    A warning, not an error: the CLI prints it as a ``note:`` line on stderr.
    """
