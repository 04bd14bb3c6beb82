"""The explorer's engine in Chromium: its own unit tests, and parity with the Python engine.

``engine.js`` and ``words.js`` must give exactly what :mod:`sim.analysis` and
:mod:`sim.report.words` give. For every bundled scenario the page is written and
opened offline, and one ``page.evaluate`` sends it seeded random what-ifs (falls,
contests, cut and reopened roads, transit opened and closed), and for a campaign
also what-ifs on dated controls and every day of the timeline for every faction,
name look-ups and number formats; every answer is compared with Python's: each
lifeline's status, route and km (exact floats), pockets, chokepoints,
strongholds, the change (rounded and unrounded), restoring roads, the control
after, the judged faction and the sentence, byte for byte.

``pytest -s`` prints the counts compared.
"""

from __future__ import annotations

import dataclasses
import json
import random
import unicodedata

import pytest
from browser import browser, needs_browser, offline_page

import sim
from sim import io
from sim.analysis import lifeline_status, pockets, what_if
from sim.analysis.timeline import day_after
from sim.api import judged_faction
from sim.events import CloseTransit, Contest, CutRoad, Fall, OpenRoad, OpenTransit, apply_events
from sim.explorer import page_html, source
from sim.explorer.data import control_data
from sim.model import road_key
from sim.report.timeline import day_verdict
from sim.report.whatif import verdict
from sim.report.words import km, people_words, rounded
from sim.timelines import start_date

pytestmark = needs_browser

SCENARIOS = [p.stem for p in io.list_scenarios()]
#: Random what-ifs per scenario on its own control, and on dated controls of a campaign.
WHATIFS = 120
DATED = 40
#: What-ifs that undo random events, per scenario.
UNDOING = 25
#: Random misspellings of place names per scenario.
MUTATIONS = 300

#: What each scenario's parity test compared, for the summary printed at the end.
COUNTS: dict[str, dict[str, int]] = {}


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b
    if COUNTS:
        total = {k: sum(c.get(k, 0) for c in COUNTS.values())
                 for k in ("whatifs", "undoing", "dated", "days", "lookups", "numbers")}
        lines = [f"  {sid}: {c}" for sid, c in COUNTS.items()]
        print("\nexplorer parity cases compared:\n" + "\n".join(lines) + f"\n  total: {total}")


# ---------------------------------------------------------------- the JS unit tests

def test_engine_unit_tests(chromium, tmp_path):
    scripts = "\n".join(f"<script>\n{source(name)}\n</script>"
                        for name in ("engine.js", "words.js", "engine_test.js"))
    page_file = tmp_path / "unit.html"
    page_file.write_text(f"<!DOCTYPE html><meta charset='utf-8'>{scripts}", encoding="utf-8")
    with offline_page(chromium, page_file) as (page, refused):
        result = page.evaluate("SimTests.run()")
    assert not refused
    print(f"\nengine_test.js: {result['passed']} passed, {len(result['failed'])} failed")
    assert result["failed"] == [], "\n".join(result["failed"])
    assert result["passed"] >= 30


# ---------------------------------------------------------------- the cases

def _route_places(scenario, control, rng) -> tuple[str, ...]:
    """The places of the current route of a random lifeline (empty if it has none)."""
    ll = rng.choice(scenario.lifelines)
    status = lifeline_status(scenario.theatre, control, ll, scenario.factions[ll.faction].side)
    return status.route.places if status.route else ()


