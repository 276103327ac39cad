// The REST API, and who is asking: the write token (from #token=... once, then kept in this tab's session
// storage) and the analyst's name for reviews (kept in local storage).
const tokenKey = "fg-token", authorKey = "fg-author";

export const identity = {
  get token() { return sessionStorage.getItem(tokenKey) || ""; },
  set token(v) { v ? sessionStorage.setItem(tokenKey, v) : sessionStorage.removeItem(tokenKey); },
  get author() { return localStorage.getItem(authorKey) || ""; },
  set author(v) { v ? localStorage.setItem(authorKey, v) : localStorage.removeItem(authorKey); },
};

export function takeTokenFromUrl() {
  const m = location.hash.match(/^#token=([^&]+)/);
  if (m) {
    identity.token = decodeURIComponent(m[1]);
    history.replaceState(null, "", location.pathname + "#/network");
  }
}

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "") continue;
    for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

async function handle(r) {
  const body = r.headers.get("content-type")?.includes("json") ? await r.json() : null;
  if (!r.ok) throw new ApiError(r.status, body?.error || `${r.status} ${r.statusText}`);
  return body;
}

const headers = () => (identity.token ? { Authorization: `Bearer ${identity.token}` } : {});

export async function get(path, params) {
  return handle(await fetch(`/api${path}${query(params)}`, { headers: headers() }));
}

export async function post(path, body, form = null) {
  const init = { method: "POST", headers: headers() };
  if (form) init.body = form;
  else { init.body = JSON.stringify(body || {}); init.headers["Content-Type"] = "application/json"; }
  return handle(await fetch(`/api${path}`, init));
}

export const enc = encodeURIComponent;
