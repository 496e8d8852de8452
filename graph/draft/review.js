// The draft's review page: proposed ties, accepted or rejected by a click, saved as CSV.
// Written for this page; reads its data from #review-data and writes text only.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const rows = data.rows;
  const choice = rows.map(function (r) {
    const v = (r.review || "").trim().toLowerCase();
    return v === "accept" || v === "reject" ? v : "";
  });
  const NS = "http://www.w3.org/2000/svg";
  const colors = { state: "#1971c2", leader: "#e8590c", person: "#f08c00", organization: "#2f9e44",
    platform: "#9c36b5", event: "#c2255c", region: "#868e96" };
  const svg = document.getElementById("svg");
  const list = document.getElementById("list");
  const tip = document.getElementById("tip");
  const byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  const lines = [];
  const cards = [];

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(tag, attrs) {
    const e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function label(id) { return byId[id] ? byId[id].label : id; }

  function draw() {
    const w = svg.clientWidth || 800, h = svg.clientHeight || 600, pad = 40, right = 150;
    const xs = data.nodes.map(function (n) { return n.x; });
    const ys = data.nodes.map(function (n) { return n.y; });
    const x0 = Math.min.apply(null, xs.concat([0])), x1 = Math.max.apply(null, xs.concat([0]));
    const y0 = Math.min.apply(null, ys.concat([0])), y1 = Math.max.apply(null, ys.concat([0]));
    function px(n) { return pad + (n.x - x0) / ((x1 - x0) || 1) * (w - pad - right); }
    function py(n) { return pad + (n.y - y0) / ((y1 - y0) || 1) * (h - 2 * pad); }
    rows.forEach(function (r, i) {
      const a = byId[r.source], b = byId[r.target];
      if (!a || !b) return;
      const line = svgEl("line", { x1: px(a), y1: py(a), x2: px(b), y2: py(b) });
      line.classList.add("tie");
      if (r.sign === "-1") line.classList.add("conflict");
      line.dataset.row = String(i);
      line.addEventListener("mousemove", function (ev) {
        tip.hidden = false;
        tip.textContent = label(r.source) + " " + r.relation + " " + label(r.target) + ": \u201c" +
          r.evidence + "\u201d (paragraph " + r.paragraph + ")";
        tip.style.left = (ev.offsetX + 12) + "px";
        tip.style.top = (ev.offsetY + 12) + "px";
      });
      line.addEventListener("mouseleave", function () { tip.hidden = true; });
      line.addEventListener("click", function () { focusRow(i); });
      svg.appendChild(line);
      lines[i] = line;
    });
    data.nodes.forEach(function (n) {
      const c = svgEl("circle", { cx: px(n), cy: py(n), r: 7, fill: colors[n.type] || "#495057" });
      c.classList.add("node");
      const t = svgEl("title", {});
      t.textContent = n.label + " (" + n.type + ")";
      c.appendChild(t);
      svg.appendChild(c);
      const text = svgEl("text", { x: px(n) + 9, y: py(n) + 4 });
      text.classList.add("label");
      text.textContent = n.label;
      svg.appendChild(text);
    });
  }

  function focusRow(i) {
    cards.forEach(function (c, j) { if (c) c.classList.toggle("focus", j === i); });
    lines.forEach(function (l, j) { if (l) l.classList.toggle("focus", j === i); });
    if (cards[i]) cards[i].scrollIntoView({ block: "nearest" });
  }

  function set(i, value) {
    choice[i] = choice[i] === value ? "" : value;
    update(i);
    summary();
  }

  function update(i) {
    ["accept", "reject"].forEach(function (k) {
      if (cards[i]) cards[i].classList.toggle(k, choice[i] === k);
      if (lines[i]) lines[i].classList.toggle(k, choice[i] === k);
    });
  }

  function buildList() {
    let para = null;
    rows.forEach(function (r, i) {
      if (r.paragraph !== para) {
        para = r.paragraph;
        list.appendChild(el("div", "para", "Paragraph " + para));
      }
      const card = el("div", "row");
      card.dataset.row = String(i);
      card.appendChild(el("div", "tie", label(r.source) + " \u2192 " + r.relation + " \u2192 " +
        label(r.target)));
      card.appendChild(el("div", "quote", "\u201c" + r.evidence + "\u201d"));
      card.appendChild(el("div", "meta", "score " + r.score + " \u00b7 " + r.why + " \u00b7 " +
        r.stated + " \u00b7 sign " + r.sign));
      const yes = el("button", "accept", "Accept");
      yes.type = "button";
      yes.addEventListener("click", function () { set(i, "accept"); });
      const no = el("button", "reject", "Reject");
      no.type = "button";
      no.addEventListener("click", function () { set(i, "reject"); });
      card.appendChild(yes);
      card.appendChild(no);
      card.addEventListener("mouseenter", function () { focusRow(i); });
      list.appendChild(card);
      cards[i] = card;
      update(i);
    });
  }

  function summary() {
    const n = { accept: 0, reject: 0, "": 0 };
    choice.forEach(function (c) { n[c] += 1; });
    document.getElementById("summary").textContent = rows.length + " proposed ties: " +
      n.accept + " accepted, " + n.reject + " rejected, " + n[""] + " not reviewed.";
  }

  function cell(v) {
    v = v === undefined || v === null ? "" : String(v);
    return /[",\n\r]/.test(v) ? "\"" + v.replace(/"/g, "\"\"") + "\"" : v;
  }
  function csv(columns, picked) {
    const out = [columns.join(",")];
    picked.forEach(function (r) {
      out.push(columns.map(function (c) { return cell(r[c]); }).join(","));
    });
    return out.join("\n") + "\n";
  }
  function edgesCSV() {
    return csv(data.edge_columns, rows.filter(function (r, i) { return choice[i] === "accept"; }));
  }
  function proposalsCSV() {
    return csv(data.proposal_columns, rows.map(function (r, i) {
      const copy = Object.assign({}, r);
      copy.review = choice[i];
      return copy;
    }));
  }
  function download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  document.getElementById("download-edges").addEventListener("click", function () {
    download("edges.csv", edgesCSV());
  });
  document.getElementById("download-proposals").addEventListener("click", function () {
    download("proposed_edges.csv", proposalsCSV());
  });
  document.getElementById("accept-all-rules").addEventListener("click", function () {
    rows.forEach(function (r, i) {
      if (parseFloat(r.score) >= 0.5 && choice[i] === "") { choice[i] = "accept"; update(i); }
    });
    summary();
  });
  window.reviewCSV = edgesCSV;
  window.reviewProposalsCSV = proposalsCSV;
  buildList();
  draw();
  summary();
  document.documentElement.setAttribute("data-ready", "true");
})();
