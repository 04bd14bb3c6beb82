"""Modality: whether what a clause tells happened.

A clause's event is *negated* ("had not entered", "no withdrawal", "were
repelled"), *hedged* (a modal, a future or an intention: "could take", "will
likely attempt to seize", "vowed to march on", "Taking Homs would ..."), or
*conditional* ("if they capture Homs"). Negated events are dropped; hedged and
conditional ones become what-ifs, never control.
"""

from __future__ import annotations

from .arguments import _WINDOW
from .events import Pred


class Modality:
    """The modality checks of the clause reader (mixed into it)."""

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
        denials = getattr(self, "_denial_tokens", set())
        while k < p.end:
            if k >= p.start and k < p.end or k in denials:
                k += 1          # its own words, and a denial's ("no truth to"), are no hedge
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
