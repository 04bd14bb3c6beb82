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

from collections.abc import Sequence


class SimError(Exception):
    """Base class of every error ``sim`` reports to its user."""

    exit_code = 1


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
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s)"
        super().__init__(head + ": " + "; ".join(self.problems), file=file)


class UnknownNameError(SimError):
    """A place, faction, scenario or country name that matches nothing known."""

    exit_code = 2

    def __init__(self, kind: str, name: str, suggestions: Sequence[str] = ()) -> None:
        self.kind, self.name, self.suggestions = kind, name, list(suggestions)
        msg = f"unknown {kind} {name!r}"
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
