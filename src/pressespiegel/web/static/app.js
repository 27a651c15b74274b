// pressespiegel: draws sparklines and the story timeline from data attributes. No innerHTML:
// every text goes through textContent, so nothing from the data can become markup.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const DAY = 86400000;

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (parent) parent.appendChild(node);
    return node;
  }

  function parse(node, attr) {
    try { const v = JSON.parse(node.getAttribute(attr) || "[]"); return Array.isArray(v) ? v : []; }
    catch (e) { return []; }
  }

  function time(day) { const t = Date.parse(String(day).slice(0, 10) + "T00:00:00Z"); return isNaN(t) ? null : t; }

  function sparkline(svg) {
    const series = parse(svg, "data-series").filter((p) => Array.isArray(p) && time(p[0]) !== null);
    const w = 120, h = 28, pad = 3;
    if (!series.length) return;
    const max = Math.max(1, ...series.map((p) => Number(p[1]) || 0));
    const n = series.length;
    const x = (i) => (n === 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (n - 1));
    const y = (v) => h - pad - ((Number(v) || 0) * (h - 2 * pad)) / max;
    const pts = series.map((p, i) => x(i).toFixed(1) + "," + y(p[1]).toFixed(1));
    if (n > 1) {
      el("polygon", { class: "area", points: [x(0).toFixed(1) + "," + (h - pad), ...pts, x(n - 1).toFixed(1) + "," + (h - pad)].join(" ") }, svg);
      el("polyline", { class: "line", points: pts.join(" ") }, svg);
    }
    series.forEach((p, i) => {
      if ((Number(p[1]) || 0) > 0) {
        const dot = el("circle", { class: "dot", cx: x(i), cy: y(p[1]), r: 2 }, svg);
        el("title", {}, dot).textContent = p[0] + ": " + p[1];
      }
    });
    const label = series[0][0] + (n > 1 ? " – " + series[n - 1][0] : "");
    el("title", {}, svg).textContent = (svg.getAttribute("aria-label") || "") + ", " + label;
  }

  // The story's own period fills the axis; events before it (data "bg") sit in a narrow strip
  // at the left, after a break mark, so five years of background do not squeeze the story's
  // weeks to the right edge.
  function timeline(svg) {
    const events = parse(svg, "data-events").filter((e) => e && time(e.x) !== null);
    if (!events.length) return;
    const lang = document.documentElement.lang || "de";
    const w = Math.max(300, Math.round(svg.getBoundingClientRect().width) || 800);
    const h = 120, right = 24, axisY = 90;
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    const earlier = events.filter((e) => e.bg);
    const focus = events.filter((e) => !e.bg);
    const strip = earlier.length ? Math.min(160, Math.round(w * 0.18)) : 0;
    const left = 24 + strip;
    const ts = (focus.length ? focus : events).map((e) => time(e.x));
    let lo = Math.min(...ts), hi = Math.max(...ts);
    if (hi - lo < 7 * DAY) { const pad = (7 * DAY - (hi - lo)) / 2; lo -= pad; hi += pad; }
    const margin = (hi - lo) * 0.03;
    lo -= margin; hi += margin;
    const span = hi - lo;
    const x = (t) => left + ((t - lo) * (w - left - right)) / span;
    el("line", { class: "axis", x1: left, x2: w - right, y1: axisY, y2: axisY }, svg);
    const days = span <= 70 * DAY;
    const years = span > 2 * 365 * DAY;
    const first = new Date(lo), last = new Date(hi);
    const ticks = [];
    if (days) {
      const step = Math.max(1, Math.ceil(span / DAY / 10));
      const start = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate() + 1);
      for (let t = start; t <= hi; t += step * DAY) {
        ticks.push([t, new Date(t).toLocaleDateString(lang, { day: "2-digit", month: "2-digit", timeZone: "UTC" })]);
      }
    } else if (years) {
      const stepYears = Math.max(1, Math.ceil((last.getUTCFullYear() - first.getUTCFullYear()) / 8));
      for (let y = first.getUTCFullYear(); y <= last.getUTCFullYear() + 1; y += stepYears) ticks.push([Date.UTC(y, 0, 1), String(y)]);
    } else {
      const months = (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth() + 1;
      const step = Math.max(1, Math.ceil(months / 8));
      for (let m = 0; m <= months; m += step) {
        const d = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1);
        ticks.push([d, new Date(d).toLocaleDateString(lang, { month: "short", year: "numeric", timeZone: "UTC" })]);
      }
    }
    ticks.filter(([t]) => t >= lo && t <= hi).forEach(([t, label]) => {
      el("line", { class: "axis", x1: x(t), x2: x(t), y1: axisY, y2: axisY + 4 }, svg);
      el("text", { class: "tick", x: x(t), y: axisY + 17, "text-anchor": "middle" }, svg).textContent = label;
    });
    const maxN = Math.max(1, ...events.map((e) => Number(e.n) || 1));
    const sources = svg.getAttribute("data-sources") || "";
    function dot(e, cx, lanes) {
      let lane = 0;
      while (lanes[lane] !== undefined && cx - lanes[lane] < 14) lane += 1;
      lanes[lane] = cx;
      const cy = axisY - 14 - (lane % 4) * 18;
      el("line", { class: "stem", x1: cx, x2: cx, y1: cy, y2: axisY }, svg);
      const r = 4 + (3 * (Number(e.n) || 1)) / maxN;
      const link = el("a", { href: "#" + String(e.anchor || "") }, svg);
      el("title", {}, link).textContent = String(e.label) + ": " + String(e.text) + " (" + String(e.n) + " " + sources + ")";
      el("circle", { class: "event" + (e.bg ? " earlier" : ""), cx: cx, cy: cy, r: r }, link);
    }
    const lanes = [];
    if (strip) {  // background: evenly spaced in time order, labelled with their date
      const x0 = 24, x1 = 24 + strip - 28;
      el("line", { class: "axis earlier", x1: x0, x2: x1, y1: axisY, y2: axisY }, svg);
      el("text", { class: "tick break", x: x1 + 14, y: axisY + 4, "text-anchor": "middle" }, svg).textContent = "//";
      el("text", { class: "tick", x: (x0 + x1) / 2, y: axisY + 17, "text-anchor": "middle" }, svg).textContent = svg.getAttribute("data-earlier") || "";
      const sorted = earlier.slice().sort((a, b) => time(a.x) - time(b.x));
      sorted.forEach((e, i) => dot(e, sorted.length === 1 ? (x0 + x1) / 2 : x0 + 6 + (i * (x1 - x0 - 12)) / (sorted.length - 1), lanes));
    }
    focus.forEach((e) => dot(e, x(time(e.x)), lanes));
  }

  function init() {
    document.querySelectorAll("svg.spark[data-series]").forEach(sparkline);
    document.querySelectorAll("svg.timeline-chart[data-events]").forEach(timeline);
    const form = document.querySelector("form.ingest");
    if (form) {
      form.addEventListener("submit", () => {
        const note = document.getElementById("ingest-progress");
        const button = document.getElementById("ingest-submit");
        if (note) note.hidden = false;
        if (button) { button.disabled = true; button.textContent = "Läuft …"; }
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
