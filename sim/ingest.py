"""Ingest: English news text -> cited control claims, what-ifs and scenario data.

A *claim* says that a faction holds, took, or presses on a place, on a date,
with the sentence that supports it (its *evidence*) and a *confidence* in
[0, 1]. Claims come from patterns over sentences in which every place and
faction the theatre knows has been recognised, in any spelling its data lists
(``Deraa``, ``Dayr az-Zawr``, ``Hims``; ``rebels``, ``Assad's forces``, ``SDF``).

Kinds of claim:

``captured``
    a faction took a place ("Hama was captured by rebels", "Daraa fell to
    insurgents"); the faction now holds it.
``held``
    a faction holds a place ("rebel strongholds in Hama and Idlib",
    "government defences in Homs were bolstered").
``withdrawn``
    one side withdrew from, surrendered or handed over a place; ``faction`` is
    the side that now holds it (named in the text, or taking the place in the
    same document, or the withdrawing side's adversary in the base scenario).
``contested``
    a faction advances on, closes in on or besieges a place; ``faction`` is the
    side pressing on it, and the holder is unchanged.
``hypothetical``
    a hedged or conditional event ("capturing Homs could ..."): never applied
    to control, listed among the what-ifs instead.

Precision comes before recall: a claim below the confidence threshold
(:data:`DEFAULT_MIN_CONFIDENCE`) is listed but not applied.

This module is pure: it reads no file (see :func:`sim.io.read_document`).

>>> from sim.model import FactionInfo, Place, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     places=[Place("hama", "Hama", 35.1, 36.7), Place("homs", "Homs", 34.7, 36.7,
...                                                     aliases=("Hims",))],
...     roads=[], factions=[FactionInfo("gov", "Government", aliases=("the army",)),
...                         FactionInfo("reb", "Rebels", aliases=("rebels", "insurgents"))])
>>> r = ingest_text("Rebels captured Hama on Thursday. Insurgents could soon take Hims.",
...                 t, date="2024-12-06")
>>> [(c.place, c.faction, c.kind, c.date, c.applied) for c in r.claims]
[('hama', 'reb', 'captured', '2024-12-05', True), ('homs', 'reb', 'hypothetical', '2024-12-06', False)]
>>> dict(r.control), r.what_ifs[0].args
({'hama': 'reb'}, ('--fall', 'homs:reb'))
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple, Sequence

from .control import Control, Holding
from .errors import InputError
from .model import Theatre
from .names import _ARTICLES, loose_key, normalize

KINDS = ("captured", "held", "contested", "withdrawn", "hypothetical")
HOLDER_KINDS = ("captured", "held", "withdrawn")
DEFAULT_MIN_CONFIDENCE = 0.6
SCHEMA = "sim.ingest/1"
#: The most bytes one document may have (32 MiB, far above any news report or digest).
#: :func:`sim.io.read_document` reads at most one byte more and refuses a longer file, so
#: that a device such as ``/dev/zero``, a pipe that never ends or a huge file is refused
#: instead of read until memory runs out. Ingest takes time linear in the text.
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024


# ---------------------------------------------------------------- values

@dataclass(frozen=True)
class Document:
    """One text to ingest, with the metadata of its front matter.

    ``body_start`` is where the text after the front matter begins; claim
    spans are offsets into the whole ``text``.
    """

    text: str
    name: str = "<text>"
    meta: Mapping[str, str] = field(default_factory=dict)
    body_start: int = 0

    @property
    def body(self) -> str:
        return self.text[self.body_start:]


@dataclass(frozen=True)
class Claim:
    """A control claim read from one sentence of one document."""

    place: str
    faction: str | None
    kind: str
    date: str | None
    confidence: float
    evidence: str
    span: tuple[int, int]
    source: str = ""
    file: str = ""
    actor: str | None = None
    rule: str = ""
    notes: tuple[str, ...] = ()
    date_basis: str = "document"
    applied: bool = False
    order: tuple = field(default=(), compare=False, repr=False)

    def as_json(self) -> dict[str, Any]:
        return {"place": self.place, "faction": self.faction, "kind": self.kind,
                "date": self.date, "date_basis": self.date_basis,
                "confidence": self.confidence, "applied": self.applied,
                "evidence": self.evidence, "span": list(self.span), "source": self.source,
                "file": self.file, "actor": self.actor, "rule": self.rule,
                "notes": list(self.notes)}


@dataclass(frozen=True)
class WhatIf:
    """A hypothetical event a document mentions, as ``sim what-if`` takes it.

    ``events`` are ``("fall", place, faction-or-None)`` or ``("contest", place,
    None)``; ``threatens`` the places the sentence says the event would cut
    off or isolate.
    """

    events: tuple[tuple[str, str, str | None], ...]
    threatens: tuple[str, ...]
    evidence: str
    span: tuple[int, int]
    source: str = ""
    file: str = ""
    date: str | None = None

    @property
    def args(self) -> tuple[str, ...]:
        """The ``sim what-if`` options for these events."""
        out: list[str] = []
        for kind, place, faction in self.events:
            if kind == "fall":
                out += ["--fall", f"{place}:{faction}" if faction else place]
            else:
                out += ["--contest", place]
        return tuple(out)

    def as_json(self, scenario: str | None = None) -> dict[str, Any]:
        events = [{"type": "fall", "place": p, "faction": f} if k == "fall"
                  else {"type": "contest", "place": p} for k, p, f in self.events]
        command = " ".join(["sim what-if", *([scenario] if scenario else []), *self.args])
        return {"events": events, "args": list(self.args), "command": command,
                "threatens": list(self.threatens), "evidence": self.evidence,
                "span": list(self.span), "source": self.source, "file": self.file,
                "date": self.date}


@dataclass(frozen=True)
class Contradiction:
    """Claims of one date that give one place to different factions."""

    place: str
    date: str | None
    claims: tuple[Claim, ...]
    winner: Claim

    def as_json(self) -> dict[str, Any]:
        return {"place": self.place, "date": self.date, "winner": self.winner.faction,
                "claims": [{"faction": c.faction, "kind": c.kind, "confidence": c.confidence,
                            "evidence": c.evidence, "source": c.source, "span": list(c.span)}
                           for c in self.claims]}


@dataclass(frozen=True)
class DocumentInfo:
    """What the ingest knows of one document: name, source id, metadata, date."""

    file: str
    source: str
    date: str | None
    date_basis: str
    title: str = ""
    outlet: str = ""
    url: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "source": self.source, "date": self.date,
                "date_basis": self.date_basis, "title": self.title, "outlet": self.outlet,
                "url": self.url}


@dataclass(frozen=True)
class IngestResult:
    """Everything read from a set of documents, and the control they establish.

    ``control`` maps each place the applied claims decide to its holder;
    ``contested`` lists the places they leave contested; ``holdings`` carries
    each of those places' :class:`~sim.control.Holding` with its provenance;
    ``evidence`` the applied claims behind each of them.
    """

    theatre: str
    documents: tuple[DocumentInfo, ...]
    claims: tuple[Claim, ...]
    control: Mapping[str, str]
    contested: tuple[str, ...]
    holdings: Mapping[str, Holding]
    evidence: Mapping[str, tuple[Claim, ...]]
    what_ifs: tuple[WhatIf, ...]
    contradictions: tuple[Contradiction, ...]
    min_confidence: float
    base: str | None = None

    def applied(self) -> list[Claim]:
        return [c for c in self.claims if c.applied]

    def control_over(self, base: Control) -> Control:
        """``base`` with the holdings the documents establish laid over it."""
        out = base
        for place, holding in self.holdings.items():
            out = out.with_holding(place, holding)
        return out


# ---------------------------------------------------------------- documents

_FRONT_YAML = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                         re.S | re.M)
_FRONT_TOML = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def parse_document(text: str, name: str = "<text>") -> Document:
    """Split optional front matter (``---`` YAML-like or ``+++`` TOML) from the text.

    The YAML-like form is ``key: value`` lines; values may be quoted.

    >>> d = parse_document("---\\ntitle: 'A report'\\ndate: 2024-12-06\\n---\\nRebels took Hama.")
    >>> d.meta["title"], d.meta["date"], d.body
    ('A report', '2024-12-06', 'Rebels took Hama.')
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
    if "date" in meta and meta["date"]:
        try:
            meta["date"] = _dt.date.fromisoformat(meta["date"].strip()).isoformat()
        except ValueError:
            raise InputError(f"front matter date must be YYYY-MM-DD, got {meta['date']!r}",
                             file=name, key="date") from None
    return Document(text, name, MappingProxyType(meta), start)


# ---------------------------------------------------------------- sentences