def _random_events(rng: random.Random, scenario, control) -> list:
    """1-4 events that the command line would accept on ``control``: falls (some on a
    lifeline's route), contests, cut roads (some on a lifeline's route) and reopened
    ones, transit opened and closed."""
    th = scenario.theatre
    ids = list(th.places)
    factions = list(scenario.factions)
    roads = sorted(th.roads)
    foreign = sorted({p.country for p in th.places.values()} - {th.home_country})
    events = []
    for _ in range(rng.randint(1, 4)):
        r = rng.random()
        if r < 0.55:  # a fall, to a faction that does not hold the place already
            route = _route_places(scenario, control, rng) if r < 0.1 else ()
            place = rng.choice(route[1:-1] or route or ids)
            old = control.holder(place)
            captors = [f for f in factions if f != old or control.is_contested(place)]
            events.append(Fall(place, rng.choice(captors)))
        elif r < 0.67:
            held = [p for p in ids if control.holder(p)]
            events.append(Contest(rng.choice(held if rng.random() < 0.9 else ids)))
        elif r < 0.92:
            route = _route_places(scenario, control, rng) if r < 0.8 else ()
            if control.cut_roads and rng.random() < 0.3:  # a cut road reopens
                a, b = rng.choice(sorted(control.cut_roads))
                events.append(OpenRoad(*((a, b) if rng.random() < 0.5 else (b, a))))
            else:
                i = rng.randrange(len(route) - 1) if len(route) > 1 else None
                a, b = route[i:i + 2] if i is not None else rng.choice(roads)
                events.append(CutRoad(*((a, b) if rng.random() < 0.5 else (b, a))))
        else:
            kind = OpenTransit if rng.random() < 0.6 else CloseTransit
            events.append(kind(rng.choice(foreign)))
    return events


def _recapture(rng: random.Random, scenario, control):
    """A faction with lifelines, and a fall to it of one of its targets or strongholds
    that it does not hold (None if it holds them all): a what-if that may restore."""
    fid = rng.choice(sorted({ll.faction for ll in scenario.lifelines}))
    fac = scenario.factions[fid]
    wanted = [t for ll in scenario.lifelines_of(fid) for t in (ll.source, *ll.targets)]
    lost = [p for p in dict.fromkeys([*wanted, *fac.strongholds]) if control.holder(p) != fid]
    return (fid, Fall(rng.choice(lost), fid)) if lost else None


def _bridge(rng: random.Random, scenario, control):
    """A faction with a capital, and a fall to it of a place that joins two of its pockets
    or makes a shortcut in its main one (None if there is none): a what-if that may
    rejoin places, reconnect strongholds and shorten or restore lifelines."""
    fid = rng.choice([f.id for f in scenario.factions.values() if f.capital])
    fac = scenario.factions[fid]
    g = scenario.theatre.graph
    where = {p: i for i, pocket in enumerate(pockets(scenario.theatre, control, fac))
             for p in pocket.places}
    found = [p for p in g if p not in where
             and (len({where[q] for q in g[p] if q in where}) > 1
                  or sum(where.get(q) == 0 for q in g[p]) > 1)]
    return (fid, Fall(rng.choice(found), fid)) if found else None


def _whatif_cases(rng: random.Random, scenario, count: int, dates=None) -> list[dict]:
    """What-ifs on the scenario's control, or on the control of a random one of ``dates``."""
    cases = []
    for _ in range(count):
        date = rng.choice(dates) if dates else None
        control = scenario.control_on(date) if date else scenario.control
        events = _random_events(rng, scenario, control)
        # Mostly the judged faction; else a random one, or the captor of the first fall
        # (whose lifelines may be restored and places rejoined).
        faction, r = None, rng.random()
        captors = [e.faction for e in events if isinstance(e, Fall)]
        if r < 0.15:
            faction = rng.choice(list(scenario.factions))
        elif r < 0.3 and captors and captors[0] in scenario.factions:
            faction = captors[0]
        elif r < 0.55:
            found = (_recapture if r < 0.4 else _bridge)(rng, scenario, control)
            if found:
                faction, fall = found
                events = [fall, *events[:rng.randint(0, 2)]]
        cases.append({"date": date, "faction": faction, "events": events})
    return cases


