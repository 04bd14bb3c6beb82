"""Arguments: the actor, the places, the taker and the loser of one predicate.

The actor is the subject to the predicate's left in its clause, across relative
clauses and appositives ("The fighters, led by HTS, swept ..."; "the SDF, which
took Raqqa, ..."), or the subject of the predicate it is coordinated with, or
the agent after "by", or the speaker of a report ("a spokesman for X wrote that
Y had been liberated"). The places are the predicate's objects with their
coordination ("seized Rastan and Talbiseh", "moved into Mayadin and into
Al-Bukamal", "Azaz, its main town, as well as Jarabulus"), or its subject for a
passive or a place-subject phrase ("Hama, the country's fourth city, was
captured"), or the place a relative clause hangs on ("Aleppo, which the rebels
seized"). The taker follows "to", the loser "from".
"""

from __future__ import annotations

from .events import Pred
from .mentions import Tok

# How far back (in tokens) the reader looks for a subject, a speaker or an earlier place: a
# clause is never longer, and the bound keeps reading linear in a sentence of any length.
_WINDOW = 40


class Arguments:
    """The argument finders of the clause reader (mixed into it)."""

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
                k = self._appositive_start(j)
                p.skip.append((t[k + 1].start, tok.end))   # its dates are not the verb's
                j = k
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
        if first.kind == "w" and first.w in ("it", "them"):
            # "overran it": the place just named ("them": only places of this sentence).
            pid = self._last_place_before(k) or (
                self.led.current_place(1) if first.w == "it" else None)
            if pid:
                return [Tok("P", first.w, first.start, first.end, pid, ref="anaphora")], k + 1
            return out, k
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
            if t[j].kind == "w" and t[j].w in self.lex.verb_forms("reporting"):
                for k in range(j - 1, max(-1, j - _WINDOW), -1):
                    if t[k].kind == "F" and t[k].id:
                        return t[k].id
                    if t[k].w in (";",):
                        break
                break
        return self.led.author

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
        if j >= 0 and t[j].kind == "w" and self._faction_word(t[j]):
            # "an army withdrawal": the faction's word before the noun
            return Tok("F", t[j].w, t[j].start, t[j].end, self._faction_word(t[j]))
        if j >= 0 and t[j].kind == "w" and t[j].w in ("their", "its") and self.led.current_actor():
            return Tok("F", t[j].w, t[j].start, t[j].end, self._recent_actor(j), ref="pronoun")
        # The verb governing the noun, and its subject.
        if j >= 0 and t[j].kind == "w" and t[j].w in self.lex.verb_forms("owner_verbs"):
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

    def _declared_free(self, k: int) -> bool:
        t = self.t
        while self.at(k) is not None and t[k].kind == "p" and t[k].w in ('"', "'"):
            k += 1
        return self.at(k) is not None and t[k].w in self.lex.events["freed"]["adjectives"]

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
