// Network over time: the actors and relations in force on a date, filtered on the server (predicates, node
// types, ego network of one actor to a depth, a cap on edges). The slider and the play button move the date;
// nodes keep their places, so a member leaving fades out where it stood. Above BIG edges the graph is drawn on
// a plain canvas (canvas-graph.js) instead of by cytoscape.js, and a first cut of PREVIEW edges is drawn while
// the whole answer is on its way.
import cytoscape from "cytoscape";
import { get, enc } from "../api.js";
import { h, clear, debounce, when } from "../dom.js";
import { PREDICATE_COLOURS, STATE_PREDICATES, CHANGE_PREDICATES, DIRECTED, TYPE_STYLE } from "../palette.js";
import { factPanel } from "../fact.js";
import { canvasGraph } from "./canvas-graph.js";

const DAY = 86400000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const FADE_MS = 600;
const BIG = 3000, PREVIEW = 1500;

function nodeData(n) {
  const style = TYPE_STYLE[n.type] || TYPE_STYLE.other;
  return { id: n.id, label: n.name, type: n.type, colour: style.colour, shape: style.shape };
}

function edgeData(e) {
  return { id: e.fact_id, source: e.source, target: e.target, predicate: e.predicate,
    colour: PREDICATE_COLOURS[e.predicate] || "#999", arrow: DIRECTED.has(e.predicate) ? "triangle" : "none",
    width: Math.min(1 + e.sources, 5), dashed: CHANGE_PREDICATES.includes(e.predicate) ? "dashed" : "solid",
    contradicted: e.contradicted };
}

function styles(big) {
  if (big) return bigStyles();
  return [
    { selector: "node", style: { "background-color": "data(colour)", shape: "data(shape)", label: big ? "" : "data(label)",
      "font-size": 9, color: "#222", "text-valign": "bottom", "text-margin-y": 3, width: 14, height: 14,
      "transition-property": "opacity", "transition-duration": `${FADE_MS}ms` } },
    { selector: "node[type = 'coalition']", style: { width: 24, height: 24, "font-weight": "bold" } },
    { selector: "node.focus", style: { "border-width": 3, "border-color": "#f1c40f" } },
    { selector: "edge", style: { "line-color": "data(colour)", "target-arrow-color": "data(colour)",
      "target-arrow-shape": "data(arrow)", "curve-style": big ? "haystack" : "bezier", width: "data(width)",
      "line-style": "data(dashed)", opacity: 0.85, "arrow-scale": 0.7,
      "transition-property": "opacity", "transition-duration": `${FADE_MS}ms` } },
    { selector: "edge[?contradicted]", style: { "line-style": "dotted" } },
    { selector: ".leaving", style: { opacity: 0.05 } },
    { selector: ":selected", style: { "border-width": 3, "border-color": "#000", "line-color": "#000" } },
  ];
}

// thousands of elements: no labels, arrows or transitions, straight (haystack) edges; what stays is colour
function bigStyles() {
  return [
    { selector: "node", style: { "background-color": "data(colour)", shape: "data(shape)", width: 8, height: 8 } },
    { selector: "node[type = 'coalition']", style: { width: 16, height: 16 } },
    { selector: "node.focus", style: { "border-width": 3, "border-color": "#f1c40f" } },
    { selector: "edge", style: { "line-color": "data(colour)", "curve-style": "haystack", width: 1, opacity: 0.6 } },
    { selector: ".leaving", style: { opacity: 0.05 } },
    { selector: ":selected", style: { "border-width": 3, "border-color": "#000", "line-color": "#000", label: "data(label)" } },
  ];
}

