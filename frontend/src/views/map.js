// Events as points on an offline basemap: Natural Earth countries (world-atlas) and admin-1 provinces
// (simplified at build time), no tile server. Colour by type; filters by date range, type and actor are
// applied on the server; a click opens the event and its source sentences.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature, mesh } from "topojson-client";
import { get } from "../api.js";
import { h, clear } from "../dom.js";
import { EVENT_COLOURS } from "../palette.js";
import { eventPanel } from "../fact.js";

let basemap = null;
async function loadBasemap() {
  if (!basemap) basemap = Promise.all([fetch("/ui/geo/countries.json").then((r) => r.json()),
    fetch("/ui/geo/admin1.json").then((r) => r.json())]);
  return basemap;
}

export function mapView(root, params, meta) {
  const from = h("input", { type: "date", id: "map-from", value: params.get("from") || "" });
  const to = h("input", { type: "date", id: "map-to", value: params.get("to") || "" });
  const actor = h("input", { id: "map-actor", placeholder: "actor", value: params.get("actor") || "", size: 18 });
  const wanted = new Set(params.getAll("type"));
  const types = h("fieldset", { class: "toggles" }, h("legend", {}, "Event types (none ticked: all)"),
    meta.event_types.map((t) => h("label", { class: "toggle" },
      h("input", { type: "checkbox", checked: wanted.has(t), dataset: { type: t } }),
      h("span", { class: "swatch round", style: { background: EVENT_COLOURS[t] || "#999" } }), t.replace(/_/g, " "))));
  const status = h("p", { class: "muted", id: "map-status" });
  const side = h("aside", { class: "side", id: "map-side" }, h("p", { class: "muted" }, "Click a point."));
  const holder = h("div", { class: "map", id: "map" });
  const form = h("form", { class: "filters", id: "map-filters", onsubmit: (ev) => { ev.preventDefault(); load(); } },
    h("label", {}, "from ", from), h("label", {}, "to ", to), actor, h("button", { type: "submit" }, "Filter"), types);
  types.addEventListener("change", () => load());
  clear(root).append(h("section", { class: "mapview" }, form, status, h("div", { class: "stage" }, holder, side)));

  const map = L.map(holder, { preferCanvas: true, worldCopyJump: true, attributionControl: true }).setView([30, 25], 3);
  map.attributionControl.setPrefix(false).addAttribution("Boundaries: Natural Earth");
  const points = L.layerGroup().addTo(map);
  const hook = (window.__fg = window.__fg || {});
  hook.map = map;
  hook.points = points;
  let alive = true, ticket = 0;
  loadBasemap().then(([world, admin1]) => {
    if (!alive) return;
    L.geoJSON(feature(world, world.objects.countries), { style: { color: "#777", weight: 0.8, fillColor: "#eef0e8", fillOpacity: 1 },
      interactive: false }).addTo(map);
    L.geoJSON(mesh(admin1, admin1.objects.admin1, (a, b) => a !== b), { style: { color: "#aaa", weight: 0.4, dashArray: "2 2" },
      interactive: false }).addTo(map);
    points.eachLayer((l) => l.bringToFront?.());
    holder.dataset.basemap = "1";
  });

  async function load() {
    const chosen = [...types.querySelectorAll("input:checked")].map((i) => i.dataset.type);
    const q = { from: from.value, to: to.value, actor: actor.value.trim(), type: chosen, limit: 5000 };
    const mine = ++ticket;  // a later filter wins even when its answer comes back first
    holder.dataset.loading = "1";
    try {
      const page = await get("/events", q);
      if (!alive || mine !== ticket) return;
      points.clearLayers();
      let shown = 0;
      const bounds = [];
      for (const e of page.items) {
        if (!e.place || e.place.lat === null || e.place.lon === null) continue;
        shown++;
        bounds.push([e.place.lat, e.place.lon]);
        L.circleMarker([e.place.lat, e.place.lon], { radius: 4 + Math.min(8, Math.sqrt(e.fatalities || 0) * 2),
          color: "#333", weight: 1, fillColor: EVENT_COLOURS[e.type] || "#999", fillOpacity: 0.85 })
          .bindTooltip(`${e.type.replace(/_/g, " ")} · ${e.date ? e.date.earliest : "?"} · ${e.place.name}`)
          .on("click", () => eventPanel(side, e.event_key)).addTo(points);
      }
      holder.dataset.points = String(shown);
      status.textContent = `${shown} event(s) on the map` + (page.items.length > shown ? `, ${page.items.length - shown} without coordinates` : "") +
        (page.next_offset ? " (first 5000 only: narrow the filters)" : "");
      // not animated: the points are where they are drawn as soon as the answer is shown
      if (bounds.length) map.fitBounds(bounds, { maxZoom: 7, padding: [30, 30], animate: false });
      const url = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) for (const x of [].concat(v)) if (x && k !== "limit") url.append(k, x);
      history.replaceState(null, "", `#/map?${url}`);
    } catch (err) { if (mine === ticket) status.textContent = err.message; }
    finally { if (mine === ticket) delete holder.dataset.loading; }
  }
  load();
  return () => { alive = false; map.remove(); };
}
