"""Mentions: the places and factions a sentence names, and its tokens for the reader.

Places are found through the theatre's own name index (every name and alias
of ``places.toml``, compared without case, accents or punctuation, and without
Arabic articles: ``Deir el-Zor`` is ``Deir ez-Zor``). Factions are found by
their names and aliases in ``factions.toml``; the productive patterns that
build a faction phrase from a faction *word* ("Kurdish-led alliance", "fighters
of X") belong to the clause reader.

>>> from sim import io
>>> t = io.load_theatre("syria")
>>> toks = tokens("Rebels took Dayr az-Zawr.", 0, 25, names(t), False)
>>> [(k.kind, k.w, k.id) for k in toks]
[('F', 'rebels', 'opposition'), ('w', 'took', None), ('P', 'dayr az zawr', 'deir-ez-zor'), ('p', '.', None)]
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model import Theatre
from ..names import _ARTICLES, loose_key, normalize
from .lexicon import lexicon
from .sentences import plain

_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ`ʿʾ‘][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’ʼ][sS]$")
_JOINERS = set(" \t\n-‐‑.")
# Reader tokens between mentions: a word with its hyphenated parts ("HTS-led",
# "north-western"), a possessive "'s", or one mark.
_READ = re.compile(r"'s\b|[^\W_]+(?:'[^\W_]+)*(?:[-/][^\W_]+(?:'[^\W_]+)*)*|[^\w\s]")


@dataclass
class Tok:
    """One token of a sentence for the clause reader.

    ``kind``: ``w`` a word, ``p`` a mark, ``P`` a place, ``F`` a faction, ``V`` a
    province (a governorate). ``w`` is the word in lower case (a mention's
    normalized text). ``flag`` for a place: "" the place itself, ``other`` a
    phrase that names something else ("Aleppo airport"), ``part`` a part of it,
    ``edge`` its outskirts, ``loc`` a location near it. ``ref`` says how a faction
    or place was found when it was not named: ``pronoun``, ``author``,
    ``description``, ``anaphora``, ``acronym``.
    """

    kind: str
    w: str
    start: int
    end: int
    id: str | None = None
    ids: tuple[str, ...] = ()
    flag: str = ""
    ref: str = ""
    oblique: bool = False
    prefix: str = ""
    suffix: str = ""
    upper: bool = False
    caps: bool = False
    extra: dict = field(default_factory=dict)


class _Word(NamedTuple):
    text: str
    start: int
    end: int
    norm: str
    stem: str          # the norm without a possessive 's
    stem_end: int
    upper: bool
    caps: bool


class Names:
    """The spellings a theatre's places and factions go by, shared with its index."""

    def __init__(self, theatre: Theatre) -> None:
        lex = lexicon()
        index = theatre.places_index
        self.index = index
        self.place_exact = index.spellings()
        self.faction_exact = theatre.factions_index.spellings()
        self.place_kind = {pid: p.kind for pid, p in theatre.places.items()}
        self.acronyms: set[str] = set()
        self.words: dict[str, str] = {}
        longest = max((len(k.split()) for k in self.place_exact), default=1)
        for fid, info in sorted(theatre.factions.items()):
            for name in (info.name, info.short, *info.aliases):
                key = normalize(name)
                letters = re.sub(r"[^A-Za-z]", "", name)
                if key and letters and letters.isupper() and len(letters) <= 6:
                    self.acronyms.add(key)
                longest = max(longest, len(key.split()))
            for word in info.words:
                self.words.setdefault(normalize(word), fid)
        self.longest = longest
        self.foreign = lex.sets["foreign"]
        self.not_a_start = lex.sets["not_a_start"]
        self._exact_keys = sorted({*self.place_exact, *self.faction_exact})
        self._loose_keys = sorted({loose_key(k) for k in self.place_exact})

    def could_start(self, exact: str, loose: str) -> bool:
        """Whether some spelling starts with the words ``exact``, or some place's loose
        key with the article-free letters ``loose``."""
        for keys, text in ((self._exact_keys, exact), (self._loose_keys, loose)):
            k = bisect_left(keys, text)
            if k < len(keys) and keys[k].startswith(text):
                return True
        return False

    def place(self, words: list[str]) -> str | None:
        key = " ".join(words)
        if key in self.place_exact:
            return self.place_exact[key]
        if words[0] in self.not_a_start:
            return None
        return self.index.loose_owner(loose_key(key))

    def faction(self, words: list[str]) -> str | None:
        return self.faction_exact.get(" ".join(words))


_NAMES: dict[int, tuple[Theatre, Names]] = {}


def names(theatre: Theatre) -> Names:
    """The :class:`Names` of ``theatre``, built once."""
    hit = _NAMES.get(id(theatre))
    if hit is None or hit[0] is not theatre:
        if len(_NAMES) > 16:
            _NAMES.clear()
        hit = (theatre, Names(theatre))
        _NAMES[id(theatre)] = hit
    return hit[1]


@functools.lru_cache(maxsize=1 << 16)
def _loose_part(norm: str) -> str:
    return "".join(w for w in norm.split() if w not in _ARTICLES)


@functools.lru_cache(maxsize=1 << 16)
def _word(raw: str) -> tuple[str, str, int, bool, bool]:
    poss = _POSSESSIVE.search(raw) is not None and len(raw) > 2
    stem_raw = raw[:-2] if poss else raw
    letters = [c for c in raw if c.isalpha()]
    return (normalize(raw), normalize(stem_raw), len(stem_raw), raw[:1].isupper(),
            bool(letters) and all(c.isupper() for c in letters))


def _words(text: str, start: int, end: int) -> list[_Word]:
    out = []
    for m in _TOKEN.finditer(text, start, end):
        norm, stem, stem_len, upper, caps = _word(m.group())
        out.append(_Word(m.group(), m.start(), m.end(), norm, stem, m.start() + stem_len,
                         upper, caps))
    return out


