// A plain 2D-canvas drawing for graphs of thousands of edges, where cytoscape.js spends seconds on styles and
// its first frame: edges as straight lines stroked once per colour, nodes as squares filled once per colour,
// pan by dragging, zoom with the wheel, a click picks the nearest node (or else edge) on screen.
const PICK_PX = 7;

export function canvasGraph(container, { onNode, onEdge } = {}) {
  const canvas = document.createElement("canvas");
  canvas.className = "canvas-graph";
  container.appendChild(canvas);
  const ctx = canvas.getContext("2d");
  let nodes = [], edges = [], byId = new Map(), view = { zoom: 1, x: 0, y: 0 }, queued = false, selected = null;
  const listeners = [];

  function size() {
    const ratio = window.devicePixelRatio || 1;
    const w = container.clientWidth || 800, h = container.clientHeight || 600;
    canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio);
    canvas.style.width = `${w}px`; canvas.style.height = `${h}px`;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return { w, h };
  }

  function draw() {
    queued = false;
    const { w, h } = { w: canvas.clientWidth, h: canvas.clientHeight };
    ctx.clearRect(0, 0, w, h);
    const sx = (p) => p.x * view.zoom + view.x, sy = (p) => p.y * view.zoom + view.y;
    const lines = new Map();
    for (const e of edges) (lines.get(e.colour) || lines.set(e.colour, []).get(e.colour)).push(e);
    ctx.lineWidth = 1; ctx.globalAlpha = 0.55;
    for (const [colour, list] of lines) {
      ctx.strokeStyle = colour; ctx.beginPath();
      for (const e of list) { const a = byId.get(e.source), b = byId.get(e.target); if (!a || !b) continue;
        ctx.moveTo(sx(a), sy(a)); ctx.lineTo(sx(b), sy(b)); }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    const dots = new Map();
    for (const n of nodes) (dots.get(n.colour) || dots.set(n.colour, []).get(n.colour)).push(n);
    const r = Math.max(2, Math.min(6, 4 * Math.sqrt(view.zoom)));
    for (const [colour, list] of dots) {
      ctx.fillStyle = colour;
      for (const n of list) { const d = n.type === "coalition" ? 2 * r : r; ctx.fillRect(sx(n) - d / 2, sy(n) - d / 2, d, d); }
    }
    if (selected) {
      ctx.strokeStyle = "#000"; ctx.lineWidth = 2; ctx.font = "12px sans-serif"; ctx.fillStyle = "#000";
      const n = byId.get(selected);
      if (n) { ctx.strokeRect(sx(n) - 6, sy(n) - 6, 12, 12); ctx.fillText(n.label, sx(n) + 8, sy(n) - 8); }
    }
  }
  const redraw = () => { if (!queued) { queued = true; requestAnimationFrame(draw); } };

  function pick(px, py) {
    const x = (px - view.x) / view.zoom, y = (py - view.y) / view.zoom, reach = PICK_PX / view.zoom;
    let best = null, bestD = reach * reach;
    for (const n of nodes) { const d = (n.x - x) ** 2 + (n.y - y) ** 2; if (d < bestD) { best = n; bestD = d; } }
    if (best) return { node: best };
    let edge = null, edgeD = reach * reach;
    for (const e of edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      if (!a || !b) continue;
      const dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy || 1;
      const t = Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / len));
      const d = (a.x + t * dx - x) ** 2 + (a.y + t * dy - y) ** 2;
      if (d < edgeD) { edge = e; edgeD = d; }
    }
    return edge ? { edge } : {};
  }

  let drag = null;
  const on = (el, type, fn, opts) => { el.addEventListener(type, fn, opts); listeners.push([el, type, fn]); };
  on(canvas, "mousedown", (ev) => { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false }; });
  on(window, "mousemove", (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (drag.moved) { view.x = drag.vx + dx; view.y = drag.vy + dy; redraw(); }
  });
  on(window, "mouseup", (ev) => {
    if (!drag) return;
    const moved = drag.moved; drag = null;
    if (moved) return;
    const box = canvas.getBoundingClientRect();
    const hit = pick(ev.clientX - box.left, ev.clientY - box.top);
    if (hit.node) { selected = hit.node.id; redraw(); onNode?.(hit.node); } else if (hit.edge) onEdge?.(hit.edge);
  });
  on(canvas, "wheel", (ev) => {
    ev.preventDefault();
    const box = canvas.getBoundingClientRect(), px = ev.clientX - box.left, py = ev.clientY - box.top;
    const factor = Math.exp(-ev.deltaY * 0.0015), zoom = Math.min(8, Math.max(0.02, view.zoom * factor));
    view.x = px - (px - view.x) * (zoom / view.zoom); view.y = py - (py - view.y) * (zoom / view.zoom); view.zoom = zoom;
    redraw();
  }, { passive: false });

  return {
    canvas,
    // nodes: [{id, label, type, colour, x, y}], edges: [{id, source, target, predicate, colour}]
    set(newNodes, newEdges, fit = false) {
      nodes = newNodes; edges = newEdges; byId = new Map(nodes.map((n) => [n.id, n]));
      if (selected && !byId.has(selected)) selected = null;
      const { w, h } = size();
      if (fit && nodes.length) {
        let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
        for (const n of nodes) { x1 = Math.min(x1, n.x); y1 = Math.min(y1, n.y); x2 = Math.max(x2, n.x); y2 = Math.max(y2, n.y); }
        const zoom = Math.min(w / (x2 - x1 + 60), h / (y2 - y1 + 60), 2);
        view = { zoom, x: w / 2 - zoom * (x1 + x2) / 2, y: h / 2 - zoom * (y1 + y2) / 2 };
      }
      redraw();
    },
    // where a node is drawn, in page coordinates (for tests and tooltips)
    screenOf(id) {
      const n = byId.get(id), box = canvas.getBoundingClientRect();
      return n ? { x: box.left + n.x * view.zoom + view.x, y: box.top + n.y * view.zoom + view.y } : null;
    },
    edgesOf: (id) => edges.filter((e) => e.source === id || e.target === id),
    show(on) { canvas.style.display = on ? "" : "none"; },
    destroy() { for (const [el, type, fn] of listeners) el.removeEventListener(type, fn); canvas.remove(); },
  };
}
