// The console's address, in the URL's hash so a reload or a shared link opens the same view:
//   #/                                               the overview
//   #/sinks/<name>/messages?state=<state>            a sink's Messages view on one tab
//   #/sinks/<name>/messages/<key>?state=<state>      … with that message's detail open

export const STATES = ["in_flight", "backing_off", "parked", "discarded", "delivered"];

// {sink, state, key}; sink null for the overview. An unknown state reads as in_flight.
export function parseRoute(hash) {
  const [path, query = ""] = hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter((p) => p !== "");
  if (parts.length < 3 || parts[0] !== "sinks" || parts[2] !== "messages") {
    return { sink: null, state: "in_flight", key: null };
  }
  const state = new URLSearchParams(query).get("state");
  return {
    sink: decodeURIComponent(parts[1]),
    state: STATES.includes(state) ? state : "in_flight",
    key: parts.length > 3 ? decodeURIComponent(parts.slice(3).join("/")) : null,
  };
}

export function routeHash({ sink, state, key }) {
  if (!sink) return "#/";
  return "#/sinks/" + encodeURIComponent(sink) + "/messages" +
    (key ? "/" + encodeURIComponent(key) : "") + "?state=" + state;
}

// Goes to `route`: a new history entry (the back button returns), or in place with `replace`.
// Either way `apply` shows it (a pushed hash arrives through "hashchange").
export function navigate(route, apply, { replace = false } = {}) {
  const hash = routeHash(route);
  if (hash === location.hash) {
    apply(route);
  } else if (replace) {
    history.replaceState(null, "", hash);
    apply(route);
  } else {
    location.hash = hash;
  }
}
