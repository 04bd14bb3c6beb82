/* The explorer's engine: the analysis of sim.analysis, run in the browser.
 *
 * From the data an explorer page carries (sim/explorer/data.py) it answers the
 * questions the Python engine answers, with the same results to the last digit:
 * where a faction may pass (passable.py), each lifeline's status and shortest
 * routes (lifelines.py), the faction's pockets (pockets.py), each lifeline's
 * chokepoints (chokepoints.py), each stronghold's state and a what-if
 * (whatif.py), what events change (change.py), a day of a campaign
 * (timeline.py), and place names as the command line reads them (names.py).
 *
 * A control (C) is a plain value that is never changed: every event makes a new
 * one. Place ids are sorted by code point, as Python sorts strings, never by
 * locale. Results are plain objects; a faction is the object data.factions
 * holds for it (its id, label, allies, capital, strongholds...).
 */
"use strict";

var SimEngine = (function () {

  // ------------------------------------------------------------- ordering

  /* Python's comparison of two strings: by code point (JS's < compares UTF-16
     units, which differs only for characters beyond U+FFFF). */
  function compareText(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) {
        var xs = x >= 0xD800 && x <= 0xDFFF, ys = y >= 0xD800 && y <= 0xDFFF;
        if (xs !== ys) return xs ? 1 : -1;  // a surrogate stands for a code point above U+FFFF
        return x < y ? -1 : 1;
      }
    }
    return a.length - b.length;
  }

  /* Python's comparison of two sort keys: numbers, booleans, strings or tuples (arrays). */
  function compareKeys(a, b) {
    if (Array.isArray(a)) {
      for (var i = 0; i < Math.min(a.length, b.length); i++) {
        var c = compareKeys(a[i], b[i]);
        if (c !== 0) return c;
      }
      return a.length - b.length;
    }
    if (typeof a === "string") return compareText(a, b);
    return Number(a) - Number(b);
  }

  /* sorted(items, key=key): a new, stably sorted array. */
  function sortedBy(items, key) {
    var list = Array.from(items);
    if (!key) return list.sort(compareKeys);
    return list.map(function (item, i) { return {k: key(item), i: i, item: item}; })
      .sort(function (x, y) { return compareKeys(x.k, y.k) || x.i - y.i; })
      .map(function (e) { return e.item; });
  }

  /* dict.fromkeys(items): the items, each once, in their first order. */
  function unique(items) {
    return Array.from(new Set(items));
  }

  // ------------------------------------------------------------- numbers

  /* f"{x:.{digits}f}": x with `digits` decimals, rounded as Python rounds, on the
     exact binary value and half to even. toFixed rounds the exact value too, but
     an exact tie up: a tie is x = odd / 2**(digits+1), decided here with integers. */
  function fixed(x, digits) {
    var negative = x < 0 || Object.is(x, -0);
    var size = Math.abs(x);
    var twice = size * Math.pow(2, digits + 1);  // exact: a power of two
    if (!Number.isInteger(twice) || twice % 2 === 0) {
      // toFixed writes 1e21 and above in exponent form; such doubles are whole numbers
      var text = size < 1e21 ? size.toFixed(digits) :
        BigInt(size).toString() + (digits ? "." + "0".repeat(digits) : "");
      return (negative ? "-" : "") + text;
    }
    // A tie: size * 10**digits is (twice * 5**digits) / 2, halfway between n and n + 1.
    var n = (BigInt(twice) * BigInt(5) ** BigInt(digits) - BigInt(1)) / BigInt(2);
    if (n % BigInt(2) === BigInt(1)) n += BigInt(1);
    var s = n.toString().padStart(digits + 1, "0");
    var whole = s.slice(0, s.length - digits), part = s.slice(s.length - digits);
    return (negative ? "-" : "") + whole + (digits ? "." + part : "");
  }

  /* round(x, digits) of a float: the nearest double to the rounded decimal. */
  function roundFloat(x, digits) {
    return Number(fixed(x, digits));
  }

  // ------------------------------------------------------------- control

  /* model.road_key: the order-free key of a road, "a|b" with a before b. */
  function roadKey(a, b) {
    return compareText(a, b) <= 0 ? a + "|" + b : b + "|" + a;
  }

  /* A control from the page's data (data.control, data.campaign.start). */
  function control(d) {
    var holdings = new Map();
    Object.keys(d.holdings).forEach(function (p) {
      holdings.set(p, {faction: d.holdings[p][0], status: d.holdings[p][1]});
    });
    var rights = {};
    Object.keys(d.transit_rights || {}).forEach(function (f) {
      rights[f] = d.transit_rights[f].slice();
    });
    return {holdings: holdings,
            cut: new Set(d.cut_roads.map(function (r) { return roadKey(r[0], r[1]); })),
            openTransit: new Set(d.open_transit), contested: d.contested, rights: rights};
  }

  function changed(C, parts) {
    return Object.assign({}, C, parts);
  }

  /* Control.with_holding */
  function withHolding(C, place, holding) {
    var holdings = new Map(C.holdings);
    holdings.set(place, holding);
    return changed(C, {holdings: holdings});
  }

  /* Control.with_road */
  function withRoad(C, a, b, cut) {
    var roads = new Set(C.cut);
    if (cut) roads.add(roadKey(a, b)); else roads.delete(roadKey(a, b));
    return changed(C, {cut: roads});
  }

  /* Control.with_transit */
  function withTransit(C, country, open) {
    var countries = new Set(C.openTransit);
    if (open) countries.add(country); else countries.delete(country);
    return changed(C, {openTransit: countries});
  }

  /* Control.holder */
  function holder(C, id) {
    var h = C.holdings.get(id);
    return h ? h.faction : null;
  }

  /* Control.transit_for: the foreign countries open to a side. */
  function transitFor(C, side) {
    var out = new Set(C.openTransit);
    side.forEach(function (f) {
      (C.rights[f] || []).forEach(function (c) { out.add(c); });
    });
    return out;
  }

  /* Control.places_of: sorted ids of the places a faction holds. */
  function placesOf(C, fid) {
    var out = [];
    C.holdings.forEach(function (h, p) { if (h.faction === fid) out.push(p); });
    return out.sort(compareText);
  }

  /* Control.held_strongholds: the faction's strongholds that it or an ally holds. */
  function heldStrongholds(C, faction) {
    var side = factionSide(faction);
    return unique(faction.strongholds).filter(function (p) { return side.has(holder(C, p)); });
  }

  /* The cut roads as sorted (a, b) pairs, as sorted(control.cut_roads) gives them. */
  function cutRoads(C) {
    return sortedBy(Array.from(C.cut, function (k) { return k.split("|"); }));
  }

  // ------------------------------------------------------------- the scenario

  /* The engine's view of an explorer page's data. */
  function load(data) {
    var S = {data: data, home: data.home, places: new Map(), factions: new Map(),
             adjacency: new Map(), lifelines: data.lifelines};
    data.places.forEach(function (p) { S.places.set(p.id, p); });
    data.factions.forEach(function (f) { S.factions.set(f.id, f); });
    Object.keys(data.adjacency).forEach(function (p) { S.adjacency.set(p, data.adjacency[p]); });
    S.control = control(data.control);
    var c = data.campaign;
    S.campaign = c ? {start: control(c.start), events: c.events, dates: c.dates,
                      eve: c.eve || null} : null;
    return S;
  }

  function factionSide(faction) {
    return new Set(faction.allies.concat([faction.id]));
  }

  /* Faction.side: the faction and its allies. */
  function side(S, fid) {
    var faction = S.factions.get(fid);
    return faction ? factionSide(faction) : new Set([fid]);
  }

  function factionOf(S, fid) {
    var faction = S.factions.get(fid);
    if (!faction) throw new Error("unknown faction " + fid);
    return faction;
  }

  // ------------------------------------------------------------- passability

  /* passable.passable_places: the ids of the places a side may pass through. */
  function passable(S, C, sideSet) {
    var out = new Set();
    var closed = C.contested === "closed";
    var open = transitFor(C, sideSet);
    S.data.places.forEach(function (place) {
      var h = C.holdings.get(place.id);
      if (!h) {
        if (place.country !== S.home && open.has(place.country)) out.add(place.id);
        return;
      }
      if (!sideSet.has(h.faction)) return;
      if (closed && h.status !== "held") return;
      out.add(place.id);
    });
    return out;
  }

  /* passable.passable_graph: the road graph restricted to what a side may use. */
  function view(S, C, sideSet) {
    return {S: S, C: C, open: passable(S, C, sideSet)};
  }

  /* The usable roads from v, as [neighbour, km], in the road graph's order. */
  function roadsFrom(g, v) {
    return (g.S.adjacency.get(v) || []).filter(function (road) {
      return g.open.has(road[0]) && !g.C.cut.has(roadKey(v, road[0]));
    });
  }

  /* A path (list of ids) from source to the first of `goals` found breadth first,
     not passing through `avoid`; null if there is none. */
  function pathToAny(g, source, goals, avoid) {
    var back = new Map([[source, null]]);
    var queue = [source];
    for (var i = 0; i < queue.length; i++) {
      var v = queue[i];
      if (goals.has(v)) {
        var path = [];
        for (var p = v; p !== null; p = back.get(p)) path.push(p);
        return path.reverse();
      }
      roadsFrom(g, v).forEach(function (road) {
        var u = road[0];
        if (u !== avoid && !back.has(u)) { back.set(u, v); queue.push(u); }
      });
    }
    return null;
  }

  // ------------------------------------------------------------- lifelines

  /* A binary heap of [distance, counter, id], smallest first (Python's heapq). */
  function heapPush(heap, item) {
    heap.push(item);
    var i = heap.length - 1;
    while (i > 0) {
      var up = (i - 1) >> 1;
      if (!before(heap[i], heap[up])) break;
      var t = heap[i]; heap[i] = heap[up]; heap[up] = t; i = up;
    }
  }

  function heapPop(heap) {
    var top = heap[0], last = heap.pop();
    if (heap.length) {
      heap[0] = last;
      var i = 0;
      for (;;) {
        var l = 2 * i + 1, r = l + 1, m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        var t = heap[i]; heap[i] = heap[m]; heap[m] = t; i = m;
      }
    }
    return top;
  }

  function before(a, b) {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  }

  /* networkx.single_source_dijkstra by km: distances and paths, with its rules for
     ties (a heap of (distance, counter, id); a tentative path is replaced only by a
     strictly shorter one; roads relaxed in the graph's order). */
  function dijkstra(g, source) {
    var dist = new Map(), seen = new Map([[source, 0]]), pred = new Map();
    var heap = [], counter = 0;
    heapPush(heap, [0, counter++, source]);
    while (heap.length) {
      var top = heapPop(heap), d = top[0], v = top[2];
      if (dist.has(v)) continue;
      dist.set(v, d);
      roadsFrom(g, v).forEach(function (road) {
        var u = road[0], du = d + road[1];
        if (dist.has(u)) return;
        if (!seen.has(u) || du < seen.get(u)) {
          seen.set(u, du);
          heapPush(heap, [du, counter++, u]);
          pred.set(u, v);
        }
      });
    }
    function path(t) {
      var out = [];
      for (var p = t; p !== undefined; p = pred.get(p)) out.push(p);
      return out.reverse();
    }
    return {dist: dist, path: path};
  }

  /* lifelines.lifeline_status: connected (with its shortest route and the route to
     each reachable target), cut, source-lost or target-lost. */
  function lifelineStatus(S, C, lifeline, sideSet, g) {
    g = g || view(S, C, sideSet);
    var none = {lifeline: lifeline, route: null, routes: []};
    if (!g.open.has(lifeline.source)) return Object.assign(none, {status: "source-lost"});
    var targets = lifeline.targets.filter(function (t) { return g.open.has(t); });
    if (!targets.length) return Object.assign(none, {status: "target-lost"});
    var found = dijkstra(g, lifeline.source);
    var routes = sortedBy(targets.filter(function (t) { return found.dist.has(t); })
      .map(function (t) { return {target: t, km: found.dist.get(t), places: found.path(t)}; }),
    function (r) { return [r.km, r.target]; });
    if (!routes.length) return Object.assign(none, {status: "cut"});
    return {lifeline: lifeline, status: "connected", route: routes[0], routes: routes};
  }

  // ------------------------------------------------------------- chokepoints

  /* chokepoints.separating_places: the places other than the source whose removal
     leaves no path to any target, from the source outwards. Every such place lies on
     every route, so they are read off one route, each tried by a search without it. */
  function separatingPlaces(g, source, targets) {
    targets = unique(targets).filter(function (t) { return g.open.has(t); });
    if (!g.open.has(source) || !targets.length || targets.indexOf(source) >= 0) return [];
    var route = pathToAny(g, source, new Set(targets), null);
    if (!route) return [];
    var found = route.slice(1).filter(function (place) {
      var others = new Set(targets.filter(function (t) { return t !== place; }));
      return pathToAny(g, source, others, place) === null;
    });
    // A lone target is not a chokepoint of its own lifeline.
    if (targets.length === 1) found = found.filter(function (p) { return p !== targets[0]; });
    return found;
  }

  // ------------------------------------------------------------- pockets

  /* pockets.counted: a place counts in the faction's people when it holds it at home. */
  function counted(S, C, fid, place) {
    return holder(C, place) === fid && S.places.get(place).country === S.home;
  }

  /* pockets.people: [known population, places of unknown population]. */
  function people(S, C, fid, places) {
    var known = 0, unknown = 0;
    places.forEach(function (p) {
      if (!counted(S, C, fid, p)) return;
      var pop = S.places.get(p).population;
      if (pop === null || pop === undefined) unknown += 1; else known += pop;
    });
    return [known, unknown];
  }

  /* The connected pieces of a passable view, each a list of ids. */
  function components(g) {
    var done = new Set(), out = [];
    g.open.forEach(function (start) {
      if (done.has(start)) return;
      var piece = [start];
      done.add(start);
      for (var i = 0; i < piece.length; i++) {
        roadsFrom(g, piece[i]).forEach(function (road) {
          if (!done.has(road[0])) { done.add(road[0]); piece.push(road[0]); }
        });
      }
      out.push(piece);
    });
    return out;
  }

  /* pockets.pockets: the pieces holding a place of the faction itself; main (the
     capital's) first, then by people, then by first id. */
  function pockets(S, C, faction, g) {
    g = g || view(S, C, factionSide(faction));
    var strong = new Set(faction.strongholds);
    var out = [];
    components(g).forEach(function (piece) {
      var own = piece.filter(function (p) { return holder(C, p) === faction.id; }).length;
      if (own === 0) return;  // pockets.is_pocket
      var places = piece.slice().sort(compareText);
      var counts = people(S, C, faction.id, places);
      out.push({places: places, population: counts[0], unknown: counts[1],
                abroad: places.filter(function (p) {
                  return S.places.get(p).country !== S.home; }).length,
                strongholds: places.filter(function (p) { return strong.has(p); }),
                main: faction.capital ? piece.indexOf(faction.capital) >= 0 : false});
    });
    return sortedBy(out, function (p) { return [!p.main, -p.population, p.places[0]]; });
  }

  // ------------------------------------------------------------- assessment

  /* whatif.assess: the faction's pockets, its own lifelines, their chokepoints and
     its strongholds' states under a control. */
  function assess(S, C, fid) {
    var faction = factionOf(S, fid);
    var g = view(S, C, factionSide(faction));
    var own = S.lifelines.filter(function (ll) { return ll.faction === faction.id; });
    var statuses = own.map(function (ll) { return lifelineStatus(S, C, ll, null, g); });
    var chokes = {};
    own.forEach(function (ll) { chokes[ll.name] = separatingPlaces(g, ll.source, ll.targets); });
    var list = pockets(S, C, faction, g);
    var main = list.length && list[0].main ? list[0] : null;
    var held = new Set(heldStrongholds(C, faction));
    var states = {};
    unique(faction.strongholds).slice().sort(compareText).forEach(function (place) {
      if (!held.has(place)) states[place] = "lost";
      else if (main && main.places.indexOf(place) >= 0) states[place] = "connected";
      else states[place] = "cut-off";
    });
    return {faction: faction, pockets: list, lifelines: statuses, chokepoints: chokes,
            strongholds: states, mainPocket: main};
  }

  // ------------------------------------------------------------- events

  /* events.apply_events: the control after the events, in order. */
  function applyEvents(S, C, events) {
    return events.reduce(applyEvent, C);
  }

  function applyEvent(C, e) {
    switch (e.type) {
      case "fall":
        return withHolding(C, e.place, {faction: e.faction, status: "held"});
      case "contest": {
        var old = C.holdings.get(e.place);
        return old ? withHolding(C, e.place, {faction: old.faction, status: "contested"}) : C;
      }
      case "cut-road": return withRoad(C, e.road[0], e.road[1], true);
      case "open-road": return withRoad(C, e.road[0], e.road[1], false);
      case "open-transit": return withTransit(C, e.country, true);
      case "close-transit": return withTransit(C, e.country, false);
    }
    throw new Error("unknown event type " + e.type);
  }

  /* events.check_events: refuse an event naming a place, faction or road the theatre lacks. */
  function checkEvents(S, events) {
    events.forEach(function (e) {
      if ((e.type === "fall" || e.type === "contest") && !S.places.has(e.place)) {
        throw new Error("unknown place id " + e.place);
      }
      var known = Object.prototype.hasOwnProperty.call(S.data.labels, e.faction);
      if (e.type === "fall" && !known && !S.factions.has(e.faction)) {
        throw new Error("unknown faction id " + e.faction);
      }
      if (e.type === "cut-road" || e.type === "open-road") {
        var a = e.road[0], b = e.road[1];
        var joined = (S.adjacency.get(a) || []).some(function (r) { return r[0] === b; });
        if (!joined) throw new Error("no road joins " + a + " and " + b);
      }
    });
  }

  /* whatif.restoring_roads: the cut roads whose reopening alone reconnects a cut
     lifeline, each with the lifeline's status once reopened, shortest first. */
  function restoringRoads(S, C, lifeline, sideSet) {
    if (lifelineStatus(S, C, lifeline, sideSet).status !== "cut") return [];
    var found = [];
    cutRoads(C).forEach(function (key) {
      var status = lifelineStatus(S, withRoad(C, key[0], key[1], false), lifeline, sideSet);
      if (status.status === "connected") found.push([key, status]);
    });
    return sortedBy(found, function (f) { return [f[1].route.km, f[0]]; });
  }

  // ------------------------------------------------------------- change

  var KINDS = ["capital-lost", "lifeline-cut", "lifeline-lost", "stronghold-cut-off",
               "stronghold-lost", "places-lost", "places-isolated", "lifeline-longer",
               "lifeline-restored", "stronghold-reconnected", "places-rejoined",
               "places-gained", "lifeline-shorter", "nothing"];

  /* change.LifelineChange.kind: cut, lost, restored, longer, shorter or "". */
  function lifelineChangeKind(c) {
    if (c.before === "connected") {
      if (c.after === "cut") return "cut";
      if (c.after !== "connected") return "lost";
      if (c.kmAfter > c.kmBefore + 0.05) return "longer";
      if (c.kmAfter < c.kmBefore - 0.05) return "shorter";
      return "";
    }
    return c.after === "connected" ? "restored" : "";
  }

  /* change.LifelineChange.of: one lifeline before and after. */
  function lifelineChange(b, a) {
    var ll = b.lifeline;
    var c = {name: ll.name, source: ll.source, targets: ll.targets, label: ll.label,
             before: b.status, after: a.status,
             kmBefore: b.route ? b.route.km : null, kmAfter: a.route ? a.route.km : null,
             targetBefore: b.route ? b.route.target : null,
             targetAfter: a.route ? a.route.target : null,
             routeBefore: b.route ? b.route.places : [], routeAfter: a.route ? a.route.places : []};
    c.kind = lifelineChangeKind(c);
    return c;
  }

  /* Change.lifelines_of */
  function lifelinesOf(change, kind) {
    return change.lifelines.filter(function (c) { return c.kind === kind; });
  }

  /* Change.kinds: every kind present, gravest first (["nothing"] when none). */
  function changeKinds(ch) {
    var lost = new Set(ch.strongholdsLost);
    var present = {
      "capital-lost": ch.capitalLost,
      "lifeline-cut": lifelinesOf(ch, "cut").length,
      "lifeline-lost": lifelinesOf(ch, "lost").length,
      "stronghold-cut-off": ch.strongholdsCutOff.length,
      "stronghold-lost": ch.strongholdsLost.length,
      "places-lost": ch.placesLost.filter(function (p) { return !lost.has(p); }).length,
      "places-isolated": ch.placesIsolated.length,
      "lifeline-longer": lifelinesOf(ch, "longer").length,
      "lifeline-restored": lifelinesOf(ch, "restored").length,
      "stronghold-reconnected": ch.strongholdsReconnected.length,
      "places-rejoined": ch.placesRejoined.length,
      "places-gained": ch.placesGained.length,
      "lifeline-shorter": lifelinesOf(ch, "shorter").length
    };
    var found = KINDS.slice(0, -1).filter(function (k) { return present[k]; });
    return found.length ? found : ["nothing"];
  }

  /* change.largest: the pocket with the most people, then places, then first id. */
  function largest(list) {
    if (!list.length) return null;
    return sortedBy(list, function (p) { return [-p.population, -p.places.length, p.places[0]]; })[0];
  }

  function minus(a, b) {
    return Array.from(a).filter(function (x) { return !b.has(x); }).sort(compareText);
  }

  /* change.describe_change: what the change from one control (and assessment) to
     another did to the faction. */
  function describeChange(S, faction, Cb, Ca, before, after) {
    var fid = faction.id;
    var mainB = new Set(before.mainPocket ? before.mainPocket.places : []);
    var mainA = new Set(after.mainPocket ? after.mainPocket.places : []);
    var heldB = new Set(placesOf(Cb, fid)), heldA = new Set(placesOf(Ca, fid));
    var strong = new Set(faction.strongholds);
    var lost = minus(heldB, heldA), gained = minus(heldA, heldB);
    var kept = Array.from(heldB).filter(function (p) { return heldA.has(p); }).sort(compareText);
    var newlyOut = kept.filter(function (p) { return mainB.has(p) && !mainA.has(p); });
    var backIn = kept.filter(function (p) { return !mainB.has(p) && mainA.has(p); });
    var cap = faction.capital;
    var sb = new Set(heldStrongholds(Cb, faction)), sa = new Set(heldStrongholds(Ca, faction));
    var both = Array.from(sb).filter(function (p) { return sa.has(p); }).sort(compareText);
    var lines = before.lifelines.map(function (b, i) { return lifelineChange(b, after.lifelines[i]); })
      .filter(function (c) { return c.kind; });
    var out = people(S, Ca, fid, newlyOut), gone = people(S, Cb, fid, lost);
    var ch = {
      faction: fid, capital: cap,
      capitalLost: Boolean(cap) && heldB.has(cap) && !heldA.has(cap),
      lifelines: lines,
      strongholdsLost: minus(sb, sa),
      strongholdsCutOff: both.filter(function (p) { return mainB.has(p) && !mainA.has(p); }),
      strongholdsReconnected: both.filter(function (p) { return !mainB.has(p) && mainA.has(p); }),
      placesIsolated: newlyOut.filter(function (p) { return !strong.has(p); }),
      placesLost: lost,
      placesRejoined: backIn.filter(function (p) { return !strong.has(p); }),
      placesGained: gained,
      gainedJoined: gained.filter(function (p) { return mainA.has(p); }),
      peopleCutOff: out[0], unknownCutOff: out[1], peopleLost: gone[0], unknownLost: gone[1],
      pocketsAfter: after.pockets.length, largestAfter: largest(after.pockets),
      heldAfter: heldA.size
    };
    ch.kinds = changeKinds(ch);
    ch.kind = ch.kinds[0];
    ch.empty = ch.kind === "nothing";
    return ch;
  }

  /* Pocket.as_json */
  function pocketJson(p) {
    return {main: p.main, places: p.places.slice(), population: p.population,
            population_unknown: p.unknown, abroad: p.abroad, strongholds: p.strongholds.slice()};
  }

  /* Change.as_json: the change as the JSON reports give it (km to one decimal). */
  function changeJson(ch) {
    function km(v) { return v === null ? null : roundFloat(v, 1); }
    return {
      kind: ch.kind, kinds: ch.kinds.slice(), capital: ch.capital, capital_lost: ch.capitalLost,
      lifelines: ch.lifelines.map(function (c) {
        return {name: c.name, change: c.kind, before: c.before, after: c.after,
                km_before: km(c.kmBefore), km_after: km(c.kmAfter),
                target_before: c.targetBefore, target_after: c.targetAfter};
      }),
      strongholds_lost: ch.strongholdsLost.slice(),
      strongholds_cut_off: ch.strongholdsCutOff.slice(),
      strongholds_reconnected: ch.strongholdsReconnected.slice(),
      places_isolated: ch.placesIsolated.slice(), places_lost: ch.placesLost.slice(),
      places_rejoined: ch.placesRejoined.slice(), places_gained: ch.placesGained.slice(),
      places_gained_joined: ch.gainedJoined.slice(),
      people_cut_off: ch.peopleCutOff, people_cut_off_unknown: ch.unknownCutOff,
      people_lost: ch.peopleLost, people_lost_unknown: ch.unknownLost,
      pockets_after: ch.pocketsAfter,
      largest_pocket_after: ch.largestAfter ? pocketJson(ch.largestAfter) : null
    };
  }

  // ------------------------------------------------------------- what-if

  /* whatif.what_if: apply the events and assess the faction before and after. */
  function whatIf(S, C, fid, events) {
    var faction = factionOf(S, fid);
    checkEvents(S, events);
    var Ca = applyEvents(S, C, events);
    var after = assess(S, Ca, fid);
    var restorers = {};
    if (Ca.cut.size) {
      after.lifelines.forEach(function (s) {
        if (s.status !== "cut") return;
        var fixes = restoringRoads(S, Ca, s.lifeline, factionSide(faction));
        if (fixes.length) restorers[s.lifeline.name] = fixes;
      });
    }
    var before = assess(S, C, fid);
    return {faction: faction, events: events.slice(), before: before, after: after,
            controlBefore: C, controlAfter: Ca, restorers: restorers,
            change: describeChange(S, faction, C, Ca, before, after)};
  }

  /* api.judged_faction without a faction named: the holder (under C) of the first
     place that falls, else of the first contested one, else the owner of the first
     lifeline; null when that is no faction of the scenario. */
  function judgedFaction(S, C, events) {
    function first(type) {
      var e = events.find(function (x) { return x.type === type; });
      return e ? holder(C, e.place) : null;
    }
    var fid = first("fall") || first("contest") ||
      (S.lifelines.length ? S.lifelines[0].faction : null);
    return fid !== null && S.factions.has(fid) ? fid : null;
  }

  // ------------------------------------------------------------- campaigns

  var ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

  /* campaign.day: a YYYY-MM-DD date, checked. */
  function checkDate(date) {
    var ok = typeof date === "string" && ISO_DAY.test(date);
    if (ok) {
      var d = new Date(date + "T00:00:00Z");
      ok = !isNaN(d) && d.toISOString().slice(0, 10) === date;
    }
    if (!ok) throw new Error("a date is YYYY-MM-DD, got " + JSON.stringify(date));
    return date;
  }

  /* The holding a campaign event gives its place (CampaignEvent.holding). */
  function eventHolding(e) {
    return {faction: e.faction, status: e.status};
  }

  /* campaign.applied: the start control with the events that pass `keep` applied
     in date order. */
  function applied(C, events, keep) {
    sortedBy(events, function (e) { return e.date; }).forEach(function (e) {
      if (keep(e)) C = withHolding(C, e.place, eventHolding(e));
    });
    return C;
  }

  /* Scenario.control_on: the control on a date (events up to it included). */
  function controlOn(S, date) {
    checkDate(date);
    if (!S.campaign || !S.campaign.events.length) return S.control;
    return applied(S.campaign.start, S.campaign.events, function (e) { return e.date <= date; });
  }

  /* One day of timeline.campaign_timeline: the day's changes of hands in order, the
     control before and after them, the faction's assessment before and after, and
     what the day changed for it. */
  function day(S, date, fid) {
    checkDate(date);
    var faction = factionOf(S, fid);
    var campaign = S.campaign || {start: S.control, events: []};
    var Cb = applied(campaign.start, campaign.events, function (e) { return e.date < date; });
    var todays = campaign.events.filter(function (e) { return e.date === date; });
    var Ca = todays.reduce(function (C, e) { return withHolding(C, e.place, eventHolding(e)); }, Cb);
    var before = assess(S, Cb, fid);
    var after = todays.length ? assess(S, Ca, fid) : before;
    return {date: date, events: todays, controlBefore: Cb, control: Ca, before: before,
            after: after, change: describeChange(S, faction, Cb, Ca, before, after)};
  }

  // ------------------------------------------------------------- names

  var APOSTROPHES = /[\u2019\u2018'`\u02BF\u02BE\u02BC\u00B4]/g;
  var ARTICLES = new Set(["al", "el", "ad", "ed", "ar", "er", "as", "es", "az", "ez", "an",
                          "en", "ash", "esh", "at", "et", "ath", "adh", "the"]);

  /* names.normalize: lowercase ASCII words separated by single spaces. (Python drops
     the characters of a nonzero combining class; JS can only ask for nonspacing
     marks, which are the same characters for every accent of the Latin and Arabic
     scripts.) */
  function normalize(text) {
    if (/[^\x00-\x7F]/.test(text)) text = text.normalize("NFKD").replace(/\p{Mn}/gu, "");
    text = text.replace(APOSTROPHES, "").toLowerCase();
    return text.replace(/[^a-z0-9]+/g, " ").trim();
  }

  /* names._loose: a normalized name without its articles or spaces. */
  function looseOf(normalized) {
    var words = normalized.split(" ").filter(Boolean);
    var kept = words.filter(function (w) { return !ARTICLES.has(w); });
    return (kept.length ? kept : words).join("");
  }

  /* names.loose_key */
  function looseKey(text) {
    return looseOf(normalize(text));
  }

  /* NameIndex.lookup over the scenario's spellings: the place id a name spells, or null. */
  function lookupPlace(S, text) {
    var own = Object.prototype.hasOwnProperty;
    var exact = S.data.spellings.exact, loose = S.data.spellings.loose;
    var key = normalize(text);
    if (own.call(exact, key)) return exact[key];
    var l = looseOf(key);
    return (own.call(loose, l) && loose[l]) || null;
  }

  return {
    load: load, control: control, roadKey: roadKey, holder: holder, side: side,
    passable: passable, applyEvents: applyEvents, lifelineStatus: lifelineStatus,
    assess: assess, whatIf: whatIf, judgedFaction: judgedFaction, controlOn: controlOn,
    day: day, normalize: normalize, lookupPlace: lookupPlace, changeJson: changeJson,
    // the parts, for the words, the page and the tests
    compareText: compareText, sortedBy: sortedBy, fixed: fixed, roundFloat: roundFloat,
    withHolding: withHolding, withRoad: withRoad, withTransit: withTransit,
    transitFor: transitFor, placesOf: placesOf, heldStrongholds: heldStrongholds,
    cutRoads: cutRoads, view: view, dijkstra: dijkstra, separatingPlaces: separatingPlaces,
    pockets: pockets, restoringRoads: restoringRoads, describeChange: describeChange,
    largest: largest, lifelinesOf: lifelinesOf, checkEvents: checkEvents,
    looseKey: looseKey, pocketJson: pocketJson, KINDS: KINDS
  };
})();
