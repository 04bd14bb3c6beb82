"""JSON text in chunks, as ``json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False)``
writes it, and faster on the long lists of place ids a large theatre's answers hold.

``json.dumps`` with an indent runs its pure-Python encoder item by item; a pocket of a
million places is a million calls. :func:`chunks` writes the same text, but a list
of plain strings or numbers is written in one join, and the text comes in pieces
that can be written as they are made (``--json`` streams).

>>> doc = {"b": [1, 2.5, None], "a": {"ids": ["p1", "p2"], "ok": True}, "e": []}
>>> "".join(chunks(doc)) == json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False)
True
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

_str = json.encoder.encode_basestring


def _scalar(value: Any) -> str | None:
    """The JSON text of a scalar, or None if ``value`` is a container."""
    if isinstance(value, str):
        return _str(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _str(key)
    if isinstance(key, float):
        return _str(_float(key))
    if key is True or key is False or key is None:
        return _str(_scalar(key))
    if isinstance(key, int):
        return _str(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def chunks(doc: Any, indent: int = 2) -> Iterator[str]:
    """The JSON text of ``doc`` in pieces (no trailing newline): one piece for each
    member of a top-level object (or item of a top-level list), written as it is made."""
    if isinstance(doc, dict) and doc:
        for i, (key, value) in enumerate(sorted(doc.items())):
            out = ["{" if i == 0 else ",", "\n", " " * indent, _key(key), ": "]
            _encode(value, indent, 1, out)
            yield "".join(out)
        yield "\n}"
    elif isinstance(doc, (list, tuple)) and doc and _scalar(doc[0]) is None:
        for i, value in enumerate(doc):
            out = ["[" if i == 0 else ",", "\n", " " * indent]
            _encode(value, indent, 1, out)
            yield "".join(out)
        yield "\n]"
    else:
        out: list[str] = []
        _encode(doc, indent, 0, out)
        yield "".join(out)


def _encode(doc: Any, indent: int, level: int, out: list[str]) -> None:
    """Append the JSON text of ``doc``, nested ``level`` deep, to ``out``."""
    text = _scalar(doc)
    if text is not None:
        out.append(text)
        return
    inner = "\n" + " " * (indent * (level + 1))
    close = "\n" + " " * (indent * level)
    if isinstance(doc, dict):
        if not doc:
            out.append("{}")
            return
        first = True
        for key, value in sorted(doc.items()):
            out.append(("{" if first else ",") + inner + _key(key) + ": ")
            first = False
            _encode(value, indent, level + 1, out)
        out.append(close + "}")
        return
    if isinstance(doc, (list, tuple)):
        if not doc:
            out.append("[]")
            return
        if set(map(type, doc)) == {str}:  # place ids: encoded in C, then indented
            # Items apart by a bare line break, which no encoded string holds.
            body = json.dumps(list(doc), ensure_ascii=False, separators=("\n", ": "))
            out.append("[" + inner + body[1:-1].replace("\n", "," + inner) + close + "]")
            return
        flat = [_scalar(v) for v in doc]
        if None not in flat:
            out.append("[" + inner + ("," + inner).join(flat) + close + "]")  # type: ignore
            return
        for i, value in enumerate(doc):
            out.append(("[" if i == 0 else ",") + inner)
            _encode(value, indent, level + 1, out)
        out.append(close + "]")
        return
    raise TypeError(f"Object of type {type(doc).__name__} is not JSON serializable")
