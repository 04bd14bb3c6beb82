"""Descriptive phrases: holdings that a sentence states without an event verb.

"Hama is back in rebel hands", "Idlib, under rebel control since 2015,",
"the government strongholds of Latakia and Tartus", "rebel-held Idlib"; and
denials ("the ministry denied that troops had left Homs"), whose denier keeps
the places the denied report names.
"""

from __future__ import annotations

from bisect import bisect_left

from .events import Dropped, Pred, Raw
from .lexicon import Match
from .mentions import Tok


class Descriptive:
    """The descriptive pass of the clause reader (mixed into it)."""

    def _frame_matches(self) -> list[tuple[int, int, int]]:
        """(start, length, faction index) of each holding frame ("in rebel hands", "under
        the control of its forces") of the sentence; a frame starts with a known word."""
        t, lex = self.t, self.lex
        slot = lex.sets["actor_possessives"] | lex.sets["author_possessives"]
        out = []
        for i, tok in enumerate(t):
            for words in lex.frames.get(tok.w, ()) if tok.kind == "w" else ():
                n = len(words)
                if i + n <= len(t) and all(
                        (t[i + k].kind == "F" or t[i + k].w in slot) if w == "{f}"
                        else t[i + k].kind == "w" and t[i + k].w == w
                        for k, w in enumerate(words)):
                    out.append((i, n, words.index("{f}")))
        return out

    def _frame_spans(self) -> list[tuple[int, int]]:
        """Token ranges of the holding frames of the sentence."""
        return [(i, i + n) for i, n, _ in self._frame_matches()]

    def _frames(self, preds: list[Pred]) -> None:
        """"Hama is back in rebel hands", "Idlib, under rebel control since 2015,", "the
        villages lie behind rebel lines": a frame with a faction in it, and its place."""
        t, lex = self.t, self.lex
        for i, n, fi in self._frame_matches():
            if i in self._in_pred:
                continue
            x = t[i + fi]
            if x.kind == "w":
                author = x.w in lex.sets["author_possessives"]
                t[i + fi] = Tok("F", x.w, x.start, x.end, self.led.author if author
                                else self._recent_actor(i + fi), ref="pronoun")
            fac = t[i + fi]
            places, skip = self._places_left(i)
            if not places or not fac.id:
                continue
            verb = self.at(i - 1)
            captured = verb is not None and verb.kind == "w" and \
                verb.w in lex.verb_forms("becoming")
            partly = verb is not None and verb.w in ("partly", "partially", "half")
            pseudo = Pred(Match(lex.phrases_at(["hold"], 0)[0].phrase, i, i + n, "base"),
                          i, i + n)
            pseudo.clause = max(0, i - 8)
            hedged, negated, notes = self._modality(pseudo, i + n)
            kind = "contested" if partly else "captured" if captured else "held"
            for place in places:
                if place.flag in ("other", "loc"):
                    continue
                scope = "province" if place.kind == "V" else "place"
                for pid in place.ids if place.kind == "V" else (place.id,):
                    raw = Raw(pid, fac.id, kind, "capture" if captured else "holding",
                              0.7 if scope == "province" else 0.85, "frame", t[i].start,
                              t[i + n - 1].end, actor=fac.id, notes=list(notes), scope=scope,
                              skip=skip, clause_start=place.start,
                              date_hi=self._next_pred(preds, i + n))
                    if negated:
                        self.dropped.append(Dropped("negated", (pid,)))
                    elif hedged:
                        raw.hedged = True
                        self.hypo.append(raw)
                    else:
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
