// The actor page: names and aliases, lineage, a Gantt chart of memberships, leaderships, alliances and
// rivalries (each end drawn as the span it is known to: a faded band from earliest to latest), changes as
// milestones, events, and for a coalition its cohesion month by month.
import { scaleTime, scaleLinear } from "d3-scale";
import { get, enc } from "../api.js";
import { h, s, clear, when } from "../dom.js";
import { PREDICATE_COLOURS, EVENT_COLOURS } from "../palette.js";
import { factPanel, eventPanel } from "../fact.js";

const t = (d) => Date.parse(d);
const ROW = 22, LEFT = 220, RIGHT = 20, TOP = 28;

function domainOf(bars, changes, events) {
  const days = [];
  for (const b of bars) for (const sp of [b.start, b.end]) if (sp) days.push(t(sp.earliest), t(sp.latest));
  for (const c of changes) if (c.start) days.push(t(c.start.earliest), t(c.start.latest));
  for (const e of events) if (e.date) days.push(t(e.date.earliest));
  if (!days.length) return [t("2000-01-01"), Date.now()];
  const lo = Math.min(...days), hi = Math.max(...days), pad = Math.max((hi - lo) * 0.08, 30 * 86400000);
  return [lo - pad, hi + pad];
}

function ticks(x, width) {
  const g = s("g", { class: "axis" });
  for (const d of x.ticks(Math.max(2, Math.floor(width / 110)))) {
    const px = x(d);
    g.append(s("line", { x1: px, x2: px, y1: TOP - 6, y2: "100%", class: "grid" }),
      s("text", { x: px, y: TOP - 10, "text-anchor": "middle" }, d.toISOString().slice(0, 7)));
  }
  return g;
}

export function gantt(bars, changes, events, onPick) {
  const width = Math.max(700, (document.getElementById("view")?.clientWidth || 1000) - 380);
  const [lo, hi] = domainOf(bars, changes, events);
  const x = scaleTime().domain([new Date(lo), new Date(hi)]).range([LEFT, width - RIGHT]);
  const rows = bars.length + 1;
  const svg = s("svg", { class: "gantt", width, height: TOP + rows * ROW + 10, role: "img",
    "aria-label": "timeline of memberships, leaderships, alliances and rivalries" });
  const defs = s("defs");
  svg.append(defs, ticks(x, width));
  bars.forEach((b, i) => {
    const y = TOP + i * ROW, colour = PREDICATE_COLOURS[b.predicate] || "#888";
    const sLo = b.start ? x(t(b.start.earliest)) : x(lo), sHi = b.start ? x(t(b.start.latest) + 86400000) : x(lo);
    const eLo = b.end ? x(t(b.end.earliest)) : x(hi), eHi = b.end ? x(t(b.end.latest) + 86400000) : x(hi);
    const g = s("g", { class: `bar ${b.status || ""}`, "data-fact": b.fact_id, tabindex: 0 });
    const label = `${b.predicate.replace(/_/g, " ")} ${b.subject === b.other ? "←" : "→"} ${b.other_name}`;
    g.append(s("text", { x: LEFT - 6, y: y + 14, "text-anchor": "end", class: "label" }, label.slice(0, 34)));
    // uncertainty: the start known only to lie in [earliest, latest] and likewise the end, drawn faded
    if (b.start) g.append(s("rect", { x: sLo, y: y + 4, width: Math.max(2, sHi - sLo), height: 12, fill: colour, opacity: 0.3, class: "uncertain" }));
    g.append(s("rect", { x: sHi, y: y + 4, width: Math.max(1, eLo - sHi), height: 12, fill: colour, opacity: b.status === "rejected" ? 0.2 : b.start ? 0.9 : 0.45, class: b.start ? "certain" : "certain undated" }));
    if (b.end) g.append(s("rect", { x: eLo, y: y + 4, width: Math.max(2, eHi - eLo), height: 12, fill: colour, opacity: 0.3, class: "uncertain" }));
    else g.append(s("path", { d: `M${eLo},${y + 4} l8,6 l-8,6 z`, fill: colour, opacity: 0.6, class: "open" }));
    if (b.contradicted) g.append(s("text", { x: sHi + 4, y: y + 14, class: "flag" }, "⚠"));
    g.append(s("title", {}, `${label}\nfrom ${when(b.start)} until ${b.end ? when(b.end) : "still in force"}` +
      `\nconfidence ${b.confidence.toFixed(2)}, ${b.sources} source(s)${b.contradicted ? "\ncontradicted" : ""}`));
    g.addEventListener("click", () => onPick({ fact: b.fact_id }));
    svg.append(g);
  });
  const y = TOP + bars.length * ROW;
  svg.append(s("text", { x: LEFT - 6, y: y + 14, "text-anchor": "end", class: "label" }, "changes · events"));
  for (const c of changes) {
    if (!c.start) continue;
    const px = x(t(c.start.earliest)), w = Math.max(0, x(t(c.start.latest) + 86400000) - px);
    const m = s("g", { class: "milestone", "data-fact": c.fact_id },
      s("rect", { x: px, y: y + 5, width: Math.max(w, 2), height: 10, fill: PREDICATE_COLOURS[c.predicate] || "#888", opacity: 0.35 }),
      s("path", { d: `M${px + w / 2},${y + 3} l5,7 l-5,7 l-5,-7 z`, fill: PREDICATE_COLOURS[c.predicate] || "#888" }),
      s("title", {}, `${c.subject} ${c.predicate} ${c.object} (${when(c.start)})`));
    m.addEventListener("click", () => onPick({ fact: c.fact_id }));
    svg.append(m);
  }
  for (const e of events) {
    if (!e.date) continue;
    const dot = s("circle", { cx: x(t(e.date.earliest)), cy: y + 10, r: 4, fill: EVENT_COLOURS[e.type] || "#999", class: "event-dot" },
      s("title", {}, `${e.type} ${when(e.date)}: ${e.summary || ""}`));
    dot.addEventListener("click", () => onPick({ event: e.event_key }));
    svg.append(dot);
  }
  return svg;
}

