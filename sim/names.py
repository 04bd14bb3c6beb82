"""Name resolution: case-, accent- and punctuation-insensitive lookup.

Documents spell places many ways (Homs, Hims, Ḥimṣ; Deir ez-Zor, Deir el-Zor,
Dayr az-Zawr). A :class:`NameIndex` maps every spelling of every entry to its
id, and proposes the closest known names when a lookup fails.

>>> idx = NameIndex("place", {"homs": ["Homs", "Hims"], "deir-ez-zor": ["Deir ez-Zor"]})
>>> idx.resolve("Ḥimṣ")
'homs'
>>> idx.resolve("deir el-zor")
'deir-ez-zor'
>>> idx.resolve("Hmos")
Traceback (most recent call last):
...
sim.errors.UnknownNameError: unknown place 'Hmos'; did you mean: homs?
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from .errors import SimError, UnknownNameError

_APOSTROPHES = re.compile(r"[’‘'`ʿʾʼ´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Arabic article forms, dropped for the loose key only ("Deir el-Zor" ~ "Deir ez-Zor").
_ARTICLES = {"al", "el", "ad", "ed", "ar", "er", "as", "es", "az", "ez", "an", "en",
             "ash", "esh", "at", "et", "ath", "adh", "the"}


def normalize(text: str) -> str:
    """Lowercase ASCII words separated by single spaces.

    >>> normalize("  Ḥimṣ ")
    'hims'
    >>> normalize("Dar'a")
    'dara'
    >>> normalize("Ma‘arrat al-Nu‘man")
    'maarrat al numan'
    """
    if not text.isascii():  # NFKD leaves ASCII text as it is: skip it for speed
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text).lower()
    return _NON_ALNUM.sub(" ", text).strip()


_NON_ALNUM_LINES = re.compile(r"[^a-z0-9\n]+")
_LINE_EDGES = re.compile(r"(?m)^ +| +$")


def normalize_many(texts: list[str]) -> list[str]:
    """:func:`normalize` of every text, in one pass over them all (a large theatre's names).

    >>> normalize_many(["  Ḥimṣ ", "Dar'a", "Deir ez-Zor"])
    ['hims', 'dara', 'deir ez zor']
    """
    out = list(texts)
    plain = [i for i, t in enumerate(out) if t.isascii() and "\n" not in t]
    if len(plain) < len(out):
        for i in set(range(len(out))).difference(plain):
            out[i] = normalize(out[i])
    if plain:
        blob = _APOSTROPHES.sub("", "\n".join(out[i] for i in plain)).lower()
        blob = _LINE_EDGES.sub("", _NON_ALNUM_LINES.sub(" ", blob))
        for i, key in zip(plain, blob.split("\n")):
            out[i] = key
    return out


def loose_key(text: str) -> str:
    """The normalized name without articles or spaces.

    >>> loose_key("Deir el-Zor") == loose_key("Deir ez-Zor")
    True
    """
    return _loose(normalize(text))


def _loose(normalized: str) -> str:
    words = normalized.split()
    kept = [w for w in words if w not in _ARTICLES] or words
    return "".join(kept)


class AmbiguousNameError(SimError):
    """A name that two entries of the same index both claim."""


class NameIndex:
    """Resolve spellings to ids for one kind of entry (place, faction, ...).

    ``spellings`` maps each id to the names it may be called by; the id itself
    always counts as one of them.
    """

    def __init__(self, kind: str, spellings: Mapping[str, Iterable[str]]) -> None:
        self.kind = kind
        self.ids = sorted(spellings)
        self._exact: dict[str, str] = {}
        # loose key -> its one owner, or "" when several entries share it
        self._loose: dict[str, str] = {}
        clashes: list[str] = []
        names = [[ident, *spellings[ident]] for ident in self.ids]
        keys = iter(normalize_many([name for group in names for name in group]))
        for ident, group in zip(self.ids, names):
            for name in group:
                key = next(keys)
                if not key:
                    continue
                owner = self._exact.setdefault(key, ident)
                if owner != ident:
                    clashes.append(f"{name!r} names both {owner} and {ident}")
                loose = _loose(key)
                if self._loose.setdefault(loose, ident) != ident:
                    self._loose[loose] = ""
        if clashes:
            raise AmbiguousNameError(f"ambiguous {kind} names: " + "; ".join(clashes))

    def spellings(self) -> Mapping[str, str]:
        """Every normalized spelling and the id it names (read-only)."""
        return MappingProxyType(self._exact)

    def loose_spellings(self) -> Mapping[str, str]:
        """Every loose key (:func:`loose_key`) and its one owner, or "" where several
        entries share it (read-only)."""
        return MappingProxyType(self._loose)

    def loose_owner(self, loose: str) -> str | None:
        """The one id whose loose key (:func:`loose_key`) is ``loose``, or None."""
        return self._loose.get(loose) or None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.lookup(name) is not None

    def lookup(self, name: str) -> str | None:
        """The id ``name`` stands for, or None."""
        key = normalize(name)
        if key in self._exact:
            return self._exact[key]
        return self._loose.get(_loose(key)) or None

    def resolve(self, name: str) -> str:
        """The id ``name`` stands for; :class:`UnknownNameError` with suggestions if none."""
        found = self.lookup(name)
        if found is None:
            raise UnknownNameError(self.kind, name, self.suggest(name))
        return found

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Up to ``n`` ids whose spellings are closest to ``name``."""
        close = difflib.get_close_matches(normalize(name), list(self._exact), n=12, cutoff=0.5)
        out: list[str] = []
        for key in close:
            ident = self._exact[key]
            if ident not in out:
                out.append(ident)
        return out[:n]
