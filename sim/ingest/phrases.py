"""Noun phrases: the factions and places a sentence speaks of, as the reader sees them.

Faction phrases are built by productive patterns from the theatre's faction
names and words (``factions.toml``): "X-led Y", "Y (ACRONYM)", "fighters /
units / forces of X", "X's fighters", "pro-X forces", "units loyal to X", a
faction word before a word for armed men ("Kurdish fighters"), pronouns and
descriptions that the discourse ledger resolves ("they", "its fighters", "the
group", "the Operations Room", "our forces" in the author's statement). Place
phrases take their nouns and appositives ("the central city of Hama", "Aleppo
city", "Daraa province") and are marked when they name something else ("Aleppo
airport", "the Hama countryside"), a part ("parts of Aleppo"), an edge ("the
outskirts of Homs") or a location ("north of Hama").
"""

from __future__ import annotations

from ..names import normalize
from .mentions import Tok



class Phrases:
    """The noun-phrase pass of the clause reader (mixed into it)."""

    def has(self, name: str, tok: Tok | None) -> bool:
        return tok is not None and tok.kind == "w" and tok.w in self.lex.sets.get(name, ())

    def words(self) -> list[str]:
        return [t.w if t.kind in ("w", "p") else f"<{t.kind}>" for t in self.t]

    def at(self, i: int) -> Tok | None:
        return self.t[i] if 0 <= i < len(self.t) else None

    def starts(self, name: str, i: int) -> int:
        return self.lex.starts(name, self._words, i)

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
        """Faction phrases, in one pass from left to right: a pronoun takes the last doer."""
        t = self.t
        out: list[Tok] = []
        i = 0
        last_actor: str | None = None
        while i < len(t):
            tok = t[i]
            skip = self._glued(tok, i)
            if skip is not None:
                i = skip
                continue
            tok, i, merged = self._phrase(tok, i, out, last_actor)
            if merged:
                i += 1
                continue
            if tok.kind == "w":
                tok, i = self._pronoun(tok, i, last_actor)
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

    def _glued(self, tok: Tok, i: int) -> int | None:
        """A prefix or suffix glued to a faction ("pro-government", "HTS-led",
        "rebel-held"); the index to go on from when the token merged into the next."""
        lex, nxt = self.lex, self.at(i + 1)
        if tok.kind == "F" and tok.prefix in ("anti",):
            tok.kind = "w"
        if tok.kind != "F" or not tok.suffix:
            return None
        if tok.suffix in lex.sets["led"]:
            if nxt is not None and nxt.kind == "F":          # "Kurdish-led SDF"
                nxt.start = tok.start
                return i + 1
            if nxt is not None and nxt.kind == "w" and nxt.w in lex.sets["force_nouns"]:
                tok.end, tok.suffix = nxt.end, ""
                del self.t[i + 1]                                   # taken in
        elif tok.suffix in lex.events["holding"]["adjectives"]:
            tok.extra["held_adjective"] = True
        return None

    def _phrase(self, tok: Tok, i: int, out: list[Tok],
                last_actor: str | None) -> tuple[Tok, int, bool]:
        """A faction word before a word for armed men ("Kurdish fighters"), or a word for
        armed men with its owner ("fighters of the SFA", "its units", "the group")."""
        t, lex = self.t, self.lex
        force = lex.sets["force_nouns"]
        if tok.kind == "w" and self.at(i + 1) is not None:
            fid = self._faction_word(tok)
            j = i + 1
            while self.at(j) is not None and t[j].kind == "w" and \
                    self._faction_word(t[j]) is None and t[j].w not in force and \
                    t[j].w in lex.sets["place_adjectives"] | {"armed", "local", "allied"} \
                    and j < i + 3:
                j += 1
            if fid and self.at(j) is not None and t[j].kind == "w" and t[j].w in force:
                return Tok("F", tok.w, tok.start, t[j].end, fid, upper=tok.upper), j, False
            if fid and self.at(j) is not None and t[j].kind == "F" and "-" in t[i].w:
                t[j].start = tok.start                            # "Kurdish-led SDF"
                return tok, i, True
        if tok.kind != "w" or tok.w not in force:
            return tok, i, False
        fid, stop, ref = self._force_owner(i)
        if stop > i:
            return Tok("F", tok.w, tok.start, t[stop - 1].end, fid, ref=ref), stop - 1, False
        if tok.w in self.lex.sets["not_alone"]:
            return tok, i, False
        return self._owned(tok, i, out, last_actor)

    def _owned(self, tok: Tok, i: int, out: list[Tok],
               last_actor: str | None) -> tuple[Tok, int, bool]:
        """A word for armed men and what is before it: "the SDF's fighters", "their
        units", "the group", "HTS and allied factions", or nobody named."""
        lex = self.lex
        prev = out[-1] if out else None
        if prev is not None and prev.w == "'s" and len(out) >= 2 and out[-2].kind == "F":
            out.pop()                  # "the Damascus government's forces"
            prev = out[-1]
        if prev is not None and prev.kind == "F" and prev.end <= tok.start:
            prev.end = tok.end        # "rebel columns", "the SDF's fighters"
            return tok, i, True
        if prev is not None and prev.kind == "w" and prev.w in \
                lex.sets["actor_possessives"] | lex.sets["author_possessives"]:
            out.pop()
            author = prev.w in lex.sets["author_possessives"]
            fid = self.led.author if author else (last_actor or self.led.current_actor())
            return Tok("F", tok.w, prev.start, tok.end, fid,
                       ref="author" if author else "pronoun"), i, False
        if prev is not None and prev.kind == "w" and prev.w == "the" and \
                tok.w in lex.sets["actor_descriptions"]:
            out.pop()
            return Tok("F", tok.w, prev.start, tok.end, last_actor or self.led.current_actor(),
                       ref="description"), i, False
        if prev is not None and prev.w in ("and", "with") and len(out) >= 2 and \
                out[-2].kind == "F" and out[-2].id:
            # "HTS and allied factions": the allies are counted with it.
            out.pop()
            ally = out.pop()
            return Tok("F", ally.w, ally.start, tok.end, ally.id, ref=ally.ref,
                       oblique=ally.oblique), i, False
        return Tok("F", tok.w, tok.start, tok.end, None, ref="unknown"), i, False

    def _pronoun(self, tok: Tok, i: int, last_actor: str | None) -> tuple[Tok, int]:
        """"we" (the author), "they" (the last doer), "the Operations Room" (a faction
        named before), and people who are no faction ("residents")."""
        lex = self.lex
        if tok.w in lex.sets["author_pronouns"] and self.led.author:
            return Tok("F", tok.w, tok.start, tok.end, self.led.author, ref="author"), i
        if tok.w in lex.sets["actor_pronouns"]:
            return Tok("F", tok.w, tok.start, tok.end, last_actor or self.led.current_actor(),
                       ref="pronoun"), i
        if tok.w == "the" and self.at(i + 1) is not None:
            k, fid = self._described(i + 1)
            if fid:
                return Tok("F", "the", tok.start, self.t[i + k].end, fid,
                           ref="description"), i + k
        elif tok.w in lex.sets["people"]:
            tok.kind = "H"
        return tok, i

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
        while self.at(k) is not None and t[k].kind == "w" and (t[k].w in {"the", "a"} |
                lex.sets["place_adjectives"] | {"islamist", "group", "jihadist"} or
                self._faction_word(t[k])) and k < j + n + 4:
            k += 1                              # "fighters of the Kurdish-led SDF"
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
        while k >= 0 and before[k].kind == "w" and (before[k].w in self.lex.sets["titles"] or
                                                     before[k].w == "of"):
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
                    pass                        # "rebel-held Idlib": the place itself
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
                    self.seen_places.append((tok.id, kind))
            elif tok.kind == "w" and tok.w == "the" or tok.kind == "w" and tok.w in (
                    "its", "it"):
                ref = self._place_ref(i, last_place)
                if ref is not None:
                    tok, i = ref
                    out.append(tok)
                    i += 1
                    continue
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
        if noun is not None and noun.kind == "w" and noun.w in ("crossing", "base", "airbase",
                                                               "airport") and last_place:
            # "the crossing": the place just named, if it is one
            kind = self.nm.place_kind.get(last_place)
            if noun.w in self.lex.kind_words.get(kind, ()):
                return Tok("P", " ".join(x.w for x in t[i:j + 1]), first.start, noun.end,
                           last_place, ref="anaphora"), j
            return None
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
