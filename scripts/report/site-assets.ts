// The status site's stylesheet and page script, shipped as files of the site.
// The script is plain ES5-style JavaScript (no build step): it reads each
// chart's JSON from its page and draws it with Chart.js, in the colours of the
// current light or dark scheme, and draws again when the scheme changes.

/** The stylesheet: light and dark through prefers-color-scheme, one column on a phone. */
export const SITE_CSS = `:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --card: #f6f8fa; --link: #0550ae; --grid: rgba(31, 35, 40, 0.12);
  --ok: #1a7f37; --warning: #9a6700; --error: #cf222e; --neutral: #59636e;
  --s1: #0072b2; --s2: #d55e00; --s3: #009e73; --s4: #cc79a7; --s5: #56b4e9; --s6: #8a6d00;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --card: #151b23; --link: #4493f8; --grid: rgba(230, 237, 243, 0.14);
    --ok: #3fb950; --warning: #d29922; --error: #f85149; --neutral: #9198a1;
    --s1: #56b4e9; --s2: #ff8c42; --s3: #3fd0a0; --s4: #e39ccb; --s5: #8ecbff; --s6: #e3c04b;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.45; font-size: 16px; }
a { color: var(--link); }
a:focus-visible, summary:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; }
header { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: baseline; padding: 12px 16px; border-bottom: 1px solid var(--line); }
header .brand { margin: 0; font-weight: 700; }
header .brand a { color: var(--fg); text-decoration: none; }
nav a { margin-right: 16px; }
nav a[aria-current="page"] { font-weight: 700; text-decoration: none; color: var(--fg); }
main { padding: 8px 16px 24px; max-width: 1200px; margin: 0 auto; }
footer { padding: 12px 16px; color: var(--muted); font-size: 14px; border-top: 1px solid var(--line); }
h1 { font-size: 1.6rem; margin: 12px 0 8px; }
h2 { font-size: 1.25rem; margin: 24px 0 8px; }
h3 { font-size: 1.05rem; margin: 0; }
.lede { font-size: 1.05rem; }
.hint, .when, .detail, figcaption p, .crumbs { color: var(--muted); font-size: 0.9rem; }
figcaption p { margin: 2px 0 8px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; border: 1px solid currentColor; font-weight: 600; font-size: 0.9rem; white-space: nowrap; }
.badge.ok { color: var(--ok); }
.badge.warning { color: var(--warning); }
.badge.error { color: var(--error); }
.badge.neutral { color: var(--neutral); }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { position: sticky; top: 0; background: var(--bg); }
tr[data-tone="error"] > th:first-child { border-left: 4px solid var(--error); }
tr[data-tone="warning"] > th:first-child { border-left: 4px solid var(--warning); }
.attention { padding-left: 20px; }
.attention li { margin: 4px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 8px; margin: 8px 0 0; }
.cards > div { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.cards dt { color: var(--muted); font-size: 0.85rem; }
.cards dd { margin: 2px 0 0; }
.cards dd, .detail { overflow-wrap: anywhere; }
.chart { margin: 16px 0 24px; padding: 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--card); }
.canvas-box { position: relative; width: 100%; }
.behind { margin-top: 8px; }
.behind summary { cursor: pointer; color: var(--link); }
.behind .table-wrap { max-height: 420px; overflow: auto; }
.note { border-left: 4px solid var(--warning); padding: 4px 12px; background: var(--card); }
.empty { color: var(--muted); font-style: italic; }
@media (max-width: 640px) {
  body { font-size: 15px; }
  main { padding: 4px 10px 16px; }
  th, td { padding: 5px 6px; }
  .chart { padding: 8px; }
}
`;

