// The workbench's router: #/network, #/actor/ID, #/map, #/sources/DOC, #/review, #/ingest (hash routes, so
// the server serves one page and nothing of the state leaves the browser but API questions).
import "./style.css";
import { get, identity, takeTokenFromUrl } from "./api.js";
import { h, clear } from "./dom.js";
import { networkView } from "./views/network.js";
import { actorView } from "./views/actor.js";
import { mapView } from "./views/map.js";
import { sourcesView } from "./views/sources.js";
import { reviewView } from "./views/review.js";
import { ingestView } from "./views/ingest.js";

const root = document.getElementById("view");
let meta = null, teardown = null;

function identityBar() {
  const token = h("input", { type: "password", placeholder: "token", value: identity.token, id: "token", size: 12,
    title: "The write token printed when the server started", onchange: (e) => { identity.token = e.target.value.trim(); } });
  const author = h("input", { placeholder: "author", value: identity.author, id: "author", size: 10,
    title: "Your name, stored with every review", onchange: (e) => { identity.author = e.target.value.trim(); } });
  clear(document.getElementById("identity")).append(h("form", { onsubmit: (e) => e.preventDefault() },
    h("label", {}, "token ", token), " ", h("label", {}, "author ", author)));
}

async function route() {
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const [view, ...rest] = path.split("/");
  const id = rest.length ? decodeURIComponent(rest.join("/")) : "";
  const params = new URLSearchParams(query);
  for (const a of document.querySelectorAll("#nav a[data-view]")) a.classList.toggle("active", a.dataset.view === (view || "network"));
  if (teardown) { try { teardown(); } catch { /* a view already gone */ } teardown = null; }
  try {
    if (!meta) meta = await get("/meta");
  } catch (e) {
    clear(root).append(h("p", { class: "error" }, e.status === 401 ? "This server needs the token for reading too: set it above." : e.message));
    return;
  }
  document.body.dataset.view = view || "network";
  switch (view || "network") {
    case "network": teardown = networkView(root, params, meta); break;
    case "actor": await actorView(root, id); break;
    case "map": teardown = mapView(root, params, meta); break;
    case "sources": sourcesView(root, id, params); break;
    case "review": reviewView(root); break;
    case "ingest": ingestView(root); break;
    default: clear(root).append(h("p", {}, "No such view."));
  }
}

takeTokenFromUrl();
identityBar();
window.addEventListener("hashchange", route);
route();
