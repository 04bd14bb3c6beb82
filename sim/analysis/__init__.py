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