/** The page script: draws every `canvas[data-chart]` from its JSON with Chart.js. */
export const SITE_SCRIPT = `(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  var charts = [];

  function palette() {
    var css = getComputedStyle(document.documentElement);
    function v(name) { return css.getPropertyValue(name).trim(); }
    return {
      ok: v("--ok"), warning: v("--warning"), error: v("--error"), neutral: v("--neutral"),
      text: v("--fg"), muted: v("--muted"), grid: v("--grid"),
      series: [v("--s1"), v("--s2"), v("--s3"), v("--s4"), v("--s5"), v("--s6")]
    };
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function utc(ms, withDate) {
    var d = new Date(ms);
    return (withDate ? pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " : "") + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
  }
  function secs(s) { return s < 120 ? s.toFixed(1) + " s" : (s / 60).toFixed(1) + " min"; }
  function alpha(color, a) {
    var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
    if (!m) return color;
    return "rgba(" + parseInt(m[1], 16) + "," + parseInt(m[2], 16) + "," + parseInt(m[3], 16) + "," + a + ")";
  }
  function colorOf(s, p) { return s.tone ? p[s.tone] : p.series[(s.color || 0) % p.series.length]; }

  var bands = {
    id: "adopsBands",
    beforeDatasetsDraw: function (chart, args, opts) {
      if (!opts || !opts.bands || !opts.bands.length) return;
      var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
      ctx.save();
      opts.bands.forEach(function (b) {
        var x0 = Math.max(area.left, x.getPixelForValue(b.from));
        var x1 = Math.min(area.right, x.getPixelForValue(b.to === null ? x.max : b.to));
        if (x1 < area.left || x0 > area.right) return;
        if (x1 - x0 < 2) x1 = x0 + 2;
        ctx.fillStyle = alpha(opts.colors[b.tone] || opts.colors.warning, 0.16);
        ctx.fillRect(x0, area.top, x1 - x0, area.bottom - area.top);
        ctx.fillStyle = opts.text;
        ctx.font = "11px system-ui, sans-serif";
        var label = b.label + (b.to === null ? " (open)" : "");
        var width = ctx.measureText(label).width;
        // Near the right edge the label ends at the band's end instead of starting at its start.
        if (x0 + 3 + width > area.right) { ctx.textAlign = "right"; ctx.fillText(label, x1 - 3, area.top + 12); ctx.textAlign = "left"; }
        else ctx.fillText(label, x0 + 3, area.top + 12);
      });
      ctx.restore();
    }
  };

  var labels = {
    id: "adopsLabels",
    afterDatasetsDraw: function (chart, args, opts) {
      if (!opts || !opts.on) return;
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = "11px system-ui, sans-serif";
      ctx.fillStyle = opts.text;
      ctx.textBaseline = "middle";
      chart.data.datasets.forEach(function (ds, i) {
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden) return;
        if (opts.kind === "timeline" && (ds.adopsTone === "ok" || meta.data.length > 40)) return;
        meta.data.forEach(function (el, j) {
          var raw = ds.data[j];
          var text = ds.label;
          if (opts.kind === "gantt" && raw && raw.x) text += " · " + secs(raw.x[1] - raw.x[0]);
          if (opts.kind === "bars" && raw && typeof raw.x === "number") text += " · " + secs(raw.x);
          ctx.fillText(text, el.x + (opts.kind === "timeline" ? 8 : 4), el.y);
        });
      });
      ctx.restore();
    }
  };

  function ticks(spec) {
    var wide = spec.max !== undefined && spec.min !== undefined && spec.max - spec.min > 86400000;
    return function (value) {
      if (spec.xType === "time") return wide && value % 86400000 === 0 ? new Date(value).toISOString().slice(5, 10) : utc(value, wide);
      if (spec.xType === "seconds") return secs(value);
      if (spec.xType === "percent") return value + "%";
      return value;
    };
  }

  function config(spec, p) {
    var horizontal = spec.kind === "bars" || spec.kind === "gantt";
    var datasets = spec.series.map(function (s) {
      var color = colorOf(s, p);
      var ds = {
        label: s.label, adopsTone: s.tone, borderColor: color, backgroundColor: horizontal ? alpha(color, 0.75) : color,
        pointStyle: s.shape || "circle", borderWidth: horizontal ? 1 : 2
      };
      if (spec.kind === "timeline") {
        ds.data = s.points.map(function (pt) { return { x: pt[0], y: pt[1] }; });
        ds.pointRadius = 5; ds.pointHoverRadius = 7; ds.showLine = false;
      } else if (horizontal) {
        ds.data = s.points.map(function (pt) { return pt.length === 3 ? { x: [pt[0], Math.max(pt[1], pt[0] + 0.01)], y: pt[2] } : { x: pt[0], y: pt[1] }; });
        ds.grouped = !spec.labels; ds.barPercentage = 0.8; ds.categoryPercentage = 0.85;
      } else {
        ds.data = s.points.map(function (pt) { return { x: pt[0], y: pt[1] }; });
        ds.pointRadius = s.dash ? 0 : spec.points ? 3 : (ds.data.length > 200 ? 1 : 2.5);
        ds.showLine = !spec.points || !!s.dash;
        ds.borderDash = s.dash ? [6, 4] : undefined;
        ds.spanGaps = false; ds.tension = 0;
      }
      return ds;
    });
    var x = { type: "linear", title: { display: true, text: spec.x }, ticks: { callback: ticks(spec), maxRotation: 0, autoSkipPadding: 12 }, grid: { color: p.grid } };
    if (spec.min !== undefined) x.min = spec.min;
    if (spec.max !== undefined) x.max = spec.max;
    if (spec.xType === "percent") { x.min = 0; x.max = 100; }
    if (spec.xType === "seconds") x.min = 0;
    // Room for the labels drawn after the bars' ends.
    if (horizontal && spec.labels) x.grace = "22%";
    if (spec.xType === "time") x.afterBuildTicks = function (scale) {
      var range = scale.max - scale.min, hour = 3600000;
      var step = range > 2 * 24 * hour ? 24 * hour : range > 12 * hour ? 3 * hour : hour;
      var out = [];
      for (var t = Math.ceil(scale.min / step) * step; t <= scale.max; t += step) out.push({ value: t });
      scale.ticks = out;
    };
    var y = spec.categories ? { type: "category", labels: spec.categories, offset: true, title: { display: true, text: spec.y }, grid: { color: p.grid } }
      : { type: "linear", beginAtZero: true, title: { display: true, text: spec.y }, grid: { color: p.grid } };
    return {
      type: spec.kind === "timeline" ? "scatter" : horizontal ? "bar" : "line",
      data: { datasets: datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: true, normalized: true,
        indexAxis: horizontal ? "y" : "x",
        interaction: { mode: "nearest", intersect: horizontal },
        scales: { x: x, y: y },
        plugins: {
          legend: { labels: { usePointStyle: true, color: p.text } },
          tooltip: {
            callbacks: {
              label: function (item) {
                var raw = item.raw || {};
                var at = Array.isArray(raw.x) ? secs(raw.x[0]) + " to " + secs(raw.x[1]) : ticks(spec)(raw.x);
                return item.dataset.label + ": " + at + (typeof raw.y === "string" ? " · " + raw.y : typeof raw.y === "number" ? " · " + raw.y : "");
              }
            }
          },
          adopsBands: { bands: spec.bands || [], colors: p, text: p.text },
          adopsLabels: { on: !!spec.labels, kind: spec.kind, text: p.text }
        }
      },
      plugins: [bands, labels]
    };
  }

  function drawAll() {
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    var p = palette();
    Chart.defaults.color = p.text;
    Chart.defaults.borderColor = p.grid;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    var canvases = document.querySelectorAll("canvas[data-chart]");
    for (var i = 0; i < canvases.length; i++) {
      var canvas = canvases[i];
      var box = canvas.parentElement;
      // Heights come as data (no inline style attribute: the pages' CSP allows none).
      if (box && box.getAttribute("data-height")) box.style.height = box.getAttribute("data-height") + "px";
      var source = document.getElementById(canvas.getAttribute("data-chart"));
      if (!source) continue;
      var chart = new Chart(canvas, config(JSON.parse(source.textContent), p));
      charts.push(chart);
      var fig = canvas.closest("figure");
      if (fig) fig.setAttribute("data-drawn-series", String(chart.data.datasets.length));
    }
    document.documentElement.setAttribute("data-charts-drawn", String(charts.length));
  }

  drawAll();
  var scheme = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  if (scheme && scheme.addEventListener) scheme.addEventListener("change", drawAll);
})();
`;
