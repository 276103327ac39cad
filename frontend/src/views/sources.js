// Sources: a document with every extracted fact and event highlighted at its exact span; click a highlight
// for what was found there; ?fact=ID (or ?focus=START-END) marks one fact's spans and scrolls to them.
import { get, enc } from "../api.js";
import { h, clear, debounce } from "../dom.js";
import { factPanel, eventPanel } from "../fact.js";

function segments(text, annotations) {
  const cuts = new Set([0, text.length]);
  for (const a of annotations) { cuts.add(a.char_start); cuts.add(a.char_end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const lo = points[i], hi = points[i + 1];
    out.push({ lo, hi, covering: annotations.filter((a) => a.char_start <= lo && a.char_end >= hi) });
  }
  return out;
}

function renderText(doc, focus, onPick) {
  const body = h("div", { class: "doctext", id: "doctext" });
  for (const seg of segments(doc.text, doc.annotations)) {
    const piece = doc.text.slice(seg.lo, seg.hi);
    if (!seg.covering.length) { body.append(piece); continue; }
    const kinds = new Set(seg.covering.map((a) => a.kind));
    const focused = seg.covering.some((a) => focus(a, seg));
    const mark = h("mark", { class: [...kinds].join(" ") + (focused ? " focused" : "") + (seg.covering.length > 1 ? " multi" : ""),
      title: seg.covering.map((a) => a.label).join("\n"), dataset: { ids: seg.covering.map((a) => a.id).join(" ") },
      tabindex: 0, onclick: () => onPick(seg.covering) }, piece);
    body.append(mark);
  }
  return body;
}

async function documentInto(pane, side, docId, params) {
  clear(pane).append(h("p", { class: "muted" }, "Loading…"));
  let doc;
  try { doc = await get(`/documents/${docId.split("/").map(enc).join("/")}`); } catch (e) { clear(pane).append(h("p", { class: "error" }, e.message)); return; }
  const fact = params.get("fact"), focusSpan = params.get("focus");
  const [flo, fhi] = focusSpan ? focusSpan.split("-").map(Number) : [null, null];
  const focus = (a, seg) => (fact && a.id === fact) || (flo !== null && seg.lo >= flo && seg.hi <= fhi);
  const pick = (covering) => {
    clear(side).append(h("h3", {}, `${covering.length} finding(s) here`), h("ul", { class: "findings" }, covering.map((a) => h("li", {},
      h("a", { href: "#", dataset: { id: a.id }, onclick: (ev) => { ev.preventDefault(); a.kind === "fact" ? factPanel(side, a.id) : eventPanel(side, a.id); } },
        `${a.kind}: ${a.label}`), ` (${a.confidence.toFixed(2)}${a.status ? ", " + a.status : ""})`))));
    if (covering.length === 1) (covering[0].kind === "fact" ? factPanel : eventPanel)(side, covering[0].id);
  };
  clear(pane).append(h("h2", { id: "doc-title" }, doc.title || doc.id),
    h("p", { class: "muted" }, [doc.published ? `published ${doc.published}` : "no publication date", doc.source ? ` · ${doc.source}` : "",
      " · ", h("span", { class: "mono" }, doc.id)], doc.url ? [" · ", h("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null),
    h("p", { class: "legend" }, h("mark", { class: "fact" }, "fact"), " ", h("mark", { class: "event" }, "event"), " ",
      h("mark", { class: "fact focused" }, "the fact asked about"), ` · ${doc.annotations.length} spans`),
    renderText(doc, focus, pick));
  const first = pane.querySelector("mark.focused");
  if (first) { first.scrollIntoView({ block: "center" }); if (fact) factPanel(side, fact); }
}

export function sourcesView(root, docId, params) {
  const list = h("ol", { class: "doclist", id: "doclist" });
  const search = h("input", { placeholder: "title or id", id: "doc-search", size: 20 });
  const more = h("button", { type: "button" }, "More");
  const pane = h("div", { class: "document", id: "document" }, h("p", { class: "muted" }, "Pick a document."));
  const side = h("aside", { class: "side", id: "sources-side" }, h("p", { class: "muted" }, "Click a highlight."));
  let offset = 0;
  async function page(reset) {
    if (reset) { offset = 0; clear(list); }
    const found = await get("/documents", { q: search.value.trim(), limit: 50, offset });
    list.append(...found.items.map((d) => h("li", {}, h("a", { href: `#/sources/${enc(d.id)}` }, d.title || d.id),
      h("small", {}, ` ${d.published || ""}`))));
    offset = found.next_offset ?? offset;
    more.hidden = found.next_offset === null;
  }
  search.addEventListener("input", debounce(() => page(true), 250));
  more.addEventListener("click", () => page(false));
  clear(root).append(h("section", { class: "sources" }, h("nav", { class: "docs" }, h("h3", {}, "Documents"), search, list, more), pane, side));
  page(true);
  if (docId) documentInto(pane, side, docId, params);
}
