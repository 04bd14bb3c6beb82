/* Unit tests of engine.js and words.js on small hand-made theatres.
 *
 * Not loaded by the explorer page: tests/test_explorer_engine.py runs them in a
 * page holding engine.js, words.js and this file, as SimTests.run(), which
 * returns {passed: n, failed: [messages]}. The expected sentences and numbers
 * are what the Python engine gives for the same theatres.
 */
"use strict";

var SimTests = (function () {
  var E = SimEngine, W = SimWords;
  var tests = [];

  function test(name, body) {
    tests.push({name: name, body: body});
  }

  function same(actual, expected, what) {
    var a = JSON.stringify(actual), b = JSON.stringify(expected);
    if (a !== b) throw new Error((what ? what + ": " : "") + "got " + a + ", expected " + b);
  }

  /* Run every test: {passed, failed: ["name: why"]}. */
  function run() {
    var passed = 0, failed = [];
    tests.forEach(function (t) {
      try { t.body(); passed += 1; } catch (err) { failed.push(t.name + ": " + err.message); }
    });
    return {passed: passed, failed: failed};
  }

  // ------------------------------------------------------------- toy theatres

  /* A seeded pseudo-random generator (mulberry32): numbers in [0, 1). */
  function random(seed) {
    return function () {
      seed = (seed + 0x6D2B79F5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /* Explorer data for a toy theatre. places: [id, name, kind, country, population];
     roads: [a, b, km], sorted by key as the Python theatre sorts them unless
     `asGiven` (then each place's roads are in the order given). */
  function toy(spec) {
    var places = spec.places.map(function (p) {
      return {id: p[0], name: p[1], kind: p[2] || "town", country: p[3] || "SY",
              population: p[4] === undefined ? 100 : p[4], lon: 0, lat: 0};
    });
    places = E.sortedBy(places, function (p) { return p.id; });
    var roads = spec.roads.map(function (r) {
      return E.compareText(r[0], r[1]) <= 0 ? r : [r[1], r[0], r[2]];
    });
    if (!spec.asGiven) roads = E.sortedBy(roads, function (r) { return [r[0], r[1]]; });
    var adjacency = {};
    places.forEach(function (p) { adjacency[p.id] = []; });
    roads.forEach(function (r) {
      adjacency[r[0]].push([r[1], r[2]]);
      adjacency[r[1]].push([r[0], r[2]]);
    });
    var holdings = {};
    Object.keys(spec.holders || {}).forEach(function (p) {
      var h = spec.holders[p];
      holdings[p] = Array.isArray(h) ? h : [h, "held"];
    });
    var factions = (spec.factions || []).map(function (f) {
      return Object.assign({allies: [], adversary: null, capital: null, strongholds: []}, f);
    });
    var labels = {};
    factions.forEach(function (f) { labels[f.id] = f.label || f.id; });
    return {
      home: "SY", countries: spec.countries || {SY: "Syria", LB: "Lebanon"},
      places: places, adjacency: adjacency, factions: factions, labels: labels,
      lifelines: spec.lifelines || [],
      spellings: spec.spellings || {exact: {}, loose: {}},
      control: {holdings: holdings, cut_roads: spec.cut || [], open_transit: spec.open || [],
                contested: spec.contested || "holder", transit_rights: spec.rights || {}},
      campaign: spec.campaign || null
    };
  }

  /* The toy of the verdict tests (the same theatre in Python gives the sentences below). */
  function verdictToy(campaign) {
    return E.load(toy({
      places: [["cap", "Capital", "city", "SY", 1000000], ["a", "Alpha", "town", "SY", 50000],
               ["b", "Beta", "city", "SY", 200000], ["c", "Gamma", "town", "SY", 1500],
               ["d", "Delta", "town", "SY", null], ["e", "Echo", "city", "SY", 120000],
               ["x", "Xport", "crossing", "LB", 500], ["f", "Foxtrot", "town", "SY", 3000]],
      roads: [["cap", "a", 10.5], ["a", "b", 20.25], ["b", "c", 15], ["c", "d", 5],
              ["cap", "e", 40], ["e", "b", 30], ["e", "x", 7], ["x", "d", 9], ["d", "f", 4]],
      holders: {cap: "gov", a: "gov", b: "gov", c: "gov", d: "gov", e: "gov", f: "reb"},
      cut: [["c", "d"]],
      factions: [{id: "gov", label: "Government", adversary: "reb", capital: "cap",
                  strongholds: ["b", "d"]},
                 {id: "reb", label: "rebels", adversary: "gov", capital: "f", strongholds: ["f"]},
                 {id: "ally", label: "Allies"}],
      lifelines: [{name: "Capital - the north", faction: "gov", source: "cap", targets: ["d"],
                   label: "the north"},
                  {name: "Capital - Beta or Gamma", faction: "gov", source: "cap",
                   targets: ["b", "c"], label: "Beta or Gamma"}],
      campaign: campaign || null
    }));
  }

  function fall(place, faction) { return {type: "fall", place: place, faction: faction}; }

  // ------------------------------------------------------------- ordering

  test("ids sort by code point, not by UTF-16 unit or locale", function () {
    var ids = ["b", "a", "B", "\u00e9", "z", "\ud83d\ude00", "\ufffd", "a-b", "a|"];
    same(E.sortedBy(ids), ["B", "a", "a-b", "a|", "b", "z", "\u00e9", "\ufffd", "\ud83d\ude00"]);
  });

  test("cut roads sort as pairs, as Python sorts tuples", function () {
    var C = E.control({holdings: {}, cut_roads: [["a-x", "b"], ["a", "z"]], open_transit: [],
                       contested: "holder", transit_rights: {}});
    same(E.cutRoads(C), [["a", "z"], ["a-x", "b"]]);
    same(E.roadKey("homs", "hama"), "hama|homs");
  });

  // ------------------------------------------------------------- numbers

  test("fixed rounds exact ties half to even, as Python's format does", function () {
    var cases = [[160.5, 0, "160"], [161.5, 0, "162"], [2.5, 0, "2"], [-2.5, 0, "-2"],
                 [0.25, 1, "0.2"], [0.75, 1, "0.8"], [1.25, 1, "1.2"], [0.125, 2, "0.12"],
                 [0.375, 2, "0.38"], [0.35, 1, "0.3"], [0.45, 1, "0.5"], [0.15, 1, "0.1"],
                 [0.05, 1, "0.1"], [2.675, 2, "2.67"], [9.95, 1, "9.9"], [1000000.5, 0, "1000000"],
                 [0.5, 1, "0.5"], [0, 1, "0.0"]];
    cases.forEach(function (c) { same(E.fixed(c[0], c[1]), c[2], c[0] + " to " + c[1]); });
    same(E.roundFloat(0.25, 1), 0.2);
    same(E.roundFloat(160.55, 1), 160.6);
  });

  test("km: tenths below 9.95, else whole km with commas", function () {
    same([160.5, 161.5, 0.25, 0.44, 9.94, 9.95, 1234.5, 161.6].map(W.km),
         ["160 km", "162 km", "0.2 km", "0.4 km", "9.9 km", "10 km", "1,234 km", "162 km"]);
    same(W.km(null), "-");
  });

  test("rounded people: three figures, ties half to even", function () {
    var cases = [[1, "1"], [999, "999"], [1000, "1,000"], [1005, "1,000"], [1015, "1,020"],
                 [2500, "2,500"], [97969, "98,000"], [124500, "124,000"], [125500, "126,000"],
                 [999500, "1.00 million"], [1362139, "1.36 million"], [1365000, "1.36 million"],
                 [1375000, "1.38 million"], [9995000, "10.0 million"],
                 [12345678, "12.3 million"], [99950000, "100 million"],
                 [1234567890, "1230 million"]];
    cases.forEach(function (c) { same(W.rounded(c[0]), c[1], String(c[0])); });
  });

  test("people words", function () {
    same(W.peopleWords(1362139, 0), "about 1.36 million people");
    same(W.peopleWords(186530, 2), "about 187,000 people and 2 places of unknown population");
    same(W.peopleWords(0, 1), "1 place of unknown population");
    same(W.peopleWords(1, 0), "1 person");
    same(W.peopleWords(999, 3), "999 people and 3 places of unknown population");
    same(W.peopleWords(0, 0), "no people");
    same(W.count(1234, "place"), "1,234 places");
  });

  test("small words: lists and dates", function () {
    same(W.joinWords(["Latakia", "Tartus"], "or"), "Latakia or Tartus");
    same(W.joinWords(["A", "B", "C"]), "A, B and C");
    same(W.joinWords([]), "");
    same(W.dateWords("2024-12-08"), "8 December 2024");
    same(W.spanWords("2024-11-27", "2024-12-08"), "27 November - 8 December 2024");
    same(W.spanWords("2023-12-31", "2024-01-01"), "31 December 2023 - 1 January 2024");
  });

  // ------------------------------------------------------------- routes

  test("Dijkstra keeps the first of two equal routes, in the roads' order", function () {
    var spec = {places: [["a", "A"], ["b", "B"], ["c", "C"], ["d", "D"]],
                roads: [["a", "b", 1], ["a", "c", 1], ["b", "d", 1], ["c", "d", 1]],
                holders: {a: "f", b: "f", c: "f", d: "f"}, factions: [{id: "f"}]};
    var S = E.load(toy(spec)), g = E.view(S, S.control, E.side(S, "f"));
    same(E.dijkstra(g, "a").path("d"), ["a", "b", "d"]);
    spec.asGiven = true;
    spec.roads = [["a", "c", 1], ["a", "b", 1], ["c", "d", 1], ["b", "d", 1]];
    S = E.load(toy(spec));
    g = E.view(S, S.control, E.side(S, "f"));
    same(E.dijkstra(g, "a").path("d"), ["a", "c", "d"]);
  });

  test("Dijkstra replaces a tentative route only by a strictly shorter one", function () {
    // a-b is 2 directly and 2 through c: b was reached first directly, and stays so.
    var S = E.load(toy({places: [["a", "A"], ["b", "B"], ["c", "C"]],
                        roads: [["a", "b", 2], ["a", "c", 1], ["b", "c", 1]],
                        holders: {a: "f", b: "f", c: "f"}, factions: [{id: "f"}]}));
    var found = E.dijkstra(E.view(S, S.control, E.side(S, "f")), "a");
    same(found.path("b"), ["a", "b"]);
    same(found.dist.get("b"), 2);
  });

  test("route lengths are the same float sums as Python's", function () {
    // 0.1 + 0.2 is 0.30000000000000004, longer than the direct 0.3.
    var S = E.load(toy({places: [["a", "A"], ["b", "B"], ["c", "C"]],
                        roads: [["a", "b", 0.1], ["b", "c", 0.2], ["a", "c", 0.3]],
                        holders: {a: "f", b: "f", c: "f"}, factions: [{id: "f"}]}));
    var ll = {name: "A - C", faction: "f", source: "a", targets: ["c", "b"], label: "C"};
    var s = E.lifelineStatus(S, S.control, ll, E.side(S, "f"));
    same(s.route, {target: "b", km: 0.1, places: ["a", "b"]});
    same(s.routes.map(function (r) { return [r.target, r.km]; }), [["b", 0.1], ["c", 0.3]]);
  });

  test("routes of equal length sort by target id", function () {
    var S = E.load(toy({places: [["s", "S"], ["z", "Z"], ["m", "M"]],
                        roads: [["s", "z", 5], ["s", "m", 5]],
                        holders: {s: "f", z: "f", m: "f"}, factions: [{id: "f"}]}));
    var s = E.lifelineStatus(S, S.control, {name: "x", faction: "f", source: "s",
                                            targets: ["z", "m"], label: ""}, E.side(S, "f"));
    same(s.routes.map(function (r) { return r.target; }), ["m", "z"]);
  });

  test("lifeline statuses: source-lost, target-lost, cut", function () {
    var S = E.load(toy({places: [["a", "A"], ["b", "B"], ["c", "C"]],
                        roads: [["a", "b", 100], ["b", "c", 50]],
                        holders: {a: "gov", b: "reb", c: "gov"},
                        factions: [{id: "gov"}, {id: "reb"}]}));
    var side = E.side(S, "gov");
    function status(source, targets) {
      return E.lifelineStatus(S, S.control, {name: "n", faction: "gov", source: source,
                                             targets: targets, label: ""}, side).status;
    }
    same([status("a", ["c"]), status("b", ["c"]), status("a", ["b"]), status("a", ["a"])],
         ["cut", "source-lost", "target-lost", "connected"]);
  });

  test("passability: contested places, open borders and standing rights", function () {
    var S = E.load(toy({places: [["a", "A"], ["b", "B"], ["x", "X", "town", "LB"],
                                 ["t", "T", "town", "TR"]],
                        roads: [["a", "x", 1], ["x", "b", 1], ["a", "t", 1]],
                        holders: {a: "gov", b: ["gov", "contested"]},
                        factions: [{id: "gov"}, {id: "sna"}], rights: {sna: ["TR"]}}));
    same(E.sortedBy(E.passable(S, S.control, new Set(["gov"]))), ["a", "b"]);
    var open = E.applyEvents(S, S.control, [{type: "open-transit", country: "LB"}]);
    same(E.sortedBy(E.passable(S, open, new Set(["gov"]))), ["a", "b", "x"]);
    same(E.sortedBy(E.passable(S, S.control, new Set(["gov", "sna"]))), ["a", "b", "t"]);
    var closed = Object.assign({}, S.control, {contested: "closed"});
    same(E.sortedBy(E.passable(S, closed, new Set(["gov"]))), ["a"]);
  });

  // ------------------------------------------------------------- chokepoints

  /* The chokepoints by their definition: each passable place other than the source
     whose removal leaves no target reachable, ordered by distance from the source. */
  function bruteChokepoints(g, source, targets) {
    targets = Array.from(new Set(targets)).filter(function (t) { return g.open.has(t); });
    if (!g.open.has(source) || !targets.length || targets.indexOf(source) >= 0) return [];
    function reaches(without) {
      var seen = new Set([source]), queue = [source];
      for (var i = 0; i < queue.length; i++) {
        var v = queue[i];
        if (v !== source && targets.indexOf(v) >= 0) return true;
        (g.S.adjacency.get(v) || []).forEach(function (r) {
          var u = r[0];
          if (u !== without && g.open.has(u) && !g.C.cut.has(E.roadKey(v, u)) && !seen.has(u)) {
            seen.add(u); queue.push(u);
          }
        });
      }
      return false;
    }
    if (!reaches(null)) return [];
    var hops = new Map([[source, 0]]), queue = [source];
    for (var i = 0; i < queue.length; i++) {
      (g.S.adjacency.get(queue[i]) || []).forEach(function (r) {
        if (g.open.has(r[0]) && !g.C.cut.has(E.roadKey(queue[i], r[0])) && !hops.has(r[0])) {
          hops.set(r[0], hops.get(queue[i]) + 1); queue.push(r[0]);
        }
      });
    }
    var found = Array.from(g.open).filter(function (p) {
      return p !== source && !(targets.length === 1 && p === targets[0]) && !reaches(p);
    });
    return E.sortedBy(found, function (p) { return hops.get(p); });
  }

  test("chokepoints equal a brute force on 400 random small graphs", function () {
    var rnd = random(20241208);
    for (var trial = 0; trial < 400; trial++) {
      var n = 3 + Math.floor(rnd() * 9), ids = [], holders = {}, roads = [], cut = [];
      for (var i = 0; i < n; i++) {
        ids.push("p" + i);
        if (rnd() < 0.85) holders["p" + i] = rnd() < 0.85 ? "f" : "g";
      }
      for (var a = 0; a < n; a++) {
        for (var b = a + 1; b < n; b++) {
          if (rnd() < 0.35) {
            roads.push([ids[a], ids[b], 1 + Math.floor(rnd() * 5)]);
            if (rnd() < 0.1) cut.push([ids[a], ids[b]]);
          }
        }
      }
      var S = E.load(toy({places: ids.map(function (p) { return [p, p.toUpperCase()]; }),
                          roads: roads, holders: holders, cut: cut,
                          factions: [{id: "f"}, {id: "g"}]}));
      var g = E.view(S, S.control, E.side(S, "f"));
      var source = ids[Math.floor(rnd() * n)];
      var targets = [];
      var k = 1 + Math.floor(rnd() * 3);
      for (var j = 0; j < k; j++) targets.push(ids[Math.floor(rnd() * n)]);
      same(E.separatingPlaces(g, source, targets), bruteChokepoints(g, source, targets),
           "trial " + trial + " from " + source + " to " + targets.join(","));
    }
  });

  test("chokepoints of a lifeline: the doctest's graph", function () {
    var S = E.load(toy({places: [["dam", "Damascus"], ["nabk", "Nabk"], ["homs", "Homs"],
                                 ["tartus", "Tartus"], ["latakia", "Latakia"],
                                 ["masyaf", "Masyaf"]],
                        roads: [["dam", "nabk", 1], ["nabk", "homs", 1], ["homs", "tartus", 1],
                                ["tartus", "latakia", 1], ["homs", "masyaf", 1],
                                ["masyaf", "latakia", 1]],
                        holders: {dam: "f", nabk: "f", homs: "f", tartus: "f", latakia: "f",
                                  masyaf: "f"}, factions: [{id: "f"}]}));
    var g = E.view(S, S.control, E.side(S, "f"));
    same(E.separatingPlaces(g, "dam", ["latakia", "tartus"]), ["nabk", "homs"]);
    same(E.separatingPlaces(g, "dam", ["tartus"]), ["nabk", "homs"]);
    same(E.separatingPlaces(g, "dam", ["dam", "tartus"]), []);
  });

  // ------------------------------------------------------------- pockets

  test("pockets: main first, then by people, then by first id; allies and abroad apart", function () {
    var S = E.load(toy({
      places: [["cap", "Cap", "city", "SY", 10], ["m", "M", "town", "SY", 5],
               ["p", "P", "town", "SY", 50], ["q", "Q", "town", "SY", 50],
               ["r", "R", "town", "SY", null], ["s", "S", "town", "SY", 70],
               ["y", "Y", "town", "LB", 1000], ["al", "Al", "town", "SY", 900],
               ["z", "Z", "town", "SY", 400]],
      roads: [["cap", "m", 1], ["m", "z", 1], ["z", "p", 1], ["q", "r", 1], ["r", "z", 1],
              ["s", "al", 1], ["al", "z", 1], ["s", "y", 1]],
      holders: {cap: "gov", m: "gov", p: "gov", q: "gov", r: "gov", s: "gov", al: "ally",
                z: "reb"},
      open: ["LB"],
      factions: [{id: "gov", capital: "cap", strongholds: ["p", "s"], allies: ["ally"]},
                 {id: "ally"}, {id: "reb"}]}));
    var list = E.pockets(S, S.control, S.factions.get("gov"));
    same(list.map(function (p) { return p.places; }),
         [["cap", "m"], ["al", "s", "y"], ["p"], ["q", "r"]]);
    same(list.map(function (p) { return [p.main, p.population, p.unknown, p.abroad]; }),
         [[true, 15, 0, 0], [false, 70, 0, 1], [false, 50, 0, 0], [false, 50, 1, 0]]);
    same(list[1].strongholds, ["s"]);
    var a = E.assess(S, S.control, "gov");
    same(a.strongholds, {p: "cut-off", s: "cut-off"});
    same(a.mainPocket.places, ["cap", "m"]);
  });

  test("a stretch of allied road alone is no pocket", function () {
    var S = E.load(toy({places: [["a", "A"], ["b", "B"]], roads: [["a", "b", 1]],
                        holders: {a: "ally", b: "ally"},
                        factions: [{id: "gov", allies: ["ally"], capital: "c"}, {id: "ally"}]}));
    same(E.pockets(S, S.control, S.factions.get("gov")), []);
  });

  // ------------------------------------------------------------- events and change

  test("events make new controls and leave the old one as it was", function () {
    var S = verdictToy(), C = S.control;
    var after = E.applyEvents(S, C, [fall("a", "reb"), {type: "contest", place: "b"},
                                     {type: "contest", place: "x"},
                                     {type: "open-road", road: ["d", "c"]},
                                     {type: "cut-road", road: ["e", "b"]},
                                     {type: "open-transit", country: "LB"}]);
    same([E.holder(C, "a"), E.holder(after, "a")], ["gov", "reb"]);
    same(after.holdings.get("b"), {faction: "gov", status: "contested"});
    same(after.holdings.has("x"), false);
    same([Array.from(C.cut), Array.from(after.cut)], [["c|d"], ["b|e"]]);
    same([C.openTransit.size, after.openTransit.has("LB")], [0, true]);
  });

  test("the change of the doctest of change.py", function () {
    var S = E.load(toy({places: [["a", "A", "town", "SY", 1000], ["b", "B", "town", "SY", 1000],
                                 ["c", "C", "town", "SY", 1000], ["d", "D", "town", "SY", 1000]],
                        roads: [["a", "b", 100], ["b", "c", 100], ["c", "d", 100]],
                        holders: {a: "gov", b: "gov", c: "gov", d: "gov"},
                        factions: [{id: "gov", adversary: "reb", capital: "a",
                                    strongholds: ["a", "c"]}, {id: "reb"}]}));
    var w = E.whatIf(S, S.control, "gov", [fall("b", "reb")]);
    var ch = w.change;
    same([ch.kind, ch.strongholdsCutOff, ch.placesIsolated, ch.peopleCutOff],
         ["stronghold-cut-off", ["c"], ["d"], 2000]);
    same(E.changeJson(ch).largest_pocket_after,
         {main: false, places: ["c", "d"], population: 2000, population_unknown: 0, abroad: 0,
          strongholds: ["c"]});
  });

  test("restoring roads: shortest first, each with its route", function () {
    var S = verdictToy();
    var w = E.whatIf(S, S.control, "gov", [fall("a", "reb")]);
    same(Object.keys(w.restorers), ["Capital - the north"]);
    var fix = w.restorers["Capital - the north"][0];
    same([fix[0], fix[1].route.km, fix[1].route.places], [["c", "d"], 90, ["cap", "e", "b", "c", "d"]]);
  });

  test("judged faction: the first fall's holder, else the first contest's, else the first lifeline's", function () {
    var S = verdictToy();
    same(E.judgedFaction(S, S.control, [{type: "contest", place: "f"}, fall("a", "reb")]), "gov");
    same(E.judgedFaction(S, S.control, [{type: "contest", place: "f"}]), "reb");
    same(E.judgedFaction(S, S.control, [fall("x", "reb"), {type: "contest", place: "f"}]), "reb");
    same(E.judgedFaction(S, S.control, [{type: "open-transit", country: "LB"}]), "gov");
  });

  // ------------------------------------------------------------- verdicts

  var VERDICTS = [
    ["alpha", [fall("a", "reb")],
     "If Alpha falls to the rebels, the Government loses Alpha; Capital still reaches Beta or " +
     "Gamma, but the shortest Government-held route to Beta grows from 31 km to 70 km via Echo."],
    ["echo", [fall("e", "reb")], "If Echo falls to the rebels, the Government loses Echo."],
    ["beta", [fall("b", "reb"), fall("e", "reb")],
     "If Beta and Echo fall to the rebels, Capital is cut off from Beta or Gamma: no " +
     "Government-held road joins it to Gamma."],
    ["capital", [fall("cap", "reb")],
     "If Capital falls to the rebels, the Government loses its capital, Capital; what it still " +
     "holds lies in 2 pockets, the largest around Beta, with about 372,000 people."],
    ["reopen", [fall("e", "reb"), {type: "open-road", road: ["c", "d"]}],
     "If Echo falls to the rebels and the Gamma - Delta road reopens, the Government loses Echo."],
    ["transit", [{type: "cut-road", road: ["b", "e"]}, {type: "open-transit", country: "LB"}],
     "If the Beta - Echo road is cut and transit through Lebanon is open, Capital reaches the " +
     "north again, by a 56 km route via Echo and Xport."],
    ["contest", [{type: "contest", place: "a"}, fall("f", "gov")],
     "If Alpha becomes contested and Foxtrot falls to the Government, the Government gains " +
     "Foxtrot, isolated from Capital."],
    ["nothing", [{type: "close-transit", country: "LB"}],
     "If transit through Lebanon is closed, nothing changes for the Government: every " +
     "lifeline, stronghold and place it holds keeps its status."]
  ];

  VERDICTS.forEach(function (v) {
    test("verdict: " + v[0], function () {
      var S = verdictToy();
      same(W.verdict(S, E.whatIf(S, S.control, "gov", v[1])), v[2]);
    });
  });

  test("day verdicts of a toy campaign", function () {
    var start = verdictToy().data.control;
    var events = [{date: "2024-01-02", place: "a", faction: "reb", status: "held"},
                  {date: "2024-01-02", place: "c", faction: "gov", status: "contested"},
                  {date: "2024-01-03", place: "c", faction: "gov", status: "held"},
                  {date: "2024-01-03", place: "e", faction: "reb", status: "held"},
                  {date: "2024-01-03", place: "a", faction: "gov", status: "held"},
                  {date: "2024-01-05", place: "b", faction: "reb", status: "contested"}];
    var S = verdictToy({start: start, events: events, eve: null,
                        dates: ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]});
    var expected = [
      "On 2 January 2024, as Alpha falls to the rebels and Gamma becomes contested, the " +
      "Government loses Alpha; Capital still reaches Beta or Gamma, but the shortest " +
      "Government-held route to Beta grows from 31 km to 70 km via Echo.",
      "On 3 January 2024, as Echo falls to the rebels, Alpha falls to the Government and the " +
      "Government secures Gamma, the Government loses Echo; the Government gains Alpha, " +
      "joined to Capital.",
      "On 4 January 2024, with no change of hands, nothing changes for the Government: every " +
      "lifeline, stronghold and place it holds keeps its status.",
      "On 5 January 2024, as Beta falls to the rebels and Beta becomes contested, Capital is " +
      "cut off from Beta or Gamma: no Government-held road joins it to Gamma."];
    S.campaign.dates.forEach(function (d, i) {
      same(W.dayVerdict(S, E.day(S, d, "gov")), expected[i], d);
    });
    same(E.holder(E.controlOn(S, "2024-01-02"), "a"), "reb");
    same(E.holder(E.controlOn(S, "2024-01-03"), "a"), "gov");
    same(E.controlOn(S, "2024-01-01").holdings.get("c"), {faction: "gov", status: "held"});
  });

  test("handover kinds", function () {
    function kind(faction, status, before) {
      return W.handoverKind({faction: faction, status: status}, before);
    }
    same([kind("reb", "held", {faction: "gov", status: "held"}),
          kind("gov", "contested", {faction: "gov", status: "held"}),
          kind("gov", "contested", {faction: "gov", status: "contested"}),
          kind("gov", "held", {faction: "gov", status: "besieged"}),
          kind("gov", "held", {faction: "gov", status: "held"}),
          kind("gov", "held", undefined)],
         ["falls", "contested", "unchanged", "secured", "unchanged", "falls"]);
  });

  // ------------------------------------------------------------- names

  test("normalize and look up names", function () {
    same(E.normalize("  \u1e24im\u1e63 "), "hims");
    same(E.normalize("Dar'a"), "dara");
    same(E.normalize("Ma\u2018arrat al-Nu\u2018man"), "maarrat al numan");
    same(E.looseKey("Deir el-Zor"), E.looseKey("Deir ez-Zor"));
    same(E.looseKey("Al Al"), "alal");
    var S = E.load(toy({places: [["homs", "Homs"], ["deir-ez-zor", "Deir ez-Zor"]], roads: [],
                        spellings: {exact: {homs: "homs", hims: "homs", "deir ez zor": "deir-ez-zor",
                                            "deir ez-zor": "deir-ez-zor"},
                                    loose: {homs: "homs", hims: "homs", deirzor: "deir-ez-zor",
                                            twin: ""}}}));
    same([E.lookupPlace(S, "\u1e24IMS"), E.lookupPlace(S, "Deir al-Zor"), E.lookupPlace(S, "twin"),
          E.lookupPlace(S, "constructor"), E.lookupPlace(S, "")],
         ["homs", "deir-ez-zor", null, null, null]);
  });

  return {run: run, tests: tests};
})();
