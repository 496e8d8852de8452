// The network explorer of actor-graph: SVG drawing, pan and zoom, filters, details.
// Every text from the data is written with textContent: nothing is parsed as markup.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("explorer-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var NO_BLOC = "(no bloc)";
  var NOT_GIVEN = "(not given)";
  var TIE_COLOR = "#8C8C8C", NEGATIVE_COLOR = "#B2182B", CLAIM_COLOR = "#6A51A3";
  var LABEL_MAX = 150;  // nodes labelled at most (the largest first); others on hover
  var PX = 1.15;        // screen pixels per point of the figure's marker sizes
  var GLOSS = {
    degree: "ties to distinct others",
    weighted_degree: "ties counted with their weights",
    betweenness: "share of shortest paths between others that pass through it",
    betweenness_weighted: "betweenness with tie weights as closeness",
    closeness: "how near it is, on average, to everyone it can reach",
    harmonic: "closeness that also counts unreachable nodes (as 0)",
    eigenvector: "tied to nodes that are themselves well tied",
    pagerank: "eigenvector-like centrality with random jumps",
    constraint: "how much its ties are tied among themselves (low: a broker)",
    effective_size: "its ties that are not tied to each other",
    articulation_point: "removing it cuts the network apart",
    fragmentation: "share of pairs cut apart if it were removed",
    bloc_pair_betweenness: "share of shortest paths between blocs through it"
  };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function sv(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  function label(id) { return DATA.labels[id] || String(id); }
  function fmt(v) {
    if (v === null || v === undefined) return "–";
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (typeof v === "number") {
      if (Number.isInteger(v)) return String(v);
      return Math.abs(v) >= 1000 ? v.toFixed(0) : String(Number(v.toPrecision(3)));
    }
    return String(v);
  }
  function blocOf(n) { return n.bloc === null ? NO_BLOC : n.bloc; }
  function relOf(t) { return t.r === null ? NOT_GIVEN : t.r; }

  // ---- marker shapes of the figure (matplotlib codes), all with the circle's area ----
  var POLY = { "^": [3, 1, -90], "v": [3, 1, 90], "s": [4, 1, 45], "D": [4, 1, 0],
               "*": [5, 0.381966, -90], "p": [5, 1, -90], "h": [6, 1, -90],
               "H": [6, 1, 0], "8": [8, 1, -90] };
  function shape(marker, r, color) {
    var spec = POLY[marker];
    if (!spec) return sv("circle", { r: r, fill: color, "class": "shape" });
    var n = spec[0], inner = spec[1], rot = spec[2] * Math.PI / 180, pts = [];
    var k = inner < 1 ? 2 * n : n;
    for (var i = 0; i < k; i++) {
      var a = rot + i * 2 * Math.PI / k, rad = (inner < 1 && i % 2) ? inner : 1;
      pts.push([rad * Math.cos(a), rad * Math.sin(a)]);
    }
    var area = 0;
    for (var j = 0; j < pts.length; j++) {
      var p = pts[j], q = pts[(j + 1) % pts.length];
      area += p[0] * q[1] - q[0] * p[1];
    }
    var s = Math.sqrt(Math.PI * r * r / (Math.abs(area) / 2));
    var d = pts.map(function (p, i) {
      return (i ? "L" : "M") + (p[0] * s).toFixed(2) + "," + (p[1] * s).toFixed(2);
    }).join("") + "Z";
    return sv("path", { d: d, fill: color, "class": "shape" });
  }

  // ---- state ----
  var svg = $("svg"), stage = $("stage"), tip = $("tip"), panel = $("panel");
  var layers = {};
  var view = null, nodes = [], edges = [];
  var T = { k: 1, tx: 0, ty: 0 };
  var filters = { rel: null, bloc: null, par: null };
  var selected = null;
  var measureCanvas = document.createElement("canvas").getContext("2d");
  measureCanvas.font = "12px system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
  // a label's box above and below its baseline, as the browser draws the font
  var probe = measureCanvas.measureText("Hg");
  var ASCENT = probe.fontBoundingBoxAscent || 11, DESCENT = probe.fontBoundingBoxDescent || 3;

  function defs() {
    var d = sv("defs", {});
    [["arrow", TIE_COLOR], ["arrow-neg", NEGATIVE_COLOR], ["arrow-claim", CLAIM_COLOR]]
      .forEach(function (m) {
        var mk = sv("marker", { id: m[0], viewBox: "0 0 10 10", refX: "9", refY: "5",
          markerWidth: "9", markerHeight: "9", markerUnits: "userSpaceOnUse",
          orient: "auto-start-reverse" });
        mk.appendChild(sv("path", { d: "M0,0L10,5L0,10Z", fill: m[1] }));
        d.appendChild(mk);
      });
    return d;
  }

  function build() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.appendChild(defs());
    ["edges", "nodes", "labels"].forEach(function (name) {
      layers[name] = sv("g", { id: name });
      svg.appendChild(layers[name]);
    });
    var wmax = 0, wmin = Infinity;
    view.edges.forEach(function (e) { wmax = Math.max(wmax, e.w); wmin = Math.min(wmin, e.w); });
    nodes = view.nodes.map(function (n) {
      var g = sv("g", { "class": "node", "data-id": n.id });
      var r = Math.max(2.5, n.size / 2 * PX);
      g.appendChild(shape(n.marker, r, n.color));
      if (n.focus) g.appendChild(sv("circle", { "class": "ring", r: r + 4 }));
      var title = sv("title", {});
      title.textContent = n.label;
      g.appendChild(title);
      layers.nodes.appendChild(g);
      var t = sv("text", { "class": "label" + (n.focus ? " focus" : "") });
      t.textContent = n.label;
      layers.labels.appendChild(t);
      var w = measureCanvas.measureText(n.label).width * (n.focus ? 1.08 : 1);
      var item = { d: n, g: g, text: t, r: r + (n.focus ? 4 : 0), w: w, visible: true,
                   sx: 0, sy: 0, ox: 0, oy: 0, shown: false, box: [0, 0, 0, 0] };
      g.addEventListener("click", function (ev) { ev.stopPropagation(); showNode(item); });
      return item;
    });
    edges = view.edges.map(function (e, i) {
      var neg = e.sign === -1, claim = e.claim;
      var color = claim ? CLAIM_COLOR : neg ? NEGATIVE_COLOR : TIE_COLOR;
      var width = wmax === wmin ? 1.5 : 0.7 + 3.3 * e.w / wmax;
      var hit = sv("line", { "class": "hit", "data-edge": String(i),
        "data-u": view.nodes[e.u].id, "data-v": view.nodes[e.v].id });
      var line = sv("line", { "class": "tie", stroke: color, "stroke-width": width.toFixed(2) });
      if (neg) line.setAttribute("stroke-dasharray", "6 3");
      if (claim) line.setAttribute("stroke-dasharray", "1.5 3");
      var marker = "url(#" + (claim ? "arrow-claim" : neg ? "arrow-neg" : "arrow") + ")";
      if (e.arrow & 1) line.setAttribute("marker-end", marker);
      if (e.arrow & 2) line.setAttribute("marker-start", marker);
      layers.edges.appendChild(hit);
      layers.edges.appendChild(line);
      var item = { d: e, hit: hit, line: line, a: nodes[e.u], b: nodes[e.v], visible: true };
      hit.addEventListener("mousemove", function (ev) { showTip(item, ev); });
      hit.addEventListener("mouseleave", hideTip);
      hit.addEventListener("click", function (ev) { ev.stopPropagation(); showEdge(item); });
      return item;
    });
  }

  // ---- geometry ----
  // Fit the drawing, labels included, into the stage: the scale leaves room on each side for
  // the labels that stick out, found by placing them and measuring; what still does not fit
  // after a few rounds is hidden (its name stays on hover).
  var EDGE_GAP = 6, BUTTONS = 44;  // px kept free at the stage's edges; the zoom buttons' column
  function fit() {
    var vis = nodes.filter(function (n) { return n.visible; });
    if (!vis.length) vis = nodes;
    var W = stage.clientWidth, H = stage.clientHeight;
    if (!vis.length || !W || !H) return;
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, rmax = 0;
    vis.forEach(function (n) {
      x0 = Math.min(x0, n.d.x); x1 = Math.max(x1, n.d.x);
      y0 = Math.min(y0, n.d.y); y1 = Math.max(y1, n.d.y);
      rmax = Math.max(rmax, n.r);
    });
    var pad = [BUTTONS, EDGE_GAP + rmax, EDGE_GAP + rmax, EDGE_GAP + rmax];  // left right top bottom
    for (var round = 0; round < 8; round++) {
      var w = Math.max(W - pad[0] - pad[1], 20), h = Math.max(H - pad[2] - pad[3], 20);
      var k = Math.min(w / Math.max(x1 - x0, 1e-9), h / Math.max(y1 - y0, 1e-9));
      if (!isFinite(k) || k <= 0) k = 1;
      if (x1 - x0 < 1e-9 && y1 - y0 < 1e-9) k = 1;
      T.k = k;
      T.tx = pad[0] + w / 2 - k * (x0 + x1) / 2;
      T.ty = pad[2] + h / 2 + k * (y0 + y1) / 2;
      render(true);
      var b = contentBox();
      var over = [EDGE_GAP - b[0], b[2] - (W - EDGE_GAP), EDGE_GAP - b[1], b[3] - (H - EDGE_GAP)];
      if (over.every(function (o) { return o <= 0.5; })) return;
      for (var i = 0; i < 4; i++) if (over[i] > 0.5) pad[i] += over[i] + 1;
    }
    hideOutside(W, H);
  }
  function contentBox() {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    nodes.forEach(function (n) {
      if (!n.visible) return;
      b = [Math.min(b[0], n.sx - n.r), Math.min(b[1], n.sy - n.r),
           Math.max(b[2], n.sx + n.r), Math.max(b[3], n.sy + n.r)];
      if (n.shown) b = [Math.min(b[0], n.box[0]), Math.min(b[1], n.box[1]),
                        Math.max(b[2], n.box[2]), Math.max(b[3], n.box[3])];
    });
    return b;
  }
  function hideOutside(W, H) {
    nodes.forEach(function (n) {
      if (n.shown && (n.box[0] < 0 || n.box[1] < 0 || n.box[2] > W || n.box[3] > H)) {
        n.shown = false;
        n.text.classList.add("hidden");
      }
    });
  }
  function project(n) { n.sx = n.d.x * T.k + T.tx; n.sy = -n.d.y * T.k + T.ty; }

  function render(relabel) {
    nodes.forEach(function (n) {
      project(n);
      n.g.setAttribute("transform", "translate(" + n.sx.toFixed(1) + "," + n.sy.toFixed(1) + ")");
    });
    edges.forEach(function (e) {
      if (!e.visible) return;
      var dx = e.b.sx - e.a.sx, dy = e.b.sy - e.a.sy, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var ux = dx / len, uy = dy / len;
      var ra = (e.d.arrow & 2 ? e.a.r + 2 : 0), rb = (e.d.arrow & 1 ? e.b.r + 2 : 0);
      if (ra + rb >= len) { ra = 0; rb = 0; }
      var c = [e.a.sx + ux * ra, e.a.sy + uy * ra, e.b.sx - ux * rb, e.b.sy - uy * rb];
      [e.hit, e.line].forEach(function (l) {
        l.setAttribute("x1", c[0].toFixed(1)); l.setAttribute("y1", c[1].toFixed(1));
        l.setAttribute("x2", c[2].toFixed(1)); l.setAttribute("y2", c[3].toFixed(1));
      });
    });
    if (relabel) placeLabels();
    nodes.forEach(function (n) {
      if (!n.shown) return;
      n.text.setAttribute("x", (n.sx + n.ox).toFixed(1));
      n.text.setAttribute("y", (n.sy + n.oy).toFixed(1));
    });
  }

  // Greedy label placement: 8 spots around each node, most important node first; the
  // spot that overlaps placed labels, other nodes and ties the least.
  function overlap(a, b) {
    var w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
    var h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    return w > 0 && h > 0 ? w * h : 0;
  }
  function crosses(box, e) {
    var x1 = e.a.sx, y1 = e.a.sy, x2 = e.b.sx, y2 = e.b.sy;
    if (Math.max(x1, x2) < box[0] || Math.min(x1, x2) > box[2] ||
        Math.max(y1, y2) < box[1] || Math.min(y1, y2) > box[3]) return false;
    var s = [[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]].map(
      function (p) { return (x2 - x1) * (p[1] - y1) - (y2 - y1) * (p[0] - x1); });
    return !(s.every(function (v) { return v > 0; }) || s.every(function (v) { return v < 0; }));
  }
  function placeLabels() {
    var H = 12, W = stage.clientWidth, Hh = stage.clientHeight;
    var vis = nodes.filter(function (n) { return n.visible; });
    var order = vis.slice().sort(function (a, b) {
      return (b.d.focus - a.d.focus) || (b.d.size - a.d.size);
    });
    nodes.forEach(function (n) { n.shown = false; n.text.classList.add("hidden"); });
    var placed = [], visEdges = edges.filter(function (e) { return e.visible; });
    order.slice(0, LABEL_MAX).forEach(function (n) {
      var g = n.r + 3, w = n.w, best = null;
      var spots = [[g, H * 0.35], [-g - w, H * 0.35], [-w / 2, -g - 2], [-w / 2, g + H * 0.8],
                   [g * 0.75, -g * 0.75], [-g * 0.75 - w, -g * 0.75],
                   [g * 0.75, g * 0.75 + H * 0.6], [-g * 0.75 - w, g * 0.75 + H * 0.6]];
      spots.forEach(function (s, i) {
        var box = [n.sx + s[0], n.sy + s[1] - ASCENT, n.sx + s[0] + w, n.sy + s[1] + DESCENT];
        var cost = i * 0.5;
        placed.forEach(function (b) { cost += 4 * overlap(box, b); });
        vis.forEach(function (m) {
          if (m !== n) cost += 2 * overlap(box, [m.sx - m.r, m.sy - m.r, m.sx + m.r, m.sy + m.r]);
        });
        visEdges.forEach(function (e) { if (e.a !== n && e.b !== n && crosses(box, e)) cost += 30; });
        if (box[0] < 0 || box[2] > W || box[1] < 0 || box[3] > Hh) cost += 200;
        var clash = placed.some(function (b) { return overlap(box, b) > 0; }) ||
          vis.some(function (m) {
            return m !== n && overlap(box, [m.sx - m.r, m.sy - m.r, m.sx + m.r, m.sy + m.r]) > 4;
          });
        if (!best || cost < best.cost) best = { cost: cost, s: s, box: box, clash: clash };
      });
      if (best.clash && !n.d.focus) return;  // no room: the name shows on hover, or zoomed in
      placed.push(best.box);
      n.ox = best.s[0]; n.oy = best.s[1]; n.shown = true; n.box = best.box;
      n.text.classList.remove("hidden");
    });
  }

  // ---- pan and zoom ----
  function zoomAt(f, mx, my) {
    T.tx = mx - (mx - T.tx) * f;
    T.ty = my - (my - T.ty) * f;
    T.k *= f;
    render(false);
    scheduleLabels();
  }
  var labelTimer = null;
  function scheduleLabels() {
    if (labelTimer) clearTimeout(labelTimer);
    labelTimer = setTimeout(function () { labelTimer = null; render(true); }, 120);
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect();
    zoomAt(Math.exp(-ev.deltaY * 0.0015), ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.target !== svg) return;
    drag = { x: ev.clientX, y: ev.clientY, tx: T.tx, ty: T.ty, moved: false };
    svg.setPointerCapture(ev.pointerId);
    svg.classList.add("panning");
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
    T.tx = drag.tx + dx; T.ty = drag.ty + dy;
    render(false);
  });
  function endDrag(ev) {
    if (!drag) return;
    var moved = drag.moved;
    drag = null;
    svg.classList.remove("panning");
    if (svg.hasPointerCapture(ev.pointerId)) svg.releasePointerCapture(ev.pointerId);
    if (moved) scheduleLabels(); else closePanel();
  }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  function zoomButton(text, title, action) {
    var b = el("button", null, text);
    b.type = "button";
    b.title = title;
    b.addEventListener("click", action);
    $("zoom").appendChild(b);
  }
  zoomButton("+", "zoom in", function () { zoomAt(1.3, stage.clientWidth / 2, stage.clientHeight / 2); });
  zoomButton("−", "zoom out", function () { zoomAt(1 / 1.3, stage.clientWidth / 2, stage.clientHeight / 2); });
  zoomButton("⤢", "fit the drawing", fit);

  // ---- filters ----
  function tiePasses(id) {
    var t = DATA.ties[String(id)];
    if (!t) return true;
    if (!filters.rel.has(relOf(t))) return false;
    return t.p === null || filters.par.has(t.p);
  }
  function applyFilters() {
    nodes.forEach(function (n) {
      n.visible = filters.bloc.has(blocOf(n.d));
      n.g.classList.toggle("hidden", !n.visible);
    });
    edges.forEach(function (e) {
      var ok = e.a.visible && e.b.visible &&
        (!e.d.ties.length || e.d.ties.some(tiePasses));
      e.visible = ok;
      e.hit.classList.toggle("hidden", !ok);
      e.line.classList.toggle("hidden", !ok);
    });
    var nv = nodes.filter(function (n) { return n.visible; }).length;
    var ev = edges.filter(function (e) { return e.visible; }).length;
    $("summary").textContent = view.graph + " · " + nv + " of " + nodes.length +
      " nodes · " + ev + " of " + edges.length + " drawn ties" +
      (view.ties !== edges.length ? " (" + view.ties + " in the data)" : "");
    if (selected && selected.kind === "edge") showEdge(selected.item);
    render(true);
  }

  function section(title, allNone) {
    var s = el("section"), h = el("h2", null, title);
    if (allNone) {
      var span = el("span");
      [["all", true], ["none", false]].forEach(function (p) {
        var b = el("button", "link", p[0]);
        b.type = "button";
        b.addEventListener("click", function () { allNone(p[1]); });
        span.appendChild(b);
      });
      h.appendChild(span);
    }
    s.appendChild(h);
    $("side").appendChild(s);
    return s;
  }
  function checklist(sec, items, set, chips) {
    var box = el("div", chips ? "chips" : null), inputs = [];
    items.forEach(function (it) {
      var lab = el("label", chips ? "on" : "opt"), cb = el("input");
      cb.type = "checkbox";
      cb.checked = true;
      lab.appendChild(cb);
      if (it.color) {
        var sw = el("span", "swatch");
        sw.style.background = it.color;
        lab.appendChild(sw);
      }
      lab.appendChild(el("span", null, it.text));
      if (it.count !== undefined) lab.appendChild(el("span", "count", it.count));
      cb.addEventListener("change", function () {
        if (cb.checked) set.add(it.key); else set.delete(it.key);
        if (chips) lab.classList.toggle("on", cb.checked);
        applyFilters();
      });
      inputs.push([cb, lab, it.key]);
      box.appendChild(lab);
    });
    sec.appendChild(box);
    return function (on) {
      inputs.forEach(function (p) {
        p[0].checked = on;
        if (chips) p[1].classList.toggle("on", on);
        if (on) set.add(p[2]); else set.delete(p[2]);
      });
      applyFilters();
    };
  }

  function buildSide() {
    var side = $("side");
    while (side.firstChild) side.removeChild(side.firstChild);
    var s = section("View");
    var sel = el("select");
    sel.id = "view";
    DATA.views.forEach(function (v, i) {
      var o = el("option", null, v.name + " (" + v.nodes.length + " nodes)");
      o.value = String(i);
      if (v === view) o.selected = true;
      sel.appendChild(o);
    });
    sel.addEventListener("change", function () { setView(DATA.views[Number(sel.value)]); });
    s.appendChild(sel);
    s.appendChild(el("p", "hint", "Drag to pan, scroll to zoom. Click a node for its " +
      "measures, a tie for its quotes."));

    var blocs = {};
    view.nodes.forEach(function (n) {
      var b = blocOf(n);
      if (!blocs[b]) blocs[b] = { key: b, text: b, color: n.color, count: 0 };
      blocs[b].count += 1;
    });
    filters.bloc = new Set(Object.keys(blocs));
    var bl = Object.keys(blocs).sort().map(function (k) { return blocs[k]; });
    var setB = null, sb = section("Blocs", function (on) { setB(on); });
    setB = checklist(sb, bl, filters.bloc, false);

    var rels = {}, pars = {}, counted = {};
    view.edges.forEach(function (e) {
      e.ties.forEach(function (id) {
        var t = DATA.ties[String(id)];
        if (!t || counted[id]) return;
        counted[id] = true;  // a tie behind several drawn ties counts once
        rels[relOf(t)] = (rels[relOf(t)] || 0) + 1;
        if (t.p !== null) pars[t.p] = (pars[t.p] || 0) + 1;
      });
    });
    filters.rel = new Set(Object.keys(rels));
    filters.par = new Set(Object.keys(pars).map(Number));
    var rl = Object.keys(rels).sort().map(function (k) {
      return { key: k, text: k.replace(/_/g, " ") + (k === DATA.claim ? " (the text's claim)" : ""),
               count: rels[k] };
    });
    if (rl.length) {
      var setR = null, sr = section("Relations", function (on) { setR(on); });
      setR = checklist(sr, rl, filters.rel, false);
    }
    var pl = Object.keys(pars).map(Number).sort(function (a, b) { return a - b; }).map(
      function (p) { return { key: p, text: "¶" + p }; });
    if (pl.length) {
      var setP = null, sp = section("Paragraphs", function (on) { setP(on); });
      setP = checklist(sp, pl, filters.par, true);
    }
    legend();
  }

  function keyRow(parent, icon, text) {
    var row = el("div", "key");
    var s = sv("svg", { width: 30, height: 16, viewBox: "-15 -8 30 16" });
    s.appendChild(icon);
    row.appendChild(s);
    row.appendChild(el("span", null, text));
    parent.appendChild(row);
  }
  function legend() {
    var s = section("Key");
    var types = {};
    view.nodes.forEach(function (n) { types[n.type === null ? "node" : n.type] = n.marker; });
    Object.keys(types).sort().forEach(function (t) { keyRow(s, shape(types[t], 5.5, "#E0E0E0"), t); });
    var line = function (color, dash, arrow) {
      var l = sv("line", { x1: -13, y1: 0, x2: 11, y2: 0, stroke: color, "stroke-width": 1.8 });
      if (dash) l.setAttribute("stroke-dasharray", dash);
      if (arrow) l.setAttribute("marker-end", "url(#" + arrow + ")");
      return l;
    };
    keyRow(s, line(TIE_COLOR, null, null), "tie (width: weight)");
    if (view.edges.some(function (e) { return e.sign === -1; }))
      keyRow(s, line(NEGATIVE_COLOR, "6 3", null), "conflictual tie");
    if (view.edges.some(function (e) { return e.claim; }))
      keyRow(s, line(CLAIM_COLOR, "1.5 3", null), "only the text's own claim (" + DATA.claim + ")");
    if (view.edges.some(function (e) { return e.arrow; }))
      keyRow(s, line(TIE_COLOR, null, "arrow"), "directed tie");
    if (view.nodes.some(function (n) { return n.focus; }))
      keyRow(s, sv("circle", { r: 6, fill: "none", stroke: "#000", "stroke-width": 2 }), "focus");
    s.appendChild(el("p", "hint", view.measures.indexOf("betweenness") >= 0 ?
      "Node area: betweenness, as in the figure." : "Node area: as in the figure."));
  }

  // ---- tooltip and details ----
  function pairTitle(e) { return e.a.d.label + " — " + e.b.d.label; }
  function showTip(item, ev) {
    if (selected && selected.item === item) { hideTip(); return; }  // its panel is open
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    var n = item.d.ties.length;
    tip.appendChild(el("p", null, pairTitle(item) +
      (n ? " · " + n + (n === 1 ? " coded tie" : " coded ties") : "")));
    var shown = 0, seen = {};
    item.d.ties.forEach(function (id) {
      var t = DATA.ties[String(id)];
      if (!t || !t.q || shown >= 2 || seen[t.q]) return;
      seen[t.q] = true;
      shown += 1;
      var q = t.q.length > 180 ? t.q.slice(0, 177) + "…" : t.q;
      tip.appendChild(el("p", "quote", (t.p !== null ? "¶" + t.p + " " : "") + "“" + q + "”"));
    });
    if (n > shown && shown) tip.appendChild(el("p", "hint", "click for every quote"));
    var r = stage.getBoundingClientRect();
    tip.hidden = false;
    var x = ev.clientX - r.left + 14, y = ev.clientY - r.top + 14;
    if (x + tip.offsetWidth > r.width) x = Math.max(0, x - tip.offsetWidth - 28);
    if (y + tip.offsetHeight > r.height) y = Math.max(0, y - tip.offsetHeight - 28);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; }

  function openPanel() {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var close = el("button", "close", "×");
    close.type = "button";
    close.title = "close";
    close.addEventListener("click", closePanel);
    panel.appendChild(close);
    panel.hidden = false;
  }
  function clearSelection() {
    nodes.forEach(function (n) { n.g.classList.remove("selected"); });
    edges.forEach(function (e) { e.line.classList.remove("selected"); });
  }
  function closePanel() { panel.hidden = true; selected = null; clearSelection(); }
  // Pan, keeping the zoom, so that a box (stage pixels: a node with its label, or a point)
  // is in the part of the stage the panel leaves free.
  function reveal(b) {
    var W = stage.clientWidth, H = stage.clientHeight;
    var right = W - (panel.hidden ? 0 : panel.offsetWidth) - EDGE_GAP;
    var left = BUTTONS, top = EDGE_GAP, bottom = H - EDGE_GAP;
    var dx = 0, dy = 0;
    if (b[2] > right || b[0] < left) dx = (left + right) / 2 - (b[0] + b[2]) / 2;
    if (b[1] < top || b[3] > bottom) dy = (top + bottom) / 2 - (b[1] + b[3]) / 2;
    if (!dx && !dy) return;
    T.tx += dx; T.ty += dy;
    render(true);
  }

  function showNode(item) {
    selected = { kind: "node", item: item };
    hideTip();
    clearSelection();
    item.g.classList.add("selected");
    openPanel();
    var n = item.d;
    panel.appendChild(el("h2", null, n.label));
    panel.appendChild(el("p", "meta", [n.type, n.bloc === null ? NO_BLOC : "bloc: " + n.bloc,
      "id: " + n.id].filter(function (x) { return x; }).join(" · ")));
    var degree = edges.filter(function (e) { return e.a === item || e.b === item; }).length;
    panel.appendChild(el("p", "meta", plural(degree, "drawn tie") + " in the " + view.graph));
    var own = [], tested = [];
    view.measures.forEach(function (m, i) {
      (m.slice(-DATA.tested.length) === DATA.tested ? tested : own).push([m, i]);
    });
    measureTable("Measures in the " + view.graph, own, n);
    if (tested.length) {
      var h = DATA.headline;
      var name = h && h.view === view.name ? h.tested : view.graph + " as tested";
      var has = tested.some(function (p) { return n.m[p[1]] !== null; });
      measureTable("In the " + name + (has ? "" : ": not in it"), has ? tested : [], n);
      panel.appendChild(el("p", "hint", "The " + name + " is the graph the claim test ran on: " +
        "the " + view.graph + " without the text's own claim ties, conflictual ties and places."));
    }
    var b = [item.sx - item.r, item.sy - item.r, item.sx + item.r, item.sy + item.r];
    if (item.shown) b = [Math.min(b[0], item.box[0]), Math.min(b[1], item.box[1]),
                         Math.max(b[2], item.box[2]), Math.max(b[3], item.box[3])];
    reveal(b);
  }
  function measureTable(title, rows, n) {
    panel.appendChild(el("h3", null, title));
    if (!rows.length) return;
    var table = el("table");
    rows.forEach(function (p) {
      var m = p[0], base = m.slice(-DATA.tested.length) === DATA.tested ?
        m.slice(0, -DATA.tested.length) : m;
      var tr = el("tr"), td = el("td", null, base.replace(/_/g, " "));
      if (GLOSS[base]) td.appendChild(el("small", null, GLOSS[base]));
      tr.appendChild(td);
      tr.appendChild(el("td", "v", fmt(n.m[p[1]])));
      table.appendChild(tr);
    });
    panel.appendChild(table);
  }

  function tieLine(t) {
    var parts = [];
    if (t.p !== null) parts.push("¶" + t.p);
    if (t.r !== null) parts.push(t.r.replace(/_/g, " "));
    if (t.s !== null && t.t !== null) parts.push(label(t.s) + (t.dir ? " → " : " — ") + label(t.t));
    if (t.d) parts.push(t.d);
    if (t.st === "inferred") parts.push("inferred by the coder");
    return parts.join(" · ");
  }
  function plural(k, word) { return k + " " + word + (k === 1 ? "" : "s"); }
  function edgeWords(e) {
    var out = [], n = e.ties.length;
    var sign = e.sign === -1 ? "conflictual" : e.sign === 1 ? "cooperative" : "neutral";
    if (view.folded) {
      var events = e.groups.filter(function (g) { return g[0] !== null; }).length;
      var direct = e.groups.length - events;
      var how = [];
      if (direct) how.push("stated between the two");
      if (events) how.push("through " + (events === 1 ? "1 event or platform" :
        events + " events or platforms") + " both took part in");
      out.push(plural(n, "coded tie") + " behind this line, " + how.join(" and ") + " (below).");
      out.push("Weight " + fmt(e.w) + ", the line's width: each tie stated between the two " +
        "counts its weight, each event both took part in counts once.");
    } else {
      out.push(plural(n, "coded tie") + " between the two (below); the line's width is " +
        "their summed weight, " + fmt(e.w) + ".");
    }
    var parts = "";
    if (e.pos !== undefined && e.pos !== null && (e.pos || e.neg))
      parts = " (cooperative weight " + fmt(e.pos) + ", conflictual weight " + fmt(e.neg) + ")";
    out.push("Drawn as " + sign + parts + ".");
    return out;
  }
  function showEdge(item) {
    selected = { kind: "edge", item: item };
    hideTip();
    clearSelection();
    item.line.classList.add("selected");
    openPanel();
    var e = item.d;
    panel.appendChild(el("h2", null, pairTitle(item)));
    edgeWords(e).forEach(function (t) { panel.appendChild(el("p", "meta", t)); });
    if (!e.ties.length) panel.appendChild(el("p", "hint", "No quotes recorded for this tie."));
    e.groups.forEach(function (g) {
      var via = g[0], ids = g[1];
      var head = via === null ? (view.directed ? "Coded ties" : "Stated directly")
        : "Both tied to " + label(via);
      panel.appendChild(el("h3", null, head));
      ids.forEach(function (id) {
        var t = DATA.ties[String(id)];
        if (!t) return;
        var div = el("div", "tie" + (tiePasses(id) ? "" : " filtered"));
        div.appendChild(el("p", "meta", tieLine(t) + (tiePasses(id) ? "" : " (hidden by filters)")));
        if (t.q) div.appendChild(el("blockquote", null, t.q));
        panel.appendChild(div);
      });
    });
    var mx = (item.a.sx + item.b.sx) / 2, my = (item.a.sy + item.b.sy) / 2;
    reveal([mx - 4, my - 4, mx + 4, my + 4]);
  }

  function setView(v) {
    view = v;
    closePanel();
    hideTip();
    build();
    buildSide();
    nodes.forEach(function (n) { n.visible = true; });
    applyFilters();
    fit();
  }

  function headline() {
    var h = DATA.headline, box = $("claim");
    if (!h) return;
    box.appendChild(el("h2", null, h.title));
    if (h.statement) {  // the claim in the text's words, on one line (all of it on hover)
      var q = el("p", "statement", "The claim: “" + h.statement + "”");
      q.title = h.statement;
      box.appendChild(q);
    }
    box.appendChild(el("p", null, h.decided));
    if (h.numbers) box.appendChild(el("p", "numbers", h.numbers));
    if (h.report) {
      var a = el("a", null, "Read the report: " + h.report);
      a.href = h.report;
      box.appendChild(a);
    }
    box.hidden = false;
  }

  window.addEventListener("resize", function () { fit(); });
  headline();
  var first = DATA.views.filter(function (v) {
    return DATA.headline && v.name === DATA.headline.view;
  })[0];
  setView(first || DATA.views[0]);
  document.documentElement.setAttribute("data-ready", "true");
})();