export function networkView(root, params, meta) {
  const first = meta.dates.first ? Date.parse(meta.dates.first) : Date.now() - 365 * DAY;
  const last = meta.dates.last ? Date.parse(meta.dates.last) : Date.now();
  const state = {
    asOf: params.get("as_of") || iso(first + (last - first) / 2), focus: params.get("focus") || "",
    depth: Number(params.get("depth") || 1), limit: Number(params.get("limit") || 2000),
    predicates: new Set(params.getAll("predicate").length ? params.getAll("predicate") : STATE_PREDICATES),
    types: new Set(params.getAll("node_type")),
    canvasOnly: params.get("draw") === "canvas",
  };
  const slider = h("input", { type: "range", min: 0, max: Math.max(1, Math.round((last - first) / DAY)), step: 1,
    value: Math.round((Date.parse(state.asOf) - first) / DAY), "aria-label": "date", id: "date-slider" });
  const dateLabel = h("output", { id: "date-label" }, state.asOf);
  const dateInput = h("input", { type: "date", value: state.asOf, min: iso(first), max: iso(last), id: "date-input" });
  const play = h("button", { id: "play", title: "Play: move the date forward month by month" }, "▶ Play");
  const focusInput = h("input", { id: "focus", placeholder: "ego network of… (actor name or id)", value: state.focus,
    list: "actor-suggestions", size: 28 });
  const suggestions = h("datalist", { id: "actor-suggestions" });
  const depth = h("select", { id: "depth" }, [1, 2, 3].map((d) => h("option", { value: d, selected: d === state.depth }, `depth ${d}`)));
  const status = h("p", { class: "muted", id: "graph-status" });
  const side = h("aside", { class: "side", id: "side" }, h("p", { class: "muted" }, "Click a node or an edge."));
  const canvas = h("div", { class: "graph", id: "graph" });
  const toggles = h("fieldset", { class: "toggles" }, h("legend", {}, "Relations"),
    [...STATE_PREDICATES, ...CHANGE_PREDICATES].map((p) => h("label", { class: "toggle" },
      h("input", { type: "checkbox", checked: state.predicates.has(p), dataset: { predicate: p },
        onchange: (ev) => { ev.target.checked ? state.predicates.add(p) : state.predicates.delete(p); refresh(); } }),
      h("span", { class: "swatch", style: { background: PREDICATE_COLOURS[p] } }), p.replace(/_/g, " "))));
  const typeToggles = h("fieldset", { class: "toggles" }, h("legend", {}, "Actor types (none ticked: all)"),
    Object.keys(TYPE_STYLE).map((t) => h("label", { class: "toggle" },
      h("input", { type: "checkbox", checked: state.types.has(t), dataset: { type: t },
        onchange: (ev) => { ev.target.checked ? state.types.add(t) : state.types.delete(t); refresh(); } }),
      h("span", { class: "swatch", style: { background: TYPE_STYLE[t].colour } }), t.replace(/_/g, " "))));
  clear(root).append(h("section", { class: "network" },
    h("div", { class: "controls" }, h("div", { class: "timebar" }, play, slider, dateLabel, dateInput),
      h("form", { class: "focus", onsubmit: (ev) => { ev.preventDefault(); state.focus = focusInput.value.trim(); refresh(); } },
        focusInput, suggestions, depth, h("button", { type: "submit" }, "Show"),
        h("button", { type: "button", onclick: () => { state.focus = ""; focusInput.value = ""; refresh(); } }, "Whole store"),
        h("button", { type: "button", id: "relayout", title: "A force layout (slow on thousands of nodes)", onclick: () => layout() }, "Re-layout")),
      toggles, typeToggles, status),
    h("div", { class: "stage" }, canvas, side)));

  const cy = cytoscape({ container: canvas, style: styles(false), minZoom: 0.05, maxZoom: 4 });
  const hook = (window.__fg = window.__fg || {});
  hook.cy = cy; hook.network = state; hook.firstPaint = null; hook.fullPaint = null;
  let big = false, ticket = 0, timer = null, alive = true, flat = null, drawn = "cy";
  const positions = new Map();

  // A large graph is placed in one pass (clusters on a sunflower spiral: each node beside its best-connected
  // neighbour, hubs outwards by size); a force layout (cose) runs for small graphs or when asked.
  function clusters(nodes, edges) {
    const adjacent = new Map(nodes.map((n) => [n.id, []]));
    for (const e of edges) { adjacent.get(e.source)?.push(e.target); adjacent.get(e.target)?.push(e.source); }
    const degree = (id) => adjacent.get(id)?.length || 0;
    const anchor = new Map();
    for (const [id, around] of adjacent) {
      let best = id, most = degree(id);
      for (const m of around) { const d = degree(m); if (d > most || (d === most && m < best)) { best = m; most = d; } }
      anchor.set(id, best);
    }
    const groups = new Map();
    for (const [id, a] of anchor) { const root = anchor.get(a) === a ? a : id; (groups.get(root) || groups.set(root, []).get(root)).push(id); }
    const golden = Math.PI * (3 - Math.sqrt(5));
    const order = [...groups.entries()].sort((x, y) => y[1].length - x[1].length);
    const pos = {};
    let radius = 0;
    order.forEach(([root, ids], i) => {
      const size = 9 * Math.sqrt(ids.length) + 12;
      radius = i === 0 ? 0 : Math.max(radius + size * 0.35, 40 * Math.sqrt(i));
      const cx = radius * Math.cos(i * golden) * 1.6, cy0 = radius * Math.sin(i * golden);
      ids.sort((a, b) => (a === root ? -1 : b === root ? 1 : 0)).forEach((id, j) => {
        pos[id] = { x: cx + 8 * Math.sqrt(j) * Math.cos(j * golden), y: cy0 + 8 * Math.sqrt(j) * Math.sin(j * golden) };
      });
    });
    return pos;
  }

  const SMALL = 400;
  // fit the viewport to preset positions without asking cytoscape for bounding boxes (which would resolve the
  // style of every element before the first frame)
  function frame(pos) {
    let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    for (const p of Object.values(pos)) { x1 = Math.min(x1, p.x); y1 = Math.min(y1, p.y); x2 = Math.max(x2, p.x); y2 = Math.max(y2, p.y); }
    const w = canvas.clientWidth || 800, hgt = canvas.clientHeight || 600;
    const zoom = Math.min(w / (x2 - x1 + 60), hgt / (y2 - y1 + 60), 2);
    cy.viewport({ zoom, pan: { x: w / 2 - zoom * (x1 + x2) / 2, y: hgt / 2 - zoom * (y1 + y2) / 2 } });
  }
  function layout() {
    const n = cy.nodes().length;
    cy.layout({ name: "cose", animate: false, randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 70,
      numIter: n > 2000 ? 300 : 1000 }).run();
    cy.fit(undefined, 30);
  }

  function place(id, edges) {
    const pts = [];
    for (const e of edges) {
      const other = e.source === id ? e.target : e.target === id ? e.source : null;
      const n = other && cy.getElementById(other);
      if (n && n.length && !n.hasClass("new")) pts.push(n.position());
    }
    const bb = cy.nodes().length ? cy.nodes().boundingBox() : { x1: 0, y1: 0, w: 400, h: 300 };
    const jitter = () => (Math.random() - 0.5) * 60;
    if (pts.length) return { x: pts.reduce((a, p) => a + p.x, 0) / pts.length + jitter(),
      y: pts.reduce((a, p) => a + p.y, 0) / pts.length + jitter() };
    return { x: bb.x1 + Math.random() * (bb.w || 400), y: bb.y1 + Math.random() * (bb.h || 300) };
  }

  function report(g, nodeCount, edgeCount) {
    canvas.dataset.nodes = String(nodeCount);
    canvas.dataset.edges = String(edgeCount);
    canvas.dataset.asOf = g.as_of;
    canvas.dataset.renderer = drawn;
    status.textContent = `${g.as_of}: ${nodeCount} actors, ${edgeCount} relations` +
      (g.preview ? " (a first cut: the rest is on its way)" : g.truncated ? ` (cut at ${g.limit}: focus an actor to see all of its neighbourhood)` : "") +
      (g.focus ? `, around ${g.focus} to depth ${g.depth}` : "");
    hook.lastGraph = g;
  }

  function painted(g) {
    const t = performance.now();
    if (hook.firstPaint === null) hook.firstPaint = t;
    if (!g.preview && hook.fullPaint === null) hook.fullPaint = t;
  }

  // thousands of edges: on the canvas, nodes where they stood (new ones beside a neighbour), or placed afresh
  // by `clusters` when nothing is drawn yet or the last answer was a first cut
  function applyCanvas(g, fresh) {
    if (!flat) {
      flat = canvasGraph(canvas, { onNode: (n) => nodePanel(n.id, n.label, n.type, flat.edgesOf(n.id)),
        onEdge: (e) => factPanel(side, e.id) });
      hook.flat = flat;
    }
    if (drawn !== "canvas") {
      cy.nodes().forEach((n) => positions.set(n.id(), { ...n.position() }));
      cy.elements().remove();
      drawn = "canvas";
      flat.show(true);
    }
    const relayout = fresh || !positions.size;
    if (relayout) { positions.clear(); for (const [id, p] of Object.entries(clusters(g.nodes, g.edges))) positions.set(id, p); }
    for (const n of g.nodes) {
      if (positions.has(n.id)) continue;
      const near = g.edges.filter((e) => e.source === n.id || e.target === n.id)
        .map((e) => positions.get(e.source === n.id ? e.target : e.source)).filter(Boolean);
      const jitter = () => (Math.random() - 0.5) * 40;
      positions.set(n.id, near.length ? { x: near[0].x + jitter(), y: near[0].y + jitter() } : { x: jitter() * 10, y: jitter() * 10 });
    }
    const nodes = g.nodes.map((n) => ({ ...nodeData(n), ...positions.get(n.id) }));
    const edges = g.edges.map((e) => ({ id: e.fact_id, source: e.source, target: e.target, predicate: e.predicate,
      colour: PREDICATE_COLOURS[e.predicate] || "#999" }));
    flat.set(nodes, edges, relayout);
    report(g, nodes.length, edges.length);
    requestAnimationFrame(() => painted(g));  // after the canvas's own frame callback: the graph is drawn
  }

  function apply(g, fresh = false) {
    if (state.canvasOnly || g.edges.length > BIG || g.preview) return applyCanvas(g, fresh);
    if (drawn === "canvas") { flat.show(false); drawn = "cy"; }
    const firstLoad = cy.nodes().length === 0;
    const nodes = new Map(g.nodes.map((n) => [n.id, n]));
    const edges = new Map(g.edges.map((e) => [e.fact_id, e]));
    const preset = firstLoad && nodes.size > SMALL ? clusters(g.nodes, g.edges) : null;
    if (firstLoad && g.edges.length > 3000 !== big) { big = g.edges.length > 3000; cy.style(styles(big)); }
    cy.batch(() => {
      cy.elements().forEach((el) => {
        const keep = el.isNode() ? nodes.has(el.id()) : edges.has(el.id());
        if (!keep) el.addClass("leaving"); else el.removeClass("leaving");
      });
      const fresh = [];
      for (const n of nodes.values()) {
        const el = cy.getElementById(n.id);
        if (!el.length) fresh.push({ group: "nodes", data: nodeData(n), classes: "new", position: preset?.[n.id] });
        else el.data("label", n.name);
      }
      cy.add(fresh);
      cy.nodes(".new").forEach((n) => { if (!firstLoad) n.position(place(n.id(), g.edges)); });
      cy.nodes(".new").removeClass("new");
      cy.add(g.edges.filter((e) => !cy.getElementById(e.fact_id).length).map((e) => ({ group: "edges", data: edgeData(e) })));
      cy.nodes().removeClass("focus");
      if (g.focus) cy.getElementById(g.focus).addClass("focus");
    });
    if (firstLoad && cy.nodes().length) { if (nodes.size <= SMALL) layout(); else frame(preset); }
    clearTimeout(timer);
    timer = setTimeout(() => cy.remove(".leaving"), FADE_MS + 50);
    report(g, nodes.size, edges.size);
    if (hook.fullPaint === null && cy.nodes().length) {
      const tRequested = performance.now();
      cy.one("render", () => { painted(g); hook.renderMs = performance.now() - tRequested; });
      cy.forceRender?.();
    }
  }

  async function load() {
    if (!alive) return;
    const mine = ++ticket;
    const q = { as_of: state.asOf, predicate: [...state.predicates], node_type: [...state.types], limit: state.limit,
      detail: "compact" };
    if (state.focus) Object.assign(q, { focus: state.focus, depth: state.depth });
    canvas.dataset.loading = "1";
    try {
      const t0 = performance.now();
      hook.tFetchStart = hook.tFetchStart ?? t0;
      const whole = get("/graph", q);
      whole.catch(() => {});  // awaited below; a failure there is reported once
      let previewed = false;
      if (!state.focus && state.limit > BIG && hook.fullPaint === null) {  // the first big answer: a first cut
        const cut = await get("/graph", { ...q, limit: PREVIEW });
        if (mine !== ticket || !alive) return;
        if (cut.truncated) { apply({ ...cut, preview: true }); previewed = true; }
      }
      const g = await whole;
      if (mine !== ticket || !alive) return;
      const t1 = performance.now();
      apply(g, previewed);
      hook.timings = { fetch: t1 - t0, apply: performance.now() - t1 };
    } catch (e) {
      if (mine === ticket) status.textContent = e.message;
    } finally { if (mine === ticket) delete canvas.dataset.loading; }
    const url = new URLSearchParams({ as_of: state.asOf });
    if (state.focus) { url.set("focus", state.focus); url.set("depth", state.depth); }
    history.replaceState(null, "", `#/network?${url}`);
  }
  const refresh = debounce(load, 120);

  function setDate(t, fromSlider = false) {
    state.asOf = iso(t);
    dateLabel.textContent = state.asOf;
    dateInput.value = state.asOf;
    if (!fromSlider) slider.value = Math.round((t - first) / DAY);
    refresh();
  }
  slider.addEventListener("input", () => setDate(first + Number(slider.value) * DAY, true));
  dateInput.addEventListener("change", () => { if (dateInput.value) setDate(Date.parse(dateInput.value)); });
  depth.addEventListener("change", () => { state.depth = Number(depth.value); if (state.focus) refresh(); });
  let playing = null;
  play.addEventListener("click", () => {
    if (playing) { clearInterval(playing); playing = null; play.textContent = "▶ Play"; return; }
    play.textContent = "❚❚ Pause";
    playing = setInterval(() => {
      const next = Date.parse(state.asOf) + 30 * DAY;
      if (next > last) { clearInterval(playing); playing = null; play.textContent = "▶ Play"; return; }
      setDate(next);
    }, 900);
  });
  focusInput.addEventListener("input", debounce(async () => {
    const q = focusInput.value.trim();
    if (q.length < 2) return;
    try {
      const found = await get("/search", { q, limit: 10 });
      clear(suggestions).append(...found.actors.map((a) => h("option", { value: a.id }, a.name)));
    } catch { /* suggestions are optional */ }
  }, 200));

  function nodePanel(id, label, type, around) {
    clear(side).append(h("h3", {}, label), h("p", {}, type.replace(/_/g, " "), " · ", h("span", { class: "mono" }, id)),
      h("p", {}, h("a", { href: `#/actor/${enc(id)}` }, "Actor page"), " · ",
        h("a", { href: "#", onclick: (e) => { e.preventDefault(); state.focus = id; focusInput.value = id; refresh(); } },
          "Ego network")),
      h("ul", {}, around.map((e) => h("li", {},
        h("a", { href: "#", onclick: (x) => { x.preventDefault(); factPanel(side, e.id); } },
          `${e.source} ${e.predicate.replace(/_/g, " ")} ${e.target}`)))));
  }
  cy.on("tap", "node", (ev) => {
    const n = ev.target.data();
    nodePanel(n.id, n.label, n.type, ev.target.connectedEdges().map((e) => e.data()));
  });
  cy.on("tap", "edge", (ev) => factPanel(side, ev.target.id()));
  load();
  return () => { alive = false; clearTimeout(timer); if (playing) clearInterval(playing); flat?.destroy(); cy.destroy(); };
}

