"""The data an explorer page carries: the theatre, the scenario's factions,
lifelines and control, its campaign, and the base map, as one JSON value.

The page's engine (``engine.js``) answers what-ifs from this value alone, so it
holds exactly what :func:`sim.analysis.what_if` reads, in the orders the Python
engine reads it: places in the theatre's order, each place's roads in the road
graph's order (shortest routes of equal length are then broken the same way),
factions in the scenario's order.

>>> import sim
>>> d = explorer_data(sim.load("syria-2024-12-06"))
>>> d["schema"], d["scenario"]["words"], d["places"][0]["id"]
('sim.explorer/1', ['syria-2024-12-06'], 'afrin')
>>> [n for n, _ in d["adjacency"]["homs"]][:2]
['hasya', 'masyaf']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import io
from ..control import Control
from ..names import normalize
from ..scenario import Scenario

SCHEMA = "sim.explorer/1"
#: Decimal places kept of a base-map coordinate (about 10 m).
COORD_DIGITS = 4


def scenario_ref(scenario: Scenario) -> str:
    """How a command line names ``scenario``: its id when it is the bundled file of that
    id, else its path.

    >>> import sim
    >>> scenario_ref(sim.load("syria-2024-12-06"))
    'syria-2024-12-06'
    """
    bundled = {p.stem: p.resolve() for p in io.list_scenarios()}
    path = Path(scenario.path).resolve() if scenario.path else None
    if path is None or bundled.get(scenario.id) == path:
        return scenario.id
    return scenario.path


def load_words(scenario: Scenario, *, name=None, theatre=None, control=None,
               default_holder=None, home_country=None) -> list[str]:
    """The command-line words that load ``scenario`` again, from what loaded it
    (:func:`sim.load`'s arguments): the scenario as given (else :func:`scenario_ref`,
    unless a theatre was given), then each theatre option.

    >>> import sim
    >>> load_words(sim.load())
    ['syria-2024-12-06']
    >>> load_words(sim.load(), theatre="roads.graphml", default_holder="blue")
    ['--theatre', 'roads.graphml', '--default-holder', 'blue']
    """
    words = [str(name)] if name is not None else [] if theatre else [scenario_ref(scenario)]
    for flag, value in (("--theatre", theatre), ("--control", control),
                        ("--default-holder", default_holder), ("--home-country", home_country)):
        if value is not None:
            words += [flag, str(value)]
    return words


def control_data(control: Control) -> dict[str, Any]:
    """A control as the page reads it: holdings, cut roads, open transit, policies."""
    return {"holdings": {p: [h.faction, h.status] for p, h in control.holdings.items()},
            "cut_roads": [list(k) for k in sorted(control.cut_roads)],
            "open_transit": sorted(control.open_transit),
            "contested": control.contested,
            "transit_rights": {f: sorted(c) for f, c in sorted(control.transit_rights.items())}}


def _places(scenario: Scenario) -> list[dict[str, Any]]:
    th = scenario.theatre
    return [{"id": p.id, "name": p.name, "lon": p.lon, "lat": p.lat, "kind": p.kind,
             "country": p.country, "population": p.population}
            for p in th.places.values()]


def _spellings(scenario: Scenario) -> dict[str, Any]:
    """Every spelling the command line accepts for a place, as the name index keys it."""
    idx = scenario.theatre.places_index
    return {"exact": dict(idx.spellings()), "loose": dict(idx.loose_spellings())}


def _factions(scenario: Scenario) -> list[dict[str, Any]]:
    from ..plot.style import faction_styles

    styles = faction_styles(scenario.theatre)
    out = []
    for fid, fac in scenario.factions.items():
        info = scenario.theatre.factions.get(fid)
        style = styles.get(fid)
        out.append({"id": fid, "label": scenario.faction_label(fid),
                    "name": info.name if info else fid,
                    "allies": sorted(fac.allies), "adversary": fac.adversary,
                    "capital": fac.capital, "strongholds": list(fac.strongholds),
                    "colour": style.colour if style else "#888888",
                    "marker": style.marker if style else "o",
                    "edge": style.edge if style else "#333333"})
    return out


def _campaign(scenario: Scenario) -> dict[str, Any] | None:
    from ..timelines import start_date, timeline_days

    if not scenario.events:
        return None
    return {"start": control_data(scenario.start or scenario.control),
            "events": [{"date": e.date, "place": e.place, "faction": e.faction,
                        "status": e.status} for e in sorted(scenario.events,
                                                            key=lambda e: e.date)],
            "dates": timeline_days(scenario), "eve": start_date(scenario)}


def _basemap(scenario: Scenario) -> list[dict[str, Any]]:
    data = io.load_basemap(scenario.theatre)
    if not data:
        return []

    def ring(r):
        return [[round(x, COORD_DIGITS), round(y, COORD_DIGITS)] for x, y in r]

    out = []
    for f in data["features"]:
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        out.append({"code": f["properties"].get("iso_a2", ""),
                    "name": f["properties"].get("name", ""),
                    "polygons": [[ring(r) for r in poly] for poly in polys]})
    return out


def _basemap_bbox(scenario: Scenario) -> list[float] | None:
    """The frame the base map covers (lon0, lat0, lon1, lat1): its sea ends there."""
    data = io.load_basemap(scenario.theatre)
    return list(data["bbox"]) if data and data.get("bbox") else None


def explorer_data(scenario: Scenario, words: list[str] | None = None) -> dict[str, Any]:
    """Everything the explorer page of ``scenario`` shows and computes from; ``words``:
    how its command lines name the scenario (default: :func:`load_words` of it alone)."""
    from ..api import default_faction
    from ..plot.basemap import sea_names
    from ..plot.plan import extent
    from ..report.charts import LEGEND_WORDS
    from ..report.common import STATUS_WORDS

    th = scenario.theatre
    g = th.graph
    countries = sorted({p.country for p in th.places.values()})
    return {
        "schema": SCHEMA,
        "scenario": {"id": scenario.id, "title": scenario.title, "date": scenario.date,
                     "words": list(words) if words is not None else load_words(scenario)},
        "home": th.home_country,
        "countries": {c: th.country_name(c) for c in countries},
        "places": _places(scenario),
        "adjacency": {p: [[q, g.edges[p, q]["km"]] for q in g[p]] for p in g},
        "roads": [{"a": r.a, "b": r.b, "km": r.km, "class": r.road_class}
                  for _, r in sorted(th.roads.items())],
        "spellings": _spellings(scenario),
        "normalized_names": {p.id: normalize(p.name) for p in th.places.values()},
        "factions": _factions(scenario),
        "labels": {fid: scenario.faction_label(fid) for fid in th.factions},
        "plural": sorted(fid for fid, info in th.factions.items() if info.plural),
        "default_faction": default_faction(scenario).id,
        "lifelines": [{"name": ll.name, "faction": ll.faction, "source": ll.source,
                       "targets": list(ll.targets), "label": ll.target_label}
                      for ll in scenario.lifelines],
        "control": control_data(scenario.control),
        "campaign": _campaign(scenario),
        "extent": list(extent(scenario)),
        "basemap": _basemap(scenario),
        "basemap_bbox": _basemap_bbox(scenario),
        "seas": sea_names(th),
        # The words the page prints beside the sentences: the reports' and charts' own.
        "words": {"status": STATUS_WORDS, "legend": LEGEND_WORDS},
    }
