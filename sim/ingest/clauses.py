"""The clause reader: who did what to which places, in one sentence.

The reader works on a sentence's tokens (:mod:`~sim.ingest.mentions`) in three
steps:

1. **Noun phrases.** Faction phrases are built by productive patterns from the
   theatre's faction names and words: "X-led Y", "Y (ACRONYM)", "fighters /
   units / forces of X", "X's fighters", "pro-X forces", "units loyal to X", a
   faction word before a word for armed men ("Kurdish fighters"), pronouns and
   descriptions resolved by the discourse ledger ("they", "its fighters", "the
   group", "our forces" in the author's statement). Place phrases take their
   appositives and nouns ("the central city of Hama", "Aleppo city", "Daraa
   province"), and are marked when they name something else ("Aleppo airport",
   "the Hama countryside"), a part ("parts of Aleppo"), an edge ("the outskirts
   of Homs") or a location ("north of Hama").
2. **Predicates.** Event phrases of the lexicon, the longest at each word, each
   with its event class (capture, entry, withdrawal, hand-over, holding, loss of
   control, siege, contest, denial, freed) and voice.
3. **Arguments.** For each predicate, its actor (the subject to its left, across
   relative clauses and appositives, or the subject of the verb it is
   coordinated with; the agent after "by"; the speaker of a report), the places
   it governs (its objects, with coordination: "seized Rastan and Talbiseh",
   "moved into Mayadin and into Al-Bukamal"; or its subject for a passive or a
   place-subject phrase: "Hama, the country's fourth city, was captured"), the
   taker after "to" and the loser after "from", and its modality (negated,
   hedged, conditional, denied, unconfirmed).

>>> from sim import io
>>> from sim.ingest.discourse import Ledger
>>> t = io.load_theatre("syria")
>>> text = "Kurdish-led fighters seized Mayadin and Al-Bukamal."
>>> raws, _ = read_sentence(text, 0, len(text), t, Ledger(), "2024-12-07")
>>> [(r.place, r.faction, r.event) for r in raws]
[('mayadin', 'sdf', 'capture'), ('al-bukamal', 'sdf', 'capture')]
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..model import Theatre
from ..names import normalize
from .discourse import Ledger
from .lexicon import Lexicon, Match, lexicon
from .mentions import Names, Tok, names, tokens

_CITYISH = ("city", "town", "port", "village", "")
# How far back (in tokens) the reader looks for a subject, a speaker or an earlier place: a
# clause is never longer, and the bound keeps reading linear in a sentence of any length.
_WINDOW = 40


@dataclass
class Raw:
    """A claim as the reader finds it, before dating and the document's checks."""

    place: str
    faction: str | None
    kind: str
    event: str
    confidence: float
    rule: str
    pos: int
    end: int
    actor: str | None = None
    notes: list[str] = field(default_factory=list)
    recipient_named: bool = False
    hedged: bool = False
    scope: str = "place"
    skip: list[tuple[int, int]] = field(default_factory=list)
    perfect: bool = False
    loser: str | None = None
    clause_start: int = 0
    date_hi: int = 0


@dataclass
class Dropped:
    """A predicate the reader found but did not turn into a claim, and why."""

    reason: str
    places: tuple[str, ...]


@dataclass
class Pred:
    m: Match
    start: int          # token index
    end: int
    subject: Tok | None = None
    clause: int = 0     # token index where its clause starts
    boundary: str = ""  # the word that starts the clause
    bidx: int = -1      # its token index


