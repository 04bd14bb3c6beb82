"""sim: a strategic route-isolation simulator.

"If this place falls, which strongholds are cut off, and from what?"

>>> import sim
>>> scen = sim.load_scenario("syria-2024-12-06")
>>> scen.theatre.place("Hims").id
'homs'
"""

from .errors import InputError, OutputError, SimError, UnknownNameError, ValidationError
from .io import load_scenario, load_theatre

__version__ = "0.1.0"

__all__ = ["InputError", "OutputError", "SimError", "UnknownNameError", "ValidationError",
           "load_scenario", "load_theatre", "__version__"]