def _joined_runs(text: str, toks: list[_Word]) -> list[int]:
    """For each word, how many of the gaps after it in a row may sit inside a name."""
    runs = [0] * len(toks)
    for j in range(len(toks) - 2, -1, -1):
        a, b = toks[j], toks[j + 1]
        gap = text[a.end:b.start]
        ok = len(gap) <= 3 and set(gap) <= _JOINERS and not ("." in gap and len(a.text) > 1)
        runs[j] = runs[j + 1] + 1 if ok else 0
    return runs


def mentions(text: str, start: int, end: int, nm: Names,
             caseless: bool) -> list[tuple[str, str, int, int]]:
    """``(kind, id, start, end)`` of every place (``P``) and faction (``F``) named in
    ``text[start:end]``, the longest spelling first."""
    toks = _words(text, start, end)
    runs = _joined_runs(text, toks)
    out: list[tuple[str, str, int, int]] = []
    i = 0
    while i < len(toks):
        found, n = _mention_at(text, toks, runs, i, nm, caseless)
        if found is not None and toks[i].norm in ("the", "a", "an") and i + 1 < len(toks):
            # "the military operations command": the longer name one word on wins.
            later, m = _mention_at(text, toks, runs, i + 1, nm, caseless)
            if later is not None and later[3] > found[3]:
                found, n = later, m + 1
        if found is None:
            i += 1
        else:
            out.append(found)
            i += n
    return out


def _mention_at(text: str, toks: list[_Word], runs: list[int], i: int, nm: Names,
                caseless: bool) -> tuple[tuple[str, str, int, int] | None, int]:
    """The longest mention that starts at word ``i``, and its length in words."""
    limit = min(nm.longest, len(toks) - i, runs[i] + 1)
    top, exact, loose = 0, "", ""
    while top < limit:
        t = toks[i + top]
        sep = " " if top else ""
        if nm.could_start(exact + sep + t.norm, loose + _loose_part(t.norm)):
            exact, loose, top = exact + sep + t.norm, loose + _loose_part(t.norm), top + 1
            continue
        if t.stem != t.norm and nm.could_start(exact + sep + t.stem,
                                               loose + _loose_part(t.stem)):
            top += 1
        break
    for n in range(top, 0, -1):
        span = toks[i:i + n]
        words = [t.norm for t in span]
        variants = [(words, span[-1].end)]
        if span[-1].stem != span[-1].norm:
            variants.append(([*words[:-1], span[-1].stem], span[-1].stem_end))
        for ws, stop in variants:
            fid = nm.faction(ws)
            if fid is not None:
                key = " ".join(ws)
                if key in nm.acronyms and (
                        (caseless and len(key.replace(" ", "")) < 3)
                        or (not caseless and not all(t.caps for t in span))):
                    fid = None          # "is" is no Islamic State, "IS" may be
                elif i > 0 and toks[i - 1].stem in nm.foreign and (
                        set(text[toks[i - 1].end:span[0].start]) <= set(" -‐‑")):
                    fid = None          # "the Israeli army"
            if fid is not None:
                return ("F", fid, span[0].start, stop), n
            pid = nm.place(ws)
            if pid is not None and (caseless or any(t.upper for t in span)):
                return ("P", pid, span[0].start, stop), n
    return None, 0


def tokens(text: str, start: int, end: int, nm: Names, caseless: bool) -> list[Tok]:
    """The reader's tokens of ``text[start:end]``: mentions as one token each, words
    (hyphenated ones kept whole) and marks. A hyphen glued to a mention becomes its
    ``prefix`` ("pro-government") or ``suffix`` ("HTS-led", "rebel-held")."""
    out: list[Tok] = []
    pos = start
    found = mentions(text, start, end, nm, caseless)
    for n, (kind, ident, s, e) in enumerate(found):
        if s < pos:
            continue
        _plain_tokens(text, pos, s, out)
        raw = text[s:e]
        tok = Tok(kind, normalize(raw), s, e, ident, upper=raw[:1].isupper(),
                  caps=raw.isupper())
        # "pro-government": a glued prefix; "HTS-led", "rebel-held": a glued suffix.
        if len(out) >= 2 and out[-1].w == "-" and out[-1].end == s and \
                out[-2].kind == "w" and out[-2].end == out[-1].start:
            out.pop()
            prev = out.pop()
            tok.prefix, tok.start = prev.w, prev.start
        m = re.match(r"[-‐‑]([^\W_]+)", text[e:min(end, e + 40)])
        nxt = found[n + 1][2] if n + 1 < len(found) else end
        if m and e + 1 < nxt:
            tok.suffix = m.group(1).lower()
            e += m.end()
            tok.end = e
        elif m and kind == "P" and e + 1 == nxt:
            tok.flag = "other"          # "the Homs-Hama highway": a road, not a place
            tok.extra["road_to"] = True
        if out and out[-1].kind == "P" and out[-1].extra.get("road_to") and \
                out[-1].end + 1 == s:
            tok.flag = "other"
        out.append(tok)
        pos = e
    _plain_tokens(text, pos, end, out)
    return out


def _plain_tokens(text: str, a: int, b: int, out: list[Tok]) -> None:
    if a >= b:
        return
    low = plain(text[a:b])
    for m in _READ.finditer(low):
        w = m.group()
        kind = "w" if w[0].isalnum() or w == "'s" else "p"
        raw = text[a + m.start():a + m.end()]
        out.append(Tok(kind, w, a + m.start(), a + m.end(), upper=raw[:1].isupper(),
                       caps=raw.isupper() and any(c.isalpha() for c in raw)))
