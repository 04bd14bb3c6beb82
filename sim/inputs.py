"""The one reader of input files: bytes, text and TOML, each within stated limits.

A file that is missing, a folder, not a regular file (a device or a pipe, which
could be endless), larger than :data:`MAX_INPUT_BYTES`, not UTF-8, or not valid
TOML is an :class:`~sim.errors.InputError` naming it (and the line, for TOML). A
TOML file nested too deeply or holding an integer of thousands of digits is one too.
"""

from __future__ import annotations

import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from .errors import InputError
from .output import reason

__all__ = ["MAX_INPUT_BYTES", "display", "line_locator", "parse_toml", "read_bytes",
           "read_text", "read_toml", "read_toml_text"]


def display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; a syntax error names the file and line."""
    return parse_toml(read_text(path), path)


def read_toml_text(path: Path) -> tuple[dict[str, Any], str]:
    """A TOML file's data and its text (for a reader that also names lines)."""
    text = read_text(path)
    return parse_toml(text, path), text


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    """The data of the TOML ``text`` read from ``path``; a syntax error names both."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = getattr(exc, "msg", None) or str(exc)
        found = re.search(r"\(at line (\d+), column \d+\)", msg)
        line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else None)
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg) if line else msg
        raise InputError(f"invalid TOML: {msg}", file=display(path), line=line) from None
    except RecursionError:
        raise InputError("invalid TOML: nested too deeply", file=display(path)) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise InputError(f"invalid TOML: {exc}", file=display(path)) from None


#: The largest input file ``sim`` reads (theatres, scenarios, control files): a larger
#: one, or one that never ends (a device, a pipe), is refused before it fills memory.
MAX_INPUT_BYTES = 1 << 30


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_INPUT_BYTES`; a missing,
    unreadable, endless or too large file is an :class:`InputError`."""
    name = display(path)
    try:
        mode = path.stat().st_mode  # before opening: opening a pipe would wait for a writer
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):
            raise InputError("not a regular file (a device, a pipe or a socket)", file=name)
        with open(path, "rb") as handle:
            raw = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError("file not found", file=name) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {reason(exc)}", file=name) from None
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(f"larger than the {MAX_INPUT_BYTES >> 20} MiB an input may be",
                         file=name)
    return raw


def read_text(path: Path) -> str:
    """The text of a UTF-8 file; a missing, unreadable or binary file is an :class:`InputError`."""
    try:
        text = read_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("not a UTF-8 text file", file=display(path)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def line_locator(text: str):
    """A function giving the first line of ``text`` that holds a value (a text quoted)."""
    lines = text.splitlines()

    def locate(value: Any) -> int | None:
        needle = f'"{value}"' if isinstance(value, str) else str(value)
        for n, line in enumerate(lines, 1):
            if needle in line:
                return n
        return None

    return locate
