"""Time: the date of a document and of each event it tells.

A *date mark* is a date the text gives ("on Friday", "December 6", "2024-12-06",
"yesterday"), an *earlier* mark ("last week", "had already taken") or a
*historic* one (an explicit year before the document's: "in 2016"). Each claim
takes the date of the mark inside its clause, else the nearest one.

>>> document_date("Thursday 5 December 2024\\nRebels entered Hama.")
'2024-12-05'
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from .sentences import plain


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")"
_DATE_MD = re.compile(rf"\b{_MONTH_RE}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
                      rf"(?:,?\s+(?P<year>\d{{4}}))?")
_DATE_DM = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}\b\.?"
                      rf"(?:,?\s+(?P<year>\d{{4}}))?")
_DATE_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b")
_DATE_WEEKDAY = re.compile(r"\b(?P<wd>" + "|".join(_WEEKDAYS) + r")\b")
_DATE_RELATIVE = re.compile(r"\b(?P<rel>yesterday|today|tonight|this\s+morning|last\s+night)\b")
_DATE_EARLIER = re.compile(
    r"\b(?:earlier|previously|last\s+week|last\s+month|days?\s+(?:ago|earlier|before)|"
    r"(?:a|one|two|three)\s+weeks?\s+(?:ago|earlier|before)|had\s+(?:already\s+)?"
    r"(?:captured|seized|taken|overrun|entered|fallen|fell|lost|withdrawn))\b")
_DATE_HISTORIC = re.compile(
    rf"\b(?P<word>in|until|till|back\s+in|since|by|during|from|of|that|before|after)\s+"
    rf"(?:(?:early|late|mid)[\s-]+)?(?:{_MONTH_RE}\s+)?"
    rf"(?P<year>(?:19|20)\d\d)\b")


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def document_date(text: str, *, after: str | None = None) -> str | None:
    """A full date in the first lines of ``text``: its dateline.

    A dateline without a year ("DAMASCUS, Dec 7") is read only when ``after``
    (the date of the scenario the document updates) is given: the year is the
    first that puts the date on or after it.

    >>> document_date("DAMASCUS, Dec. 6, 2024 - Rebels advanced.")
    '2024-12-06'
    >>> document_date("6 December 2024. Rebels advanced."), document_date("No date here.")
    ('2024-12-06', None)
    >>> document_date("DAMASCUS, Dec 7 (Reuters) - Rebels advanced.", after="2024-11-26")
    '2024-12-07'
    """
    head = plain(text[:400])
    best: tuple[int, str] | None = None
    ref = _dt.date.fromisoformat(after) if after else None
    for rx in (_DATE_ISO, _DATE_MD, _DATE_DM):
        for m in rx.finditer(head):
            mon = m.group("mon")
            month = int(mon) if mon.isdigit() else _MONTHS[mon]
            if m.group("year"):
                iso = _iso(int(m.group("year")), month, int(m.group("day")))
            elif ref is not None:
                iso = _iso(ref.year, month, int(m.group("day")))
                if iso and iso < ref.isoformat():
                    iso = _iso(ref.year + 1, month, int(m.group("day")))
            else:
                continue
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
    return best[1] if best else None




@dataclass(frozen=True)
class DateMark:
    """A date the text gives at ``pos``: ``basis`` is text, earlier or historic; ``word``
    the word before a historic year ("in", "since", "until")."""

    pos: int
    date: str | None
    basis: str
    word: str = ""


def date_marks(skel: str, doc_date: str | None, offset: int = 0) -> list[DateMark]:
    ref = _dt.date.fromisoformat(doc_date) if doc_date else None
    out: list[DateMark] = []
    # The spans already read as dates: disjoint, kept sorted by start (and so by end).
    taken_starts: list[int] = []
    taken_ends: list[int] = []

    def free(m: re.Match) -> bool:
        # Only the last span starting before the match ends can overlap it.
        k = bisect_left(taken_starts, m.end()) - 1
        return k < 0 or taken_ends[k] <= m.start()

    def take(m: re.Match) -> None:
        k = bisect_left(taken_starts, m.start())
        taken_starts.insert(k, m.start())
        taken_ends.insert(k, m.end())

    for rx in (_DATE_ISO, _DATE_MD, _DATE_DM):
        for m in rx.finditer(skel):
            if not free(m):
                continue
            mon = m.group("mon")
            month = int(mon) if mon.isdigit() else _MONTHS[mon]
            day = int(m.group("day"))
            basis = "text"
            if m.group("year"):
                iso = _iso(int(m.group("year")), month, day)
                if iso and ref and (ref - _dt.date.fromisoformat(iso)).days > 366:
                    basis = "historic"      # "on 6 December 2016": an old event
            elif ref:
                iso = _iso(ref.year, month, day)
                if iso and iso > ref.isoformat():
                    iso = _iso(ref.year - 1, month, day)
            else:
                iso = None
            if iso or ref is None:
                take(m)
                out.append(DateMark(m.start(), iso if basis == "text" else None, basis,
                                    "on" if basis == "historic" else ""))
    for m in _DATE_HISTORIC.finditer(skel):
        if free(m) and ref and int(m.group("year")) < ref.year:
            take(m)
            out.append(DateMark(m.start(), None, "historic", m.group("word").split()[0]))
    for m in _DATE_WEEKDAY.finditer(skel):
        if ref is None:
            out.append(DateMark(m.start(), None, "text"))
            continue
        back = (ref.weekday() - _WEEKDAYS.index(m.group("wd"))) % 7
        out.append(DateMark(m.start(), (ref - _dt.timedelta(days=back)).isoformat(), "text"))
    for m in _DATE_RELATIVE.finditer(skel):
        shift = 1 if m.group("rel") in ("yesterday", "last night") else 0
        out.append(DateMark(m.start(), (ref - _dt.timedelta(days=shift)).isoformat()
                             if ref else None, "text"))
    for m in _DATE_EARLIER.finditer(skel):
        out.append(DateMark(m.start(), doc_date, "earlier"))
    if offset:
        out = [DateMark(d.pos + offset, d.date, d.basis, d.word) for d in out]
    return sorted(out, key=lambda d: d.pos)


def nearest_date(marks: list[DateMark], start: int, end: int, doc_date: str | None,
                  positions: list[int] | None = None) -> tuple[str | None, str]:
    """The date of the claim at ``start:end``: the first mark inside it, else the nearest
    (the earlier one on a tie). ``marks`` are sorted by position; ``positions`` are
    theirs."""
    if not marks:
        return doc_date, "document" if doc_date else "none"
    if positions is None:
        positions = [d.pos for d in marks]
    k = bisect_left(positions, start)
    if k < len(marks) and marks[k].pos <= end:
        best = marks[k]
    else:
        before = marks[bisect_left(positions, positions[k - 1])] if k > 0 else None
        after = marks[k] if k < len(marks) else None
        if before is None or (after is not None and after.pos - end < start - before.pos):
            best = after
        else:
            best = before
    if best.basis == "historic":
        return doc_date, "historic"
    if best.date is None:
        return doc_date, "document" if doc_date else "none"
    return best.date, best.basis