class _Reader:
    def __init__(self, text: str, start: int, end: int, theatre: Theatre, ledger: Ledger,
                 caseless: bool, author_first_person: bool = True) -> None:
        self.text = text
        self.theatre = theatre
        self.lex: Lexicon = lexicon()
        self.nm: Names = names(theatre)
        self.led = ledger
        self.t: list[Tok] = tokens(text, start, end, self.nm, caseless)
        self.raws: list[Raw] = []
        self.dropped: list[Dropped] = []
        self.hypo: list[Raw] = []
        self.denied_spans: list[tuple[int, int]] = []
        self.seen_places: list[tuple[str, str]] = []

    # ------------------------------------------------------------ helpers

    def has(self, name: str, tok: Tok | None) -> bool:
        return tok is not None and tok.kind == "w" and tok.w in self.lex.sets.get(name, ())

    def words(self) -> list[str]:
        return [t.w if t.kind in ("w", "p") else f"<{t.kind}>" for t in self.t]

    def at(self, i: int) -> Tok | None:
        return self.t[i] if 0 <= i < len(self.t) else None

    def starts(self, name: str, i: int) -> int:
        return self.lex.starts(name, self._words, i)

    # ------------------------------------------------------------ 1. noun phrases

    def chunk(self) -> None:
        self._acronyms()
        self._factions()
        self._places()
        self._words = self.words()

    def _acronyms(self) -> None:
        t, out, i = self.t, [], 0
        while i < len(t):
            tok = t[i]
            # "Syrian Free Army (SFA)": the acronym is dropped, and remembered.
            if tok.kind == "F" and i + 3 < len(t) + 1 and self.at(i + 1) is not None and \
                    t[i + 1].w == "(" and self.at(i + 3) is not None and t[i + 3].w == ")" \
                    and t[i + 2].kind in ("F", "w") and t[i + 2].caps:
                self.led.acronyms[t[i + 2].w] = tok.id
                tok.end = t[i + 3].end
                out.append(tok)
                i += 4
                continue
            if tok.kind == "w" and tok.caps and tok.w in self.led.acronyms and len(tok.w) > 1:
                tok.kind, tok.id, tok.ref = "F", self.led.acronyms[tok.w], "acronym"
            out.append(tok)
            i += 1
        self.t = out

    def _faction_word(self, tok: Tok) -> str | None:
        """The faction a modifier word marks: "kurdish", "turkish-backed", "hts-led"."""
        if tok.kind == "F":
            return tok.id
        if tok.kind != "w":
            return None
        key = normalize(tok.w)
        if key in self.nm.words:
            return self.nm.words[key]
        if "-" in tok.w:
            head, _, tail = tok.w.rpartition("-")
            if tail in self.lex.sets["led"] and normalize(head) in self.nm.words:
                return self.nm.words[normalize(head)]
            if head in self.lex.sets["pro"] and normalize(tail) in self.nm.words:
                return self.nm.words[normalize(tail)]
            if head in self.lex.sets["pro"] and self.nm.faction(normalize(tail).split()):
                return self.nm.faction(normalize(tail).split())
        return None

    def _factions(self) -> None:
        lex, t = self.lex, self.t
        force = lex.sets["force_nouns"]
        out: list[Tok] = []
        i = 0
        last_actor: str | None = None
        while i < len(t):
            tok = t[i]
            nxt = self.at(i + 1)
            # A prefix or suffix glued to a faction: "pro-government", "HTS-led".
            if tok.kind == "F" and tok.prefix in ("anti",):
                tok.kind = "w"
            if tok.kind == "F" and tok.suffix:
                if tok.suffix in lex.sets["led"]:
                    if nxt is not None and nxt.kind == "F":          # "Kurdish-led SDF"
                        nxt.start = tok.start
                        i += 1
                        continue
                    if nxt is not None and nxt.kind == "w" and nxt.w in force:
                        tok.end, tok.suffix = nxt.end, ""
                        i += 1
                elif tok.suffix in lex.events["holding"]["adjectives"]:
                    tok.extra["held_adjective"] = True
            # A faction word before a word for armed men: "Kurdish fighters".
            if tok.kind == "w" and nxt is not None:
                fid = self._faction_word(tok)
                j = i + 1
                while self.at(j) is not None and t[j].kind == "w" and \
                        self._faction_word(t[j]) is None and t[j].w not in force and \
                        t[j].w in lex.sets["place_adjectives"] | {"armed", "local", "allied"} \
                        and j < i + 3:
                    j += 1
                if fid and self.at(j) is not None and t[j].kind == "w" and t[j].w in force:
                    tok = Tok("F", tok.w, tok.start, t[j].end, fid, upper=tok.upper)
                    i = j
                elif fid and self.at(j) is not None and t[j].kind == "F" and "-" in t[i].w:
                    t[j].start = tok.start                            # "Kurdish-led SDF"
                    i += 1
                    continue
            # Words for armed men with their faction after them.
            if tok.kind == "w" and tok.w in force:
                fid, stop, ref = self._force_owner(i)
                if stop > i:
                    tok = Tok("F", tok.w, tok.start, t[stop - 1].end, fid, ref=ref)
                    i = stop - 1
                elif tok.w not in ("command", "offensive", "council", "side", "camp",
                                   "movement", "administration", "authorities", "authority",
                                   "army", "alliance", "coalition", "garrison", "cells",
                                   "ranks", "partners", "allies", "insurgency"):
                    prev = out[-1] if out else None
                    if prev is not None and prev.w == "'s" and len(out) >= 2 and \
                            out[-2].kind == "F":
                        out.pop()                  # "the Damascus government's forces"
                        prev = out[-1]
                    if prev is not None and prev.kind == "F" and prev.end <= tok.start:
                        prev.end = tok.end        # "rebel columns", "the SDF's fighters"
                        i += 1
                        continue
                    if prev is not None and prev.kind == "w" and prev.w in \
                            lex.sets["actor_possessives"] | lex.sets["author_possessives"]:
                        out.pop()
                        author = prev.w in lex.sets["author_possessives"]
                        fid = self.led.author if author else (last_actor or
                                                              self.led.current_actor())
                        tok = Tok("F", tok.w, prev.start, tok.end, fid,
                                  ref="author" if author else "pronoun")
                    elif prev is not None and prev.kind == "w" and prev.w == "the" and \
                            tok.w in lex.sets["actor_descriptions"]:
                        out.pop()
                        tok = Tok("F", tok.w, prev.start, tok.end,
                                  last_actor or self.led.current_actor(), ref="description")
                    elif prev is not None and prev.w in ("and", "with") and len(out) >= 2 and \
                            out[-2].kind == "F" and out[-2].id:
                        # "HTS and allied factions": the allies are counted with it.
                        out.pop()
                        ally = out.pop()
                        tok = Tok("F", ally.w, ally.start, tok.end, ally.id, ref=ally.ref,
                                  oblique=ally.oblique)
                    else:
                        tok = Tok("F", tok.w, tok.start, tok.end, None, ref="unknown")
            # Pronouns and descriptions.
            if tok.kind == "w":
                if tok.w in lex.sets["author_pronouns"] and self.led.author:
                    tok = Tok("F", tok.w, tok.start, tok.end, self.led.author, ref="author")
                elif tok.w in lex.sets["actor_pronouns"]:
                    tok = Tok("F", tok.w, tok.start, tok.end,
                              last_actor or self.led.current_actor(), ref="pronoun")
                elif tok.w == "the" and nxt is not None:
                    k, fid = self._described(i + 1)
                    if fid:
                        tok = Tok("F", "the", tok.start, t[i + k].end, fid, ref="description")
                        i += k
                elif tok.w in self.lex.sets["people"]:
                    tok.kind = "H"
            if tok.kind == "F":
                tok.oblique = self._oblique(out) or bool(tok.extra.get("held_adjective"))
                if tok.id and not tok.oblique:
                    last_actor = tok.id
                if tok.id and not tok.ref:
                    self.led.saw_name(tuple(tok.w.split()), tok.id)
            out.append(tok)
            i += 1
        for k in range(len(out) - 2):
            if out[k].kind == "F" and out[k + 1].w == "'s" and out[k + 2].kind == "w":
                out[k].oblique = True       # "the regime's campaign": a possessor, no doer
        self.t = out

    def _described(self, i: int) -> tuple[int, str | None]:
        """"the Operations Room", "the same forces": the faction a definite description
        after "the" at ``i`` stands for, and how many tokens it takes."""
        words: list[str] = []
        best = (0, None)
        after = self.at(i + 1)
        if after is not None and after.w in ("of", "loyal", ",", "allied", "led", "who",
                                             "that", "which"):
            return best                  # "the fighters of X": the owner says who
        for k in range(i, min(i + 4, len(self.t))):
            if self.t[k].kind != "w":
                break
            words.append(self.t[k].w.replace("-", " "))
            key = tuple(" ".join(words).split())
            if key[:1] == ("same",) and key[1:] in self.led.names:
                best = (k - i + 1, self.led.names[key[1:]])     # "the same factions"
            elif key in self.led.names:
                best = (k - i + 1, self.led.names[key])
            elif " ".join(words) in ("same forces", "same groups", "same fighters", "group",
                                     "alliance", "coalition", "militants", "organisation",
                                     "organization", "same factions", "insurgents", "factions"):
                best = (k - i + 1, self.led.current_actor())
        return best

    def _force_owner(self, i: int) -> tuple[str | None, int, str]:
        """For a word for armed men at ``i``: "fighters of the SFA", "units loyal to the
        army", "fighters of our council", "The fighters, led by HTS,": the faction, the
        index after the phrase, and how it was found."""
        t, lex = self.t, self.lex
        j = i + 1
        comma = self.at(j) is not None and t[j].w == ","
        if comma:
            j += 1
        words = [x.w for x in t[j:j + 4]]
        n = 0
        if words[:1] == ["of"] and not comma:
            n = 1
        else:
            for phrase in lex.multi["loyal"]:
                if tuple(words[:len(phrase)]) == phrase:
                    n = len(phrase)
                    break
        if not n:
            return None, i, ""
        k = j + n
        while self.at(k) is not None and t[k].kind == "w" and t[k].w in {"the", "a"} | \
                lex.sets["place_adjectives"] | {"islamist", "group", "jihadist"} and k < j + n + 4:
            k += 1
        tok = self.at(k)
        if tok is None:
            return None, i, ""
        if tok.kind == "F":
            return tok.id, k + 1, ""
        if tok.kind == "w" and tok.w in lex.sets["author_possessives"] and self.led.author:
            # "fighters of our Deir ez-Zor Military Council"
            m = k + 1
            while self.at(m) is not None and t[m].kind != "p" and m < k + 6 and (
                    t[m].upper or t[m].kind in ("P", "F")):
                m += 1              # the unit's name: "our Deir ez-Zor Military Council"
            return self.led.author, m, "author"
        return None, i, ""

    def _oblique(self, before: list[Tok]) -> bool:
        """Whether a faction after the tokens ``before`` sits in a prepositional phrase
        (or after a verb of fighting): then it is not the subject of what follows."""
        k = len(before) - 1
        while k >= 0 and before[k].kind == "w" and before[k].w in (
                "the", "a", "an", "its", "their", "his", "of", "president", "leader", "prime",
                "minister", "general", "commander", "chief", "syrian", "ousted", "deposed",
                "former", "late", "embattled"):
            if before[k].w == "of":
                return True
            k -= 1
        if k < 0 or before[k].kind != "w":
            return False
        w = before[k].w
        # "the fighters who toppled Assad": the object of a relative clause's verb.
        relative_object = w.endswith("ed") and "-" not in w and k > 0 and \
            before[k - 1].w in self.lex.sets["relatives"]
        return w in self.lex.sets["against"] or w.endswith("ing") or relative_object

    def _places(self) -> None:
        lex, t = self.lex, self.t
        out: list[Tok] = []
        i = 0
        last_place: str | None = None
        while i < len(t):
            tok = t[i]
            if tok.kind == "P":
                kind = self.nm.place_kind.get(tok.id, "")
                nxt, nxt2 = self.at(i + 1), self.at(i + 2)
                # "the city of Hama": taken in by the place.
                self._absorb_lead(out, tok)
                if nxt is not None and nxt.kind == "w" and nxt.w in ("city", "town") and \
                        not (nxt2 is not None and nxt2.w in ("hall", "centre", "center",
                                                               "council", "limits")):
                    tok.end = nxt.end
                    i += 1
                    nxt, nxt2 = self.at(i + 1), self.at(i + 2)
                kind_words = self.lex.kind_words.get(kind, ())
                while nxt is not None and nxt.kind == "w" and nxt.w in kind_words and \
                        tok.end + 1 >= nxt.start:
                    tok.end = nxt.end               # "Kuweires military airport"
                    i += 1
                    nxt, nxt2 = self.at(i + 1), self.at(i + 2)
                if nxt is not None and nxt.kind == "w" and nxt.w in lex.sets["province"]:
                    gov = self._governorate(tok.id)
                    if gov:
                        tok = Tok("V", tok.w, tok.start, nxt.end, gov[0], gov[1])
                        i += 1
                        self._whole(out, tok)
                        out.append(tok)
                        i += 1
                        continue
                if tok.extra.get("held_adjective"):
                    pass
                elif nxt is not None and nxt.kind == "w" and nxt.w in lex.sets["not_the_place"]:
                    if nxt.w not in self.lex.kind_words.get(kind, ()):
                        tok.flag = "other"
                elif nxt is not None and nxt.w == "'s" and nxt2 is not None:
                    j = i + 2
                    while self.at(j) is not None and t[j].w in lex.sets["place_adjectives"] \
                            and j < i + 5:
                        j += 1
                    w = t[j].w if self.at(j) is not None else ""
                    if w in lex.sets["edge"]:
                        tok.flag = "edge"
                    elif w in ("citadel", "square", "centre", "center", "streets", "old",
                               "downtown", "heart", "main"):
                        tok.extra["inner"] = True
                    elif w in lex.sets["partial"]:
                        tok.flag = "part"
                    elif w in lex.sets["not_the_place"] or w in lex.sets["place_nouns"] \
                            or w.endswith(("est", "st")):
                        tok.flag = "other"
                if not tok.flag:
                    self._flag_from_before(out, tok)
                if tok.suffix and tok.flag == "":
                    tok.flag = "other"          # "Aleppo-based", "Homs-born"
                if tok.flag in ("", "part", "edge"):
                    last_place = tok.id
                    if not tok.flag:
                        self.seen_places.append((tok.id, kind))
            elif tok.kind == "w" and tok.w == "the" or tok.kind == "w" and tok.w in (
                    "its", "it"):
                ref = self._place_ref(i, last_place)
                if ref is not None:
                    tok, i = ref
                    out.append(tok)
                    i += 1
                    continue
            elif tok.kind == "w" and tok.w in ("province", "governorate") and out and \
                    out[-1].kind == "w" and out[-1].w in ("the", "this"):
                pass
            out.append(tok)
            i += 1
        self.t = out

    def _absorb_lead(self, out: list[Tok], tok: Tok) -> None:
        """"the (central) city of" before a place: absorbed into it."""
        k = len(out) - 1
        if k >= 0 and out[k].kind == "w" and out[k].w == "of":
            j = k - 1
            while j >= 0 and out[j].kind == "w" and out[j].w in self.lex.sets["place_adjectives"]:
                j -= 1
            if j >= 0 and out[j].kind == "w" and out[j].w in self.lex.sets["place_nouns"] and \
                    out[j].w not in ("cities", "towns", "villages"):
                m = j - 1
                while m >= 0 and out[m].kind == "w" and (
                        out[m].w in self.lex.sets["place_adjectives"] or
                        out[m].w in ("the", "a", "an")):
                    m -= 1
                if m + 1 <= j:
                    tok.start = out[m + 1].start
                    tok.extra["described"] = True
                    del out[m + 1:]

    def _whole(self, out: list[Tok], tok: Tok) -> None:
        """"the whole of", "all of" before a province: taken in."""
        k = len(out)
        while k > 0 and out[k - 1].kind == "w" and out[k - 1].w in ("the", "whole", "all",
                                                                     "of", "entire"):
            k -= 1
        if k < len(out) and any(x.w in ("whole", "all", "entire") for x in out[k:]):
            while out[k].w == "of":
                k += 1
            tok.start = out[k].start
            tok.extra["whole"] = True
            del out[k:]

    def _flag_from_before(self, out: list[Tok], tok: Tok) -> None:
        """"the outskirts of Homs", "north of Hama", "parts of Aleppo", "the countryside of
        Idlib": what the words before a place say it is."""
        k = len(out) - 1
        if k < 0 or out[k].kind != "w" or out[k].w != "of":
            if k >= 0 and out[k].kind == "w" and out[k].w in ("near", "outside", "beyond",
                                                              "past", "between", "via"):
                tok.flag = "loc"
            elif k >= 1 and out[k].w in ("from", "to") and out[k - 1].w in (
                    "road", "highway", "route", "motorway", "corridor", "way", "flights",
                    "link", "line", "convoy", "convoys"):
                tok.flag = "other"              # "the road from Damascus to the coast"
            elif k >= 2 and out[k].w == "to" and out[k - 1].kind == "P" and \
                    out[k - 2].w == "from":
                tok.flag = "other"
                out[k - 1].flag = "other"
            return
        j = k - 1
        while j >= 0 and out[j].kind == "w" and out[j].w in self.lex.sets["place_adjectives"]:
            j -= 1
        w = out[j].w if j >= 0 and out[j].kind == "w" else ""
        if w in self.lex.sets["edge"]:
            tok.flag = "edge"
        elif w in self.lex.sets["partial"]:
            tok.flag = "part"
        elif w in self.lex.sets["location"] or w.endswith(("north", "south", "east", "west")):
            tok.flag = "loc"
        elif w in self.lex.sets["not_the_place_of"] or w in self.lex.sets["not_the_place"]:
            tok.flag = "other"

    def _place_ref(self, i: int, last_place: str | None) -> tuple[Tok, int] | None:
        """"the city", "the northern town", "its outskirts", "the city's edges": a place
        named before. Returns the token and the index of its last word."""
        t, lex = self.t, self.lex
        pid = last_place or self.led.current_place()
        if pid is None:
            return None
        first = t[i]
        j = i + 1
        if first.w in ("its",):
            w = t[j].w if self.at(j) is not None else ""
            if w in lex.sets["edge"] and not (self.at(j + 1) is not None and t[j + 1].w == "of"):
                return Tok("P", "its " + w, first.start, t[j].end, pid, flag="edge",
                           ref="anaphora"), j
            return None
        if first.w == "it":
            return None
        while self.at(j) is not None and t[j].kind == "w" and t[j].w in lex.sets["place_adjectives"] \
                and j < i + 4:
            j += 1
        noun = self.at(j)
        if noun is None or noun.kind != "w" or noun.w not in ("city", "town", "provincial",
                                                             "port"):
            return None
        if noun.w == "provincial":
            if self.at(j + 1) is None or t[j + 1].w != "capital":
                return None
            j += 1
        after = self.at(j + 1)
        if after is not None and after.kind == "w" and after.w == "of":
            return None                          # "the city of X": named after all
        if noun.w == "capital" and self.nm.place_kind.get(pid) != "city":
            return None
        flag = ""
        if after is not None and after.w == "'s":
            w = self.at(j + 2).w if self.at(j + 2) is not None else ""
            if w in lex.sets["edge"]:
                flag, j = "edge", j + 2
            elif w in lex.sets["partial"] or w in ("neighbourhoods", "neighborhoods"):
                flag, j = "part", j + 2
            else:
                flag = "other"
        return Tok("P", " ".join(x.w for x in t[i:j + 1]), first.start, t[j].end, pid,
                   flag=flag, ref="anaphora"), j

    def _governorate(self, pid: str) -> tuple[str, tuple[str, ...]] | None:
        place = self.theatre.places.get(pid)
        gov = getattr(place, "governorate", None) if place else None
        if not gov:
            return None
        members = tuple(sorted(q for q, p in self.theatre.places.items()
                               if getattr(p, "governorate", None) == gov))
        return gov, members

    # ------------------------------------------------------------ 2. predicates

    def predicates(self) -> list[Pred]:
        words = self._words
        out: list[Pred] = []
        i = 0
        while i < len(words):
            if self.t[i].kind != "w":
                i += 1
                continue
            found = self.lex.phrases_at(words, i)
            found = [m for m in found if self._fits(m)]
            if found:
                m = found[0]
                out.append(Pred(m, m.start, m.end))
                i = m.end
            else:
                i += 1
        return out

    def _fits(self, m: Match) -> bool:
        """Whether a phrase found by its words can be what it looks like here."""
        prev = self.at(m.start - 1)
        if m.voice == "noun":
            # A noun event: "the capture of", "their takeover of", "an army withdrawal from".
            nxt = self.at(m.end)
            return nxt is not None and nxt.kind == "w" and nxt.w in ("of", "from", "in", "for",
                                                                     "around", "inside", "on",
                                                                     "to", "at", "within",
                                                                     "over", "across")
        if m.voice in ("passive",) and m.form != "pp":
            return False
        if m.form in ("base", "s") and prev is not None and prev.w in (
                "the", "a", "an", "its", "their", "his", "our", "under", "full", "complete",
                "total", "effective", "firm", "tight", "of", "in"):
            return False            # "under rebel control", "their control": a noun
        before = self.at(m.start - 2)
        if prev is not None and prev.kind == "F" and before is not None and before.w in (
                "under", "in", "of", "into", "from", "with", "by", "within", "to"):
            return False
        return True

    # ------------------------------------------------------------ 3. arguments

    def read(self) -> None:
        self.chunk()
        preds = self.predicates()
        spans = self._frame_spans()
        covered = {k for a, b in spans for k in range(a, b)}
        preds = [p for p in preds if not any(k in covered for k in range(p.start, p.end))]
        for p in preds:
            k = p.end
            while self.at(k) is not None and self.t[k].w in ("the", "a", "an"):
                k += 1
            if self.at(k) is not None and self.t[k].kind == "F":
                self.t[k].oblique = True        # the object of a verb is no doer
        self._starts = [p.start for p in preds]
        self._in_pred = {k for p in preds for k in range(p.start, p.end)}
        self._index = {x.start: n for n, x in enumerate(self.t)}
        for n, p in enumerate(preds):
            self._subject(p, preds[:n])
        for p in preds:
            self._claims(p, preds)
        self._frames(preds)
        self._strongholds()
        self._held_adjectives()
        if self.seen_places:
            self.led.saw_place(*self.seen_places[0])    # the sentence's first place: its topic

    def _subject(self, p: Pred, before: list[Pred]) -> None:
        """The subject of ``p``: the nearest faction to its left in its clause, across
        relative clauses and appositives; else the subject of the predicate it is
        coordinated with."""
        t, lex = self.t, self.lex
        j = p.start - 1
        stop = 0
        k = j
        while k >= 0 and t[k].kind == "w" and (t[k].w in lex.sets["adverbs"] or t[k].w in (
                "has", "have", "had", "is", "was", "will", "would", "could", "not", "to")):
            k -= 1
        if k >= 0 and t[k].kind == "w" and t[k].w == "it":
            fid = self._recent_actor(k)
            t[k] = Tok("F", "it", t[k].start, t[k].end, fid, ref="pronoun")
        floor = max(-1, p.start - _WINDOW)
        while j > floor:
            tok = t[j]
            if tok.kind == "F" and not tok.oblique:
                p.subject, p.clause = tok, j
                self._clause_start(p, j)
                return
            if tok.kind == "H":
                p.clause = j
                p.subject = None
                self._clause_start(p, j)
                return
            if tok.kind == "w" and tok.w in lex.sets["relatives"]:
                if tok.w == "that" and j + 1 < p.start:
                    p.clause, p.boundary, p.bidx = j + 1, "that", j
                    return
                # "the SDF, which took Raqqa": the relative's subject is its antecedent.
                k = j - 1
                if self.at(k) is not None and t[k].w == ",":
                    k -= 1
                ant = self.at(k)
                if ant is not None and ant.kind == "F" and tok.w in ("which", "who", "that"):
                    p.subject, p.clause = ant, k
                    return
                p.clause, p.boundary, p.bidx = j + 1, tok.w, j
                return
            if tok.kind == "w" and tok.w in lex.sets["boundaries"] or tok.w in (";", ":", "(",
                                                                                 ")", '"'):
                # A clause boundary: the subject may be that of a coordinated predicate.
                stop = j + 1
                p.clause, p.boundary, p.bidx = stop, tok.w, j
                break
            if tok.w == "," and self._appositive_ends(j):
                j = self._appositive_start(j)
                continue
            j -= 1
        else:
            p.clause = 0
        # Coordination: "pressed on to the south-east and seized as-Safira".
        if before:
            prev = before[-1]
            between = [x.w for x in t[prev.end:p.start]]
            if prev.subject is not None and "and" in between[-3:] + between[:0] or \
                    prev.subject is not None and between[-1:] == ["and"]:
                p.subject, p.clause = prev.subject, prev.clause

    def _clause_start(self, p: Pred, j: int) -> None:
        k = j - 1
        while k >= 0:
            w = self.t[k].w
            if self.t[k].kind == "w" and (w in self.lex.sets["boundaries"] or
                                          w in self.lex.sets["relatives"]) or w in (";", ":"):
                p.boundary, p.bidx = w, k
                return
            k -= 1

    def _appositive_ends(self, j: int) -> bool:
        """Whether the comma at ``j`` closes an appositive or relative clause that opened at
        an earlier comma of the same sentence: ", led by HTS," ", which took Raqqa in
        2017," ", the country's fourth city,"."""
        return self._appositive_open(j) is not None

    def _appositive_open(self, j: int) -> int | None:
        """The comma that opens the appositive the comma at ``j`` closes (lists of
        names may have commas inside: ", helped by Russia, Iran and militias,")."""
        for k in range(j - 1, max(-1, j - 16), -1):
            w = self.t[k].w
            if w in (";", ":"):
                return None
            if w != ",":
                continue
            first = self.at(k + 1)
            if first is not None and (first.w in self.lex.sets["relatives"] or first.w in (
                    "led", "backed", "helped", "supported", "aided", "the", "a", "an", "on",
                    "in", "also", "who", "which", "its", "their", "once", "until", "now",
                    "some", "about", "according", "with", "along", "together", "as") or
                    first.kind == "P"):
                return k
        return None

    def _closing_comma(self, j: int) -> int:
        """The comma that closes the appositive opened at ``j`` (or ``j``)."""
        for k in range(j + 1, min(len(self.t), j + 16)):
            if self.t[k].w == ",":
                return k
            if self.t[k].w in (";", "."):
                break
        return j

    def _appositive_start(self, j: int) -> int:
        k = self._appositive_open(j)
        return (k if k is not None else j) - 1

    def _objects(self, j: int, event: str, allow_gap: bool = True) -> tuple[list[Tok], int]:
        """The places a predicate ending at ``j`` governs, and the index after them."""
        t, lex = self.t, self.lex
        k, lead = j, 0
        while self.at(k) is not None and t[k].kind == "w" and (
                t[k].w in lex.sets["object_lead"] or t[k].w in lex.sets["place_adjectives"]
                or t[k].w in ("'", '"', "#")) and lead < 5:
            k += 1
            lead += 1
        while self.at(k) is not None and t[k].kind == "p" and t[k].w in ("'", '"', "#"):
            k += 1
        if self.at(k) is not None and t[k].kind == "w" and t[k].w in lex.sets["place_nouns"] \
                and self.at(k + 1) is not None and t[k + 1].w == "," and \
                self.at(k + 2) is not None and t[k + 2].kind == "P":
            k += 2                          # "the capital, Damascus"
        # "the northern outskirts of Homs", "parts of Aleppo": the place carries the mark.
        while self.at(k) is not None and t[k].kind == "w" and (
                t[k].w in lex.sets["edge"] or t[k].w in lex.sets["partial"] or
                t[k].w in ("large", "many", "some")) and self.at(k + 1) is not None and (
                t[k + 1].w == "of" or t[k + 1].w in lex.sets["partial"]):
            k += 2 if t[k + 1].w == "of" else 1
            while self.at(k) is not None and t[k].kind == "w" and t[k].w in ("the",):
                k += 1
        out: list[Tok] = []
        first = self.at(k)
        if first is None:
            return out, k
        if first.kind == "w" and first.w in ("it", "them") and (
                self.led.current_place(1) or self._last_place_before(k)):
            pid = self._last_place_before(k) or self.led.current_place(1)
            return [Tok("P", first.w, first.start, first.end, pid, ref="anaphora")], k + 1
        if first.kind not in ("P", "V"):
            return out, k
        out.append(first)
        after_first = k + 1
        k += 1
        worded: list[bool] = []
        while True:
            m = k
            while self.at(m) is not None and t[m].kind == "p" and t[m].w in ('"', "'"):
                m += 1
            if self.at(m) is not None and t[m].w == ",":
                close = self._closing_comma(m)
                if close > m and close - m <= 7 and not any(
                        x.kind in ("P", "F", "V") for x in t[m + 1:close]) and \
                        self.at(m + 1) is not None and t[m + 1].w in ("its", "the", "a", "an",
                                                                     "their", "which"):
                    m = close                   # "Azaz, its main town, as well as Jarabulus"
                m += 1
            n = self.starts("list_joins", m)
            m += n
            while self.at(m) is not None and t[m].kind == "w" and (
                    t[m].w in ("the", "into", "in", "of", "also", "nearby", "then", "to",
                               "on", "from") or t[m].w in lex.sets["place_adjectives"]) \
                    and m < k + 6:
                m += 1
            nxt = self.at(m)
            if nxt is not None and nxt.kind in ("P", "V") and m > k:
                # "A, B and C", "into A and into B"; an appositive "Palmyra, also known as
                # Tadmur" names the same place again.
                out.append(nxt)
                worded.append(n > 0 or any(x.kind == "w" for x in t[k:m]))
                k = m + 1
                continue
            if nxt is not None and nxt.kind == "w" and nxt.w in ("also", "known") and \
                    self.at(m + 2) is not None and t[m + 2].kind == "P":
                out.append(t[m + 2])
                k = m + 3
                continue
            break
        if worded and not any(worded):
            # "take Homs, Damascus would ...": commas alone make no list.
            return out[:1], after_first
        return out, k

    def _last_place_before(self, k: int) -> str | None:
        for x in reversed(self.t[max(0, k - _WINDOW):k]):
            if x.kind == "P" and x.flag in ("", "part", "edge"):
                return x.id
        return None

    def _places_left(self, i: int) -> tuple[list[Tok], list[tuple[int, int]]]:
        """The places that are the subject of a predicate at ``i`` (passive, place-subject):
        the nearest list to its left, across an appositive or relative clause."""
        t, lex = self.t, self.lex
        j = i - 1
        skip: list[tuple[int, int]] = []
        while j >= 0 and (t[j].w in ('"', "'") or t[j].kind == "w" and (
                t[j].w in lex.sets["be"] or t[j].w in lex.sets["adverbs"] or
                t[j].w in lex.sets["passive_aux"] or t[j].w in lex.sets["place_nouns"] or
                t[j].w in lex.sets["place_adjectives"] or t[j].w.endswith("est") or
                t[j].w in ("has", "have", "had", "not", "also", "which", "that", "now",
                           "since", "the", "a", "an", "largely", "fully"))):
            j -= 1
        if j >= 1 and t[j].w == "," and t[j - 1].kind in ("P", "V"):
            j -= 1                          # "Idlib, under rebel control since 2015,"
        elif j >= 0 and t[j].w == ",":
            # An appositive or relative clause between the place and the verb.
            k = j - 1
            while k >= 0 and t[k].w != ",":
                if t[k].kind == "P" and k == j - 1 and False:
                    break
                k -= 1
            if k >= 0 and k < j - 1 and self.at(k - 1) is not None and t[k - 1].kind in ("P", "V"):
                skip.append((t[k].start, t[j].end))
                j = k - 1
        if j < 0 or t[j].kind not in ("P", "V"):
            # "The Nasib crossing on the border with Jordan is ...": the subject's head
            # before a prepositional phrase.
            for k in range(j, max(-1, j - 9), -1):
                x = t[k]
                if x.kind == "F" or x.w in (",", ";", ":") or x.kind == "w" and (
                        x.w in lex.sets["boundaries"] and x.w not in (
                            "with", "without", "including", "amid", "amidst", "despite",
                            "following") or x.w in lex.sets["relatives"]):
                    break
                if x.kind in ("P", "V") and x.flag == "" and (
                        k == 0 or t[k - 1].w in ("the", ",", "#", "that") or
                        t[k - 1].kind == "p"):
                    return [x], skip
            return [], skip
        out = [t[j]]
        k = j - 1
        while k >= 0:
            m = k
            if m >= 3 and [x.w for x in t[m - 2:m + 1]] == ["also", "known", "as"]:
                m -= 3                          # "Ras al-Ayn, also known as Serekaniye"
                if m >= 0 and t[m].w == ",":
                    m -= 1
                if m >= 0 and t[m].kind == "P":
                    out[0] = t[m]
                    k = m - 1
                    continue
            while m >= 0 and t[m].kind == "w" and (t[m].w in ("and", "as", "well", "the",
                                                              "or")):
                m -= 1
            if m >= 0 and t[m].w == ",":
                m -= 1
            if m >= 0 and m < k + 1 and t[m].kind in ("P", "V") and m != k + 1 and m < j:
                if any(x.w in ("and", ",", "or") for x in t[m + 1:k + 1]):
                    out.insert(0, t[m])
                    k = m - 1
                    continue
            break
        return out, skip

    def _agent(self, j: int, word: str = "by", reach: int = 6) -> Tok | None:
        """The faction after ``word`` within ``reach`` tokens of ``j``."""
        t = self.t
        for k in range(j, min(len(t), j + reach)):
            if t[k].kind == "w" and t[k].w == word:
                m = k + 1
                while self.at(m) is not None and t[m].kind == "w" and t[m].w in {
                        "the", "a", "an", "full", "complete", "total", "control", "of", "hands",
                        "local"} | self.lex.sets["place_adjectives"]:
                    m += 1
                if self.at(m) is not None and t[m].kind == "F":
                    return t[m]
                return None
            if t[k].w in (";", ".") or t[k].kind == "w" and t[k].w in self.lex.sets["boundaries"]:
                return None
        return None

    def _faction_at(self, k: int) -> Tok | None:
        """A faction at ``k``, after articles and words such as "full control of"."""
        t = self.t
        while self.at(k) is not None and t[k].kind == "w" and t[k].w in {
                "the", "a", "an", "full", "complete", "total", "effective", "control", "of",
                "firm", "local", "hands", "newly", "formed"} | self.lex.sets["place_adjectives"]:
            k += 1
        tok = self.at(k)
        return tok if tok is not None and tok.kind == "F" else None

    def _after(self, k: int, word: str) -> Tok | None:
        """A faction right after ``word`` at ``k`` ("to the SDF", "from HTS")."""
        t = self.t
        if self.at(k) is None or t[k].w != word:
            return None
        m = k + 1
        while self.at(m) is not None and t[m].kind == "w" and t[m].w in {"the", "a", "an"} | \
                self.lex.sets["place_adjectives"]:
            m += 1
        tok = self.at(m)
        return tok if tok is not None and tok.kind == "F" else None

    def _speaker(self, i: int) -> str | None:
        """The faction that reports what is said at ``i``: "X said that ...", "a
        spokesman for X wrote ...", or the author of a statement."""
        t = self.t
        for j in range(i - 1, max(-1, i - _WINDOW), -1):
            if t[j].kind == "w" and any(t[j].w in self.lex.forms(v)
                                        for v in self.lex.sets["reporting"]):
                for k in range(j - 1, max(-1, j - _WINDOW), -1):
                    if t[k].kind == "F" and t[k].id:
                        return t[k].id
                    if t[k].w in (";",):
                        break
                break
        return self.led.author

    def _modality(self, p: Pred, end: int) -> tuple[bool, bool, list[str]]:
        """(hedged, negated, notes) of the clause of ``p`` up to token ``end``."""
        t, lex = self.t, self.lex
        lo = max(p.clause, p.start - _WINDOW)
        words = self._words
        hedged = negated = False
        notes: list[str] = []
        if p.boundary in lex.sets["conditionals"] or self._conditional(p):
            hedged = True
            notes.append("conditional")
        k = lo
        while k < p.end:
            if k >= p.start and k < p.end:
                k += 1
                continue
            if t[k].kind == "w":
                n = lex.starts("realis", words, k)
                if n:
                    k += n
                    continue
                n = lex.starts("hedges", words, k)
                month = t[k].w == "may" and (
                    k + 1 < len(t) and t[k + 1].w[:1].isdigit() or k > 0 and t[k - 1].w in (
                        "in", "on", "of", "since", "until", "by", "early", "late", "mid"))
                if (n or t[k].w in lex.sets["modals"]) and not month:
                    hedged = True
                n2 = lex.starts("negations", words, k)
                if n2 and not (t[k].w == "no" and self.at(k + 1) is not None and
                               t[k + 1].w in ("longer",)):
                    negated = True
                elif t[k].w in ("not", "never", "n't") or t[k].w.endswith("n't"):
                    negated = True
                if any(t[k].w in lex.forms(v) for v in ("foil", "repel", "repulse", "thwart")):
                    negated = True
            k += 1
        # "no withdrawal", "not entered": just before the predicate.
        prev = self.at(p.start - 1)
        if prev is not None and prev.w in ("no", "not", "never"):
            negated = True
        for k in range(p.end, min(end + 1, len(t))):
            if t[k].kind == "w" and t[k].w in ("not",) and k == p.end:
                negated = True
        return hedged, negated, notes

    def _conditional(self, p: Pred) -> bool:
        """Whether ``p`` sits in an "if" or "unless" clause (up to its comma)."""
        t = self.t
        for k in range(p.start - 1, max(-1, p.start - _WINDOW), -1):
            w = t[k].w
            if w in (";",):
                return False
            if t[k].kind == "w" and w in ("if", "unless", "whether"):
                return True
            if w == "," and k < p.start - 1:
                nxt = self.at(k + 1)
                if nxt is not None and nxt.kind in ("F", "P") or nxt is not None and \
                        nxt.w in ("the", "damascus"):
                    # "If they take Homs, Damascus ...": the main clause starts here.
                    pass
                return self._if_before(k)
        return False

    def _if_before(self, k: int) -> bool:
        for j in range(k - 1, max(-1, k - _WINDOW), -1):
            if self.t[j].kind == "w" and self.t[j].w in ("if", "unless"):
                return False     # "If X, Y": the clause after the comma is the main clause
            if self.t[j].w in (",", ";"):
                return False
        return False

    def _claims(self, p: Pred, preds: list[Pred]) -> None:
        m, t, lex = p.m, self.t, self.lex
        table = lex.events.get(m.event, {})
        voice = m.voice
        if m.event == "denial":
            self._denial(p)
            return
        if voice == "active" and m.form == "pp" and self._passive_context(p):
            if m.phrase.words[0] in {w for v in table.get("passive", [])
                                     for w in lex.forms(v.split()[0])}:
                voice = "passive"
        places: list[Tok] = []
        actor: Tok | None = None
        recipient: Tok | None = None
        loser: Tok | None = None
        skip: list[tuple[int, int]] = []
        end = p.end
        rule = f"{m.event}-{voice}"
        if voice in ("active", "reinforce", "declare") and m.event == "handover":
            places, end = self._objects(p.end, m.event)
            if self.at(end) is not None and t[end].w == "," and self._appositive_open(
                    self._closing_comma(end)) == end:
                end = self._closing_comma(end) + 1     # "handed X, the main city, over to"
            if self.at(end) is not None and t[end].w in table.get("particle", ()):
                end += 1
            recipient = self._after(end, "to")
            if recipient is None and not places:
                return
            if recipient is None and m.phrase.words[0] in lex.forms("give") | lex.forms(
                    "hand") | lex.forms("turn") | lex.forms("deliver") | lex.forms("transfer"):
                return                   # "handed out", "turned back": no hand-over
            actor = p.subject
        elif voice in ("active", "reinforce", "declare"):
            places, end = self._objects(p.end, m.event)
            actor = p.subject
            if voice == "reinforce" and not places:
                # "bolster the army's defences in Homs": the holder is in the object.
                places, end, actor = self._defences(p)
            if voice == "declare":
                if not places or not self._declared_free(end):
                    return
            if not places:
                places, skip = self._gap_antecedent(p)
            if m.event in ("capture", "loss", "handover"):
                loser = self._after(end, "from")
            if m.event in ("withdrawal", "loss"):
                recipient = self._after(end, "to")
        elif voice == "passive":
            places, skip = self._places_left(p.start)
            actor = self._agent(p.end)
            if m.event == "handover":
                recipient = self._agent(p.end, "to")
            if actor is None and m.event in ("capture", "entry"):
                sid = self._speaker(p.start)
                if sid:
                    actor = Tok("F", "speaker", t[p.start].start, t[p.start].end, sid,
                                ref="speaker")
        elif voice == "place_subject":
            places, skip = self._places_left(p.start)
            actor = self._faction_at(p.end)
            if m.phrase.words[-1] == "under" and actor is None:
                return
            if m.event == "freed" and actor is None:
                fid = self._speaker(p.start) or self.led.current_actor()
                if fid:
                    actor = Tok("F", "free", t[p.start].start, t[p.start].end, fid,
                                ref="pronoun")
        elif voice == "noun":
            places, end, actor, recipient = self._noun_event(p)
        if not places:
            if m.event not in ("contest",) or voice != "noun":
                self.dropped.append(Dropped("the reader found no place it governs", ()))
            return
        hedged, negated, notes = self._modality(p, end)
        start_char = t[min(p.clause, p.start)].start if p.subject is None or p.clause > \
            p.start else min(t[p.clause].start, t[p.start].start)
        end_char = t[min(end, len(t)) - 1].end
        faction = actor.id if actor is not None else None
        kind = table.get("kind", "captured")
        event = m.event
        conf = float(table.get("confidence", 0.8))
        if actor is not None and actor.ref in ("pronoun", "description", "speaker"):
            conf -= 0.05
        if actor is not None and actor.ref == "unknown":
            faction = None
        if voice == "reinforce":
            kind, event, conf = "held", "holding", 0.75
        if event == "withdrawal" and m.phrase.words[0] in lex.forms("flee") | lex.forms("leave") \
                and actor is None:
            return
        perfect = any(x.w == "had" for x in t[max(p.clause, p.start - 3):p.start])
        if p.boundary in ("when", "where") and p.bidx >= 3 and t[p.bidx - 1].w == "," and \
                t[p.bidx - 2].w.isdigit() and len(t[p.bidx - 2].w) == 4:
            # "until December 2016, when government forces retook it": that year's event.
            start_char = min(start_char, t[max(0, p.bidx - 4)].start)
        date_hi = self._next_pred(preds, p.start + 1)
        if m.event == "holding" and m.form in ("pp", "past") and any(
                x.kind == "w" and x.w in ("until", "till") for x in t[end:end + 4]):
            # "Rebels held Saraqib until the winter offensive": a holding that ended.
            self.dropped.append(Dropped("a holding that ended", tuple(x.id for x in places
                                                                       if x.id)))
            return
        aux = self.at(p.start - 1)
        if m.form == "ing" and not hedged and not (aux is not None and aux.w in lex.sets["be"]):
            # "Taking Homs would ...": a gerund subject takes the modal after it.
            hedged = any(x.kind == "w" and x.w in lex.sets["modals"]
                         for x in t[end:end + 4])
        for place in places:
            pid_list = place.ids if place.kind == "V" else (place.id,)
            if place.flag in ("other", "loc"):
                continue
            k, c, note = kind, conf, list(notes)
            scope = "province" if place.kind == "V" else "place"
            if place.flag in ("part", "edge"):
                if kind in ("captured", "held", "contested") and event not in ("withdrawal",):
                    k = "contested"
                    note.append("names part of the place or its edge")
                else:
                    continue
            if place.ref == "anaphora":
                c -= 0.05
            if scope == "province":
                c -= 0.15
                note.append("a claim on the whole province")
            for pid in pid_list:
                raw = Raw(pid, faction, k, event, c, rule, t[p.start].start, end_char,
                          actor=faction, notes=note, scope=scope, skip=skip, perfect=perfect,
                          clause_start=start_char, date_hi=date_hi)
                if k == "withdrawn":
                    raw.actor = faction
                    raw.faction = recipient.id if recipient is not None else None
                    raw.recipient_named = recipient is not None and recipient.id is not None
                if loser is not None:
                    raw.loser = loser.id
                if negated:
                    self.dropped.append(Dropped("negated", (pid,)))
                    continue
                if hedged:
                    raw.hedged = True
                    self.hypo.append(raw)
                    continue
                self.raws.append(raw)

    def _passive_context(self, p: Pred) -> bool:
        t = self.t
        j = p.start - 1
        while j >= 0 and (t[j].kind == "w" and t[j].w in self.lex.sets["adverbs"] or
                          t[j].w in ('"', "'")):
            j -= 1
        if j >= 0 and t[j].kind == "w" and (t[j].w in self.lex.sets["passive_aux"]):
            return True
        nxt = self.at(p.end)
        if nxt is not None and nxt.w == "by":
            return True
        return j >= 0 and t[j].w == "," and self._agent(p.end) is not None

    def _declared_free(self, k: int) -> bool:
        t = self.t
        while self.at(k) is not None and t[k].kind == "p" and t[k].w in ('"', "'"):
            k += 1
        return self.at(k) is not None and t[k].w in self.lex.events["freed"]["adjectives"]

    def _defences(self, p: Pred) -> tuple[list[Tok], int, Tok | None]:
        """"bolster the army's defences around Qusayr", "reinforce its positions in Homs"."""
        t = self.t
        k = p.end
        owner: Tok | None = None
        while self.at(k) is not None and k < p.end + 5:
            if t[k].kind == "F":
                owner = t[k]
            if t[k].kind == "w" and t[k].w in self.lex.events["holding"]["defences"]:
                m = k + 1
                if self.at(m) is not None and t[m].w in ("in", "around", "at", "inside", "of",
                                                          "near"):
                    places, end = self._objects(m + 1, "holding")
                    places = [x for x in places if x.flag != "loc"]
                    return places, end, owner or p.subject
                break
            k += 1
        return [], p.end, None

    def _gap_antecedent(self, p: Pred) -> tuple[list[Tok], list[tuple[int, int]]]:
        """"Aleppo, which the rebels seized", "Raqqa, Hasakah and Qamishli, cities the SDF
        have controlled for years", "Idlib, the province it has run": a transitive
        predicate with no object takes the places its clause is attached to."""
        t, lex = self.t, self.lex
        if p.subject is None:
            return [], []
        nxt = self.at(p.end)
        if nxt is not None and nxt.kind in ("P", "V", "F") or nxt is not None and \
                nxt.kind == "w" and nxt.w in ("the", "a", "an", "its", "their", "his", "control",
                                              "over", "into", "to", "most", "parts", "much"):
            return [], []
        j = p.subject.start
        k = self._index.get(j)
        if k is None:
            return [], []
        k -= 1
        steps = 0
        while k >= 0 and steps < 10 and (t[k].w == "," or t[k].kind == "w" and (
                t[k].w in lex.sets["relatives"] or t[k].w in lex.sets["place_nouns"] or
                t[k].w in lex.sets["place_adjectives"] or t[k].w in lex.sets["be"] or
                t[k].w in lex.sets["adverbs"] or t[k].w in (
                    "the", "a", "an", "'s", "syria", "country", "farther", "further", "west",
                    "east", "north", "south", "one") or t[k].w.endswith(("est", "th", "nd", "rd")))):
            k -= 1
            steps += 1
        if k >= 0 and t[k].kind == "p" and t[k].w == ",":
            k -= 1
        if k < 0 or t[k].kind not in ("P", "V"):
            return [], []
        out = [t[k]]
        m = k - 1
        while m >= 0:
            n = m
            while n >= 0 and t[n].kind == "w" and t[n].w in ("and", "the"):
                n -= 1
            if n >= 0 and t[n].w == ",":
                n -= 1
            if n >= 0 and n < m + 1 and t[n].kind == "P" and n < k:
                out.insert(0, t[n])
                m = n - 1
                continue
            break
        return out, []

    def _noun_event(self, p: Pred) -> tuple[list[Tok], int, Tok | None, Tok | None]:
        """"the capture of Izra", "their takeover of Idlib province", "the withdrawal of
        the army from Homs", "the fall of Daraa to the rebels", "fighting in Hama"."""
        t, m = self.t, p.m
        k = p.end
        actor: Tok | None = None
        recipient: Tok | None = None
        if m.event == "withdrawal":
            if self.at(k) is not None and t[k].w == "of" and self.at(k + 1) is not None:
                j = k + 1
                while self.at(j) is not None and t[j].kind == "w" and t[j].w in ("the", "its",
                                                                                  "their"):
                    j += 1
                if self.at(j) is not None and t[j].kind == "F":
                    actor = t[j]
                    k = j + 1
                    while self.at(k) is not None and t[k].kind in ("F",) or self.at(k) is not \
                            None and t[k].w in ("and", "the", ","):
                        k += 1
            if self.at(k) is None or t[k].w not in ("from", "out"):
                return [], k, None, None
            places, end = self._objects(k + 1, m.event)
        elif m.event == "contest":
            if self.at(k) is None or t[k].w not in self.lex.events["contest"].get(
                    "noun_prepositions", ()):
                return [], k, None, None
            places, end = self._objects(k + 1, m.event)
        else:
            if self.at(k) is None or t[k].w != "of":
                return [], k, None, None
            places, end = self._objects(k + 1, m.event)
            agent = self._after(end, "to") or self._after(end, "by")
            if agent is not None:
                actor = agent
        if actor is None:
            actor = self._noun_owner(p)
        return places, end, actor, recipient

    def _noun_owner(self, p: Pred) -> Tok | None:
        """The doer of a noun event: "the SNA's capture", "their takeover", "an army
        withdrawal", or the subject of the verb whose object it is ("the Operations Room
        announced the capture of")."""
        t = self.t
        j = p.start - 1
        while j >= 0 and t[j].kind == "w" and t[j].w in ("the", "a", "an", "tactical",
                                                          "temporary", "full", "complete",
                                                          "sudden", "orderly", "swift",
                                                          "rapid", "total", "reported",
                                                          "alleged", "'s", "any"):
            j -= 1
        if j >= 0 and t[j].kind == "F":
            return t[j]
        if j >= 0 and t[j].kind == "w" and t[j].w in ("their", "its") and self.led.current_actor():
            return Tok("F", t[j].w, t[j].start, t[j].end, self._recent_actor(j), ref="pronoun")
        # The verb governing the noun, and its subject.
        if j >= 0 and t[j].kind == "w" and any(
                t[j].w in self.lex.forms(v) for v in ("announce", "complete", "confirm",
                                                      "claim", "declare", "celebrate",
                                                      "order", "carry", "finish", "report")):
            for k in range(j - 1, max(-1, j - _WINDOW), -1):
                if t[k].kind == "F" and not t[k].oblique:
                    return t[k]
                if t[k].kind == "w" and t[k].w in self.lex.sets["boundaries"] or \
                        t[k].w in (";", ":"):
                    break
        return None

    def _recent_actor(self, j: int) -> str | None:
        for x in reversed(self.t[max(0, j - _WINDOW):j]):
            if x.kind == "F" and x.id and not x.oblique:
                return x.id
        return self.led.current_actor()

    def _denial(self, p: Pred) -> None:
        """"The ministry denied that troops had left Homs", "there was no truth to reports
        of an army withdrawal from Homs", "the ministry called that information false":
        what is denied is not applied, and the denier keeps the places it names."""
        t = self.t
        denier = self._recent_actor(p.start)
        if p.subject is not None and p.subject.id:
            denier = p.subject.id
        self.denied_spans.append((t[p.start].start, t[-1].end if t else 0))
        self.dropped.append(Dropped("denied", ()))
        self.denier = getattr(self, "denier", None) or denier
        self.denial_at = getattr(self, "denial_at", None) or t[p.start].start

    # ------------------------------------------------------------ descriptive phrases

    def _frame_spans(self) -> list[tuple[int, int]]:
        """Token ranges of the holding frames ("in rebel hands") of the sentence."""
        t, out = self.t, []
        for frame in self.lex.events["holding"]["frames"]:
            words = frame.split()
            n = len(words)
            for i in range(len(t) - n + 1):
                if all((t[i + k].kind == "F" or t[i + k].w in self.lex.sets["actor_possessives"])
                       if w == "{f}" else t[i + k].kind == "w" and t[i + k].w == w
                       for k, w in enumerate(words)):
                    out.append((i, i + n))
        return out

    def _frames(self, preds: list[Pred]) -> None:
        """"Hama is back in rebel hands", "Idlib, under rebel control since 2015,", "the
        villages lie behind rebel lines": a frame with a faction in it, and its place."""
        t, lex = self.t, self.lex
        for frame in lex.events["holding"]["frames"]:
            words = frame.split()
            fi = words.index("{f}")
            n = len(words)
            for i in range(len(t) - n + 1):
                ok = True
                for k, w in enumerate(words):
                    if k == fi:
                        x = t[i + k]
                        if x.kind == "w" and x.w in lex.sets["actor_possessives"] | \
                                lex.sets["author_possessives"]:
                            author = x.w in lex.sets["author_possessives"]
                            t[i + k] = Tok("F", x.w, x.start, x.end, self.led.author if author
                                           else self._recent_actor(i + k), ref="pronoun")
                        elif x.kind != "F":
                            ok = False
                            break
                    elif t[i + k].kind != "w" or t[i + k].w != w:
                        ok = False
                        break
                if not ok:
                    continue
                if i in self._in_pred:
                    continue
                fac = t[i + fi]
                places, skip = self._places_left(i)
                verb = self.at(i - 1)
                captured = verb is not None and verb.kind == "w" and any(
                    verb.w in lex.forms(v) for v in ("fall", "come", "pass", "return", "go"))
                partly = verb is not None and verb.w in ("partly", "partially", "half")
                if not places:
                    continue
                pseudo = Pred(Match(lex.phrases_at(["hold"], 0)[0].phrase, i, i + n, "base"),
                              i, i + n)
                pseudo.clause = max(0, i - 8)
                hedged, negated, notes = self._modality(pseudo, i + n)
                for place in places:
                    if place.flag in ("other", "loc"):
                        continue
                    ids = place.ids if place.kind == "V" else (place.id,)
                    for pid in ids:
                        conf = 0.85 if not captured else 0.85
                        scope = "province" if place.kind == "V" else "place"
                        if scope == "province":
                            conf -= 0.15
                        raw = Raw(pid, fac.id, "contested" if partly else
                                  "captured" if captured else "held",
                                  "capture" if captured else "holding", conf,
                                  "frame", t[i].start, t[i + n - 1].end, actor=fac.id,
                                  notes=list(notes), scope=scope, skip=skip,
                                  clause_start=place.start,
                                  date_hi=self._next_pred(preds, i + n))
                        if negated:
                            self.dropped.append(Dropped("negated", (pid,)))
                        elif hedged:
                            raw.hedged = True
                            self.hypo.append(raw)
                        elif fac.id:
                            self.raws.append(raw)

    def _next_pred(self, preds: list[Pred], i: int) -> int:
        """The character where the first predicate at or after token ``i`` starts."""
        k = bisect_left(self._starts, i)
        return self.t[self._starts[k]].start if k < len(self._starts) else self.t[-1].end

    def _strongholds(self) -> None:
        """"the government strongholds of Latakia and Tartus", "Latakia and Tartus remain
        government strongholds", "Deir ez-Zor, a government bastion"."""
        t, lex = self.t, self.lex
        nouns = set(lex.events["holding"]["strongholds"])
        for i, tok in enumerate(t):
            if tok.kind != "w" or tok.w not in nouns:
                continue
            j = i - 1
            while j >= 0 and t[j].kind == "w" and t[j].w in lex.sets["place_adjectives"] | {
                    "'s", "main", "last", "key", "coastal", "traditional", "alawite", "own"}:
                j -= 1
            if j < 0 or t[j].kind != "F" or not t[j].id:
                continue
            fac = t[j]
            places: list[Tok] = []
            after = self.at(i + 1)
            if after is not None and after.w in ("of", "in", "at", "such", "including", "like",
                                                 ","):
                k = i + 2 if after.w != "such" else i + 3
                places, _ = self._objects(k, "holding")
            if not places:
                places, _ = self._places_left(j if t[j - 1].w not in ("a", "an", "the") else j - 1)
                if not places:
                    k = j - 1
                    while k >= 0 and t[k].kind == "w" and t[k].w in {"a", "an", "the", "its",
                                                                     "their"} | lex.sets["be"] | \
                            lex.sets["adverbs"]:
                        k -= 1
                    if k >= 0 and t[k].w == ",":
                        k -= 1
                    if k >= 0 and t[k].kind == "P":
                        places = [t[k]]
            if any(x.w in ("until", "formerly", "once", "former") for x in t[max(0, j - 4):j]):
                continue
            for place in places:
                if place.flag:
                    continue
                self.raws.append(Raw(place.id, fac.id, "held", "holding", 0.75, "stronghold",
                                     min(place.start, fac.start), max(place.end, tok.end),
                                     actor=fac.id, clause_start=min(place.start, fac.start)))

    def _held_adjectives(self) -> None:
        """"rebel-held Idlib", "opposition-held Aleppo"."""
        t = self.t
        for i, tok in enumerate(t):
            if tok.kind == "F" and tok.extra.get("held_adjective") and tok.id:
                k = i + 1
                while self.at(k) is not None and t[k].kind == "w" and \
                        t[k].w in self.lex.sets["place_adjectives"]:
                    k += 1
                place = self.at(k)
                if place is not None and place.kind == "P" and not place.flag:
                    self.raws.append(Raw(place.id, tok.id, "held", "holding", 0.85,
                                         "held-adjective", tok.start, place.end, actor=tok.id,
                                         clause_start=tok.start))


def read_sentence(text: str, start: int, end: int, theatre: Theatre, ledger: Ledger,
                  doc_date: str | None, caseless: bool = False):
    """The claims of one sentence (realis, hypothetical) as :class:`Raw` lists, for the
    document reader (:mod:`sim.ingest.read`), which dates them and applies the rest of
    the document's checks."""
    r = _Reader(text, start, end, theatre, ledger, caseless)
    r.read()
    return r.raws, r


def sentence_places(reader: _Reader) -> list[str]:
    """The places a read sentence names as themselves."""
    return list(dict.fromkeys(t.id for t in reader.t if t.kind == "P" and t.id and
                              t.ref != "anaphora"))