function cohesionChart(c) {
  const months = c.months;
  if (!months.length) return h("p", { class: "muted" }, "No components recorded.");
  const width = 640, height = 180, pad = 36;
  const x = scaleLinear().domain([0, Math.max(1, months.length - 1)]).range([pad, width - 10]);
  const most = Math.max(...months.map((m) => m.components), 1);
  const y = scaleLinear().domain([0, 1]).range([height - 24, 10]);
  const yc = scaleLinear().domain([0, most]).range([height - 24, 10]);
  const bw = Math.max(2, (width - pad) / months.length - 2);
  const svg = s("svg", { class: "cohesion", width, height, role: "img", "aria-label": "cohesion by month" });
  months.forEach((m, i) => svg.append(s("rect", { x: x(i) - bw / 2, y: yc(m.components), width: bw,
    height: height - 24 - yc(m.components), class: "components" }, s("title", {}, `${m.month}: ${m.components} components, ` +
      `${m.founding_retained} founders; cohesion ${m.cohesion}` + (m.departures.length ? `; left: ${m.departures.join(", ")}` : "")))));
  const line = months.map((m, i) => `${i ? "L" : "M"}${x(i)},${y(m.cohesion ?? 1)}`).join(" ");
  svg.append(s("path", { d: line, class: "cohesion-line" }));
  for (const [v, label] of [[1, "1.0"], [0.5, "0.5"], [0, "0"]]) svg.append(s("text", { x: 4, y: y(v) + 4, class: "tick" }, label));
  const step = Math.max(1, Math.ceil(months.length / 8));
  months.forEach((m, i) => { if (i % step === 0) svg.append(s("text", { x: x(i), y: height - 6, "text-anchor": "middle", class: "tick" }, m.month)); });
  return h("div", {}, svg, h("p", { class: "muted" }, "Line: cohesion index M / (M + L); bars: components that month. " +
    `Founders: ${c.founding.join(", ") || "—"}.`));
}

