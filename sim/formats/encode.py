"""Column encoders: a whole column of values as JSON, XML or CSV text at once.

An export of a million places encodes tens of millions of values; a Python call for
each is most of its time. These functions encode a column (a list of Python values)
in C where they can: ``repr`` mapped over numbers (once a value when values repeat),
strings as they are when nothing in them needs escaping, else one ``json.dumps`` of
the list split apart, and a value -> text memo for columns of few distinct values (a
kind, a holder). Their text is exactly that of the per-value functions
:func:`json_value`, :func:`xml_value` and :func:`csv_cell`, which they fall back to
for anything else. :func:`interleave` then joins the columns into rows in one
``str.join``.

>>> json_column([1, 2.5, None, True])
(['1', '2.5', 'null', 'true'], '')
>>> json_column(["a", "b"])  # strings bare, and the quote to put around them
(['a', 'b'], '"')
>>> interleave(["<", ["a", "b"], "=", ["1", "2"], ">"], 2)
'<a=1><b=2>'
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

_js = json.encoder.encode_basestring  # a JSON string, as json.dumps(ensure_ascii=False) writes it
_NUMBERS = frozenset({type(None), bool, int, float})
#: Types whose equal values always encode alike (so a memo of them is safe): not float
#: (0.0 == -0.0), nor bool with int (True == 1).
_MEMO_SAFE = (frozenset({str, type(None), tuple}), frozenset({int, type(None)}),
              frozenset({bool, type(None)}))
_AS_TEXT = frozenset({type(None), bool, float, str, tuple, list})
_JSON_ESCAPED = re.compile(r'[\x00-\x1f"\\]')
_XML_ESCAPED = re.compile(r"[&<>]")
_ATTR_ESCAPED = re.compile(r'[&<>"\n\r\t]')


# ---------------------------------------------------------------- one value

def json_value(v: Any) -> str:
    """``v`` as json.dumps writes it (a string, number, boolean, None, list of str).

    >>> json_value(None), json_value(-0.0), json_value(("a", "b"))
    ('null', '-0.0', '["a", "b"]')
    """
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, str):
        return _js(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_js(x) for x in v) + "]"
    return repr(v)


def xml_value(value: Any) -> str:
    """``value`` as GraphML data text: booleans in lower case, lists joined by ``;``.

    >>> xml_value(True), xml_value(["a", "b&c"]), xml_value(0.1)
    ('true', 'a;b&amp;c', '0.1')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return escape(";".join(value))
    return escape(repr(value) if isinstance(value, float) else str(value))


def xml_empty(value: Any) -> bool:
    """Whether GraphML leaves ``value`` out: None, an empty text or an empty list."""
    return value is None or value == "" or value == [] or value == ()


