/* The explorer page: the map, the panels, and what a click does.

   Every answer comes from SimEngine (engine.js) and every sentence about it from
   SimWords (words.js); this file only keeps the what-if being built, draws it,
   and turns it into the `sim what-if` command line that asks the same question.

   The what-if is kept as the places and roads the user changed, each with the
   state it should have ("Homs: held by the opposition"), not as a list of clicks:
   from them and the day's control come the events, in the order the command line
   gives them (falls, contests, cut roads, reopened roads, borders opened, closed). */
"use strict";
window.SimExplorer = (() => {
  const data = JSON.parse(document.getElementById("sim-data").textContent);
  const S = SimEngine.load(data);
  const W = SimWords;
  const SVGNS = "http://www.w3.org/2000/svg";
  const FOREIGN = "#c8c8c8", CUT_OFF = "#e69f00", ROUTE = "#1b4f9c", CUT = "#b00000";
  const LAND = "#f2efe6", HOME_LAND = "#fbfaf6", BORDER = "#9a9a9a";
  const dates = S.campaign ? S.campaign.dates : [];
  const factionIds = [...S.factions.keys()];

  // ------------------------------------------------------------ the what-if being built
  let state = { date: dates.length ? dates[dates.length - 1] : null, places: [], roads: [], transit: [], faction: null };
  const history = [];
  let selected = null;
  let answer = null;
  const dayCache = new Map();

  function baseControl() {
    return S.campaign && state.date ? SimEngine.controlOn(S, state.date) : S.control;
  }

  function holdingIn(C, id) {
    const h = C.holdings.get(id);
    return h ? { faction: h.faction, status: h.status } : { faction: null, status: null };
  }

  /** The events that turn the day's control into the one the user built. */
  function eventsFrom(C0) {
    const falls = [], contests = [], cuts = [], opens = [];
    for (const e of state.places) {
      const was = holdingIn(C0, e.place);
      if (e.faction !== was.faction) {
        falls.push({ type: "fall", place: e.place, faction: e.faction });
        if (e.status === "contested") contests.push({ type: "contest", place: e.place });
      } else if (e.status !== was.status) {
        if (e.status === "contested") contests.push({ type: "contest", place: e.place });
        else falls.push({ type: "fall", place: e.place, faction: e.faction });
      }
    }
    for (const r of state.roads) {
      const was = C0.cut.has(SimEngine.roadKey(r.a, r.b));
      if (r.cut && !was) cuts.push({ type: "cut-road", road: [r.a, r.b] });
      if (!r.cut && was) opens.push({ type: "open-road", road: [r.a, r.b] });
    }
    const opened = [], closed = [];
    for (const t of state.transit) {
      const was = C0.openTransit.has(t.country);
      if (t.open && !was) opened.push({ type: "open-transit", country: t.country });
      if (!t.open && was) closed.push({ type: "close-transit", country: t.country });
    }
    return [...falls, ...contests, ...cuts, ...opens, ...opened, ...closed];
  }

  const touched = () => state.places.length || state.roads.length || state.transit.length || state.faction;

  function setTransit(country, open) {
    change(() => {
      state.transit = state.transit.filter((t) => t.country !== country);
      if (open !== baseControl().openTransit.has(country)) state.transit.push({ country, open });
    });
    say(`Transit through ${data.countries[country]} is ${open ? "open" : "closed"}.`);
  }

  function compute() {
    const C0 = baseControl();
    const events = eventsFrom(C0);
    const judged = events.length ? SimEngine.judgedFaction(S, C0, events) : null;
    const fid = state.faction || judged || data.default_faction;
    let result = null, control = C0, after;
    if (events.length) {
      result = SimEngine.whatIf(S, C0, fid, events);
      control = result.controlAfter;
      after = result.after;
    } else {
      after = SimEngine.assess(S, C0, fid);
    }
    answer = { C0, events, judged, fid, result, control, after,
               verdict: result ? W.verdict(S, result) : null };
    answer.looks = looks();
  }

  function dayVerdict(fid) {
    if (!S.campaign || !state.date) return null;
    const key = state.date + "|" + fid;
    if (!dayCache.has(key)) dayCache.set(key, W.dayVerdict(S, SimEngine.day(S, state.date, fid)));
    return dayCache.get(key);
  }

  function change(mutate) {
    history.push(JSON.stringify(state));
    mutate();
    update();
  }

  function undo() {
    if (!history.length) return;
    state = JSON.parse(history.pop());
    update();
    say("Undone.");
  }

  function reset() {
    if (!touched()) return;
    change(() => { state.places = []; state.roads = []; state.transit = []; state.faction = null; });
    say("Every change undone; the map is the scenario's again.");
  }

  /** Set a place's holder and status; a place set back to the day's holding leaves the what-if. */
  function setPlace(id, faction, status) {
    change(() => {
      state.places = state.places.filter((e) => e.place !== id);
      const was = holdingIn(baseControl(), id);
      if (faction !== was.faction || status !== was.status) state.places.push({ place: id, faction, status });
    });
  }

  function toggleRoad(a, b) {
    const key = SimEngine.roadKey(a, b);
    const [x, y] = key.split("|");
    const isCut = answer.control.cut.has(key);
    change(() => {
      state.roads = state.roads.filter((r) => SimEngine.roadKey(r.a, r.b) !== key);
      const was = answer.C0.cut.has(key);
      if (!isCut !== was) state.roads.push({ a: x, b: y, cut: !isCut });
    });
    say(`The ${name(x)} - ${name(y)} road ${isCut ? "reopens" : "is cut"}.`);
  }

  function setDate(i) {
    const d = dates[Math.max(0, Math.min(dates.length - 1, i))];
    if (d === state.date) return;
    change(() => { state.date = d; });
  }

  // ------------------------------------------------------------ the command line
  function shellWord(w) {
    return /^[A-Za-z0-9._\/:=@%+-]+$/.test(w) ? w : "'" + w.replace(/'/g, "'\\''") + "'";
  }

  function fallSpec(C0, e) {
    const was = holdingIn(C0, e.place).faction;
    const f = was ? S.factions.get(was) : null;
    return f && f.adversary === e.faction ? e.place : `${e.place}:${e.faction}`;
  }

  function commandLine() {
    if (!answer.events.length) return "";
    const words = ["sim", "what-if", ...data.scenario.words.map(shellWord)];
    if (S.campaign && state.date && state.date !== data.scenario.date) words.push("--date", state.date);
    for (const e of answer.events) {
      if (e.type === "fall") words.push("--fall", fallSpec(answer.C0, e));
      else if (e.type === "contest") words.push("--contest", e.place);
      else if (e.type === "cut-road") words.push("--cut-road", e.road.join(":"));
      else if (e.type === "open-road") words.push("--open-road", e.road.join(":"));
      else if (e.type === "open-transit") words.push("--open-transit", e.country);
      else if (e.type === "close-transit") words.push("--close-transit", e.country);
    }
    if (state.faction && state.faction !== answer.judged) words.push("--faction", state.faction);
    return words.join(" ");
  }

  // ------------------------------------------------------------ small helpers
  const $ = (sel, root = document) => root.querySelector(sel);
  function el(tag, attrs = {}, ...kids) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids) if (kid !== null && kid !== undefined) node.append(kid);
    return node;
  }
  function svg(tag, attrs = {}) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, v);
    return node;
  }
  const name = (id) => S.places.get(id).name;
  const label = (fid) => (fid ? data.labels[fid] || fid : "nobody");
  const styleOf = (fid) => data.factions.find((f) => f.id === fid);
  let sayTimer = null;
  function say(text) {
    const box = $("#status");
    box.textContent = text;
    clearTimeout(sayTimer);
    sayTimer = setTimeout(() => { box.textContent = ""; }, 6000);
  }

  // ------------------------------------------------------------ the map's geometry
  const [lon0, lon1, lat0, lat1] = data.extent;
  const cosLat = Math.cos(((lat0 + lat1) / 2) * Math.PI / 180);
  const K = 1000 / ((lon1 - lon0) * cosLat);
  const MAP_W = 1000, MAP_H = (lat1 - lat0) * K;
  const px = (lon) => (lon - lon0) * cosLat * K;
  const py = (lat) => (lat1 - lat) * K;
  // The whole map, with a little room round the theatre's frame.
  const PAD = 0.03 * MAP_W;
  const WHOLE = { x: -PAD, y: -PAD, w: MAP_W + 2 * PAD, h: MAP_H + 2 * PAD };
  let view = { ...WHOLE };

  /** How many screen pixels one map unit takes at the current zoom. */
  function unitPx() {
    const box = $("svg.map").getBoundingClientRect();
    if (!box.width || !box.height) return 1;
    return Math.min(box.width / view.w, box.height / view.h);
  }
  function remPx() { return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16; }

  /** The outline of a marker shape (matplotlib's codes, as the charts use them), radius 1. */
  function shape(marker) {
    const poly = (n, turn = -Math.PI / 2, r = 1) => Array.from({ length: n }, (_, i) => {
      const a = turn + (2 * Math.PI * i) / n;
      return `${(r * Math.cos(a)).toFixed(3)},${(r * Math.sin(a)).toFixed(3)}`;
    });
    const path = (pts) => "M" + pts.join("L") + "Z";
    switch (marker) {
      case "^": return path(poly(3));
      case "v": return path(poly(3, Math.PI / 2));
      case ">": return path(poly(3, 0));
      case "<": return path(poly(3, Math.PI));
      case "p": return path(poly(5));
      case "h": return path(poly(6));
      case "H": return path(poly(6, 0));
      case "8": return path(poly(8, Math.PI / 8));
      case "s": return "M-0.85,-0.85L0.85,-0.85L0.85,0.85L-0.85,0.85Z";
      case "d": return "M0,-1.1L0.7,0L0,1.1L-0.7,0Z";
      case "D": return "M0,-1L1,0L0,1L-1,0Z";
      case "P": return "M-0.35,-1L0.35,-1L0.35,-0.35L1,-0.35L1,0.35L0.35,0.35L0.35,1L-0.35,1L-0.35,0.35L-1,0.35L-1,-0.35L-0.35,-0.35Z";
      default: return "M1,0A1,1 0 1 1 -1,0A1,1 0 1 1 1,0Z";
    }
  }
  const ringPath = shape("o");

  // ------------------------------------------------------------ building the page
  function buildPage() {
    const app = $("#app");
    const foreign = Object.keys(data.countries).filter((c) => c !== data.home);
    const sc = data.scenario;
    const factionSelect = el("select", { id: "faction", "aria-describedby": "faction-help", onchange: (e) => {
      const v = e.target.value || null;
      change(() => { state.faction = v; });
    } }, el("option", { value: "", text: "the holder of the first place that falls" }),
    ...factionIds.map((f) => el("option", { value: f, text: `the ${label(f)}` })));
    app.append(
      el("header", {},
        el("h1", { text: `${sc.title}` }),
        el("div", { class: "tools" },
          el("button", { id: "undo", type: "button", onclick: undo, "aria-keyshortcuts": "Control+Z",
                         title: "Undo the last change (Ctrl+Z)", text: "Undo" }),
          el("button", { id: "reset", type: "button", onclick: reset, text: "Reset" }),
          el("button", { id: "large", type: "button", "aria-pressed": "false", onclick: toggleLarge,
                         title: "Larger text, for a projector", text: "Large text" }))),
      el("section", { class: "verdicts", "aria-label": "The answer" },
        el("p", { id: "verdict", class: "verdict", "aria-live": "polite" }),
        S.campaign ? el("div", { class: "campaign" },
          el("label", { for: "date", text: "Date" }),
          el("input", { id: "date", type: "range", min: 0, max: dates.length - 1, step: 1,
                        value: dates.length - 1, oninput: (e) => setDate(+e.target.value),
                        "aria-valuetext": "" }),
          el("output", { id: "date-text", for: "date" }),
          el("button", { id: "play", type: "button", "aria-pressed": "false", onclick: togglePlay, text: "Play" })) : null,
        S.campaign ? el("p", { id: "day-verdict", class: "day-verdict", "aria-live": "polite" }) : null),
      el("main", {},
        el("aside", { "aria-label": "Places, what-if and answers" },
          el("h2", { text: "Find a place" }),
          el("div", { class: "search", role: "search" },
            el("label", { for: "search", class: "sr-only", text: "Find a place" }),
            el("input", { id: "search", type: "search", autocomplete: "off", placeholder: "a place's name, in any spelling",
                          role: "combobox", "aria-expanded": "false", "aria-controls": "search-list",
                          "aria-autocomplete": "list", oninput: onSearch, onkeydown: onSearchKey }),
            el("ul", { id: "search-list", role: "listbox", "aria-label": "Places found" })),
          el("section", { id: "place-panel", class: "place-panel", "aria-live": "polite" }),
          el("h2", { text: "Seen from" }),
          el("label", { for: "faction", class: "sr-only", text: "Whose lifelines to judge" }),
          factionSelect,
          el("p", { id: "faction-help", class: "help" }),
          foreign.length ? el("h2", { text: "Borders" }) : null,
          foreign.length ? el("fieldset", { id: "borders", class: "borders" },
            el("legend", { class: "help", text: "Borders open to every faction's transit (the places abroad that nobody holds):" }),
            ...foreign.map((c) => el("label", {}, el("input", { type: "checkbox", value: c,
              onchange: (e) => setTransit(c, e.target.checked) }), ` ${data.countries[c]}`))) : null,
          el("h2", { text: "Your what-if" }),
          el("div", { id: "changes" }),
          el("label", { for: "cmd", class: "help", text: "The same question on the command line:" }),
          el("textarea", { id: "cmd", class: "cmd", rows: 2, readonly: true, spellcheck: "false" }),
          el("div", { class: "row" },
            el("button", { id: "copy", type: "button", class: "primary", onclick: copyCommand, text: "Copy command" })),
          el("p", { id: "status", class: "status-msg", role: "status" }),
          el("h2", { id: "lifelines-title", text: "Lifelines" }),
          el("div", { id: "lifelines" }),
          el("h2", { text: "Strongholds" }),
          el("div", { id: "strongholds" }),
          el("h2", { text: "Chokepoints (one fall alone cuts the lifeline)" }),
          el("div", { id: "chokepoints" }),
          el("h2", { text: "Pockets" }),
          el("div", { id: "pockets" }),
          el("h2", { text: "Keys" }),
          el("p", { class: "help" }, "Tab to the map's places; ", el("kbd", { text: "Enter" }),
             " chooses one. On the map: ", el("kbd", { text: "+" }), " ", el("kbd", { text: "-" }),
             " zoom, arrows move, ", el("kbd", { text: "0" }), " shows it all. ",
             el("kbd", { text: "Ctrl+Z" }), " undoes. Click a road to cut or reopen it.")),
        el("div", { class: "mapbox" }, buildMap(),
          el("div", { class: "zoom", role: "group", "aria-label": "Zoom" },
            el("button", { type: "button", "aria-label": "Zoom in", onclick: () => zoom(1.5), text: "+" }),
            el("button", { type: "button", "aria-label": "Zoom out", onclick: () => zoom(1 / 1.5), text: "−" }),
            el("button", { type: "button", "aria-label": "Show the whole map", onclick: resetView, text: "⤢" })),
          el("details", { class: "legend", open: true }, el("summary", { text: "Legend" }), el("ul", { id: "legend" })))));
    document.addEventListener("keydown", (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z" && !e.target.closest("input[type=search]")) {
        e.preventDefault();
        undo();
      }
    });
    window.addEventListener("resize", () => drawLabels());
  }

  function toggleLarge() {
    const on = document.documentElement.classList.toggle("large");
    $("#large").setAttribute("aria-pressed", String(on));
    // Large type leaves less map: the legend folds away (its summary opens it again).
    $(".legend").open = !on;
    drawAll();
  }

  // ------------------------------------------------------------ the map
  const placeNodes = new Map();
  const roadNodes = new Map();

  function buildMap() {
    const map = svg("svg", { class: "map", viewBox: `${WHOLE.x} ${WHOLE.y} ${WHOLE.w} ${WHOLE.h}`, role: "group",
                             "aria-label": "Map: places coloured by holder, roads; click a place to choose it, a road to cut or reopen it",
                             tabindex: "0", preserveAspectRatio: "xMidYMid meet" });
    const ground = svg("g", { class: "ground" });
    // The sea is the base map's frame; past it the map has no data, and shows none.
    if (data.basemap_bbox) {
      const [bx0, by0, bx1, by1] = data.basemap_bbox;
      ground.append(svg("rect", { x: px(bx0), y: py(by1), width: px(bx1) - px(bx0), height: py(by0) - py(by1), fill: "#d6e6f2" }));
    }
    for (const c of data.basemap) {
      const d = c.polygons.map((poly) => poly.map((ring) => "M" + ring.map(([x, y]) =>
        `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join("L") + "Z").join("")).join("");
      ground.append(svg("path", { d, fill: c.code === data.home ? HOME_LAND : LAND, stroke: BORDER,
                                  "stroke-width": 1, "vector-effect": "non-scaling-stroke",
                                  "fill-rule": "evenodd" }));
    }
    map.append(ground, svg("g", { class: "areas" }), svg("g", { class: "roads" }), svg("g", { class: "routes" }),
               svg("g", { class: "places" }), svg("g", { class: "labels" }));
    for (const r of data.roads) {
      const a = S.places.get(r.a), b = S.places.get(r.b);
      const g = svg("g", { class: "road", tabindex: "-1", role: "button" });
      const x1 = px(a.lon), y1 = py(a.lat), x2 = px(b.lon), y2 = py(b.lat);
      const attrs = { x1, y1, x2, y2, "vector-effect": "non-scaling-stroke" };
      const line = svg("line", { ...attrs, class: "line", "stroke-linecap": "round" });
      const hit = svg("line", { ...attrs, class: "hit", stroke: "transparent", "stroke-width": 14 });
      const mark = svg("path", { class: "cutmark", stroke: CUT, "stroke-width": 3, fill: "none",
                                 "vector-effect": "non-scaling-stroke" });
      const title = svg("title");
      g.append(line, hit, mark, title);
      g.addEventListener("click", (e) => { if (!dragged) { e.stopPropagation(); toggleRoad(r.a, r.b); } });
      g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggleRoad(r.a, r.b); } });
      roadNodes.set(SimEngine.roadKey(r.a, r.b), { g, line, mark, title, mid: [(x1 + x2) / 2, (y1 + y2) / 2], road: r });
      map.querySelector(".roads").append(g);
    }
    for (const p of data.places) {
      const g = svg("g", { class: "place", tabindex: "0", role: "button" });
      const halo = svg("path", { class: "focus-ring", d: ringPath, fill: "none", stroke: "none",
                                 "vector-effect": "non-scaling-stroke" });
      const ring = svg("path", { class: "ring", d: ringPath, fill: "none", "vector-effect": "non-scaling-stroke" });
      const body = svg("path", { class: "body", "vector-effect": "non-scaling-stroke" });
      const choke = svg("path", { class: "choke", d: shape("D"), fill: "none", stroke: "#000000",
                                  "vector-effect": "non-scaling-stroke" });
      const title = svg("title");
      g.append(halo, choke, ring, body, title);
      g.addEventListener("click", (e) => { if (!dragged) { e.stopPropagation(); select(p.id); } });
      g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(p.id, true); } });
      placeNodes.set(p.id, { g, halo, ring, body, choke, title, x: px(p.lon), y: py(p.lat) });
      map.querySelector(".places").append(g);
    }
    enablePanZoom(map);
    return map;
  }

  let dragged = false;
  function enablePanZoom(map) {
    let start = null;
    map.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      start = { x: e.clientX, y: e.clientY, view: { ...view } };
      dragged = false;
    });
    map.addEventListener("pointermove", (e) => {
      if (!start) return;
      const dx = e.clientX - start.x, dy = e.clientY - start.y;
      if (!dragged && Math.hypot(dx, dy) < 5) return;
      if (!dragged) { map.setPointerCapture(e.pointerId); map.classList.add("dragging"); }
      dragged = true;
      const u = unitPx();
      view = { ...start.view, x: start.view.x - dx / u, y: start.view.y - dy / u };
      applyView(false);
    });
    const end = () => {
      if (start && dragged) drawLabels();
      start = null;
      map.classList.remove("dragging");
      setTimeout(() => { dragged = false; }, 0);
    };
    map.addEventListener("pointerup", end);
    map.addEventListener("pointercancel", end);
    map.addEventListener("wheel", (e) => {
      e.preventDefault();
      const box = map.getBoundingClientRect();
      const u = unitPx();
      const cx = view.x + (e.clientX - box.left - (box.width - view.w * u) / 2) / u;
      const cy = view.y + (e.clientY - box.top - (box.height - view.h * u) / 2) / u;
      zoom(e.deltaY < 0 ? 1.25 : 1 / 1.25, cx, cy);
    }, { passive: false });
    map.addEventListener("keydown", (e) => {
      if (e.target !== map) return;
      const step = view.w * 0.15;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (moves[e.key]) { view.x += moves[e.key][0]; view.y += moves[e.key][1]; applyView(); }
      else if (e.key === "+" || e.key === "=") zoom(1.5);
      else if (e.key === "-") zoom(1 / 1.5);
      else if (e.key === "0") resetView();
      else return;
      e.preventDefault();
    });
  }

  function zoom(factor, cx = view.x + view.w / 2, cy = view.y + view.h / 2) {
    const w = Math.max(MAP_W / 40, Math.min(MAP_W * 1.5, view.w / factor));
    const f = w / view.w;
    view = { x: cx - (cx - view.x) * f, y: cy - (cy - view.y) * f, w, h: view.h * f };
    applyView();
  }
  function resetView() { view = { ...WHOLE }; applyView(); }
  function applyView(labels = true) {
    $("svg.map").setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    drawMarkers();
    if (labels) drawLabels();
  }

  /** Everything each place's marker says: holder, stronghold, contested, cut off,
      chokepoint, changed (worked out once an answer, for the markers and the names). */
  function looks() {
    const C = answer.control, after = answer.after;
    const fac = S.factions.get(answer.fid);
    const capitals = new Set(factionIds.map((f) => S.factions.get(f).capital).filter(Boolean));
    const chokes = new Set(Object.values(after.chokepoints).flat());
    const changed = new Set(answer.events.map((e) => e.place).filter(Boolean));
    const out = new Map();
    for (const p of data.places) {
      const h = holdingIn(C, p.id);
      out.set(p.id, { holder: h.faction, contested: Boolean(h.status && h.status !== "held"),
                      stronghold: fac.strongholds.includes(p.id), capital: capitals.has(p.id),
                      cutOff: after.strongholds[p.id] === "cut-off", choke: chokes.has(p.id),
                      changed: changed.has(p.id) });
    }
    return out;
  }
  const placeLook = (id) => answer.looks.get(id);

  function drawMarkers() {
    const u = unitPx();
    const base = remPx() * 0.32 / u;
    for (const [id, n] of placeNodes) {
      const look = placeLook(id);
      const st = look.holder ? styleOf(look.holder) : null;
      const r = base * (look.capital ? 1.9 : look.stronghold ? 1.6 : 1);
      n.g.setAttribute("transform", `translate(${n.x},${n.y})`);
      n.body.setAttribute("d", shape(st ? st.marker : "s"));
      n.body.setAttribute("transform", `scale(${r})`);
      n.body.setAttribute("fill", st ? st.colour : FOREIGN);
      n.body.setAttribute("stroke", st ? (look.stronghold ? "#000000" : st.edge) : "#8a8a8a");
      n.body.setAttribute("stroke-width", look.stronghold || look.capital ? 1.6 : 0.9);
      const ringR = r * 1.55;
      n.ring.setAttribute("transform", `scale(${ringR})`);
      if (look.cutOff) { n.ring.setAttribute("stroke", CUT_OFF); n.ring.setAttribute("stroke-width", 3.2); n.ring.removeAttribute("stroke-dasharray"); }
      else if (look.contested) { n.ring.setAttribute("stroke", "#000000"); n.ring.setAttribute("stroke-width", 1.5); n.ring.setAttribute("stroke-dasharray", "3 2"); }
      else if (look.changed) { n.ring.setAttribute("stroke", "#000000"); n.ring.setAttribute("stroke-width", 2.6); n.ring.removeAttribute("stroke-dasharray"); }
      else n.ring.setAttribute("stroke", "none");
      n.choke.setAttribute("transform", `scale(${r * 2.1})`);
      n.choke.setAttribute("stroke-width", look.choke ? 1.6 : 0);
      n.halo.setAttribute("transform", `scale(${r * 2.4})`);
      n.g.classList.toggle("selected", id === selected);
      const status = look.holder ? `held by the ${label(look.holder)}${look.contested ? ", contested" : ""}` : "held by nobody (abroad)";
      const extra = [look.stronghold ? `a stronghold of the ${label(answer.fid)}` : "",
                     look.cutOff ? "cut off" : "", look.choke ? "a chokepoint" : ""].filter(Boolean).join(", ");
      const text = `${name(id)}: ${status}${extra ? "; " + extra : ""}`;
      n.g.setAttribute("aria-label", text);
      n.title.textContent = text;
    }
    for (const [key, n] of roadNodes) {
      const [mx, my] = n.mid, s = base * 1.3;
      n.mark.setAttribute("d", answer.control.cut.has(key)
        ? `M${mx - s},${my - s}L${mx + s},${my + s}M${mx - s},${my + s}L${mx + s},${my - s}` : "");
    }
  }

  function drawRoads() {
    const C = answer.control;
    const fac = S.factions.get(answer.fid);
    const usable = SimEngine.passable(S, C, SimEngine.side(S, answer.fid));
    for (const [key, n] of roadNodes) {
      const r = n.road, cut = C.cut.has(key);
      const ok = !cut && usable.has(r.a) && usable.has(r.b);
      n.line.setAttribute("stroke", cut ? CUT : ok ? "#4a4a4a" : "#b5b5b5");
      n.line.setAttribute("stroke-width", cut ? 2.2 : ok ? (r.class === "motorway" ? 3 : 2) : 1.4);
      if (ok) n.line.removeAttribute("stroke-dasharray"); else n.line.setAttribute("stroke-dasharray", cut ? "6 4" : "4 3");
      const text = `The ${name(r.a)} - ${name(r.b)} road, ${W.km(r.km)}: ${cut ? "cut" : ok ? `usable by the ${label(fac.id)}` : `not usable by the ${label(fac.id)}`}. Click to ${cut ? "reopen" : "cut"} it.`;
      n.title.textContent = text;
      n.g.setAttribute("aria-label", text);
    }
    const routes = $("svg.map .routes");
    routes.replaceChildren();
    for (const s of answer.after.lifelines) {
      if (!s.route) continue;
      const d = "M" + s.route.places.map((p) => `${px(S.places.get(p).lon).toFixed(1)},${py(S.places.get(p).lat).toFixed(1)}`).join("L");
      routes.append(svg("path", { d, fill: "none", stroke: ROUTE, "stroke-opacity": 0.45, "stroke-width": 7,
                                  "stroke-linejoin": "round", "stroke-linecap": "round",
                                  "vector-effect": "non-scaling-stroke", "pointer-events": "none" }));
    }
  }

  /** Names: strongholds, capitals, cities and the places changed first; one never covers another. */
  function drawLabels() {
    const layer = $("svg.map .labels");
    if (!layer || !answer) return;
    layer.replaceChildren();
    const u = unitPx();
    const fontPx = remPx() * 0.8;
    const size = fontPx / u;
    const zoomed = MAP_W / view.w;
    const rank = (p) => {
      const look = placeLook(p.id);
      if (p.id === selected || look.changed) return 0;
      if (look.capital || look.stronghold) return 1;
      if (p.kind === "city") return 2;
      return p.country === data.home ? 3 : 4;
    };
    const inView = (p) => { const x = px(p.lon), y = py(p.lat); return x >= view.x && x <= view.x + view.w && y >= view.y && y <= view.y + view.h; };
    const cands = data.places.filter((p) => inView(p) && (rank(p) <= 2 || zoomed >= 2 || rank(p) === 3 && zoomed >= 1.5))
      .sort((a, b) => rank(a) - rank(b) || (b.population || 0) - (a.population || 0));
    const boxes = [];
    for (const p of data.places) if (inView(p)) { const x = px(p.lon), y = py(p.lat), r = size * 0.55; boxes.push([x - r, y - r, x + r, y + r]); }
    const overlaps = (b) => boxes.some((o) => b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]);
    for (const p of cands) {
      const x = px(p.lon), y = py(p.lat);
      const big = rank(p) <= 1;
      // Measured, not guessed: the text is laid out, then moved to a free spot or removed.
      const t = svg("text", { x: 0, y: 0, "font-size": size, "stroke-width": size * 0.22, class: big ? "big" : null });
      t.textContent = p.name;
      layer.append(t);
      const ext = t.getBBox();
      const w = ext.width, h = ext.height, gap = size * 0.75;
      const tries = [[x + gap, y - h / 2], [x - gap - w, y - h / 2], [x - w / 2, y - gap - h], [x - w / 2, y + gap],
                     [x + gap * 0.7, y - gap * 0.7 - h], [x - gap * 0.7 - w, y - gap * 0.7 - h],
                     [x + gap * 0.7, y + gap * 0.7], [x - gap * 0.7 - w, y + gap * 0.7]];
      const boxOf = ([bx, by]) => [bx, by, bx + w, by + h];
      const inside = (b) => b[0] >= view.x && b[1] >= view.y && b[2] <= view.x + view.w && b[3] <= view.y + view.h;
      // A stronghold, a capital or a place changed is always named: where nothing is
      // covered if it can be, else where it stays on the map.
      const box = tries.map(boxOf).find((b) => inside(b) && !overlaps(b))
        || (rank(p) <= 1 ? tries.map(boxOf).find(inside) : null);
      if (!box) { t.remove(); continue; }
      boxes.push(box);
      t.setAttribute("x", box[0] - ext.x);
      t.setAttribute("y", box[1] - ext.y);
    }
    for (const sea of data.seas) {
      const w = sea.name.length * size * 0.6, h = size * 1.2;
      const box = [px(sea.lon) - w / 2, py(sea.lat) - h / 2, px(sea.lon) + w / 2, py(sea.lat) + h / 2];
      const outside = box[0] < view.x || box[2] > view.x + view.w || box[1] < view.y || box[3] > view.y + view.h;
      if (outside || overlaps(box)) continue;
      const t = svg("text", { x: box[0], y: box[1] + h * 0.8, "font-size": size * 1.1, class: "area" });
      t.textContent = sea.name;
      layer.append(t);
    }
  }

  /** A legend entry's words, the charts' own ("{label}": the faction meant). */
  const legendWord = (key, fid = answer.fid) => data.words.legend[key].replace("{label}", label(fid));

  function drawLegend() {
    const C = answer.control;
    const fac = S.factions.get(answer.fid);
    const items = [];
    const held = new Set([...C.holdings.values()].map((h) => h.faction));
    for (const f of data.factions) if (held.has(f.id)) items.push([legendMark(f.marker, f.colour, f.edge), legendWord("faction", f.id)]);
    if (data.places.some((p) => !C.holdings.get(p.id))) items.push([legendMark("s", FOREIGN, "#8a8a8a"), legendWord("foreign")]);
    if ([...C.holdings.values()].some((h) => h.status !== "held")) items.push([legendRing("#000000", "3 2", 1.5), legendWord("contested")]);
    if (fac.strongholds.length) items.push([legendMark(styleOf(answer.fid).marker, "#ffffff", "#000000", 1.6), legendWord("stronghold")]);
    if (Object.values(answer.after.strongholds).includes("cut-off")) {
      // As the charts say it: once the capital is lost, nothing is cut off *from* it.
      const capitalHeld = fac.capital && SimEngine.side(S, fac.id).has(SimEngine.holder(C, fac.capital));
      items.push([legendRing(CUT_OFF, null, 3), legendWord(fac.capital && !capitalHeld ? "cut-off-after-capital" : "cut-off")]);
    }
    if (Object.values(answer.after.chokepoints).some((c) => c.length)) items.push([legendMark("D", "none", "#000000", 1.5), legendWord("chokepoint")]);
    items.push([legendLine("#4a4a4a", null, 2), legendWord("usable")]);
    items.push([legendLine("#b5b5b5", "4 3", 1.5), legendWord("unusable")]);
    if (answer.after.lifelines.some((s) => s.route)) items.push([legendLine(ROUTE, null, 6, 0.45), legendWord("route")]);
    if (C.cut.size) items.push([legendLine(CUT, "6 4", 2), legendWord("road-cut")]);
    if (answer.events.some((e) => e.place)) items.push([legendRing("#000000", null, 2.6), legendWord("marked")]);
    $("#legend").replaceChildren(...items.map(([mark, text]) => el("li", {}, mark, el("span", { text }))));
  }
  function legendSvg(...kids) {
    const s = svg("svg", { viewBox: "-12 -12 24 24", "aria-hidden": "true" });
    s.append(...kids);
    return s;
  }
  function legendMark(marker, fill, stroke, width = 1) {
    return legendSvg(svg("path", { d: shape(marker), transform: "scale(7)", fill, stroke, "stroke-width": width,
                                   "vector-effect": "non-scaling-stroke" }));
  }
  function legendRing(stroke, dash, width) {
    return legendSvg(svg("circle", { r: 8, fill: "none", stroke, "stroke-width": width, "stroke-dasharray": dash }));
  }
  function legendLine(stroke, dash, width, opacity = 1) {
    return legendSvg(svg("line", { x1: -11, y1: 0, x2: 11, y2: 0, stroke, "stroke-width": width, "stroke-dasharray": dash, "stroke-opacity": opacity }));
  }

  // ------------------------------------------------------------ the panels
  function select(id, fromKeyboard = false) {
    selected = id;
    drawPlacePanel();
    drawMarkers();
    drawLabels();
    const first = $("#place-panel button");
    if (fromKeyboard && first) first.focus();
  }

  function drawPlacePanel() {
    const panel = $("#place-panel");
    if (!selected) {
      panel.replaceChildren(el("p", { class: "help", text: "Choose a place on the map or find it above; then hand it to a faction, mark it contested, or cut its roads." }));
      return;
    }
    const p = S.places.get(selected);
    const h = holdingIn(answer.control, selected);
    const was = holdingIn(answer.C0, selected);
    const st = h.faction ? styleOf(h.faction) : null;
    const facts = [p.kind, p.country !== data.home ? data.countries[p.country] : null,
                   p.population ? W.peopleWords(p.population, 0) : "population unknown"].filter(Boolean).join(", ");
    const actions = [];
    // The holder's adversary first: the fall the command line means by `--fall PLACE`.
    const adversary = h.faction && S.factions.get(h.faction) ? S.factions.get(h.faction).adversary : null;
    for (const f of [adversary, ...factionIds.filter((x) => x !== adversary)].filter(Boolean)) {
      if (f === h.faction && h.status === "held") continue;
      const secure = f === h.faction;
      actions.push(el("button", { type: "button", onclick: () => { setPlace(selected, f, "held"); say(`${p.name}: ${secure ? "secured by" : "handed to"} the ${label(f)}.`); },
                                  text: secure ? `Secure for the ${label(f)}` : `Hand to the ${label(f)}` }));
    }
    if (h.faction && h.status === "held") {
      actions.push(el("button", { type: "button", onclick: () => { setPlace(selected, h.faction, "contested"); say(`${p.name} is contested.`); },
                                  text: "Mark contested" }));
    }
    const edited = state.places.some((e) => e.place === selected);
    if (edited) actions.push(el("button", { type: "button", onclick: () => { setPlace(selected, was.faction, was.status); say(`${p.name} is as it was.`); }, text: "As it was" }));
    const roads = data.roads.filter((r) => r.a === selected || r.b === selected).map((r) => {
      const other = r.a === selected ? r.b : r.a;
      const cut = answer.control.cut.has(SimEngine.roadKey(r.a, r.b));
      return el("li", {}, el("span", { text: `to ${name(other)}, ${W.km(r.km)}${cut ? " (cut)" : ""}` }),
                el("button", { type: "button", onclick: () => toggleRoad(r.a, r.b),
                               "aria-label": `${cut ? "Reopen" : "Cut"} the ${p.name} - ${name(other)} road`,
                               text: cut ? "Reopen" : "Cut" }));
    });
    panel.replaceChildren(
      el("h2", { id: "place-name", tabindex: "-1" }, st ? el("span", { class: "swatch", style: `background:${st.colour}` }) : null, p.name),
      el("p", {}, el("strong", { text: h.faction ? `Held by the ${label(h.faction)}${h.status !== "held" ? " (contested)" : ""}` : "Held by nobody (abroad)" }),
         was.faction !== h.faction || was.status !== h.status ? el("span", { class: "muted", text: ` — was ${was.faction ? `the ${label(was.faction)}${W.agree(S, was.faction, "'s", "'")}${was.status !== "held" ? ", contested" : ""}` : "held by nobody"}` }) : null),
      el("p", { class: "muted", text: facts }),
      el("div", { class: "actions", role: "group", "aria-label": `What happens to ${p.name}` }, ...actions),
      roads.length ? el("p", { class: "muted", text: "Roads:" }) : null,
      roads.length ? el("ul", { class: "plain roads" }, ...roads) : null);
  }

  function drawChanges() {
    const box = $("#changes");
    if (!answer.events.length) {
      box.replaceChildren(el("p", { class: "help", text: "No change yet." }));
    } else {
      box.replaceChildren(el("ul", { class: "plain" }, ...answer.events.map((e) => el("li", { text: W.describeEvents(S, [e]) }))));
    }
    $("#cmd").value = commandLine();
    $("#copy").disabled = !answer.events.length;
    $("#undo").disabled = !history.length;
    $("#reset").disabled = !touched();
    for (const box of document.querySelectorAll("#borders input")) box.checked = answer.control.openTransit.has(box.value);
    $("#faction").value = state.faction || "";
    $("#faction-help").textContent = state.faction ? "" : `Now: the ${label(answer.fid)}.`;
  }

  function copyCommand() {
    const text = commandLine();
    if (!text) return;
    const done = () => say("Copied: " + text);
    const box = $("#cmd");
    const fallback = () => { box.focus(); box.select(); try { document.execCommand("copy"); done(); } catch (err) { say("Select the command and copy it."); } };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  }

  const STATUS_WORDS = data.words.status;

  function drawLifelines() {
    const before = answer.result ? answer.result.before : null;
    $("#lifelines-title").textContent = `Lifelines of the ${label(answer.fid)}`;
    const rows = answer.after.lifelines.map((s, i) => {
      const b = before ? before.lifelines[i] : null;
      const changed = b && (b.status !== s.status || (b.route && s.route && b.route.km !== s.route.km));
      const status = STATUS_WORDS[s.status];
      const cls = s.status === "connected" ? "status-connected" : s.status === "cut" ? "status-cut" : "status-lost";
      const route = s.route ? s.route.places.map(name).join(" → ") : "";
      return el("tr", { class: changed ? "changed" : null },
        el("td", {}, el("strong", { text: s.lifeline.name }), route ? el("div", { class: "muted", text: route }) : null),
        el("td", { class: cls, text: status }),
        el("td", { class: "num", text: s.route ? W.km(s.route.km) : "-" }),
        el("td", { class: "num muted", text: b ? (b.route ? `was ${W.km(b.route.km)}` : `was ${STATUS_WORDS[b.status]}`) : "" }));
    });
    $("#lifelines").replaceChildren(rows.length ? el("table", {},
      el("thead", {}, el("tr", {}, el("th", { text: "Lifeline and route" }), el("th", { text: "Status" }), el("th", { class: "num", text: "Length" }), el("th", { text: "" }))),
      el("tbody", {}, ...rows)) : el("p", { class: "help", text: `The ${label(answer.fid)} ${W.agree(S, answer.fid, "has", "have")} no lifeline in this scenario.` }));
  }

  function drawStrongholds() {
    const st = answer.after.strongholds;
    const groups = { "cut-off": [], lost: [], connected: [] };
    for (const [id, s] of Object.entries(st)) groups[s].push(id);
    const fac = S.factions.get(answer.fid);
    const cap = fac.capital ? name(fac.capital) : "the capital";
    const line = (title, ids, cls) => ids.length ? el("p", {}, el("strong", { class: cls, text: `${title}: ` }), ids.map(name).join(", ")) : null;
    // Once the capital is lost nothing is "cut off from" it, as the reports say it.
    const capitalHeld = fac.capital && SimEngine.side(S, fac.id).has(SimEngine.holder(answer.control, fac.capital));
    const apart = fac.capital && !capitalHeld ? "In the pockets left" : `Cut off from ${cap}`;
    const parts = [line(apart, groups["cut-off"], "status-cut"), line("Lost", groups.lost, "status-lost"),
                   line(`Joined to ${cap}`, groups.connected, "status-connected")].filter(Boolean);
    $("#strongholds").replaceChildren(...(parts.length ? parts : [el("p", { class: "help", text: `The ${label(fac.id)} has no stronghold in this scenario.` })]));
  }

  function drawChokepoints() {
    const rows = answer.after.lifelines.map((s) => {
      const c = answer.after.chokepoints[s.lifeline.name] || [];
      return el("li", {}, el("strong", { text: s.lifeline.name + ": " }),
                c.length ? c.map(name).join(", ") : s.status === "connected" ? "none" : `none (${STATUS_WORDS[s.status]})`);
    });
    $("#chokepoints").replaceChildren(rows.length ? el("ul", { class: "plain" }, ...rows) : el("p", { class: "help", text: "No lifeline." }));
  }

  function drawPockets() {
    const rows = answer.after.pockets.map((p) => {
      const tag = p.main ? "main" : p.strongholds.length ? "cut off" : "isolated";
      const people = p.population || p.unknown ? W.peopleWords(p.population, p.unknown) : "no people counted";
      const strong = p.strongholds.length ? `; strongholds: ${p.strongholds.map(name).join(", ")}` : "";
      const sample = p.main ? "" : ` (${p.places.slice(0, 4).map(name).join(", ")}${p.places.length > 4 ? ", ..." : ""})`;
      return el("li", {}, el("strong", { text: `[${tag}] ` }),
                `${p.places.length} ${p.places.length === 1 ? "place" : "places"}${p.abroad ? ` (${p.abroad} abroad)` : ""}, ${people}${strong}${sample}`);
    });
    $("#pockets").replaceChildren(rows.length ? el("ol", {}, ...rows) : el("p", { class: "help", text: `The ${label(answer.fid)} holds no pocket.` }));
  }

  function drawVerdicts() {
    const v = $("#verdict");
    v.textContent = answer.verdict || "Choose a place and hand it to another faction, or click a road to cut it: the answer appears here.";
    v.classList.toggle("empty", !answer.verdict);
    if (S.campaign) {
      const i = dates.indexOf(state.date);
      $("#date").value = i;
      const when = W.dateWords(state.date);
      $("#date").setAttribute("aria-valuetext", when);
      $("#date-text").textContent = when;
      const dv = $("#day-verdict");
      dv.replaceChildren(el("strong", { text: "That day: " }), dayVerdict(answer.fid));
    }
  }

  function drawAll() {
    drawRoads();
    drawMarkers();
    drawLabels();
    drawLegend();
  }

  function update() {
    compute();
    drawVerdicts();
    drawChanges();
    drawPlacePanel();
    drawLifelines();
    drawStrongholds();
    drawChokepoints();
    drawPockets();
    drawAll();
  }

  // ------------------------------------------------------------ the search
  let found = [];
  let active = -1;
  let searched = false;
  function searchMatches(text) {
    const q = SimEngine.normalize(text);
    if (!q) return [];
    const hits = new Map();
    const exact = SimEngine.lookupPlace(S, text);
    if (exact) hits.set(exact, 0);
    for (const [spelling, id] of Object.entries(data.spellings.exact)) {
      const score = spelling.startsWith(q) ? 1 : spelling.includes(q) ? 2 : 0;
      if (score && (!hits.has(id) || hits.get(id) > score)) hits.set(id, score);
    }
    return [...hits.entries()].sort((a, b) => a[1] - b[1] || (name(a[0]) < name(b[0]) ? -1 : 1)).slice(0, 8).map(([id]) => id);
  }
  function onSearch(e) {
    searched = true;
    found = searchMatches(e.target.value);
    active = found.length ? 0 : -1;
    drawSearch();
  }
  function drawSearch() {
    const list = $("#search-list");
    const input = $("#search");
    list.replaceChildren(...found.map((id, i) => {
      const h = holdingIn(answer.control, id);
      return el("li", { id: `found-${i}`, role: "option", "aria-selected": String(i === active),
                        onclick: () => choose(id) },
        name(id), el("small", { text: ` — ${h.faction ? `held by the ${label(h.faction)}` : "abroad"}` }));
    }));
    input.setAttribute("aria-expanded", String(found.length > 0));
    if (active >= 0) input.setAttribute("aria-activedescendant", `found-${active}`);
    else input.removeAttribute("aria-activedescendant");
    if (searched && !found.length && input.value.trim()) list.replaceChildren(el("li", { role: "option", "aria-disabled": "true", text: "No place of that name." }));
  }
  function onSearchKey(e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!found.length) return;
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      drawSearch();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (active >= 0) choose(found[active]);
    } else if (e.key === "Escape") {
      e.target.value = "";
      found = [];
      drawSearch();
    }
  }
  function choose(id) {
    found = [];
    searched = false;
    $("#search").value = name(id);
    drawSearch();
    select(id);
    const first = $("#place-panel .actions button");
    if (first) first.focus();
  }

  // ------------------------------------------------------------ the campaign's clock
  let timer = null;
  function togglePlay() {
    const button = $("#play");
    if (timer) { clearInterval(timer); timer = null; button.textContent = "Play"; button.setAttribute("aria-pressed", "false"); return; }
    if (dates.indexOf(state.date) === dates.length - 1) setDate(0);
    button.textContent = "Pause";
    button.setAttribute("aria-pressed", "true");
    timer = setInterval(() => {
      const i = dates.indexOf(state.date);
      if (i >= dates.length - 1) { togglePlay(); return; }
      setDate(i + 1);
    }, 1600);
  }

  buildPage();
  update();
  requestAnimationFrame(() => drawAll());
  return { data, S, get answer() { return answer; }, commandLine, select, setPlace, toggleRoad, setDate, undo, reset };
})();
