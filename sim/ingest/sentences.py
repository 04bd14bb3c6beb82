"""Sentences: a text cut into paragraphs, headings, list items and sentences.

>>> plain("Rebels took “Hama” — at last")
'rebels took "hama" - at last'
"""

from __future__ import annotations

import re

# Quotes and dashes as plain ASCII, one character for one: offsets into the plain text
# are offsets into the original.
_PLAIN = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "„": '"',
                        "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})


def plain(s: str) -> str:
    """``s`` in lower case with plain quotes and dashes, as long as ``s``."""
    out = s.translate(_PLAIN)
    low = out.lower()
    if len(low) == len(out):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in out)


_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "jan",
                  "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                  "no", "vs", "etc", "approx", "km", "u.s", "u.n", "u.k", "e.g", "i.e", "prof",
                  "sen", "rep", "gov", "pres", "adm", "brig"}
# A run of end marks, matched only from its first mark: a run that is not followed by
# a capital starts nowhere inside either, and trying each of its marks is quadratic.
_SENT_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[#@]?[A-Z0-9])")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
_MARKDOWN_LEAD = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|>[ \t]*|\d{1,3}[.)][ \t]+)")


def _blocks(text: str, start: int) -> list[tuple[int, int]]:
    """Paragraphs, headings and list items as (start, end) ranges."""
    out: list[tuple[int, int]] = []
    cur: list[int] | None = None
    pos = start
    for line in text[start:].splitlines(keepends=True):
        s, e = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        stripped = line.strip()
        if not stripped:
            if cur:
                out.append((cur[0], cur[1]))
            cur = None
            continue
        lead = _MARKDOWN_LEAD.match(line)
        heading = stripped.startswith("#")
        if lead or heading:
            if cur:
                out.append((cur[0], cur[1]))
            cur = [s + (lead.end() if lead else 0), e]
            if heading:
                out.append((cur[0], cur[1]))
                cur = None
            continue
        if cur is None:
            cur = [s, e]
        else:
            cur[1] = e
    if cur:
        out.append((cur[0], cur[1]))
    return out


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence ranges of ``text`` from ``start``: blocks split at sentence ends.

    >>> t = "Rebels took Hama. U.S.-backed forces held Raqqa.\\n\\nA heading"
    >>> [t[a:b] for a, b in sentences(t)]
    ['Rebels took Hama.', 'U.S.-backed forces held Raqqa.', 'A heading']
    """
    out: list[tuple[int, int]] = []
    for bs, be in _blocks(text, start):
        chunk = text[bs:be]
        s = 0
        for m in _SENT_END.finditer(chunk):
            # The word before the end mark, found without copying the text before it.
            j = m.start()
            while j > 0 and chunk[j - 1].isspace():
                j -= 1
            i = j
            while i > 0 and not chunk[i - 1].isspace():
                i -= 1
            stem = chunk[i:j].rstrip(".").lower()
            if stem in _ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()) or \
                    _INITIALS.fullmatch(stem):
                continue            # "Dec. 5", "U.S. forces", "J. Smith"
            out.append((bs + s, bs + m.end()))
            s = m.end()
        out.append((bs + s, be))
    trimmed = []
    for a, b in out:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        a, b = a + lead, a + len(seg.rstrip())
        if b > a:
            trimmed.append((a, b))
    return trimmed