_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "jan",
                  "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                  "no", "vs", "etc", "approx", "km", "u.s", "u.n", "u.k", "e.g", "i.e", "prof",
                  "sen", "rep", "gov", "pres", "adm", "brig"}
# A run of end marks, matched only from its first mark: a run that is not followed by
# a capital starts nowhere inside either, and trying each of its marks is quadratic.
_SENT_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
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


# ---------------------------------------------------------------- mentions

_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ`ʿʾ‘][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’ʼ][sS]$")
_JOINERS = set(" \t\n-‐‑.")
# Words that start no place name even when a loose (article-free) key would match.
_LOOSE_BAD_START = {"the", "a", "an", "at", "as", "in", "on", "of", "to", "and", "or", "by", "for"}
# A faction word right after one of these names a foreign force ("the Israeli army").
_FOREIGN = {"israeli", "israel", "turkish", "turkey", "russian", "russia", "iranian", "iran",
            "lebanese", "lebanon", "jordanian", "jordan", "iraqi", "iraq", "american", "us", "u",
            "british", "french", "egyptian", "saudi", "ukrainian", "german", "chinese",
            "western", "foreign", "hezbollah", "coalition", "israels", "turkeys", "russias",
            "irans", "lebanons", "jordans", "iraqs"}


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    norm: str
    stem: str          # the norm without a possessive 's
    stem_end: int
    upper: bool        # starts with a capital
    caps: bool         # all letters capitals


@dataclass(frozen=True)
class _Mention:
    kind: str          # "p" or "f"
    id: str
    start: int
    end: int


class _Lexicon:
    """Every spelling of every place and faction of a theatre, as word sequences."""

    def __init__(self, theatre: Theatre) -> None:
        self.place_exact: dict[str, str] = {}
        self.place_loose: dict[str, set[str]] = {}
        self.faction_exact: dict[str, str] = {}
        self.acronyms: set[str] = set()
        self.place_kind = {pid: p.kind for pid, p in theatre.places.items()}
        longest = 1
        for pid, place in sorted(theatre.places.items()):
            for name in (pid, place.name, *place.aliases):
                key = normalize(name)
                if not key:
                    continue
                self.place_exact.setdefault(key, pid)
                self.place_loose.setdefault(loose_key(name), set()).add(pid)
                longest = max(longest, len(key.split()))
        for fid, info in sorted(theatre.factions.items()):
            for name in (info.name, info.short, *info.aliases):
                key = normalize(name)
                if not key:
                    continue
                self.faction_exact.setdefault(key, fid)
                letters = re.sub(r"[^A-Za-z]", "", name)
                if letters and letters.isupper() and len(letters) <= 6:
                    self.acronyms.add(key)
                longest = max(longest, len(key.split()))
        self.longest = longest
        # Sorted keys, to tell whether some spelling starts with a given text.
        self._exact_keys = sorted({*self.place_exact, *self.faction_exact})
        self._loose_keys = sorted(self.place_loose)

    def could_start(self, exact: str, loose: str) -> bool:
        """Whether some spelling starts with the words ``exact``, or some place's loose
        key with the article-free letters ``loose``: else no longer run of words names
        anything either."""
        for keys, text in ((self._exact_keys, exact), (self._loose_keys, loose)):
            k = bisect_left(keys, text)
            if k < len(keys) and keys[k].startswith(text):
                return True
        return False

    def place(self, words: list[str]) -> str | None:
        key = " ".join(words)
        if key in self.place_exact:
            return self.place_exact[key]
        if words[0] in _LOOSE_BAD_START:
            return None
        owners = self.place_loose.get(loose_key(key), set())
        return next(iter(owners)) if len(owners) == 1 else None

    def faction(self, words: list[str]) -> str | None:
        return self.faction_exact.get(" ".join(words))


_LEXICONS: dict[int, tuple[Theatre, _Lexicon]] = {}


def _lexicon(theatre: Theatre) -> _Lexicon:
    hit = _LEXICONS.get(id(theatre))
    if hit is None or hit[0] is not theatre:
        if len(_LEXICONS) > 16:
            _LEXICONS.clear()
        hit = (theatre, _Lexicon(theatre))
        _LEXICONS[id(theatre)] = hit
    return hit[1]


# Documents repeat their words: normalize each spelling once.
_normalize = functools.lru_cache(maxsize=1 << 16)(normalize)


@functools.lru_cache(maxsize=1 << 16)
def _loose_part(norm: str) -> str:
    """A word's share of a loose key: its letters without Arabic articles."""
    return "".join(w for w in norm.split() if w not in _ARTICLES)


@functools.lru_cache(maxsize=1 << 16)
def _word(raw: str) -> tuple[str, str, int, bool, bool]:
    """A word's norm, stem (the norm without a possessive 's), the stem's length in the
    text, and whether it starts with a capital and whether all its letters are capitals."""
    poss = _POSSESSIVE.search(raw) is not None and len(raw) > 2
    stem_raw = raw[:-2] if poss else raw
    letters = [c for c in raw if c.isalpha()]
    return (normalize(raw), normalize(stem_raw), len(stem_raw), raw[:1].isupper(),
            bool(letters) and all(c.isupper() for c in letters))


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text, start, end):
        raw = m.group()
        norm, stem, stem_len, upper, caps = _word(raw)
        out.append(_Token(raw, m.start(), m.end(), norm, stem, m.start() + stem_len, upper,
                          caps))
    return out


def _joined_runs(text: str, toks: list[_Token]) -> list[int]:
    """For each token, how many of the gaps after it in a row may sit inside a name."""
    runs = [0] * len(toks)
    for j in range(len(toks) - 2, -1, -1):
        a, b = toks[j], toks[j + 1]
        gap = text[a.end:b.start]
        ok = len(gap) <= 3 and set(gap) <= _JOINERS and not ("." in gap and len(a.text) > 1)
        runs[j] = runs[j + 1] + 1 if ok else 0
    return runs


def _mentions(text: str, start: int, end: int, lex: _Lexicon, caseless: bool) -> list[_Mention]:
    """Places and factions named in ``text[start:end]``, longest spelling first."""
    toks = _tokens(text, start, end)
    runs = _joined_runs(text, toks)
    out: list[_Mention] = []
    i = 0
    while i < len(toks):
        found = None
        # The longest run of words that may name something here: joined only by spaces,
        # hyphens or dots, and the start of some spelling (in full, or its last word
        # without a possessive 's).
        limit = min(lex.longest, len(toks) - i, runs[i] + 1)
        top, exact, loose = 0, "", ""
        while top < limit:
            t = toks[i + top]
            sep = " " if top else ""
            if lex.could_start(exact + sep + t.norm, loose + _loose_part(t.norm)):
                exact, loose, top = exact + sep + t.norm, loose + _loose_part(t.norm), top + 1
                continue
            if t.stem != t.norm and lex.could_start(exact + sep + t.stem,
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
                fid = lex.faction(ws)
                if fid is not None:
                    key = " ".join(ws)
                    if key in lex.acronyms and (
                            (caseless and len(key.replace(" ", "")) < 3)
                            or (not caseless and not all(t.caps for t in span))):
                        fid = None          # "is" is no Islamic State, "IS" may be
                    elif i > 0 and toks[i - 1].stem in _FOREIGN and (
                            set(text[toks[i - 1].end:span[0].start]) <= set(" -‐‑")):
                        fid = None
                if fid is not None:
                    found = _Mention("f", fid, span[0].start, stop)
                    break
                pid = lex.place(ws)
                if pid is not None and (caseless or any(t.upper for t in span)):
                    found = _Mention("p", pid, span[0].start, stop)
                    break
            if found:
                i += n
                break
        if found is None:
            i += 1
        else:
            out.append(found)
    return out


def _skeleton(text: str, start: int, end: int, mentions: list[_Mention]) -> str:
    """The sentence in lower case with ``<pK>`` / ``<fK>`` for mention K."""
    parts: list[str] = []
    pos = start
    for k, m in enumerate(mentions):
        parts.append(_plain(text[pos:m.start]))
        parts.append(f"<{m.kind}{k}>")
        pos = m.end
    parts.append(_plain(text[pos:end]))
    return re.sub(r"\s+", " ", "".join(parts)).strip()


_PLAIN = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "„": '"',
                        "<": " ", ">": " ", "–": "-", "—": " - ", "‐": "-", "‑": "-"})


def _plain(s: str) -> str:
    return s.translate(_PLAIN).lower()


# ---------------------------------------------------------------- patterns

_P = r"<p\d+>"
_PL = (rf"(?P<pl>{_P}(?:(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+(?:and|as\s+well\s+as)\s+)"
       rf"(?:the\s+(?:(?:city|town)\s+of\s+)?)?{_P})*)")
_A = r"(?P<a><f\d+>)(?:'s?)?"
_B = r"(?:the\s+)?(?P<b><f\d+>)"
_B2 = r"(?:the\s+)?(?P<b2><f\d+>)"
_B_END = r"(?![-\s]*(?:held|controlled|run|strongholds?|territory|lines|positions|areas|-))"
_GAP = r"(?P<gap>,?(?:\s+[^\s<>;]+){0,8}?)\s+"
_ADJ = (r"(?:<f\d+>(?:-held|-controlled|-run)?|(?!(?:of|near|outside|around|outskirts|edges?|"
        r"parts?|most|much|half|areas?|villages?|countryside|suburbs?|neighbou?rhoods?|"
        r"districts?|positions?|gates|walls|centre|center|heart|rest|remainder|some|several|"
        r"two|three|four|five)\b)[a-z][a-z'-]*)")
_NOUN = (r"(?:provincial\s+capital|regional\s+capital|border\s+crossing|city|cities|town|towns|"
         r"village|port|ports|capital|hub|junction|crossroads|strongholds?|bastion|crossing|"
         r"air\s*base|base)")
_DESC = rf"(?:(?:(?:the|a|an)\s+)?(?:{_ADJ}\s+){{0,3}}?{_NOUN}(?:\s+of|\s*,)?\s+)?"
_DESC_PL = _DESC + _PL
_AUX = (r"(?:is|are|was|were|has\s+been|have\s+been|had\s+been|remains|remain|remained|"
        r"stays|stay|stayed|has\s+remained|have\s+remained|being|got)")
_ADV = r"(?:\s+(?:still|now|firmly|fully|largely|solidly|reportedly|finally|also|already|completely))*"
_APPO = r"(?:\s*,\s*[^<>,;]{1,50},)?"

_CAPTURE_STRONG = (
    r"(?:(?:took|take|takes|taken|taking|seized|seize|seizes|gained|gains|gain|won|wins|assumed|"
    r"assumes|established|declared|wrested|wrests|regained|regains)\s+(?:full\s+|complete\s+|"
    r"total\s+|effective\s+)?control\s+(?:of|over)|took\s+over|takes\s+over|taken\s+over|"
    r"captured|captures|capture|seized|seizes|seize|overran|overrun|overruns|liberated|"
    r"liberates|liberate|wrested|recaptured|recaptures|recapture|retook|retakes|retake|retaken|"
    r"regained)")
_CAPTURE_TAKE = r"(?:took|takes|take|taken)"
_ENTER = (r"(?:entered|enters|enter|stormed|storms|storm|(?:swept|sweeps|pushed|pushes|moved|"
          r"moves|rolled|rolls|marched|marches|broke|poured|streamed)\s+into)")
_CAPTURE_PP = (r"(?:captured|seized|taken\s+over|taken|overrun|liberated|recaptured|retaken|"
               r"wrested)")
_ENTER_PP = r"(?:entered|stormed)"
_WITHDRAW = (r"(?:withdr[ae]w(?:n)?|withdraws|withdrawing|withdrawal|pulled\s+out|pulls\s+out|"
             r"pulling\s+out|pull\s+out|pulled\s+back|pulls\s+back|retreated|retreats|"
             r"retreating|retreat|abandoned|abandons|abandon|abandoning|surrendered|surrenders|"
             r"surrender|surrendering|handed\s+over|hands\s+over|hand\s+over|handing\s+over|"
             r"ceded|cedes|cede|gave\s+up|gives\s+up|relinquished|lost|loses|lose)"
             r"(?:\s+(?:its|their|his)\s+(?:forces|troops|positions))?"
             r"(?:\s+control\s+(?:of|over))?")
_HOLD = (r"(?:holds|hold|held|holding|controls|control|controlled|controlling|retains|retain|"
         r"retained|retaining|(?:is|are|was|were|remains?|remained)\s+in\s+(?:full\s+)?control"
         r"\s+of)(?:\s+(?:full|firm|effective|complete|tight)\s+control\s+(?:of|over)"
         r"|\s+control\s+(?:of|over))?")
_ADVANCE = (r"(?:advanced|advancing|advances|advance|pushed|pushing|pushes|moved|moving|marched|"
            r"marching|drove|driving|converged|converging|bore\s+down|bearing\s+down|pressed|"
            r"pressing|presses|closed\s+in|closing\s+in|closes\s+in|close\s+in)")
_APPROACH = (r"(?:approached|approaching|approaches|neared|nearing|reached|reaching|reaches|"
             r"arrived\s+at|arriving\s+at)")
_SIEGE = (r"(?:besieged|besieging|besieges|encircled|encircling|encircles|surrounded|"
          r"surrounding|surrounds|(?:laid|laying|lay|lays)\s+siege\s+to)")
_BOLSTER = r"(?:bolster|reinforc|shor|strengthen|fortif|beef)\w*(?:\s+up)?"
_DEFENCES = r"(?:defen[cs]es|positions|lines|garrison|front\s*lines?)"
_HOLD_NOUN = (r"(?:strongholds?|bastions?|heartlands?|redoubts?|enclaves?|seats?(?:\s+of\s+"
              r"(?:power|government))?|capital)")
_EDGE = r"(?:outskirts|edges?|gates|walls|doorstep|fringes|outer\s+districts)"

# (rule, kind, confidence, regex). ``a`` is the acting faction, ``b`` a faction
# named after the verb (the agent of a passive, the recipient of a hand-over,
# the holder of a stronghold), ``pl`` the places.
_REALIS: list[tuple[str, str, float, str]] = [
    ("capture", "captured", 0.9, rf"{_A}{_GAP}{_CAPTURE_STRONG}\s+{_DESC_PL}"),
    ("capture", "captured", 0.85, rf"{_A}{_GAP}{_CAPTURE_TAKE}\s+{_DESC_PL}"),
    ("enter", "captured", 0.7, rf"{_A}{_GAP}{_ENTER}\s+{_DESC_PL}"),
    ("capture-most", "captured", 0.5,
     rf"{_A}{_GAP}(?:{_CAPTURE_STRONG}|{_CAPTURE_TAKE}|{_ENTER})\s+(?:most|much|the\s+bulk|"
     rf"large\s+parts|the\s+majority)\s+of\s+{_DESC_PL}"),
    ("capture-parts", "contested", 0.65,
     rf"{_A}{_GAP}(?:{_CAPTURE_STRONG}|{_CAPTURE_TAKE}|{_ENTER})\s+(?:parts|some\s+parts|"
     rf"districts|neighbou?rhoods|areas)\s+of\s+{_DESC_PL}"),
    ("capture-passive", "captured", 0.9,
     rf"{_PL}{_APPO}(?:\s*,\s*which)?(?:\s*,)?(?:\s+{_AUX})?{_ADV}\s+{_CAPTURE_PP}\s+"
     rf"(?:[^<>;]{{0,30}}?\s)?by\s+{_B}"),
    ("capture-relative", "captured", 0.85,
     rf"{_PL}\s*,\s*(?:which|that)\s+{_B}(?:\s+(?:had|have|has|just|finally|already))*\s+"
     rf"(?:{_CAPTURE_STRONG}|{_CAPTURE_TAKE})\b"),
    ("hold-relative", "held", 0.8,
     rf"{_PL}\s*,\s*(?:which|that)\s+{_B}(?:\s+(?:still|firmly|now|has|have|had))*\s+"
     rf"(?:holds|hold|held|controls|control|controlled|retains|retain|retained)\b"),
    ("enter-passive", "captured", 0.7,
     rf"{_PL}{_APPO}(?:\s+{_AUX})?{_ADV}\s+{_ENTER_PP}\s+(?:[^<>;]{{0,30}}?\s)?by\s+{_B}"),
    ("fell-to", "captured", 0.9,
     rf"{_PL}{_APPO}\s+(?:has\s+|have\s+|had\s+)?(?:fell|fallen|falls|fall)\s+"
     rf"(?:[^<>;]{{0,25}}?\s)?to\s+{_B}{_B_END}"),
    ("fall-of", "captured", 0.85,
     rf"(?:fall|capture|seizure|takeover|loss)\s+of\s+{_DESC_PL}\s+(?:[^<>;]{{0,20}}?\s)?"
     rf"(?:to|by)\s+{_B}{_B_END}"),
    ("fall-of", "captured", 0.85,
     rf"{_PL}'s?\s+(?:fall|capture|seizure|takeover)\s+(?:[^<>;]{{0,20}}?\s)?(?:to|by)\s+"
     rf"{_B}{_B_END}"),
    ("capture-of", "captured", 0.85,
     rf"{_A}\s+(?:capture|seizure|takeover|conquest)\s+of\s+{_DESC_PL}"),
    ("came-under", "captured", 0.85,
     rf"{_PL}{_APPO}\s+(?:came|comes|come|has\s+come|have\s+come|had\s+come|fell|falls|passed)"
     rf"\s+under\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+)?(?:control\s+of\s+{_B}|"
     rf"{_B2}(?:'s)?\s+control)"),
    ("hand-over", "withdrawn", 0.85,
     rf"{_A}{_GAP}(?:handed|turned)\s+{_DESC_PL}\s+over\s+to\s+{_B}{_B_END}"),
    ("withdraw", "withdrawn", 0.8,
     rf"{_A}{_GAP}{_WITHDRAW}\s+(?:(?:from|out\s+of|of)\s+)?{_DESC_PL}"
     rf"(?:\s+(?:[^<>;]{{0,25}}?\s)?to\s+{_B}{_B_END})?"),
    ("withdraw", "withdrawn", 0.8,
     rf"(?:withdrawal|retreat|pull-?out)\s+of\s+(?:the\s+)?{_A}\s+from\s+{_DESC_PL}"),
    ("hold", "held", 0.85, rf"{_A}{_GAP}{_HOLD}\s+{_DESC_PL}"),
    ("held-by", "held", 0.85,
     rf"{_PL}{_APPO}(?:\s*,\s*which)?(?:\s*,)?(?:\s+{_AUX})?{_ADV}\s+(?:held|controlled|run)\s+"
     rf"by\s+{_B}"),
    ("under-control", "held", 0.85,
     rf"{_PL}{_APPO}(?:\s*,|\s+{_AUX}){_ADV}\s+(?:under|in)\s+(?:the\s+)?(?:(?:full|firm|"
     rf"complete|effective)\s+)?(?:(?:control|hands)\s+of\s+{_B}|{_B2}(?:'s)?\s+"
     rf"(?:control|hands))"),
    ("held-adjective", "held", 0.85, rf"{_B}[-\s](?:held|controlled|run)\s+{_DESC_PL}"),
    ("stronghold", "held", 0.8,
     rf"{_B}(?:'s?)?\s+(?:[a-z][a-z-]*\s+){{0,2}}?{_HOLD_NOUN}\s+(?:of|in|at|such\s+as|"
     rf"including|like|,)\s*(?:the\s+(?:cities|city|towns?|ports?)\s+of\s+)?{_PL}"),
    ("stronghold", "held", 0.75,
     rf"{_PL}\s*,\s*(?:(?:a|an|the|its|their)\s+)?(?:[a-z][a-z-]*\s+){{0,2}}?{_B}(?:'s?)?"
     rf"(?:\s+[a-z][a-z-]*)?\s+(?:stronghold|bastion|heartland|redoubt|seat)"),
    ("stronghold", "held", 0.75,
     rf"{_PL}(?:[\s,][^<>;]{{0,30}}?)?\s+(?:remains?|remained|is|are|was|were|has\s+been|"
     rf"have\s+been|stays?|stayed)\s+(?:still\s+|firmly\s+)?(?:(?:a|an|the|their|its)\s+)?"
     rf"(?:[a-z][a-z-]*\s+){{0,2}}?{_B}(?:'s?)?(?:\s+[a-z][a-z-]*)?\s+(?:strongholds?|"
     rf"bastions?|heartlands?|territory|seat|redoubts?)"),
    ("defences", "held", 0.75,
     rf"{_BOLSTER}\s+{_B}(?:'s?)?\s+{_DEFENCES}\s+(?:in|around|at|inside|of)\s+"
     rf"(?:the\s+city\s+of\s+)?{_PL}"),
    ("defences", "held", 0.75,
     rf"{_A}{_GAP}{_BOLSTER}\s+(?:(?:its|their|the)\s+)?(?:own\s+)?{_DEFENCES}\s+"
     rf"(?:in|around|at|inside)\s+(?:the\s+city\s+of\s+)?{_PL}"),
    ("advance", "contested", 0.8,
     rf"{_A}{_GAP}{_ADVANCE}\s+(?:on|upon|to|towards?|toward)\s+{_DESC_PL}"),
    ("approach", "contested", 0.75, rf"{_A}{_GAP}{_APPROACH}\s+{_DESC_PL}"),
    ("siege", "contested", 0.8, rf"{_A}{_GAP}{_SIEGE}\s+{_DESC_PL}"),
    ("siege", "contested", 0.75,
     rf"{_PL}(?:\s+{_AUX}){_ADV}\s+(?:under\s+siege|besieged|surrounded|encircled)"),
    ("siege", "contested", 0.7, rf"(?:siege|encirclement)\s+of\s+{_DESC_PL}"),
    ("attack", "contested", 0.65,
     rf"{_A}{_GAP}(?:attacked|attacking|attacks|assaulted|assaulting|"
     rf"launched\s+(?:an?\s+)?(?:\w+\s+)?(?:attack|assault|offensive)\s+on)\s+{_DESC_PL}"),
    ("within", "contested", 0.7,
     rf"{_A}{_GAP}(?:were|are|was|is|came|come|got|get)\s+(?:now\s+)?within\s+[\w\s.-]{{1,20}}?"
     rf"\s+(?:of|from)\s+{_PL}"),
    ("fighting", "contested", 0.7,
     rf"(?:fighting|clashes|battles?|street\s+battles|combat|gunfights?)\s+(?:[a-z]+\s+){{0,2}}?"
     rf"(?:in|inside|for|around|within)\s+(?:the\s+city\s+of\s+)?{_PL}"),
    ("outskirts", "contested", 0.75,
     rf"{_EDGE}\s+of\s+(?:the\s+city\s+of\s+)?{_PL}"),
]

_HYPOTHETICAL: list[tuple[str, str, float, str]] = [
    ("would-capture", "fall", 0.7,
     rf"(?:{_A}(?:{_GAP})?)?(?<![a-z])(?:capture|capturing|captured|seize|seizing|seized|take|"
     rf"taking|took|overrun|overrunning|enter|entering|storm|storming|retake|retaking|recapture|"
     rf"recapturing|(?:fall|loss|seizure|capture|takeover)\s+of)\s+(?:control\s+of\s+)?"
     rf"{_DESC_PL}"),
    ("would-fall", "fall", 0.7,
     rf"{_PL}\s+(?:could|would|might|may|will|is\s+likely\s+to|risks?)\s+(?:soon\s+|also\s+|"
     rf"eventually\s+|then\s+)?(?:fall|be\s+(?:captured|taken|overrun|lost))"
     rf"(?:\s+to\s+{_B})?"),
    ("would-advance", "contest", 0.6,
     rf"(?:{_A}(?:{_GAP})?)?(?<![a-z])(?:advance|advancing|push|pushing|march|marching|move|"
     rf"moving)\s+(?:on|upon|towards?|toward)\s+{_DESC_PL}"),
    ("would-besiege", "contest", 0.6,
     rf"(?:{_A}(?:{_GAP})?)?(?<![a-z])(?:besiege|besieging|encircle|encircling|surround|"
     rf"surrounding)\s+{_DESC_PL}"),
]

# The last flag: the pattern starts with a list of places (see _matches).
_RE_REALIS = [(r, k, c, re.compile(p), p.startswith(_PL)) for r, k, c, p in _REALIS]
_RE_HYPO = [(r, k, c, re.compile(p), p.startswith(_PL)) for r, k, c, p in _HYPOTHETICAL]
# What joins one place of a list to the next in _PL.
_PL_JOIN = re.compile(r"(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+(?:and|as\s+well\s+as)\s+)"
                      r"(?:the\s+(?:(?:city|town)\s+of\s+)?)?")
assert _PL == rf"(?P<pl>{_P}(?:{_PL_JOIN.pattern}{_P})*)"
_MARKER = re.compile(r"<([pf])(\d+)>")

_HEDGE = re.compile(
    r"\b(?:could|would|might|may(?!\s+\d)|should|will|won't|going\s+to|"
    r"threaten(?:s|ed|ing)?\s+to|aim(?:s|ed|ing)?\s+(?:to|at)|plan(?:s|ned|ning)?\s+to|"
    r"seek(?:s|ing)?\s+to|sought\s+to|vow(?:s|ed|ing)?\s+to|hop(?:e|es|ed|ing)\s+to|"
    r"want(?:s|ed|ing)?\s+to|intend(?:s|ed|ing)?\s+to|attempt(?:s|ed|ing)?\s+to|"
    r"tr(?:y|ies|ied|ying)\s+to|bid\s+to|poised\s+to|set\s+to|about\s+to|ready\s+to|"
    r"prepar(?:e|es|ed|ing)\s+to|expected\s+to|likely|potential(?:ly)?|possibl[ey]|perhaps|"
    r"would-be|risks?|fears?\s+(?:that|of)|goal\s+of|prospect\s+of|"
    r"to\s+(?:capture|take|seize|enter|storm|overrun|retake|recapture|reach|encircle|besiege))\b")
_CONDITIONAL = re.compile(r"\b(?:if|unless|whether|in\s+case)\b")
_NEGATION = re.compile(
    r"(?:\b(?:not|never|no\s+longer|failed\s+to|fail\s+to|fails\s+to|yet\s+to|denied|denies|"
    r"deny|denying|repelled|repulsed|thwarted|foiled|beat\s+back|beaten\s+back|pushed\s+back|"
    r"false|rejected\s+claims?|without\s+success)\b|n't\b)")
_SEGMENT_BREAK = re.compile(
    r";|\s+but\s+|,\s*(?:while|whereas|although|though)\s+|\s+(?:while|whereas)\s+|"
    r",?\s+and\s+(?=(?:could|would|might|may|will|aims?|plans?|threatens?|vows?|hopes?|"
    r"seeks?)\b)")
_NO_CONTROL = re.compile(
    r"\b(?:air\s*strikes?|airstrikes?|air\s+raids?|raids?|bomb\w*|shell(?:s|ed|ing)|missiles?|"
    r"drones?|artillery|killed|killing|kills|dead|deaths?|casualt\w+|wounded|injured|toll|"
    r"refugees?|displaced|fled|flee\w*|evacuat\w+|humanitarian|talks|negotiat\w+|diplomat\w*|"
    r"ceasefire|truce|summit|minister|envoy|urged|sanctions?|embassy|nationals)\b")
_STRIKE_TARGET = re.compile(
    r"\b(?:strikes?|raids?|bombed|bombing|bombarded|shelled|shelling|struck|hit|targeting|"
    r"targeted|fled|fleeing|flee|displaced|refugees|evacuated)\s+(?:[a-z]+\s+){0,3}?"
    r"(?:(?:on|in|at|against|to|towards?|toward|into|from|near)\s+)?" + _DESC + r"(?P<pl><p\d+>)")
_WEAK_ATTRIBUTION = re.compile(
    r"\b(?:reportedly|reports?\s+said|was\s+reported|were\s+reported|claimed|claims|claiming|"
    r"purportedly)\b")
_UNSURE = re.compile(
    r"\b(?:unconfirmed|unverified|allegedly|alleged|rumou?r(?:s|ed)?|apparently|unclear|"
    r"not\s+clear)\b")
_NONCITY_AFTER = re.compile(
    r"(?:'s)?\s+(?:(?:[a-z]+ern|north|south|east|west|rural|outer|surrounding|nearby|"
    r"several|some|two|three|four)\s+)?(?:countryside|province|provinces|governorate|region|suburbs?|outskirts|"
    r"(?:international\s+|military\s+)?airport|air\s*base|airbase|base|road|highway|motorway|"
    r"district|districts|neighbou?rhoods?|villages?|plains?|desert|border|crossing|prison|dam|"
    r"areas?|front|frontline|front\s+line|pocket|environs|valley|mountains?|oil\s+fields?|"
    r"fields?|countryside)\b")
_INNER_AFTER = re.compile(
    r"'s\s+(?:(?:main|central|old|historic)\s+)?(?:square|centre|center|streets|citadel|"
    r"old\s+city|city\s+cent(?:re|er)|downtown|heart)\b")
_KIND_WORDS = {"crossing": ("crossing", "border"), "airbase": ("air base", "airbase", "base",
                                                                "airport")}
_MOVE_OR_FIGHT = re.compile(
    r"\b(?:advanc\w*|push\w*|mov(?:e|ed|es|ing)|march\w*|reach\w*|arriv\w*|captur\w*|seiz\w*|"
    r"took|tak(?:e|en|es|ing)|liberat\w*|enter\w*|storm\w*|fight\w*|clash\w*|battl\w*|attack\w*|"
    r"clos\w*\s+in|approach\w*|besieg\w*|now\s+(?:at|on)|(?:are|were|is|was|stood|stand|"
    r"standing|stands)\s+(?:now\s+)?(?:at|on))\b")
_CONSEQUENCE = re.compile(
    r"\b(?:sever\w*|cut(?:s|ting)?\s+off|isolat\w*|block\w*|separat\w*|trap\w*|encircl\w*|"
    r"links?\s+between|split\w*)\b")
_CUT_OFF_PASSIVE = re.compile(
    r"<p(\d+)>(?:\s+[^\s<>]+){0,3}?\s+(?:be|being|become|get)\s+(?:cut\s+off|isolated|"
    r"severed|encircled|trapped|surrounded|besieged|separated)")
_LIST_GOES_ON = re.compile(r"\s*,?\s*(?:and|as\s+well\s+as)\b")
_ANAPHORA = re.compile(r"^(?:this|that|such|it|doing\s+so|the\s+move|the\s+advance)\b")
_NOT_SUBJECT_BEFORE = re.compile(
    r"(?:\b(?:by|from|against|with|to|of|for|between|among|including|toward|towards|on|at|"
    r"into|than|joined|fleeing|fled|fighting|attacking|backing|supporting|behind|unlike|"
    r"led)|\w+ing)\s+(?:the\s+|a\s+)?$")
_SUBORDINATE = re.compile(
    r"\b(?:as|after|when|while|before|because|since|until|once|where|whereas|although|though|"
    r"who|which|whom|whose|if|unless)\b")

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
    rf"\b(?:in|until|till|back\s+in)\s+(?:(?:early|late|mid)[\s-]+)?(?:{_MONTH_RE}\s+)?"
    rf"(?P<year>(?:19|20)\d\d)\b")

_EN_STOP = {"the", "of", "and", "in", "to", "a", "was", "is", "on", "by", "for", "with", "from",
            "that", "as", "at", "its", "their", "were", "have", "has", "had", "it", "an", "be",
            "this", "which", "after", "into", "are", "they", "but", "who", "not", "been"}


# ---------------------------------------------------------------- dates

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
    head = _plain(text[:400])
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
class _DateMark:
    pos: int
    date: str | None
    basis: str        # text, earlier, historic


def _date_marks(skel: str, doc_date: str | None) -> list[_DateMark]:
    ref = _dt.date.fromisoformat(doc_date) if doc_date else None
    out: list[_DateMark] = []
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
            if m.group("year"):
                iso = _iso(int(m.group("year")), month, day)
            elif ref:
                iso = _iso(ref.year, month, day)
                if iso and iso > ref.isoformat():
                    iso = _iso(ref.year - 1, month, day)
            else:
                iso = None
            if iso or ref is None:
                take(m)
                out.append(_DateMark(m.start(), iso, "text"))
    for m in _DATE_HISTORIC.finditer(skel):
        if free(m) and ref and int(m.group("year")) < ref.year:
            take(m)
            out.append(_DateMark(m.start(), None, "historic"))
    for m in _DATE_WEEKDAY.finditer(skel):
        if ref is None:
            out.append(_DateMark(m.start(), None, "text"))
            continue
        back = (ref.weekday() - _WEEKDAYS.index(m.group("wd"))) % 7
        out.append(_DateMark(m.start(), (ref - _dt.timedelta(days=back)).isoformat(), "text"))
    for m in _DATE_RELATIVE.finditer(skel):
        shift = 1 if m.group("rel") in ("yesterday", "last night") else 0
        out.append(_DateMark(m.start(), (ref - _dt.timedelta(days=shift)).isoformat()
                             if ref else None, "text"))
    for m in _DATE_EARLIER.finditer(skel):
        out.append(_DateMark(m.start(), doc_date, "earlier"))
    return sorted(out, key=lambda d: d.pos)


def _nearest_date(marks: list[_DateMark], start: int, end: int, doc_date: str | None,
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


# ---------------------------------------------------------------- extraction

@dataclass
class _Raw:
    place: str
    faction: str | None
    kind: str
    confidence: float
    rule: str
    pos: int
    end: int
    actor: str | None = None
    notes: list[str] = field(default_factory=list)
    recipient_named: bool = False
    hedged: bool = False


def _segments(skel: str) -> list[tuple[int, int, bool, bool]]:
    """(start, end, hedged, negated) of each clause-like piece of a sentence."""
    cuts = [0]
    for m in _SEGMENT_BREAK.finditer(skel):
        cuts += [m.start(), m.end()]
    cuts.append(len(skel))
    conditional = _CONDITIONAL.search(skel) is not None
    out = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        piece = skel[a:b]
        out.append((a, b, conditional or _HEDGE.search(piece) is not None,
                    _NEGATION.search(piece) is not None))
    return out


def _segment_at(segs, pos: int, starts: list[int] | None = None):
    """The segment holding ``pos`` (the last one if none does); ``starts`` are the
    segments' starts, which increase."""
    if starts is None:
        starts = [seg[0] for seg in segs]
    k = bisect_right(starts, pos) - 1
    if k >= 0 and pos < max(segs[k][1], segs[k][0] + 1):
        return segs[k]
    return segs[-1]


def _marker_ids(s: str, letter: str) -> list[int]:
    return [int(x) for x in re.findall(rf"<{letter}(\d+)>", s)]


def _valid_subject(skel: str, m: re.Match) -> bool:
    if "a" not in m.re.groupindex or m.group("a") is None:
        return True
    # A match of _NOT_SUBJECT_BEFORE is a word and an article at most (spaces are single
    # in a skeleton), so the few characters before the subject are enough to look at.
    at = m.start("a")
    if _NOT_SUBJECT_BEFORE.search(skel, max(0, at - 64), at):
        return False
    gap = m.groupdict().get("gap") or ""
    gap = re.sub(r"^,\s*(?:who|which|that)\b", "", gap)    # "the SDF, which took ..."
    words = gap.split()
    if words:
        inner = " ".join(words[:-1]) if words[-1] in ("and", "then") else gap
        if _SUBORDINATE.search(inner) or re.search(r"\b(?:and|or|but)\b", inner):
            return False
    return True


_HYPHEN_PLACE_AFTER = re.compile(r"\s*-\s*<p\d+>")
_HYPHEN_PLACE_BEFORE = re.compile(r"<p\d+>\s*-\s*$")


def _place_ok(skel: str, k: int, lex: _Lexicon, pid: str,
              spans: Mapping[str, tuple[int, int]] | None = None) -> tuple[bool, float, str]:
    """Whether the mention ``<pK>`` names the place itself, and a penalty.

    ``spans`` maps each marker of ``skel`` to its (start, end), to find it without a scan.
    """
    marker = f"<p{k}>"
    if spans is not None:
        at, after = spans[marker]
    else:
        at = skel.find(marker)
        after = at + len(marker)
    # "<pJ> - <pK>": a road or a front between two places, not the place. The match
    # before is a marker, a hyphen and single spaces: a short look back is enough.
    if _HYPHEN_PLACE_AFTER.match(skel, after) or \
            _HYPHEN_PLACE_BEFORE.search(skel, max(0, at - 64), at):
        return False, 0.0, ""
    m = _NONCITY_AFTER.match(skel, after)
    if m:
        word = m.group().strip(" '").removeprefix("s ").strip()
        if not any(word.startswith(w) for w in _KIND_WORDS.get(lex.place_kind.get(pid, ""), ())):
            return False, 0.0, ""
    if _INNER_AFTER.match(skel, after):
        return True, 0.15, "names a part of the place"
    return True, 0.0, ""


def _matches(rx: re.Pattern, skel: str, list_first: bool, places: list[int],
             list_end: list[int]):
    """``rx.finditer(skel)``, without trying again inside a list of places that failed.

    A pattern that starts with a list of places (``list_first``) can start only at a
    place marker; ``places`` are their starts and ``list_end[j]`` the index of the last
    marker of the list that marker ``j`` starts. If the match fails at a marker, it fails
    at every later marker of the same list: from there the list can only end at the same
    places or fewer, and what follows it is the same. Trying each of them would take time
    quadratic in the length of the list.
    """
    if not list_first:
        yield from rx.finditer(skel)
        return
    j = 0
    while j < len(places):
        m = rx.match(skel, places[j])
        if m is None:
            j = list_end[j] + 1
            continue
        yield m
        j = bisect_left(places, m.end(), j + 1)


def _sentence_claims(skel: str, mentions: list[_Mention], lex: _Lexicon,
                     ) -> tuple[list[_Raw], list[_Raw], list[str]]:
    """Realis claims, hypothetical events and threatened places of one sentence."""
    segs = _segments(skel)
    seg_starts = [seg[0] for seg in segs]
    no_control = _NO_CONTROL.search(skel) is not None
    targets = {int(x) for m in _STRIKE_TARGET.finditer(skel) for x in _marker_ids(m.group("pl"), "p")}
    weak = _WEAK_ATTRIBUTION.search(skel) is not None
    unsure = _UNSURE.search(skel) is not None
    quotes = [m.start() for m in re.finditer('"', skel)]
    # Where each marker is, once for the sentence.
    spans: dict[str, tuple[int, int]] = {}
    places: list[int] = []                   # starts of the place markers
    place_ends: list[int] = []
    factions: list[tuple[int, int]] = []     # (start, K) of the faction markers
    faction_ends: list[int] = []
    for mk in _MARKER.finditer(skel):
        spans[mk.group()] = mk.span()
        if mk.group(1) == "p":
            places.append(mk.start())
            place_ends.append(mk.end())
        else:
            factions.append((mk.start(), int(mk.group(2))))
            faction_ends.append(mk.end())
    # list_end[j]: the last place marker of the list (as _PL joins them) marker j is in.
    list_end = list(range(len(places)))
    for j in range(len(places) - 2, -1, -1):
        if _PL_JOIN.fullmatch(skel, place_ends[j], places[j + 1]):
            list_end[j] = list_end[j + 1]
    move_or_fight: dict[tuple, bool] = {}
    realis: list[_Raw] = []
    hypo: list[_Raw] = []

    def faction_of(m: re.Match, group: str) -> str | None:
        for g in (group, group + "2"):
            if g in m.re.groupindex and m.group(g) is not None:
                return mentions[_marker_ids(m.group(g), "f")[0]].id
        return None

    def places_of(m: re.Match) -> list[tuple[str, float, str, int]]:
        out = []
        ids = _marker_ids(m.group("pl"), "p")
        seps = re.split(r"<p\d+>", m.group("pl"))[1:-1]
        if seps and not re.search(r"\b(?:and|well)\b", seps[-1]) and not _LIST_GOES_ON.match(
                skel, m.end("pl")):
            ids = ids[:1]       # "Homs, Damascus would ...": no list without an "and"
        for k in ids:
            pid = mentions[k].id
            ok, penalty, note = _place_ok(skel, k, lex, pid, spans)
            if ok:
                out.append((pid, penalty, note, k))
        return out

    for rule, kind, conf, rx, list_first in _RE_REALIS:
        for m in _matches(rx, skel, list_first, places, list_end):
            if not _valid_subject(skel, m):
                continue
            actor, other = faction_of(m, "a"), faction_of(m, "b")
            seg = _segment_at(segs, m.start("pl") if m.start("pl") > m.start() else m.start(),
                              seg_starts)
            if rule == "outskirts":
                if seg not in move_or_fight:
                    move_or_fight[seg] = _MOVE_OR_FIGHT.search(skel[seg[0]:seg[1]]) is not None
                if not move_or_fight[seg]:
                    continue
                # The last faction named in the segment before the match.
                f = bisect_right(faction_ends, m.start()) - 1
                actor = mentions[factions[f][1]].id if f >= 0 and factions[f][0] >= seg[0] \
                    else None
            descriptive = rule in ("stronghold", "held-adjective")
            if seg[3]:
                continue                      # negated
            if seg[2] and kind == "held" and not descriptive:
                continue                      # "rebels could hold Homs": no state, no event
            for pid, penalty, note, k in places_of(m):
                notes = [note] if note else []
                c = conf - penalty
                if kind in ("captured", "withdrawn", "contested"):
                    if k in targets:
                        continue
                    if no_control:
                        c -= 0.2
                        notes.append("sentence is about strikes, casualties, refugees or "
                                     "diplomacy")
                if weak:
                    c -= 0.1
                    notes.append("attributed claim")
                if unsure:
                    c -= 0.3
                    notes.append("unconfirmed")
                if bisect_left(quotes, m.start()) % 2 == 1:
                    c -= 0.1
                    notes.append("quoted")
                if kind == "held":
                    faction = other or actor
                elif kind == "withdrawn":
                    faction = other
                elif kind == "captured":
                    faction = actor or other
                else:
                    faction = actor
                raw = _Raw(pid, faction, kind, c, rule, m.start(), m.end(),
                           actor=actor if kind != "held" else faction, notes=notes,
                           recipient_named=(kind == "withdrawn" and other is not None))
                if seg[2] and not descriptive:
                    raw.hedged = True
                    ev = "contest" if kind == "contested" else "fall"
                    hypo.append(replace(raw, kind=ev,
                                        faction=None if kind == "withdrawn" and not other
                                        else raw.faction))
                    continue
                if seg[2]:
                    raw.confidence -= 0.1
                    raw.notes.append("stated inside a hedged sentence")
                realis.append(raw)
    for rule, ev, conf, rx, list_first in _RE_HYPO:
        for m in _matches(rx, skel, list_first, places, list_end):
            seg = _segment_at(segs, m.start("pl"), seg_starts)
            if not seg[2] or seg[3]:
                continue
            actor, other = faction_of(m, "a"), faction_of(m, "b")
            for pid, _, _, _ in places_of(m):
                hypo.append(_Raw(pid, actor or other, ev, conf, rule, m.start(), m.end(),
                                 actor=actor or other, hedged=True))
    threatened: list[str] = []
    seen_threatened: set[str] = set()
    event_places = {h.place for h in hypo}
    for seg in segs:
        if not seg[2]:
            continue
        ks: list[int] = []
        c = _CONSEQUENCE.search(skel, seg[0], seg[1])
        if c:
            ks += _marker_ids(skel[c.start():seg[1]], "p")
        ks += [int(m.group(1)) for m in _CUT_OFF_PASSIVE.finditer(skel, seg[0], seg[1])]
        for k in sorted(set(ks)):
            pid = mentions[k].id
            if pid not in event_places and pid not in seen_threatened:
                threatened.append(pid)
                seen_threatened.add(pid)
    # A place taken in this sentence is no longer the old holder's stronghold here,
    # and a capture supersedes the fighting that led to it.
    flipped = {r.place for r in realis if r.kind in ("captured", "withdrawn")}
    realis = [r for r in realis if r.place not in flipped or r.kind in ("captured", "withdrawn")]
    realis = _dedupe(realis)
    hypo = _dedupe(hypo)
    return realis, hypo, threatened


def _dedupe(raws: list[_Raw]) -> list[_Raw]:
    best: dict[tuple, _Raw] = {}
    for r in raws:
        key = (r.place, r.kind, r.faction)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    return sorted(best.values(), key=lambda r: (r.pos, r.place, r.kind))


def _check_language(doc: Document) -> None:
    body = doc.body
    if not body.strip():
        raise InputError("the document is empty", file=doc.name)
    words = re.findall(r"[^\W\d_]+", body)
    if not words:
        raise InputError("the document has no words to read", file=doc.name)
    if len(words) >= 6:
        latin = sum(1 for w in words if _normalize(w).replace(" ", "").isascii()
                    and _normalize(w).replace(" ", "").isalpha())
        stop = sum(1 for w in words if w.lower() in _EN_STOP)
        if latin / len(words) < 0.6 or (len(words) >= 12 and stop / len(words) < 0.08):
            raise InputError("does not look like English text (sim ingest reads English news "
                             "reports)", file=doc.name)


def _source_id(doc: Document, index: int) -> str:
    sid = doc.meta.get("source_id") or doc.meta.get("id")
    if sid:
        return sid
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", doc.name.replace("\\", "/").rsplit("/", 1)[-1])
    slug = re.sub(r"[^a-z0-9]+", "-", normalize(stem)).strip("-")
    return slug or f"document-{index + 1}"


@dataclass(frozen=True)
class _DocClaims:
    info: DocumentInfo
    claims: tuple[Claim, ...]
    what_ifs: tuple[WhatIf, ...]


def read_claims(doc: Document, theatre: Theatre, *, index: int = 0, date: str | None = None,
                adversaries: Mapping[str, str | None] | None = None,
                source: str | None = None, base_date: str | None = None) -> _DocClaims:
    """Every claim and what-if of one document (none applied yet)."""
    _check_language(doc)
    lex = _lexicon(theatre)
    body = doc.body
    caseless = not any(c.isupper() and c.isalpha() for c in body) or \
        not any(c.islower() and c.isalpha() for c in body)
    if date:
        doc_date, basis = date, "option"
    elif doc.meta.get("date"):
        doc_date, basis = doc.meta["date"], "front matter"
    else:
        doc_date = document_date(body)
        basis = "text" if doc_date else "none"
        if doc_date is None and base_date:
            doc_date = document_date(body, after=base_date)
            basis = "text, year from the base scenario" if doc_date else "none"
    sid = source or _source_id(doc, index)
    info = DocumentInfo(doc.name, sid, doc_date, basis, doc.meta.get("title", ""),
                        doc.meta.get("outlet", ""), doc.meta.get("url", ""))
    claims: list[Claim] = []
    pending: list[tuple[_Raw, tuple[int, int], str, str | None, str]] = []
    what_ifs: list[WhatIf] = []
    any_place = False
    last_whatif: tuple[int, WhatIf] | None = None
    for n, (s, e) in enumerate(sentences(doc.text, doc.body_start)):
        mentions = _mentions(doc.text, s, e, lex, caseless)
        if any(m.kind == "p" for m in mentions):
            any_place = True
        else:
            continue
        skel = _skeleton(doc.text, s, e, mentions)
        realis, hypo, threatened = _sentence_claims(skel, mentions, lex)
        marks = _date_marks(skel, doc_date)
        positions = [d.pos for d in marks]
        evidence = " ".join(doc.text[s:e].split())
        for r in realis:
            d, dbasis = _nearest_date(marks, r.pos, r.end, doc_date, positions)
            pending.append((r, (s, e), evidence, d, dbasis))
        if hypo or threatened:
            events = tuple(dict.fromkeys(("fall" if h.kind == "fall" else "contest", h.place,
                                          h.faction if h.kind == "fall" else None)
                                         for h in hypo))
            if not events and last_whatif and last_whatif[0] == n - 1 and _ANAPHORA.match(skel):
                events = last_whatif[1].events
            if events:
                wi = WhatIf(events, tuple(threatened), evidence, (s, e), sid, doc.name, doc_date)
                what_ifs.append(wi)
                last_whatif = (n, wi)
            for h in hypo:
                claims.append(Claim(h.place, h.faction, "hypothetical", doc_date,
                                    round(max(0.0, min(1.0, h.confidence)), 2), evidence, (s, e),
                                    sid, doc.name, h.actor, h.rule,
                                    ("hedged or conditional: never applied",),
                                    "document" if doc_date else "none",
                                    order=(s, h.pos)))
    if not any_place:
        raise InputError(f"names no place of theatre {theatre.id!r}; nothing to ingest",
                         file=doc.name)
    # The side that gains a place another side left: named, taken in this document,
    # or the leaver's adversary.
    captors: dict[str, set[str]] = {}
    for r, *_ in pending:
        if r.kind == "captured" and r.faction:
            captors.setdefault(r.place, set()).add(r.faction)
    for r, span, evidence, d, dbasis in pending:
        if r.kind == "withdrawn" and not r.recipient_named:
            takers = sorted(f for f in captors.get(r.place, ()) if f != r.actor)
            adversary = (adversaries or {}).get(r.actor) if r.actor else None
            if len(takers) == 1:
                r.faction = takers[0]
            elif adversary and adversary != r.actor:
                # A guess: the leaver's adversary is often not who moves in (the SDF left
                # Deir ez-Zor to HTS, not to its adversary the SNA), so it stays below
                # the default bar and is applied only if --min-confidence lowers it.
                r.faction = adversary
                r.confidence = min(r.confidence - 0.3, 0.5)
                r.notes.append("the taker is only assumed: the leaver's adversary in the "
                               "base scenario")
            else:
                r.faction = None
                r.confidence = min(r.confidence, 0.4)
                r.notes.append("the text does not say who took it")
        rank = 0 if dbasis in ("earlier", "historic") else 1
        notes = list(r.notes)
        c = r.confidence
        if dbasis == "historic":
            c -= 0.5
            notes.append("describes an earlier year")
        claims.append(Claim(r.place, r.faction, r.kind, d, round(max(0.0, min(1.0, c)), 2),
                            evidence, span, sid, doc.name, r.actor, r.rule, tuple(notes), dbasis,
                            order=(span[0], r.pos, rank)))
    claims.sort(key=lambda c: (c.span[0], c.order, c.place, c.kind))
    return _DocClaims(info, tuple(claims), tuple(what_ifs))


# ---------------------------------------------------------------- applying

def ingest(documents: Sequence[Document], theatre: Theatre, *, base: Control | None = None,
           base_id: str | None = None, adversaries: Mapping[str, str | None] | None = None,
           date: str | None = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
           base_date: str | None = None) -> IngestResult:
    """Read the documents and apply their claims in date order.

    A later date overrides an earlier one ("earlier" events of a document come
    before the rest of that date); among claims of one date the more confident
    wins and a disagreement is reported as a :class:`Contradiction`. ``base``
    gives the holders that contested places keep; ``adversaries`` (faction ->
    its adversary, from the base scenario) names who gains a place its holder
    left when the text does not say.
    """
    if not 0.0 <= min_confidence <= 1.0:
        raise InputError(f"the minimum confidence must be between 0 and 1, got {min_confidence}",
                         key="min_confidence")
    if date is not None:
        try:
            date = _dt.date.fromisoformat(date).isoformat()
        except ValueError:
            raise InputError(f"a date is YYYY-MM-DD, got {date!r}", key="date") from None
    if not documents:
        raise InputError("name at least one document")
    read = [read_claims(d, theatre, index=i, date=date, adversaries=adversaries,
                        base_date=base_date) for i, d in enumerate(documents)]
    seen: dict[str, int] = {}
    infos: list[DocumentInfo] = []
    per_doc: list[list[Claim]] = []
    for dc in read:
        sid = dc.info.source
        seen[sid] = seen.get(sid, 0) + 1
        if seen[sid] > 1:
            sid = f"{sid}-{seen[sid]}"
        infos.append(replace(dc.info, source=sid))
        per_doc.append([replace(c, source=sid) for c in dc.claims])
    what_ifs = [replace(w, source=infos[i].source) for i, dc in enumerate(read) for w in dc.what_ifs]

    # Claims in the order they apply: date, then "earlier" before the rest, then
    # document date order, then position in the text.
    doc_rank = sorted(range(len(read)), key=lambda i: (infos[i].date or "", i))
    pool: list[Claim] = []
    apply_key: list[tuple] = []
    show_key: list[tuple] = []
    for pos, i in enumerate(doc_rank):
        for c in per_doc[i]:
            rank = c.order[2] if len(c.order) > 2 else 1
            apply_key.append((c.date or "", rank, pos, c.order))
            show_key.append((pos, c.span[0], c.order, c.place, c.kind))
            pool.append(c)

    holder: dict[str, str | None] = {}
    status: dict[str, str] = {}
    if base is not None:
        for pid, h in base.holdings.items():
            holder[pid], status[pid] = h.faction, h.status
    # place -> claims behind its current state: those that give it its holder (all of
    # that holder), then those that contest it in its latest date.
    support_held: dict[str, list[int]] = {}
    support_contest: dict[str, list[int]] = {}
    touched: set[str] = set()
    doc_contested: dict[str, bool] = {}
    applied: set[int] = set()
    why_not: dict[int, str] = {}
    contradictions: list[Contradiction] = []

    groups: dict[tuple, list[int]] = {}
    for uid in sorted(range(len(pool)), key=lambda u: apply_key[u]):
        groups.setdefault(apply_key[uid][:2], []).append(uid)
    for gkey in sorted(groups):
        by_place: dict[str, list[int]] = {}
        for uid in groups[gkey]:
            c = pool[uid]
            if c.kind == "hypothetical":
                continue
            if c.confidence < min_confidence:
                why_not[uid] = f"below the confidence threshold {min_confidence:.2f}"
            elif c.kind in HOLDER_KINDS and not c.faction:
                why_not[uid] = "no faction to give the place to"
            else:
                by_place.setdefault(c.place, []).append(uid)
        for place in sorted(by_place):
            uids = by_place[place]
            hs = [u for u in uids if pool[u].kind in HOLDER_KINDS]
            contests = [u for u in uids if pool[u].kind == "contested"]
            old = holder.get(place)
            if hs:
                # The most confident; of equals, the last.
                best = max(enumerate(hs), key=lambda t: (pool[t[1]].confidence, t[0]))[1]
                new = pool[best].faction
                if len({pool[u].faction for u in hs}) > 1:
                    contradictions.append(Contradiction(
                        place, gkey[0] or None, tuple(pool[u] for u in hs), pool[best]))
                agree = [u for u in hs if pool[u].faction == new]
                for u in hs:
                    if pool[u].faction != new:
                        why_not[u] = (f"outweighed by a more confident claim of the same "
                                      f"date ({new}, {pool[best].confidence:.2f})")
                flipped = any(pool[u].kind in ("captured", "withdrawn") for u in agree)
                live = [u for u in contests if pool[u].faction != new
                        and not (flipped and pool[u].faction is None)]
                for u in contests:
                    if not (pool[u].faction != new and not (flipped and pool[u].faction is None)):
                        why_not[u] = ("superseded by a capture of the same date" if flipped
                                      else "the side pressing on it already holds it")
                holder[place] = new
                if live:
                    status[place], doc_contested[place] = "contested", True
                elif flipped or new != old or place not in status:
                    status[place], doc_contested[place] = "held", False
                # The claims that gave the place its holder still count if it keeps it.
                held = support_held.get(place) if new == old and not flipped else None
                if held is None:
                    support_held[place] = held = []
                held.extend(agree)
                support_contest[place] = live
                applied.update(agree + live)
            else:
                live = [u for u in contests if pool[u].faction is None or pool[u].faction != old]
                for u in contests:
                    if not (pool[u].faction is None or pool[u].faction != old):
                        why_not[u] = "the side pressing on it already holds it"
                if not live:
                    continue
                holder.setdefault(place, None)
                status[place], doc_contested[place] = "contested", True
                support_held.setdefault(place, [])
                support_contest[place] = live
                applied.update(live)
            touched.add(place)

    support = {p: support_held[p] + support_contest[p] for p in support_held}
    final = {u: replace(pool[u], applied=u in applied,
                        notes=pool[u].notes + ((why_not[u],) if u in why_not else ()))
             for u in range(len(pool))}
    claims = tuple(final[u] for u in sorted(final, key=lambda u: show_key[u]))
    control = {p: holder[p] for p in sorted(touched)
               if holder.get(p) and any(pool[u].kind in HOLDER_KINDS for u in support[p])}
    contested = tuple(sorted(p for p in touched if doc_contested.get(p)
                             and status.get(p) == "contested"))
    holdings: dict[str, Holding] = {}
    evidence: dict[str, tuple[Claim, ...]] = {}
    for place in sorted(touched):
        fid = holder.get(place)
        if not fid:
            continue
        used = tuple(final[u] for u in support[place])
        lead = next((c for c in used if c.kind in HOLDER_KINDS), used[0])
        holdings[place] = Holding(fid, status[place], lead.source,
                                  _fact(theatre, place, fid, status[place], used),
                                  lead.date or "")
        evidence[place] = used
    return IngestResult(theatre.id, tuple(infos), claims, MappingProxyType(control), contested,
                        MappingProxyType(holdings), MappingProxyType(evidence), tuple(what_ifs),
                        tuple(contradictions), min_confidence, base_id)


def _fact(theatre: Theatre, place: str, faction: str, status: str,
          claims: Sequence[Claim]) -> str:
    name = theatre.places[place].name if place in theatre.places else place
    info = theatre.factions.get(faction)
    who = info.label if info else faction
    kinds = sorted({c.kind for c in claims})
    tail = ", contested" if status == "contested" else ""
    return (f"{name}: held by the {who}{tail} (sim ingest, from claims: "
            f"{', '.join(kinds) or 'none'})")


def ingest_text(text: str, theatre: Theatre, *, name: str = "<text>", **kw: Any) -> IngestResult:
    """:func:`ingest` of one text given as a string (front matter allowed)."""
    return ingest([parse_document(text, name)], theatre, **kw)


def scenario_data(result: IngestResult, *, id: str, title: str, date: str, theatre: str,
                  extends: str, documents: Sequence[DocumentInfo] | None = None) -> dict:
    """Scenario TOML data that extends a base with the established holdings.

    Each ``[[control]]`` entry names one place, cites its document as the
    source, and carries the supporting sentences (``evidence``) and the
    confidence of the claims behind it.
    """
    docs = documents if documents is not None else result.documents
    out: dict[str, Any] = {
        "scenario": {"id": id, "title": title, "date": date, "theatre": theatre,
                     "extends": extends,
                     "description": "Derived by `sim ingest` from " +
                                    ", ".join(d.file for d in docs) + "."},
        "source": [],
        "control": [],
    }
    for d in docs:
        src = {"id": d.source, "title": d.title or d.file, "date": d.date or ""}
        if d.outlet:
            src["outlet"] = d.outlet
        if d.url:
            src["url"] = d.url
        out["source"].append(src)
    for place, h in result.holdings.items():
        used = result.evidence.get(place, ())
        entry: dict[str, Any] = {"faction": h.faction, "places": [place], "status": h.status,
                                 "source": h.source, "fact": h.fact}
        if h.date:
            entry["date"] = h.date
        entry["evidence"] = list(dict.fromkeys(c.evidence for c in used))
        entry["confidence"] = max((c.confidence for c in used), default=0.0)
        out["control"].append(entry)
    return out
