"""Which engine answers: networkx views for a small theatre, arrays for a large one.

The analyses of a theatre of a few hundred places read networkx views of its road
graph; above :data:`NX_LIMIT` places they run on arrays (:mod:`sim.analysis.engine`),
whose answers are the same. This module imports neither numpy nor scipy, so a
small theatre's commands never pay for them.

>>> from sim.model import Place, Theatre
>>> use_arrays(Theatre.build("t", "T", "XA", [Place("a", "A", 0, 0)], []))
False
"""

from __future__ import annotations

#: Above this many places a theatre is analysed on arrays, not on networkx views.
NX_LIMIT = 20_000


def use_arrays(theatre) -> bool:
    """Whether ``theatre`` is large enough for the array engine (see :data:`NX_LIMIT`)."""
    return len(theatre.places) > NX_LIMIT
