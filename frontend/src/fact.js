// One fact or event in a side panel: what it says, its dates and confidence, the sentences behind it (each
// span marked inside its sentence, linked to its document), and the analyst's review buttons.
import { get, post, enc, identity } from "./api.js";
import { h, append, clear, when, toast } from "./dom.js";

export function sentenceNode(s) {
  return h("blockquote", { class: "sentence" },
    s.sentence.slice(0, s.start), h("mark", { class: "span" }, s.sentence.slice(s.start, s.end)),
    s.sentence.slice(s.end),
    h("footer", {}, h("a", { href: `#/sources/${enc(s.doc)}?focus=${enc(s.char_start + "-" + s.char_end)}` },
      s.title || s.doc), ` · characters ${s.char_start}–${s.char_end}`));
}

export async function sentencesInto(el, target) {
  clear(el).appendChild(h("p", { class: "muted" }, "Loading sources…"));
  try {
    const found = await get("/sentences", { target });
    clear(el);
    if (!found.length) el.appendChild(h("p", { class: "muted" }, "No source span stored."));
    for (const s of found) el.appendChild(sentenceNode(s));
  } catch (e) { clear(el).appendChild(h("p", { class: "error" }, e.message)); }
}

export function needAuthor() {
  if (!identity.token) { toast("Reviews need the server's token: set it under 'token' (top right).", "error"); return null; }
  if (!identity.author) { toast("Give your name under 'author' (top right): reviews are stored with it.", "error"); return null; }
  return identity.author;
}

export async function review(target, action, extra = {}) {
  const author = needAuthor();
  if (!author) return null;
  try {
    const result = await post(`/review/${action}/${target.split("/").map(enc).join("/")}`, { author, ...extra });
    toast(`${action === "edit" ? "edited" : action + "ed"}: ${target}`);
    return result;
  } catch (e) { toast(e.message, "error"); return null; }
}

function editForm(target, isFact, done) {
  const start = h("input", { name: "start", placeholder: "start (YYYY-MM-DD or none)", size: 14 });
  const end = h("input", { name: "end", placeholder: "end", size: 14 });
  const confidence = h("input", { name: "confidence", type: "number", min: 0, max: 1, step: 0.05, placeholder: "confidence" });
  const note = h("input", { name: "note", placeholder: "note", size: 24 });
  const form = h("form", { class: "edit", onsubmit: async (ev) => {
    ev.preventDefault();
    const body = { note: note.value || null };
    if (isFact && start.value) body.start = start.value;
    if (isFact && end.value) body.end = end.value;
    if (isFact && confidence.value) body.confidence = Number(confidence.value);
    const result = await review(target, "edit", body);
    if (result) done(result);
  } }, isFact ? [start, end, confidence] : [], note, h("button", { type: "submit" }, "Save edit"));
  return form;
}

export function reviewButtons(target, status, onChange, isFact = true) {
  const box = h("div", { class: "review-buttons" });
  const badge = h("span", { class: `status ${status || "unreviewed"}` }, status || "unreviewed");
  const act = (action) => async () => {
    const r = await review(target, action);
    if (r) { badge.textContent = r.status || "edited"; badge.className = `status ${r.status}`; onChange?.(r); }
  };
  const editBox = h("div");
  box.append(badge, h("button", { class: "accept", onclick: act("accept") }, "Accept"),
    h("button", { class: "reject", onclick: act("reject") }, "Reject"),
    h("button", { onclick: () => { clear(editBox).appendChild(editForm(target, isFact, (r) => {
      badge.textContent = r.status || "edited"; clear(editBox); onChange?.(r); })); } }, "Edit…"), editBox);
  return box;
}

export async function factPanel(el, factId) {
  clear(el).appendChild(h("p", { class: "muted" }, "Loading…"));
  let f;
  try { f = await get(`/facts/${enc(factId)}`); } catch (e) { clear(el).appendChild(h("p", { class: "error" }, e.message)); return; }
  const sources = h("div", { class: "sentences" });
  append(clear(el), [
    h("h3", {}, h("a", { href: `#/actor/${enc(f.subject)}` }, f.subject), ` ${f.predicate.replace("_", " ")} `,
      h("a", { href: `#/actor/${enc(f.object)}` }, f.object)),
    h("dl", {}, h("dt", {}, "from"), h("dd", {}, when(f.start)), h("dt", {}, "until"), h("dd", {}, f.end ? when(f.end) : "—"),
      h("dt", {}, "confidence"), h("dd", {}, f.confidence.toFixed(2)), h("dt", {}, "sources"), h("dd", {}, String(f.sources)),
      h("dt", {}, "fact"), h("dd", { class: "mono" }, f.fact_id)),
    f.negated ? h("p", { class: "warn" }, "Every report of this denies it.") : null,
    f.contradictions.length ? h("ul", { class: "contradictions" }, f.contradictions.map((c) => h("li", {}, c))) : null,
    reviewButtons(f.fact_id, f.status, () => factPanel(el, factId)),
    h("h4", {}, "Sentences behind it"), sources,
    f.reviews.length ? h("div", {}, h("h4", {}, "Reviews"), h("ul", {}, f.reviews.map((r) =>
      h("li", {}, `${r.action} by ${r.author} at ${r.created_at.slice(0, 19).replace("T", " ")}`)))) : null]);
  sentencesInto(sources, f.fact_id);
}

export async function eventPanel(el, key) {
  clear(el).appendChild(h("p", { class: "muted" }, "Loading…"));
  let e;
  try { e = await get(`/events/${key.split("/").map(enc).join("/")}`); } catch (err) { clear(el).appendChild(h("p", { class: "error" }, err.message)); return; }
  const sources = h("div", { class: "sentences" });
  append(clear(el), [h("h3", {}, `${e.type.replace(/_/g, " ")}: ${e.summary || ""}`),
    h("dl", {}, h("dt", {}, "when"), h("dd", {}, when(e.date)), h("dt", {}, "where"),
      h("dd", {}, e.place ? `${e.place.name}${e.place.admin1 ? ", " + e.place.admin1 : ""} (${e.place.country || "?"})` : "?"),
      h("dt", {}, "fatalities"), h("dd", {}, e.fatalities ?? "—"), h("dt", {}, "confidence"), h("dd", {}, e.confidence.toFixed(2))),
    h("ul", { class: "participants" }, e.participants.map((p) => h("li", {}, h("a", { href: `#/actor/${enc(p.actor)}` }, p.actor), ` (${p.role})`))),
    reviewButtons(e.event_key, e.status, null, false), h("h4", {}, "Sentences behind it"), sources]);
  sentencesInto(sources, e.event_key);
}
