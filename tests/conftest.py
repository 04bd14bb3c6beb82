"""Small named toy maps with hand-known answers."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples so that a submission's result
# does not depend on luck; locally each run explores new random graphs.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from sim.control import Control, Faction, Lifeline
from sim.model import Place, Road, Theatre


@pytest.fixture(autouse=True, scope="session")
def _theatre_cache(tmp_path_factory):
    """The cache of parsed theatres (sim.cache) is a folder of the session's own: no test
    reads or writes the user's cache (subprocesses inherit it with the environment)."""
    before = os.environ.get("SIM_CACHE_DIR")
    os.environ["SIM_CACHE_DIR"] = str(tmp_path_factory.mktemp("theatre-cache"))
    yield
    if before is None:
        os.environ.pop("SIM_CACHE_DIR", None)
    else:
        os.environ["SIM_CACHE_DIR"] = before


def toy(places: dict[str, tuple[float, float] | tuple[float, float, str]], roads, **kw) -> Theatre:
    """A theatre from {id: (lat, lon[, country])} and [(a, b, km)]."""
    ps = []
    for pid, spec in places.items():
        country = spec[2] if len(spec) > 2 else "SY"
        ps.append(Place(pid, pid.title(), spec[0], spec[1], "city", country, population=100))
    return Theatre.build("toy", "Toy", "SY", ps, [Road(a, b, km) for a, b, km in roads], **kw)


@pytest.fixture
def corridor():
    """Capital - junction - hub - two ports; a mountain road from the hub's
    neighbour to one port; a foreign loop around the hub.

        cap -- jn -- hub -- port1 -- port2
                  \\        |
                   mtn ----+            (mtn joins jn to port1)
        cap -- xa (LB) -- xb (LB) -- port2
    """
    t = toy(
        {"cap": (0, 0), "jn": (1, 0), "hub": (2, 0), "port1": (3, 0), "port2": (4, 0),
         "mtn": (2, 1), "xa": (0, -1, "LB"), "xb": (4, -1, "LB")},
        [("cap", "jn", 120), ("jn", "hub", 120), ("hub", "port1", 120), ("port1", "port2", 120),
         ("jn", "mtn", 150), ("mtn", "port1", 150), ("cap", "xa", 200), ("xa", "xb", 460),
         ("xb", "port2", 200)],
    )
    holders = {p: "gov" for p in ("cap", "jn", "hub", "port1", "port2", "mtn")}
    control = Control.of(holders)
    gov = Faction("gov", adversary="reb", capital="cap", strongholds=("cap", "port1", "port2"))
    coast = Lifeline("Capital - the coast", "gov", "cap", ("port1", "port2"))
    return t, control, gov, coast
