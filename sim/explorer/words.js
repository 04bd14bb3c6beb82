/* The explorer's words: the sentences of sim/report/words.py, in the browser.
 *
 * A what-if's verdict (sim/report/whatif.py::verdict) and a campaign day's
 * verdict (words.day_sentence) are written here from a change that engine.js
 * computed, word for word as the command line prints them. Numbers are
 * formatted as Python formats them: thousands with commas, rounded half to even
 * on the exact value (SimEngine.fixed), never by the browser's locale.
 *
 * Every function takes the engine's scenario (S, from SimEngine.load) where it
 * needs names: S stands for the Python Namer.
 */
"use strict";

var SimWords = (function () {
  var E = SimEngine;

  // ------------------------------------------------------------- small words

  /* join_words: "A", "A and B", "A, B and C". */
  function joinWords(words, last) {
    last = last || "and";
    if (words.length <= 1) return words.join("");
    return words.slice(0, -1).join(", ") + " " + last + " " + words[words.length - 1];
  }

  /* A whole number with thousands separators: f"{n:,}". */
  function thousands(n) {
    return grouped(String(n));
  }

  /* Commas between the thousands of a number's text ("-1234.5" -> "-1,234.5"). */
  function grouped(text) {
    var sign = text[0] === "-" ? "-" : "";
    var body = sign ? text.slice(1) : text;
    var dot = body.indexOf(".");
    var whole = dot < 0 ? body : body.slice(0, dot), rest = dot < 0 ? "" : body.slice(dot);
    return sign + whole.replace(/\B(?=(\d{3})+$)/g, ",") + rest;
  }

  /* count: "1 place", "2 places". */
  function count(n, word, plural) {
    return thousands(n) + " " + (n === 1 ? word : plural || word + "s");
  }

  /* km: whole km, or tenths below 10 km; "-" for none. */
  function km(value) {
    if (value === null || value === undefined) return "-";
    return value < 9.95 ? grouped(E.fixed(value, 1)) + " km" : grouped(E.fixed(value, 0)) + " km";
  }

  /* round(n, -digits) of a whole number: half to even, exactly. */
  function roundWhole(n, digits) {
    var base = BigInt(10) ** BigInt(digits), big = BigInt(n);
    var low = big / base, rest = big % base;
    if (rest * BigInt(2) > base || (rest * BigInt(2) === base && low % BigInt(2) === BigInt(1))) {
      low += BigInt(1);
    }
    return Number(low * base);
  }

  /* rounded: a count of people to three significant figures ("1.36 million", "187,000"). */
  function rounded(n) {
    if (n < 1000) return thousands(n);
    var digits = String(n).length - 3;
    var r = roundWhole(n, digits);
    if (r >= 1000000) {
      var m = r / 1000000;
      return E.fixed(m, Math.max(0, 2 - (String(Math.trunc(m)).length - 1))) + " million";
    }
    return thousands(r);
  }

  /* people_words: people rounded, with places of unknown population named apart. */
  function peopleWords(known, unknown) {
    var parts = [];
    if (known) {
      parts.push((known >= 1000 ? "about " : "") + rounded(known) +
                 (known === 1 ? " person" : " people"));
    }
    if (unknown) parts.push(count(unknown, "place") + " of unknown population");
    return parts.length ? joinWords(parts) : "no people";
  }

  /* be: "is" for one, "are" for more. */
  function be(names) {
    return names.length === 1 ? "is" : "are";
  }

  /* The first letter in capitals (Python's s[0].upper() + s[1:]). */
  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // ------------------------------------------------------------- names (Namer)

  /* Namer.place */
  function place(S, pid) {
    return S.places.get(pid).name;
  }

  /* Namer.places: names joined, the first `limit` of them and a count of the rest. */
  function places(S, ids, last, limit) {
    var names = ids.map(function (p) { return place(S, p); });
    if (limit !== undefined && limit !== null && names.length > limit) {
      return names.slice(0, limit).join(", ") + " and " + count(names.length - limit, "other place");
    }
    return joinWords(names, last || "and");
  }

  /* Namer.label (Scenario.faction_label) */
  function label(S, fid) {
    if (fid === null || fid === undefined) return "nobody";
    return Object.prototype.hasOwnProperty.call(S.data.labels, fid) ? S.data.labels[fid] : fid;
  }

  /* Namer.the: "the opposition", or "nobody". */
  function the(S, fid) {
    return fid === null || fid === undefined ? "nobody" : "the " + label(S, fid);
  }

  /* Namer.agree: `one` for a singular label ("the government loses its capital"), `many`
     for a plural one (data.plural: "the Druze factions lose their capital"). */
  function agree(S, fid, one, many) {
    return fid !== null && fid !== undefined && (S.data.plural || []).indexOf(fid) >= 0 ?
      many : one;
  }

  /* Theatre.country_name */
  function countryName(S, code) {
    return Object.prototype.hasOwnProperty.call(S.data.countries, code) ? S.data.countries[code] : code;
  }

  // ------------------------------------------------------------- events

  /* describe_event: one what-if event as a clause. */
  function describeEvent(S, e) {
    switch (e.type) {
      case "fall": return place(S, e.place) + " falls to " + the(S, e.faction);
      case "contest": return place(S, e.place) + " becomes contested";
      case "cut-road":
        return "the " + place(S, e.road[0]) + " - " + place(S, e.road[1]) + " road is cut";
      case "open-road":
        return "the " + place(S, e.road[0]) + " - " + place(S, e.road[1]) + " road reopens";
      case "open-transit": return "transit through " + countryName(S, e.country) + " is open";
      case "close-transit": return "transit through " + countryName(S, e.country) + " is closed";
    }
    throw new Error("unknown event type " + e.type);
  }

  /* describe_events: all events as one clause, the falls to one faction grouped. */
  function describeEvents(S, events) {
    var falls = new Map(), parts = [];
    events.forEach(function (e) {
      if (e.type === "fall") {
        if (!falls.has(e.faction)) { falls.set(e.faction, []); parts.push({faction: e.faction}); }
        falls.get(e.faction).push(place(S, e.place));
      } else {
        parts.push(describeEvent(S, e));
      }
    });
    return joinWords(parts.map(function (part) {
      if (typeof part === "string") return part;
      var names = falls.get(part.faction);
      return joinWords(names) + " " + (names.length === 1 ? "falls" : "fall") + " to " +
        the(S, part.faction);
    }));
  }

  // ------------------------------------------------------------- routes and pockets

  var KIND_RANK = {city: 0, town: 1, port: 1, crossing: 2, airbase: 3, junction: 4};

  function kindRank(p) {
    return Object.prototype.hasOwnProperty.call(KIND_RANK, p.kind) ? KIND_RANK[p.kind] : 5;
  }

  function placesOfRoute(route) {
    return Array.isArray(route) ? route : route.places;
  }

  /* via: the notable places a route passes, in its order (alone: its cities and
     foreign places; instead of another route: the places that one did not pass). */
  function via(S, route, limit, insteadOf) {
    limit = limit === undefined ? 4 : limit;
    var inner = placesOfRoute(route).slice(1, -1);
    var notable;
    if (insteadOf !== undefined && insteadOf !== null) {
      var old = new Set(placesOfRoute(insteadOf));
      notable = inner.filter(function (p) { return !old.has(p); });
    } else {
      notable = inner.filter(function (p) {
        var pl = S.places.get(p);
        return pl.kind === "city" || pl.country !== S.home;
      });
    }
    if (notable.length > limit) {
      var rank = E.sortedBy(notable, function (p) {
        var pl = S.places.get(p);
        return [kindRank(pl), -(pl.population || 0)];
      });
      var keep = new Set(rank.slice(0, limit));
      notable = notable.filter(function (p) { return keep.has(p); });
    }
    return joinWords(notable.map(function (p) { return place(S, p); }));
  }

  /* road_words: "government-held road", or the wider phrase when allies or borders count. */
  function roadWords(S, fid, C, noun) {
    noun = noun || "road";
    var fac = S.factions.get(fid);
    var lab = label(S, fid);
    if (C && E.transitFor(C, E.side(S, fid)).size) return noun + " the " + lab + " can use";
    if (fac.allies.length) {
      return noun + " held by the " + lab + " or " + agree(S, fid, "its", "their") + " allies";
    }
    return lab + "-held " + noun;
  }

  /* anchor: the place a pocket is named by, its most populous place at home. */
  function anchor(S, pocket) {
    var home = pocket.places.filter(function (p) { return S.places.get(p).country === S.home; });
    if (!home.length) home = pocket.places.slice();
    var best = E.sortedBy(home, function (p) {
      var pl = S.places.get(p);
      return [-(pl.population || 0), kindRank(pl), p];
    })[0];
    return place(S, best);
  }

  /* ends: the target end of a lifeline change, its label or its targets joined with "or". */
  function ends(S, c) {
    return c.label || places(S, c.targets, "or");
  }

  // ------------------------------------------------------------- clauses

  /* _cut_clause: a lifeline cut, and the road whose reopening would restore it. */
  function cutClause(S, c, fid, C, restorers) {
    var sideSet = E.side(S, fid);
    var held = c.targets.filter(function (t) {
      return !C || sideSet.has(E.holder(C, t)) || E.holder(C, t) === null;
    });
    var text = place(S, c.source) + " is cut off from " + ends(S, c) + ": no " +
      roadWords(S, fid, C) + " joins it to " + places(S, held.length ? held : c.targets, "or");
    var fixes = (restorers || {})[c.name] || [];
    if (fixes.length) {
      var key = fixes[0][0], status = fixes[0][1];
      var how = via(S, status.route, 3);
      text += "; reopening the " + place(S, key[0]) + " - " + place(S, key[1]) +
        " road would restore a " + km(status.route.km) + " route" + (how ? " via " + how : "");
    }
    return text;
  }

  /* _lost_lifeline_clause */
  function lostLifelineClause(S, c, fid) {
    if (c.after === "source-lost") {
      return the(S, fid) + " " + agree(S, fid, "loses", "lose") + " " + place(S, c.source) +
        ", where " + c.name + " starts";
    }
    return place(S, c.source) + " loses " + ends(S, c) + ": " + the(S, fid) + " no longer " +
      agree(S, fid, "holds", "hold") + " " + places(S, c.targets, "or");
  }

  /* _longer_clause */
  function longerClause(S, c, fid, C) {
    var routeWords = roadWords(S, fid, C, "route");
    var how = via(S, c.routeAfter, 3, c.routeBefore);
    how = how ? " via " + how : "";
    var to = place(S, c.targetAfter);
    var grows;
    if (c.targetAfter === c.targetBefore) {
      grows = "the shortest " + routeWords + " to " + to + " grows from " + km(c.kmBefore) +
        " to " + km(c.kmAfter) + how;
    } else {
      grows = "the shortest " + routeWords + " now ends at " + to + ": " + km(c.kmAfter) + how +
        ", instead of " + km(c.kmBefore) + " to " + place(S, c.targetBefore);
    }
    return place(S, c.source) + " still reaches " + ends(S, c) + ", but " + grows;
  }

  /* _lost_places: places lost, strongholds first. */
  function lostPlaces(ch) {
    var strong = new Set(ch.strongholdsLost);
    return ch.strongholdsLost.concat(ch.placesLost.filter(function (p) { return !strong.has(p); }));
  }

  /* _capital_clause */
  function capitalClause(S, ch) {
    var fid = ch.faction;
    var text = the(S, fid) + " " + agree(S, fid, "loses its", "lose their") + " capital, " +
      place(S, ch.capital);
    if (ch.heldAfter === 0) return text + ", and " + agree(S, fid, "holds", "hold") + " no other place";
    var still = agree(S, fid, "it still holds", "they still hold");
    var big = ch.largestAfter;
    if (big === null) {
      return text + "; none of the " + count(ch.heldAfter, "place") + " " + still +
        " has a usable road";
    }
    var who = big.population || big.unknown ?
      ", with " + peopleWords(big.population, big.unknown) : "";
    if (ch.pocketsAfter === 1) {
      return text + "; what " + still + " forms one pocket around " + anchor(S, big) + who;
    }
    return text + "; what " + still + " lies in " + ch.pocketsAfter + " pockets, the largest " +
      "around " + anchor(S, big) + who;
  }

  /* _with: ", with about 187,000 people" (or ", population unknown") for the people cut off. */
  function withPeople(ch, tail) {
    if (ch.peopleCutOff) return ", with " + peopleWords(ch.peopleCutOff, ch.unknownCutOff) + (tail || "");
    return ch.unknownCutOff ? ", population unknown" : "";
  }

  /* _gained_clause: places gained, and whether they are joined to the capital (a capital
     gained is not said to be joined to itself: only the other places are judged). */
  function gainedClause(S, ch, cap) {
    var fid = ch.faction, gained = ch.placesGained;
    var text = the(S, fid) + " " + agree(S, fid, "gains", "gain") + " " + places(S, gained, "and", 6);
    var others = gained.filter(function (p) { return p !== ch.capital; });
    var joined = ch.gainedJoined.filter(function (p) { return p !== ch.capital; });
    if (!ch.capital || !others.length) return text;
    if (others.length < gained.length) {
      return text + (joined.length ? " (" + places(S, joined, "and", 6) + " joined to " + cap + ")"
                     : " (" + places(S, others, "and", 6) + " isolated from " + cap + ")");
    }
    if (joined.length === gained.length) return text + ", joined to " + cap;
    if (!joined.length) return text + ", isolated from " + cap;
    return text + " (" + places(S, joined, "and", 6) + " joined to " + cap + ")";
  }

  /* clause: the clause that states one kind of change. */
  function clause(S, ch, kind, C, restorers) {
    var fid = ch.faction;
    var lab = label(S, fid);
    var cap = ch.capital ? place(S, ch.capital) : "the capital";
    var s;
    switch (kind) {
      case "capital-lost": return capitalClause(S, ch);
      case "lifeline-cut": {
        var cuts = E.lifelinesOf(ch, "cut");
        var text = cutClause(S, cuts[0], fid, C, restorers);
        if (cuts.length > 1) {
          text += "; " + joinWords(cuts.slice(1).map(function (c) {
            return place(S, c.source) + " is also cut off from " + ends(S, c); }));
        }
        return text;
      }
      case "lifeline-lost":
        return joinWords(E.lifelinesOf(ch, "lost").map(function (c) {
          return lostLifelineClause(S, c, fid); }));
      case "stronghold-cut-off":
        s = ch.strongholdsCutOff;
        return places(S, s) + " " + be(s) + " cut off from " + cap + withPeople(ch, " in all");
      case "stronghold-lost":
      case "places-lost":
        return the(S, fid) + " " + agree(S, fid, "loses", "lose") + " " +
          places(S, lostPlaces(ch), "and", 6);
      case "places-isolated":
        s = ch.placesIsolated;
        return places(S, s, "and", 6) + " " + be(s) + " isolated from " + cap + withPeople(ch);
      case "lifeline-longer":
        return joinWords(E.lifelinesOf(ch, "longer").slice(0, 1).map(function (c) {
          return longerClause(S, c, fid, C); }));
      case "lifeline-restored": {
        var c = E.lifelinesOf(ch, "restored")[0];
        var how = via(S, c.routeAfter, 3);
        return place(S, c.source) + " reaches " + ends(S, c) + " again, by a " + km(c.kmAfter) +
          " route" + (how ? " via " + how : "");
      }
      case "stronghold-reconnected":
      case "places-rejoined":
        s = kind === "stronghold-reconnected" ? ch.strongholdsReconnected : ch.placesRejoined;
        return places(S, s, "and", 6) + " " + be(s) + " joined to " + cap + " again";
      case "places-gained": return gainedClause(S, ch, cap);
      case "lifeline-shorter": {
        var sh = E.lifelinesOf(ch, "shorter")[0];
        return "the shortest " + lab + " route from " + place(S, sh.source) + " to " + ends(S, sh) +
          " shrinks from " + km(sh.kmBefore) + " to " + km(sh.kmAfter);
      }
      case "nothing":
        return "nothing changes for the " + lab + ": every lifeline, stronghold and place " +
          agree(S, fid, "it holds", "they hold") + " keeps its status";
    }
    throw new Error("unknown kind of change " + kind);
  }

  // ------------------------------------------------------------- the sentence

  // Kinds a later clause may add after the lead, and those a lead already covers.
  var FOLLOWERS = ["lifeline-lost", "stronghold-cut-off", "stronghold-lost", "places-isolated",
                   "lifeline-longer", "places-lost", "places-gained"];
  var COVERS = {"stronghold-lost": ["places-lost"], "places-lost": ["stronghold-lost"],
                "stronghold-cut-off": ["places-isolated"]};

  /* Sentence: its condition and clauses ([kind, text] pairs), its kind and its text. */
  function makeSentence(condition, clauses) {
    var body = clauses.map(function (c) { return c[1]; }).join("; ");
    return {condition: condition, clauses: clauses, kind: clauses[0][0],
            text: condition ? condition + ", " + body + "." : capital(body) + "."};
  }

  /* sentence: the gravest kind of change first, then up to `followers` more. Options:
     events, control, restorers, followers (2), condition (else "If" and the events). */
  function sentence(S, ch, options) {
    var o = options || {};
    var followers = o.followers === undefined ? 2 : o.followers;
    var kinds = ch.kinds, lead = kinds[0];
    var clauses = [[lead, clause(S, ch, lead, o.control, o.restorers)]];
    if (["capital-lost", "lifeline-cut", "nothing"].indexOf(lead) < 0) {
      var covered = new Set((COVERS[lead] || []).concat([lead]));
      kinds.slice(1).forEach(function (kind) {
        if (clauses.length > followers || FOLLOWERS.indexOf(kind) < 0 || covered.has(kind)) return;
        clauses.push([kind, clause(S, ch, kind, o.control)]);
        (COVERS[kind] || []).concat([kind]).forEach(function (k) { covered.add(k); });
      });
    }
    var condition = o.condition;
    if (condition === undefined || condition === null) {
      var events = o.events || [];
      condition = events.length ? "If " + describeEvents(S, events) : "";
    }
    return makeSentence(condition, clauses);
  }

  /* report/whatif.py::verdict: the one-sentence answer to a what-if (SimEngine.whatIf). */
  function verdict(S, w) {
    return sentence(S, w.change, {events: w.events, control: w.controlAfter,
                                  restorers: w.restorers}).text;
  }

  // ------------------------------------------------------------- campaigns

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];

  /* date_words: "8 December 2024". */
  function dateWords(date) {
    var parts = date.split("-").map(Number);
    return parts[2] + " " + MONTHS[parts[1] - 1] + " " + parts[0];
  }

  /* span_words: "27 November - 8 December 2024". */
  function spanWords(first, last) {
    if (first === last) return dateWords(first);
    var a = dateWords(first).split(" "), b = dateWords(last).split(" ");
    var head = a[2] === b[2] ? a.slice(0, 2) : a;
    return head.join(" ") + " - " + b.join(" ");
  }

  /* handover_kind: what a campaign event does to its place, given the holding before it:
     falls, contested, secured or unchanged. */
  function handoverKind(e, before) {
    var holder = before ? before.faction : null;
    var status = before ? before.status : "held";
    if (e.faction !== holder) return "falls";
    if (e.status === "contested") return status === "contested" ? "unchanged" : "contested";
    return status !== "held" ? "secured" : "unchanged";
  }

  /* describe_handovers: a day's changes of hands as one clause, each judged against the
     control just before it ("" when none changes anything). */
  function describeHandovers(S, events, C) {
    var falls = new Map(), contested = [], secured = new Map();
    events.forEach(function (e) {
      var kind = handoverKind(e, C.holdings.get(e.place));
      C = E.withHolding(C, e.place, {faction: e.faction, status: e.status});
      if (kind === "falls") {
        if (!falls.has(e.faction)) falls.set(e.faction, []);
        falls.get(e.faction).push(e.place);
        if (e.status === "contested") contested.push(e.place);
      } else if (kind === "contested") {
        contested.push(e.place);
      } else if (kind === "secured") {
        if (!secured.has(e.faction)) secured.set(e.faction, []);
        secured.get(e.faction).push(e.place);
      }
    });
    var parts = [];
    falls.forEach(function (ps, fid) {
      parts.push(places(S, ps) + " " + (ps.length === 1 ? "falls" : "fall") + " to " + the(S, fid));
    });
    if (contested.length) {
      parts.push(places(S, contested) + " " + (contested.length === 1 ? "becomes" : "become") +
                 " contested");
    }
    secured.forEach(function (ps, fid) {
      parts.push(the(S, fid) + " " + agree(S, fid, "secures", "secure") + " " + places(S, ps));
    });
    return joinWords(parts);
  }

  /* day_sentence: a campaign day's verdict (a day from SimEngine.day). */
  function daySentence(S, d) {
    var what = describeHandovers(S, d.events, d.controlBefore);
    var when = "On " + dateWords(d.date);
    var condition = what ? when + ", as " + what : when + ", with no change of hands";
    return sentence(S, d.change, {control: d.control, condition: condition});
  }

  /* report/timeline.py::day_verdict */
  function dayVerdict(S, d) {
    return daySentence(S, d).text;
  }

  return {
    verdict: verdict, dayVerdict: dayVerdict, sentence: sentence, clause: clause,
    km: km, rounded: rounded, peopleWords: peopleWords, count: count, be: be,
    joinWords: joinWords, thousands: thousands, place: place, places: places, label: label,
    the: the, agree: agree, countryName: countryName, describeEvent: describeEvent,
    describeEvents: describeEvents, via: via, roadWords: roadWords, anchor: anchor, ends: ends,
    dateWords: dateWords, spanWords: spanWords, handoverKind: handoverKind,
    describeHandovers: describeHandovers, daySentence: daySentence
  };
})();
