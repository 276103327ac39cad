// Ingest: pasted text, an uploaded file, or a URL the user gives (fetched by the server, public addresses only).
import { post } from "../api.js";
import { h, clear, toast } from "../dom.js";

export function ingestView(root) {
  const out = h("div", { id: "ingest-result" });
  const show = (r) => {
    clear(out).append(h("p", {}, `Stored: ${Object.entries(r.counts).map(([k, v]) => `${k.replace(/_/g, " ")} ${v}`).join(", ")}`),
      h("ul", {}, r.documents.map((d) => h("li", {}, h("a", { href: `#/sources/${encodeURIComponent(d)}` }, d)))));
  };
  const run = (fn) => async (ev) => {
    ev.preventDefault();
    const button = ev.target.querySelector("button");
    button.disabled = true;
    clear(out).append(h("p", { class: "muted" }, "Extracting… (the first document loads the language model)"));
    try { show(await fn()); } catch (e) { clear(out); toast(e.message, "error"); } finally { button.disabled = false; }
  };
  const text = h("textarea", { rows: 10, cols: 80, placeholder: "Paste a report in English", id: "paste" });
  const title = h("input", { placeholder: "title (optional)", size: 40 });
  const published = h("input", { placeholder: "published (YYYY-MM-DD)", size: 16 });
  const file = h("input", { type: "file", accept: ".txt,.html,.htm,.jsonl" });
  const filePublished = h("input", { placeholder: "published (YYYY-MM-DD)", size: 16 });
  const url = h("input", { type: "url", placeholder: "https://…", size: 50 });
  clear(root).append(h("section", { class: "page ingest" }, h("h2", {}, "Ingest"),
    h("form", { onsubmit: run(() => post("/ingest/text", { text: text.value, title: title.value || null, published: published.value || null })) },
      h("h3", {}, "Paste text"), title, published, text, h("button", {}, "Extract and store")),
    h("form", { onsubmit: run(() => { const f = new FormData(); f.append("file", file.files[0]); if (filePublished.value) f.append("published", filePublished.value); return post("/ingest/file", null, f); }) },
      h("h3", {}, "Upload a file"), file, filePublished, h("button", {}, "Upload")),
    h("form", { onsubmit: run(() => post("/ingest/url", { url: url.value })) },
      h("h3", {}, "Fetch a URL"), url, h("button", {}, "Fetch")), out));
}