def _undoing_cases(rng: random.Random, scenario, count: int) -> list[dict]:
    """What-ifs that undo others: random events applied to the scenario's control give the
    control the case starts from, and the case's events put back what they changed
    (falls back to their holders, roads reopened, borders closed), judged for the faction
    the first fall had hurt: lifelines restored and shortened, strongholds reconnected."""
    cases = []
    while len(cases) < count:
        control = scenario.control
        events = [e for e in _random_events(rng, scenario, control)
                  if not isinstance(e, Contest)]
        back = []
        for e in reversed(events):
            if isinstance(e, Fall) and control.holder(e.place):
                back.append(Fall(e.place, control.holder(e.place)))
            elif isinstance(e, CutRoad) and road_key(e.a, e.b) not in control.cut_roads:
                back.append(OpenRoad(e.b, e.a))
            elif isinstance(e, OpenTransit) and e.country not in control.open_transit:
                back.append(CloseTransit(e.country))
        falls = [e for e in events if isinstance(e, Fall) and control.holder(e.place)]
        if not back:
            continue
        faction = control.holder(falls[0].place) if falls else None
        if faction not in scenario.factions:
            faction = None
        cases.append({"date": None, "control": apply_events(control, events),
                      "faction": faction, "events": back})
    return cases


_ACCENTS = {"a": "áàâā", "e": "éèê", "i": "íî", "o": "óô", "u": "úü", "s": "ṣš", "h": "ḥ",
            "d": "ḍ", "t": "ṭ", "z": "ẓ"}


def _mutation(rng: random.Random, name: str) -> str:
    """A spelling of ``name`` that a document might use: another case, accents added or
    dropped, other hyphens, spaces and apostrophes, another Arabic article."""
    text = name
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(9)
        if op == 0:
            text = rng.choice([text.upper(), text.lower(), text.title(), text.swapcase()])
        elif op == 1:
            chars = list(text)
            spots = [i for i, c in enumerate(chars) if c.lower() in _ACCENTS]
            if spots:
                i = rng.choice(spots)
                chars[i] = rng.choice(_ACCENTS[chars[i].lower()])
            text = "".join(chars)
        elif op == 2:
            text = "".join(c for c in unicodedata.normalize("NFD", text)
                           if not unicodedata.combining(c))
        elif op == 3:
            text = text.replace("-", rng.choice([" ", "", "  ", "-"]))
        elif op == 4:
            text = text.replace(" ", rng.choice(["-", "", " - "]))
        elif op == 5:
            i = rng.randrange(len(text) + 1)
            text = text[:i] + rng.choice("'’‘`ʿʾ") + text[i:]
        elif op == 6:
            words = text.split(" ")
            i = rng.randrange(len(words))
            words.insert(i, rng.choice(["al-", "el-", "Al", "ad-", "ez", "the"]))
            text = " ".join(words)
        elif op == 7:
            for a, b in (("al-", "el-"), ("Al-", "El-"), ("ez-", "az-"), ("al ", "as-")):
                if a in text:
                    text = text.replace(a, b, 1)
                    break
        else:
            text = rng.choice(["  ", "", "\t"]) + text + rng.choice(["  ", "", "."])
    return text


def _lookup_cases(rng: random.Random, scenario) -> list[str]:
    th = scenario.theatre
    spellings = list(th.places_index.spellings())
    names = [n for p in th.places.values() for n in (p.name, p.id, *p.aliases)]
    mutated = [_mutation(rng, rng.choice(names)) for _ in range(MUTATIONS)]
    misses = ["Homz", "", "   ", "al", "Atlantis", "constructor", "__proto__", "toString"]
    return spellings + names + mutated + misses


def _number_cases(rng: random.Random) -> dict:
    floats = [k + 0.5 for k in range(-3, 40)] + [k / 4 for k in range(0, 80)]
    floats += [k / 20 for k in range(0, 400)] + [9.95, 9.949999, 9.95000001, 0.05, 1e6 + 0.5]
    floats += [rng.uniform(0, 2000) for _ in range(300)] + [rng.uniform(0, 12) for _ in range(200)]
    ints = [0, 1, 999, 1000, 1005, 1015, 999500, 9995000, 1234567890]
    ints += [rng.randrange(1, 10 ** rng.randint(1, 9)) for _ in range(400)]
    ints += [k * 10 ** e + 5 * 10 ** (e - 1) for e in range(1, 7) for k in (123, 124, 999)]
    return {"floats": floats, "ints": ints}


# ---------------------------------------------------------------- Python's answers

def _route(r):
    return None if r is None else {"target": r.target, "km": r.km, "places": list(r.places)}