export async function actorView(root, id) {
  if (!id) {
    const input = h("input", { id: "actor-search", placeholder: "actor name, alias or id", size: 40 });
    const out = h("ul", { class: "results" });
    clear(root).append(h("section", { class: "page" }, h("h2", {}, "Actors"), h("form", { onsubmit: async (ev) => {
      ev.preventDefault();
      const found = await get("/search", { q: input.value || "a", limit: 50 });
      clear(out).append(...found.actors.map((a) => h("li", {}, h("a", { href: `#/actor/${enc(a.id)}` }, a.name), ` (${a.type.replace(/_/g, " ")})`)));
    } }, input, h("button", {}, "Find")), out));
    return;
  }
  clear(root).append(h("p", { class: "muted" }, "Loading…"));
  let p;
  try { p = await get(`/actors/${enc(id)}`); } catch (e) { clear(root).append(h("p", { class: "error" }, e.message)); return; }
  const a = p.actor;
  const [events, timeline] = await Promise.all([get("/events", { actor: a.id, limit: 500 }), get(`/actors/${enc(a.id)}/timeline`, { limit: 500 })]);
  const side = h("aside", { class: "side", id: "actor-side" }, h("p", { class: "muted" }, "Click a bar, a milestone or an event."));
  const pick = (what) => (what.fact ? factPanel(side, what.fact) : eventPanel(side, what.event));
  const cohesion = h("div", { id: "cohesion" });
  clear(root).append(h("section", { class: "actor" }, h("div", { class: "main" },
    h("h2", {}, a.name, " ", h("small", {}, a.type.replace(/_/g, " "), a.country ? ` · ${a.country}` : "")),
    h("p", { class: "aliases" }, "Also: ", a.aliases.length ? a.aliases.map((x) => h("span", { class: "chip" }, x)) : "—"),
    h("p", {}, h("a", { href: `#/network?focus=${enc(a.id)}&depth=1` }, "Ego network"), " · ",
      h("a", { href: `#/map?actor=${enc(a.id)}` }, "Events on the map"), " · ", h("span", { class: "mono" }, a.id)),
    p.lineage.length ? h("div", {}, h("h3", {}, "Lineage"), h("ul", { class: "lineage" }, p.lineage.map((l) => h("li", {},
      h("a", { href: `#/actor/${enc(l.subject)}` }, l.subject), ` ${l.predicate.replace(/_/g, " ")} `,
      h("a", { href: `#/actor/${enc(l.object)}` }, l.object),
      ` (${typeof l.start === "string" ? l.start : l.start ? when(l.start) : "undated"}; ${l.source === "registry" ? "registry" : "reported"})`)))) : null,
    h("h3", {}, "Timeline"), h("p", { class: "muted" }, "Solid: certainly in force; faded: the span within which it began or ended; pale: no start reported; an arrow: still in force."),
    gantt(p.bars, p.changes, events.items, pick),
    p.is_coalition ? h("div", {}, h("h3", {}, "Cohesion month by month"), cohesion) : null,
    h("h3", {}, `Events (${p.events})`), h("table", { class: "events" }, h("tbody", {}, events.items.slice(0, 100).map((e) => h("tr", {},
      h("td", {}, when(e.date)), h("td", {}, e.type.replace(/_/g, " ")), h("td", {}, e.place ? e.place.name : ""),
      h("td", {}, h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); pick({ event: e.event_key }); } }, e.summary || e.event_key)))))),
    h("h3", {}, "Everything dated"), h("ol", { class: "timeline" }, timeline.items.map((e) => h("li", {}, h("span", { class: "date" }, e.date || "?"), " ",
      e.kind === "relation" ? h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); pick({ fact: e.fact_id }); } }, `${e.subject} ${e.predicate.replace(/_/g, " ")} ${e.object}`)
        : h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); pick({ event: e.event_key }); } }, `${e.type.replace(/_/g, " ")} (${e.role}): ${e.summary || ""}`))))),
  side));
  if (p.is_coalition) get(`/actors/${enc(a.id)}/cohesion`).then((c) => cohesion.append(cohesionChart(c)))
    .catch((e) => cohesion.append(h("p", { class: "error" }, e.message)));
}
