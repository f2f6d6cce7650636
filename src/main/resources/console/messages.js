// A sink's Messages view: one tab per state, the list (up to 100), retry/discard buttons, and the
// selected message's detail in a panel beside the list (over it on narrow screens).
import { api, sinkPath } from "./api.js";
import { $, el, notice } from "./dom.js";
import { time } from "./format.js";
import { navigate } from "./routes.js";

const STORED_STATES = ["parked", "discarded"];
const LIMIT = 100;

const view = {
  sink: null, tab: "in_flight", selected: null, shown: null, messages: [], loaded: false,
};
let afterAction = async () => {};

function go(route, options) {
  navigate(route, show, options);
}

// Shows the route's sink, tab and message (or hides the view for the overview).
export function show(route) {
  if (!route.sink) {
    view.sink = null;
    view.selected = null;
    $("#messages").hidden = true;
    closeDetailPanel();
    return;
  }
  const changed = view.sink !== route.sink || view.tab !== route.state;
  const newSink = view.sink !== route.sink;
  view.sink = route.sink;
  view.tab = route.state;
  view.selected = route.key;
  if (changed) {
    view.messages = [];
    view.shown = null;
    view.loaded = false;
  }
  $("#messages").hidden = false;
  $("#messages-sink").textContent = route.sink;
  for (const button of document.querySelectorAll("#tabs [data-tab]")) {
    const active = button.dataset.tab === route.state;
    button.classList.toggle("active", active);
    button.setAttribute("aria-selected", String(active));
  }
  $("#retry-all").hidden = !STORED_STATES.includes(route.state);
  $("#discard-all").hidden = route.state !== "parked";
  if (newSink) $("#messages").scrollIntoView({ block: "start" });
  if (changed) {
    refreshMessages().catch((e) => {
      if (!$("#notice").textContent) notice("cannot read messages: " + e.message);
    });
  } else {
    renderMessages();
  }
}

export async function refreshMessages() {
  if (!view.sink) return;
  const sink = view.sink;
  const tab = view.tab;
  const answer = await api(sinkPath(sink, "/messages?state=" + tab + "&limit=" + LIMIT +
    "&body=true"));
  if (view.sink !== sink || view.tab !== tab) return; // the operator moved on meanwhile
  view.messages = answer.messages;
  view.loaded = true;
  renderMessages();
}

function renderMessages() {
  const actionable = ["backing_off", ...STORED_STATES].includes(view.tab);
  $("#message-list tbody").replaceChildren(...view.messages.map((m) => el("tr", {
    class: "message" + (m.idempotency_key === view.selected ? " selected" : ""),
    data: { key: m.idempotency_key },
    onclick: () => go({ sink: view.sink, state: view.tab, key: m.idempotency_key },
      { replace: true }),
  },
  el("td", { class: "key" }, m.idempotency_key),
  el("td", {}, m.table),
  el("td", {}, m.action),
  el("td", { class: "key" }, m.group_key || "–"),
  el("td", { class: "num" }, String(m.deliver_count)),
  el("td", { class: "error" }, m.last_error || ""),
  el("td", {}, time(m.next_attempt_at)),
  el("td", {}, time(m.committed_at)),
  el("td", {}, actionable ? actions(m) : ""))));
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

// The selected message as last seen: it stays readable after it leaves the list (retried, say).
function renderDetail() {
  if (!view.selected) {
    closeDetailPanel();
    return;
  }
  const current = view.messages.find((m) => m.idempotency_key === view.selected);
  if (current) view.shown = current;
  const message = view.shown && view.shown.idempotency_key === view.selected ? view.shown : null;
  const detail = $("#detail");
  const opening = detail.hidden;
  detail.hidden = false;
  document.body.classList.add("detail-open");
  $("#detail-key").textContent = view.selected;
  const note = $("#detail-note");
  note.hidden = !!current;
  if (!view.loaded) note.textContent = "Loading…";
  else if (message) note.textContent = "No longer in this list: its state changed.";
  else note.textContent = "Not among the latest " + LIMIT + " messages in this state.";
  const fields = message ? [
    ["State", message.state], ["Queue", message.queue_url], ["Attempts", message.deliver_count],
    ["Last SQS error", message.last_error || "–"], ["Next attempt", time(message.next_attempt_at)],
    ["Committed", message.committed_at], ["SQS MessageId", message.sqs_message_id || "–"],
    ...(message.s3_key ? [["Body in S3", message.s3_key]] : []),
  ] : [];
  $("#detail-fields").replaceChildren(...fields.flatMap(([k, v]) =>
    [el("dt", {}, k), el("dd", {}, String(v ?? "–"))]));
  let body = message ? message.body || "" : "";
  try { body = JSON.stringify(JSON.parse(body), null, 2); } catch (e) { /* shown as is */ }
  $("#detail-body").textContent = body;
  if (opening) $("#detail-close").focus({ preventScroll: true });
}

function closeDetailPanel() {
  $("#detail").hidden = true;
  document.body.classList.remove("detail-open");
}

function closeDetail() {
  if (view.sink && view.selected) {
    go({ sink: view.sink, state: view.tab, key: null }, { replace: true });
  }
}

async function messageAct(key, what) {
  try {
    const answer = await api(sinkPath(view.sink, "/messages/" + encodeURIComponent(key) + "/" +
      what), { method: "POST" });
    notice(answer.message);
    await afterAction();
  } catch (e) {
    notice(what + " failed: " + e.message);
  }
}

async function allAct(what) {
  try {
    const answer = await api(sinkPath(view.sink, "/messages/" + what),
      { method: "POST", body: JSON.stringify({ state: view.tab }) });
    notice(answer.message);
    await afterAction();
  } catch (e) {
    notice(what + " all failed: " + e.message);
  }
}

// Wires the view's buttons; `refresh` reloads the whole page's data after an action.
export function initMessages(refresh) {
  afterAction = refresh;
  for (const button of document.querySelectorAll("#tabs [data-tab]")) {
    button.addEventListener("click", () => go({ sink: view.sink, state: button.dataset.tab }));
  }
  $("#close-messages").addEventListener("click", () => go({ sink: null }));
  $("#retry-all").addEventListener("click", () => allAct("retry"));
  $("#discard-all").addEventListener("click", () => {
    if (confirm("Discard every parked message of " + view.sink + "?")) allAct("discard");
  });
  $("#detail-close").addEventListener("click", closeDetail);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("#detail").hidden) closeDetail();
  });
}

// Opens a sink's Messages view on the tab last shown (a new history entry).
export function openSink(name) {
  go({ sink: name, state: view.tab, key: null });
}
