"""The ingest lexicon: the English words the reader knows, from a data file.

Word lists live in ``sim/data/ingest/lexicon.toml`` (event verbs and nouns,
hedges, negations, clause words) and in each theatre's ``factions.toml``
(faction names and the words that mark a faction). This module loads the
first, makes the inflected forms of its verbs and indexes its phrases by their
first word, so that the reader finds the longest phrase at each word.

>>> lex = lexicon()
>>> sorted(lex.forms("capture"))
['capture', 'captured', 'captures', 'capturing']
>>> lex.forms("take")["taken"]
'pp'
>>> [(p.event, p.voice) for p in lex.phrases_at(["took", "control", "of", "hama"], 0)][:1]
[('capture', 'active')]
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

LEXICON_FILE = Path(__file__).resolve().parent.parent / "data" / "ingest" / "lexicon.toml"

_BE = ("be", "is", "are", "was", "were", "been", "being", "am")
_VOWELS = set("aeiou")


@dataclass(frozen=True)
class Phrase:
    """One phrase of the lexicon: its words (the first inflected), event class, voice."""

    words: tuple[str, ...]
    event: str
    voice: str          # active, passive, place_subject, noun, declare, reinforce, denial
    kind: str
    confidence: float


@dataclass(frozen=True)
class Match:
    """A phrase found at ``start``; ``end`` is past its last word; ``form`` the kind of
    form its first word has (base, s, past, pp, ing, noun)."""

    phrase: Phrase
    start: int
    end: int
    form: str

    @property
    def event(self) -> str:
        return self.phrase.event

    @property
    def voice(self) -> str:
        return self.phrase.voice


class Lexicon:
    """The loaded lexicon: word sets and an index of event phrases."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.irregular = {k: tuple(v) for k, v in data.get("irregular", {}).items()}
        words = data.get("words", {})
        self.sets: dict[str, frozenset[str]] = {}
        for section in ("words", "modality", "clauses", "names"):
            for key, value in data.get(section, {}).items():
                if isinstance(value, list):
                    self.sets[key] = frozenset(v.lower() for v in value)
        self.kind_words = {k: frozenset(v) for k, v in words.get("kind_words", {}).items()}
        self.events = data.get("events", {})
        self._index: dict[str, list[tuple[Phrase, str]]] = {}
        for event, table in self.events.items():
            kind = table.get("kind", "")
            conf = float(table.get("confidence", 0.8))
            for voice in ("active", "passive", "place_subject", "declare", "reinforce", "verbs"):
                for text in table.get(voice, []):
                    self._add(Phrase(tuple(text.split()), event, voice, kind, conf), verb=True)
            for voice in ("nouns", "phrases"):
                for text in table.get(voice, []):
                    self._add(Phrase(tuple(text.split()), event,
                                     "noun" if voice == "nouns" else "denial", kind, conf),
                              verb=False)
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[0].words))
        # Phrases whose first word is a verb match in every form ("threatens to storm").
        for name in ("hedges", "realis", "foiled", "negations"):
            grown = set(self.sets.get(name, ()))
            for entry in list(grown):
                first, _, rest = entry.partition(" ")
                if rest and first.isalpha() and len(first) > 2:
                    grown |= {f"{form} {rest}" for form in self.forms(first)}
            self.sets[name] = frozenset(grown)
        # Holding frames by their first word: "in {f} hands" under "in".
        self.frames: dict[str, list[tuple[str, ...]]] = {}
        for frame in self.events.get("holding", {}).get("frames", []):
            words = tuple(frame.split())
            self.frames.setdefault(words[0], []).append(words)
        self.skippable = self.sets["adverbs"] | {"'s", "full", "complete", "total", "firm"}
        # Multi-word entries of some sets, as word tuples, for matching at a position.
        self.multi: dict[str, tuple[tuple[str, ...], ...]] = {
            name: tuple(sorted((tuple(v.split()) for v in values), key=len, reverse=True))
            for name, values in self.sets.items()}

    def _add(self, phrase: Phrase, verb: bool) -> None:
        first, rest = phrase.words[0], phrase.words[1:]
        forms = self.forms(first) if verb else {first: "noun"}
        for form, how in forms.items():
            self._index.setdefault(form, []).append(
                (Phrase((form, *rest), phrase.event, phrase.voice, phrase.kind,
                        phrase.confidence), how))

    @functools.lru_cache(maxsize=4096)
    def forms(self, base: str) -> dict[str, str]:
        """Every form of the verb ``base``: form -> base, s, past, pp or ing."""
        if base == "be":
            return {w: ("pp" if w == "been" else "ing" if w == "being" else "base")
                    for w in _BE}
        if base in self.irregular:
            past, pp, ing = self.irregular[base]
            out = {base: "base", _s(base): "s", past: "past", ing: "ing"}
            out[pp] = "pp"              # "pp": a past participle, or past and participle
            return out
        if base.endswith("e"):
            past, ing = base + "d", base[:-1] + "ing"
        elif base.endswith("y") and base[-2:-1] not in _VOWELS:
            past, ing = base[:-1] + "ied", base + "ing"
        elif (len(base) <= 4 and len(base) >= 3 and base[-1] not in _VOWELS | set("wxy")
              and base[-2] in _VOWELS and base[-3] not in _VOWELS):
            past, ing = base + base[-1] + "ed", base + base[-1] + "ing"
        else:
            past, ing = base + "ed", base + "ing"
        return {base: "base", _s(base): "s", past: "pp", ing: "ing"}

    @functools.lru_cache(maxsize=64)
    def verb_forms(self, name: str) -> frozenset[str]:
        """Every form of every verb of the list ``name`` ("reporting": said, wrote...)."""
        return frozenset(f for v in self.sets.get(name, ()) for f in self.forms(v.split()[0]))

    @functools.lru_cache(maxsize=64)
    def passive_forms(self, event: str) -> frozenset[str]:
        """The forms of the verbs event class ``event`` reads in the passive."""
        return frozenset(f for v in self.events.get(event, {}).get("passive", [])
                         for f in self.forms(v.split()[0]))

    def phrases_at(self, words: list[str], i: int) -> list[Match]:
        """The phrases that start at ``words[i]``, longest first. Adverbs may sit between
        a phrase's words ("took full control of", "are now in")."""
        out: list[Match] = []
        for phrase, how in self._index.get(words[i], ()):
            end = self._match_rest(words, i + 1, phrase.words[1:])
            if end is not None:
                out.append(Match(phrase, i, end, how))
        out.sort(key=lambda m: (-(len(m.phrase.words)), m.end))
        return out

    def _match_rest(self, words: list[str], j: int, rest: tuple[str, ...]) -> int | None:
        for want in rest:
            skipped = 0
            while j < len(words) and words[j] != want and words[j] in self.skippable \
                    and skipped < 2:
                j += 1
                skipped += 1
            if j >= len(words) or words[j] != want:
                return None
            j += 1
        return j

    def starts(self, name: str, words: list[str], i: int) -> int:
        """The number of words of the longest entry of list ``name`` at ``words[i]``
        (0 if none)."""
        for entry in self.multi.get(name, ()):
            if tuple(words[i:i + len(entry)]) == entry:
                return len(entry)
        return 0

    def has(self, name: str, word: str) -> bool:
        return word in self.sets.get(name, ())


def _s(base: str) -> str:
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in _VOWELS:
        return base[:-1] + "ies"
    return base + "s"


@functools.lru_cache(maxsize=4)
def lexicon(path: str | None = None) -> Lexicon:
    """The lexicon of ``path`` (default: the bundled ``lexicon.toml``), loaded once."""
    with open(path or LEXICON_FILE, "rb") as fh:
        return Lexicon(tomllib.load(fh))
