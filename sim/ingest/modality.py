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
                if lex.starts("negations", words, k) or t[k].w.endswith("n't") or \
                        t[k].w in lex.verb_forms("foiled"):
                    negated = True
            k += 1
        after = self.at(p.end)
        if after is not None and after.w == "not":          # "were not ..."
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
                return False    # "If they take Homs, Damascus ...": the main clause
        return False
