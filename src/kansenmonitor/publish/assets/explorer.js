/* Verkenner van de Monitor gelijke kansen: grafiek, kaart en tabel van één indicator.
 *
 * Hand-written, no libraries. Reads the data scripts written by kansenmonitor.publish
 * (KM.labels, KM.geo, KM.data[id]); draws SVG; keeps the whole view in the URL.
 * Every mark carries its 95% interval; a withheld figure is shown as the CBS symbol "."
 * with its reason and is never given a value (the data hold none).
 */
(function () {
  "use strict";
  var KM = (window.KM = window.KM || {});
  var SVGNS = "http://www.w3.org/2000/svg";
  var COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D31",
                 "#7A5195", "#2F4B7C"];
  var SHAPES = ["circle", "square", "triangle", "diamond", "triangle-down", "cross"];
  var Z95 = 1.959963984540054;
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

  // ------------------------------------------------------------------ formatting
  var formats = {};
  function nf(dec) {
    if (!formats[dec]) {
      formats[dec] = new Intl.NumberFormat("nl-NL", {minimumFractionDigits: dec, maximumFractionDigits: dec});
    }
    return formats[dec];
  }
  function decimalsFor(unit) {
    if (unit === "euro per jaar") return 0;
    if (unit === "euro per uur") return 2;
    return 1;
  }
  function isPct(stat, unit) { return stat === "share" || (stat === "gap" && unit === "aandeel"); }
  /** A number as shown: shares in %, differences of shares in procentpunt. */
  function fmt(v, stat, unit, diff, sign) {
    if (v === null || v === undefined || !isFinite(v)) return KM.labels.symbol;
    var s;
    if (isPct(stat, unit) || (diff && stat === "share")) {
      s = nf(1).format(100 * v) + (diff ? " procentpunt" : "%");
    } else {
      s = nf(decimalsFor(unit)).format(v);
    }
    if (sign && v > 0) s = "+" + s;
    return s;
  }
  function fmtShort(v, stat, unit, diff) {
    var s = fmt(v, stat, unit, diff, diff);
    return s.replace(" procentpunt", " pp");
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  // ------------------------------------------------------------------ data
  function Dataset(d) {
    var self = this;
    this.d = d;
    this.index = new Map();
    d.rows.forEach(function (r) {
      self.index.set(r[0] + "|" + r[3] + "|" + r[4] + "|" + r[2] + "|" + r[1], r);
    });
    this.byBreakdown = {};
    d.groups.forEach(function (g, i) {
      var b = Object.keys(g).join("+");
      (self.byBreakdown[b] = self.byBreakdown[b] || []).push(i);
    });
    this.groupIndex = {};
    d.groups.forEach(function (g, i) { self.groupIndex[Object.keys(g).join("+") + ":" + self.codeKey(g)] = i; });
  }
  Dataset.prototype.codeKey = function (g) {
    var ks = Object.keys(g);
    return ks.length ? ks.map(function (k) { return g[k]; }).join(".") : "T";
  };
  Dataset.prototype.findGroup = function (breakdown, codeKey) {
    if (codeKey === "T") return this.groupIndex[":T"];
    return this.groupIndex[breakdown + ":" + codeKey];
  };
  Dataset.prototype.label = function (gi) {
    var g = this.d.groups[gi];
    var ks = Object.keys(g);
    if (!ks.length) return "Totaal";
    return ks.map(function (k) { return codeLabel(k, g[k]); }).join(" · ");
  };
  /** One figure: {value, lo, hi, se, n, reason, flags, found} (found false: not in the cube). */
  Dataset.prototype.figure = function (v, s, m, g, y) {
    var r = this.index.get(v + "|" + s + "|" + m + "|" + g + "|" + y);
    if (!r) return {found: false, value: null, reason: "", flags: ""};
    return {found: true, value: r[5], lo: r[6], hi: r[7], se: r[8], n: r[9], reason: this.d.reasons[r[10]],
            flags: this.d.flags[r[11]]};
  };
  Dataset.prototype.hasRows = function (v, s, m, gi) {
    var self = this;
    return this.d.years.some(function (y) { return self.index.has(v + "|" + s + "|" + m + "|" + gi + "|" + y); });
  };

  function codeLabel(dim, code) {
    var dd = KM.labels.dimensions[dim];
    if (!dd) return code;
    for (var i = 0; i < dd.codes.length; i++) if (dd.codes[i][0] === code) return dd.codes[i][1];
    return code;
  }
  function breakdownLabel(b) {
    if (!b) return "Totaal";
    return b.split("+").map(function (d) { return KM.labels.dimensions[d] ? KM.labels.dimensions[d].label : d; })
      .join(" × ");
  }
  function reasonText(reason) {
    var r = KM.labels.reasons[reason];
    return r ? r.text : reason;
  }
  function reasonMark(reason) {
    var r = KM.labels.reasons[reason];
    return r ? r.mark : "?";
  }
  /** Quality flags of a cell shown beside it; trend-break flags are left out (the break
   * is marked on the time axis and in the column head where it falls). */
  function cellFlags(flags) {
    if (!flags) return [];
    return flags.split(";").filter(function (f) { return f && !/^break_|_from_\d{4}$/.test(f); });
  }
  function flagTexts(flags) {
    return cellFlags(flags).map(function (f) { return KM.labels.flags[f] || f; });
  }

  // ------------------------------------------------------------------ state <-> URL
  function defaultState(ds) {
    var d = ds.d;
    var bds = d.breakdowns.map(function (b) { return b.join("+"); }).filter(function (b) { return b; });
    var breakdown = bds.indexOf("migration") >= 0 ? "migration" : (bds[0] || "");
    var st = {tab: "grafiek", variant: d.variants[0].code, breakdown: breakdown, groups: null,
              from: d.years[0], to: d.years[d.years.length - 1],
              stat: d.statistics.indexOf(d.statistic) >= 0 ? d.statistic : d.statistics[0],
              model: "ongecorrigeerd", view: "niveau", ref: null, mapgroup: null, mapcolour: "waarde",
              embed: false};
    return st;
  }
  function parseState(ds, search) {
    var st = defaultState(ds);
    var p = new URLSearchParams(search);
    var d = ds.d;
    if (["grafiek", "kaart", "tabel"].indexOf(p.get("tab")) >= 0) st.tab = p.get("tab");
    if (p.has("variant") && d.variants.some(function (v) { return v.code === p.get("variant"); })) {
      st.variant = p.get("variant");
    }
    if (p.has("uitsplitsing") && ds.byBreakdown[p.get("uitsplitsing")]) st.breakdown = p.get("uitsplitsing");
    if (p.has("groepen")) st.groups = p.get("groepen").split("~").filter(Boolean);
    var years = (p.get("jaren") || "").split("-").map(Number);
    if (years.length === 2 && d.years.indexOf(years[0]) >= 0 && d.years.indexOf(years[1]) >= 0) {
      st.from = Math.min(years[0], years[1]); st.to = Math.max(years[0], years[1]);
    }
    if (p.has("stat") && d.statistics.indexOf(p.get("stat")) >= 0) st.stat = p.get("stat");
    if (p.has("model")) st.model = p.get("model");
    if (p.get("weergave") === "verschil") st.view = "verschil";
    if (p.has("ref")) st.ref = p.get("ref");
    if (p.has("kaartgroep")) st.mapgroup = p.get("kaartgroep");
    if (p.get("kleur") === "verschil") st.mapcolour = "verschil";
    st.embed = p.get("embed") === "1";
    return st;
  }
  function stateQuery(st) {
    var p = new URLSearchParams();
    p.set("tab", st.tab);
    if (st.variant) p.set("variant", st.variant);
    p.set("uitsplitsing", st.breakdown);
    if (st.groups) p.set("groepen", st.groups.join("~"));
    p.set("jaren", st.from + "-" + st.to);
    p.set("stat", st.stat);
    if (st.model !== "ongecorrigeerd") p.set("model", st.model);
    if (st.view !== "niveau") p.set("weergave", st.view);
    if (st.ref) p.set("ref", st.ref);
    if (st.mapgroup) p.set("kaartgroep", st.mapgroup);
    if (st.mapcolour !== "waarde") p.set("kleur", st.mapcolour);
    if (st.embed) p.set("embed", "1");
    return "?" + p.toString().replace(/%7E/g, "~").replace(/%2B/g, "+");
  }

  // ------------------------------------------------------------------ selection
  /** Model indexes to draw: unadjusted only, one adjusted method, or both side by side. */
  function modelIndexes(ds, st) {
    var models = ds.d.models;
    var raw = [], adj = [];
    models.forEach(function (m, i) { (m.adjusted ? adj : raw).push(i); });
    if (st.model === "beide") return raw.concat(adj);
    if (st.model !== "ongecorrigeerd") {
      var hit = models.findIndex(function (m) { return m.adjusted && m.method === st.model; });
      if (hit >= 0) return [hit];
    }
    return raw.length ? raw : [0];
  }
  function modelLabel(ds, mi) {
    var m = ds.d.models[mi];
    if (!m.adjusted && !m.method) return "ongecorrigeerd";
    return KM.labels.methods[m.method] || m.method;
  }
  function groupsFor(ds, st, breakdown) {
    var vi = variantIndex(ds, st), si = ds.d.statistics.indexOf(st.stat);
    var mis = modelIndexes(ds, st);
    var list = (ds.byBreakdown[breakdown] || []).filter(function (gi) {
      return mis.some(function (mi) { return ds.hasRows(vi, si, mi, gi); });
    });
    return list;
  }
  function variantIndex(ds, st) {
    var i = ds.d.variants.findIndex(function (v) { return v.code === st.variant; });
    return i < 0 ? 0 : i;
  }
  /** The comparison dimension of a breakdown: where the reference group is chosen. */
  function comparisonDim(breakdown) {
    var dims = breakdown.split("+");
    var prefer = ["migration", "origin", "generation", "residence", "asylum", "sex", "age", "education"];
    for (var i = 0; i < prefer.length; i++) if (dims.indexOf(prefer[i]) >= 0) return prefer[i];
    return null;
  }
  function referenceCode(ds, st) {
    var dim = comparisonDim(st.breakdown);
    if (!dim) return null;
    if (st.ref) return st.ref;
    return KM.labels.dimensions[dim].reference;
  }
  /** The reference group of group gi: the same codes with the comparison dimension's code
   * replaced by the reference code (undefined when that group is not in the cube). */
  function referenceGroup(ds, st, gi) {
    var dim = comparisonDim(st.breakdown), code = referenceCode(ds, st);
    if (!dim || !code) return undefined;
    var g = Object.assign({}, ds.d.groups[gi]);
    if (!(dim in g)) return undefined;
    g[dim] = code;
    return ds.findGroup(st.breakdown, ds.codeKey(g));
  }
  function selectedGroups(ds, st) {
    var available = groupsFor(ds, st, st.breakdown);
    var total = ds.findGroup("", "T");
    var chosen;
    if (st.groups) {
      chosen = st.groups.map(function (k) { return ds.findGroup(st.breakdown, k); })
        .filter(function (gi) { return gi !== undefined && (available.indexOf(gi) >= 0 || gi === total); });
    } else {
      // default: up to six groups, those with a published figure first (a crossing's first
      // cells are often all withheld)
      var vi = variantIndex(ds, st), si = ds.d.statistics.indexOf(st.stat), mi = modelIndexes(ds, st)[0];
      var known = available.filter(function (gi) {
        var g = ds.d.groups[gi];
        return Object.keys(g).every(function (k) { return g[k] !== "unk" && g[k] !== "na"; });
      });
      var shown = known.filter(function (gi) {
        return ds.d.years.some(function (y) { return ds.figure(vi, si, mi, gi, y).value !== null; });
      });
      chosen = shown.concat(known.filter(function (gi) { return shown.indexOf(gi) < 0; })).slice(0, 6);
      chosen.sort(function (a, b) { return a - b; });
    }
    return chosen;
  }

  /** Series to draw: one per selected group and model; points per year in range.
   * In "verschil" view a point is group minus reference group (se combined), and is withheld
   * (reason "derived") when either figure is withheld. */
  function buildSeries(ds, st) {
    var vi = variantIndex(ds, st), si = ds.d.statistics.indexOf(st.stat);
    var mis = modelIndexes(ds, st);
    var years = ds.d.years.filter(function (y) { return y >= st.from && y <= st.to; });
    var out = [];
    selectedGroups(ds, st).forEach(function (gi, k) {
      mis.forEach(function (mi, mk) {
        var refGi = st.view === "verschil" ? referenceGroup(ds, st, gi) : null;
        if (st.view === "verschil" && (refGi === undefined || refGi === gi)) return;
        var points = years.map(function (y) {
          var f = ds.figure(vi, si, mi, gi, y);
          f.year = y;
          if (st.view !== "verschil") return f;
          var r = ds.figure(vi, si, mi, refGi, y);
          if (!f.found || !r.found) return {year: y, found: false, value: null, reason: "", flags: ""};
          if (f.value === null || r.value === null || f.se === null || r.se === null) {
            return {year: y, found: true, value: null, reason: f.value === null ? f.reason : r.reason,
                    derived: true, flags: f.flags};
          }
          var gap = f.value - r.value, se = Math.sqrt(f.se * f.se + r.se * r.se);
          return {year: y, found: true, value: gap, se: se, lo: gap - Z95 * se, hi: gap + Z95 * se,
                  n: null, reason: "", flags: f.flags};
        });
        var label = ds.label(gi);
        if (st.view === "verschil") label += " t.o.v. " + ds.label(refGi);
        if (mis.length > 1) label += " (" + modelLabel(ds, mi) + ")";
        out.push({gi: gi, mi: mi, adjusted: ds.d.models[mi].adjusted, label: label, colour: COLOURS[k % COLOURS.length],
                  shape: SHAPES[k % SHAPES.length], points: points, dashed: mk > 0});
      });
    });
    return {series: out, years: years};
  }

  // ------------------------------------------------------------------ svg helpers
  function el(name, attrs, parent) {
    var e = document.createElementNS(SVGNS, name);
    for (var k in attrs) if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, s, attrs) {
    var t = el("text", Object.assign({x: x, y: y, "font-size": 12, fill: "#222"}, attrs || {}), parent);
    t.textContent = s;
    return t;
  }
  function marker(parent, shape, x, y, r, attrs) {
    var a = Object.assign({}, attrs);
    switch (shape) {
      case "square": return el("rect", Object.assign({x: x - r, y: y - r, width: 2 * r, height: 2 * r}, a), parent);
      case "triangle":
        return el("path", Object.assign({d: "M" + x + " " + (y - r * 1.2) + "L" + (x + r * 1.1) + " " + (y + r * 0.8) +
          "L" + (x - r * 1.1) + " " + (y + r * 0.8) + "Z"}, a), parent);
      case "triangle-down":
        return el("path", Object.assign({d: "M" + x + " " + (y + r * 1.2) + "L" + (x + r * 1.1) + " " + (y - r * 0.8) +
          "L" + (x - r * 1.1) + " " + (y - r * 0.8) + "Z"}, a), parent);
      case "diamond":
        return el("path", Object.assign({d: "M" + x + " " + (y - r * 1.3) + "L" + (x + r * 1.3) + " " + y + "L" + x + " " +
          (y + r * 1.3) + "L" + (x - r * 1.3) + " " + y + "Z"}, a), parent);
      case "cross":
        return el("path", Object.assign({d: "M" + (x - r) + " " + (y - r) + "L" + (x + r) + " " + (y + r) + "M" + (x + r) +
          " " + (y - r) + "L" + (x - r) + " " + (y + r), "stroke-width": 2.5, stroke: a.fill}, a), parent);
      default: return el("circle", Object.assign({cx: x, cy: y, r: r}, a), parent);
    }
  }
  function hatchDefs(svg, id) {
    var defs = el("defs", {}, svg);
    var p = el("pattern", {id: id, width: 6, height: 6, patternUnits: "userSpaceOnUse",
                           patternTransform: "rotate(45)"}, defs);
    el("rect", {width: 6, height: 6, fill: "#f2f2f2"}, p);
    el("line", {x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#888", "stroke-width": 2}, p);
    return "url(#" + id + ")";
  }
  function niceTicks(lo, hi, count) {
    if (lo === hi) { lo -= 1; hi += 1; }
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / count)));
    var err = (hi - lo) / count / step;
    if (err >= 7.5) step *= 10; else if (err >= 3.5) step *= 5; else if (err >= 1.5) step *= 2;
    var start = Math.floor(lo / step) * step, ticks = [];
    for (var v = start; v <= hi + step * 0.5; v += step) ticks.push(Math.round(v / step) * step);
    return ticks;
  }

  // ------------------------------------------------------------------ tooltip
  var tip;
  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "km-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }
  function attachTip(node, html, label) {
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "img");
    node.setAttribute("aria-label", label);
    node.setAttribute("data-tip", html);
    node.style.cursor = "default";
  }
  function showTip(node, evt) {
    var t = tooltip();
    t.innerHTML = node.getAttribute("data-tip");
    t.hidden = false;
    var x, y;
    if (evt && evt.clientX !== undefined && evt.type.indexOf("mouse") === 0) { x = evt.clientX; y = evt.clientY; } else {
      var b = node.getBoundingClientRect(); x = b.left + b.width / 2; y = b.top;
    }
    var w = t.offsetWidth, h = t.offsetHeight;
    t.style.left = Math.max(4, Math.min(window.innerWidth - w - 4, x + 12)) + window.scrollX + "px";
    t.style.top = Math.max(4, y - h - 12) + window.scrollY + "px";
  }
  function hideTip() { if (tip) tip.hidden = true; }
  function wireTips(root) {
    root.addEventListener("mouseover", function (e) { var n = e.target.closest("[data-tip]"); if (n) showTip(n, e); });
    root.addEventListener("mousemove", function (e) { var n = e.target.closest("[data-tip]"); if (n) showTip(n, e); });
    root.addEventListener("mouseout", function (e) { if (e.target.closest("[data-tip]")) hideTip(); });
    root.addEventListener("focusin", function (e) { var n = e.target.closest("[data-tip]"); if (n) showTip(n); });
    root.addEventListener("focusout", hideTip);
    root.addEventListener("keydown", function (e) { if (e.key === "Escape") hideTip(); });
  }

  function pointTip(ds, st, s, p, unit) {
    var diff = st.view === "verschil";
    var head = "<strong>" + esc(s.label) + "</strong>, " + p.year + "<br>";
    if (!p.found) return head + "komt niet voor in de uitkomsten";
    if (p.value === null) {
      return head + "<span class=km-sym>" + KM.labels.symbol + "</span> " +
        (p.derived ? "niet te berekenen: een van beide cijfers is " : "") + esc(reasonText(p.reason));
    }
    var body = head + (diff ? "verschil " : "") + "<strong>" + esc(fmt(p.value, st.stat, unit, diff, diff)) + "</strong>" +
      "<br>95%-interval " + esc(fmt(p.lo, st.stat, unit, diff, diff)) + " tot " + esc(fmt(p.hi, st.stat, unit, diff, diff));
    if (p.n !== null && p.n !== undefined) body += "<br>n = " + nf(0).format(p.n);
    if (diff && (p.lo > 0 || p.hi < 0)) body += "<br>significant verschil"; else if (diff) body += "<br>geen significant verschil";
    flagTexts(p.flags).forEach(function (f) { body += "<br><em>" + esc(f) + "</em>"; });
    return body;
  }
  function pointLabel(st, s, p, unit) {
    var diff = st.view === "verschil";
    if (!p.found) return s.label + " " + p.year + ": komt niet voor";
    if (p.value === null) return s.label + " " + p.year + ": geheim of onbekend, " + reasonText(p.reason);
    return s.label + " " + p.year + ": " + fmt(p.value, st.stat, unit, diff, diff) + ", 95%-interval " +
      fmt(p.lo, st.stat, unit, diff, diff) + " tot " + fmt(p.hi, st.stat, unit, diff, diff);
  }

  // ------------------------------------------------------------------ charts
  var W = 760, H = 420, M = {top: 28, right: 34, bottom: 56, left: 72};

  function yDomain(series, stat, includeZero) {
    var lo = Infinity, hi = -Infinity;
    series.forEach(function (s) {
      s.points.forEach(function (p) {
        if (p.value === null || p.value === undefined) return;
        lo = Math.min(lo, p.lo !== null && p.lo !== undefined ? p.lo : p.value, p.value);
        hi = Math.max(hi, p.hi !== null && p.hi !== undefined ? p.hi : p.value, p.value);
      });
    });
    if (!isFinite(lo)) { lo = 0; hi = 1; }
    if (includeZero) { lo = Math.min(lo, 0); hi = Math.max(hi, 0); }
    var pad = (hi - lo) * 0.05 || 0.01;
    lo = lo - (lo > 0 || !includeZero ? pad : 0); hi = hi + pad;
    if (stat === "share" && !includeZero) { lo = Math.max(0, lo); hi = Math.min(1, hi); }
    return [lo, hi];
  }

  function lineChart(ds, st, model) {
    var unit = ds.d.unit, diff = st.view === "verschil";
    var svg = el("svg", {xmlns: SVGNS, viewBox: "0 0 " + W + " " + H, width: "100%", role: "group",
                         "font-family": FONT, class: "km-chart"});
    el("rect", {x: 0, y: 0, width: W, height: H, fill: "#ffffff"}, svg);
    var years = model.years, series = model.series;
    var dom = yDomain(series, st.stat, diff);
    var ticks = niceTicks(dom[0], dom[1], 6);
    var y0 = Math.min(dom[0], ticks[0]), y1 = Math.max(dom[1], ticks[ticks.length - 1]);
    var pw = W - M.left - M.right, ph = H - M.top - M.bottom;
    var step = years.length > 1 ? pw / (years.length - 1) : 0;
    function X(y) { return M.left + (years.length > 1 ? (years.indexOf(y)) * step : pw / 2); }
    function Y(v) { return M.top + ph - (v - y0) / (y1 - y0) * ph; }
    ticks.forEach(function (t) {
      if (t < y0 - 1e-12 || t > y1 + 1e-12) return;
      el("line", {x1: M.left, x2: W - M.right, y1: Y(t), y2: Y(t), stroke: t === 0 && diff ? "#444" : "#e3e3e3"}, svg);
      text(svg, M.left - 8, Y(t) + 4, fmtShort(t, st.stat, unit, diff), {"text-anchor": "end", fill: "#555"});
    });
    years.forEach(function (y) {
      text(svg, X(y), H - M.bottom + 20, String(y), {"text-anchor": "middle", fill: "#333"});
    });
    var ylab = diff ? "verschil met referentiegroep" : (isPct(st.stat, unit) ? "%" : unit);
    text(svg, 8, M.top - 12, ylab + (diff && isPct(st.stat, unit) ? " (procentpunt)" : ""), {fill: "#555"});
    // trend breaks: a dashed line between the last year before and the first year after
    ds.d.breaks.forEach(function (b) {
      if (b.year <= years[0] || b.year > years[years.length - 1]) return;
      var x = (X(b.year) + X(years[years.indexOf(b.year) - 1] !== undefined ? years[years.indexOf(b.year) - 1] : b.year)) / 2;
      var g = el("g", {class: "km-break"}, svg);
      el("line", {x1: x, x2: x, y1: M.top, y2: M.top + ph, stroke: "#7a3e00", "stroke-dasharray": "5 4", "stroke-width": 1.5}, g);
      text(g, x + 4, M.top + 10, "trendbreuk", {fill: "#7a3e00", "font-size": 11});
      attachTip(g, "<strong>Trendbreuk " + b.year + "</strong><br>" + esc(b.label), "Trendbreuk " + b.year + ": " + b.label);
    });
    series.forEach(function (s, k) {
      var g = el("g", {class: "km-series"}, svg);
      // band and line over runs of published points
      var runs = [], run = [];
      s.points.forEach(function (p) {
        if (p.value !== null && p.value !== undefined) run.push(p); else { if (run.length) runs.push(run); run = []; }
      });
      if (run.length) runs.push(run);
      runs.forEach(function (r) {
        if (r.length > 1) {
          var top = r.map(function (p) { return X(p.year) + " " + Y(p.hi); });
          var bottom = r.slice().reverse().map(function (p) { return X(p.year) + " " + Y(p.lo); });
          el("path", {d: "M" + top.join("L") + "L" + bottom.join("L") + "Z", fill: s.colour, "fill-opacity": s.dashed ? 0.08 : 0.15,
                      stroke: "none"}, g);
          el("path", {d: "M" + r.map(function (p) { return X(p.year) + " " + Y(p.value); }).join("L"), fill: "none",
                      stroke: s.colour, "stroke-width": 2.2, "stroke-dasharray": s.dashed ? "6 4" : null}, g);
        } else {
          var p = r[0];
          el("line", {x1: X(p.year), x2: X(p.year), y1: Y(p.lo), y2: Y(p.hi), stroke: s.colour, "stroke-width": 1.5}, g);
          el("line", {x1: X(p.year) - 5, x2: X(p.year) + 5, y1: Y(p.lo), y2: Y(p.lo), stroke: s.colour, "stroke-width": 1.5}, g);
          el("line", {x1: X(p.year) - 5, x2: X(p.year) + 5, y1: Y(p.hi), y2: Y(p.hi), stroke: s.colour, "stroke-width": 1.5}, g);
        }
      });
      s.points.forEach(function (p) {
        var node;
        if (p.value !== null && p.value !== undefined) {
          node = marker(g, s.shape, X(p.year), Y(p.value), 4.5, {fill: s.dashed ? "#fff" : s.colour, stroke: s.colour, "stroke-width": 1.5});
        } else if (p.found) {
          // withheld: the CBS symbol on a hatched tag along the x axis, never a value
          var yy = M.top + ph - 10 - 13 * k;
          node = el("g", {}, g);
          el("rect", {x: X(p.year) - 9, y: yy - 6, width: 18, height: 12, fill: "#fff", stroke: s.colour, "stroke-width": 1.5,
                      "stroke-dasharray": "3 2", rx: 2}, node);
          text(node, X(p.year), yy + 2, KM.labels.symbol, {"text-anchor": "middle", "font-weight": "bold", "font-size": 16,
                                                           fill: "#000"});
        } else {
          return;
        }
        attachTip(node, pointTip(ds, st, s, p, unit), pointLabel(st, s, p, unit));
      });
    });
    el("line", {x1: M.left, x2: M.left, y1: M.top, y2: M.top + ph, stroke: "#999"}, svg);
    var any = series.some(function (s) { return s.points.some(function (p) { return p.value !== null && p.value !== undefined; }); });
    if (!any) {
      text(svg, M.left + pw / 2, M.top + ph / 2, "Alle cijfers in deze keuze zijn geheim of onbekend (" + KM.labels.symbol + ")",
           {"text-anchor": "middle", fill: "#555", "font-size": 14});
    }
    return svg;
  }

  function barChart(ds, st, model) {
    var unit = ds.d.unit, diff = st.view === "verschil";
    var year = model.years[model.years.length - 1];
    var rows = model.series.map(function (s) {
      var p = s.points.filter(function (q) { return q.year === year; })[0] || {year: year, found: false, value: null};
      return {s: s, p: p};
    });
    var barH = 26, gap = 10, left = 250;
    var height = M.top + rows.length * (barH + gap) + 40;
    var svg = el("svg", {xmlns: SVGNS, viewBox: "0 0 " + W + " " + height, width: "100%", "font-family": FONT, class: "km-chart"});
    var hatch = hatchDefs(svg, "km-hatch-bar");
    el("rect", {x: 0, y: 0, width: W, height: height, fill: "#ffffff"}, svg);
    var dom = yDomain(model.series.map(function (s) {
      return {points: s.points.filter(function (q) { return q.year === year; })};
    }), st.stat, true);
    var ticks = niceTicks(dom[0], dom[1], 5);
    var x0 = Math.min(dom[0], ticks[0]), x1 = Math.max(dom[1], ticks[ticks.length - 1]);
    var pw = W - left - M.right - 60;
    function X(v) { return left + (v - x0) / (x1 - x0) * pw; }
    ticks.forEach(function (t) {
      if (t < x0 - 1e-12 || t > x1 + 1e-12) return;
      el("line", {x1: X(t), x2: X(t), y1: M.top - 6, y2: height - 34, stroke: t === 0 ? "#444" : "#e3e3e3"}, svg);
      text(svg, X(t), height - 18, fmtShort(t, st.stat, unit, diff), {"text-anchor": "middle", fill: "#555"});
    });
    text(svg, left, 16, String(year) + (diff ? " — verschil met referentiegroep" : ""), {fill: "#555"});
    rows.forEach(function (r, i) {
      var y = M.top + i * (barH + gap), g = el("g", {}, svg), p = r.p;
      var lab = r.s.label.length > 34 ? r.s.label.slice(0, 32) + "…" : r.s.label;
      text(g, left - 8, y + barH / 2 + 4, lab, {"text-anchor": "end"});
      var node;
      if (p.value !== null && p.value !== undefined) {
        var a = X(Math.max(0, x0)), b = X(p.value);
        node = el("g", {}, g);
        el("rect", {x: Math.min(a, b), y: y, width: Math.max(1, Math.abs(b - a)), height: barH, fill: r.s.colour,
                    "fill-opacity": r.s.dashed ? 0.45 : 0.85}, node);
        el("line", {x1: X(p.lo), x2: X(p.hi), y1: y + barH / 2, y2: y + barH / 2, stroke: "#111", "stroke-width": 1.5}, node);
        el("line", {x1: X(p.lo), x2: X(p.lo), y1: y + 6, y2: y + barH - 6, stroke: "#111", "stroke-width": 1.5}, node);
        el("line", {x1: X(p.hi), x2: X(p.hi), y1: y + 6, y2: y + barH - 6, stroke: "#111", "stroke-width": 1.5}, node);
        text(node, Math.max(X(p.hi), b) + 6, y + barH / 2 + 4, fmtShort(p.value, st.stat, unit, diff), {fill: "#222"});
      } else if (p.found) {
        node = el("g", {}, g);
        el("rect", {x: X(Math.max(0, x0)), y: y, width: 40, height: barH, fill: hatch, stroke: "#888"}, node);
        text(node, X(Math.max(0, x0)) + 48, y + barH / 2 + 4, KM.labels.symbol + "  " + reasonText(p.reason).split(":")[0],
             {fill: "#333"});
      } else {
        text(g, X(Math.max(0, x0)) + 4, y + barH / 2 + 4, "komt niet voor", {fill: "#777"});
        return;
      }
      attachTip(node, pointTip(ds, st, r.s, p, unit), pointLabel(st, r.s, p, unit));
    });
    return svg;
  }

  // ------------------------------------------------------------------ table
  function tableView(ds, st, model) {
    var unit = ds.d.unit, diff = st.view === "verschil";
    var wrap = document.createElement("div");
    wrap.className = "km-table-wrap";
    var t = document.createElement("table");
    t.className = "km-table";
    var cap = document.createElement("caption");
    cap.textContent = ds.d.name + (diff ? " — verschil met referentiegroep" : "") + " (95%-interval tussen haakjes)";
    t.appendChild(cap);
    var head = "<thead><tr><th scope=col>Groep</th>" + model.years.map(function (y) {
      var br = ds.d.breaks.some(function (b) { return b.year === y && y > model.years[0]; });
      return "<th scope=col>" + y + (br ? " <abbr class=km-breakmark title='trendbreuk'>‖</abbr>" : "") + "</th>";
    }).join("") + "</tr></thead>";
    var body = "<tbody>" + model.series.map(function (s) {
      return "<tr><th scope=row>" + esc(s.label) + "</th>" + s.points.map(function (p) {
        if (!p.found) return "<td class=km-empty title='komt niet voor'></td>";
        var flags = cellFlags(p.flags).length ? " <sup class=km-flag title='" + esc(flagTexts(p.flags).join("; ")) + "'>*</sup>" : "";
        if (p.value === null) {
          return "<td class=km-withheld title='" + esc(reasonText(p.reason)) + "'><span class=km-sym>" + KM.labels.symbol +
            "</span><sup>" + reasonMark(p.reason) + "</sup>" + flags + "</td>";
        }
        return "<td>" + esc(fmt(p.value, st.stat, unit, diff, diff)).replace(" procentpunt", " pp") + flags +
          "<br><small>(" + esc(fmtShort(p.lo, st.stat, unit, diff)) + " – " + esc(fmtShort(p.hi, st.stat, unit, diff)) + ")" +
          (p.n !== null && p.n !== undefined ? "<br>n = " + nf(0).format(p.n) : "") + "</small></td>";
      }).join("") + "</tr>";
    }).join("") + "</tbody>";
    t.insertAdjacentHTML("beforeend", head + body);
    wrap.appendChild(t);
    wrap.appendChild(legend(ds, model));
    return wrap;
  }

  /** Legend of CBS symbols, reasons, flags and trend breaks that occur in the view. */
  function legend(ds, model) {
    var reasons = {}, flags = {}, derived = false;
    model.series.forEach(function (s) {
      s.points.forEach(function (p) {
        if (p.found && p.value === null) { reasons[p.reason] = true; if (p.derived) derived = true; }
        cellFlags(p.flags).forEach(function (f) { flags[f] = true; });
      });
    });
    var dl = document.createElement("dl");
    dl.className = "km-legend";
    var html = Object.keys(reasons).length ? "<dt><span class=km-sym>" + KM.labels.symbol + "</span></dt><dd>het cijfer is onbekend, " +
      "onvoldoende betrouwbaar of geheim; de letter erachter geeft de reden:</dd>" : "";
    Object.keys(KM.labels.reasons).forEach(function (r) {
      if (reasons[r]) html += "<dt><sup>" + reasonMark(r) + "</sup></dt><dd>" + esc(reasonText(r)) + "</dd>";
    });
    if (derived) html += "<dt>verschil</dt><dd>niet te berekenen als een van beide cijfers geheim is</dd>";
    html += "<dt>(leeg)</dt><dd>komt niet voor (deze combinatie is niet berekend)</dd>";
    Object.keys(flags).forEach(function (f) {
      html += "<dt><sup>*</sup></dt><dd>" + esc(KM.labels.flags[f] || f) + "</dd>";
    });
    ds.d.breaks.forEach(function (b) {
      if (b.year > model.years[0] && b.year <= model.years[model.years.length - 1]) {
        html += "<dt>‖ " + b.year + "</dt><dd>trendbreuk: " + esc(b.label) + "</dd>";
      }
    });
    dl.innerHTML = html;
    return dl;
  }

  // ------------------------------------------------------------------ map
  function regionBreakdowns(ds) {
    return Object.keys(ds.byBreakdown).filter(function (b) {
      return b.split("+").indexOf("region") >= 0 && ds.byBreakdown[b].some(function (gi) {
        return /^AM\d\d$/.test(ds.d.groups[gi].region);
      });
    });
  }
  /** Map groups: for "region" alone the total; for region crossed with another dimension
   * its codes, e.g. migration=nonwestern. Keyed by the other codes ("T" for none). */
  function mapGroups(ds) {
    var out = [];
    regionBreakdowns(ds).forEach(function (b) {
      var seen = {};
      ds.byBreakdown[b].forEach(function (gi) {
        var g = Object.assign({}, ds.d.groups[gi]);
        delete g.region;
        var key = Object.keys(g).length ? Object.keys(g).map(function (k) { return k + ":" + g[k]; }).join(",") : "T";
        if (!seen[key]) {
          seen[key] = true;
          out.push({key: key, breakdown: b, codes: g,
                    label: Object.keys(g).length ? Object.keys(g).map(function (k) { return codeLabel(k, g[k]); }).join(" · ") : "Totaal"});
        }
      });
    });
    return out;
  }
  function mapFigure(ds, st, mg, region, year) {
    var vi = variantIndex(ds, st), si = ds.d.statistics.indexOf(st.stat), mi = modelIndexes(ds, st)[0];
    var codes = Object.assign({}, mg.codes, {region: region});
    var ordered = {};
    Object.keys(KM.labels.dimensions).forEach(function (d) { if (d in codes) ordered[d] = codes[d]; });
    var gi = ds.findGroup(mg.breakdown, ds.codeKey(ordered));
    if (gi === undefined) return {found: false, value: null};
    return ds.figure(vi, si, mi, gi, year);
  }
  function mapReference(ds, mg) {
    var dims = Object.keys(mg.codes);
    if (dims.length !== 1) return null;
    var ref = KM.labels.dimensions[dims[0]].reference;
    if (!ref || ref === mg.codes[dims[0]]) return null;
    var all = mapGroups(ds);
    for (var i = 0; i < all.length; i++) if (all[i].key === dims[0] + ":" + ref) return all[i];
    return null;
  }
  var SEQ = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
  var DIV = ["#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"];
  function mapView(ds, st) {
    var wrap = document.createElement("div");
    wrap.className = "km-map-wrap";
    var groups = mapGroups(ds);
    if (!groups.length || !KM.geo) {
      wrap.innerHTML = "<p class=km-note>Voor deze indicator is er geen uitsplitsing naar arbeidsmarktregio.</p>";
      return wrap;
    }
    var mg = groups.filter(function (g) { return g.key === st.mapgroup; })[0] || groups[0];
    var ref = mapReference(ds, mg);
    var colourByGap = st.mapcolour === "verschil" && ref;
    var year = st.to, unit = ds.d.unit;
    var values = {}, list = [];
    KM.geo.amr.forEach(function (a) {
      var f = mapFigure(ds, st, mg, a.code, year);
      if (colourByGap && f.found && f.value !== null) {
        var r = mapFigure(ds, st, ref, a.code, year);
        if (!r.found) f = {found: false, value: null};
        else if (r.value === null || f.se === null || r.se === null) f = {found: true, value: null, reason: r.reason, derived: true};
        else {
          var gap = f.value - r.value, se = Math.sqrt(f.se * f.se + r.se * r.se);
          f = {found: true, value: gap, lo: gap - Z95 * se, hi: gap + Z95 * se, se: se, n: null, reason: "", flags: f.flags};
        }
      } else if (colourByGap && f.found && f.value === null) {
        f = {found: true, value: null, reason: f.reason};
      }
      values[a.code] = f;
      if (f.value !== null && f.value !== undefined) list.push(f.value);
    });
    var svg = el("svg", {xmlns: SVGNS, viewBox: "0 0 " + KM.geo.width + " " + (KM.geo.height + 10), width: "100%",
                         "font-family": FONT, class: "km-map"});
    var hatch = hatchDefs(svg, "km-hatch-map");
    var lo = Math.min.apply(null, list), hi = Math.max.apply(null, list);
    function colour(f) {
      if (colourByGap) {
        if (!(f.lo > 0 || f.hi < 0)) return "#f7f7f7";
        var m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
        var k = Math.min(2, Math.floor(Math.abs(f.value) / m * 3));
        return f.value < 0 ? DIV[2 - k] : DIV[3 + k];
      }
      if (hi === lo) return SEQ[2];
      return SEQ[Math.min(4, Math.floor((f.value - lo) / (hi - lo) * 5))];
    }
    KM.geo.amr.forEach(function (a) {
      var f = values[a.code];
      var fill = !f.found ? "#d9d9d9" : (f.value === null ? hatch : colour(f));
      var node = el("path", {d: a.d, fill: fill, stroke: "#fff", "stroke-width": 0.8, class: "km-area"}, svg);
      var head = "<strong>" + esc(a.name) + "</strong> (" + a.code + "), " + year + "<br>";
      var tipHtml, label;
      if (!f.found) { tipHtml = head + "geen gegevens"; label = a.name + ": geen gegevens"; } else if (f.value === null) {
        tipHtml = head + "<span class=km-sym>" + KM.labels.symbol + "</span> " + (f.derived ? "verschil niet te berekenen: " : "") +
          esc(reasonText(f.reason));
        label = a.name + ": geheim of onbekend, " + reasonText(f.reason);
      } else {
        var d = !!colourByGap;
        tipHtml = head + (d ? "verschil " : "") + "<strong>" + esc(fmt(f.value, st.stat, unit, d, d)) + "</strong><br>95%-interval " +
          esc(fmt(f.lo, st.stat, unit, d, d)) + " tot " + esc(fmt(f.hi, st.stat, unit, d, d)) +
          (f.n !== null && f.n !== undefined ? "<br>n = " + nf(0).format(f.n) : "") +
          (d ? "<br>" + (f.lo > 0 || f.hi < 0 ? "significant verschil" : "geen significant verschil") : "");
        label = a.name + ": " + fmt(f.value, st.stat, unit, d, d) + ", 95%-interval " + fmt(f.lo, st.stat, unit, d, d) + " tot " +
          fmt(f.hi, st.stat, unit, d, d);
      }
      attachTip(node, tipHtml, label);
    });
    KM.geo.provincie.forEach(function (p) {
      el("path", {d: p.d, fill: "none", stroke: "#555", "stroke-width": 0.6, "pointer-events": "none"}, svg);
    });
    wrap.appendChild(svg);
    // legend
    var lg = document.createElement("div");
    lg.className = "km-map-legend";
    var items = [];
    if (list.length) {
      if (colourByGap) {
        items.push("<span class=km-swatch style='background:#f7f7f7'></span> geen significant verschil");
        items.push("<span class=km-swatch style='background:" + DIV[0] + "'></span> significant lager");
        items.push("<span class=km-swatch style='background:" + DIV[5] + "'></span> significant hoger");
      } else {
        for (var i = 0; i < 5; i++) {
          var a = lo + (hi - lo) * i / 5, b = lo + (hi - lo) * (i + 1) / 5;
          items.push("<span class=km-swatch style='background:" + SEQ[i] + "'></span> " + esc(fmtShort(a, st.stat, unit, false)) +
                     " – " + esc(fmtShort(b, st.stat, unit, false)));
        }
      }
    }
    items.push("<span class='km-swatch km-hatch'></span> " + KM.labels.symbol + " geheim of onbekend");
    items.push("<span class=km-swatch style='background:#d9d9d9'></span> geen gegevens");
    lg.innerHTML = "<p><strong>" + esc(mg.label) + (colourByGap ? " t.o.v. " + esc(ref.label) : "") + ", " + year + "</strong></p>" +
      "<ul>" + items.map(function (s) { return "<li>" + s + "</li>"; }).join("") + "</ul>";
    wrap.appendChild(lg);
    // generated text alternative
    var pub = KM.geo.amr.filter(function (a) { return values[a.code].value !== null && values[a.code].value !== undefined; });
    var summary = document.createElement("p");
    summary.className = "km-note";
    if (pub.length) {
      pub.sort(function (a, b) { return values[b.code].value - values[a.code].value; });
      var top = pub[0], bottom = pub[pub.length - 1], d2 = !!colourByGap;
      summary.textContent = pub.length + " van de " + KM.geo.amr.length + " arbeidsmarktregio's hebben een gepubliceerd cijfer. " +
        "Hoogste: " + top.name + " (" + fmt(values[top.code].value, st.stat, unit, d2, d2) + "), laagste: " + bottom.name + " (" +
        fmt(values[bottom.code].value, st.stat, unit, d2, d2) + "). Let op de intervallen: verschillen tussen regio's zijn " +
        "niet altijd significant.";
    } else {
      summary.textContent = "Geen enkele regio heeft voor deze keuze een gepubliceerd cijfer.";
    }
    wrap.appendChild(summary);
    var credit = document.createElement("p");
    credit.className = "km-credit";
    credit.textContent = KM.geo.credit;
    wrap.appendChild(credit);
    return wrap;
  }

  // ------------------------------------------------------------------ downloads in the browser
  function download(name, blob) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function csvField(s) {
    s = s === null || s === undefined ? "" : String(s);
    return /[",\n;]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  /** The view as CSV: one row per group, model and year; withheld figures empty with their reason. */
  function viewCsv(ds, st, model) {
    var lines = [["indicator", "variant", "groep", "model", "jaar", "statistiek", st.view === "verschil" ? "verschil" : "waarde",
                  "ci_low", "ci_high", "se", "n", "symbool", "reden", "vlaggen"].join(",")];
    model.series.forEach(function (s) {
      s.points.forEach(function (p) {
        if (!p.found) return;
        var withheld = p.value === null;
        lines.push([ds.d.id, st.variant, s.label, modelLabel(ds, s.mi), p.year, st.stat,
                    withheld ? "" : p.value, withheld ? "" : p.lo, withheld ? "" : p.hi, withheld ? "" : p.se,
                    withheld || p.n === null || p.n === undefined ? "" : p.n, withheld ? KM.labels.symbol : "",
                    withheld ? p.reason : "", p.flags || ""].map(csvField).join(","));
      });
    });
    return lines.join("\n") + "\n";
  }
  function svgText(svg) {
    var clone = svg.cloneNode(true);
    clone.querySelectorAll("[tabindex]").forEach(function (n) { n.removeAttribute("tabindex"); n.removeAttribute("data-tip"); });
    var box = svg.viewBox.baseVal;
    clone.setAttribute("width", box.width);
    clone.setAttribute("height", box.height);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
  }
  function svgToPng(svg, name) {
    var box = svg.viewBox.baseVal, scale = 2;
    var img = new Image();
    var url = URL.createObjectURL(new Blob([svgText(svg)], {type: "image/svg+xml"}));
    img.onload = function () {
      var c = document.createElement("canvas");
      c.width = box.width * scale; c.height = box.height * scale;
      var ctx = c.getContext("2d");
      ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, c.width, c.height);
      ctx.drawImage(img, 0, 0, c.width, c.height);
      URL.revokeObjectURL(url);
      c.toBlob(function (b) { download(name, b); }, "image/png");
    };
    img.src = url;
  }

  // ------------------------------------------------------------------ the explorer
  function Explorer(root, ds, opts) {
    this.root = root;
    this.ds = ds;
    this.opts = opts || {};
    this.state = parseState(ds, this.opts.search !== undefined ? this.opts.search : location.search);
    this.fixStats();
  }
  Explorer.prototype.fixStats = function () {
    var st = this.state, ds = this.ds;
    if (st.groups === null) st.groups = selectedGroups(ds, st).map(function (gi) { return ds.codeKey(ds.d.groups[gi]); });
  };
  Explorer.prototype.set = function (changes, push) {
    Object.assign(this.state, changes);
    if ("breakdown" in changes && !("groups" in changes)) {
      this.state.groups = null; this.state.ref = null;
      this.fixStats();
    }
    if (!this.opts.static) {
      var q = stateQuery(this.state);
      if (push) history.pushState(null, "", q); else history.replaceState(null, "", q);
    }
    this.render();
  };
  Explorer.prototype.render = function () {
    var ds = this.ds, st = this.state, self = this;
    document.body.classList.toggle("km-embed", st.embed);
    if (!this.opts.static) this.renderControls();
    var model = buildSeries(ds, st);
    this.model = model;
    var tabs = this.root.querySelectorAll("[role=tab]");
    tabs.forEach(function (t) {
      var on = t.getAttribute("data-tab") === st.tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
    });
    var panel = this.root.querySelector(".km-panel");
    panel.innerHTML = "";
    panel.setAttribute("aria-labelledby", "km-tab-" + st.tab);
    var title = document.createElement("h2");
    title.className = "km-view-title";
    var variant = ds.d.variants[variantIndex(ds, st)];
    title.textContent = ds.d.name + (ds.d.variants.length > 1 ? " — " + variant.label : "") + " naar " +
      (st.tab === "kaart" ? "arbeidsmarktregio, " + st.to :
       breakdownLabel(st.breakdown).toLowerCase() + (st.view === "verschil" ? ", verschil met referentiegroep" : "") +
       ", " + (st.from === st.to ? st.from : st.from + "–" + st.to));
    panel.appendChild(title);
    if (st.tab === "grafiek") {
      if (!model.series.length) {
        panel.insertAdjacentHTML("beforeend", "<p class=km-note>Geen groepen gekozen, of geen cijfers voor deze keuze.</p>");
      } else {
        var chart = model.years.length > 1 ? lineChart(ds, st, model) : barChart(ds, st, model);
        chart.setAttribute("aria-label", title.textContent + ". Elke waarde heeft haar 95%-interval; de tabel geeft alle cijfers.");
        panel.appendChild(chart);
        panel.appendChild(seriesLegend(model, model.years.length > 1));
        panel.appendChild(legend(ds, model));
      }
    } else if (st.tab === "tabel") {
      panel.appendChild(tableView(ds, st, model));
    } else {
      panel.appendChild(mapView(ds, st));
    }
    if (st.embed) {
      var link = document.createElement("p");
      link.className = "km-credit";
      var full = stateQuery(Object.assign({}, st, {embed: false}));
      link.innerHTML = "Bron: Monitor gelijke kansen (CBS-microdata). <a target=_blank href='" + esc(location.pathname + full) +
        "'>Open in de verkenner</a>";
      panel.appendChild(link);
    }
    wireTips(panel);
  };
  function seriesLegend(model, line) {
    var ul = document.createElement("ul");
    ul.className = "km-series-legend";
    ul.innerHTML = model.series.map(function (s) {
      var sw = el("svg", {width: 30, height: 14, "aria-hidden": "true"});
      el("line", {x1: 0, x2: 30, y1: 7, y2: 7, stroke: s.colour, "stroke-width": 2.5, "stroke-dasharray": s.dashed ? "6 4" : null}, sw);
      marker(sw, s.shape, 15, 7, 4.5, {fill: s.dashed ? "#fff" : s.colour, stroke: s.colour, "stroke-width": 1.5});
      return "<li>" + sw.outerHTML + esc(s.label) + "</li>";
    }).join("") + "<li class=km-muted>" + (line ? "band" : "streepjes") + " = 95%-interval</li>";
    return ul;
  }

  Explorer.prototype.renderControls = function () {
    var ds = this.ds, st = this.state, self = this, d = ds.d;
    var box = this.root.querySelector(".km-controls");
    if (!box) return;
    var focusId = document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : null;
    var search = box.querySelector("#km-search") ? box.querySelector("#km-search").value : "";
    var html = "";
    if (d.variants.length > 1) {
      html += "<label class=km-field>Variant<select id=km-variant>" + d.variants.map(function (v) {
        return "<option value='" + esc(v.code) + "'" + (v.code === st.variant ? " selected" : "") + ">" + esc(v.label) + "</option>";
      }).join("") + "</select></label>";
    }
    var bds = d.breakdowns.map(function (b) { return b.join("+"); }).filter(Boolean);
    html += "<label class=km-field>Uitsplitsing<select id=km-breakdown>" + bds.map(function (b) {
      return "<option value='" + b + "'" + (b === st.breakdown ? " selected" : "") + ">" + esc(breakdownLabel(b)) + "</option>";
    }).join("") + "</select></label>";
    if (d.statistics.length > 1) {
      html += "<label class=km-field>Statistiek<select id=km-stat>" + d.statistics.map(function (s) {
        return "<option value='" + s + "'" + (s === st.stat ? " selected" : "") + ">" + esc(KM.labels.statistics[s] || s) + "</option>";
      }).join("") + "</select></label>";
    }
    var adjusted = d.models.filter(function (m) { return m.adjusted; });
    if (adjusted.length) {
      var opts = [["ongecorrigeerd", "ongecorrigeerd"]].concat(adjusted.map(function (m) {
        return [m.method, KM.labels.methods[m.method] || m.method];
      })).concat([["beide", "beide naast elkaar"]]);
      html += "<fieldset class=km-field><legend>Correctie voor achtergrondkenmerken</legend>" + opts.map(function (o) {
        return "<label><input type=radio name=km-model value='" + esc(o[0]) + "'" + (st.model === o[0] ? " checked" : "") + "> " +
          esc(o[1]) + "</label>";
      }).join("") + "</fieldset>";
    }
    var cmp = comparisonDim(st.breakdown);
    if (cmp) {
      var refCode = referenceCode(ds, st);
      html += "<fieldset class=km-field><legend>Weergave</legend>" +
        "<label><input type=radio name=km-view value=niveau" + (st.view === "niveau" ? " checked" : "") + "> niveaus</label>" +
        "<label><input type=radio name=km-view value=verschil" + (st.view === "verschil" ? " checked" : "") +
        "> verschil met referentiegroep</label>" +
        "<label>referentiegroep <select id=km-ref>" + KM.labels.dimensions[cmp].codes.filter(function (c) {
          return c[0] !== "T";
        }).map(function (c) {
          return "<option value='" + esc(c[0]) + "'" + (c[0] === refCode ? " selected" : "") + ">" + esc(c[1]) + "</option>";
        }).join("") + "</select></label></fieldset>";
    }
    // years: two sliders (from, to)
    var ymin = d.years[0], ymax = d.years[d.years.length - 1];
    html += "<fieldset class='km-field km-years'><legend>Jaren <output id=km-years-out>" + st.from + (st.to !== st.from ? "–" + st.to : "") +
      "</output></legend>" +
      "<label>van <input type=range id=km-from min=" + ymin + " max=" + ymax + " step=1 value=" + st.from + " aria-valuetext='" + st.from + "'></label>" +
      "<label>tot <input type=range id=km-to min=" + ymin + " max=" + ymax + " step=1 value=" + st.to + " aria-valuetext='" + st.to + "'></label>" +
      "</fieldset>";
    // groups: searchable selector
    var avail = groupsFor(ds, st, st.breakdown);
    var total = ds.findGroup("", "T");
    if (total !== undefined && avail.indexOf(total) < 0) avail = [total].concat(avail);
    html += "<fieldset class='km-field km-groups'><legend>Groepen (" + st.groups.length + " gekozen)</legend>" +
      "<input type=search id=km-search placeholder='zoek een groep' aria-label='Zoek een groep' value='" + esc(search) + "'>" +
      "<div class=km-group-buttons><button type=button id=km-none>geen</button> <button type=button id=km-all>alle</button></div>" +
      "<ul class=km-group-list id=km-group-list>" + avail.map(function (gi) {
        var key = ds.codeKey(d.groups[gi]), lab = ds.label(gi);
        var hidden = search && lab.toLowerCase().indexOf(search.toLowerCase()) < 0;
        return "<li" + (hidden ? " hidden" : "") + "><label><input type=checkbox value='" + esc(key) + "'" +
          (st.groups.indexOf(key) >= 0 ? " checked" : "") + "> " + esc(lab) + "</label></li>";
      }).join("") + "</ul></fieldset>";
    // map options
    var mgs = mapGroups(ds);
    if (st.tab === "kaart" && mgs.length) {
      var mg = mgs.filter(function (g) { return g.key === st.mapgroup; })[0] || mgs[0];
      html += "<fieldset class=km-field><legend>Kaart (" + st.to + ")</legend><label>groep <select id=km-mapgroup>" +
        mgs.map(function (g) {
          return "<option value='" + esc(g.key) + "'" + (g.key === mg.key ? " selected" : "") + ">" + esc(g.label) + "</option>";
        }).join("") + "</select></label>";
      if (mapReference(ds, mg)) {
        html += "<label><input type=radio name=km-mapcolour value=waarde" + (st.mapcolour === "waarde" ? " checked" : "") +
          "> kleur naar cijfer</label><label><input type=radio name=km-mapcolour value=verschil" +
          (st.mapcolour === "verschil" ? " checked" : "") + "> kleur naar verschil met referentiegroep</label>";
      }
      html += "</fieldset>";
    }
    box.innerHTML = html;
    if (focusId && document.getElementById(focusId)) {
      var f = document.getElementById(focusId);
      f.focus();
      if (f.id === "km-search") f.setSelectionRange(f.value.length, f.value.length);
    }
  };

  Explorer.prototype.wire = function () {
    var self = this, root = this.root;
    var box = root.querySelector(".km-controls");
    box.addEventListener("change", function (e) {
      var t = e.target, st = self.state;
      if (t.id === "km-variant") self.set({variant: t.value}, true);
      else if (t.id === "km-breakdown") self.set({breakdown: t.value, view: "niveau"}, true);
      else if (t.id === "km-stat") self.set({stat: t.value}, true);
      else if (t.name === "km-model") self.set({model: t.value}, true);
      else if (t.name === "km-view") self.set({view: t.value}, true);
      else if (t.id === "km-ref") self.set({ref: t.value}, true);
      else if (t.id === "km-mapgroup") self.set({mapgroup: t.value}, true);
      else if (t.name === "km-mapcolour") self.set({mapcolour: t.value}, true);
      else if (t.type === "checkbox") {
        var groups = st.groups.slice(), i = groups.indexOf(t.value);
        if (t.checked && i < 0) groups.push(t.value);
        if (!t.checked && i >= 0) groups.splice(i, 1);
        self.set({groups: groups}, true);
      } else if (t.id === "km-from" || t.id === "km-to") self.yearsFrom(t, true);
    });
    box.addEventListener("input", function (e) {
      var t = e.target;
      if (t.id === "km-search") {
        var q = t.value.toLowerCase();
        box.querySelectorAll("#km-group-list li").forEach(function (li) {
          li.hidden = q && li.textContent.toLowerCase().indexOf(q) < 0;
        });
      } else if (t.id === "km-from" || t.id === "km-to") self.yearsFrom(t, false);
    });
    box.addEventListener("click", function (e) {
      if (e.target.id === "km-none") self.set({groups: []}, true);
      if (e.target.id === "km-all") {
        var visible = [];
        box.querySelectorAll("#km-group-list li:not([hidden]) input").forEach(function (i) { visible.push(i.value); });
        self.set({groups: visible}, true);
      }
    });
    var tablist = root.querySelector("[role=tablist]");
    tablist.addEventListener("click", function (e) {
      var t = e.target.closest("[role=tab]");
      if (t) self.set({tab: t.getAttribute("data-tab")}, true);
    });
    tablist.addEventListener("keydown", function (e) {
      var order = ["grafiek", "kaart", "tabel"], i = order.indexOf(self.state.tab);
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        var next = order[(i + (e.key === "ArrowRight" ? 1 : 2)) % 3];
        self.set({tab: next}, true);
        root.querySelector("[data-tab=" + next + "]").focus();
        e.preventDefault();
      }
    });
    window.addEventListener("popstate", function () {
      self.state = parseState(self.ds, location.search);
      self.fixStats();
      self.render();
    });
    var dl = root.querySelector(".km-downloads");
    if (dl) {
      dl.addEventListener("click", function (e) {
        var what = e.target.getAttribute("data-download");
        if (!what) return;
        var base = self.ds.d.id + "_" + self.state.breakdown.replace(/\+/g, "-") + "_" + self.state.from + "-" + self.state.to;
        var svg = root.querySelector(".km-panel svg.km-chart, .km-panel svg.km-map");
        if (what === "csv") download(base + ".csv", new Blob([viewCsv(self.ds, self.state, self.model)], {type: "text/csv"}));
        else if (what === "svg" && svg) download(base + ".svg", new Blob([svgText(svg)], {type: "image/svg+xml"}));
        else if (what === "png" && svg) svgToPng(svg, base + ".png");
        else if (what === "link" || what === "embed") {
          var url = location.href.split("?")[0] + stateQuery(Object.assign({}, self.state, {embed: what === "embed"}));
          var out = root.querySelector("#km-share");
          out.hidden = false;
          out.value = what === "embed" ? "<iframe src=\"" + url + "\" width=\"800\" height=\"600\" title=\"" +
            self.ds.d.name.replace(/"/g, "") + "\" style=\"border:0\"></iframe>" : url;
          out.select();
        }
      });
    }
  };
  Explorer.prototype.yearsFrom = function (input, push) {
    var from = Number(this.root.querySelector("#km-from").value), to = Number(this.root.querySelector("#km-to").value);
    if (from > to) { if (input.id === "km-from") to = from; else from = to; }
    this.set({from: from, to: to}, push);
  };

  /** Start the explorer on a page: <div id=km-explorer data-indicator=A04>. */
  KM.startExplorer = function () {
    var root = document.getElementById("km-explorer");
    if (!root) return;
    var id = root.getAttribute("data-indicator");
    if (!KM.data || !KM.data[id]) {
      root.querySelector(".km-panel").textContent = "De gegevens van deze indicator ontbreken.";
      return;
    }
    var ex = new Explorer(root, new Dataset(KM.data[id]));
    ex.wire();
    ex.render();
    KM.explorer = ex;
  };

  /** A fixed view (no controls) into an element: figures in the web publication. */
  KM.renderFigure = function (node) {
    var id = node.getAttribute("data-indicator");
    if (!KM.data || !KM.data[id]) return;
    var ds = new Dataset(KM.data[id]);
    var search = node.getAttribute("data-state") || "";
    var st = parseState(ds, search);
    if (st.groups === null) st.groups = selectedGroups(ds, st).map(function (gi) { return ds.codeKey(ds.d.groups[gi]); });
    var model = buildSeries(ds, st);
    var panel = node.querySelector(".km-figure-chart");
    panel.innerHTML = "";
    var chart = st.tab === "kaart" ? mapView(ds, st) :
      (model.years.length > 1 ? lineChart(ds, st, model) : barChart(ds, st, model));
    if (st.tab !== "kaart") chart.setAttribute("aria-label", node.getAttribute("data-title") || ds.d.name);
    panel.appendChild(chart);
    if (st.tab !== "kaart") panel.appendChild(seriesLegend(model, model.years.length > 1));
    wireTips(panel);
  };

  // exposed for tests and the publication pages
  KM._internal = {Dataset: Dataset, parseState: parseState, stateQuery: stateQuery, buildSeries: buildSeries,
                  fmt: fmt, viewCsv: viewCsv};

  document.addEventListener("DOMContentLoaded", function () {
    KM.startExplorer();
    document.querySelectorAll(".km-figure[data-indicator]").forEach(KM.renderFigure);
  });
})();
