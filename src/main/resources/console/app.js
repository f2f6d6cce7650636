// Runnel console: reads the HTTP API with fetch every few seconds. No build step, no libraries.
// The API token (when the server needs one) lives in sessionStorage, never in the page.
"use strict";

const REFRESH_MS = 2000;
const SPARK_POINTS = 30;
const TOKEN_KEY = "runnel.token";
const STORED_STATES = ["parked", "discarded"];

const view = { sink: null, tab: "in_flight", selected: null, messages: [] };
const history = new Map(); // sink name -> [{t, delivered}]

const $ = (selector) => document.querySelector(selector);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "data") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  }
  return node;
}

async function api(path, options = {}) {
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = "Bearer " + token;
  if (options.body) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { ...options, headers });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) {
    notice("The API needs a token: enter server.api_token above.");
  }
  if (!response.ok) {
    throw new Error(body.error || response.status + " " + response.statusText);
  }
  return body;
}

function notice(text) {
  const node = $("#notice");
  node.textContent = text || "";
  node.hidden = !text;
}

function bytes(n) {
  if (n === null || n === undefined) return "–";
  const units = ["B", "KiB", "MiB", "GiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + " " + units[i];
}

function age(seconds) {
  if (!seconds) return "–";
  if (seconds < 60) return seconds.toFixed(0) + " s";
  if (seconds < 3600) return (seconds / 60).toFixed(1) + " min";
  return (seconds / 3600).toFixed(1) + " h";
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : "–";
}

function sparkline(name, delivered) {
  const points = history.get(name) || [];
  points.push({ t: Date.now(), delivered });
  while (points.length > SPARK_POINTS + 1) points.shift();
  history.set(name, points);
  const rates = [];
  for (let i = 1; i < points.length; i++) {
    const seconds = (points[i].t - points[i - 1].t) / 1000;
    rates.push(Math.max(0, points[i].delivered - points[i - 1].delivered) / seconds);
  }
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "spark");
  svg.setAttribute("viewBox", "0 0 120 24");
  const max = Math.max(1, ...rates);
  const line = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
  line.setAttribute("points", rates.map((r, i) =>
    (i * 120 / SPARK_POINTS).toFixed(1) + "," + (22 - r / max * 20).toFixed(1)).join(" "));
  svg.append(line);
  const rate = rates.length ? rates[rates.length - 1] : 0;
  return el("span", { class: "rate", title: rate.toFixed(1) + " msg/s" }, svg, " " + rate.toFixed(1) + "/s");
}

function statusBadge(sink) {
  const quiet = sink.status === "paused" || sink.status === "standby";
  const kind = quiet ? "paused" : sink.problem ? "bad" : "ok";
  return el("span", { class: "badge " + kind }, sink.status);
}