def _status(s):
    return {"name": s.lifeline.name, "status": s.status, "route": _route(s.route),
            "routes": [_route(r) for r in s.routes]}


def _pocket(p):
    return None if p is None else {
        "places": list(p.places), "population": p.population, "unknown": p.unknown,
        "abroad": p.abroad, "main": p.main, "strongholds": list(p.strongholds)}


def _assessment(a):
    return {"faction": a.faction.id, "lifelines": [_status(s) for s in a.lifelines],
            "pockets": [_pocket(p) for p in a.pockets],
            "chokepoints": {k: list(v) for k, v in a.chokepoints.items()},
            "strongholds": dict(a.strongholds), "main": _pocket(a.main_pocket)}


def _plain(value):
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _change(c):
    """Every field of a Change, unrounded, and its kinds."""
    out = {f.name: _plain(getattr(c, f.name)) for f in dataclasses.fields(c)}
    out["lifelines"] = [{f.name: _plain(getattr(x, f.name)) for f in dataclasses.fields(x)}
                        | {"kind": x.kind} for x in c.lifelines]
    out["largest_after"] = _pocket(c.largest_after)
    out["kinds"], out["kind"] = list(c.kinds), c.kind
    return out


def _control(c):
    return {"holdings": {p: [h.faction, h.status] for p, h in sorted(c.holdings.items())},
            "cut": sorted(list(k) for k in c.cut_roads), "open": sorted(c.open_transit)}


def _python_whatif(scenario, case) -> dict:
    control = case.get("control") or (scenario.control_on(case["date"]) if case["date"]
                                      else scenario.control)
    dated = scenario.with_control(control)
    judged = judged_faction(dated, case["events"]).id
    fac = scenario.factions[case["faction"] or judged]
    r = what_if(scenario.theatre, control, fac, scenario.lifelines, case["events"])
    return {"judged": judged, "faction": fac.id, "before": _assessment(r.before),
            "after": _assessment(r.after),
            "restorers": {k: [[list(key), _status(s)] for key, s in v]
                          for k, v in r.restorers.items()},
            "change": r.change.as_json(), "change_raw": _change(r.change),
            "control_after": _control(r.control_after), "verdict": verdict(dated, r)}


def _python_days(scenario) -> list[dict]:
    out = []
    for fid in scenario.factions:
        tl = sim.timeline(scenario, faction=fid).value
        before = tl.start
        for day in tl.days:
            out.append({"date": day.date, "faction": fid,
                        "events": [[e.place, e.faction, e.status] for e in day.events],
                        "before": _assessment(before), "after": _assessment(day.assessment),
                        "change": day.change.as_json(), "change_raw": _change(day.change),
                        "control_before": _control(day.control_before),
                        "control": _control(day.control),
                        "verdict": day_verdict(scenario, day)})
            before = day.assessment
    return out


def _python_numbers(numbers) -> dict:
    return {"fixed0": [f"{x:.0f}" for x in numbers["floats"]],
            "fixed1": [f"{x:.1f}" for x in numbers["floats"]],
            "round1": [round(x, 1) for x in numbers["floats"]],
            "km": [km(x) for x in numbers["floats"]],
            "rounded": [rounded(n) for n in numbers["ints"] if n > 0],
            "people": [people_words(n, n % 3) for n in numbers["ints"]]}


# ---------------------------------------------------------------- the page's answers

