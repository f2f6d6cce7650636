// Calls Runnel's HTTP API. The API token (when the server needs one) lives in sessionStorage,
// never in the page.
import { notice } from "./dom.js";

const TOKEN_KEY = "runnel.token";

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

// The answer's JSON; throws with the API's error message on a status other than 2xx.
export async function api(path, options = {}) {
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

export function sinkPath(sink, rest = "") {
  return "/api/sinks/" + encodeURIComponent(sink) + rest;
}
