"""sim: a strategic route-isolation simulator.

"If this place falls, which strongholds are cut off, and from what?"

Load a scenario, ask a question, read the answer, draw it:

>>> import sim
>>> s = sim.load("syria-2024-12-06")
>>> r = sim.what_if(s, fall=["Hims"])
>>> r.verdict.startswith("If Homs falls to the opposition, Damascus is cut off from the coast")
True
>>> sim.critical(s, faction="government").value.places[0].place
'homs'

Every function resolves names as the command line does and raises the
errors of :mod:`sim.errors` (all :class:`SimError`), with the closest names
on a miss. :mod:`sim.plot` draws the answers; :mod:`sim.analysis` holds the
pure functions underneath, for those who build their own theatres and
controls.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:  # for readers and type checkers; at run time each name loads on first use
    from . import plot
    from .errors import (InputError, LoadNote, OutputError, OutputExistsError, SimError,
                         UnknownNameError, ValidationError)
    from .api import (DEFAULT_SCENARIO, captures, check_scenario_output, critical, cut,
                      default_faction, derived_scenario, export, factions, is_scenario_name,
                      judged_faction, load, load_theatre, make_events, parse_chances, places,
                      read_reports, resolve_country, resolve_faction, resolve_place, risk,
                      routes, scenarios, show, validate, what_if, write_toml)
    from .io import load_scenario
    from .timelines import default_campaign, timeline
    from .explorer import explore
    from .results import (Answer, CapturesAnswer, CriticalAnswer, CriticalPairsAnswer,
                          CutAnswer, ExportAnswer,
                          FactionsAnswer, IngestAnswer, PlacesAnswer, RiskAnswer, RoutesAnswer,
                          ShowAnswer, TimelineAnswer, ValidateAnswer, WhatIfAnswer, ExploreAnswer)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_SCENARIO", "__version__",
    # loading and names
    "load", "load_scenario", "load_theatre", "scenarios", "is_scenario_name",
    "resolve_place", "resolve_faction", "resolve_country", "default_faction",
    # events
    "make_events", "judged_faction", "parse_chances",
    # the questions
    "what_if", "show", "critical", "cut", "captures", "routes", "risk", "timeline",
    "default_campaign", "explore",
    "places", "factions", "validate", "export", "read_reports", "check_scenario_output",
    "derived_scenario",
    "write_toml",
    # answers
    "Answer", "WhatIfAnswer", "ShowAnswer", "CriticalAnswer", "CriticalPairsAnswer",
    "CutAnswer", "CapturesAnswer",
    "RoutesAnswer", "RiskAnswer", "PlacesAnswer", "FactionsAnswer", "ExportAnswer",
    "ValidateAnswer", "IngestAnswer", "TimelineAnswer", "ExploreAnswer",
    # charts
    "plot",
    # errors
    "SimError", "InputError", "ValidationError", "UnknownNameError", "OutputError",
    "OutputExistsError", "LoadNote",
]

# Where each public name lives. They load on first use, so that ``import sim`` (and the
# command line's start) costs little, and an interrupt during start-up is the command
# line's to handle.
_HOMES = {"plot": None, "load_scenario": "io", "timeline": "timelines", "explore": "explorer",
          "default_campaign": "timelines",
          **{name: "results" for name in __all__ if name.endswith("Answer") or name == "Answer"},
          **{name: "errors" for name in ("SimError", "InputError", "ValidationError",
                                          "UnknownNameError", "OutputError",
                                          "OutputExistsError", "LoadNote")}}


def __getattr__(name: str):
    if name not in __all__ or name == "__version__":
        raise AttributeError(f"module 'sim' has no attribute {name!r}")
    import importlib

    home = _HOMES.get(name, "api")
    value = importlib.import_module(f"sim.{name}" if home is None else f"sim.{home}")
    if home is not None:
        value = getattr(value, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