function renderSinks(sinks) {
  const body = $("#sinks tbody");
  body.replaceChildren(...sinks.map((sink) => el("tr", { data: { sink: sink.name } },
    el("td", {}, el("strong", {}, sink.name), el("div", { class: "muted" }, sink.database)),
    el("td", {}, statusBadge(sink)),
    el("td", {}, sink.source_state.toLowerCase()),
    el("td", { class: "num" }, bytes(sink.replication_lag_bytes)),
    el("td", {}, sparkline(sink.name, sink.delivered)),
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

function openSink(name) {
  view.sink = name;
  view.selected = null;
  $("#messages").hidden = false;
  $("#messages-sink").textContent = name;
  showTab(view.tab);
}

function showTab(tab) {
  view.tab = tab;
  view.selected = null;
  for (const button of document.querySelectorAll("#tabs [data-tab]")) {
    button.classList.toggle("active", button.dataset.tab === tab);
  }
  $("#retry-all").hidden = !STORED_STATES.includes(tab);
  $("#discard-all").hidden = tab !== "parked";
  refreshMessages();
}

async function refreshMessages() {
  if (!view.sink) return;
  const path = "/api/sinks/" + encodeURIComponent(view.sink) +
    "/messages?state=" + view.tab + "&limit=100&body=true";
  const answer = await api(path);
  view.messages = answer.messages;
  renderMessages();
}

function renderMessages() {
  const actionable = ["backing_off", ...STORED_STATES].includes(view.tab);
  $("#message-list tbody").replaceChildren(...view.messages.map((m) => {
    const row = el("tr", {
      class: "message" + (m.idempotency_key === view.selected ? " selected" : ""),
      data: { key: m.idempotency_key },
      onclick: () => select(m.idempotency_key),
    },
    el("td", { class: "key" }, m.idempotency_key),
    el("td", {}, m.table),
    el("td", {}, m.action),
    el("td", { class: "key" }, m.group_key || "–"),
    el("td", { class: "num" }, String(m.deliver_count)),
    el("td", { class: "error" }, m.last_error || ""),
    el("td", {}, time(m.next_attempt_at)),
    el("td", {}, time(m.committed_at)),
    el("td", {}, actionable ? actions(m) : ""));
    return row;
  }));
  $("#empty").hidden = view.messages.length > 0;
  renderDetail();
}

function actions(message) {
  const key = message.idempotency_key;
  const buttons = [el("button", { class: "retry action", onclick: (e) => {
    e.stopPropagation(); messageAct(key, "retry");
  } }, "Retry")];
  if (view.tab !== "discarded") {
    buttons.push(" ", el("button", { class: "discard danger", onclick: (e) => {
      e.stopPropagation(); messageAct(key, "discard");
    } }, "Discard"));
  }
  return el("span", {}, ...buttons);
}

function select(key) {
  view.selected = key;
  renderMessages();
}

function renderDetail() {
  const message = view.messages.find((m) => m.idempotency_key === view.selected);
  $("#detail").hidden = !message;
  if (!message) return;
  $("#detail-key").textContent = message.idempotency_key;
  const fields = [
    ["State", message.state], ["Queue", message.queue_url], ["Attempts", message.deliver_count],
    ["Last SQS error", message.last_error || "–"], ["Next attempt", time(message.next_attempt_at)],
    ["Committed", message.committed_at], ["SQS MessageId", message.sqs_message_id || "–"],
  ];
  $("#detail-fields").replaceChildren(...fields.flatMap(([k, v]) =>
    [el("dt", {}, k), el("dd", {}, String(v ?? "–"))]));
  let body = message.body || "";
  try { body = JSON.stringify(JSON.parse(body), null, 2); } catch (e) { /* shown as is */ }
  $("#detail-body").textContent = body;
}

async function act(sink, what) {
  try {
    await api("/api/sinks/" + encodeURIComponent(sink) + "/" + what, { method: "POST" });
    notice("");
    await refresh();
  } catch (e) {
    notice(what + " failed: " + e.message);
  }
}

async function messageAct(key, what) {
  const path = "/api/sinks/" + encodeURIComponent(view.sink) + "/messages/" +
    encodeURIComponent(key) + "/" + what;
  try {
    const answer = await api(path, { method: "POST" });
    notice(answer.message);
    await refresh();
  } catch (e) {
    notice(what + " failed: " + e.message);
  }
}

async function allAct(what) {
  const path = "/api/sinks/" + encodeURIComponent(view.sink) + "/messages/" + what;
  try {
    const answer = await api(path, { method: "POST", body: JSON.stringify({ state: view.tab }) });
    notice(answer.message);
    await refresh();
  } catch (e) {
    notice(what + " all failed: " + e.message);
  }
}

async function refresh() {
  try {
    const answer = await api("/api/sinks");
    renderSinks(answer.sinks);
    renderDatabases(await api("/api/instances"));
    await refreshMessages();
  } catch (e) {
    if (!$("#notice").textContent) notice("cannot read the API: " + e.message);
  }
}

$("#token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const token = $("#token").value.trim();
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  $("#token").value = "";
  notice("");
  refresh();
});
for (const button of document.querySelectorAll("#tabs [data-tab]")) {
  button.addEventListener("click", () => showTab(button.dataset.tab));
}
$("#retry-all").addEventListener("click", () => allAct("retry"));
$("#discard-all").addEventListener("click", () => {
  if (confirm("Discard every parked message of " + view.sink + "?")) allAct("discard");
});
refresh();
setInterval(refresh, REFRESH_MS);