def csv_cell(value: Any) -> Any:
    """``value`` as a CSV cell: None empty, booleans in lower case, lists joined by ``;``.

    >>> csv_cell(None), csv_cell(False), csv_cell(1e22), csv_cell(("a", "b"))
    ('', 'false', '1e+22', 'a;b')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return ";".join(value)
    return value


# ---------------------------------------------------------------- columns

def _types(values: Sequence[Any]) -> set[type]:
    return set(map(type, values))


def _numbers(values: Sequence[Any], types: set[type], null: str = "null") -> list[str] | None:
    """Numbers, booleans and None (as ``null``) as :func:`json_value` writes them, or None
    if the column holds anything else."""
    if types == {float} or types == {int}:
        return _reprs(values, float in types)
    if types <= {bool, type(None)}:
        return list(map({True: "true", False: "false", None: null}.__getitem__, values))
    if not types <= _NUMBERS:
        return None
    text = json.dumps(values)
    if float in types and ("N" in text or "I" in text):
        return None  # NaN or an infinity, which repr writes otherwise
    if null != "null" and type(None) in types:
        text = text.replace("null", null)
    return text[1:-1].split(", ") if values else []


def _reprs(values: Sequence[Any], floats: bool) -> list[str]:
    """``repr`` of each value (all ints, or all floats), once a value when values repeat
    (not when a float is zero: 0.0 == -0.0, which repr tells apart)."""
    distinct = set(values)
    if 2 * len(distinct) > len(values) or (floats and 0.0 in distinct):
        return list(map(repr, values))
    return list(map({v: repr(v) for v in distinct}.__getitem__, values))


def _memo(values: Sequence[Any], types: set[type], encode: Callable[[Any], Any]) -> list | None:
    """``[encode(v) for v in values]`` with one call a distinct value, if that is safe."""
    if not any(types <= safe for safe in _MEMO_SAFE):
        return None
    try:
        memo = {v: encode(v) for v in set(values)}
    except TypeError:  # a tuple holding something unhashable
        return None
    return list(map(memo.__getitem__, values))


def json_column(values: Sequence[Any]) -> tuple[list[str], str]:
    """Each value as :func:`json_value` writes it, and the quote to put around each:
    ``'"'`` when the column is all strings, given bare; else ``''``.

    >>> json_column(['say "hi"', "é"])
    (['say \\\\"hi\\\\"', 'é'], '"')
    >>> json_column(["x", None, ()])
    (['"x"', 'null', '[]'], '')
    """
    joined = _joined(values)
    if joined is not None:
        return _json_strings(values, joined), '"'
    types = _types(values)
    out = _numbers(values, types)
    if out is None:
        out = _memo(values, types, json_value)
    return (out if out is not None else list(map(json_value, values))), ""


def _joined(values: Sequence[Any]) -> str | None:
    """The values joined, if all are strings (the texts JSON and CSV write of a string,
    and of a subclass of it, are its characters), else None."""
    try:
        return "".join(values)
    except TypeError:
        return None


def _json_strings(values: Sequence[str], joined: str) -> list[str]:
    if not _JSON_ESCAPED.search(joined):
        return list(values)
    text = json.dumps(values, ensure_ascii=False)
    # '", "' parts the strings, unless its quote is an escaped one: '\\", "' (a string
    # ending in '", ') is in the text
    if '\\", "' not in text:
        out = text[2:-2].split('", "')
        if len(out) == len(values):
            return out
    return [_js(v)[1:-1] for v in values]


def xml_column(values: Sequence[Any], open_: str, close: str) -> list:
    """The GraphML lines of a column, for :func:`interleave`: ``[open_, texts, close]``
    when no value is left out, else ``[lines]``, each ``open_ + text + close`` or ``''``.

    >>> xml_column([1, 2], "<d>", "</d>")
    ['<d>', ['1', '2'], '</d>']
    >>> xml_column(["a&b", None], "<d>", "</d>")
    [['<d>a&amp;b</d>', '']]
    """
    types = _types(values)
    texts = None
    if types == {str} and "" not in values:
        texts = list(values) if not _XML_ESCAPED.search("".join(values)) else \
            _memo(values, types, escape)
    elif type(None) not in types:
        texts = _numbers(values, types)
    if texts is not None:
        return [open_, texts, close]

    def line(v: Any) -> str:
        return "" if xml_empty(v) else open_ + xml_value(v) + close

    lines = _memo(values, types, line)
    return [lines if lines is not None else list(map(line, values))]


def attr_column(values: Sequence[str]) -> tuple[list[str], str]:
    """Each value as ``quoteattr`` writes it, and the quote to put around each (as
    :func:`json_column`).

    >>> attr_column(["a", "b"]), attr_column(['say "hi"'])
    ((['a', 'b'], '"'), (['\\'say "hi"\\''], ''))
    """
    if _types(values) == {str} and not _ATTR_ESCAPED.search("".join(values)):
        return list(values), '"'
    return list(map(quoteattr, values)), ""


def csv_column(values: Sequence[Any]) -> list[str] | None:
    """Each value as :func:`csv_cell` writes it, all as text; None if some cell would
    not be text (a number :func:`csv_cell` leaves to the CSV writer: not an int)."""
    if _joined(values) is not None:
        return list(values)
    types = _types(values)
    out = _numbers(values, types, null="")
    if out is None and types <= _MEMO_SAFE[0]:
        out = _memo(values, types, csv_cell)
    if out is None and types <= _AS_TEXT:  # csv_cell makes each a text
        out = list(map(csv_cell, values))
    return out


def interleave(items: Sequence[str | Sequence[str]], k: int, lead: int = 0) -> str:
    """``k`` rows made of ``items``: texts repeated on every row, and columns (``k`` texts
    each) giving the row's own; all joined at once, less the first ``lead`` characters
    (a separator the first row goes without)."""
    slots: list = []
    for item in items:
        if isinstance(item, str):
            if slots and isinstance(slots[-1], str):
                slots[-1] += item
                continue
            if not item:
                continue
        slots.append(item)
    width = len(slots)
    parts: list[str] = [""] * (width * k)
    for i, slot in enumerate(slots):
        parts[i::width] = [slot] * k if isinstance(slot, str) else slot
    if lead and parts:
        parts[0] = parts[0][lead:]
    return "".join(parts)
