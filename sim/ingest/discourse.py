"""The discourse ledger: who and where a text is talking about, sentence after sentence.

The reader asks it what "they", "its fighters", "the group" or "our forces"
stand for, and what "the city" or "it" is, and tells it each faction and place
it reads. It keeps:

- the *author*: the faction whose statement the document is (a first-person
  text whose heading names a faction: "Statement of the General Command of
  the Syrian Democratic Forces"), for "we", "our forces";
- the *actor*: the last faction named as a doer (not after "against", "by",
  "from"...), for "they", "their", "the group";
- the *place*: the last city or town named as itself, for "the city";
- the faction names read so far, for a shortened one ("the Operations Room"),
  and acronyms the text defines ("Syrian Free Army (SFA)").

>>> led = Ledger()
>>> led.saw_actor("sdf"); led.saw_place("raqqa", "city")
>>> led.actor, led.place
('sdf', 'raqqa')
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Ledger:
    author: str | None = None
    actor: str | None = None
    place: str | None = None
    names: dict[tuple[str, ...], str] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)
    sentence: int = -1
    actor_sentence: int = -1
    place_sentence: int = -1

    def saw_actor(self, fid: str | None) -> None:
        if fid:
            self.actor, self.actor_sentence = fid, self.sentence

    def saw_place(self, pid: str, kind: str) -> None:
        if kind in ("city", "town", "port", "village", ""):
            self.place, self.place_sentence = pid, self.sentence

    def saw_name(self, words: tuple[str, ...], fid: str) -> None:
        """A faction named in full: its last words may stand for it later."""
        for k in range(1, len(words)):
            tail = words[k:]
            if len(tail) >= 1 and tail[-1] not in ("forces", "army", "fighters"):
                self.names[tail] = fid          # the latest faction of that name

    def current_actor(self, window: int = 3) -> str | None:
        """The actor, if it was named in the last ``window`` sentences."""
        if self.actor and self.sentence - self.actor_sentence <= window:
            return self.actor
        return None

    def current_place(self, window: int = 2) -> str | None:
        if self.place and self.sentence - self.place_sentence <= window:
            return self.place
        return None
