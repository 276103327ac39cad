// Review: the queue of unreviewed facts that are contradicted or of low confidence, each with its sentences
// and accept / reject / edit; merging and splitting actors. Every change is stored with author and time.
import { get, post } from "../api.js";
import { h, clear, when, toast } from "../dom.js";
import { reviewButtons, sentencesInto, needAuthor } from "../fact.js";

function item(q, onDone) {
  const sources = h("div", { class: "sentences" });
  const row = h("li", { class: "queue-item", dataset: { fact: q.fact_id } },
    h("div", { class: "what" }, h("strong", {}, `${q.subject} ${q.predicate.replace(/_/g, " ")} ${q.object}`),
      ` · ${when(q.start)} · confidence ${q.confidence.toFixed(2)} · ${q.sources} source(s)`,
      h("div", { class: "reasons" }, q.reasons.map((r) => h("span", { class: "chip warn" }, r))),
      q.contradictions.length ? h("ul", { class: "contradictions" }, q.contradictions.map((c) => h("li", {}, c))) : null),
    reviewButtons(q.fact_id, q.status, (r) => onDone(row, r)),
    h("button", { class: "link", onclick: () => sentencesInto(sources, q.fact_id) }, "Show the sentences"), sources);
  return row;
}

function actorForms() {
  const src = h("input", { placeholder: "actor (merged away)", name: "source" });
  const dst = h("input", { placeholder: "into actor", name: "target" });
  const actor = h("input", { placeholder: "actor", name: "actor" });
  const newId = h("input", { placeholder: "new id (a-z, 0-9, -)", name: "new_id" });
  const docs = h("input", { placeholder: "document ids, comma separated (empty: undo a merge)", name: "docs", size: 40 });
  const submit = (path, body) => async (ev) => {
    ev.preventDefault();
    const author = needAuthor();
    if (!author) return;
    try { const r = await post(path, { ...body(), author }); toast(`${r.action}: ${r.source} → ${r.target}`); }
    catch (e) { toast(e.message, "error"); }
  };
  return h("div", { class: "actor-forms" },
    h("form", { id: "merge-form", onsubmit: submit("/review/merge", () => ({ source: src.value, target: dst.value })) },
      h("h3", {}, "Merge two actors"), src, dst, h("button", {}, "Merge")),
    h("form", { id: "split-form", onsubmit: submit("/review/split", () => ({ actor: actor.value, new_id: newId.value,
      docs: docs.value.split(",").map((d) => d.trim()).filter(Boolean) })) },
      h("h3", {}, "Split an actor"), actor, newId, docs, h("button", {}, "Split")));
}

export function reviewView(root) {
  const list = h("ol", { class: "queue", id: "queue" });
  const threshold = h("input", { type: "range", min: 0.1, max: 1, step: 0.05, value: 0.6, id: "threshold" });
  const shown = h("output", {}, "0.60");
  const more = h("button", { type: "button" }, "More");
  let offset = 0;
  const done = (row, r) => { row.classList.add("reviewed", r.status || "edited"); };
  async function page(reset) {
    if (reset) { offset = 0; clear(list); }
    try {
      const found = await get("/review/queue", { max_confidence: threshold.value, limit: 25, offset });
      list.append(...found.items.map((q) => item(q, done)));
      if (reset && !found.items.length) list.append(h("li", { class: "muted" }, "Nothing waits for review at this threshold."));
      offset = found.next_offset ?? offset;
      more.hidden = found.next_offset === null;
    } catch (e) { list.append(h("li", { class: "error" }, e.message)); }
  }
  threshold.addEventListener("input", () => { shown.textContent = Number(threshold.value).toFixed(2); });
  threshold.addEventListener("change", () => page(true));
  more.addEventListener("click", () => page(false));
  clear(root).append(h("section", { class: "page review" }, h("h2", {}, "Review queue"),
    h("p", { class: "muted" }, "Unreviewed facts that are contradicted (first) or less confident than ", threshold, " ", shown, "."),
    list, more, actorForms()));
  page(true);
}
