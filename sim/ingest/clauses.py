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

from dataclasses import replace


from ..model import Theatre
from .arguments import Arguments
from .descriptive import Descriptive
from .discourse import Ledger
from .events import Args, Dropped, Pred, Raw
from .lexicon import Lexicon, Match, lexicon
from .mentions import Names, Tok, names, tokens
from .modality import Modality
from .phrases import Phrases



class _Reader(Phrases, Arguments, Modality, Descriptive):
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
        if m.form in ("base", "s") and prev is not None and prev.kind == "F" and \
                before is not None and before.w in (
                "under", "in", "of", "into", "from", "with", "by", "within", "to"):
            return False
        return True

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
        self._denial_tokens = {k for p in preds if p.m.event == "denial"
                               for k in range(p.start, p.end)}
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

    def _claims(self, p: Pred, preds: list[Pred]) -> None:
        """The claims of predicate ``p``: its arguments, then one claim a place."""
        if p.m.event == "denial":
            self._denial(p)
            return
        a = self._arguments(p)
        if a is None:
            return
        if not a.places:
            if p.m.event != "contest" or a.voice != "noun":
                self.dropped.append(Dropped("the reader found no place it governs", ()))
            return
        if p.m.event == "holding" and p.m.form in ("pp", "past") and any(
                x.kind == "w" and x.w in ("until", "till") for x in self.t[a.end:a.end + 4]):
            # "Rebels held Saraqib until the winter offensive": a holding that ended.
            self.dropped.append(Dropped("a holding that ended",
                                        tuple(x.id for x in a.places if x.id)))
            return
        self._emit(p, preds, a)

    def _arguments(self, p: Pred) -> Args | None:
        """Who did it, to which places, for whom and against whom, by the voice of ``p``
        (None when the predicate is not what it looked like)."""
        m, t, lex = p.m, self.t, self.lex
        voice = m.voice
        if voice == "active" and m.form == "pp" and self._passive_context(p) and \
                m.phrase.words[0] in lex.passive_forms(m.event):
            voice = "passive"
        a = Args(voice, end=p.end)
        if voice in ("active", "reinforce", "declare") and m.event == "handover":
            return self._handover(p, a)
        if voice in ("active", "reinforce", "declare"):
            return self._active(p, a)
        if voice == "passive":
            a.places, a.skip = self._places_left(p.start)
            a.actor = self._agent(p.end)
            if m.event == "handover":
                a.recipient = self._agent(p.end, "to")
            if a.actor is None and m.event in ("capture", "entry"):
                sid = self._speaker(p.start)
                if sid:
                    a.actor = Tok("F", "speaker", t[p.start].start, t[p.start].end, sid,
                                  ref="speaker")
        elif voice == "place_subject":
            a.places, a.skip = self._places_left(p.start)
            a.actor = self._faction_at(p.end)
            if m.phrase.words[-1] == "under" and a.actor is None:
                return None
            if m.event == "freed" and a.actor is None:
                fid = self._speaker(p.start) or self.led.current_actor()
                if fid:
                    a.actor = Tok("F", "free", t[p.start].start, t[p.start].end, fid,
                                  ref="pronoun")
        elif voice == "noun":
            a.places, a.end, a.actor, a.recipient = self._noun_event(p)
        return a

    def _handover(self, p: Pred, a: Args) -> Args | None:
        """"handed Deir ez-Zor, the main city, over to the SDF"."""
        t, lex = self.t, self.lex
        a.places, end = self._objects(p.end, p.m.event)
        if self.at(end) is not None and t[end].w == "," and self._appositive_open(
                self._closing_comma(end)) == end:
            end = self._closing_comma(end) + 1
        if self.at(end) is not None and t[end].w in lex.events["handover"].get("particle", ()):
            end += 1
        a.end, a.recipient, a.actor = end, self._after(end, "to"), p.subject
        if a.recipient is None and not a.places:
            return None
        if a.recipient is None and p.m.phrase.words[0] in lex.verb_forms("give_to"):
            return None                  # "handed out", "turned back": no hand-over
        return a

    def _active(self, p: Pred, a: Args) -> Args | None:
        m = p.m
        a.places, a.end = self._objects(p.end, m.event)
        a.actor = p.subject
        if a.voice == "reinforce" and not a.places:
            # "bolster the army's defences in Homs": the holder is in the object.
            a.places, a.end, a.actor = self._defences(p)
        if a.voice == "declare" and (not a.places or not self._declared_free(a.end)):
            return None
        if not a.places:
            a.places, a.skip = self._gap_antecedent(p)
        nxt = self.at(a.end)
        if not a.places and m.event in ("entry", "holding") and m.phrase.words[-1] in (
                "in", "inside") and (nxt is None or nxt.kind == "p"):
            # "the army abandoned Mayadin, and the SDF moved in": in there.
            pid = self._last_place_before(p.start) or self.led.current_place()
            if pid:
                a.places = [Tok("P", "in", self.t[p.start].start, self.t[p.start].end, pid,
                                ref="anaphora")]
        if m.event in ("capture", "loss", "handover"):
            a.loser = self._after(a.end, "from")
        if m.event in ("withdrawal", "loss"):
            a.recipient = self._after(a.end, "to")
        return a

    def _emit(self, p: Pred, preds: list[Pred], a: Args) -> None:
        """One claim for each place of ``a``, dated by its clause, with its modality."""
        m, t, lex = p.m, self.t, self.lex
        table = lex.events.get(m.event, {})
        hedged, negated, notes = self._modality(p, a.end)
        start_char = t[min(p.clause, p.start)].start if p.subject is None or p.clause > \
            p.start else min(t[p.clause].start, t[p.start].start)
        faction = a.actor.id if a.actor is not None and a.actor.ref != "unknown" else None
        kind, event = table.get("kind", "captured"), m.event
        conf = float(table.get("confidence", 0.8))
        if a.actor is not None and a.actor.ref in ("pronoun", "description", "speaker"):
            conf -= 0.05
        if a.voice == "reinforce":
            kind, event, conf = "held", "holding", 0.75
        if event == "withdrawal" and m.phrase.words[0] in lex.verb_forms("leave") and \
                a.actor is None:
            return
        if kind == "contested" and faction is None and a.voice != "noun":
            # "Families continued to reach Raqqa": pressing on a place takes an armed side.
            self.dropped.append(Dropped("the actor is no faction the reader knows",
                                        tuple(x.id for x in a.places if x.id)))
            return
        if p.boundary in ("when", "where") and p.bidx >= 3 and t[p.bidx - 1].w == "," and \
                t[p.bidx - 2].w.isdigit() and len(t[p.bidx - 2].w) == 4:
            # "until December 2016, when government forces retook it": that year's event.
            start_char = min(start_char, t[max(0, p.bidx - 4)].start)
        aux = self.at(p.start - 1)
        if m.form == "ing" and not hedged and not (aux is not None and aux.w in lex.sets["be"]):
            # "Taking Homs would ...": a gerund subject takes the modal after it.
            hedged = any(x.kind == "w" and x.w in lex.sets["modals"] for x in t[a.end:a.end + 4])
        base = Raw("", faction, kind, event, conf, f"{m.event}-{a.voice}", t[p.start].start,
                   t[min(a.end, len(t)) - 1].end, actor=faction, notes=notes,
                   skip=a.skip + p.skip,
                   perfect=any(x.w == "had" for x in t[max(p.clause, p.start - 3):p.start]),
                   clause_start=start_char, date_hi=self._next_pred(preds, p.start + 1),
                   loser=a.loser.id if a.loser is not None else None)
        for place in a.places:
            for raw in self._place_claims(place, base, a.recipient):
                if negated:
                    self.dropped.append(Dropped("negated", (raw.place,)))
                elif hedged:
                    raw.hedged = True
                    self.hypo.append(raw)
                else:
                    self.raws.append(raw)

    def _place_claims(self, place: Tok, base: Raw, recipient: Tok | None) -> list[Raw]:
        """The claims ``base`` makes on one place phrase (a province: each of its places)."""
        if place.flag in ("other", "loc"):
            return []
        kind, conf, notes = base.kind, base.confidence, list(base.notes)
        scope = "province" if place.kind == "V" else "place"
        if place.flag in ("part", "edge"):
            if kind not in ("captured", "held", "contested") or base.event == "withdrawal":
                return []
            kind = "contested"
            notes.append("names part of the place or its edge")
        if place.ref == "anaphora":
            conf -= 0.05
        if scope == "province":
            conf -= 0.15
            notes.append("a claim on the whole province")
        out = []
        for pid in place.ids if place.kind == "V" else (place.id,):
            raw = replace(base, place=pid, kind=kind, confidence=conf, notes=list(notes),
                          scope=scope)
            if kind == "withdrawn":
                raw.faction = recipient.id if recipient is not None else None
                raw.recipient_named = recipient is not None and recipient.id is not None
            out.append(raw)
        return out


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
