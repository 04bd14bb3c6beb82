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


def chunks(doc: Any, indent: int = 2, level: int = 0) -> Iterator[str]:
    """The JSON text of ``doc`` in pieces (no trailing newline)."""
    text = _scalar(doc)
    if text is not None:
        yield text
        return
    inner = "\n" + " " * (indent * (level + 1))
    if isinstance(doc, dict):
        if not doc:
            yield "{}"
            return
        first = True
        for key, value in sorted(doc.items()):
            yield ("{" if first else ",") + inner + _key(key) + ": "
            first = False
            yield from chunks(value, indent, level + 1)
        yield "\n" + " " * (indent * level) + "}"
        return
    if isinstance(doc, (list, tuple)):
        if not doc:
            yield "[]"
            return
        flat = [_scalar(v) for v in doc] if len(doc) > 8 else None
        if flat is not None and None not in flat:
            yield "[" + inner + ("," + inner).join(flat) + "\n" + " " * (indent * level) + "]"
            return
        for i, value in enumerate(doc):
            yield ("[" if i == 0 else ",") + inner
            yield from chunks(value, indent, level + 1)
        yield "\n" + " " * (indent * level) + "]"
        return
    raise TypeError(f"Object of type {type(doc).__name__} is not JSON serializable")
