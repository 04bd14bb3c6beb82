"""Documents: front matter, header lines, the document's date and language.

>>> doc = parse_document("Date: 2024-12-06\\n\\nRebels advanced on Homs.")
>>> doc.meta["date_line"], doc.body
('2024-12-06', 'Rebels advanced on Homs.')
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from types import MappingProxyType

from ..errors import InputError
from ..names import normalize
from .values import Document

_FRONT_YAML = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                         re.S | re.M)
_FRONT_TOML = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def parse_document(text: str, name: str = "<text>") -> Document:
    """Split optional front matter (``---`` YAML-like or ``+++`` TOML) from the text.

    The YAML-like form is ``key: value`` lines; values may be quoted. Header
    lines that open the text (``SOURCE: <url> (<outlet>, <date>)``, ``STYLE: ...``,
    ``Date: YYYY-MM-DD``) are metadata too: they are not read as sentences, and the
    first ``SOURCE:`` line gives the document's url and outlet.

    >>> d = parse_document("---\\ntitle: 'A report'\\ndate: 2024-12-06\\n---\\nRebels took Hama.")
    >>> d.meta["title"], d.meta["date"], d.body
    ('A report', '2024-12-06', 'Rebels took Hama.')
    >>> d = parse_document("SOURCE: https://example.org/a (Example News, 2024-12-05)\\n\\nRebels took Hama.")
    >>> d.meta["url"], d.meta["outlet"], d.body
    ('https://example.org/a', 'Example News', 'Rebels took Hama.')
    """
    meta: dict[str, str] = {}
    start = 0
    m = _FRONT_YAML.match(text)
    if m:
        for n, line in enumerate(m.group(1).splitlines(), 2):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, value = line.partition(":")
            if not sep or not key.strip():
                raise InputError(f"front matter line is not 'key: value': {line.strip()!r}",
                                 file=name, line=n)
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            meta[key.strip().lower()] = value
        start = m.end()
    else:
        m = _FRONT_TOML.match(text)
        if m:
            try:
                data = tomllib.loads(m.group(1))
            except tomllib.TOMLDecodeError as exc:
                raise InputError(f"invalid TOML front matter: {exc}", file=name) from None
            meta = {str(k).lower(): str(v) for k, v in data.items()}
            start = m.end()
    head = start
    start = _header_end(text, start, meta)
    if "date" in meta and meta["date"]:
        try:
            meta["date"] = _dt.date.fromisoformat(meta["date"].strip()).isoformat()
        except ValueError:
            raise InputError(f"front matter date must be YYYY-MM-DD, got {meta['date']!r}",
                             file=name, key="date") from None
    return Document(text, name, MappingProxyType(meta), start, head)



_HEADER = re.compile(r"[ \t]*(?P<key>source|sources|style|date|title|outlet|url|byline|author|"
                     r"dateline|filed|published)[ \t]*:[ \t]*(?P<value>[^\n]*?)[ \t]*\r?(?:\n|\Z)",
                     re.I)
_SOURCE_LINE = re.compile(r"(?P<url>https?://\S+)?\s*(?:\((?P<outlet>[^()]*?)(?:,\s*"
                          r"(?P<date>\d{4}-\d{2}-\d{2}))?\))?\s*$")


def _header_end(text: str, start: int, meta: dict[str, str]) -> int:
    """Where the header lines at ``start`` end; what they say goes into ``meta``."""
    pos = start
    while pos < len(text):
        m = _HEADER.match(text, pos)
        if m is None:
            if text[pos] in "\r\n" and pos > start:      # blank lines between header lines
                pos += 1
                continue
            break
        key, value = m.group("key").lower(), m.group("value")
        if key in ("source", "sources"):
            s = _SOURCE_LINE.match(value)
            if s and "url" not in meta:
                if s.group("url"):
                    meta["url"] = s.group("url")
                if s.group("outlet"):
                    meta["outlet"] = s.group("outlet").strip()
        elif key == "date":
            if "date" not in meta and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                meta["date_line"] = value
        elif key not in meta and value:
            meta[key] = value
        pos = m.end()
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos if pos > start and _HEADER.match(text, start) else start


# ---------------------------------------------------------------- language

_EN_STOP = {"the", "of", "and", "in", "to", "a", "was", "is", "on", "by", "for", "with", "from",
            "that", "as", "at", "its", "their", "were", "have", "has", "had", "it", "an", "be",
            "this", "which", "after", "into", "are", "they", "but", "who", "not", "been"}


def check_language(doc: Document) -> None:
    body = doc.body
    if not body.strip():
        raise InputError("the document is empty", file=doc.name)
    words = re.findall(r"[^\W\d_]+", body)
    if not words:
        raise InputError("the document has no words to read", file=doc.name)
    if len(words) >= 6:
        latin = sum(1 for w in words if normalize(w).replace(" ", "").isascii()
                    and normalize(w).replace(" ", "").isalpha())
        stop = sum(1 for w in words if w.lower() in _EN_STOP)
        if latin / len(words) < 0.6 or (len(words) >= 12 and stop / len(words) < 0.08):
            raise InputError("does not look like English text (sim ingest reads English news "
                             "reports)", file=doc.name)


def source_id(doc: Document, index: int) -> str:
    sid = doc.meta.get("source_id") or doc.meta.get("id")
    if sid:
        return sid
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", doc.name.replace("\\", "/").rsplit("/", 1)[-1])
    slug = re.sub(r"[^a-z0-9]+", "-", normalize(stem)).strip("-")
    return slug or f"document-{index + 1}"