#: Run in the scenario's page: the same values, from SimEngine and SimWords.
JS_ANSWERS = r"""
(cases) => {
  const E = SimEngine, W = SimWords;
  const S = E.load(JSON.parse(document.getElementById("sim-data").textContent));
  const route = (r) => r === null ? null : {target: r.target, km: r.km, places: r.places};
  const status = (s) => ({name: s.lifeline.name, status: s.status, route: route(s.route),
                          routes: s.routes.map(route)});
  const pocket = (p) => p === null ? null : {places: p.places, population: p.population,
    unknown: p.unknown, abroad: p.abroad, main: p.main, strongholds: p.strongholds};
  const assessment = (a) => ({faction: a.faction.id, lifelines: a.lifelines.map(status),
    pockets: a.pockets.map(pocket), chokepoints: a.chokepoints, strongholds: a.strongholds,
    main: pocket(a.mainPocket)});
  const change = (c) => ({
    faction: c.faction, capital: c.capital, capital_lost: c.capitalLost,
    lifelines: c.lifelines.map((x) => ({name: x.name, source: x.source, targets: x.targets,
      label: x.label, before: x.before, after: x.after, km_before: x.kmBefore,
      km_after: x.kmAfter, target_before: x.targetBefore, target_after: x.targetAfter,
      route_before: x.routeBefore, route_after: x.routeAfter, kind: x.kind})),
    strongholds_lost: c.strongholdsLost, strongholds_cut_off: c.strongholdsCutOff,
    strongholds_reconnected: c.strongholdsReconnected, places_isolated: c.placesIsolated,
    places_lost: c.placesLost, places_rejoined: c.placesRejoined,
    places_gained: c.placesGained, gained_joined: c.gainedJoined,
    people_cut_off: c.peopleCutOff, unknown_cut_off: c.unknownCutOff,
    people_lost: c.peopleLost, unknown_lost: c.unknownLost, pockets_after: c.pocketsAfter,
    largest_after: pocket(c.largestAfter), held_after: c.heldAfter, kinds: c.kinds,
    kind: c.kind});
  const control = (C) => {
    const holdings = {};
    E.sortedBy(Array.from(C.holdings.keys())).forEach((p) => {
      holdings[p] = [C.holdings.get(p).faction, C.holdings.get(p).status]; });
    return {holdings, cut: E.cutRoads(C), open: E.sortedBy(Array.from(C.openTransit))};
  };
  const whatifs = cases.whatifs.map((c) => {
    const C = c.control ? E.control(c.control) : c.date ? E.controlOn(S, c.date) : S.control;
    const judged = E.judgedFaction(S, C, c.events);
    const w = E.whatIf(S, C, c.faction || judged, c.events);
    const restorers = {};
    Object.keys(w.restorers).forEach((k) => {
      restorers[k] = w.restorers[k].map((f) => [f[0], status(f[1])]); });
    return {judged, faction: w.faction.id, before: assessment(w.before),
            after: assessment(w.after), restorers, change: E.changeJson(w.change),
            change_raw: change(w.change), control_after: control(w.controlAfter),
            verdict: W.verdict(S, w)};
  });
  const days = cases.days.map((d) => {
    const day = E.day(S, d.date, d.faction);
    return {date: day.date, faction: d.faction,
            events: day.events.map((e) => [e.place, e.faction, e.status]),
            before: assessment(day.before), after: assessment(day.after),
            change: E.changeJson(day.change), change_raw: change(day.change),
            control_before: control(day.controlBefore), control: control(day.control),
            verdict: W.dayVerdict(S, day)};
  });
  const lookups = cases.lookups.map((text) => E.lookupPlace(S, text));
  const n = cases.numbers;
  const numbers = {fixed0: n.floats.map((x) => E.fixed(x, 0)),
                   fixed1: n.floats.map((x) => E.fixed(x, 1)),
                   round1: n.floats.map((x) => E.roundFloat(x, 1)),
                   km: n.floats.map(W.km),
                   rounded: n.ints.filter((x) => x > 0).map(W.rounded),
                   people: n.ints.map((x) => W.peopleWords(x, x % 3))};
  return {whatifs, days, lookups, numbers, dates: S.campaign ? S.campaign.dates : []};
}
"""


def _first_difference(py, js, where="") -> str | None:
    """Where two JSON-like values first differ (None if equal); floats exactly."""
    if isinstance(py, dict) and isinstance(js, dict):
        if set(py) != set(js):
            return f"{where}: keys {sorted(py)} != {sorted(js)}"
        for k in py:
            found = _first_difference(py[k], js[k], f"{where}.{k}")
            if found:
                return found
        return None
    if isinstance(py, list) and isinstance(js, list):
        if len(py) != len(js):
            return f"{where}: {len(py)} items != {len(js)}: {py!r} != {js!r}"
        for i, (a, b) in enumerate(zip(py, js)):
            found = _first_difference(a, b, f"{where}[{i}]")
            if found:
                return found
        return None
    if type(py) is bool or type(js) is bool:
        return None if py is js else f"{where}: {py!r} != {js!r}"
    if py != js:
        return f"{where}: python {py!r} != js {js!r}"
    return None


