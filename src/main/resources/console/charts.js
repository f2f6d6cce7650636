// Line charts of a sink's last 15 minutes, drawn as SVG from GET /api/sinks/{name}/history.
// The x axis spans the points there are (up to 15 minutes), the y axis runs from 0 to a rounded
// maximum; a gap in a series (an unknown value) is a gap in its line.
import { el, svg } from "./dom.js";
import { bytes, duration, rate, span, time } from "./format.js";

const WIDTH = 300;
const HEIGHT = 80;

const perSecond = (v) => rate(v).replace("/s", " msg/s");

// Each chart: its series (a value read from a history point), how its values are written, and the
// smallest top of its scale (so a flat zero line reads "0 of 1 msg/s", not "0 of 0.001").
const CHARTS = [
  { id: "delivered", title: "Delivered", format: perSecond, least: 1,
    series: [{ name: "delivered", value: (p) => p.delivered_per_second }] },
  { id: "lag-bytes", title: "Replication lag (bytes)", format: bytes, least: 1024, binary: true,
    series: [{ name: "lag-bytes", value: (p) => p.lag_bytes }] },
  { id: "lag-seconds", title: "Replication lag (time)", format: duration, least: 1,
    series: [{ name: "lag-seconds", value: (p) => p.lag_seconds }] },
  { id: "latency", title: "Commit → SQS latency", format: duration, least: 0.01,
    series: [
      { name: "p50", label: "p50", value: (p) => p.latency_p50_seconds },
      { name: "p99", label: "p99", value: (p) => p.latency_p99_seconds },
    ] },
];

// The top of a scale: at least `value` and `least`, a round number in the chart's unit (1, 2 or 5
// times a power of ten; of KiB, MiB … for bytes, so the label reads "20 KiB", not "19.5 KiB").
function niceMax(value, least, binary = false) {
  let v = Math.max(value, least);
  let unit = 1;
  while (binary && v >= 1024) { v /= 1024; unit *= 1024; }
  const power = Math.pow(10, Math.floor(Math.log10(v)));
  for (const step of [1, 2, 5, 10]) {
    if (v <= step * power) return step * power * unit;
  }
  return 10 * power * unit;
}

// The SVG path of one series: "M x y L x y …", restarting after each null; a lone point is a dot.
function path(values, x, y) {
  let d = "";
  let run = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) {
      if (run === 1) d += " h0";
      run = 0;
      return;
    }
    d += (run === 0 ? " M" : " L") + x(i).toFixed(1) + " " + y(v).toFixed(1);
    run++;
  });
  if (run === 1) d += " h0";
  return d.trim();
}

function emptyChart(chart) {
  return el("figure", { class: "chart empty", data: { chart: chart.id, points: "0" } },
    el("figcaption", {}, el("span", { class: "title" }, chart.title)),
    el("p", { class: "no-data" }, "no data yet"));
}

function lineChart(chart, points) {
  const series = chart.series.map((s) => ({ ...s, values: points.map(s.value) }));
  const known = series.flatMap((s) => s.values.filter((v) => v !== null && v !== undefined));
  if (known.length === 0) return emptyChart(chart);
  const times = points.map((p) => Date.parse(p.at));
  const first = times[0];
  const spanMs = times[times.length - 1] - first;
  const max = niceMax(Math.max(...known), chart.least, chart.binary);
  const x = (i) => (spanMs > 0 ? (times[i] - first) / spanMs * WIDTH : WIDTH);
  const y = (v) => HEIGHT - Math.min(v, max) / max * HEIGHT;
  const latest = points[points.length - 1];
  const count = (values) => values.filter((v) => v !== null && v !== undefined).length;
  const plot = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: "none" },
    svg("line", { class: "axis", x1: 0, y1: HEIGHT, x2: WIDTH, y2: HEIGHT }),
    ...series.map((s) => svg("path", {
      class: "series " + s.name, d: path(s.values, x, y), "data-points": count(s.values),
    })));
  const now = series.map((s) => (s.label ? s.label + " " : "") + chart.format(s.value(latest)));
  const data = { chart: chart.id, points: String(known.length), max: String(Math.max(...known)) };
  return el("figure", { class: "chart", data },
    el("figcaption", {},
      el("span", { class: "title" }, chart.title),
      el("span", { class: "latest" }, now.join(" · "))),
    el("div", { class: "plot" },
      el("span", { class: "y-max" }, chart.format(max)),
      plot),
    el("div", { class: "x-axis" },
      el("span", { class: "x-span" }, spanMs > 0 ? "−" + span(spanMs / 1000) : "one sample"),
      chart.series.length > 1
        ? el("span", { class: "legend" }, ...chart.series.flatMap((s) =>
          [el("i", { class: "key " + s.name }), s.label + " "]))
        : "",
      el("span", { class: "x-end" }, time(latest.at))));
}

// The four charts of one sink; `history` is the API's answer, or null when there is none.
export function sinkCharts(name, history) {
  const points = history ? history.points : [];
  return el("div", { class: "sink-charts", data: { sink: name } },
    el("h3", {}, name),
    el("div", { class: "chart-row" },
      ...CHARTS.map((chart) => (points.length ? lineChart(chart, points) : emptyChart(chart)))));
}

// The throughput cell of the sinks table: the last point's rate and a tiny line of the rates.
export function sparkline(history) {
  const points = history ? history.points : [];
  if (points.length === 0) return el("span", { class: "rate muted" }, "–");
  const rates = points.map((p) => p.delivered_per_second);
  const max = niceMax(Math.max(...rates), 1);
  const step = rates.length > 1 ? 120 / (rates.length - 1) : 0;
  const line = svg("path", {
    d: path(rates, (i) => (rates.length > 1 ? i * step : 120), (v) => 22 - v / max * 20),
  });
  const last = rates[rates.length - 1];
  return el("span", { class: "rate", title: last.toFixed(1) + " msg/s over the last interval" },
    svg("svg", { class: "spark", viewBox: "0 0 120 24", preserveAspectRatio: "none" }, line),
    " " + rate(last));
}
