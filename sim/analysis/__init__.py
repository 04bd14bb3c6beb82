"""Pure analysis functions of ``(theatre, control, faction, ...)``.

Nothing here reads files, draws, or mutates its inputs. Importing this
package does not import matplotlib.
"""

from .chokepoints import chokepoints, separating_places
from .lifelines import LifelineStatus, Route, lifeline_status
from .passable import passable_graph, passable_places
from .pockets import Pocket, pockets
from .whatif import Assessment, WhatIf, assess, what_if

__all__ = [
    "Assessment", "LifelineStatus", "Pocket", "Route", "WhatIf", "assess", "chokepoints",
    "lifeline_status", "passable_graph", "passable_places", "pockets", "separating_places",
    "what_if",
]

# The array-based analyses need numpy (and scipy when run); they load on first use so
# that importing this package stays light.
_LAZY = {
    "Criticality": "critical", "PlaceCriticality": "critical", "criticality": "critical",
    "Captures": "captures", "MinCut": "cuts", "best_captures": "captures", "min_cut": "cuts",
    "Routes": "routes", "find_routes": "routes", "corridor_width": "routes",
    "Risk": "risk", "estimate_risk": "risk", "wilson": "risk",
}
__all__ += sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
