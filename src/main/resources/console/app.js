// Runnel console: reads the HTTP API with fetch every few seconds. No build step, no libraries.
// This module draws the overview (databases, sinks, charts) and follows the URL's hash
// (routes.js) to open a sink's Messages view (messages.js).
import { api, setToken, sinkPath } from "./api.js";
import { sinkCharts, sparkline } from "./charts.js";
import { $, el, notice } from "./dom.js";
import { age, bytes } from "./format.js";
import { initMessages, openSink, refreshMessages, show } from "./messages.js";
import { parseRoute } from "./routes.js";

const REFRESH_MS = 2000;
// The server samples every 5 s; reading the history more often would only redraw the same points.
const HISTORY_EVERY_MS = 5000;

const histories = new Map(); // sink name -> GET …/history answer
let historiesReadAt = 0;

function statusBadge(sink) {
  const quiet = sink.status === "paused" || sink.status === "standby";
  const kind = quiet ? "paused" : sink.problem ? "bad" : "ok";
  return el("span", { class: "badge " + kind }, sink.status);
}

function renderSinks(sinks) {
  $("#sinks tbody").replaceChildren(...sinks.map((sink) => el("tr", { data: { sink: sink.name } },
    el("td", {}, el("strong", {}, sink.name), el("div", { class: "muted" }, sink.database)),
    el("td", {}, statusBadge(sink)),
    el("td", {}, sink.source_state.toLowerCase()),
    el("td", { class: "num" }, bytes(sink.replication_lag_bytes)),
    el("td", {}, sparkline(histories.get(sink.name))),
    el("td", { class: "num" }, String(sink.buffered)),
    el("td", { class: "num" }, String(sink.delivered)),
    el("td", { class: "num" }, String(sink.discarded)),
    el("td", { class: "num" }, String(sink.parked_groups)),
    el("td", { class: "num" }, age(sink.oldest_undelivered_age_seconds)),
    el("td", { class: "problem" }, sink.problem || ""),
    el("td", {},
      el("button", { class: "open-messages", onclick: () => openSink(sink.name) }, "Messages"),
      " ",
      sink.status === "paused"
        ? el("button", { class: "resume action", onclick: () => act(sink.name, "resume") }, "Resume")
        : el("button", { class: "pause", onclick: () => act(sink.name, "pause") }, "Pause")))));
  const healthy = sinks.every((s) => !s.problem);
  const overall = $("#overall");
  overall.textContent = healthy ? "healthy" : "unhealthy";
  overall.className = "badge " + (healthy ? "ok" : "bad");
}

function renderCharts(sinks) {
  $("#chart-list").replaceChildren(...sinks.map((s) => sinkCharts(s.name, histories.get(s.name))));
}

// Which instance streams each database: "active" here, or "standby" while another holds it.
function renderDatabases(answer) {
  $("#instance").textContent = "instance " + answer.instance_id;
  $("#databases tbody").replaceChildren(...answer.databases.map((db) =>
    el("tr", { data: { database: db.database } },
      el("td", {}, el("strong", {}, db.database)),
      el("td", {}, db.slot),
      el("td", {}, el("span", { class: "badge role " + (db.role === "active" ? "ok" : "paused") },
        db.role)),
      el("td", {}, db.holder || "–"),
      el("td", { class: "problem" }, db.last_error || ""))));
}

// Every sink's history, at most every HISTORY_EVERY_MS; true when read now. A sink without one
// (on standby here) shows no data.
async function readHistories(sinks) {
  if (Date.now() - historiesReadAt < HISTORY_EVERY_MS &&
      sinks.every((s) => histories.has(s.name))) {
    return false;
  }
  historiesReadAt = Date.now();
  const answers = await Promise.all(sinks.map((s) =>
    api(sinkPath(s.name, "/history")).catch(() => null)));
  histories.clear();
  sinks.forEach((s, i) => histories.set(s.name, answers[i]));
  return true;
}

async function act(sink, what) {
  try {
    await api(sinkPath(sink, "/" + what), { method: "POST" });
    notice("");
    await refresh();
  } catch (e) {
    notice(what + " failed: " + e.message);
  }
}

async function refresh() {
  try {
    const answer = await api("/api/sinks");
    const fresh = await readHistories(answer.sinks);
    renderSinks(answer.sinks);
    if (fresh) renderCharts(answer.sinks);
    renderDatabases(await api("/api/instances"));
    await refreshMessages();
  } catch (e) {
    if (!$("#notice").textContent) notice("cannot read the API: " + e.message);
  }
}

$("#token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  setToken($("#token").value.trim());
  $("#token").value = "";
  notice("");
  historiesReadAt = 0;
  refresh();
});
initMessages(refresh);
window.addEventListener("hashchange", () => show(parseRoute(location.hash)));
show(parseRoute(location.hash));
refresh();
setInterval(refresh, REFRESH_MS);