def _events_json(case) -> dict:
    out = {"date": case["date"], "faction": case["faction"],
           "events": [e.as_json() for e in case["events"]]}
    if case.get("control") is not None:
        out["control"] = control_data(case["control"])
    return out


@pytest.mark.parametrize("sid", SCENARIOS)
def test_parity_with_python(chromium, tmp_path, sid):
    scenario = sim.load(sid)
    rng = random.Random(f"explorer-parity-{sid}")
    whatifs = _whatif_cases(rng, scenario, WHATIFS)
    undoing = _undoing_cases(rng, scenario, UNDOING)
    dated = []
    if scenario.events:
        eve = start_date(scenario) or min(e.date for e in scenario.events)
        dates = sorted({e.date for e in scenario.events} | {scenario.date, eve,
                                                              day_after(eve, -30)})
        dated = _whatif_cases(rng, scenario, DATED, dates)
    cases = whatifs + undoing + dated
    lookups = _lookup_cases(rng, scenario)
    numbers = _number_cases(rng)

    page_file = tmp_path / f"{sid}.html"
    page_file.write_text(page_html(scenario), encoding="utf-8")
    days = _python_days(scenario) if scenario.events else []
    question = json.dumps({"whatifs": [_events_json(c) for c in cases],
                           "days": [{"date": d["date"], "faction": d["faction"]} for d in days],
                           "lookups": lookups, "numbers": numbers})
    with offline_page(chromium, page_file) as (page, refused):
        # In and out as JSON text: Playwright's own transfer of a large value is slow,
        # and JSON keeps every double exact (the shortest text that reads back the same).
        answer = page.evaluate(f"(text) => JSON.stringify(({JS_ANSWERS})(JSON.parse(text)))",
                               question)
    js = json.loads(answer)
    assert not refused, f"the page asked the network for {refused}"
    assert (len(js["whatifs"]), len(js["days"]), len(js["lookups"])) == (
        len(cases), len(days), len(lookups))

    problems, kinds = [], set()
    for case, got in zip(cases, js["whatifs"]):
        py = _python_whatif(scenario, case)
        kinds.add(py["change"]["kind"])
        found = _first_difference(py, got)
        if found:
            problems.append(f"what-if {_events_json(case)}{found}")
    for day, got in zip(days, js["days"]):
        found = _first_difference(day, got)
        if found:
            problems.append(f"day {day['date']} for {day['faction']}{found}")
    idx = scenario.theatre.places_index
    for text, got in zip(lookups, js["lookups"]):
        if idx.lookup(text) != got:
            problems.append(f"lookup {text!r}: python {idx.lookup(text)!r} != js {got!r}")
    py_numbers = _python_numbers(numbers)
    found = _first_difference(py_numbers, js["numbers"], "numbers")
    if found:
        problems.append(found)

    COUNTS[sid] = {"whatifs": len(whatifs), "undoing": len(undoing), "dated": len(dated),
                   "days": len(days), "lookups": len(lookups),
                   "numbers": sum(len(v) for v in py_numbers.values()), "kinds": len(kinds)}
    assert not problems, f"{len(problems)} differences, first ones:\n" + "\n".join(problems[:8])
    assert len(whatifs) >= 110
    # every day of the timeline (the page's campaign dates), for every faction
    assert sorted({d["date"] for d in days}) == js["dates"]
    assert len(days) == len(scenario.factions) * len(js["dates"])
    # a faction with a plural label (the Druze factions) is judged too, in plural words
    catalogue = scenario.theatre.factions
    plural = [d["verdict"] for d in days if d["faction"] in catalogue
              and catalogue[d["faction"]].plural]
    if sid == "syria-2024-campaign":
        assert plural and all("the Druze factions gain " in v or "place they hold keeps" in v
                              for v in plural), plural
